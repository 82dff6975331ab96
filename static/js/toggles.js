/* A source or a level matters only for a ticked item: show it only then. */
document.querySelectorAll("[data-toggles]").forEach(function (box) {
  var target = document.getElementById(box.dataset.toggles);
  function update() { if (target) { target.hidden = !box.checked; } }
  box.addEventListener("change", update);
  update();
});
