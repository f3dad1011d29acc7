/* qapress query: the search box, its keys (/ focuses, Escape clears), and what its text asks for:
 * words, "exact phrases", -words left out, or a question's number (42, Q42, #42). */
(function () {
  'use strict';

  var qapress = window.qapress = window.qapress || {};
  var NUMBER = /^\s*(?:[qQ#]\s*)?(\d{1,6})\.?\s*$/;
  var PHRASE = /"([^"]*)"?/g;

  /* Return what `text` asks for, its words read by `words` (search.js). */
  function parse(text, words) {
    var number = NUMBER.exec(text), phrases = [], without = [], plain = [];
    var rest = text.replace(PHRASE, function (_, phrase) {
      var found = words(phrase);
      if (found.length) phrases.push(found);
      return ' ';
    });
    rest.split(/\s+/).forEach(function (token) {
      if (token.length > 1 && token[0] === '-') without.push.apply(without, words(token.slice(1)));
      else plain.push.apply(plain, words(token));
    });
    phrases.forEach(function (phrase) { plain.push.apply(plain, phrase); });
    return {
      words: Array.from(new Set(plain)), phrases: phrases, without: without,
      number: number ? Number(number[1]) : null
    };
  }

  /* The box whose text is `page`'s query, found by `engine` and read as `search` reads words;
   * `textOf(position)` gives an item's text where the page has it, to check phrases against. */
  function Query(engine, search, page, textOf) {
    var box = this.box = document.getElementById('Query');
    this.engine = engine;
    this.search = search;
    this.page = page;
    this.textOf = textOf;
    this.folded = new Map();
    box.value = page.state.q;
    document.getElementById('Search').addEventListener('submit', function (event) {
      event.preventDefault();
    });
    box.addEventListener('input', function () { page.change({ q: box.value }); });
  }

  /* Return the query's words and, if it asks for anything, the `allowed` items it finds, best first. */
  Query.prototype.find = function (allowed) {
    var asked = parse(this.page.state.q, this.search.words), engine = this.engine;
    if (!asked.words.length && !asked.without.length && asked.number === null) {
      return { words: [], order: null };
    }
    var order = asked.words.length ? engine.search(asked.words, allowed) : null;
    if (asked.number !== null) order = this.numberFirst(asked.number, allowed, order || []);
    if (!order) order = engine.every(allowed);
    if (asked.without.length) {
      var out = engine.containing(asked.without);
      order = order.filter(function (p) { return !out[p]; });
    }
    if (asked.phrases.length) order = order.filter(this.holdsPhrases.bind(this, asked.phrases));
    return { words: asked.words, order: order };
  };

  /* Put the questions numbered `number` before the items the words found. */
  Query.prototype.numberFirst = function (number, allowed, found) {
    var numbered = this.engine.numbered(number, allowed), first = new Set(numbered);
    return numbered.concat(found.filter(function (p) { return !first.has(p); }));
  };

  /* Say whether the item at `position` holds each phrase, words in a row; an item whose text
   * is still in a chunk not loaded yet passes, as its words are all there. */
  Query.prototype.holdsPhrases = function (phrases, position) {
    var text = this.folded.get(position);
    if (text === undefined) {
      var raw = this.textOf(position);
      if (raw === null) return true;
      text = ' ' + this.search.words(raw).join(' ') + ' ';
      this.folded.set(position, text);
    }
    return phrases.every(function (phrase) { return text.indexOf(' ' + phrase.join(' ') + ' ') >= 0; });
  };

  /* Act on the box's keys, `typing` if the reader is in a field; say whether the key was one. */
  Query.prototype.key = function (event, typing) {
    var box = this.box;
    if (event.key === 'Escape' && (event.target === box || !typing)) {
      // With nothing to clear, Escape is left to study mode, which it ends.
      if (!this.page.state.q) return event.target === box;
      event.preventDefault();
      this.page.change({ q: '' });
      box.focus();
    } else if (event.key === '/' && !typing) {
      event.preventDefault();
      box.focus();
      box.select();
    } else {
      return false;
    }
    return true;
  };

  Query.prototype.focus = function () {
    this.box.focus();
  };

  Query.prototype.paint = function (state) {
    if (this.box.value !== state.q) this.box.value = state.q;
  };

  Query.parse = parse;
  qapress.Query = Query;
}());
