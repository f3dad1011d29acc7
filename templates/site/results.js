/* qapress results: Enter or the down arrow in the search box goes to the first result, and the
 * arrow keys move on through the results and back up to the box. */
(function () {
  'use strict';

  var qapress = window.qapress = window.qapress || {};

  /* Keys over the results `page` shows. */
  function Results(page) {
    this.page = page;
    this.box = document.getElementById('Query');
    this.found = document.querySelector('#Results .list');
    this.current = null;
  }

  /* Act on a key that moves through the results; say whether it was one. */
  Results.prototype.key = function (event) {
    if (this.page.state.study || this.page.view.home) return false;
    var target = event.target, down = event.key === 'ArrowDown', up = event.key === 'ArrowUp';
    if (target === this.box) {
      return (event.key === 'Enter' || down) && this.go(this.found.firstElementChild, event);
    }
    if (!target.classList || !target.classList.contains('item') || target.parentNode !== this.found) {
      return false;
    }
    if (down) return this.go(target.nextElementSibling, event);
    if (!up) return false;
    if (!target.previousElementSibling) {
      event.preventDefault();
      this.box.focus();
      return true;
    }
    return this.go(target.previousElementSibling, event);
  };

  /* Let go of the result the keys reached, as a new view starts. */
  Results.prototype.forget = function () {
    if (this.current) this.current.classList.remove('current');
    this.current = null;
  };

  Results.prototype.go = function (el, event) {
    if (!el) return false;
    event.preventDefault();
    this.forget();
    el.classList.add('current');
    this.current = el;
    el.tabIndex = -1;
    el.focus({ preventScroll: true });
    el.scrollIntoView({ block: 'nearest' });
    return true;
  };

  qapress.Results = Results;
}());
