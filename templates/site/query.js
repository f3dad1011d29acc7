/* qapress query: the search box, its keys (/ focuses, Escape clears) and the words it holds. */
(function () {
  'use strict';

  var qapress = window.qapress = window.qapress || {};

  /* The box whose text is `page`'s query, found by `engine` and read as `search` reads words. */
  function Query(engine, search, page) {
    var box = this.box = document.getElementById('Query');
    this.engine = engine;
    this.search = search;
    this.page = page;
    box.value = page.state.q;
    document.getElementById('Search').addEventListener('submit', function (event) {
      event.preventDefault();
    });
    box.addEventListener('input', function () { page.change({ q: box.value }); });
  }

  /* Return the query's distinct words and, if it has any, the `allowed` items holding them. */
  Query.prototype.find = function (allowed) {
    var words = Array.from(new Set(this.search.words(this.page.state.q)));
    return { words: words, order: words.length ? this.engine.search(words, allowed) : null };
  };

  /* Act on the box's keys, `typing` if the reader is in a field; say whether the key was one. */
  Query.prototype.key = function (event, typing) {
    var box = this.box;
    if (event.key === 'Escape' && (event.target === box || !typing)) {
      if (!this.page.state.q) return true;
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

  qapress.Query = Query;
}());
