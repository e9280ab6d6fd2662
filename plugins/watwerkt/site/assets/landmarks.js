/* watwerkt: accessible names that Material leaves out and offers no template block for
   (docs/development/decisions.md, "A thin adapter"):
   - the search dialog has role="dialog" without a name (axe-core aria-dialog-name);
   - with navigation.indexes, a nested <nav> is labelled by its section's toggle, which holds
     only an icon, so every such landmark is nameless (axe-core landmark-unique);
   - the header's search box is a role="search" landmark without a name, a second one beside the
     search page's own form (axe-core landmark-unique): it is "Snel zoeken", as the search page
     calls it;
   - a table wider than the screen scrolls inside Material's wrapper, which a keyboard cannot
     reach (axe-core scrollable-region-focusable): while it overflows, the wrapper is a named,
     focusable region (arrow keys scroll it), named after the heading above the table.
   The names are the texts Material itself shows: the search field's label and the section title.
   And two things a keyboard needs (tests/browser/test_keyboard.py):
   - the search results box is a Tab stop of its own, reached after the search field, which
     closes the search as focus leaves it: focus would land on nothing visible. The results are
     reached with the arrow keys from the field (Material's own keys), so the box leaves the Tab order;
   - on a phone the menu button is a label, which a keyboard cannot reach: a real button takes its
     place (Enter or Space opens the menu and moves focus into it; Escape closes it and returns).
   Runs on every page Material shows (document$ also fires after instant navigation). */
(function () {
  "use strict";

  function visibleText(element) {
    return element ? element.textContent.replace(/\s+/g, " ").trim() : "";
  }

  function headingBefore(element) {
    for (var node = element.previousElementSibling; node; node = node.previousElementSibling) {
      if (/^H[1-6]$/.test(node.tagName)) {
        var copy = node.cloneNode(true);
        copy.querySelectorAll(".headerlink").forEach(function (link) { link.remove(); });
        return visibleText(copy);
      }
    }
    return "";
  }

  function scrollableTables() {
    var used = {};
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) {
      var overflows = wrap.scrollWidth > wrap.clientWidth + 1;
      if (!overflows) {
        if (wrap.hasAttribute("data-ww-scroll")) {
          ["tabindex", "role", "aria-label", "data-ww-scroll"].forEach(function (name) { wrap.removeAttribute(name); });
        }
        return;
      }
      var caption = wrap.querySelector("caption");
      var name = "Tabel" + (visibleText(caption) || headingBefore(wrap) ? ": " + (visibleText(caption) || headingBefore(wrap)) : "");
      used[name] = (used[name] || 0) + 1;
      if (used[name] > 1) name += " (" + used[name] + ")";
      wrap.setAttribute("tabindex", "0");
      wrap.setAttribute("role", "region");
      wrap.setAttribute("aria-label", name + ", schuift opzij");
      wrap.setAttribute("data-ww-scroll", "");
    });
  }

  var resizeTimer = null;
  window.addEventListener("resize", function () {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(scrollableTables, 150);
  });

  function nameLandmarks() {
    var quick = document.querySelector('.md-search__inner[role="search"]:not([aria-label])');
    if (quick) quick.setAttribute("aria-label", "Snel zoeken");
    scrollableTables();
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

  function menuButton() {
    var toggle = document.getElementById("__drawer");
    var label = document.querySelector('.md-header label[for="__drawer"]');
    var drawer = document.querySelector(".md-sidebar--primary");
    if (!toggle || !label || !drawer || label.hidden) return;
    // A real button in the label's place (a label may not take the role): same look, same icon.
    var button = document.createElement("button");
    button.type = "button";
    button.className = label.className + " ww-menuknop";
    button.innerHTML = label.innerHTML;
    button.setAttribute("aria-label", "Menu");
    label.parentNode.insertBefore(button, label);
    label.hidden = true;
    var sync = function () { button.setAttribute("aria-expanded", toggle.checked ? "true" : "false"); };
    var set = function (open) {
      toggle.checked = open;
      toggle.dispatchEvent(new Event("change", { bubbles: true }));
    };
    sync();
    toggle.addEventListener("change", sync);
    button.addEventListener("click", function (event) {
      set(!toggle.checked);
      // From the keyboard (no pointer position), focus moves into the opened menu.
      if (toggle.checked && event.detail === 0) {
        var first = drawer.querySelector(".md-nav__link[href], .md-nav__button[href]");
        if (first) first.focus();
      }
    });
    drawer.addEventListener("keydown", function (event) {
      if (event.key !== "Escape" || !toggle.checked) return;
      set(false);
      button.focus();
    });
  }

  function keyboardReach() {
    document.querySelectorAll(".md-search__scrollwrap").forEach(function (box) { box.setAttribute("tabindex", "-1"); });
    menuButton();
  }

  function onEveryPage() {
    nameLandmarks();
    keyboardReach();
  }

  if (typeof document$ !== "undefined" && document$.subscribe) {
    document$.subscribe(onEveryPage);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", onEveryPage);
  } else {
    onEveryPage();
  }
})();
