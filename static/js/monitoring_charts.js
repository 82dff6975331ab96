/* Наставник: the charts of the monitoring dashboards. Each <canvas data-chart="ID"> is drawn
   from the JSON of <script type="application/json" id="ID">:
   {type: "bar"|"pie", horizontal: bool, labels: [...], datasets: [{label, data}]}.
   The same figures are in the tables of the page, so it reads without JS. */
(function () {
  "use strict";
  var palette = [
    "#1f4e79", "#48c9b0", "#2e86c1", "#f5b041", "#e74c3c",
    "#8e44ad", "#7f8c8d", "#27ae60", "#d35400", "#34495e"
  ];

  function shorten(text, max) {
    text = String(text);
    return text.length > max ? text.slice(0, max - 1) + "…" : text;
  }

  function draw(canvas) {
    var source = document.getElementById(canvas.getAttribute("data-chart"));
    if (!source || typeof window.Chart === "undefined") {
      return;
    }
    var data = JSON.parse(source.textContent);
    var pie = data.type === "pie";
    var horizontal = !!data.horizontal;
    var box = canvas.parentElement;
    var narrow = box.clientWidth < 420;
    box.style.position = "relative";
    box.style.overflow = "hidden";  /* a resize to a phone never widens the page */
    if (pie) {
      box.style.height = "240px";
    } else if (horizontal) {
      box.style.height = Math.max(120, 22 * data.labels.length + 50) + "px";
    } else {
      box.style.height = narrow ? "260px" : "280px";
    }
    var colors = data.labels.map(function (_label, i) { return palette[i % palette.length]; });
    var datasets = data.datasets.map(function (set, i) {
      return {
        label: set.label,
        data: set.data,
        backgroundColor: pie ? colors : palette[(data.datasets.length - 1 - i) % palette.length],
        borderWidth: pie ? 1 : 0
      };
    });
    new window.Chart(canvas, {
      type: pie ? "pie" : "bar",
      data: { labels: data.labels, datasets: datasets },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: { duration: 400 },
        indexAxis: horizontal ? "y" : "x",
        plugins: {
          legend: {
            display: pie || datasets.length > 1,
            position: pie && !narrow ? "right" : "bottom",
            maxWidth: 180,
            labels: { boxWidth: 12 }
          }
        },
        scales: pie ? {} : {
          x: {
            beginAtZero: true,
            ticks: horizontal ? { precision: 0 } : {
              autoSkip: false,
              maxRotation: narrow ? 60 : 30,
              callback: function (value) {
                return shorten(this.getLabelForValue(value), this.chart.width < 420 ? 12 : 22);
              }
            }
          },
          y: horizontal ? {
            ticks: {
              autoSkip: false,
              callback: function (value) {
                return shorten(this.getLabelForValue(value), this.chart.width < 420 ? 16 : 34);
              }
            }
          } : { beginAtZero: true, ticks: { precision: 0 } }
        }
      }
    });
  }

  document.querySelectorAll("canvas[data-chart]").forEach(draw);
})();
