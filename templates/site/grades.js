/* qapress grades: which questions the reader knew and which to repeat, kept in this browser's
 * localStorage under this site's id, one entry per document keyed by anchor, and shown as a class
 * on each item. The site's id, not a file name, keeps two sites built from like-named files apart. */
(function () {
  'use strict';

  var qapress = window.qapress = window.qapress || {};
  var GRADES = ['known', 'hard', 'again'];

  function readJson(key) {
    try {
      var value = JSON.parse(qapress.storage.get(key) || '{}');
      return value && typeof value === 'object' ? value : {};
    } catch (error) {
      return {};
    }
  }

  /* The grades of `items` (elements by position), whose anchors and documents `raw` and `docOf` give. */
  function Grades(raw, docOf, items) {
    this.prefix = 'qapress:' + raw.site + ':';
    this.anchors = raw.anchors;
    this.slugs = raw.documents.map(function (span) { return span[0]; });
    this.docOf = docOf;
    this.items = items;
    this.progress = {};
    this.slugs.forEach(function (slug) { this.progress[slug] = readJson(this.prefix + slug); }, this);
    this.paintAll();
  }

  /* Return 'known', 'hard', 'again' or nothing for the item at `position`. */
  Grades.prototype.of = function (position) {
    return this.progress[this.slugs[this.docOf[position]]][this.anchors[position]];
  };

  Grades.prototype.set = function (position, kind) {
    var slug = this.slugs[this.docOf[position]];
    this.progress[slug][this.anchors[position]] = kind;
    qapress.storage.set(this.prefix + slug, JSON.stringify(this.progress[slug]));
    var el = this.items[position];
    if (el) this.paint(position, el);
  };

  Grades.prototype.forget = function () {
    this.slugs.forEach(function (slug) {
      this.progress[slug] = {};
      qapress.storage.set(this.prefix + slug, '{}');
    }, this);
    this.items.forEach(function (el) { el.classList.remove.apply(el.classList, GRADES); });
  };

  /* Return a mask of the items not graded as known. */
  Grades.prototype.notKnown = function () {
    var keep = new Uint8Array(this.items.length).fill(1);
    for (var i = 0; i < keep.length; i++) if (this.of(i) === 'known') keep[i] = 0;
    return keep;
  };

  /* Put each graded item's class on it; anchors that are gone are kept for later builds. */
  Grades.prototype.paintAll = function () {
    this.items.forEach(function (el, position) { this.paint(position, el); }, this);
  };

  /* Put the grade of the item at `position` on `el`, touching only a class that changes: a class
   * written, even unchanged, makes the browser restyle the item, and the page holds hundreds. */
  Grades.prototype.paint = function (position, el) {
    var grade = this.of(position), classes = el.classList;
    GRADES.forEach(function (kind) {
      if (kind !== grade && classes.contains(kind)) classes.remove(kind);
    });
    if (GRADES.indexOf(grade) >= 0 && !classes.contains(grade)) classes.add(grade);
  };

  qapress.Grades = Grades;
}());
