/*
 * Quick exit ("Snel weg").
 *
 * The button is a plain link, so it works without JavaScript. This script adds:
 * - Shift pressed three times within 5 seconds leaves the site;
 * - the page is blanked first, so nothing stays visible while the next site loads;
 * - location.replace() swaps the current history entry, so Back does not return here.
 * It cannot erase earlier history entries; the "Veilig internetten" page says so.
 */
(function () {
  "use strict";

  var WINDOW_MS = 5000;
  var PRESSES = 3;
  var presses = [];

  function exitTarget() {
    var link = document.querySelector("a[data-quick-exit]");
    return link ? link.href : "about:blank";
  }

  function leave(url) {
    document.documentElement.classList.add("quick-exit-active");
    document.title = "";
    try {
      document.body.textContent = "";
    } catch (e) { /* the body may not exist yet */ }
    window.location.replace(url);
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-quick-exit]");
    if (!link || event.button !== 0 || event.ctrlKey || event.metaKey) {
      return;
    }
    event.preventDefault();
    leave(link.href);
  });

  document.addEventListener("keydown", function (event) {
    // Only a lone Shift counts: Shift+letter is typing, not an escape.
    if (event.key !== "Shift" || event.repeat || event.ctrlKey || event.altKey || event.metaKey) {
      presses = [];
      return;
    }
    var now = Date.now();
    presses = presses.filter(function (t) { return now - t < WINDOW_MS; });
    presses.push(now);
    if (presses.length >= PRESSES) {
      presses = [];
      leave(exitTarget());
    }
  });
})();
