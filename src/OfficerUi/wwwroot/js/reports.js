// The reports page's charts: each <canvas data-chart="…"> carries its kind, labels, series and the links its labels
// open (written by the page; see IndexModel.Chart). A series marked "rate" is drawn as a line of percentages on its own
// axis over the bars. Clicking a bar or a slice opens the dossiers behind it, as the tables beside the charts do.
(function () {
  'use strict';
  if (!window.Chart) {
    return;
  }

  const palette = ['#0d6efd', '#198754', '#fd7e14', '#dc3545', '#6f42c1', '#20c997'];
  const timeliness = ['#198754', '#0d6efd', '#dc3545'];
  const percent = new Intl.NumberFormat(document.documentElement.lang || 'vi', { maximumFractionDigits: 1 });

  function wrap(label) {
    const lines = [];
    label.split(' ').forEach((word) => {
      const last = lines.length - 1;
      if (last >= 0 && (lines[last] + ' ' + word).length <= 22) {
        lines[last] += ' ' + word;
      } else {
        lines.push(word);
      }
    });
    return lines;
  }

  document.querySelectorAll('canvas[data-chart]').forEach((canvas) => {
    const spec = JSON.parse(canvas.dataset.chart);
    // Long names (units) beside horizontal bars are broken into lines rather than cut.
    const labels = spec.horizontal ? spec.labels.map(wrap) : spec.labels;
    const doughnut = spec.type === 'doughnut';
    const datasets = spec.series.map((series, index) => ({
      label: series.name,
      data: series.values,
      type: series.rate ? 'line' : spec.type,
      yAxisID: series.rate ? 'rate' : undefined,
      backgroundColor: doughnut ? timeliness : palette[index % palette.length],
      borderColor: doughnut ? '#fff' : palette[index % palette.length],
      order: series.rate ? 0 : 1,
      spanGaps: true,
    }));
    const rate = spec.series.some((series) => series.rate);
    const scales = doughnut ? {} : {
      [spec.horizontal ? 'x' : 'y']: { beginAtZero: true, ticks: { precision: 0 } },
    };
    if (rate) {
      scales.rate = { position: 'right', min: 0, max: 100, grid: { drawOnChartArea: false }, ticks: { callback: (v) => `${percent.format(v)} %` } };
    }

    const chart = new window.Chart(canvas, {
      type: spec.type,
      data: { labels, datasets },
      options: {
        indexAxis: spec.horizontal ? 'y' : 'x',
        maintainAspectRatio: false,
        animation: false,
        scales,
        plugins: { legend: { display: doughnut || spec.series.length > 1, position: 'bottom' } },
        onClick: (event, elements) => {
          const link = spec.links && elements.length ? spec.links[elements[0].index] : null;
          if (link) {
            window.location.assign(link);
          }
        },
        onHover: (event, elements) => {
          event.native.target.style.cursor = spec.links && elements.length && spec.links[elements[0].index] ? 'pointer' : 'default';
        },
      },
    });
    canvas.dataset.ready = 'true';
    canvas.chart = chart;
  });
})();
