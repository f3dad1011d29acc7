/* qapress search: folds words like qapress/search_index.py and ranks items over the prepared
 * index. Pure functions, no page access, so the benchmark can drive it directly. */
(function () {
  'use strict';

  var QUESTION_WEIGHT = 4;

  /* ---- Words: the same folding as qapress/search_index.py ---- */

  var MARKS = /\p{M}/gu;
  var WORD = /[\p{L}\p{N}]+/gu;

  var ASCII = /^[\x00-\x7f]*$/;

  function fold(text) {
    // Plain ASCII has nothing to decompose; skipping normalize() keeps highlighting cheap.
    if (ASCII.test(text)) return text.toLowerCase();
    return text.toLowerCase().normalize('NFKD').replace(MARKS, '').replace(/ς/g, 'σ');
  }

  function words(text) {
    return fold(text).match(WORD) || [];
  }

  /* ---- The search engine: pure, over the prepared index ---- */

  function Engine(raw) {
    this.terms = raw.terms;
    this.postings = raw.postings;
    this.decoded = new Array(raw.terms.length);
    this.size = raw.documents.length ? raw.documents[raw.documents.length - 1][2] : 0;
    this.byLength = [];
    for (var k = 0; k < this.terms.length; k++) {
      var length = this.terms[k].length;
      (this.byLength[length] || (this.byLength[length] = [])).push(k);
    }
    this.numbers = new Int32Array(this.size);
    for (var n = 0, number = 0; n < this.size && raw.numbers; n++) this.numbers[n] = number += raw.numbers[n];
    this.best = new Float64Array(this.size);
    this.total = new Float64Array(this.size);
    this.matchCache = new Map();
  }

  Engine.prototype.posting = function (k) {
    var list = this.decoded[k];
    if (!list) {
      var deltas = this.postings[k];
      list = new Int32Array(deltas.length);
      for (var i = 0, value = 0; i < deltas.length; i++) list[i] = value += deltas[i];
      this.decoded[k] = list;
    }
    return list;
  };

  /* Vocabulary words a query word reaches, with a quality: 3 exact, 2 prefix, 1 one typo. */
  Engine.prototype.match = function (word) {
    var cached = this.matchCache.get(word);
    if (cached) return cached;
    var found = new Map();
    for (var k = lowerBound(this.terms, word); k < this.terms.length; k++) {
      if (!this.terms[k].startsWith(word)) break;
      found.set(k, this.terms[k].length === word.length ? 3 : 2);
    }
    if (word.length >= 4) {
      for (var length = word.length - 1; length <= word.length + 1; length++) {
        var group = this.byLength[length] || [];
        for (var i = 0; i < group.length; i++) {
          if (!found.has(group[i]) && oneEditApart(word, this.terms[group[i]])) found.set(group[i], 1);
        }
      }
    }
    if (this.matchCache.size > 500) this.matchCache.clear();
    this.matchCache.set(word, found);
    return found;
  };

  /* Items holding every query word (prefix or one typo), best first; `allowed` may narrow them. */
  Engine.prototype.search = function (queryWords, allowed) {
    var survivors = null;
    var best = this.best, total = this.total;
    for (var w = 0; w < queryWords.length && (!survivors || survivors.length); w++) {
      var touched = this.scoreWord(queryWords[w], survivors ? null : allowed);
      var from = survivors || touched;
      var next = [];
      for (var i = 0; i < from.length; i++) {
        var item = from[i];
        // An item missing this word drops out and gives its score back for the next search.
        if (best[item] > 0) { total[item] += best[item]; next.push(item); } else total[item] = 0;
      }
      for (i = 0; i < touched.length; i++) best[touched[i]] = 0;
      survivors = next;
    }
    var ranked = (survivors || []).sort(function (a, b) { return total[b] - total[a] || a - b; });
    for (var j = 0; j < ranked.length; j++) total[ranked[j]] = 0;
    return ranked;
  };

  /* Items numbered `number` that `allowed` lets through, in page order. */
  Engine.prototype.numbered = function (number, allowed) {
    var found = [];
    for (var i = 0; i < this.size; i++) {
      if (this.numbers[i] === number && (!allowed || allowed[i])) found.push(i);
    }
    return found;
  };

  /* Every item `allowed` lets through, in page order. */
  Engine.prototype.every = function (allowed) {
    var found = [];
    for (var i = 0; i < this.size; i++) if (!allowed || allowed[i]) found.push(i);
    return found;
  };

  /* A mask of the items holding any of `queryWords`, whole or as a prefix (no typos: a word
   * left out must not take its near neighbours with it). */
  Engine.prototype.containing = function (queryWords) {
    var mask = new Uint8Array(this.size);
    queryWords.forEach(function (word) {
      this.match(word).forEach(function (quality, k) {
        if (quality < 2) return;
        var list = this.posting(k);
        for (var i = 0; i < list.length; i++) mask[list[i] >> 1] = 1;
      }, this);
    }, this);
    return mask;
  };

  Engine.prototype.scoreWord = function (word, allowed) {
    var touched = [];
    var best = this.best;
    this.match(word).forEach(function (quality, k) {
      var list = this.posting(k);
      for (var i = 0; i < list.length; i++) {
        var item = list[i] >> 1;
        if (allowed && !allowed[item]) continue;
        var score = quality * (list[i] & 1 ? QUESTION_WEIGHT : 1);
        if (best[item] === 0) touched.push(item);
        if (score > best[item]) best[item] = score;
      }
    }, this);
    return touched;
  };

  function lowerBound(sorted, value) {
    var low = 0, high = sorted.length;
    while (low < high) {
      var middle = (low + high) >> 1;
      if (sorted[middle] < value) low = middle + 1; else high = middle;
    }
    return low;
  }

  /* One substitution, insertion, deletion or swap of neighbours turns a into b. */
  function oneEditApart(a, b) {
    var i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    if (i === a.length || i === b.length) return Math.abs(a.length - b.length) === 1;
    if (a.length === b.length) {
      return sameTail(a, i + 1, b, i + 1) ||
        (a[i] === b[i + 1] && a[i + 1] === b[i] && sameTail(a, i + 2, b, i + 2));
    }
    return a.length > b.length ? sameTail(a, i + 1, b, i) : sameTail(a, i, b, i + 1);
  }

  function sameTail(a, i, b, j) {
    if (a.length - i !== b.length - j) return false;
    while (i < a.length) if (a[i++] !== b[j++]) return false;
    return true;
  }

  /* A small seeded generator, so a shuffled order can be shared as a link. */
  function shuffled(list, seed) {
    var state = 2166136261;
    for (var c = 0; c < seed.length; c++) state = Math.imul(state ^ seed.charCodeAt(c), 16777619);
    function next() {
      state = (state + 0x6d2b79f5) | 0;
      var t = Math.imul(state ^ (state >>> 15), 1 | state);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    }
    var out = list.slice();
    for (var i = out.length - 1; i > 0; i--) {
      var j = Math.floor(next() * (i + 1));
      var swap = out[i]; out[i] = out[j]; out[j] = swap;
    }
    return out;
  }

  window.qapressSearch = {
    Engine: Engine, fold: fold, words: words, oneEditApart: oneEditApart, shuffled: shuffled
  };
}());
