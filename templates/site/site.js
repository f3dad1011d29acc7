/* qapress site: the list of items and study mode, all inside this page.
 * The words and the ranking live in search.js; the build prepared the index (search-index.js);
 * items.js brings the items the page does not hold as HTML. */
(function () {
  'use strict';

  var root = document.documentElement;
  var PAGE_SIZE = 50;

  root.classList.replace('no-js', 'js');
  document.addEventListener('DOMContentLoaded', start);

  function start() {
    var raw = window.QAPRESS_INDEX;
    var search = window.qapressSearch;
    if (!raw || !search) return;
    var page = new Page(new search.Engine(raw), raw, search);
    page.wire();
    page.update();
    page.links.follow();
    window.qapress.page = page;
    window.qapress.engine = page.engine;
    root.classList.add('search-ready');
    performance.mark('qapress-ready');
  }

  function $(id) { return document.getElementById(id); }

  function isTyping(target) {
    return target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
  }

  function Page(engine, raw, search) {
    var page = this;
    this.engine = engine;
    this.search = search;
    this.size = engine.size;
    this.anchors = raw.anchors;
    this.store = new window.qapressItems.Store(
      Array.prototype.slice.call(document.getElementsByClassName('item')), this.size, raw.chunks,
      function (position, el) { page.grades.paint(position, el); });
    this.items = this.store.elements;
    this.marks = new window.qapress.Highlight(engine, search.fold, this.items);
    this.documents = raw.documents;
    this.docOf = new Int32Array(this.size);
    raw.documents.forEach(function (span, d) { this.docOf.fill(d, span[1], span[2]); }, this);
    this.grades = new window.qapress.Grades(raw, this.docOf, this.items);
    // Looked up once: a selector query walks every item, which is slow on a page of thousands.
    this.sections = Array.prototype.slice.call(document.querySelectorAll('main > .document'));
    this.lists = this.sections.map(function (section) { return section.querySelector('.list'); });
    this.all = Array.from({ length: this.size }, function (_, i) { return i; });
    this.address = new window.qapress.Address();
    this.state = this.address.read();
    this.view = { order: this.all, home: true, words: [] };
    this.pageSize = PAGE_SIZE;
    this.limit = PAGE_SIZE;
    // The unfiltered list shows items in page order up to homeSize, and any linked to beyond it.
    this.homeSize = Math.min(this.size, raw.chunks[0]);
    this.pinned = new Set();
    this.current = 0;
    this.turn = 0;
    this.settled = Promise.resolve();
    this.links = new window.qapress.Links(raw.anchors, this, this);
    this.topics = new window.qapress.Topics(raw.chips, this.size, this);
    this.query = new window.qapress.Query(engine, search, this);
    this.filters = new window.qapress.Filters(raw.documents, this.size, this);
  }

  Page.prototype.wire = function () {
    var page = this;
    document.addEventListener('keydown', function (event) { page.key(event); });
    document.addEventListener('click', function (event) { page.click(event); });
    window.qapress.theme.wire($('Theme'));
    $('Unknown').checked = this.state.unknown;
    $('Unknown').addEventListener('change', function () { page.change({ unknown: this.checked }); });
    $('Results').querySelector('.more').addEventListener('click', function () {
      page.limit += PAGE_SIZE;
      page.render();
    });
    $('More').addEventListener('click', function () {
      page.growHome(page.homeSize + PAGE_SIZE);
      page.render();
    });
    window.addEventListener('pagehide', function () { page.address.write(page.state); });
    this.wireStudy();
  };

  Page.prototype.change = function (patch) {
    Object.keys(patch).forEach(function (key) { this.state[key] = patch[key]; }, this);
    this.limit = PAGE_SIZE;
    this.update();
  };

  Page.prototype.update = function () {
    this.view = this.computeView();
    this.current = 0;
    this.render();
    this.paintControls();
    this.paintStudy();
    this.address.later(this.state);
  };

  /* ---- Which items show, in which order ---- */

  Page.prototype.computeView = function () {
    var state = this.state, all = this.all;
    var allowed = this.filters.allowed([
      state.doc && this.filters.documentMask(state.doc),
      state.topics.size && this.topics.mask(state.topics),
      state.study && state.unknown && this.grades.notKnown()
    ]);
    var found = this.query.find(allowed), order = found.order;
    if (!order && allowed) order = all.filter(function (i) { return allowed[i]; });
    if (state.study && state.seed) order = this.search.shuffled(order || all, state.seed);
    return { order: order || all, home: !order, words: found.words };
  };

  /* ---- Showing the view ---- */

  /* Show the view: at once what is here, the rest as soon as the chunks holding it have run. */
  Page.prototype.render = function () {
    var page = this, turn = ++this.turn;
    var wanted = this.view.home ? this.homeItems() : this.view.order.slice(0, this.limit);
    var here = 0;
    while (here < wanted.length && this.store.has(wanted[here])) here++;
    this.paint(wanted, wanted.slice(0, here));
    if (here === wanted.length) return (this.settled = Promise.resolve());
    this.settled = this.store.load(wanted.slice(here)).then(function () {
      // Typing on while a chunk loads makes a newer view, and a stale one must not replace it.
      if (turn !== page.turn) return;
      page.paint(wanted, wanted.filter(page.store.has, page.store));
      page.paintStudy();
    });
    return this.settled;
  };

  Page.prototype.homeItems = function () {
    var list = [];
    for (var i = 0; i < this.homeSize; i++) list.push(i);
    var beyond = Array.from(this.pinned).filter(function (p) { return p >= i; });
    return list.concat(beyond.sort(function (a, b) { return a - b; }));
  };

  Page.prototype.growHome = function (size) {
    this.homeSize = Math.min(this.size, Math.max(this.homeSize, size));
  };

  /* Put `ready`, the part of `wanted` that is here, on the page. */
  Page.prototype.paint = function (wanted, ready) {
    var home = this.view.home, results = $('Results'), list = results.querySelector('.list');
    this.store.make(ready);
    var shown = home ? [] : ready;
    list.replaceChildren.apply(list, shown.map(function (i) { return this.items[i]; }, this));
    var filled = home ? this.fillHomes(ready) : new Uint8Array(this.sections.length);
    for (var s = 0; s < this.sections.length; s++) showSection(this.sections[s], !!filled[s]);
    results.hidden = home;
    results.querySelector('.empty').hidden = !!this.view.order.length;
    var left = this.view.order.length - wanted.length;
    paintMore(results.querySelector('.more'), home ? 0 : left);
    paintMore($('More'), home ? this.size - this.homeSize : 0);
    this.marks.paint(shown, this.view.words);
  };

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
  Page.prototype.fillHomes = function (ready) {
    var items = this.items, docOf = this.docOf, lists = this.lists;
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
  };

  /* Keep `position` in the unfiltered list even past its size; say whether that is news. */
  Page.prototype.pin = function (position) {
    if (position < this.homeSize || this.pinned.has(position)) return false;
    this.pinned.add(position);
    return true;
  };

  Page.prototype.paintControls = function () {
    this.filters.paint(this.state, this.view.order.length);
    this.query.paint(this.state);
    this.topics.paint(this.state);
    $('Unknown').checked = this.state.unknown;
  };

  /* ---- Keys and clicks ---- */

  Page.prototype.key = function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var typing = isTyping(event.target);
    if (!this.query.key(event, typing) && this.state.study && !typing) this.studyKey(event);
  };

  Page.prototype.click = function (event) {
    if (!this.topics.click(event) && !this.links.click(event)) this.studyClick(event);
  };

  window.qapressPage = Page;
}());
