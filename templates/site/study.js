/* qapress study mode: one card at a time over the view, flipped by Space, Enter or a tap, graded
 * by keys, buttons or a swipe. The session (session.js) is kept per site, so its place and queue
 * survive a reload; each grade also goes to the grades kept per document (grades.js). */
(function () {
  'use strict';

  var qapress = window.qapress = window.qapress || {};
  var root = document.documentElement;
  var session = window.qapressSession;
  var SWIPE = 60;
  /* Pixels sideways a finger must travel for a swipe rather than a tap. */
  var KEYS = {
    ' ': 'flip', Enter: 'flip', 1: 'again', n: 'again', 2: 'hard', 3: 'good', y: 'good',
    j: 'next', ArrowRight: 'next', k: 'prev', ArrowLeft: 'prev', Escape: 'leave'
  };
  var GRADED = { again: 'again', hard: 'hard', good: 'known' };

  function viewKey(state) {
    return JSON.stringify([state.q, Array.from(state.topics).sort(), state.doc, state.seed, state.unknown]);
  }

  function duration(seconds) {
    var minutes = Math.floor(seconds / 60);
    return minutes ? minutes + ' min ' + (seconds % 60) + ' s' : seconds + ' s';
  }

  /* Study the `page`'s view from `store`'s items, whose ids are `anchors`, grading into `grades`. */
  function Study(store, grades, anchors, page) {
    this.store = store;
    this.grades = grades;
    this.anchors = anchors;
    this.page = page;
    this.savedKey = 'qapress-session:' + page.site;
    this.positions = null;
    this.state = null;
    this.studied = '';
    this.pointer = null;
    this.swiped = false;
    this.find = function (id) { return document.getElementById(id); };
    this.wire();
  }

  Study.prototype.wire = function () {
    var study = this, page = this.page, card = this.find('Card');
    this.find('Study').addEventListener('click', function () {
      page.change({ study: !page.state.study }, true);
      if (page.state.study) card.focus({ preventScroll: true });
    });
    [this.find('StudyBar'), this.find('Summary')].forEach(function (area) {
      area.addEventListener('click', function (event) {
        var button = event.target.closest('[data-study]');
        if (button) study.act(button.dataset.study);
      });
    });
    var unknown = this.find('Unknown');
    unknown.checked = page.state.unknown;
    unknown.addEventListener('change', function () { page.change({ unknown: this.checked }); });
    card.addEventListener('pointerdown', function (event) {
      // A swipe may end without a click, so each touch starts with none pending.
      study.swiped = false;
      study.pointer = { x: event.clientX, y: event.clientY };
    });
    card.addEventListener('pointerup', function (event) { study.release(event); });
  };

  /* A finger lifted far enough sideways grades the card: right for good, left for again. */
  Study.prototype.release = function (event) {
    var start = this.pointer;
    this.pointer = null;
    if (!start) return;
    var dx = event.clientX - start.x, dy = event.clientY - start.y;
    if (Math.abs(dx) < SWIPE || Math.abs(dx) < 2 * Math.abs(dy)) return;
    this.swiped = true;
    this.act(dx > 0 ? 'good' : 'again');
  };

  /* Keep the session when the view is the one it studies, else resume the stored one or start. */
  Study.prototype.sync = function (state, order) {
    if (!state.study) return;
    var key = viewKey(state);
    if (this.state && this.studied === key) return;
    var saved = null;
    try { saved = JSON.parse(qapress.storage.get(this.savedKey) || 'null'); } catch (error) { saved = null; }
    this.studied = key;
    this.state = saved && saved.view === key ? session.restore(saved.session) : null;
    var here = function (id) { return this.positionOf(id) >= 0; }.bind(this);
    if (this.state) this.state = session.only(this.state, here);
    if (!this.state) this.begin(order);
  };

  Study.prototype.begin = function (order) {
    var anchors = this.anchors;
    this.state = session.start(order.map(function (p) { return anchors[p]; }), Date.now());
    this.save();
  };

  Study.prototype.save = function () {
    qapress.storage.set(this.savedKey, JSON.stringify({ view: this.studied, session: this.state }));
  };

  Study.prototype.positionOf = function (id) {
    if (!this.positions) this.positions = new Map(this.anchors.map(function (a, i) { return [a, i]; }));
    var position = this.positions.get(id);
    return position === undefined ? -1 : position;
  };

  Study.prototype.act = function (action) {
    var now = Date.now(), state = this.state, page = this.page;
    if (action === 'leave') { page.change({ study: false }, true); this.find('Study').focus(); return; }
    if (action === 'shuffle') { page.change({ seed: Math.random().toString(36).slice(2, 8) }); return; }
    if (action === 'unshuffle') { page.change({ seed: '' }); return; }
    if (action === 'reset') { this.reset(); return; }
    if (!state) return;
    if (action === 'restart') this.begin(page.view.order);
    else if (action === 'repeat') this.state = session.start(state.repeat, now);
    else if (action === 'flip') this.state = session.flip(state, now);
    else if (action === 'next' || action === 'prev') this.state = session.move(state, action === 'next' ? 1 : -1, now);
    else if (GRADED[action]) this.grade(action, now);
    this.save();
    this.paint();
    if (session.done(this.state)) this.find('SummaryTitle').focus();
    else if (action === 'restart' || action === 'repeat') this.find('Card').focus();
  };

  Study.prototype.grade = function (kind, now) {
    var position = this.positionOf(session.current(this.state));
    if (position >= 0) this.grades.set(position, GRADED[kind]);
    this.state = session.grade(this.state, kind, now);
  };

  Study.prototype.key = function (event) {
    var action = KEYS[event.key];
    var onControl = event.target.closest && event.target.closest('button, a, summary, input, select');
    if (!action || (onControl && (event.key === ' ' || event.key === 'Enter'))) return;
    event.preventDefault();
    this.act(action);
  };

  /* A tap on the card, not on its links and not ending a swipe, flips it. */
  Study.prototype.click = function (event) {
    var swiped = this.swiped;
    this.swiped = false;
    if (!this.page.state.study || !event.target.closest('#Card') || event.target.closest('a, button')) return;
    if (!swiped) this.act('flip');
  };

  Study.prototype.reset = function () {
    if (!window.confirm('Forget which questions you knew?')) return;
    this.grades.forget();
    this.begin(this.page.view.order);
    this.page.update();
  };

  Study.prototype.paint = function () {
    var state = this.page.state, on = state.study;
    root.classList.toggle('studying', on);
    this.find('Study').setAttribute('aria-pressed', String(on));
    this.find('StudyBar').hidden = this.find('StudyCard').hidden = !on;
    this.find('Unknown').checked = state.unknown;
    document.querySelector('[data-study=shuffle]').hidden = !!state.seed;
    document.querySelector('[data-study=unshuffle]').hidden = !state.seed;
    if (!on || !this.state) return;
    var finished = session.done(this.state);
    this.find('Card').hidden = this.find('StudyButtons').hidden = finished;
    this.find('Summary').hidden = !finished;
    if (finished) this.paintSummary(); else this.paintCard();
    this.find('Progress').textContent = this.progressText();
  };

  /* Show the current card: a copy of its item, made once its chunk has loaded. */
  Study.prototype.paintCard = function () {
    var position = this.positionOf(session.current(this.state)), store = this.store, card = this.find('Card');
    if (position >= 0 && !store.elements[position]) store.make([position]);
    var item = store.elements[position];
    if (position >= 0 && !item) { store.load([position]).then(this.paint.bind(this)); return; }
    if (!item) { card.replaceChildren(); return; }
    var shown = card.firstElementChild;
    if (!shown || shown.dataset.position !== String(position)) {
      shown = item.cloneNode(true);
      shown.removeAttribute('id');
      shown.classList.remove('current');
      shown.dataset.position = position;
      card.replaceChildren(shown);
    }
    shown.classList.toggle('revealed', this.state.flipped);
    this.find('Flip').textContent = this.state.flipped ? 'Hide answer' : 'Show answer';
  };

  Study.prototype.paintSummary = function () {
    var sum = session.summary(this.state), repeat = this.find('Summary').querySelector('[data-study=repeat]');
    this.find('SummaryText').textContent = sum.known + ' known, ' + sum.repeat + ' to repeat, in ' +
      duration(sum.seconds) + '.';
    repeat.hidden = !sum.repeat;
    repeat.textContent = 'Repeat the ' + sum.repeat;
  };

  Study.prototype.progressText = function () {
    var sum = session.summary(this.state);
    if (!this.state.total) return 'Nothing to study with these filters.';
    if (session.done(this.state)) return 'Session done: ' + this.state.total + ' cards.';
    return sum.left + ' of ' + this.state.total + ' left · ' + sum.known + ' known · ' +
      sum.repeat + ' to repeat';
  };

  qapress.Study = Study;
}());
