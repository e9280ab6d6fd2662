/* The search engine choice of the site, shared by the header search (kopzoeken.js) and the
 * search page (zoeken.js): once per page load, on the first search, it asks the search service
 * of `watwerkt serve` (api/health, short timeout) whether it answers; if so every search of this
 * page load goes to the service, otherwise to the static bundle (pagefind/, written at build
 * time with our Dutch analysis), which is only loaded then. Relative addresses only: the site
 * works under any sub-path. No third-party requests. Results are plain data (title, summary,
 * address); the callers render them as text, never as HTML. */
(function () {
  "use strict";

  var script = document.currentScript;
  // This file is <root>assets/watwerkt/zoekmotor.js.
  var siteRoot = new URL("../../", script ? script.src : document.baseURI);
  var PROBE_MS = 1500;
  var MAX_QUERY = 200;
  var choice = null; // Promise of "dienst" or "statisch", made once per page load
  var bundle = null; // Promise of the Pagefind module

  function probe() {
    var controller = window.AbortController ? new AbortController() : null;
    var timer = setTimeout(function () { if (controller) controller.abort(); }, PROBE_MS);
    return fetch(new URL("api/health", siteRoot).href, {
      headers: { Accept: "application/json" }, credentials: "same-origin", cache: "no-store",
      signal: controller ? controller.signal : undefined
    }).then(function (response) {
      var type = response.headers.get("content-type") || "";
      return response.ok && type.indexOf("application/json") >= 0 ? "dienst" : "statisch";
    }, function () { return "statisch"; }).then(function (found) {
      clearTimeout(timer);
      return found;
    });
  }

  function engine() {
    if (!choice) choice = probe();
    return choice;
  }

  var stops = {};
  function pagefind() {
    if (!bundle) {
      // Our query rules (the service's Dutch stop words) come with the bundle, written at build time.
      var rules = fetch(new URL("pagefind/watwerkt-zoeken.json", siteRoot).href, { credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.json() : {}; }).then(function (body) {
          (body.stopwoorden || []).forEach(function (w) { stops[w] = true; });
        }, function () {});
      bundle = Promise.all([import(new URL("pagefind/pagefind.js", siteRoot).href), rules]).then(function (got) {
        var pf = got[0];
        // No worker: its fetches would be invisible to the page (and the worker script is 41 kB more).
        return Promise.resolve(pf.options({ baseUrl: "/", excerptLength: 24, noWorker: true })).then(function () { return pf; });
      });
      bundle.catch(function () { bundle = null; });
    }
    return bundle;
  }

  function siteUrl(path) { // "/dossiers/x/" or "dossiers/x/" -> an address under the site root
    return new URL(String(path || "").replace(/^\/+/, ""), siteRoot).href;
  }

  function fold(word) { // lower case without accents, as the service's analysis folds words
    return word.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  function words(q) { // the query's words without stop words (all of them if nothing else is left)
    var all = q.toLowerCase().match(/[\p{L}\p{N}_]+/gu) || [];
    var content = all.filter(function (w) { return !stops[fold(w)]; });
    return content.length ? content : all;
  }

  // Pagefind matches only records holding every word. As with the service, records with every
  // word come first; records with only some of them follow (each word searched on its own): more
  // words found first, then the summed score. A word that finds nothing is tried as a compound
  // of two words that do (the longest last part first, without a linking -s- or -e-).
  function alone(pf, w) {
    return pf.search(w).then(function (found) { return found.results || []; });
  }

  function asParts(pf, w) {
    if (w.length < 8) return Promise.resolve(null);
    var tries = [];
    for (var i = 4; i <= w.length - 4; i++) {
      var last = w.slice(i);
      var first = w.slice(0, i);
      tries.push([first, last]);
      if (/[se]$/.test(first) && first.length > 4) tries.push([first.slice(0, -1), last]);
    }
    function next(k) {
      if (k >= tries.length) return Promise.resolve(null);
      var pair = tries[k];
      return pf.search(pair[0] + " " + pair[1]).then(function (found) {
        var list = found.results || [];
        return list.length ? list : next(k + 1);
      });
    }
    return next(0);
  }

  function wordResults(pf, w) {
    return alone(pf, w).then(function (list) {
      return list.length ? list : asParts(pf, w).then(function (parts) { return parts || []; });
    });
  }

  function staticResults(pf, q) {
    var split = words(q);
    if (split.length < 2) return wordResults(pf, split[0] || q);
    return Promise.all([alone(pf, split.join(" "))].concat(split.map(function (w) { return wordResults(pf, w); })))
      .then(function (lists) {
        var merged = {};
        var order = [];
        lists[0].forEach(function (r) {
          merged[r.id] = { result: r, words: split.length + 1, score: r.score || 0 };
          order.push(merged[r.id]);
        });
        lists.slice(1).forEach(function (list) {
          list.forEach(function (r) {
            var m = merged[r.id];
            if (!m) { m = merged[r.id] = { result: r, words: 0, score: 0 }; order.push(m); }
            if (m.words <= split.length) { m.words += 1; m.score += r.score || 0; }
          });
        });
        return order.sort(function (a, b) { return b.words - a.words || b.score - a.score; })
          .map(function (m) { return m.result; });
      });
  }

  function searchStatic(q, page, size) {
    return pagefind().then(function (pf) {
      return staticResults(pf, q).then(function (list) {
        var slice = list.slice((page - 1) * size, page * size);
        return Promise.all(slice.map(function (r) { return r.data(); })).then(function (data) {
          return {
            engine: "statisch", total: list.length, page: page, page_size: size,
            pages: Math.max(1, Math.ceil(list.length / size)),
            hits: data.map(function (d) {
              var meta = d.meta || {};
              return { url: siteUrl(d.url), title: meta.title || "", summary: meta.summary || "" };
            })
          };
        });
      });
    });
  }

  function searchService(q, page, size) {
    var url = new URL("api/search", siteRoot);
    url.search = new URLSearchParams({ q: q, page: String(page), page_size: String(size) }).toString();
    return fetch(url.href, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error("zoekdienst antwoordt niet");
        return response.json();
      }).then(function (body) {
        return {
          engine: "dienst", total: body.total, page: body.page, page_size: body.page_size, pages: body.pages,
          hits: body.hits.map(function (h) { return { url: siteUrl(h.url), title: h.title, summary: h.summary }; })
        };
      });
  }

  /* search(q, {page, pageSize}) -> Promise of {engine, total, page, pages, hits: [{url, title, summary}]} */
  function search(q, opts) {
    opts = opts || {};
    var page = opts.page || 1;
    var size = opts.pageSize || 10;
    q = String(q || "").slice(0, MAX_QUERY).trim();
    return engine().then(function (which) {
      return which === "dienst" ? searchService(q, page, size) : searchStatic(q, page, size);
    });
  }

  window.watwerktZoeken = { siteRoot: siteRoot.href, engine: engine, search: search, pagefind: pagefind };
})();
