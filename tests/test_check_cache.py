"""The live preview's check cache: an unchanged dossier is not loaded or checked again, a changed
one is, and the cross-dossier rules still see every model. Every result is compared with a check
without the cache on the same files."""

from __future__ import annotations

import shutil

from conftest import TODAY, copy_valid
from watwerkt.check import check
from watwerkt.check.cache import CheckCache
from watwerkt.model.settings import load_settings


def _both(root, cache):
    settings = load_settings(None)
    cached = check([root / "dossiers"], settings, TODAY, base=root, cache=cache)
    plain = check([root / "dossiers"], settings, TODAY, base=root)
    assert cached.problems == plain.problems
    assert [d.dossier for d in cached.dossiers] == [d.dossier for d in plain.dossiers]
    return cached


def test_unchanged_dossiers_come_from_the_cache_and_changed_ones_are_checked_again(tmp_path):
    root = copy_valid(tmp_path)
    folders = sorted(p for p in (root / "dossiers").iterdir() if p.is_dir())
    assert len(folders) >= 2
    cache = CheckCache()
    _both(root, cache)
    assert (cache.hits, cache.misses) == (0, len(folders))

    _both(root, cache)
    assert (cache.hits, cache.misses) == (len(folders), len(folders))

    changed = folders[0] / "dossier.yml"
    changed.write_text(changed.read_text(encoding="utf-8").replace("status: published", "status: gepubliceerd", 1),
                       encoding="utf-8")
    result = _both(root, cache)
    assert (cache.hits, cache.misses) == (2 * len(folders) - 1, len(folders) + 1)
    assert any(p.path.endswith(f"{folders[0].name}/dossier.yml") for p in result.errors)


def test_cross_dossier_rules_see_cached_models(tmp_path):
    root = copy_valid(tmp_path)
    first, second = sorted(p for p in (root / "dossiers").iterdir() if p.is_dir())[:2]
    cache = CheckCache()
    before = _both(root, cache)
    assert not before.errors
    title = next(d.dossier.title for d in before.dossiers if d.folder == first)
    other = next(d.dossier.title for d in before.dossiers if d.folder == second)
    yml = second / "dossier.yml"
    yml.write_text(yml.read_text(encoding="utf-8").replace(f"title: {other}", f"title: {title}", 1), encoding="utf-8")
    after = _both(root, cache)  # the first dossier comes from the cache; the collision is still found
    assert after.errors and set(after.problems) != set(before.problems)


def test_a_removed_dossier_is_forgotten_and_a_new_one_checked(tmp_path):
    root = copy_valid(tmp_path)
    folders = sorted(p for p in (root / "dossiers").iterdir() if p.is_dir())
    cache = CheckCache()
    _both(root, cache)
    shutil.copytree(folders[0], root / "dossiers" / "nieuw-dossier")  # also changes every sibling set
    _both(root, cache)
    shutil.rmtree(root / "dossiers" / "nieuw-dossier")
    misses = cache.misses
    result = _both(root, cache)
    assert cache.misses == misses + len(folders)  # the sibling set changed back: checked again
    assert len(result.dossiers) == len(folders)


def test_an_edit_of_the_same_length_is_seen(tmp_path):
    root = copy_valid(tmp_path)
    folder = sorted(p for p in (root / "dossiers").iterdir() if p.is_dir())[0]
    cache = CheckCache()
    _both(root, cache)
    yml = folder / "dossier.yml"
    text = yml.read_text(encoding="utf-8")
    edited = text.replace("status: published", "status: publishex", 1)
    assert len(edited) == len(text) and edited != text
    yml.write_text(edited, encoding="utf-8")
    result = _both(root, cache)
    assert any(p.path.endswith(f"{folder.name}/dossier.yml") for p in result.errors)
