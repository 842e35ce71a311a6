// The live feed: an EventSource on /feed/events (the ledger's SSE stream, with the page's filters). EventSource
// reconnects by itself after a lost connection and sends the last id it received as Last-Event-ID, so the stream
// resumes there. window.ledgerFeed.reconnect() closes the stream and opens it again after the last id received.
(function () {
  var list = document.getElementById('feed');
  if (!list) { return; }
  var status = document.getElementById('feed-status');
  var last = document.getElementById('feed-last');
  var empty = document.getElementById('feed-empty');
  var source = list.getAttribute('data-source');
  var lastId = null;
  var stream = null;

  function text(tag, className, value) {
    var element = document.createElement(tag);
    element.className = className;
    element.textContent = value;
    return element;
  }

  function show(message) {
    var event;
    try { event = JSON.parse(message.data); } catch (e) { return; }
    lastId = message.lastEventId || lastId;
    last.textContent = lastId;
    empty.hidden = true;
    var item = document.createElement('li');
    item.id = 'event-' + event.ledgerposition;
    item.setAttribute('data-type', message.type);
    item.appendChild(text('strong', 'type', message.type));
    item.appendChild(document.createTextNode(' '));
    item.appendChild(text('span', 'subject', event.subject || ''));
    item.appendChild(document.createTextNode(' · effective '));
    item.appendChild(text('span', 'effective', event.effectivedate || '—'));
    item.appendChild(document.createTextNode(' · recorded '));
    item.appendChild(text('span', 'recorded', event.time));
    item.appendChild(document.createTextNode(' · position '));
    item.appendChild(text('span', 'position', event.ledgerposition));
    var details = document.createElement('details');
    details.appendChild(text('summary', 'open-json', 'CloudEvent'));
    details.appendChild(text('pre', 'event-json', JSON.stringify(event, null, 2)));
    item.appendChild(details);
    list.insertBefore(item, list.firstChild);
  }

  function open(url) {
    stream = new EventSource(url);
    stream.onopen = function () { status.textContent = 'Live'; status.className = 'status-live'; };
    stream.onerror = function () {
      status.className = '';
      status.textContent = stream.readyState === EventSource.CLOSED ? 'Stopped: reload the page' : 'Reconnecting…';
    };
    stream.onmessage = show; // events without a name (none today)
    // Every event is sent under its name (DiplomatExpelled, ...): listen for each the page knows.
    Array.prototype.forEach.call(document.querySelectorAll('#feed-type option'), function (option) {
      stream.addEventListener(option.value, show);
    });
  }

  window.ledgerFeed = {
    reconnect: function () {
      stream.close();
      status.textContent = 'Reconnecting…';
      status.className = '';
      open(lastId === null ? source : source.replace(/([?&])after=\d+/, '$1after=' + lastId));
    },
    close: function () { stream.close(); status.textContent = 'Stopped'; status.className = ''; }
  };
  open(source);
})();
