// The as-of controls: the year slider moves the date field to the same day of the chosen year and shows the page
// for it. Keyboard: the slider's arrow keys change the year, Enter in any field submits the form.
(function () {
  var form = document.getElementById('time-form');
  if (!form) { return; }
  var slider = document.getElementById('year-slider');
  var date = document.getElementById('asOf');
  var output = document.getElementById('year-output');
  function dayIn(year) {
    var current = date.value || new Date().toISOString().slice(0, 10);
    var month = current.slice(5, 7), day = current.slice(8, 10);
    if (month === '02' && day === '29') { day = '28'; }
    return String(year).padStart(4, '0') + '-' + month + '-' + day;
  }
  slider.addEventListener('input', function () {
    output.textContent = slider.value;
    slider.setAttribute('aria-valuetext', slider.value);
  });
  slider.addEventListener('change', function () {
    date.value = dayIn(slider.value);
    form.submit();
  });
})();
