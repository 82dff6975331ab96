/* Show only the place field that the chosen role needs. */
(function () {
  var scopes = {
    admin: "region", regional_methodologist: "region",
    municipal_methodologist: "municipality",
    director: "organization", curator: "organization", mentor: "organization", mentee: "organization"
  };
  document.querySelectorAll("select[name=role]").forEach(function (select) {
    var form = select.form;
    function update() {
      var needed = scopes[select.value];
      ["municipality", "organization"].forEach(function (name) {
        var field = form.querySelector("[name=" + name + "]");
        if (field) { field.closest(".mb-3").hidden = (name !== needed); }
      });
    }
    select.addEventListener("change", update);
    update();
  });
})();
