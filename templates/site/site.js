/* qapress site: theme, search box, topic chips, copy-link and study mode, all inside this page.
 * The words and the ranking live in search.js; the build prepared the index (search-index.js). */
(function () {
  'use strict';

  var root = document.documentElement;
  var THEME_KEY = 'qapress:theme';
  var PAGE_SIZE = 50;
  var URL_DELAY = 300;

  root.classList.replace('no-js', 'js');
  applyTheme(storageGet(THEME_KEY) || '');
  document.addEventListener('DOMContentLoaded', start);

  function storageGet(key) {
    try { return window.localStorage.getItem(key); } catch (error) { return null; }
  }

  function storageSet(key, value) {
    // Private windows may refuse storage; the page still works for this visit.
    try { window.localStorage.setItem(key, value); } catch (error) { return; }
  }

  function applyTheme(theme) {
    if (theme) root.dataset.theme = theme; else delete root.dataset.theme;
  }

  function start() {
    var raw = window.QAPRESS_INDEX;
    var search = window.qapressSearch;
    if (!raw || !search) return;
    var page = new Page(new search.Engine(raw), raw, search);
    page.wire();
    page.update();
    window.qapress = { page: page, engine: page.engine };
    root.classList.add('search-ready');
    performance.mark('qapress-ready');
  }

  function $(id) { return document.getElementById(id); }

  function readState(search) {
    var params = new URLSearchParams(search);
    return {
      q: params.get('q') || '',
      topics: new Set(params.getAll('topic')),
      doc: params.get('doc') || '',
      study: params.get('study') === '1',
      seed: params.get('seed') || '',
      unknown: params.get('unknown') === '1'
    };
  }

  function stateQuery(state) {
    var params = new URLSearchParams();
    if (state.q) params.set('q', state.q);
    state.topics.forEach(function (topic) { params.append('topic', topic); });
    if (state.doc) params.set('doc', state.doc);
    if (state.study) params.set('study', '1');
    if (state.seed) params.set('seed', state.seed);
    if (state.unknown) params.set('unknown', '1');
    var text = params.toString();
    return text ? '?' + text : '';
  }

  function isTyping(target) {
    return target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
  }

  function plural(count, noun) {
    return count + ' ' + noun + (count === 1 ? '' : 's');
  }

  function Page(engine, raw, search) {
    this.engine = engine;
    this.search = search;
    this.items = Array.prototype.slice.call(document.getElementsByClassName('item'));
    this.homes = this.items.map(function (el) { return el.parentNode; });
    this.slugs = [];
    this.documents = raw.documents;
    raw.documents.forEach(function (span) {
      for (var i = span[1]; i < span[2]; i++) this.slugs[i] = span[0];
    }, this);
    this.chipItems = raw.chips;
    // Looked up once: a selector query walks every item, which is slow on a page of thousands.
    this.sections = Array.prototype.slice.call(document.querySelectorAll('main > .document'));
    this.chips = Array.prototype.slice.call(document.querySelectorAll('.chips button'));
    this.all = this.items.map(function (el, i) { return i; });
    this.state = readState(location.search);
    this.progress = {};
    this.view = { order: this.all, home: true, words: [] };
    this.pageSize = PAGE_SIZE;
    this.limit = PAGE_SIZE;
    this.shown = [];
    this.marked = [];
    this.dirty = new Set();
    this.current = 0;
    this.urlTimer = 0;
  }

  Page.prototype.wire = function () {
    var page = this;
    var query = $('Query');
    query.value = this.state.q;
    $('Search').addEventListener('submit', function (event) { event.preventDefault(); });
    query.addEventListener('input', function () { page.change({ q: query.value }); });
    document.addEventListener('keydown', function (event) { page.key(event); });
    document.addEventListener('click', function (event) { page.click(event); });
    $('Clear').addEventListener('click', function () { page.clear(); });
    $('Theme').value = root.dataset.theme || '';
    $('Theme').addEventListener('change', function () {
      storageSet(THEME_KEY, this.value);
      applyTheme(this.value);
    });
    if ($('Doc')) {
      $('Doc').value = this.state.doc;
      $('Doc').addEventListener('change', function () { page.change({ doc: this.value }); });
    }
    $('Unknown').checked = this.state.unknown;
    $('Unknown').addEventListener('change', function () { page.change({ unknown: this.checked }); });
    $('Results').querySelector('.more').addEventListener('click', function () {
      page.limit += PAGE_SIZE;
      page.render();
    });
    window.addEventListener('pagehide', function () { page.writeUrl(); });
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
    clearTimeout(this.urlTimer);
    this.urlTimer = setTimeout(this.writeUrl.bind(this), URL_DELAY);
  };

  Page.prototype.writeUrl = function () {
    clearTimeout(this.urlTimer);
    var wanted = stateQuery(this.state);
    if (wanted === location.search) return;
    history.replaceState(history.state, '', (wanted || location.pathname) + location.hash);
  };

  /* ---- Which items show, in which order ---- */

  Page.prototype.computeView = function () {
    var queryWords = Array.from(new Set(this.search.words(this.state.q)));
    var allowed = this.allowed();
    var order = null;
    if (queryWords.length) order = this.engine.search(queryWords, allowed);
    else if (allowed) order = this.all.filter(function (i) { return allowed[i]; });
    if (this.state.study && this.state.seed) order = this.search.shuffled(order || this.all, this.state.seed);
    return { order: order || this.all, home: !order, words: queryWords };
  };

  /* A mask of the items the document, topic and "not known yet" filters let through, or null. */
  Page.prototype.allowed = function () {
    var state = this.state, size = this.items.length, mask = null;
    function narrow(keep) {
      if (!mask) { mask = keep; return; }
      for (var i = 0; i < size; i++) mask[i] &= keep[i];
    }
    if (state.doc) narrow(this.documentMask(state.doc));
    if (state.topics.size) narrow(this.topicMask(state.topics));
    if (state.study && state.unknown) {
      var keep = new Uint8Array(size).fill(1);
      for (var i = 0; i < size; i++) if (this.gradeOf(i) === 'known') keep[i] = 0;
      narrow(keep);
    }
    return mask;
  };

  Page.prototype.documentMask = function (slug) {
    var keep = new Uint8Array(this.items.length);
    this.documents.forEach(function (span) { if (span[0] === slug) keep.fill(1, span[1], span[2]); });
    return keep;
  };

  Page.prototype.topicMask = function (topics) {
    var keep = new Uint8Array(this.items.length);
    topics.forEach(function (topic) {
      var deltas = this.chipItems[topic] || [];
      for (var i = 0, item = 0; i < deltas.length; i++) keep[item += deltas[i]] = 1;
    }, this);
    return keep;
  };

  /* ---- Showing the view ---- */

  Page.prototype.render = function () {
    var results = $('Results');
    this.unmark();
    var shown = this.view.home ? [] : this.view.order.slice(0, this.limit);
    this.sendHome(new Set(shown));
    if (this.view.home) this.restoreOrder();
    for (var s = 0; s < this.sections.length; s++) this.sections[s].hidden = !this.view.home;
    results.hidden = this.view.home;
    results.querySelector('.list').replaceChildren.apply(
      results.querySelector('.list'), shown.map(function (i) { return this.items[i]; }, this));
    results.querySelector('.empty').hidden = !!shown.length;
    var more = results.querySelector('.more');
    var left = this.view.order.length - shown.length;
    more.hidden = this.view.home || left <= 0;
    more.textContent = 'Show ' + Math.min(left, PAGE_SIZE) + ' more of ' + left;
    this.shown = shown;
    this.highlight(shown);
  };

  Page.prototype.sendHome = function (keep) {
    for (var i = 0; i < this.shown.length; i++) {
      var item = this.shown[i];
      if (keep.has(item)) continue;
      this.homes[item].appendChild(this.items[item]);
      this.dirty.add(this.homes[item]);
    }
  };

  Page.prototype.restoreOrder = function () {
    var items = this.items, homes = this.homes, dirty = this.dirty;
    dirty.forEach(function (home) {
      home.replaceChildren.apply(home, items.filter(function (el, i) { return homes[i] === home; }));
    });
    dirty.clear();
  };

  Page.prototype.highlight = function (shown) {
    if (!this.view.words.length) return;
    var wanted = new Set();
    this.view.words.forEach(function (word) {
      // A single typed letter still finds by prefix, but painting every word it starts is noise.
      var least = word.length > 1 ? 1 : 3;
      this.engine.match(word).forEach(function (quality, k) {
        if (quality >= least) wanted.add(this.engine.terms[k]);
      }, this);
    }, this);
    for (var i = 0; i < shown.length; i++) {
      var el = this.items[shown[i]];
      markWords(el.querySelector('.question .text'), wanted, this.search.fold);
      markWords(el.querySelector('.answer'), wanted, this.search.fold);
      this.marked.push(el);
    }
  };

  Page.prototype.unmark = function () {
    this.marked.forEach(function (el) {
      el.querySelectorAll('mark.hit').forEach(function (mark) { mark.replaceWith(mark.textContent); });
      el.normalize();
    });
    this.marked = [];
  };

  function markWords(container, wanted, fold) {
    var walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
    var nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    nodes.forEach(function (node) {
      var text = node.data, pattern = /[\p{L}\p{N}\p{M}]+/gu, match, last = 0, parts = [];
      while ((match = pattern.exec(text))) {
        if (!wanted.has(fold(match[0]))) continue;
        parts.push(text.slice(last, match.index));
        var mark = document.createElement('mark');
        mark.className = 'hit';
        mark.textContent = match[0];
        parts.push(mark);
        last = match.index + match[0].length;
      }
      if (parts.length) { parts.push(text.slice(last)); node.replaceWith.apply(node, parts); }
    });
  }

  Page.prototype.paintControls = function () {
    var state = this.state, total = this.items.length, count = this.view.order.length;
    var filtered = !!(state.q || state.topics.size || state.doc || (state.study && state.unknown));
    $('Count').textContent = !filtered ? plural(total, 'question')
      : count ? count + ' of ' + plural(total, 'question')
      : 'No results';
    $('Clear').hidden = !filtered;
    if ($('Query').value !== state.q) $('Query').value = state.q;
    this.chips.forEach(function (chip) {
      chip.setAttribute('aria-pressed', String(state.topics.has(chip.dataset.topic)));
    });
    if ($('Doc')) $('Doc').value = state.doc;
  };

  Page.prototype.clear = function () {
    this.change({ q: '', topics: new Set(), doc: '', unknown: false });
    $('Unknown').checked = false;
    $('Query').focus();
  };

  /* ---- Keys and clicks ---- */

  Page.prototype.key = function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var query = $('Query');
    if (event.key === 'Escape' && (event.target === query || !isTyping(event.target))) {
      if (!this.state.q) return;
      event.preventDefault();
      this.change({ q: '' });
      query.focus();
    } else if (event.key === '/' && !isTyping(event.target)) {
      event.preventDefault();
      query.focus();
      query.select();
    } else if (this.state.study && !isTyping(event.target)) {
      this.studyKey(event);
    }
  };

  Page.prototype.click = function (event) {
    var target = event.target;
    var chip = target.closest('.chips button');
    var tag = target.closest('.tags a');
    var permalink = target.closest('.permalink');
    if (chip) this.toggleTopic(chip.dataset.topic);
    else if (tag) { event.preventDefault(); this.showTopic(tag.textContent); }
    else if (permalink) this.copyLink(permalink);
    else this.studyClick(event);
  };

  Page.prototype.toggleTopic = function (topic) {
    var topics = new Set(this.state.topics);
    if (!topics.delete(topic)) topics.add(topic);
    this.change({ topics: topics });
  };

  Page.prototype.showTopic = function (topic) {
    this.change({ topics: new Set([topic]) });
    $('Count').scrollIntoView({ block: 'center' });
  };

  Page.prototype.copyLink = function (link) {
    // The link names only the item, not this reader's search or filters.
    var url = location.href.split(/[?#]/)[0] + link.getAttribute('href');
    var say = function (text) { link.firstChild.textContent = text; };
    if (!navigator.clipboard) return;
    navigator.clipboard.writeText(url).then(function () {
      say('Link copied');
      setTimeout(function () { say('Copy link'); }, 2000);
    }, function () { say('Copy link'); });
  };

  window.qapressPage = Page;
}());
