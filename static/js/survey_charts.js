/* Наставник: the charts of survey results. Each <canvas data-chart="ID"> is drawn from the
   JSON of <script type="application/json" id="ID"> ({labels, counts, type: "pie"|"bar"}).
   The same figures are in the table beside each chart, so the page reads without JS. */
(function () {
  "use strict";
  var palette = [
    "#1f4e79", "#2e86c1", "#48c9b0", "#f5b041", "#e74c3c",
    "#8e44ad", "#7f8c8d", "#27ae60", "#d35400", "#34495e"
  ];
  var printing = document.body.getAttribute("data-print") === "1";

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
    var box = canvas.parentElement;
    var narrow = box.clientWidth < 420;
    box.style.position = "relative";
    box.style.height = pie ? "240px" : Math.max(110, 26 * data.labels.length + 40) + "px";
    var colors = data.labels.map(function (_label, i) { return palette[i % palette.length]; });
    new window.Chart(canvas, {
      type: pie ? "pie" : "bar",
      data: {
        labels: data.labels,
        datasets: [{
          data: data.counts,
          backgroundColor: pie ? colors : palette[0],
          borderWidth: pie ? 1 : 0
        }]
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: printing ? false : { duration: 400 },
        indexAxis: pie ? "x" : "y",
        plugins: {
          legend: {
            display: pie,
            position: narrow ? "bottom" : "right",
            maxWidth: 180,
            labels: { boxWidth: 12 }
          }
        },
        scales: pie ? {} : {
          x: { beginAtZero: true, ticks: { precision: 0 } },
          y: {
            ticks: {
              autoSkip: false,
              callback: function (value) {
                return shorten(this.getLabelForValue(value), this.chart.width < 420 ? 20 : 34);
              }
            }
          }
        }
      }
    });
  }

  document.querySelectorAll("canvas[data-chart]").forEach(draw);

  document.querySelectorAll("[data-print-page]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
  window.addEventListener("beforeprint", function () {
    if (window.Chart) {
      Object.values(window.Chart.instances).forEach(function (chart) { chart.resize(); });
    }
  });
})();
