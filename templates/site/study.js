/* qapress study mode: answers wait behind a tap or Space, the reader steps through the view and
 * grades each question (grades.js keeps the grades). */
(function () {
  'use strict';

  var qapress = window.qapress = window.qapress || {};
  var root = document.documentElement;
  var reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)');

  /* Study over `items` (elements by position) on `list`, grading into `grades`, for `page`. */
  function Study(items, list, grades, page) {
    var study = this;
    this.items = items;
    this.list = list;
    this.grades = grades;
    this.page = page;
    this.current = 0;
    this.currentEl = null;
    this.bar = document.getElementById('StudyBar');
    this.button = document.getElementById('Study');
    this.unknown = document.getElementById('Unknown');
    this.button.addEventListener('click', function () {
      items.forEach(function (el) { el.classList.remove('revealed'); });
      page.change({ study: !page.state.study });
    });
    this.bar.addEventListener('click', function (event) {
      var button = event.target.closest('[data-study]');
      if (button) study.act(button.dataset.study);
    });
    this.unknown.checked = page.state.unknown;
    this.unknown.addEventListener('change', function () { page.change({ unknown: this.checked }); });
  }

  /* Start a new view from its first question. */
  Study.prototype.rewind = function () {
    this.current = 0;
  };

  Study.prototype.act = function (action) {
    if (action === 'prev' || action === 'next') this.move(action === 'next' ? 1 : -1, true);
    else if (action === 'reveal') this.reveal();
    else if (action === 'known' || action === 'again') this.grade(action);
    else if (action === 'shuffle') this.page.change({ seed: Math.random().toString(36).slice(2, 8) });
    else if (action === 'unshuffle') this.page.change({ seed: '' });
    else if (action === 'reset') this.reset();
  };

  Study.prototype.key = function (event) {
    var onControl = event.target.closest && event.target.closest('button, a, label, summary');
    switch (event.key) {
      case 'j': case 'ArrowDown': case 'ArrowRight': this.move(1, true); break;
      case 'k': case 'ArrowUp': case 'ArrowLeft': this.move(-1, true); break;
      case ' ': case 'Enter': if (onControl) return; this.reveal(); break;
      default: return;
    }
    event.preventDefault();
  };

  /* A click on a question, not on its links, makes it the current one and shows its answer. */
  Study.prototype.click = function (event) {
    var el = this.page.state.study && event.target.closest('.item');
    if (!el || event.target.closest('a, button')) return;
    var at = this.page.view.order.indexOf(this.items.indexOf(el));
    if (at < 0) return;
    this.current = at;
    this.focusCurrent(false);
    this.reveal();
  };

  Study.prototype.currentItem = function () {
    var position = this.page.view.order[this.current];
    return position === undefined ? null : this.items[position];
  };

  Study.prototype.move = function (step, scroll) {
    var last = this.page.view.order.length - 1;
    if (last < 0) return;
    this.current = Math.max(0, Math.min(last, this.current + step));
    // One step past the list adds that item; it may wait on its chunk, so focus it once it is here.
    var reached = this.list.reach(this.current);
    if (reached) reached.then(this.focusCurrent.bind(this, scroll));
    else this.focusCurrent(scroll);
  };

  Study.prototype.focusCurrent = function (scroll) {
    var el = this.currentItem();
    this.paint();
    if (!el) return;
    el.tabIndex = -1;
    el.focus({ preventScroll: true });
    if (scroll) el.scrollIntoView({ block: 'center', behavior: reducedMotion.matches ? 'auto' : 'smooth' });
  };

  Study.prototype.reveal = function () {
    var el = this.currentItem();
    if (el) el.classList.toggle('revealed');
  };

  Study.prototype.grade = function (kind) {
    var position = this.page.view.order[this.current];
    if (position === undefined) return;
    this.grades.set(position, kind);
    this.move(1, true);
  };

  Study.prototype.reset = function () {
    if (!window.confirm('Forget which questions you knew?')) return;
    this.grades.forget();
    this.page.update();
  };

  Study.prototype.paint = function () {
    var state = this.page.state, on = state.study, bar = this.bar;
    root.classList.toggle('studying', on);
    this.button.setAttribute('aria-pressed', String(on));
    bar.hidden = !on;
    bar.querySelector('[data-study=shuffle]').hidden = !!state.seed;
    bar.querySelector('[data-study=unshuffle]').hidden = !state.seed;
    if (state.seed || state.unknown) bar.querySelector('.study-options').open = true;
    this.unknown.checked = state.unknown;
    var el = on ? this.currentItem() : null;
    if (this.currentEl && this.currentEl !== el) this.currentEl.classList.remove('current');
    if (el) el.classList.add('current');
    this.currentEl = el;
    if (on) document.getElementById('Progress').textContent = this.progressText();
  };

  Study.prototype.progressText = function () {
    var order = this.page.view.order, known = 0, again = 0;
    for (var i = 0; i < order.length; i++) {
      var grade = this.grades.of(order[i]);
      if (grade === 'known') known++; else if (grade === 'again') again++;
    }
    if (!order.length) return 'Nothing to study with these filters.';
    return 'Question ' + (this.current + 1) + ' of ' + order.length + ' · ' + known + ' known · ' +
      again + ' to repeat';
  };

  qapress.Study = Study;
}());
