// A command form (templates/command-form.html): builds the command's JSON from the fields (each names its place in
// the JSON in data-path), sends it to POST /record/{CommandName} (the API's write path under the session, with the
// page's CSRF token and an Idempotency-Key), and shows the answer: the receipt, or the problem's detail above the form
// and each error beside the field it names (aria-invalid, aria-describedby).
(function () {
  var form = document.getElementById('command-form');
  if (!form) { return; }
  var command = form.getAttribute('data-command');
  var problemBox = document.getElementById('form-problem');
  var receiptBox = document.getElementById('receipt');
  var submit = document.getElementById('submit-command');
  var keyBase = form.getAttribute('data-idempotency-key');
  var recorded = 0;

  function fieldsOf(container) {
    // The fields directly in this container: a group's own fields belong to it.
    return Array.prototype.filter.call(container.querySelectorAll('[data-path]'), function (el) {
      var group = el.parentElement.closest('fieldset[data-kind="group"]');
      return container === form ? !group : group === container;
    });
  }

  function key(path) {
    return path.substring(path.lastIndexOf('.') + 1);
  }

  // The value of one field, or undefined when it is left empty. Throws {path, message} for JSON that does not parse.
  function valueOf(el) {
    var kind = el.getAttribute('data-kind');
    if (kind === 'group') {
      var object = collect(el);
      return Object.keys(object).length ? object : undefined;
    }
    if (kind === 'flag') { return el.checked; }
    var raw = el.value;
    if (kind === 'list') {
      var items = raw.split('\n').map(function (s) { return s.trim(); }).filter(function (s) { return s !== ''; });
      return items.length ? items : undefined;
    }
    if (raw.trim() === '') {
      // A number field holding something that is no number reads as empty: say so rather than send nothing.
      if (kind === 'integer' && el.validity && el.validity.badInput) {
        throw { path: el.getAttribute('data-path'), message: 'expected a whole number' };
      }
      return undefined;
    }
    if (kind === 'integer') { return Number(raw); }
    if (kind === 'optional-flag') { return raw === 'true'; }
    if (kind === 'json') {
      try { return JSON.parse(raw); } catch (e) {
        throw { path: el.getAttribute('data-path'), message: 'not valid JSON: ' + e.message };
      }
    }
    return raw;
  }

  function collect(container) {
    var object = {};
    fieldsOf(container).forEach(function (el) {
      var value = valueOf(el);
      if (value !== undefined) { object[key(el.getAttribute('data-path'))] = value; }
    });
    return object;
  }

  // The element of the form for a problem's field: "members[0].name" is shown at "members", "venue.city" at
  // "venue.city", or at "venue" when the form has no such field.
  function elementFor(path) {
    var candidate = path;
    while (candidate) {
      var el = form.querySelector('[data-path="' + candidate.replace(/"/g, '') + '"]');
      if (el) { return el; }
      var cut = Math.max(candidate.lastIndexOf('.'), candidate.lastIndexOf('['));
      candidate = cut > 0 ? candidate.substring(0, cut) : '';
    }
    return null;
  }

  function clear() {
    problemBox.hidden = true;
    receiptBox.hidden = true;
    receiptBox.textContent = '';
    Array.prototype.forEach.call(form.querySelectorAll('[aria-invalid]'), function (el) { el.removeAttribute('aria-invalid'); });
    Array.prototype.forEach.call(form.querySelectorAll('.field-error'), function (el) { el.textContent = ''; });
  }

  // Marks the field a message is about; answers whether the form has it.
  function markField(path, message) {
    var el = path ? elementFor(path) : null;
    if (!el) { return false; }
    el.setAttribute('aria-invalid', 'true');
    var error = document.getElementById(el.getAttribute('aria-describedby').split(' ').pop());
    error.textContent = (error.textContent ? error.textContent + '; ' : '')
      + (path === el.getAttribute('data-path') ? '' : path + ': ') + message;
    return true;
  }

  function showProblem(title, detail, errors) {
    problemBox.querySelector('.problem-title').textContent = title;
    problemBox.querySelector('.problem-detail').textContent = detail || '';
    problemBox.hidden = false;
    var first = null;
    errors.forEach(function (e) {
      if (markField(e.field, e.message) && !first) { first = elementFor(e.field); }
    });
    if (first && first.getAttribute('data-kind') !== 'group') {
      first.focus();
    } else {
      problemBox.focus();
    }
  }

  // The errors a problem names: its list of errors, or its one field with the detail.
  function errorsOf(problem) {
    if (Array.isArray(problem.errors) && problem.errors.length) {
      return problem.errors.filter(function (e) { return e.field; });
    }
    var field = problem.field || problem.parameter;
    return field ? [{ field: field, message: problem.detail }] : [];
  }

  function affectedLink(receipt) {
    if (form.getAttribute('data-can-read') !== 'true') { return null; }
    var affected = form.getAttribute('data-affected');
    var pair = /^([A-Z]{2,8})-([A-Z]{2,8})$/.exec(receipt.aggregateId || '');
    if (affected === 'presence' && pair) {
      return { href: '/presences/' + pair[1] + '/' + pair[2], text: 'The presence ' + pair[1] + ' in ' + pair[2] };
    }
    if (affected === 'relations' && pair) {
      return { href: '/?state=' + pair[1], text: 'The overview for ' + pair[1] };
    }
    if (affected === 'talks') {
      return { href: '/talks', text: 'The talks board' };
    }
    return null;
  }

  function showReceipt(receipt, replayed) {
    var heading = document.createElement('p');
    heading.className = 'receipt-title';
    heading.textContent = (replayed ? 'Already recorded (the same form sent again): ' : 'Recorded: ')
      + receipt.command + ' on record ' + receipt.aggregateId + ', ledger position ' + receipt.position + '.';
    receiptBox.appendChild(heading);
    var list = document.createElement('ul');
    list.className = 'receipt-events';
    (receipt.events || []).forEach(function (event) {
      var item = document.createElement('li');
      item.setAttribute('data-event-id', event.eventId);
      item.setAttribute('data-position', event.position);
      item.innerHTML = '<strong class="event-type"></strong>, event id <code class="event-id"></code>, position <span class="event-position"></span>';
      item.querySelector('.event-type').textContent = event.type;
      item.querySelector('.event-id').textContent = event.eventId;
      item.querySelector('.event-position').textContent = event.position;
      list.appendChild(item);
    });
    receiptBox.appendChild(list);
    var link = affectedLink(receipt);
    if (link) {
      var p = document.createElement('p');
      var a = document.createElement('a');
      a.id = 'receipt-link';
      a.href = link.href;
      a.textContent = link.text;
      p.appendChild(a);
      receiptBox.appendChild(p);
    }
    receiptBox.hidden = false;
    receiptBox.focus();
  }

  form.addEventListener('submit', function (submitEvent) {
    submitEvent.preventDefault();
    clear();
    var payload;
    try {
      payload = collect(form);
    } catch (bad) {
      showProblem('Not sent', 'The form holds a value that cannot be sent; nothing was written.', [{ field: bad.path, message: bad.message }]);
      return;
    }
    var headers = { 'Content-Type': 'application/json', 'Accept': 'application/json, application/problem+json',
      'Idempotency-Key': keyBase + '-' + recorded };
    headers[form.getAttribute('data-csrf-header')] = form.getAttribute('data-csrf-token');
    submit.disabled = true;
    fetch('/record/' + encodeURIComponent(command), { method: 'POST', headers: headers, body: JSON.stringify(payload),
      credentials: 'same-origin' })
      .then(function (response) {
        var type = response.headers.get('Content-Type') || '';
        var body = type.indexOf('json') >= 0 ? response.json() : response.text().then(function () { return null; });
        return body.then(function (json) { return { response: response, json: json }; });
      })
      .then(function (answer) {
        var response = answer.response;
        if (response.ok && answer.json) {
          recorded += 1;
          showReceipt(answer.json, response.headers.get('Idempotent-Replayed') === 'true');
        } else if (answer.json) {
          showProblem(answer.json.title || ('Refused (' + response.status + ')'), answer.json.detail, errorsOf(answer.json));
        } else if (response.status === 403) {
          showProblem('Not for your role', 'Recording facts is for clerks; nothing was written.', []);
        } else {
          showProblem('Not recorded (' + response.status + ')', 'The ledger answered without details; nothing was written. Sign in again if the session ended.', []);
        }
      })
      .catch(function (error) {
        showProblem('Not sent', 'The ledger could not be reached (' + error.message + '); nothing was written.', []);
      })
      .then(function () { submit.disabled = false; });
  });
})();
