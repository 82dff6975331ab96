(function () {
  // Show the list of people or of pairs only for the audience that needs it.
  const radios = document.querySelectorAll('#audience-choice input[type=radio]');
  function update() {
    const chosen = document.querySelector('#audience-choice input[type=radio]:checked');
    document.querySelectorAll('.audience-extra').forEach(function (box) {
      box.hidden = !chosen || box.dataset.audience !== chosen.value;
    });
  }
  radios.forEach(function (r) { r.addEventListener('change', update); });
  update();
})();
