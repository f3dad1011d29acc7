/* qapress page: wires the parts (address, list, highlight, topics, query, filters, grades, study,
 * links, theme) to the index the build prepared (search-index.js), once the page has loaded. */
(function () {
  'use strict';

  var qapress = window.qapress = window.qapress || {};
  var root = document.documentElement;

  root.classList.replace('no-js', 'js');
  document.addEventListener('DOMContentLoaded', start);

  function start() {
    var raw = window.QAPRESS_INDEX;
    var search = window.qapressSearch;
    if (!raw || !search) return;
    var page = new Page(raw, search);
    page.update();
    page.links.follow();
    qapress.page = page;
    qapress.engine = page.engine;
    root.classList.add('search-ready');
    performance.mark('qapress-ready');
  }

  function isTyping(target) {
    return target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
  }

  function maskOf(positions, size) {
    var mask = new Uint8Array(size);
    for (var i = 0; i < positions.length; i++) mask[positions[i]] = 1;
    return mask;
  }

  /* Return each item's document, by position, from the documents' [slug, first, end] spans. */
  function documentOf(documents, size) {
    var docOf = new Int32Array(size);
    documents.forEach(function (span, d) { docOf.fill(d, span[1], span[2]); });
    return docOf;
  }

  /* The page over the index `raw`, searched with `search` (search.js); `state` is what the
   * address holds, `view` the items it shows in order, and `settled` a promise that they show. */
  function Page(raw, search) {
    var page = this, engine = this.engine = new search.Engine(raw);
    this.address = new qapress.Address();
    this.state = this.address.read();
    this.view = { order: [], home: true, words: [] };
    this.all = Array.from({ length: engine.size }, function (_, i) { return i; });
    var docOf = documentOf(raw.documents, engine.size);
    var store = new window.qapressItems.Store(
      Array.prototype.slice.call(document.getElementsByClassName('item')), engine.size, raw.chunks,
      function (position, el) { page.grades.paint(position, el); });
    this.highlight = new qapress.Highlight(engine, search.fold, store.elements);
    this.list = new qapress.List(store, docOf, raw.chunks[0], {
      painted: function (shown) { page.highlight.paint(shown, page.view.words); },
      arrived: function () { page.study.paint(); }
    });
    this.site = raw.site;
    this.grades = new qapress.Grades(raw, docOf, store.elements);
    this.study = new qapress.Study(store, this.grades, raw.anchors, this);
    this.topics = new qapress.Topics(raw.chips, engine.size, this);
    this.query = new qapress.Query(engine, search, this, function (position) {
      if (!store.elements[position] && store.has(position)) store.make([position]);
      var el = store.elements[position];
      return el ? el.querySelector('.question .text').textContent + ' ' +
        el.querySelector('.answer').textContent : null;
    });
    this.results = new qapress.Results(this);
    this.filters = new qapress.Filters(raw.documents, engine.size, this);
    this.links = new qapress.Links(raw.anchors, this.list, this);
    qapress.theme.wire(document.getElementById('Theme'));
    this.search = search;
    this.wire();
  }

  Object.defineProperty(Page.prototype, 'settled', {
    get: function () { return this.list.settled; }
  });

  Page.prototype.wire = function () {
    var page = this;
    document.addEventListener('keydown', function (event) { page.key(event); });
    document.addEventListener('click', function (event) {
      if (!page.topics.click(event) && !page.links.click(event)) page.study.click(event);
    });
    window.addEventListener('pagehide', function () { page.address.write(page.state); });
    // Back and Forward bring back a state a chip, the document menu or study mode pushed.
    window.addEventListener('popstate', function () {
      if (!page.address.moved()) return;
      page.state = page.address.read();
      page.list.rewind();
      page.update();
    });
  };

  /* Change the state by `patch` and show the view it asks for from its start; a `step` of its
   * own (a chip, a document, study mode) goes into the history, where typing does not. */
  Page.prototype.change = function (patch, step) {
    // Typing not yet written to the address belongs to the entry Back returns to.
    if (step) this.address.write(this.state);
    Object.keys(patch).forEach(function (key) { this.state[key] = patch[key]; }, this);
    this.list.rewind();
    this.update();
    if (step) this.address.push(this.state);
  };

  Page.prototype.update = function () {
    this.view = this.computeView();
    this.results.forget();
    this.study.sync(this.state, this.view.order);
    this.list.show(this.view);
    this.filters.paint(this.state, this.view.order.length);
    this.query.paint(this.state);
    this.topics.paint(this.state, this.view.matching);
    this.study.paint();
    this.address.later(this.state);
  };

  /* Return which items show, in which order, the query words that found them, and which items
   * the search and the document alone let through (for the topics' counts). */
  Page.prototype.computeView = function () {
    var state = this.state, all = this.all;
    var allowed = this.filters.allowed([
      state.doc && this.filters.documentMask(state.doc),
      state.study && state.unknown && this.grades.notKnown()
    ]);
    var found = this.query.find(allowed), order = found.order;
    var matching = order ? maskOf(order, all.length) : allowed;
    if (state.topics.size) {
      var topical = this.topics.mask(state.topics);
      order = (order || all).filter(function (i) { return topical[i] && (!allowed || allowed[i]); });
    } else if (!order && allowed) {
      order = all.filter(function (i) { return allowed[i]; });
    }
    if (state.study && state.seed) order = this.search.shuffled(order || all, state.seed);
    return { order: order || all, home: !order, words: found.words, matching: matching };
  };

  Page.prototype.key = function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var typing = isTyping(event.target);
    if (this.query.key(event, typing) || this.results.key(event) || this.topics.key(event)) return;
    if (this.state.study && !typing) this.study.key(event);
  };

  qapress.Page = Page;
}());
