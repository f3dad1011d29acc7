/* qapress address: the search, filters and study state in the page's query string, so that a
 * reload or a shared link shows the same view. */
(function () {
  'use strict';

  var qapress = window.qapress = window.qapress || {};
  var URL_DELAY = 300;

  function read(search) {
    var params = new URLSearchParams(search);
    return {
      q: params.get('q') || '',
      topics: new Set(params.getAll('topic')),
      doc: params.get('doc') || '',
      study: params.get('study') === '1',
      seed: params.get('seed') || '',
      unknown: params.get('unknown') === '1'
    };
  }

  function query(state) {
    var params = new URLSearchParams();
    if (state.q) params.set('q', state.q);
    state.topics.forEach(function (topic) { params.append('topic', topic); });
    if (state.doc) params.set('doc', state.doc);
    if (state.study) params.set('study', '1');
    if (state.seed) params.set('seed', state.seed);
    if (state.unknown) params.set('unknown', '1');
    var text = params.toString();
    return text ? '?' + text : '';
  }

  /* The state's place in the address: read it, and put it back now or once typing pauses. */
  function Address() {
    this.timer = 0;
    this.shown = location.search;
  }

  Address.prototype.read = function () {
    return read(location.search);
  };

  /* Say whether Back or Forward changed the query, not only the #item, since the page last
   * wrote it; a link to an item steps through the history too, and leaves the view as it is. */
  Address.prototype.moved = function () {
    var moved = location.search !== this.shown;
    this.shown = location.search;
    return moved;
  };

  Address.prototype.write = function (state) {
    clearTimeout(this.timer);
    var wanted = this.shown = query(state);
    if (wanted === location.search) return;
    history.replaceState(history.state, '', (wanted || location.pathname) + location.hash);
  };

  /* Put the state in a new history entry, so that Back returns to the one before. */
  Address.prototype.push = function (state) {
    clearTimeout(this.timer);
    var wanted = this.shown = query(state);
    if (wanted === location.search) return;
    history.pushState(null, '', (wanted || location.pathname) + location.hash);
  };

  Address.prototype.later = function (state) {
    clearTimeout(this.timer);
    this.timer = setTimeout(this.write.bind(this, state), URL_DELAY);
  };

  qapress.Address = Address;
}());
