"""What a reader's pointer and keyboard do to a page, measured in the browser: page kinds found in
a built site, the focusable elements of a page, and their colours when hovered or focused.
Hover and focus are forced through the DevTools protocol (CSS.forcePseudoState) with transitions
off, so each state is measured in its end state, never mid-animation. Shared by test_states.py
and test_keyboard.py."""

from __future__ import annotations

import os
import re

# Every element a reader can reach with Tab or point at: links, buttons, fields, summaries, and
# whatever has a tabindex of its own. Hidden or off-screen ones are skipped in the browser.
FOCUSABLE = (':is(a[href], button, input:not([type="hidden"]), select, textarea, summary, [tabindex])'
             ':not([tabindex="-1"], :disabled)')
NO_TRANSITIONS = "*, *::before, *::after { transition: none !important; animation: none !important; }"

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def page_kind(path: str) -> str:
    """A page's kind from its address: 'dossiers/*/' for every dossier, 'dossiers/pagina-*/' for
    the list's further pages, 'dossiers/*/versies/*/' for an earlier version, and so on."""
    parts = [p for p in path.split("/") if p]
    kind = []
    for i, part in enumerate(parts):
        if i == 0 or part in ("versies",):
            kind.append(part)
        elif part.startswith("pagina-"):
            kind.append("pagina-*")
        elif _DATE.match(part):
            kind.append("<datum>")
        else:
            kind.append("*")
    return "/".join(kind) + ("/" if path.endswith("/") else "")


def one_page_per_kind(pages: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for path in pages:
        out.setdefault(page_kind(path), path)
    return out


# The per-state checks (hover, focus, every Tab stop) cost seconds a page: the suite runs them on
# one page of every kind; WATWERKT_A11Y_ALLE_PAGINAS=1 runs the same tests on every page.
ALL_PAGES = os.environ.get("WATWERKT_A11Y_ALLE_PAGINAS") == "1"


def pages_for_states(pages: list[str]) -> dict[str, str]:
    """{label: path}: one page per kind, or every page when the full audit is asked for."""
    return {path: path for path in pages} if ALL_PAGES else one_page_per_kind(pages)


# In the page: mark the reachable elements (data-ww-i) and return how many. Elements styled
# alike (same tag and classes, the same for parent and grandparent, same colours and font at rest)
# are measured once: the fifty dossier links of a listing page behave as one.
MARK = """(selector) => {
  document.querySelectorAll('[data-ww-i]').forEach((el) => el.removeAttribute('data-ww-i'));
  const seen = new Set();
  const name = (el) => el ? `${el.tagName}.${el.className}` : '';
  let n = 0;
  for (const el of document.querySelectorAll(selector)) {
    if (el.closest('[hidden], [inert]')) continue;
    if (!el.checkVisibility({checkOpacity: false, checkVisibilityCSS: true})) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0 && !el.matches('.md-option')) continue;
    const st = getComputedStyle(el);
    const sig = [name(el), name(el.parentElement), name(el.parentElement && el.parentElement.parentElement),
                 st.color, st.backgroundColor, st.fontSize, st.fontWeight, el.getAttribute('role') || ''].join('|');
    if (seen.has(sig)) continue;
    seen.add(sig);
    el.setAttribute('data-ww-i', String(n++));
  }
  return n;
}"""

# In the page: an element's text colour against what is behind it, and its focus ring against
# what is behind the ring. Colours with alpha are composed over the layers beneath them.
MEASURE = """([i, state]) => {
  const el = document.querySelector(`[data-ww-i="${i}"]`);
  // Material marks keyboard focus with a class as well (its focus-visible polyfill): as Tab does.
  const marked = state === 'focus' && !el.classList.contains('focus-visible');
  if (marked) el.classList.add('focus-visible');
  const parse = (c) => { const m = c.match(/[\\d.]+/g) || ['0','0','0','0']; return [+m[0], +m[1], +m[2], m.length > 3 ? +m[3] : 1]; };
  const over = (top, bottom) => { const a = top[3]; return [0,1,2].map(k => top[k] * a + bottom[k] * (1 - a)).concat([1]); };
  const behind = (node) => {
    const layers = [];
    for (let n = node; n && n.nodeType === 1; n = n.parentElement) {
      const c = parse(getComputedStyle(n).backgroundColor);
      if (c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
    }
    let colour = [255, 255, 255, 1];
    for (const layer of layers.reverse()) colour = over(layer, colour);
    return colour;
  };
  const lum = (c) => { const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]); };
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  // A hidden radio (Material's colour-scheme switch) shows its state on the label beside it.
  const shown = el.matches('.md-option') && el.nextElementSibling ? el.nextElementSibling : el;
  const style = getComputedStyle(shown);
  const bg = behind(shown);
  const fg = over(parse(style.color), bg);
  const size = parseFloat(style.fontSize), weight = parseInt(style.fontWeight, 10);
  const text = (shown.innerText || '').trim();
  const large = size >= 24 || (size >= 18.66 && weight >= 700);
  const ring = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0
    ? ratio(over(parse(style.outlineColor), behind(shown.parentElement || shown)), behind(shown.parentElement || shown)) : null;
  const visible = shown.checkVisibility({checkOpacity: true, checkVisibilityCSS: true});
  if (marked) el.classList.remove('focus-visible');
  return {visible, html: shown.outerHTML.slice(0, 160), name: (text || shown.getAttribute('aria-label') || shown.getAttribute('title') || shown.tagName).slice(0, 60),
          text: ratio(fg, bg), needed: text && !large ? 4.5 : 3, ring, shadow: style.boxShadow !== 'none',
          colour: style.color, background: `rgb(${bg.slice(0, 3).map(Math.round).join(', ')})`};
}"""


class States:
    """Force :hover or :focus-visible on the marked elements of one page (DevTools protocol)."""

    def __init__(self, page):
        self.page = page
        self.cdp = page.context.new_cdp_session(page)
        self.cdp.send("DOM.enable")
        self.cdp.send("CSS.enable")
        page.add_style_tag(content=NO_TRANSITIONS)
        self.count = page.evaluate(MARK, FOCUSABLE)
        root = self.cdp.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
        ids = self.cdp.send("DOM.querySelectorAll", {"nodeId": root, "selector": "[data-ww-i]"})["nodeIds"]
        self.nodes = {}
        for node in ids:
            attrs = self.cdp.send("DOM.getAttributes", {"nodeId": node})["attributes"]
            self.nodes[int(dict(zip(attrs[::2], attrs[1::2]))["data-ww-i"])] = node

    def measure(self, i: int, state: str) -> dict:
        pseudo = ["hover"] if state == "hover" else ["focus", "focus-visible"]
        self.cdp.send("CSS.forcePseudoState", {"nodeId": self.nodes[i], "forcedPseudoClasses": pseudo})
        try:
            return self.page.evaluate(MEASURE, [i, state])
        finally:
            self.cdp.send("CSS.forcePseudoState", {"nodeId": self.nodes[i], "forcedPseudoClasses": []})

    def failures(self, state: str) -> list[str]:
        out = []
        for i in range(self.count):
            m = self.measure(i, state)
            if not m["visible"]:  # not shown in this state (e.g. Material's clear button of an empty search)
                continue
            if m["text"] < m["needed"] - 0.005:
                out.append(f"{state}: '{m['name']}' tekst {m['text']:.2f}:1 (nodig {m['needed']}) "
                           f"{m['colour']} op {m['background']}")
            if state == "focus" and (m["ring"] is None or m["ring"] < 3 - 0.005):
                ring = "ontbreekt" if m["ring"] is None else f"{m['ring']:.2f}:1 (nodig 3)"
                out.append(f"focus: '{m['name']}' focusrand {ring} {m['html']}")
        return out


# In the page: is the focused element (or the label that shows a hidden radio's focus) drawn,
# and not beside the screen? Used with wait_for_function, so a fade-in or a slide has ended before it counts.
FOCUS_SHOWN = """() => {
  let el = document.activeElement;
  if (!el || el === document.body) return false;
  if (el.matches('.md-option') && el.nextElementSibling) el = el.nextElementSibling;
  if (!el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})) return false;
  // Across: an off-canvas drawer lies beside the screen. Down the page the browser scrolls the
  // focused element into view itself (on an emulated phone not always within the wait).
  const r = el.getBoundingClientRect();
  return r.width > 0 && r.height > 0 && r.right > 0 && r.left < innerWidth;
}"""

DESCRIBE_FOCUS = """() => { const el = document.activeElement; if (!el) return 'niets';
  const r = el.getBoundingClientRect();
  return `${el.tagName.toLowerCase()}.${el.className} "${(el.innerText || el.getAttribute('aria-label') || '').trim().slice(0, 50)}" op ${Math.round(r.left)},${Math.round(r.top)}`; }"""


def site_pages(served) -> list[str]:
    """Every HTML page of a built site, as addresses relative to its root: found by walking the
    folder, not listed, so a new page kind is checked the day it appears. Redirect pages of
    renamed dossiers are left out: a reader never sees them (the browser moves on at once)."""
    pages = []
    for html in sorted(served.root.rglob("*.html")):
        if 'http-equiv="refresh"' in html.read_text(encoding="utf-8")[:2000]:
            continue
        rel = html.relative_to(served.root).as_posix()
        prefix = served.url[len(served.origin) + 1:]  # "kennisbank/" when served under a sub-path
        rel = rel[len(prefix):] if prefix and rel.startswith(prefix) else rel
        pages.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return pages
