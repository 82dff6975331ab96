/* Add rows to the table of the document from the hidden template row. */
(function () {
  var button = document.getElementById("add-row");
  if (!button) { return; }
  var total = document.getElementById("id_rows-TOTAL_FORMS");
  var container = document.getElementById("rows");
  var template = document.getElementById("row-template");
  button.addEventListener("click", function () {
    var index = parseInt(total.value, 10);
    var html = template.innerHTML.replace(/__prefix__/g, String(index));
    var previous = container.lastElementChild;
    container.insertAdjacentHTML("beforeend", html);
    // A new row starts with the dates of the row above it.
    if (previous) {
      previous.querySelectorAll("input[type=date], input[type=time]").forEach(function (input) {
        var suffix = input.name.replace(/^rows-\d+-/, "");
        var copy = container.lastElementChild.querySelector("[name='rows-" + index + "-" + suffix + "']");
        if (copy && !copy.value) { copy.value = input.value; }
      });
    }
    container.lastElementChild.querySelector(".row-number").textContent = String(index + 1);
    total.value = String(index + 1);
    var first = container.lastElementChild.querySelector("select, input, textarea");
    if (first) { first.focus(); }
  });
})();
