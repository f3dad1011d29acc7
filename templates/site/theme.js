/* qapress theme: the reader's choice of light or dark, kept in this browser. */
(function () {
  'use strict';

  var qapress = window.qapress = window.qapress || {};
  var root = document.documentElement;
  var THEME_KEY = 'qapress:theme';

  function apply(theme) {
    if (theme) root.dataset.theme = theme; else delete root.dataset.theme;
  }

  // Applied as the head runs, before the body shows in the other theme.
  apply(qapress.storage.get(THEME_KEY) || '');

  qapress.theme = {
    /* Show the theme in use in `select`; apply and keep the one chosen there. */
    wire: function (select) {
      select.value = root.dataset.theme || '';
      select.addEventListener('change', function () {
        qapress.storage.set(THEME_KEY, this.value);
        apply(this.value);
      });
    }
  };
}());
