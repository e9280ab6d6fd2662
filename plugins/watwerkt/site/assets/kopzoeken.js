/* The search box in the header (templates/base.html puts the form there): without JavaScript it
 * is a form that opens the search page; with it, the first results show under the box while
 * typing, from the service or the static bundle (zoekmotor.js decides, once per page load).
 * Results are built as text nodes, never as HTML. */
(function () {
  "use strict";

  var form = document.getElementById("ww-kopzoeken");
  var engine = window.watwerktZoeken;
  if (!form || !engine) return;
  var input = document.getElementById("ww-kop-q");
  var panel = document.getElementById("ww-kop-resultaten");
  var status = document.getElementById("ww-kop-status");
  var list = document.getElementById("ww-kop-lijst");
  var more = document.getElementById("ww-kop-meer");
  var SHOWN = 8;
  var DELAY_MS = 150;
  var latest = 0;
  var timer = null;

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function open(yes) { // the count is said by the status line (aria-live); the results follow the field
    panel.hidden = !yes;
  }

  function render(q, data) {
    list.textContent = "";
    data.hits.forEach(function (hit) {
      var item = el("li", { "class": "ww-kop-treffer" });
      var link = el("a", { href: hit.url });
      link.appendChild(el("span", { "class": "ww-kop-titel" }, hit.title));
      if (hit.summary) link.appendChild(el("span", { "class": "ww-kop-samenvatting" }, hit.summary));
      item.appendChild(link);
      list.appendChild(item);
    });
    list.hidden = !data.hits.length;
    var n = data.total === 1 ? "1 dossier gevonden" : data.total + " dossiers gevonden";
    status.textContent = data.total ? n + " voor \u2018" + q + "\u2019" : "Geen dossiers gevonden voor \u2018" + q + "\u2019";
    if (more) {
      more.hidden = !data.total;
      more.href = form.getAttribute("action") + "?zoek=" + encodeURIComponent(q);
    }
    form.setAttribute("data-zoekmachine", data.engine);
  }

  function run() {
    var q = input.value.trim().slice(0, 200);
    var ticket = ++latest;
    if (!q) { open(false); return; }
    open(true);
    status.textContent = "Bezig met zoeken\u2026";
    engine.search(q, { pageSize: SHOWN }).then(function (data) {
      if (ticket === latest) render(q, data);
    }, function () {
      if (ticket !== latest) return;
      list.hidden = true;
      if (more) more.hidden = false;
      status.textContent = "Zoeken lukt nu niet. Probeer het op de zoekpagina.";
    });
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(run, DELAY_MS);
  });
  input.addEventListener("focus", function () { if (input.value.trim() && list.firstChild) open(true); });
  form.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { open(false); input.focus(); }
  });
  document.addEventListener("click", function (event) {
    if (!form.contains(event.target)) open(false);
  });
  form.classList.add("ww-kopzoeken--js");
})();
