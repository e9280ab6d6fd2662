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
      var answers = response.ok && type.indexOf("application/json") >= 0;
      // Read the (small) body: an unread one keeps the request open.
      return response.text().then(function () { return answers ? "dienst" : "statisch"; });
    }).then(null, function () { return "statisch"; }).then(function (found) {
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

  // The bundle's words (static_search/vocabulary.py): one file per first letter, fetched when a
  // query word needs it; word -> number of dossiers. Gzip, unpacked by the browser.
  var shards = {};
  function shard(letter) {
    if (!shards[letter]) {
      var url = new URL("pagefind/woorden/" + letter + ".txt.gz", siteRoot).href;
      shards[letter] = (window.DecompressionStream ? fetch(url, { credentials: "same-origin" }).then(function (r) {
        if (!r.ok) return "";
        return new Response(r.body.pipeThrough(new DecompressionStream("gzip"))).text();
      }) : Promise.resolve("")).then(function (text) {
        var known = new Map();
        text.split("\n").forEach(function (line) {
          var cut = line.indexOf(" ");
          if (cut > 0) known.set(line.slice(0, cut), parseInt(line.slice(cut + 1), 10) || 1);
        });
        return known;
      }, function () { return new Map(); });
    }
    return shards[letter];
  }

  function letterOf(w) { return /^[a-z]/.test(w) ? w[0] : "_"; }

  function distance(a, b, max) { // edit distance with a swap counted as one edit; > max: max + 1
    if (Math.abs(a.length - b.length) > max) return max + 1;
    var prev2 = null, prev = [], cur;
    for (var j = 0; j <= b.length; j++) prev[j] = j;
    for (var i = 1; i <= a.length; i++) {
      cur = [i];
      var best = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
        if (prev2 && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
        cur[j] = v;
        if (v < best) best = v;
      }
      if (best > max) return max + 1;
      prev2 = prev;
      prev = cur;
    }
    return prev[b.length];
  }

  function spelling(w, known) {
    var max = w.length < 8 ? 1 : 2, found = null, foundD = max + 1, foundN = 0;
    known.forEach(function (n, v) {
      if (v.length < 4) return;
      var d = distance(w, v, max);
      if (d < foundD || (d === foundD && n > foundN)) { found = v; foundD = d; foundN = n; }
    });
    if (found) return [found];
    return null;
  }

  // A word no dossier holds: its split into two words that dossiers hold (the longest last part
  // first, the first part also without a linking -s- or -e-), or else its likely spelling (the
  // most widespread word at the smallest edit distance, 1 below 8 letters, else 2), as the
  // service does. Resolves to null for a known word, or [replacement words].
  function rewrite(w) {
    if (w.length < 5 || !/^[a-z]+$/.test(w)) return Promise.resolve(null);
    return shard(letterOf(w)).then(function (known) {
      if (!known.size || known.has(w)) return null;
      if (w.length < 8) return spelling(w, known);
      var pairs = [];
      for (var i = 4; i <= w.length - 4; i++) {
        var first = w.slice(0, i), last = w.slice(i);
        pairs.push([first, last]);
        if (/[se]$/.test(first) && first.length > 4) pairs.push([first.slice(0, -1), last]);
      }
      var letters = {};
      pairs.forEach(function (p) { letters[letterOf(p[1])] = true; });
      return Promise.all(Object.keys(letters).map(function (l) { return shard(l).then(function (m) { return [l, m]; }); }))
        .then(function (loaded) {
          var byLetter = {};
          loaded.forEach(function (x) { byLetter[x[0]] = x[1]; });
          for (var k = 0; k < pairs.length; k++) {
            var p = pairs[k];
            if (known.has(p[0]) && byLetter[letterOf(p[1])].has(p[1])) return p;
          }
          return spelling(w, known);
        });
    });
  }

  // Pagefind matches only records holding every word, so each word is also searched on its own.
  // As with the service, a record ranks by its summed score times the square of the share of the
  // words it holds: one that holds half the words comes first only if it fits them four times as
  // well (a long everyday question rarely stands whole in the dossier that answers it). A word no
  // dossier holds is searched as rewrite() gives it, its own (loose) matches after those.
  function alone(pf, w) {
    return pf.search(w).then(function (found) { return found.results || []; });
  }

  // Two result lists as one: the list whose best record scores higher first (Pagefind's own loose
  // matches of a misspelling score far below real matches; a form its stemmer joins scores high).
  function stronger(a, b) {
    var top = function (list) { return list.length ? list[0].score || 0 : -1; };
    var seen = {};
    var both = top(a) >= top(b) ? a.concat(b) : b.concat(a);
    return both.filter(function (r) { return seen[r.id] ? false : (seen[r.id] = true); });
  }

  function wordResults(pf, w) {
    return rewrite(fold(w)).then(function (instead) {
      if (!instead) return alone(pf, w);
      return Promise.all([alone(pf, instead.join(" ")), alone(pf, w)]).then(function (both) {
        return stronger(both[0], both[1]);
      });
    });
  }

  function staticResults(pf, q) {
    var split = words(q);
    if (split.length < 2) return wordResults(pf, split[0] || q);
    return Promise.all(split.map(function (w) { return rewrite(fold(w)); })).then(function (instead) {
      var every = split.map(function (w, i) { return instead[i] ? instead[i].join(" ") : w; }).join(" ");
      var all = every === split.join(" ") ? alone(pf, every) : Promise.all([alone(pf, every), alone(pf, split.join(" "))])
        .then(function (both) { return stronger(both[0], both[1]); });
      return Promise.all([all].concat(split.map(function (w) { return wordResults(pf, w); })));
    })
      .then(function (lists) {
        var n = split.length, merged = {}, order = [];
        var entry = function (r) {
          var m = merged[r.id];
          if (!m) { m = merged[r.id] = { result: r, words: 0, score: 0, all: null }; order.push(m); }
          return m;
        };
        lists[0].forEach(function (r) { entry(r).all = r.score || 0; });
        lists.slice(1).forEach(function (list) {
          var counted = {};
          list.forEach(function (r) {
            if (counted[r.id]) return;
            counted[r.id] = true;
            var m = entry(r);
            m.words += 1;
            m.score += r.score || 0;
          });
        });
        order.forEach(function (m) {
          var share = m.all === null ? m.words / n : 1;
          m.rank = Math.max(m.score, m.all || 0) * share * share;
        });
        return order.sort(function (a, b) { return b.rank - a.rank || b.words - a.words; })
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
