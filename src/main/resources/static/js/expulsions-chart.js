// The expulsions page's chart: per year, staff A expelled of B (up), staff B expelled of A (down) and the balance.
(function () {
  var element = document.getElementById('expulsions-chart');
  var source = document.getElementById('chart-data');
  if (!element || !source || typeof echarts === 'undefined') { return; }
  var data = JSON.parse(source.textContent);
  var chart = echarts.init(element, null, { renderer: 'canvas' });
  chart.setOption({
    animation: false,
    aria: { enabled: true },
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 56, right: 24, top: 40, bottom: 40 },
    xAxis: { type: 'category', data: data.years.map(String) },
    yAxis: { type: 'value', name: 'staff' },
    series: [
      { name: data.a + ' expelled of ' + data.b, type: 'bar', stack: 'x', barMaxWidth: 48, data: data.aToB, itemStyle: { color: '#1f4e8c' } },
      { name: data.b + ' expelled of ' + data.a + ' (below)', type: 'bar', stack: 'x', barMaxWidth: 48, data: data.bToA, itemStyle: { color: '#a4161a' } },
      { name: 'balance', type: 'line', data: data.balance, itemStyle: { color: '#e07a00' } }
    ]
  });
  window.addEventListener('resize', function () { chart.resize(); });
  element.setAttribute('data-years', String(data.years.length));
  element.setAttribute('data-rendered', 'true');
})();
