/* watwerkt: accessible names that Material leaves out and offers no template block for
   (docs/development/decisions.md, "A thin adapter"):
   - the search dialog has role="dialog" without a name (axe-core aria-dialog-name);
   - with navigation.indexes, a nested <nav> is labelled by its section's toggle, which holds
     only an icon, so every such landmark is nameless (axe-core landmark-unique).
   The names are the texts Material itself shows: the search field's label and the section title.
   Runs on every page Material shows (document$ also fires after instant navigation). */
(function () {
  "use strict";

  function visibleText(element) {
    return element ? element.textContent.replace(/\s+/g, " ").trim() : "";
  }

  function nameLandmarks() {
    var dialog = document.querySelector('.md-search[role="dialog"]:not([aria-label])');
    if (dialog) {
      var input = dialog.querySelector(".md-search__input");
      dialog.setAttribute("aria-label", (input && input.getAttribute("aria-label")) || "Zoeken");
    }
    document.querySelectorAll("nav.md-nav[data-md-level][aria-labelledby]").forEach(function (nav) {
      var title = visibleText(nav.querySelector(":scope > .md-nav__title"));
      if (title) {
        nav.setAttribute("aria-label", title);
        nav.removeAttribute("aria-labelledby");
      }
    });
  }

  if (typeof document$ !== "undefined" && document$.subscribe) {
    document$.subscribe(nameLandmarks);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", nameLandmarks);
  } else {
    nameLandmarks();
  }
})();
