// Reload the page once a newer build is out. Only the development server (--serve) adds this
// script to the pages it sends; the built files never carry it.
(function () {
  "use strict";
  var shown = document.currentScript.getAttribute("data-build");

  function check() {
    fetch("/__qapress/build", { cache: "no-store" })
      .then(function (response) { return response.text(); })
      .then(function (build) {
        if (build !== shown) {
          location.reload();
        } else {
          setTimeout(check, 400);
        }
      }, function () {
        // The server is restarting or gone: keep asking, a little less often.
        setTimeout(check, 1500);
      });
  }

  check();
})();
