document.getElementById("select-all").addEventListener("change", function (event) {
  document.querySelectorAll("#people input[type=checkbox]").forEach(function (box) { box.checked = event.target.checked; });
});
