#!/usr/bin/env node
// Emulates the built-in quick search of the site (Material for MkDocs 9.8.1: lunr.js 2.3.9 in a
// web worker) on a search index, for scripts/eval_search.py. Written for this project from a
// reading of Material's search worker; it reimplements the behaviour that decides the ranking:
//
//   index  - lunr with b = 0, `this.use(lunr.nl)` for `lang: [nl]`, then every function of
//            {trimmer, stopWordFilter, stemmer} that is NOT in config.pipeline is removed from
//            both pipelines; tokens are the lower-cased pieces of the text between HTML tags,
//            split on config.separator (no trimmer => punctuation stays on the token);
//            fields and boosts from config.fields (title 1000, text 1, tags 1e6), ref = location.
//   query  - the query string is trimmed, quoted phrases become +required terms, each word is
//            split on the separator and rewritten to a trailing-wildcard term `word*`;
//            lunr does not run the search pipeline (so never the stemmer) on wildcard terms.
//   rank   - lunr score * (1 + boost^2), boost = (1 if the entry is a page, 0 if a section)
//            + the share of query terms that matched; sections are grouped under their page,
//            pages in the order of their best entry.
//
// Usage: node scripts/lunr_eval.js NODE_MODULES INPUT.json  ->  JSON on stdout
//   INPUT: {config: {lang, separator, pipeline, fields}, docs: [...], queries: [str],
//           extra_pipeline: [names to switch on in addition to config.pipeline]}
//   OUTPUT: {pipeline: [...], results: [[page location, ...] per query]}
//
// Cross-check: node scripts/lunr_eval.js --material-worker ASSETS_JAVASCRIPTS INPUT.json
// runs Material's own shipped, minified search worker (from the installed mkdocs-material
// package; executed, not copied) in a Node vm sandbox on the same input, with the same output,
// so scripts/eval_search.py --cross-check can show that the emulation ranks identically.
"use strict";

const path = require("path");
const fs = require("fs");

if (process.argv[2] === "--material-worker") {
  materialWorker(process.argv[3], process.argv[4]);
  return;
}

const [modules, inputPath] = process.argv.slice(2);
if (!modules || !inputPath) {
  console.error("usage: node lunr_eval.js NODE_MODULES INPUT.json");
  process.exit(2);
}
const lunr = require(path.join(modules, "lunr"));
require(path.join(modules, "lunr-languages", "lunr.stemmer.support.js"))(lunr);
const input = JSON.parse(fs.readFileSync(inputPath, "utf8"));
const config = input.config;
const langs = config.lang;
for (const lang of langs) {
  if (lang !== "en") require(path.join(modules, "lunr-languages", `lunr.${lang}.js`))(lunr);
}
if (langs.length > 1) require(path.join(modules, "lunr-languages", "lunr.multi.js"))(lunr);

const pipeline = [...new Set([...(config.pipeline || []), ...(input.extra_pipeline || [])])];
const separator = new RegExp(config.separator);

// -- tokenizer: text between tags, split on the separator, lower-cased ------------------------
function pieces(text) {
  const out = [];
  const re = new RegExp(separator.source, "g");
  let start = 0;
  let m;
  while ((m = re.exec(text)) !== null) {
    if (m.index > start) out.push(text.slice(start, m.index));
    start = m.index + m[0].length;
    if (m[0].length === 0) re.lastIndex = m.index + 1;
  }
  if (start < text.length) out.push(text.slice(start));
  return out;
}

function tokenize(value) {
  if (value === undefined || value === null) return [];
  const values = Array.isArray(value) ? value : [value];
  const tokens = [];
  for (const v of values) {
    for (const block of String(v).split(/<[^>]*>/)) {
      for (const piece of pieces(block)) {
        tokens.push(new lunr.Token(piece.toLowerCase(), { position: [tokens.length, piece.length] }));
      }
    }
  }
  return tokens;
}
tokenize.separator = separator;

// -- documents: pages and their sections -------------------------------------------------------
const byLocation = new Map();
for (const doc of input.docs) {
  const page = doc.location.split("#")[0];
  const article = byLocation.get(page);
  if (article === undefined) byLocation.set(page, doc);
  else {
    byLocation.set(doc.location, doc);
    doc.parent = article;
  }
}

const index = lunr(function () {
  this.b(0);
  if (langs.length === 1 && langs[0] !== "en") this.use(lunr[langs[0]]);
  else if (langs.length > 1) this.use(lunr.multiLanguage(...langs));
  this.tokenizer = tokenize;
  lunr.tokenizer.separator = separator;
  for (const name of ["trimmer", "stopWordFilter", "stemmer"]) {
    if (pipeline.includes(name)) continue;
    for (const lang of langs) {
      const ns = lang === "en" ? lunr : lunr[lang];
      this.pipeline.remove(ns[name]);
      this.searchPipeline.remove(ns[name]);
    }
  }
  // A pipeline function switched on that the language plugin did not add (e.g. a stemmer
  // Material's translation left out) is added here, index side, as Material's own setup would.
  this.ref("location");
  for (const [name, spec] of Object.entries(config.fields)) this.field(name, spec);
  for (const doc of input.docs) this.add(doc, { boost: doc.boost });
});

// -- query rewriting ---------------------------------------------------------------------------
function rewrite(query) {
  let q = query.trim();
  q = q.split(/"([^"]+)"/g)
    .map((part, i) => (i & 1 ? part.replace(/^\b|^(?![^\x00-\x7F]|$)|\s+/g, " +") : part))
    .join("");
  q = q.replace(/"|(?:^|\s+)[*+\-:^~]+(?=\s+|$)/g, "");
  const terms = [];
  for (const part of q.split(/\s+/g)) {
    const lexer = new lunr.QueryLexer(part);
    lexer.run();
    let text = part;
    for (const lexeme of lexer.lexemes) {
      if (lexeme.type === "FIELD") {
        if (!["title", "text", "tags"].includes(lexeme.str)) {
          text = text.slice(0, lexeme.end) + " " + text.slice(lexeme.end + 1);
        }
      } else if (lexeme.type === "TERM") {
        for (const piece of pieces(lexeme.str)) {
          terms.push(text.slice(0, lexeme.start) + piece + text.slice(lexeme.end));
        }
      }
    }
  }
  return terms
    .map((t) => (/([~^]$)/.test(t) ? t + "1" : t))
    .map((t) => (/(^[+-]|[~^]\d+$)/.test(t) ? t : t + "*"))
    .join(" ");
}

function clausesOf(query) {
  const q = new lunr.Query(["title", "text", "tags"]);
  new lunr.QueryParser(query, q).parse();
  return q.clauses
    .filter((c) => c.presence !== lunr.Query.presence.PROHIBITED)
    .map((c) => c.term.replace(/^\*/, "").replace(/\*$/, ""));
}

function search(raw) {
  const query = rewrite(raw);
  if (!query) return [];
  let hits, clauses;
  try {
    clauses = clausesOf(query);
    hits = index.search(query);
  } catch (err) {
    return []; // Material shows no results for a query lunr cannot parse
  }
  const scored = [];
  for (const { ref, score, matchData } of hits) {
    const doc = byLocation.get(ref);
    if (doc === undefined) continue;
    const matched = Object.keys(matchData.metadata);
    const seen = {};
    const open = new Set(clauses);
    for (const term of matched) {
      for (const clause of [...open]) {
        if (term.startsWith(clause)) {
          seen[clause] = true;
          open.delete(clause);
        }
      }
    }
    for (const clause of open) if (lunr.stopWordFilter(clause)) seen[clause] = false;
    const keys = Object.keys(seen);
    // Material divides 0 by 0 here when no term is known (NaN score); count that as 0.
    const share = keys.length ? keys.filter((k) => seen[k]).length / keys.length : 0;
    const boost = (doc.parent ? 0 : 1) + share;
    scored.push({ location: ref, score: score * (1 + boost ** 2) });
  }
  scored.sort((a, b) => b.score - a.score);
  const pages = [];
  for (const item of scored) {
    const doc = byLocation.get(item.location);
    const page = doc.parent ? doc.parent.location : doc.location;
    if (!pages.includes(page)) pages.push(page);
  }
  return pages;
}

const results = input.queries.map(search);
process.stdout.write(JSON.stringify({ pipeline, results }));

// -- cross-check: Material's own worker ------------------------------------------------------
function materialWorker(assets, file) {
  const vm = require("vm");
  const data = JSON.parse(fs.readFileSync(file, "utf8"));
  let onMessage = null;
  const posted = [];
  const sandbox = {
    console, setTimeout, clearTimeout, queueMicrotask,
    addEventListener: (type, fn) => { onMessage = fn; },
    postMessage: (message) => posted.push(message),
    // the worker loads "../lunr/min/lunr.<lang>.min.js" relative to its own folder
    importScripts: (...urls) => {
      for (const url of urls) {
        vm.runInContext(fs.readFileSync(path.join(assets, "lunr", url.replace(/^\.\.\/lunr\//, "")), "utf8"), context);
      }
    },
  };
  sandbox.self = sandbox;
  const context = vm.createContext(sandbox);
  const worker = fs.readdirSync(path.join(assets, "workers")).find((f) => /^search\..*\.min\.js$/.test(f));
  vm.runInContext(fs.readFileSync(path.join(assets, "workers", worker), "utf8"), context);
  const config = { ...data.config, pipeline: [...new Set([...(data.config.pipeline || []), ...(data.extra_pipeline || [])])] };
  (async () => {
    // message types of the worker: 0 setup, 1 ready, 2 query, 3 result
    await onMessage({ data: { type: 0, data: { config, docs: data.docs, options: { suggest: false } } } });
    const results = [];
    for (const q of data.queries) {
      posted.length = 0;
      await onMessage({ data: { type: 2, data: q } });
      const items = (posted[0] && posted[0].data && posted[0].data.items) || [];
      results.push(items.map((group) => group[0].location.split("#")[0]));
    }
    process.stdout.write(JSON.stringify({ pipeline: config.pipeline, worker, results }));
  })();
}
