// Draws the spend page's charts with uPlot from the data the page carries in data-chart (no inline script: the
// Content-Security-Policy forbids it). One line per team; days are UTC.
(function () {
  'use strict';
  var COLORS = ['#2457c5', '#c5246e', '#1c7c3c', '#b36b00', '#6b3fb3', '#008b8b', '#8b0000', '#556b2f'];

  function draw(host) {
    var data = JSON.parse(host.getAttribute('data-chart'));
    var metric = host.getAttribute('data-metric');
    var series = [{ label: 'day (UTC)' }];
    var values = [data.days];
    data.series.forEach(function (team, i) {
      series.push({ label: team.team, stroke: COLORS[i % COLORS.length], width: 2, points: { show: true } });
      values.push(team[metric].map(Number));
    });
    var options = {
      width: Math.max(480, host.clientWidth - 16),
      height: 300,
      tzDate: function (ts) { return uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'); },
      scales: { x: { time: true } },
      axes: [{}, { label: metric === 'credits' ? 'credits used' : 'jobs' }],
      series: series
    };
    new uPlot(options, values, host);
    host.setAttribute('data-rendered', 'true');
  }

  function drawAll() {
    if (!window.uPlot) {
      return;
    }
    document.querySelectorAll('.chart[data-chart]').forEach(draw);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', drawAll);
  } else {
    drawAll();
  }
})();
