(function () {
  // The title follows the chosen questionnaire until the curator writes his or her own.
  const titles = JSON.parse(document.getElementById('survey-titles').textContent);
  const select = document.getElementById('id_template');
  const title = document.getElementById('id_title');
  let own = title.value !== '' && !Object.values(titles).includes(title.value);
  title.addEventListener('input', function () { own = title.value !== ''; });
  select.addEventListener('change', function () {
    if (!own) { title.value = titles[select.value] || ''; }
  });
})();
