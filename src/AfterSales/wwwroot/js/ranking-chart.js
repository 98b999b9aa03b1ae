// RNK-1: one person's composite score (left axis) and rank (right axis, first place at the top) over the months,
// drawn with Chart.js (vendored in lib/chart.js). The table below the chart carries the same figures as text.
(function () {
  const canvas = document.getElementById("ranking-chart");
  if (!canvas || typeof Chart === "undefined") return;
  const split = (value) => (value ? value.split(",") : []);
  const months = split(canvas.dataset.months);
  const scores = split(canvas.dataset.scores).map(Number);
  const ranks = split(canvas.dataset.ranks).map(Number);
  new Chart(canvas, {
    type: "line",
    data: {
      labels: months,
      datasets: [
        { label: canvas.dataset.scoreLabel, data: scores, yAxisID: "score", borderColor: "#2f7d32", backgroundColor: "#2f7d32", tension: 0.2 },
        { label: canvas.dataset.rankLabel, data: ranks, yAxisID: "rank", borderColor: "#c62828", backgroundColor: "#c62828", borderDash: [6, 4], tension: 0.2 },
      ],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      scales: {
        score: { position: "left", min: 0, max: 100 },
        rank: { position: "right", reverse: true, min: 1, ticks: { precision: 0 }, grid: { drawOnChartArea: false } },
      },
    },
  });
})();
