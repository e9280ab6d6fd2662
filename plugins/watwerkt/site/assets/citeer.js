/* watwerkt: a "Kopieer" button after each citation on a dossier page ("Citeer dit dossier").
   It copies the citation as plain text (what a reader pastes into a policy note or a grant
   application) and says so in Dutch in a live region. Without the Clipboard API (an old browser,
   a page opened from file:) there is no button: the text can still be selected. */
(function () {
  "use strict";

  function plain(element) {
    return element.textContent.replace(/\s+/g, " ").trim();
  }

  function addButtons() {
    if (!navigator.clipboard || !window.isSecureContext) return;
    document.querySelectorAll("p.ww-citation").forEach(function (citation) {
      if (citation.nextElementSibling && citation.nextElementSibling.classList.contains("ww-kopieer")) return;
      var box = document.createElement("p");
      box.className = "ww-kopieer";
      var button = document.createElement("button");
      button.type = "button";
      button.className = "md-button";
      button.textContent = "Kopieer deze verwijzing";
      var said = document.createElement("span");
      said.className = "ww-kopieer__melding";
      said.setAttribute("role", "status");
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(plain(citation)).then(function () {
          said.textContent = "Verwijzing gekopieerd naar het klembord.";
        }, function () {
          said.textContent = "Kopiëren lukte niet; selecteer de tekst en kopieer die zelf.";
        });
      });
      box.appendChild(button);
      box.appendChild(document.createTextNode(" "));
      box.appendChild(said);
      citation.insertAdjacentElement("afterend", box);
    });
  }

  if (typeof document$ !== "undefined" && document$.subscribe) {
    document$.subscribe(addButtons);  // also after Material's instant navigation
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", addButtons);
  } else {
    addButtons();
  }
})();
