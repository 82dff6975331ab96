/* Small behaviours of the pages, declared with data attributes so that no page needs an inline
   script or event handler (the Content-Security-Policy allows scripts from this site only).

   data-autosubmit       on a field: submit its form when the value changes
   data-confirm="text"   on a form: ask before submitting
   data-submit-once      on a form: disable its buttons once submitted (no double submit)
   data-no-submit        on a form: never submit (a preview)
   data-copy="id"        on a button: copy the value of the element with that id
   data-print            on a button: print the page
   data-check-all="name" on a checkbox: tick or untick every checkbox of that name */
(function () {
  "use strict";

  document.addEventListener("change", function (event) {
    var field = event.target;
    if (field.matches && field.matches("[data-autosubmit]") && field.form) {
      field.form.submit();
    }
    if (field.matches && field.matches("[data-check-all]")) {
      var name = field.getAttribute("data-check-all");
      document.querySelectorAll('input[type=checkbox][name="' + name + '"]').forEach(function (box) {
        box.checked = field.checked;
      });
    }
  });

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.matches("[data-no-submit]")) {
      event.preventDefault();
      return;
    }
    var question = form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
      return;
    }
    if (form.matches("[data-submit-once]")) {
      window.setTimeout(function () {
        form.querySelectorAll("button").forEach(function (button) { button.disabled = true; });
      }, 0);
    }
  });

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-copy], [data-print]") : null;
    if (!button) {
      return;
    }
    if (button.hasAttribute("data-print")) {
      window.print();
      return;
    }
    var source = document.getElementById(button.getAttribute("data-copy"));
    if (source && navigator.clipboard) {
      navigator.clipboard.writeText(source.value !== undefined ? source.value : source.textContent);
    }
  });
})();
