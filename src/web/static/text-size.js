// The large-text switch (大字) of every page, for readers who find the page's text too small:
// the choice is kept in this browser (localStorage) and applied before the page is drawn, so
// the chat, the status page and 我的诉求 all open large once it is chosen. Every font size on
// the pages is in rem, so one class on <html> scales them all. The switch shows only with script.
// Plain browser JavaScript, no build step, no third-party code.
(function () {
  "use strict";

  var KEY = "zk-text-size";
  var root = document.documentElement;

  function chosenLarge() {
    try {
      return localStorage.getItem(KEY) === "large";
    } catch {
      return false; // storage refused (a private window): the standard size
    }
  }

  function apply(large) {
    root.classList.toggle("text-large", large);
    var switches = document.querySelectorAll(".text-size-switch");
    for (var i = 0; i < switches.length; i++) {
      switches[i].setAttribute("aria-pressed", String(large));
      switches[i].hidden = false;
    }
  }

  apply(chosenLarge());
  document.addEventListener("DOMContentLoaded", function () {
    apply(chosenLarge());
    document.addEventListener("click", function (event) {
      var target = event.target instanceof Element ? event.target : null;
      if (!target || !target.closest(".text-size-switch")) return;
      var large = !root.classList.contains("text-large");
      try {
        localStorage.setItem(KEY, large ? "large" : "standard");
      } catch {
        // Storage refused: the choice holds on this page only.
      }
      apply(large);
    });
  });
})();
