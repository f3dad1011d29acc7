/* qapress storage: this browser's localStorage, read and written without ever throwing. */
(function () {
  'use strict';

  var qapress = window.qapress = window.qapress || {};

  qapress.storage = {
    get: function (key) {
      try { return window.localStorage.getItem(key); } catch (error) { return null; }
    },
    set: function (key, value) {
      // Private windows may refuse storage; the page still works for this visit.
      try { window.localStorage.setItem(key, value); } catch (error) { return; }
    }
  };
}());
