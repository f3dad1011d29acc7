/* qapress items: the page holds the first items as HTML, and the build wrote the others into chunk
 * scripts (items-001.js, ...) that hand their markup to qapressItems.add. This file adds a chunk's
 * script when the page first needs one of its items and makes each item's element once. */
(function () {
  'use strict';

  var markup = [];

  /* Keep the markup of items `first`, `first + 1`, ...: each chunk script calls this as it runs. */
  function add(first, list) {
    for (var i = 0; i < list.length; i++) markup[first + i] = list[i];
  }

  function chunkFile(number) {
    // The same name qapress/layout.py gives it.
    return 'items-' + String(number).padStart(3, '0') + '.js';
  }

  /* Every item's element by position: the page's own, then made from chunk markup as needed.
   * `chunks` is [position of the first chunked item, items per chunk]; `made` sees each new one. */
  function Store(elements, size, chunks, made) {
    this.elements = elements;
    this.elements.length = size;
    this.first = chunks[0];
    this.chunkSize = chunks[1];
    this.made = made;
    this.loads = [];
    this.template = document.createElement('template');
  }

  Store.prototype.has = function (position) {
    return !!this.elements[position] || markup[position] !== undefined;
  };

  /* Add the scripts of the chunks holding `positions` not here yet; settle once all have run. */
  Store.prototype.load = function (positions) {
    var numbers = new Set();
    for (var i = 0; i < positions.length; i++) {
      var position = positions[i];
      if (!this.has(position)) numbers.add(Math.floor((position - this.first) / this.chunkSize) + 1);
    }
    return Promise.all(Array.from(numbers, this.loadChunk, this));
  };

  Store.prototype.loadChunk = function (number) {
    if (!this.loads[number]) {
      this.loads[number] = new Promise(function (resolve) {
        var script = document.createElement('script');
        // A chunk that fails to load leaves its items out rather than stalling every view.
        script.onload = script.onerror = function () { script.remove(); resolve(); };
        script.src = chunkFile(number);
        document.head.appendChild(script);
      });
    }
    return this.loads[number];
  };

  /* Make the elements of `positions` whose markup is here, all in one parse. */
  Store.prototype.make = function (positions) {
    var fresh = positions.filter(function (p) { return !this.elements[p] && markup[p] !== undefined; }, this);
    if (!fresh.length) return;
    // The markup was escaped when the site was built; a template runs nothing while it parses.
    this.template.innerHTML = fresh.map(function (p) { return markup[p]; }).join('');
    var made = Array.prototype.slice.call(this.template.content.children);
    fresh.forEach(function (position, k) {
      this.elements[position] = made[k];
      markup[position] = undefined;
      this.made(position, made[k]);
    }, this);
  };

  window.qapressItems = { add: add, Store: Store };
}());
