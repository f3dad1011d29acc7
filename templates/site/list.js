/* qapress list: puts the view's items on the page. With no search or filter each item sits in its
 * document's list, in page order; otherwise the matches fill the results list, best first. Either
 * grows by "Show more", and items the page does not hold wait for their chunk (items.js). */
(function () {
  'use strict';

  var qapress = window.qapress = window.qapress || {};
  var PAGE_SIZE = 50;

  function showSection(section, on) {
    if (section.hidden === !on) return;
    section.hidden = !on;
    if (on) section.classList.remove('pending');
  }

  function paintMore(button, left) {
    button.hidden = left <= 0;
    button.textContent = 'Show ' + Math.min(left, PAGE_SIZE) + ' more of ' + left;
  }

  /* Put each home item in its document's list, in page order; return which lists hold any. */
  function fillHomes(ready, items, docOf, lists) {
    var filled = new Uint8Array(lists.length), moved = new Set();
    // Items come back from the results list or arrive from chunks; only lists missing some change.
    ready.forEach(function (p) {
      filled[docOf[p]] = 1;
      if (items[p].parentNode !== lists[docOf[p]]) moved.add(docOf[p]);
    });
    var children = new Map();
    ready.forEach(function (p) {
      if (!moved.has(docOf[p])) return;
      if (!children.has(docOf[p])) children.set(docOf[p], []);
      children.get(docOf[p]).push(items[p]);
    });
    children.forEach(function (elements, d) { lists[d].replaceChildren.apply(lists[d], elements); });
    return filled;
  }

  /* The list over `store`'s items: `docOf` gives each item's document, the first `homeSize` show
   * unfiltered, `hooks.painted(shown)` sees each result list and `hooks.arrived()` each late one. */
  function List(store, docOf, homeSize, hooks) {
    var list = this;
    this.store = store;
    this.items = store.elements;
    this.docOf = docOf;
    this.hooks = hooks;
    this.results = document.getElementById('Results');
    this.homeMore = document.getElementById('More');
    // Looked up once: a selector query walks every item, which is slow on a page of thousands.
    this.sections = Array.prototype.slice.call(document.querySelectorAll('main > .document'));
    this.lists = this.sections.map(function (section) { return section.querySelector('.list'); });
    this.view = { order: [], home: true, words: [] };
    this.limit = PAGE_SIZE;
    // The unfiltered list shows items in page order up to homeSize, and any linked to beyond it.
    this.homeSize = Math.min(this.items.length, homeSize);
    this.pinned = new Set();
    this.turn = 0;
    this.settled = Promise.resolve();
    this.results.querySelector('.more').addEventListener('click', function () {
      list.limit += PAGE_SIZE;
      list.render();
    });
    this.homeMore.addEventListener('click', function () {
      list.homeSize = Math.min(list.items.length, list.homeSize + PAGE_SIZE);
      list.render();
    });
  }

  /* Show `view`, as far down as the reader has asked to see. */
  List.prototype.show = function (view) {
    this.view = view;
    return this.render();
  };

  /* Start the next view's results from their first page again. */
  List.prototype.rewind = function () {
    this.limit = PAGE_SIZE;
  };

  /* Show the view: at once what is here, the rest as soon as the chunks holding it have run. */
  List.prototype.render = function () {
    var list = this, store = this.store, turn = ++this.turn;
    var wanted = this.view.home ? this.homeItems() : this.view.order.slice(0, this.limit);
    var here = 0;
    while (here < wanted.length && store.has(wanted[here])) here++;
    this.paint(wanted, wanted.slice(0, here));
    if (here === wanted.length) return (this.settled = Promise.resolve());
    this.settled = store.load(wanted.slice(here)).then(function () {
      // Typing on while a chunk loads makes a newer view, and a stale one must not replace it.
      if (turn !== list.turn) return;
      list.paint(wanted, wanted.filter(store.has, store));
      list.hooks.arrived();
    });
    return this.settled;
  };

  List.prototype.homeItems = function () {
    var items = [];
    for (var i = 0; i < this.homeSize; i++) items.push(i);
    var beyond = Array.from(this.pinned).filter(function (p) { return p >= i; });
    return items.concat(beyond.sort(function (a, b) { return a - b; }));
  };

  /* Put `ready`, the part of `wanted` that is here, on the page. */
  List.prototype.paint = function (wanted, ready) {
    var home = this.view.home, results = this.results, found = results.querySelector('.list');
    this.store.make(ready);
    var shown = home ? [] : ready;
    found.replaceChildren.apply(found, shown.map(function (i) { return this.items[i]; }, this));
    var filled = home ? fillHomes(ready, this.items, this.docOf, this.lists)
      : new Uint8Array(this.sections.length);
    for (var s = 0; s < this.sections.length; s++) showSection(this.sections[s], !!filled[s]);
    results.hidden = home;
    results.querySelector('.empty').hidden = !!this.view.order.length;
    paintMore(results.querySelector('.more'), home ? 0 : this.view.order.length - wanted.length);
    paintMore(this.homeMore, home ? this.items.length - this.homeSize : 0);
    this.hooks.painted(shown);
  };

  /* Keep `position` in the unfiltered list even past its size; say whether that is news. */
  List.prototype.pin = function (position) {
    if (position < this.homeSize || this.pinned.has(position)) return false;
    this.pinned.add(position);
    return true;
  };

  /* Bring the view's item at `at` onto the page: a promise once it is there, null if it is. */
  List.prototype.reach = function (at) {
    var home = this.view.home;
    if (home ? !this.pin(this.view.order[at]) : at < this.limit) return null;
    if (!home) this.limit = at + PAGE_SIZE;
    return this.render();
  };

  qapress.List = List;
}());
