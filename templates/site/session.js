/* qapress session: one study session as a small state machine over card ids. Pure functions that
 * return a new state and never touch the page, so a session can be kept, restored and tested. */
(function () {
  'use strict';

  var AGAIN_GAP = 3;
  /* Cards between an "again" and its return: near enough to remember, far enough to be a test. */
  var IDLE = 120000;
  /* Milliseconds between two steps past which the reader was away; the time counts only this much. */
  var KINDS = { again: 1, hard: 1, good: 1 };

  /* Return a fresh session over `ids` in this order, started at `now` (milliseconds). */
  function start(ids, now) {
    return {
      queue: ids.slice(), at: 0, flipped: false, total: ids.length,
      known: [], repeat: [], spent: 0, last: now
    };
  }

  function copy(state, now) {
    var next = Object.assign({}, state);
    next.queue = state.queue.slice();
    next.known = state.known.slice();
    next.repeat = state.repeat.slice();
    next.spent = state.spent + Math.max(0, Math.min(IDLE, now - state.last));
    next.last = now;
    return next;
  }

  /* Return the card in front of the reader, or null once none is left. */
  function current(state) {
    var id = state.queue[state.at];
    return id === undefined ? null : id;
  }

  function flip(state, now) {
    if (current(state) === null) return state;
    var next = copy(state, now);
    next.flipped = !state.flipped;
    return next;
  }

  /* Step `by` cards along the queue without grading, staying inside it. */
  function move(state, by, now) {
    var next = copy(state, now);
    next.at = Math.max(0, Math.min(state.queue.length - 1, state.at + by));
    next.flipped = false;
    return next;
  }

  /* Grade the current card `kind` (again, hard, good): again sends it back a few cards later. */
  function grade(state, kind, now) {
    var id = current(state);
    if (id === null || !KINDS[kind]) return state;
    var next = copy(state, now);
    next.queue.splice(state.at, 1);
    next.flipped = false;
    if (kind === 'again') {
      if (next.repeat.indexOf(id) < 0) next.repeat.push(id);
      next.queue.splice(Math.min(state.at + AGAIN_GAP, next.queue.length), 0, id);
    } else if (next.repeat.indexOf(id) < 0) {
      next.known.push(id);
    }
    // Past the last card, the ones skipped on the way come round again.
    if (next.at >= next.queue.length) next.at = 0;
    return next;
  }

  function done(state) {
    return state.total > 0 && state.queue.length === 0;
  }

  /* Return what the end of the session reports: known at once, needed again, seconds spent. */
  function summary(state) {
    return {
      known: state.known.length, repeat: state.repeat.length, left: state.queue.length,
      seconds: Math.round(state.spent / 1000)
    };
  }

  /* Return `saved` as a session if it has a session's shape, else null: storage may hold anything. */
  function restore(saved) {
    var ok = saved && Array.isArray(saved.queue) && Array.isArray(saved.known) &&
      Array.isArray(saved.repeat) && typeof saved.at === 'number' && typeof saved.spent === 'number' &&
      typeof saved.last === 'number';
    if (!ok) return null;
    var state = Object.assign({}, saved);
    state.at = Math.max(0, Math.min(state.queue.length - 1, Math.floor(state.at) || 0));
    state.flipped = !!saved.flipped;
    return state;
  }

  /* Return the session without the cards `kept` says are gone (a rebuild may drop questions). */
  function only(state, kept) {
    var queue = state.queue.filter(kept);
    if (queue.length === state.queue.length) return state;
    var next = Object.assign({}, state, { queue: queue, flipped: false });
    next.at = Math.min(state.at, Math.max(0, queue.length - 1));
    return next;
  }

  window.qapressSession = {
    start: start, current: current, flip: flip, move: move, grade: grade, done: done,
    summary: summary, restore: restore, only: only, AGAIN_GAP: AGAIN_GAP
  };
}());
