/* qapress study mode: answers wait behind a tap or Space, the reader steps through the view and
 * grades each question (grades.js keeps the grades). */
(function () {
  'use strict';

  var Page = window.qapressPage;
  var root = document.documentElement;
  var reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)');

  function $(id) { return document.getElementById(id); }

  Page.prototype.wireStudy = function () {
    var page = this;
    $('Study').addEventListener('click', function () {
      page.items.forEach(function (el) { el.classList.remove('revealed'); });
      page.change({ study: !page.state.study });
    });
    $('StudyBar').addEventListener('click', function (event) {
      var button = event.target.closest('[data-study]');
      if (button) page.studyAction(button.dataset.study);
    });
  };

  Page.prototype.studyAction = function (action) {
    if (action === 'prev' || action === 'next') this.move(action === 'next' ? 1 : -1, true);
    else if (action === 'reveal') this.reveal();
    else if (action === 'known' || action === 'again') this.grade(action);
    else if (action === 'shuffle') this.change({ seed: Math.random().toString(36).slice(2, 8) });
    else if (action === 'unshuffle') this.change({ seed: '' });
    else if (action === 'reset') this.resetProgress();
  };

  Page.prototype.studyKey = function (event) {
    var onControl = event.target.closest && event.target.closest('button, a, label, summary');
    switch (event.key) {
      case 'j': case 'ArrowDown': case 'ArrowRight': this.move(1, true); break;
      case 'k': case 'ArrowUp': case 'ArrowLeft': this.move(-1, true); break;
      case ' ': case 'Enter': if (onControl) return; this.reveal(); break;
      default: return;
    }
    event.preventDefault();
  };

  Page.prototype.studyClick = function (event) {
    var el = this.state.study && event.target.closest('.item');
    if (!el || event.target.closest('a, button')) return;
    var at = this.view.order.indexOf(this.items.indexOf(el));
    if (at < 0) return;
    this.current = at;
    this.focusCurrent(false);
    this.reveal();
  };

  Page.prototype.currentItem = function () {
    var position = this.view.order[this.current];
    return position === undefined ? null : this.items[position];
  };

  Page.prototype.move = function (step, scroll) {
    var last = this.view.order.length - 1;
    if (last < 0) return;
    this.current = Math.max(0, Math.min(last, this.current + step));
    var position = this.view.order[this.current];
    if (this.view.home && position >= this.homeSize && !this.pinned.has(position)) {
      // One step past the list adds that item alone, wherever a link may have put the reader.
      this.pinned.add(position);
    } else if (!this.view.home && this.current >= this.limit) {
      this.limit = this.current + this.pageSize;
    } else {
      this.focusCurrent(scroll);
      return;
    }
    // The item may wait on its chunk; focus it once it is on the page.
    this.render().then(this.focusCurrent.bind(this, scroll));
  };

  Page.prototype.focusCurrent = function (scroll) {
    var el = this.currentItem();
    this.paintStudy();
    if (!el) return;
    el.tabIndex = -1;
    el.focus({ preventScroll: true });
    if (scroll) el.scrollIntoView({ block: 'center', behavior: reducedMotion.matches ? 'auto' : 'smooth' });
  };

  Page.prototype.reveal = function () {
    var el = this.currentItem();
    if (el) el.classList.toggle('revealed');
  };

  Page.prototype.grade = function (kind) {
    var position = this.view.order[this.current];
    if (position === undefined) return;
    this.grades.set(position, kind);
    this.move(1, true);
  };

  Page.prototype.resetProgress = function () {
    if (!window.confirm('Forget which questions you knew?')) return;
    this.grades.forget();
    this.update();
  };

  Page.prototype.paintStudy = function () {
    var on = this.state.study;
    root.classList.toggle('studying', on);
    $('Study').setAttribute('aria-pressed', String(on));
    $('StudyBar').hidden = !on;
    var bar = $('StudyBar');
    bar.querySelector('[data-study=shuffle]').hidden = !!this.state.seed;
    bar.querySelector('[data-study=unshuffle]').hidden = !this.state.seed;
    if (this.state.seed || this.state.unknown) bar.querySelector('.study-options').open = true;
    var el = on ? this.currentItem() : null;
    if (this.currentEl && this.currentEl !== el) this.currentEl.classList.remove('current');
    if (el) el.classList.add('current');
    this.currentEl = el;
    if (on) $('Progress').textContent = this.progressText();
  };

  Page.prototype.progressText = function () {
    var order = this.view.order, known = 0, again = 0;
    for (var i = 0; i < order.length; i++) {
      var grade = this.grades.of(order[i]);
      if (grade === 'known') known++; else if (grade === 'again') again++;
    }
    if (!order.length) return 'Nothing to study with these filters.';
    return 'Question ' + (this.current + 1) + ' of ' + order.length + ' · ' + known + ' known · ' +
      again + ' to repeat';
  };
}());
