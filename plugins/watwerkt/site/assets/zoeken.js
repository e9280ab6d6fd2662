/* The search page (site/pages/zoeken.md, added by the plugin): talks to the search API of `watwerkt serve`
 * when it answers, otherwise searches the static index (pagefind/); zoekmotor.js decides which,
 * once per page load. Filters, suggestions and snippets come with the service only. When neither
 * answers it says so (and offers Material's quick search where a site still has it).
 * No third-party requests; snippets are built as DOM nodes, never inserted as HTML. */
(function () {
  "use strict";

  var root = document.getElementById("ww-zoeken");
  if (!root) return;
  var FACETS = ["theme", "target_group", "evidence", "status", "year"];
  var api = new URL(root.getAttribute("data-api"), document.baseURI);
  var siteRoot = new URL(root.getAttribute("data-site-root") || "../", document.baseURI);
  var form = document.getElementById("ww-zoekformulier");
  var input = document.getElementById("ww-q");
  var filtersBox = document.getElementById("ww-filters");
  // On a phone the filters wait behind "Filters", so the results come first; wider, they are open.
  var filterBlock = document.getElementById("ww-filterblok");
  var filterSummary = filterBlock && filterBlock.querySelector("summary");
  if (filterBlock && window.matchMedia && window.matchMedia("(min-width: 45em)").matches) filterBlock.open = true;
  var statusLine = document.getElementById("ww-status");
  var suggestion = document.getElementById("ww-suggestie");
  var missing = document.getElementById("ww-niet-gevonden");
  var list = document.getElementById("ww-resultaten");
  var pager = document.getElementById("ww-paginas");
  var fallback = document.getElementById("ww-terugval");
  var quick = document.getElementById("ww-snelzoeken");
  var engine = window.watwerktZoeken;
  // The page's own address uses ?zoek=, not ?q=: Material opens its quick search for ?q=.
  var PARAM = "zoek";
  var state = { q: "", filters: {}, page: 1 };
  var latest = 0;

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function decode(text) {  // entities -> text, without parsing markup (textarea content is RCDATA)
    var area = document.createElement("textarea");
    area.innerHTML = text;
    return area.value;
  }

  function snippetNodes(snippet) {  // "escaped text <mark>x</mark> ..." -> text and <mark> nodes
    var frag = document.createDocumentFragment();
    var parts = String(snippet).split(/(<mark>|<\/mark>)/);
    var marked = false;
    parts.forEach(function (part) {
      if (part === "<mark>") { marked = true; return; }
      if (part === "</mark>") { marked = false; return; }
      if (!part) return;
      var text = document.createTextNode(decode(part));
      if (marked) { var m = el("mark"); m.appendChild(text); frag.appendChild(m); }
      else frag.appendChild(text);
    });
    return frag;
  }

  function readLocation() {
    var params = new URLSearchParams(window.location.search);
    state.q = (params.get(PARAM) || "").slice(0, 200);
    state.filters = {};
    FACETS.forEach(function (f) {
      var values = params.getAll(f);
      if (values.length) state.filters[f] = values;
    });
    var page = parseInt(params.get("page") || "1", 10);
    state.page = page >= 1 && page <= 1000 ? page : 1;
    input.value = state.q;
  }

  function queryString(name) {
    var params = new URLSearchParams();
    if (state.q) params.set(name, state.q);
    FACETS.forEach(function (f) { (state.filters[f] || []).forEach(function (v) { params.append(f, v); }); });
    if (state.page > 1) params.set("page", String(state.page));
    return params.toString();
  }

  function showFallback() {
    filtersBox.hidden = true;
    if (filterBlock) filterBlock.hidden = true;
    list.hidden = true;
    pager.hidden = true;
    suggestion.hidden = true;
    if (missing) missing.hidden = true;
    fallback.hidden = false;
    var hasQuick = !!document.querySelector(".md-search__input");
    if (quick) quick.hidden = !hasQuick;
    statusLine.textContent = hasQuick ? "De zoekdienst is niet bereikbaar. Gebruik het snelzoeken bovenaan de pagina."
      : "Zoeken is op deze site nu niet mogelijk.";
  }

  function renderFilters(facets) {
    var focused = document.activeElement && document.activeElement.id;
    filtersBox.textContent = "";
    FACETS.forEach(function (name) {
      var facet = facets[name];
      if (!facet || !facet.values.length) return;
      var set = el("fieldset");
      set.appendChild(el("legend", {}, facet.label));
      facet.values.forEach(function (v, i) {
        var id = "ww-f-" + name + "-" + i;
        var label = el("label", { "for": id });
        var box = el("input", { type: "checkbox", id: id, name: name, value: v.value });
        box.checked = !!v.selected;
        label.appendChild(box);
        label.appendChild(document.createTextNode(" " + v.label + " "));
        label.appendChild(el("span", { "class": "ww-telling" }, "(" + v.count + ")"));
        if (!v.count && !v.selected) label.className = "ww-leeg";
        set.appendChild(label);
      });
      filtersBox.appendChild(set);
    });
    filtersBox.hidden = !filtersBox.firstChild;
    if (filterBlock) {
      filterBlock.hidden = filtersBox.hidden;
      var chosen = filtersBox.querySelectorAll("input[type=checkbox]:checked").length;
      filterSummary.textContent = chosen ? "Filters (" + chosen + " gekozen)" : "Filters";
    }
    if (focused) {
      var again = document.getElementById(focused);
      if (again) again.focus();
    }
  }

  function renderResults(data) {
    list.textContent = "";
    data.hits.forEach(function (hit) {
      var item = el("li");
      var heading = el("h2");
      heading.appendChild(el("a", { href: new URL(hit.url, siteRoot).href }, hit.title));
      item.appendChild(heading);
      var p = el("p", { "class": "ww-fragment" });
      if (hit.snippet !== undefined) p.appendChild(snippetNodes(hit.snippet));
      else p.textContent = hit.summary || "";
      item.appendChild(p);
      if (hit.version_text) item.appendChild(el("p", { "class": "ww-treffer-meta" }, "Versie " + hit.version_text));
      list.appendChild(item);
    });
    list.setAttribute("start", String((data.page - 1) * data.page_size + 1));
    list.hidden = !data.hits.length;

    suggestion.textContent = "";
    if (data.suggestion) {
      suggestion.appendChild(document.createTextNode("Bedoelde u "));
      var link = el("a", { href: "?" + PARAM + "=" + encodeURIComponent(data.suggestion) }, data.suggestion);
      link.addEventListener("click", function (event) {
        event.preventDefault();
        input.value = data.suggestion;
        run(1);
      });
      suggestion.appendChild(link);
      suggestion.appendChild(document.createTextNode("?"));
    }
    suggestion.hidden = !data.suggestion;

    // Words of the query that no dossier contains are named, not dropped silently.
    var notFound = (data.not_found || []).map(function (w) { return "\u2018" + w + "\u2019"; }).join(", ");
    if (missing) {
      missing.textContent = notFound ? "Niet gevonden: " + notFound : "";
      missing.hidden = !notFound;
    }

    pager.textContent = "";
    if (data.pages > 1) {
      if (data.page > 1) {
        var prev = el("button", { type: "button", "class": "md-button" }, "Vorige pagina");
        prev.addEventListener("click", function () { state.page = data.page - 1; fetchResults(); });
        pager.appendChild(prev);
      }
      pager.appendChild(el("span", {}, "Pagina " + data.page + " van " + data.pages));
      if (data.page < data.pages) {
        var next = el("button", { type: "button", "class": "md-button" }, "Volgende pagina");
        next.addEventListener("click", function () { state.page = data.page + 1; fetchResults(); });
        pager.appendChild(next);
      }
    }
    pager.hidden = data.pages <= 1;

    var words = data.query ? " voor \u2018" + data.query + "\u2019" : "";
    var n = data.total === 1 ? "1 dossier gevonden" : data.total + " dossiers gevonden";
    if (!data.total) n = "Geen dossiers gevonden";
    // The live region says the count (after every search and filter change); the suggestion and
    // the words not found are the paragraphs below it, said once.
    statusLine.textContent = n + words + (data.pages > 1 ? ", pagina " + data.page + " van " + data.pages : "") + ".";
  }

  function fetchResults() {
    var ticket = ++latest;
    if (!engine) { fetchService(ticket); return; }
    engine.engine().then(function (which) {
      if (ticket !== latest) return;
      if (which === "dienst") fetchService(ticket); else fetchStatic(ticket);
    });
  }

  // The static index: words only (no filters, no suggestion); pages of ten.
  function fetchStatic(ticket) {
    var own = queryString(PARAM);
    try {
      window.history.replaceState(null, "", own ? "?" + own : window.location.pathname);
    } catch (e) { /* file: URLs */ }
    filtersBox.hidden = true;
    if (filterBlock) filterBlock.hidden = true;
    if (!state.q.trim()) {
      list.hidden = true;
      pager.hidden = true;
      statusLine.textContent = "";
      return;
    }
    statusLine.textContent = "Bezig met zoeken\u2026";
    engine.search(state.q, { page: state.page, pageSize: 10 }).then(function (data) {
      if (ticket !== latest) return;
      fallback.hidden = true;
      data.query = state.q;
      data.suggestion = null;
      data.not_found = [];
      renderResults(data);
    }, function () { if (ticket === latest) showFallback(); });
  }

  function fetchService(ticket) {
    var url = new URL(api.href);
    url.search = queryString("q");
    var own = queryString(PARAM);
    try {
      window.history.replaceState(null, "", own ? "?" + own : window.location.pathname);
    } catch (e) { /* file: URLs */ }
    statusLine.textContent = "Bezig met zoeken\u2026";
    fetch(url.href, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        var type = response.headers.get("content-type") || "";
        if (type.indexOf("application/json") < 0) throw new Error("geen zoekdienst");
        return response.json().then(function (body) { return { status: response.status, body: body }; });
      })
      .then(function (reply) {
        if (ticket !== latest) return;
        if (reply.status === 400 && reply.body && reply.body.fout) {
          statusLine.textContent = "Deze zoekopdracht kan niet: " + reply.body.fout + ".";
          return;
        }
        if (reply.status !== 200) throw new Error("zoekdienst antwoordt niet");
        fallback.hidden = true;
        renderFilters(reply.body.facets);
        renderResults(reply.body);
      })
      .catch(function () { if (ticket === latest) showFallback(); });
  }

  function run(page) {
    state.q = input.value.slice(0, 200);
    state.filters = {};
    filtersBox.querySelectorAll("input[type=checkbox]:checked").forEach(function (box) {
      (state.filters[box.name] = state.filters[box.name] || []).push(box.value);
    });
    state.page = page;
    fetchResults();
  }

  form.addEventListener("submit", function (event) { event.preventDefault(); run(1); });
  filtersBox.addEventListener("change", function () { run(1); });
  quick.addEventListener("click", function () {
    // Material's header search: a checkbox toggle (#__search) and its input field.
    var toggle = document.getElementById("__search");
    var field = document.querySelector(".md-search__input");
    if (toggle && !toggle.checked) { toggle.checked = true; toggle.dispatchEvent(new Event("change")); }
    if (field) {
      field.value = input.value;
      field.focus();
      field.dispatchEvent(new Event("input", { bubbles: true }));
      field.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
    }
  });

  readLocation();
  fetchResults();
})();
