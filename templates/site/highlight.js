/* qapress highlight: marks the words a search reached in the results it shows. */
(function () {
  'use strict';

  var qapress = window.qapress = window.qapress || {};

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

  /* Marks over `items`, the page's elements by position, for the words `engine` reaches. */
  function Highlight(engine, fold, items) {
    this.engine = engine;
    this.fold = fold;
    this.items = items;
    this.marked = [];
  }

  /* Take the last marks away, then mark what the query `words` reach in the items `shown`. */
  Highlight.prototype.paint = function (shown, words) {
    this.unmark();
    if (!words.length) return;
    var wanted = this.reached(words);
    for (var i = 0; i < shown.length; i++) {
      var el = this.items[shown[i]];
      markWords(el.querySelector('.question .text'), wanted, this.fold);
      markWords(el.querySelector('.answer'), wanted, this.fold);
      this.marked.push(el);
    }
  };

  Highlight.prototype.reached = function (words) {
    var wanted = new Set();
    words.forEach(function (word) {
      // A single typed letter still finds by prefix, but painting every word it starts is noise.
      var least = word.length > 1 ? 1 : 3;
      this.engine.match(word).forEach(function (quality, k) {
        if (quality >= least) wanted.add(this.engine.terms[k]);
      }, this);
    }, this);
    return wanted;
  };

  Highlight.prototype.unmark = function () {
    this.marked.forEach(function (el) {
      el.querySelectorAll('mark.hit').forEach(function (mark) { mark.replaceWith(mark.textContent); });
      el.normalize();
    });
    this.marked = [];
  };

  qapress.Highlight = Highlight;
}());
