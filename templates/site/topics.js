/* qapress topics: the chips that filter by topic, and each item's topic links that pick one. */
(function () {
  'use strict';

  var qapress = window.qapress = window.qapress || {};

  /* Topic filters over `chipItems` (each topic's items as gaps), changing `page`'s state. */
  function Topics(chipItems, size, page) {
    this.chipItems = chipItems;
    this.size = size;
    this.page = page;
    this.chips = Array.prototype.slice.call(document.querySelectorAll('.chips button'));
  }

  /* Act on a click on a chip or a topic link; say whether it was one. */
  Topics.prototype.click = function (event) {
    var chip = event.target.closest('.chips button');
    var tag = event.target.closest('.tags a');
    if (chip) this.toggle(chip.dataset.topic);
    else if (tag) { event.preventDefault(); this.show(tag.textContent); }
    return !!(chip || tag);
  };

  Topics.prototype.toggle = function (topic) {
    var topics = new Set(this.page.state.topics);
    if (!topics.delete(topic)) topics.add(topic);
    this.page.change({ topics: topics }, true);
  };

  Topics.prototype.show = function (topic) {
    this.page.change({ topics: new Set([topic]) }, true);
    document.getElementById('Count').scrollIntoView({ block: 'center' });
  };

  /* Return a mask of the items under any of `topics`. */
  Topics.prototype.mask = function (topics) {
    var keep = new Uint8Array(this.size);
    topics.forEach(function (topic) {
      var deltas = this.chipItems[topic] || [];
      for (var i = 0, item = 0; i < deltas.length; i++) keep[item += deltas[i]] = 1;
    }, this);
    return keep;
  };

  Topics.prototype.paint = function (state) {
    this.chips.forEach(function (chip) {
      chip.setAttribute('aria-pressed', String(state.topics.has(chip.dataset.topic)));
    });
  };

  qapress.Topics = Topics;
}());
