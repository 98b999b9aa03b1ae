// Progressive enhancement only: every page works without this file.
(function () {
  // The menu is rendered open; on phones it folds away behind its button.
  var menu = document.getElementById('main-menu');
  if (menu && !window.matchMedia('(min-width: 768px)').matches) menu.open = false;
  // Ask before destructive actions.
  document.addEventListener('submit', function (e) {
    var msg = e.target.getAttribute('data-confirm');
    if (msg && !window.confirm(msg)) e.preventDefault();
  });
})();
