/* qapress topics: the topic tree that filters the list, one tab stop with the arrow keys inside,
 * its top level in two rows until "More topics", a parent's children shown once it or one of them
 * is chosen, and counts that follow the search and the document; and each item's topic links. */
(function () {
  'use strict';

  var qapress = window.qapress = window.qapress || {};

  function parentOf(topic) {
    var cut = topic.lastIndexOf('::');
    return cut < 0 ? '' : topic.slice(0, cut);
  }

  /* Set a true-or-false attribute only when it changes: each write restyles the chip. */
  function mark(el, name, on) {
    if (el.getAttribute(name) !== String(on)) el.setAttribute(name, String(on));
  }

  function within(topic, above) {
    return topic.startsWith(above + '::');
  }

  /* Topic filters over `chipItems` (each topic's items as gaps), changing `page`'s state. */
  function Topics(chipItems, size, page) {
    var topics = this;
    this.chipItems = chipItems;
    this.size = size;
    this.page = page;
    this.decoded = new Map();
    this.tree = document.getElementById('Topics');
    this.more = document.getElementById('MoreTopics');
    this.chips = Array.prototype.slice.call(document.querySelectorAll('.chips [role=treeitem]'));
    this.counts = this.chips.map(function (chip) { return chip.querySelector('.n'); });
    if (!this.tree) return;
    this.more.addEventListener('click', function () { topics.showAll(this.getAttribute('aria-expanded') !== 'true'); });
    // Measured after the first paint, so the page is ready before any layout is asked for.
    requestAnimationFrame(function () {
      topics.more.hidden = topics.tree.scrollHeight <= topics.tree.clientHeight + 1;
    });
  }

  Topics.prototype.showAll = function (all) {
    this.tree.classList.toggle('all', all);
    this.more.setAttribute('aria-expanded', String(all));
    this.more.textContent = all ? 'Fewer topics' : 'More topics';
  };

  /* Act on a click on a chip or a topic link; say whether it was one. */
  Topics.prototype.click = function (event) {
    var chip = event.target.closest('.chips [role=treeitem]');
    var tag = event.target.closest('.tags a');
    if (chip) { this.focusChip(chip); this.toggle(chip.dataset.topic); }
    else if (tag) { event.preventDefault(); this.show(tag.textContent); }
    return !!(chip || tag);
  };

  /* Choose `topic` or let it go; a topic chosen takes the place of those above and below it. */
  Topics.prototype.toggle = function (topic) {
    var topics = new Set(this.page.state.topics);
    if (!topics.delete(topic)) {
      topics.forEach(function (other) {
        if (within(other, topic) || within(topic, other)) topics.delete(other);
      });
      topics.add(topic);
    }
    this.page.change({ topics: topics }, true);
  };

  Topics.prototype.show = function (topic) {
    this.page.change({ topics: new Set([topic]) }, true);
    document.getElementById('Count').scrollIntoView({ block: 'center' });
  };

  /* Move among the chips on screen with the arrows, Home and End; choose with Space or Enter. */
  Topics.prototype.key = function (event) {
    var chip = event.target.closest && event.target.closest('.chips [role=treeitem]');
    if (!chip) return false;
    var shown = this.chips.filter(function (c) { return c.checkVisibility(); });
    var at = shown.indexOf(chip), to = {
      ArrowRight: at + 1, ArrowDown: at + 1, ArrowLeft: at - 1, ArrowUp: at - 1,
      Home: 0, End: shown.length - 1
    }[event.key];
    if (event.key === ' ' || event.key === 'Enter') this.toggle(chip.dataset.topic);
    else if (to === undefined) return false;
    else if (shown[to]) this.focusChip(shown[to]);
    event.preventDefault();
    return true;
  };

  Topics.prototype.focusChip = function (chip) {
    this.chips.forEach(function (c) { c.tabIndex = c === chip ? 0 : -1; });
    // A chip past the two rows on show opens the rest rather than taking the focus out of sight.
    if (this.tree.contains(chip) && chip.offsetTop >= this.tree.clientHeight) this.showAll(true);
    chip.focus();
  };

  Topics.prototype.items = function (topic) {
    var found = this.decoded.get(topic);
    if (!found) {
      var deltas = this.chipItems[topic] || [];
      found = new Int32Array(deltas.length);
      for (var i = 0, item = 0; i < deltas.length; i++) found[i] = item += deltas[i];
      this.decoded.set(topic, found);
    }
    return found;
  };

  /* Return a mask of the items under any of `topics`. */
  Topics.prototype.mask = function (topics) {
    var keep = new Uint8Array(this.size);
    topics.forEach(function (topic) {
      var items = this.items(topic);
      for (var i = 0; i < items.length; i++) keep[items[i]] = 1;
    }, this);
    return keep;
  };

  /* Show `state`'s topics chosen and their branches open, and how many of the items `matching`
   * (a mask, or null for all) each topic holds. */
  Topics.prototype.paint = function (state, matching) {
    var open = new Set();
    state.topics.forEach(function (topic) {
      for (var t = topic; t; t = parentOf(t)) open.add(t);
    });
    this.chips.forEach(function (chip, c) {
      var topic = chip.dataset.topic, owns = chip.getAttribute('aria-owns');
      mark(chip, 'aria-selected', state.topics.has(topic));
      if (owns) {
        mark(chip, 'aria-expanded', open.has(topic));
        var group = document.getElementById(owns);
        if (group.hidden === open.has(topic)) group.hidden = !open.has(topic);
      }
      // Counts of a closed branch wait until it opens: thousands of them would slow each keystroke.
      if (chip.parentNode.hidden) return;
      var n = String(this.count(topic, matching));
      if (this.counts[c].textContent !== n) this.counts[c].textContent = n;
    }, this);
  };

  Topics.prototype.count = function (topic, matching) {
    var items = this.items(topic);
    if (!matching) return items.length;
    var n = 0;
    for (var i = 0; i < items.length; i++) n += matching[items[i]];
    return n;
  };

  qapress.Topics = Topics;
}());
