(function () {
  var form = document.getElementById("question-form");
  var kind = form.querySelector("[name=kind]");
  var options = form.querySelector("[name=options_text]");
  var maxChoices = form.querySelector("[name=max_choices]");
  var condition = form.querySelector("[name=condition_question]");
  var value = form.querySelector("[name=condition_value]");
  var known = JSON.parse(document.getElementById("condition-options").textContent);
  var list = document.getElementById("condition-values");
  value.setAttribute("list", "condition-values");
  function block(input) { return input.closest(".mb-3") || input.parentElement; }
  function update() {
    var k = kind.value;
    var hasList = k === "single" || k === "multiple";
    block(options).hidden = !hasList && !options.value.trim();
    block(maxChoices).hidden = !(k === "multiple" || k === "people") && !maxChoices.value;
    block(value).hidden = !condition.value && !value.value;
    list.replaceChildren();
    (known[condition.value] || []).forEach(function (o) {
      var option = document.createElement("option");
      option.value = o;
      list.appendChild(option);
    });
  }
  kind.addEventListener("change", update);
  condition.addEventListener("change", update);
  update();
})();
