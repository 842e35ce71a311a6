// Rebuild buttons: POST /projections/{name}/rebuild (with the page's CSRF token), then poll
// GET /projections/{name}/rebuild every half second and show done/total on a progress bar until the rebuild has
// switched (or failed).
(function () {
  var table = document.getElementById('projections');
  if (!table) { return; }
  var header = { content: table.getAttribute('data-csrf-header') };
  var token = { content: table.getAttribute('data-csrf-token') };
  function show(name, status) {
    var box = document.getElementById('progress-' + name);
    var bar = box.querySelector('progress');
    var text = box.querySelector('.progress-text');
    box.hidden = false;
    bar.max = Math.max(1, status.total);
    bar.value = status.done;
    box.setAttribute('data-state', status.state);
    box.setAttribute('data-done', status.done);
    box.setAttribute('data-total', status.total);
    var words = status.done + ' of ' + status.total + ' events';
    if (status.state === 'RUNNING') {
      text.textContent = 'Running: ' + words;
    } else if (status.state === 'SWITCHED') {
      text.textContent = 'Switched to slot ' + status.into + ': ' + words
        + (status.identical === true ? ', identical to the slot it replaced' : status.identical === false ? ', differs from the slot it replaced' : '');
    } else {
      text.textContent = 'Failed: ' + (status.error || 'see the log');
    }
  }
  function poll(name, button) {
    fetch('/projections/' + encodeURIComponent(name) + '/rebuild', { headers: { 'Accept': 'application/json' } })
      .then(function (response) { return response.status === 200 ? response.json() : null; })
      .then(function (status) {
        if (status) { show(name, status); }
        if (status && status.state === 'RUNNING') {
          setTimeout(function () { poll(name, button); }, 500);
        } else {
          button.disabled = false;
        }
      });
  }
  Array.prototype.forEach.call(document.querySelectorAll('button.rebuild'), function (button) {
    button.addEventListener('click', function () {
      var name = button.getAttribute('data-projection');
      var headers = { 'Accept': 'application/json' };
      headers[header.content] = token.content;
      button.disabled = true;
      fetch('/projections/' + encodeURIComponent(name) + '/rebuild', { method: 'POST', headers: headers })
        .then(function (response) { return response.json().then(function (body) { return { ok: response.ok, body: body }; }); })
        .then(function (answer) {
          if (answer.ok) { show(name, answer.body); }
          poll(name, button);
        });
    });
  });
})();
