/* Наставник: the page of a questionnaire. No libraries.
 *
 * - Conditional questions: a question with data-if="<pk>" data-if-value="<value>" is shown only
 *   when the question <pk> is shown and its answer has (or includes) the value; the same rule
 *   as services.visible on the server. Without JavaScript every question stays visible and the
 *   server drops the answers of hidden ones.
 * - A list with data-max allows at most that many ticks; a person is not chosen twice.
 * - A double click (or Enter pressed twice) sends the form once.
 */
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  function answerOf(form, pk) {
    var values = [];
    var inputs = form.querySelectorAll('[name="q' + pk + '"]');
    for (var i = 0; i < inputs.length; i++) {
      var input = inputs[i];
      if (input.type === "radio" || input.type === "checkbox") {
        if (input.checked) values.push(input.value);
      } else if (input.value.trim() !== "") {
        values.push(input.value.trim());
      }
    }
    return values;
  }

  function refreshConditions(form) {
    var shown = {};
    var questions = form.querySelectorAll("[data-question]");
    for (var i = 0; i < questions.length; i++) {
      var q = questions[i];
      var parent = q.getAttribute("data-if");
      var visible = true;
      if (parent) {
        visible = shown[parent] === true &&
          answerOf(form, parent).indexOf(q.getAttribute("data-if-value")) !== -1;
      }
      q.classList.toggle("cond-off", !visible);
      if (visible) shown[q.getAttribute("data-question")] = true;
    }
  }

  function refreshLimits(form) {
    var lists = form.querySelectorAll(".survey-options[data-max]");
    for (var i = 0; i < lists.length; i++) {
      var max = parseInt(lists[i].getAttribute("data-max"), 10);
      var boxes = lists[i].querySelectorAll('input[type="checkbox"]');
      var ticked = 0;
      for (var j = 0; j < boxes.length; j++) if (boxes[j].checked) ticked++;
      for (var k = 0; k < boxes.length; k++) {
        boxes[k].disabled = !boxes[k].checked && ticked >= max;
      }
    }
  }

  function refreshPeople(form) {
    var groups = form.querySelectorAll(".survey-people");
    for (var i = 0; i < groups.length; i++) {
      var selects = groups[i].querySelectorAll("select");
      for (var j = 0; j < selects.length; j++) {
        var taken = {};
        for (var k = 0; k < selects.length; k++) {
          if (k !== j && selects[k].value) taken[selects[k].value] = true;
        }
        var options = selects[j].options;
        for (var n = 0; n < options.length; n++) {
          options[n].disabled = options[n].value !== "" && taken[options[n].value] === true;
        }
      }
    }
  }

  function refresh(form) {
    refreshConditions(form);
    refreshLimits(form);
    refreshPeople(form);
  }

  function guardSubmit(form) {
    var clicked = null;  // for browsers without event.submitter
    form.addEventListener("click", function (event) {
      var target = event.target;
      var button = target && target.closest ? target.closest('button[type="submit"]') : null;
      if (button) clicked = button;
    });
    form.addEventListener("submit", function (event) {
      if (form.getAttribute("data-sending") === "1") {
        event.preventDefault();
        return;
      }
      form.setAttribute("data-sending", "1");
      var button = event.submitter || clicked;
      if (button && button.name) {
        // A disabled button is not sent: keep its choice (draft or submit) in a hidden field.
        var hidden = document.createElement("input");
        hidden.type = "hidden";
        hidden.name = button.name;
        hidden.value = button.value;
        form.appendChild(hidden);
      }
      var buttons = form.querySelectorAll('button[type="submit"]');
      for (var i = 0; i < buttons.length; i++) {
        buttons[i].disabled = true;
        buttons[i].setAttribute("aria-disabled", "true");
      }
    });
    // Back to the page from the browser's cache: let the respondent send again.
    window.addEventListener("pageshow", function (event) {
      if (!event.persisted) return;
      form.removeAttribute("data-sending");
      var buttons = form.querySelectorAll('button[type="submit"]');
      for (var i = 0; i < buttons.length; i++) {
        buttons[i].disabled = false;
        buttons[i].removeAttribute("aria-disabled");
      }
      var extra = form.querySelectorAll('input[type="hidden"][name="action"]');
      for (var j = 0; j < extra.length; j++) extra[j].remove();
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("survey-form");
    if (!form) return;
    refresh(form);
    form.addEventListener("change", function () { refresh(form); });
    form.addEventListener("input", function (event) {
      if (event.target && event.target.tagName !== "SELECT") refreshConditions(form);
    });
    guardSubmit(form);
    var summary = document.getElementById("error-summary");
    if (summary) summary.focus();
  });
})();
