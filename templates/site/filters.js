/* qapress filters: the document choice, the mask every filter makes together, and the line that
 * says how many questions show, with its button that clears them all. */
(function () {
  'use strict';

  var qapress = window.qapress = window.qapress || {};

  function plural(count, noun) {
    return count + ' ' + noun + (count === 1 ? '' : 's');
  }

  /* Filters over the `documents` spans of `size` items, changing `page`'s state. */
  function Filters(documents, size, page) {
    var doc = this.doc = document.getElementById('Doc');
    this.documents = documents;
    this.size = size;
    this.count = document.getElementById('Count');
    this.clear = document.getElementById('Clear');
    if (doc) {
      doc.value = page.state.doc;
      doc.addEventListener('change', function () { page.change({ doc: this.value }, true); });
    }
    this.clear.addEventListener('click', function () {
      page.change({ q: '', topics: new Set(), doc: '', unknown: false }, true);
      document.getElementById('Query').focus();
    });
  }

  /* Return a mask of the items in the document `slug`. */
  Filters.prototype.documentMask = function (slug) {
    var keep = new Uint8Array(this.size);
    this.documents.forEach(function (span) { if (span[0] === slug) keep.fill(1, span[1], span[2]); });
    return keep;
  };

  /* Return the mask of the items all the `masks` let through (falsy ones filter nothing), or null. */
  Filters.prototype.allowed = function (masks) {
    var mask = null, size = this.size;
    masks.forEach(function (keep) {
      if (!keep) return;
      if (!mask) { mask = keep; return; }
      for (var i = 0; i < size; i++) mask[i] &= keep[i];
    });
    return mask;
  };

  /* Show `state`'s document and how many of the questions the `count` shown are. */
  Filters.prototype.paint = function (state, count) {
    var filtered = !!(state.q || state.topics.size || state.doc || (state.study && state.unknown));
    this.count.textContent = !filtered ? plural(this.size, 'question')
      : count ? count + ' of ' + plural(this.size, 'question')
      : 'No results';
    this.clear.hidden = !filtered;
    if (this.doc) this.doc.value = state.doc;
  };

  qapress.Filters = Filters;
}());
