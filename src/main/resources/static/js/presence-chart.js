// The presence page's chart: headcount at each month's end as steps, each ceiling as a line while in force, and the
// expulsions as markers. Data from the page itself (#chart-data); ECharts from its WebJar, served by the ledger.
(function () {
  var element = document.getElementById('headcount-chart');
  var source = document.getElementById('chart-data');
  if (!element || !source || typeof echarts === 'undefined') { return; }
  var data = JSON.parse(source.textContent);
  var series = [{
    name: 'headcount', type: 'line', step: 'end', showSymbol: false, data: data.headcount,
    lineStyle: { width: 2, color: '#1f4e8c' }, itemStyle: { color: '#1f4e8c' }
  }];
  data.ceilings.forEach(function (ceiling) {
    series.push({
      name: ceiling.name, type: 'line', step: 'end', showSymbol: false, data: ceiling.points,
      lineStyle: { type: 'dashed', width: 2, color: '#a4161a' }, itemStyle: { color: '#a4161a' }
    });
  });
  series.push({
    name: 'expulsions', type: 'scatter', symbol: 'triangle', symbolSize: 12,
    itemStyle: { color: '#e07a00' },
    data: data.expulsions.map(function (e) { return { value: [e[0], e[1]], name: e[2] }; }),
    tooltip: { formatter: function (p) { return p.name + ' (' + p.value[0] + ')'; } }
  });
  var chart = echarts.init(element, null, { renderer: 'canvas' });
  chart.setOption({
    animation: false,
    aria: { enabled: true },
    tooltip: { trigger: 'item' },
    legend: { top: 0, type: 'scroll' },
    grid: { left: 56, right: 24, top: 40, bottom: 40 },
    xAxis: { type: 'time', max: data.asOf },
    yAxis: { type: 'value', name: 'staff', min: 0 },
    series: series
  });
  window.addEventListener('resize', function () { chart.resize(); });
  // Tells a reader (and the browser tests) what was drawn.
  element.setAttribute('data-points', String(data.headcount.length));
  element.setAttribute('data-ceilings', String(data.ceilings.length));
  element.setAttribute('data-rendered', 'true');
})();
