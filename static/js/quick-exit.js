/*
 * Quick exit ("Snel weg").
 *
 * The button is a plain link, so it works without JavaScript. This script adds:
 * - Shift pressed three times within 5 seconds leaves the site;
 * - the page is blanked first, so nothing stays visible while the next site loads;
 * - location.replace() swaps the current history entry, so Back does not return here;
 * - where the browser has the Navigation API (Chromium since 102; newer Firefox and Safari), the
 *   other portal pages of this tab's history go too: the script travels back to the first
 *   portal entry, rewrites it to /weg/ (which only redirects to the neutral site), drops the
 *   forward entries, and replaces that entry with the neutral site. Back then never shows a
 *   portal page. The browser's history list (Ctrl+H) still names the pages; no script can
 *   erase that, and the "Veilig internetten" page says so.
 * A flag in sessionStorage carries the exit across that one traversal and is removed at once.
 *
 * The second part, at the end, serves print (kept in this file so that every page stays
 * within its budget of requests).
 */
(function () {
  "use strict";

  var WINDOW_MS = 5000;
  var PRESSES = 3;
  var FLAG = "snel-weg";
  var presses = [];

  function exitLink() {
    return document.querySelector("a[data-quick-exit][data-exit-path]");
  }

  function exitTarget() {
    var link = exitLink();
    return link ? link.href : "about:blank";
  }

  function exitPath() {
    var link = exitLink();
    return link ? link.getAttribute("data-exit-path") : null;
  }

  function blank() {
    document.documentElement.classList.add("quick-exit-active");
    document.title = "";
    try {
      document.body.textContent = "";
    } catch (e) { /* the body may not exist yet */ }
  }

  // Turn the current entry into /weg/ and drop every forward entry (pushState prunes them);
  // the caller then replaces the pushed entry with the neutral site.
  function forgetThisEntry() {
    var path = exitPath();
    if (!path || !window.history || !history.pushState) {
      return;
    }
    try {
      history.replaceState(null, "", path);
      history.pushState(null, "", path);
    } catch (e) { /* a sandboxed or odd context: the replace below still happens */ }
  }

  function hasForwardEntries() {
    var nav = window.navigation;
    if (!nav || !nav.entries || !nav.currentEntry) {
      return false;
    }
    var entries = nav.entries();
    return entries.length > 0 && entries[entries.length - 1].key !== nav.currentEntry.key;
  }

  function firstPortalEntry() {
    var nav = window.navigation;
    if (!nav || !nav.entries || !nav.traverseTo || !nav.currentEntry) {
      return null;
    }
    // entries() lists this tab's contiguous same-origin entries: the portal run.
    var entries = nav.entries();
    return entries.length && entries[0].key !== nav.currentEntry.key ? entries[0] : null;
  }

  function leave(url) {
    blank();
    var first = firstPortalEntry();
    if (first) {
      try {
        sessionStorage.setItem(FLAG, url);
        window.navigation.traverseTo(first.key);
        // If the traversal does not happen, leave from here after all.
        setTimeout(function () { finish(url); }, 1500);
        return;
      } catch (e) { /* storage or traversal refused: leave from here */ }
    }
    finish(url);
  }

  function finish(url) {
    try {
      sessionStorage.removeItem(FLAG);
    } catch (e) { /* nothing stored */ }
    if (hasForwardEntries()) {
      forgetThisEntry();
    }
    window.location.replace(url);
  }

  // Arriving at the first portal entry during an exit, or Back onto /weg/ from the cache.
  function continueExit() {
    var url = null;
    try {
      url = sessionStorage.getItem(FLAG);
    } catch (e) { /* no storage: nothing to continue */ }
    if (url) {
      blank();
      finish(url);
    } else if (exitPath() && window.location.pathname === exitPath()) {
      blank();
      window.location.replace(exitTarget());
    }
  }

  continueExit();
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) {
      continueExit();
    }
  });

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

/*
 * Print: link addresses in full and the date of printing.
 *
 * The print stylesheet writes each link's address after its text. For the portal's own
 * links that is a path ("/stappen/..."); here every such link gets its absolute address in
 * data-print-href, which the stylesheet prefers. The footer line "Afgedrukt van <address>"
 * gets today's date when the page is printed. Without JavaScript the paths and the
 * footer's full address still print.
 */
(function () {
  "use strict";

  function absoluteAddresses() {
    var links = document.querySelectorAll('main a[href^="/"]');
    for (var i = 0; i < links.length; i++) {
      if (links[i].getAttribute("href").indexOf("//") !== 0) {
        links[i].setAttribute("data-print-href", links[i].href);
      }
    }
  }

  function printDate() {
    var target = document.querySelector(".site-print-date");
    if (target) {
      var today = new Date().toLocaleDateString("nl-NL", {
        day: "numeric", month: "long", year: "numeric"
      });
      target.textContent = " op " + today;
    }
  }

  function prepare() {
    absoluteAddresses();
    printDate();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", prepare);
  } else {
    prepare();
  }
  window.addEventListener("beforeprint", printDate);
})();
