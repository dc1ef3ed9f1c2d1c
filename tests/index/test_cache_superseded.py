"""An index superseded by a newer one for the same corpus folder and options is removed, so
a corpus edited many times does not leave one whole index per edit in the cache; an index
another folder, another option or a running build still needs is kept."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from corpus_tui.corpus.options import CorpusOptions

from corpus_tui.index.open import index_folder, open_index, pointer_path
from corpus_tui.index.lock import IndexLock
from corpus_tui.query.search import count_by_doc_of


def _corpus(root: Path) -> Path:
    root.mkdir()
    (root / "a.txt").write_text("人工智能赋能未来产业。\n新赛道不断涌现。\n", encoding="utf-8")
    (root / "b.txt").write_text("发展人工智能，布局未来产业。\n", encoding="utf-8")
    return root


def _open(root: Path, cache: Path, **kw):
    return open_index(CorpusOptions(corpus=str(root), cache_dir=str(cache), **kw))


def _indexes(cache: Path) -> set[str]:
    return {p.name for p in (cache / "index").iterdir() if p.is_dir() and not p.name.startswith(".")}


def _edit(root: Path) -> None:
    with open(root / "a.txt", "a", encoding="utf-8") as fh:
        fh.write("人工智能再次出现。\n")


def test_an_edited_corpus_keeps_only_its_newest_index(tmp_path):
    root, cache = _corpus(tmp_path / "c"), tmp_path / "cache"
    first = _open(root, cache)
    old = first.key
    _edit(root)
    second = _open(root, cache)
    assert second.key != old
    assert _indexes(cache) == {second.key}
    assert pointer_path(cache, root).read_text(encoding="utf-8").split("\n", 1)[0] == second.key
    # the process that still holds the old index reads it from its maps
    assert count_by_doc_of(first, "人工智能") == {"a": 1, "b": 1}
    assert count_by_doc_of(second, "人工智能") == {"a": 2, "b": 1}
    first.close()
    second.close()


def test_an_index_another_folder_points_at_is_kept(tmp_path):
    a, cache = _corpus(tmp_path / "a"), tmp_path / "cache"
    b = tmp_path / "b"
    shutil.copytree(a, b)
    shared = _open(a, cache).key
    assert _open(b, cache).key == shared  # same texts, same index
    _edit(a)
    newer = _open(a, cache).key
    assert _indexes(cache) == {shared, newer}


def test_an_index_built_with_other_options_is_kept(tmp_path):
    root, cache = _corpus(tmp_path / "c"), tmp_path / "cache"
    plain = _open(root, cache).key
    explicit = _open(root, cache, encoding="utf-8").key
    assert explicit != plain and _indexes(cache) == {plain, explicit}
    assert _open(root, cache).key == plain and _indexes(cache) == {plain, explicit}


def test_an_extra_user_dictionary_keeps_its_own_index_and_an_edited_one_does_not(tmp_path):
    root, cache = _corpus(tmp_path / "c"), tmp_path / "cache"
    extra = tmp_path / "extra.txt"
    extra.write_text("赋能未来 5 v\n", encoding="utf-8")
    plain = _open(root, cache).key
    with_extra = _open(root, cache, userdict=str(extra)).key
    assert _indexes(cache) == {plain, with_extra}
    extra.write_text("赋能未来 9 v\n", encoding="utf-8")  # the same option, edited
    edited = _open(root, cache, userdict=str(extra)).key
    assert _indexes(cache) == {plain, edited}


def test_an_index_whose_lock_is_held_is_kept(tmp_path):
    root, cache = _corpus(tmp_path / "c"), tmp_path / "cache"
    old = _open(root, cache).key
    lock = IndexLock(os.path.join(cache, "index", f"{old}.lock"))
    lock.acquire(timeout=1)  # as a build or rebuild of that key holds it
    try:
        _edit(root)
        newer = _open(root, cache).key
    finally:
        lock.release()
    assert _indexes(cache) == {old, newer}
    assert (index_folder(cache, old) / "meta.json").is_file()
