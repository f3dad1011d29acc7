/* qapress links: each item's "Copy link", and the item the address's #anchor names, brought into
 * the list even when the page does not hold it yet. */
(function () {
  'use strict';

  var qapress = window.qapress = window.qapress || {};

  function linkedAnchor() {
    // A hand-typed address may hold a stray '%' that decodes to nothing.
    try { return decodeURIComponent(location.hash.slice(1)); } catch (error) { return ''; }
  }

  /* Links to the items whose ids are `anchors`, by position, shown on `list` for `page`. */
  function Links(anchors, list, page) {
    var links = this;
    this.anchors = anchors;
    this.list = list;
    this.page = page;
    window.addEventListener('hashchange', function () { links.follow(); });
  }

  /* Copy the link clicked, if it is an item's; say whether it was. */
  Links.prototype.click = function (event) {
    var permalink = event.target.closest('.permalink');
    if (permalink) copyLink(permalink);
    return !!permalink;
  };

  /* Bring the item the address links to into the list when the page does not hold it yet. */
  Links.prototype.follow = function () {
    var position = this.anchors.indexOf(linkedAnchor());
    if (!this.list.pin(position) || !this.page.view.home) return;
    this.list.render().then(function () {
      // Following the link again, now that its target exists, marks and scrolls as on load.
      if (document.getElementById(this.anchors[position])) location.replace(location.hash);
    }.bind(this));
  };

  function copyLink(link) {
    // The link names only the item, not this reader's search or filters.
    var url = location.href.split(/[?#]/)[0] + link.getAttribute('href');
    var say = function (text) { link.firstChild.textContent = text; };
    var announce = document.getElementById('Announce');
    if (!navigator.clipboard) return;
    navigator.clipboard.writeText(url).then(function () {
      say('Link copied');
      // The link's own text changes silently; a live region tells a screen reader too.
      announce.textContent = '';
      announce.textContent = 'Link copied';
      setTimeout(function () { say('Copy link'); }, 2000);
    }, function () { say('Copy link'); });
  }

  qapress.Links = Links;
}());
