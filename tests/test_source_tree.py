"""The one writer of the generated site source (view/tree.py): unchanged bytes keep their file and
its modification time, changed ones are replaced whole, what a round no longer writes is
removed, and no path leaves the tree."""

from __future__ import annotations

import os

import pytest

from watwerkt.view.tree import SourceTree


def test_unchanged_files_keep_their_mtime_and_changed_ones_are_rewritten(tmp_path):
    tree = SourceTree(tmp_path / "bron")
    a = tree.write("dossiers/a/index.md", "# A\n")
    b = tree.write("dossiers/b/index.md", "# B\n")
    assert tree.changed == {"dossiers/a/index.md", "dossiers/b/index.md"}
    old = 1_000_000_000
    os.utime(a, (old, old))
    os.utime(b, (old, old))

    again = SourceTree(tmp_path / "bron")
    assert again.write("dossiers/a/index.md", "# A\n") == a
    again.write("dossiers/b/index.md", "# B, herzien\n")
    assert again.changed == {"dossiers/b/index.md"}
    assert a.stat().st_mtime == old
    assert b.stat().st_mtime > old and b.read_text(encoding="utf-8") == "# B, herzien\n"
    assert not [p for p in (tmp_path / "bron").rglob(".tmp-*")]


def test_prune_removes_what_a_round_did_not_write(tmp_path):
    first = SourceTree(tmp_path / "bron")
    first.write("dossiers/a/index.md", "# A\n")
    first.write("dossiers/weg/index.md", "# Weg\n")
    first.write("themas/oud/index.md", "# Oud\n")
    assert first.prune() == 0
    second = SourceTree(tmp_path / "bron")
    second.write("dossiers/a/index.md", "# A\n")
    assert second.prune() == 2
    left = sorted(p.relative_to(tmp_path / "bron").as_posix() for p in (tmp_path / "bron").rglob("*"))
    assert left == ["dossiers", "dossiers/a", "dossiers/a/index.md"]


@pytest.mark.parametrize("bad", ["../buiten.md", "dossiers/../../buiten.md", "/etc/passwd", "", "a//b.md", "a\\..\\b.md"])
def test_no_path_leaves_the_tree(tmp_path, bad):
    tree = SourceTree(tmp_path / "bron")
    with pytest.raises(ValueError):
        tree.write(bad, "x")
    assert not (tmp_path / "buiten.md").exists()


def test_known_digests_skip_the_read_back_but_a_changed_file_is_still_rewritten(tmp_path):
    known: dict[str, bytes] = {}
    first = SourceTree(tmp_path / "bron", known)
    a = first.write("a.md", "# A\n")
    assert "a.md" in known
    a.write_text("# Door iemand anders veranderd\n", encoding="utf-8")
    second = SourceTree(tmp_path / "bron", known)
    second.write("a.md", "# A, nieuw\n")
    assert a.read_text(encoding="utf-8") == "# A, nieuw\n" and second.changed == {"a.md"}
    (tmp_path / "bron" / "a.md").unlink()
    third = SourceTree(tmp_path / "bron", known)
    third.write("a.md", "# A, nieuw\n")  # known digest, but the file is gone: written again
    assert a.read_text(encoding="utf-8") == "# A, nieuw\n"
    assert SourceTree(tmp_path / "bron", known).prune() == 1 and "a.md" not in known


def test_the_same_object_again_is_neither_hashed_nor_written(tmp_path, monkeypatch):
    import watwerkt.view.tree as tree_module
    known: dict = {}
    page = "# A\n" + "tekst " * 100
    first = SourceTree(tmp_path / "bron", known)
    first.write("a.md", page)
    hashed = []
    real = tree_module.hashlib.blake2b
    monkeypatch.setattr(tree_module.hashlib, "blake2b", lambda *a, **k: hashed.append(1) or real(*a, **k))
    second = SourceTree(tmp_path / "bron", known)
    second.write("a.md", page)  # the preview's kept page: the same object
    assert not hashed and second.written == {"a.md"} and not second.changed
    second.write("a.md", "".join(page))  # equal text, another object: hashed, still not written
    assert hashed and not second.changed
    (tmp_path / "bron" / "a.md").unlink()
    SourceTree(tmp_path / "bron", known).write("a.md", page)  # the same object, but the file is gone
    assert (tmp_path / "bron" / "a.md").read_text(encoding="utf-8") == page
    built = SourceTree(tmp_path / "elders")  # a build keeps no objects (memory)
    built.write("a.md", page)
    assert built.known["a.md"][1] is None


def test_prune_without_walking_removes_what_the_last_round_wrote_and_this_one_did_not(tmp_path):
    known: dict[str, bytes] = {}
    first = SourceTree(tmp_path / "bron", known)
    for rel in ("dossiers/a/index.md", "dossiers/b/index.md", "dossiers/b/citeer.ris", "themas/x/index.md"):
        first.write(rel, rel)
    first.prune()
    (tmp_path / "bron" / "eigen.txt").write_text("niet van deze ronde")  # not ours: a walk would remove it

    second = SourceTree(tmp_path / "bron", known)
    second.write("dossiers/a/index.md", "dossiers/a/index.md")
    second.write("themas/x/index.md", "nieuw")
    assert second.prune(walk=False) == 2
    assert not (tmp_path / "bron" / "dossiers" / "b").exists()  # its folder went with its files
    assert (tmp_path / "bron" / "dossiers" / "a" / "index.md").is_file()
    assert (tmp_path / "bron" / "eigen.txt").is_file()
    assert set(known) == {"dossiers/a/index.md", "themas/x/index.md"}
    assert second.prune() == 1 and not (tmp_path / "bron" / "eigen.txt").exists()
