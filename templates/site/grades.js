/* qapress grades: which questions the reader knew and which to repeat, kept in this browser's
 * localStorage by document and anchor, and shown as a class on each item. */
(function () {
  'use strict';

  var qapress = window.qapress = window.qapress || {};
  var PROGRESS_KEY = 'qapress:progress';

  function readProgress() {
    try {
      return JSON.parse(qapress.storage.get(PROGRESS_KEY) || '{}') || {};
    } catch (error) {
      return {};
    }
  }

  /* The grades of `items` (elements by position), whose anchors and documents `raw` and `docOf` give. */
  function Grades(raw, docOf, items) {
    this.anchors = raw.anchors;
    this.documents = raw.documents;
    this.docOf = docOf;
    this.items = items;
    this.progress = readProgress();
    this.paintKeys(Object.keys(this.progress));
  }

  Grades.prototype.keyOf = function (position) {
    return this.documents[this.docOf[position]][0] + '#' + this.anchors[position];
  };

  /* Return 'known', 'again' or nothing for the item at `position`. */
  Grades.prototype.of = function (position) {
    return this.progress[this.keyOf(position)];
  };

  Grades.prototype.set = function (position, kind) {
    this.progress[this.keyOf(position)] = kind;
    this.save();
    this.paintKeys([this.keyOf(position)]);
  };

  Grades.prototype.forget = function () {
    this.progress = {};
    this.save();
    this.items.forEach(function (el) { el.classList.remove('known', 'again'); });
  };

  Grades.prototype.save = function () {
    qapress.storage.set(PROGRESS_KEY, JSON.stringify(this.progress));
  };

  /* Return a mask of the items not graded as known. */
  Grades.prototype.notKnown = function () {
    var keep = new Uint8Array(this.items.length).fill(1);
    for (var i = 0; i < keep.length; i++) if (this.of(i) === 'known') keep[i] = 0;
    return keep;
  };

  /* Put each graded item's class on it; keys whose anchor is gone are kept for later builds. */
  Grades.prototype.paintKeys = function (keys) {
    keys.forEach(function (key) {
      var split = key.indexOf('#');
      var el = document.getElementById(key.slice(split + 1));
      if (!el || el.dataset.doc !== key.slice(0, split)) return;
      el.classList.remove('known', 'again');
      el.classList.add(this.progress[key]);
    }, this);
  };

  /* Put the grade of the item at `position` on `el`, an element just made for it. */
  Grades.prototype.paint = function (position, el) {
    var grade = this.of(position);
    if (grade) el.classList.add(grade);
  };

  qapress.Grades = Grades;
}());
