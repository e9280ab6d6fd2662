"""Untrusted dossier content cannot run script in the browser.

Fixture sites carry the classic payloads, with the validator's verdict patched away (the
production plugin has no switch for it) so only the output defences stand: the sanitiser for
rendered Markdown, escaping for plain YAML values such as the title.

- the sanitised site: Markdown payloads only (dossier 'voorbeeld');
- the unsafe site (the sanitiser patched out too): the same Markdown payloads, which do run there
  (proof that the test can fail), plus a script in the title and a theme of 'ander-dossier'.
  Plain values are escaped by our own code, not by the sanitiser, so the switch does not
  matter for them; their pages never show the Markdown payloads.
"""

from __future__ import annotations

import json

import pytest

import watwerkt.site.plugin as plugin_module
import watwerkt.site.preview as preview_module  # where the plugin's check runs
from watwerkt.check.run import CheckResult
from watwerkt.view.overviews import group_folder

from .conftest import fixture_project

SET = "window.__pwned=1"
TITLE_PAYLOAD = f"</script><script>{SET}</script>"
MARKDOWN_PAYLOADS = f"""

<script>{SET};console.log('PWNED')</script>

<img src="x" onerror="{SET}" alt="plaatje">

<svg onload="{SET}"><circle r="1"></circle></svg>

Beweeg de muis over deze alinea.
{{: #ww-hover onmouseover="{SET}" }}

[Klik op deze link](javascript:{SET})

<a id="ww-data-link" href="data:text/html,&lt;script&gt;alert('PWNED')&lt;/script&gt;">Open de data-link</a>

<iframe src="data:text/html,<script>alert('PWNED')</script>"></iframe>

<iframe srcdoc="<script>parent.__pwned=1;alert('PWNED')</script>"></iframe>

<object data="data:text/html,<script>alert('PWNED')</script>"></object>
"""


THEME_PAYLOAD = f"</title><img src=x onerror={SET}>"  # a theme is also a page title


def _payload_project(tmp_path, sanitize: bool):
    config = fixture_project(tmp_path)
    with open(tmp_path / "dossiers" / "voorbeeld" / "definitie.md", "a", encoding="utf-8") as f:
        f.write(MARKDOWN_PAYLOADS)
    if not sanitize:
        yml = tmp_path / "dossiers" / "ander-dossier" / "dossier.yml"
        text = yml.read_text(encoding="utf-8")
        text = text.replace("title: Wat werkt bij een ander dossier", f"title: '{TITLE_PAYLOAD}'", 1)
        text = text.replace("status: published", f"status: published\nthemes: ['{THEME_PAYLOAD}']", 1)
        yml.write_text(text, encoding="utf-8")
    return config.parent


def _with_defences_off(project, serve_project, sanitize: bool):
    real_check = preview_module.check

    def verdict_ignored(*args, **kwargs):
        result = real_check(*args, **kwargs)
        return CheckResult(dossiers=result.dossiers, problems=[])

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(preview_module, "check", verdict_ignored)
        if not sanitize:
            patch.setattr(plugin_module, "sanitize", lambda html: html)
        return serve_project(project)


@pytest.fixture(scope="module")
def payload_site(tmp_path_factory, serve_project):
    return _with_defences_off(_payload_project(tmp_path_factory.mktemp("payloads"), sanitize=True),
                              serve_project, sanitize=True)


@pytest.fixture(scope="module")
def unsafe_site(tmp_path_factory, serve_project):
    return _with_defences_off(_payload_project(tmp_path_factory.mktemp("payloads-unsafe"), sanitize=False),
                              serve_project, sanitize=False)


MARKDOWN_PAGE = "dossiers/voorbeeld/"
TITLE_PAGE = "dossiers/ander-dossier/"


class Watch:
    """Everything that would show a payload ran: the flag, dialogs, console output."""

    def __init__(self, page):
        self.page = page
        self.dialogs: list[str] = []
        self.console: list[str] = []
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        page.on("console", lambda m: self.console.append(m.text))

    def pwned(self):
        return self.page.evaluate("() => window.__pwned")

    def reset(self):
        self.page.evaluate("() => { delete window.__pwned; }")

    def assert_clean(self, where: str):
        assert self.pwned() is None, f"script uit de inhoud liep op {where}"
        assert not self.dialogs, self.dialogs
        assert not [m for m in self.console if "PWNED" in m], self.console


def test_markdown_payloads_do_not_run_on_the_sanitised_site(page, payload_site):
    watch = Watch(page)
    page.goto(payload_site.page(MARKDOWN_PAGE), wait_until="load")
    watch.assert_clean("het laden")
    page.get_by_text("Beweeg de muis over deze alinea.").hover()
    for name in ("Klik op deze link", "Open de data-link"):
        page.get_by_text(name).click(no_wait_after=True)
        page.wait_for_load_state("load")
        assert page.url.startswith(payload_site.page(MARKDOWN_PAGE)), f"{name} navigeerde naar {page.url}"
    watch.assert_clean("hover en klikken")


def test_sanitiser_removes_the_dangerous_markup(page, payload_site):
    page.goto(payload_site.page(MARKDOWN_PAGE))
    content = page.locator(".md-content")
    assert content.locator("script, iframe, object, embed, svg, [onerror], [onload], [onmouseover], [srcdoc]").count() == 0
    hrefs = content.locator("a[href]").evaluate_all("els => els.map(a => a.getAttribute('href'))")
    assert not [h for h in hrefs if h.strip().lower().startswith(("javascript:", "data:"))], hrefs
    # The harmless text around the payloads is still there.
    assert content.get_by_text("Beweeg de muis over deze alinea.").count() == 1


def test_the_markdown_payloads_do_run_without_the_sanitiser(page, unsafe_site):
    """Proof that the tests above can fail: with both defences off, the payloads run."""
    watch = Watch(page)
    page.goto(unsafe_site.page(MARKDOWN_PAGE), wait_until="load")
    assert watch.pwned() == 1  # <script>, <img onerror> or <svg onload>
    assert any("PWNED" in m for m in watch.console), watch.console  # the <script> itself
    watch.reset()
    page.locator("#ww-hover").hover()
    assert watch.pwned() == 1  # the attribute-list handler
    watch.reset()
    page.get_by_text("Klik op deze link").click(no_wait_after=True)
    page.wait_for_function("() => window.__pwned === 1")  # the javascript: link


def test_title_is_escaped_in_heading_and_json_ld(page, unsafe_site):
    """render.esc and export.json_ld escape the title themselves, with the sanitiser off."""
    page.goto(unsafe_site.page(TITLE_PAGE))
    heading = page.locator(".md-content h1").first.evaluate("h => h.firstChild.textContent")
    assert heading == TITLE_PAYLOAD
    blocks = page.locator('script[type="application/ld+json"]')
    assert blocks.count() == 1
    raw = blocks.first.text_content()
    assert "<" not in raw and ">" not in raw, raw
    data = json.loads(raw)
    assert data["name"] == TITLE_PAYLOAD and data["headline"] == TITLE_PAYLOAD, data


@pytest.mark.parametrize("path", [TITLE_PAGE, "", "dossiers/", "bewijs/", f"{group_folder('themas', THEME_PAYLOAD)}/"])
def test_title_and_theme_never_run_script(page, unsafe_site, path):
    watch = Watch(page)
    page.goto(unsafe_site.page(path), wait_until="load")
    watch.assert_clean("/" + path)
    assert page.locator("script:not([src]):not([type='application/ld+json'])").evaluate_all(
        "els => els.filter(e => e.textContent.includes('__pwned')).length") == 0


def test_the_header_search_shows_a_script_title_as_text(page, unsafe_site):
    """The static index holds the title escaped and the header search renders results as text
    nodes: the payload title is shown, and nothing runs."""
    from playwright.sync_api import expect

    watch = Watch(page)
    page.goto(unsafe_site.page(""), wait_until="load")
    page.locator("#ww-kop-q").fill("pwned")
    title = page.locator(".ww-kop-treffer .ww-kop-titel").first
    expect(title).to_have_text(TITLE_PAYLOAD)
    expect(page.locator("#ww-kopzoeken")).to_have_attribute("data-zoekmachine", "statisch")
    watch.assert_clean("het snelzoeken in de kop")
