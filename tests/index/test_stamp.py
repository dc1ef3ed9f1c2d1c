"""The warm stamp (index/stamp.py): a second open with the same options reuses the first
open's catalogue, key and vocabulary, and any change to what that open read sends it the
full way again, with the change seen."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from corpus_tui.index import open as index_open
from corpus_tui.index import saved as index_mod
from corpus_tui.index import stamp
from corpus_tui.corpus.options import CorpusOptions
from corpus_tui.index.open import open_index
from corpus_tui.query.search import count_by_doc_of

from conftest import REPO, write_fixture


@pytest.fixture
def stamping(monkeypatch):
    """Stamps saved at once (the corpus was written a moment ago), and a count of full opens."""
    monkeypatch.setattr(stamp, "RACY_NS", 0)
    calls = []
    full = index_open._open_full

    def counted(*args, **kwargs):
        calls.append(1)
        return full(*args, **kwargs)

    monkeypatch.setattr(index_open, "_open_full", counted)
    return calls


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    root = write_fixture(tmp_path / "corpus")
    monkeypatch.setenv("CORPUS_TUI_CACHE", str(tmp_path / "cache"))
    return root


def opened(root: Path, **kw):
    idx = open_index(CorpusOptions(corpus=str(root), **kw))
    idx.close()
    return idx


def later_edit(path: Path, text: str) -> None:
    """Write after the clock has moved on: file times have a granularity of a few ms."""
    time.sleep(0.02)
    path.write_text(text, encoding="utf-8")


def test_second_open_reuses_the_first(corpus, stamping):
    first = opened(corpus)
    assert len(stamping) == 1
    assert os.path.isfile(stamp.stamp_path(CorpusOptions(corpus=str(corpus))))
    second = open_index(CorpusOptions(corpus=str(corpus)))
    assert len(stamping) == 1  # no full open
    assert second.catalog == first.catalog and second.key == first.key and second.folder == first.folder
    assert second.vocab == first.vocab and second.tags == first.tags
    assert {k: v for k, v in second.meta.items() if k != "_mmaps"} == {k: v for k, v in first.meta.items() if k != "_mmaps"}
    assert count_by_doc_of(second, "新赛道") == {"alpha": 5, "beta": 2}
    assert [d.path for d in second.catalog.documents] == [corpus / "a.txt", corpus / "sub" / "b.txt"]
    second.close()


def test_warnings_are_replayed_from_the_stamp(corpus, stamping):
    (corpus / "stray.txt").write_text("未登记的文件。\n", encoding="utf-8")
    first = opened(corpus)
    second = opened(corpus)
    assert len(stamping) == 1
    assert [p.located for p in second.catalog.problems] == [p.located for p in first.catalog.problems]
    assert [p.located for p in second.catalog.problems] == ["stray.txt is not listed in INDEX.md; not indexed"]


def _same_size_edit(root: Path) -> None:
    a = root / "a.txt"
    later_edit(a, a.read_text("utf-8").replace("耐心资本", "耐心资金"))  # same size in UTF-8


CHANGES = {
    "a document's text, same size": (_same_size_edit, lambda idx: count_by_doc_of(idx, "耐心资金") == {"alpha": 1}),
    "INDEX.md": (lambda r: later_edit(r / "INDEX.md", (r / "INDEX.md").read_text("utf-8").replace("新赛道观察", "新赛道札记")),
                 lambda idx: idx.catalog.document("alpha").title == "新赛道札记"),
    "an unlisted file in the corpus folder": (
        lambda r: later_edit(r / "c.txt", "新赛道。\n"),
        lambda idx: "c.txt is not listed in INDEX.md; not indexed" in [p.located for p in idx.catalog.problems]),
    "an unlisted file in a listed file's folder": (
        lambda r: later_edit(r / "sub" / "d.txt", "新赛道。\n"),
        lambda idx: "sub/d.txt is not listed in INDEX.md; not indexed" in [p.located for p in idx.catalog.problems]),
    "the corpus's userdict.txt": (lambda r: later_edit(r / "userdict.txt", "培育未来产业 100000 n\n"),
                                  lambda idx: "培育未来产业" in idx.vocab),
}


@pytest.mark.parametrize("change", list(CHANGES))
def test_a_change_is_seen(corpus, stamping, change):
    edit, seen = CHANGES[change]
    before = open_index(CorpusOptions(corpus=str(corpus)))
    assert not seen(before)
    before.close()
    edit(corpus)
    after = open_index(CorpusOptions(corpus=str(corpus)))
    assert len(stamping) == 2  # the stamp was refused
    assert seen(after)
    after.close()
    again = opened(corpus)  # and a new stamp serves the next open
    assert len(stamping) == 2 and again.key == after.key and again.catalog == after.catalog


def test_a_listed_file_that_appears_is_indexed(corpus, stamping):
    index_md = corpus / "INDEX.md"
    index_md.write_text(index_md.read_text("utf-8").replace(
        "| beta |", "| gamma | later/g.txt | 后来 | | | | | |\n| beta |"), encoding="utf-8")
    before = opened(corpus)
    assert before.catalog.document("gamma") is None
    (corpus / "later").mkdir()
    later_edit(corpus / "later" / "g.txt", "新赛道来了。\n")
    after = opened(corpus)
    assert len(stamping) == 2
    assert after.catalog.document("gamma") is not None


def test_a_user_dictionary_option_is_watched(corpus, stamping, tmp_path):
    extra = tmp_path / "extra.txt"
    extra.write_text("开辟新赛道 5 v\n", encoding="utf-8")
    before = opened(corpus, userdict=str(extra))
    later_edit(extra, "开辟新赛道 5 v\n抢占新赛道 100000 v\n")
    after = opened(corpus, userdict=str(extra))
    assert len(stamping) == 2 and after.key != before.key
    assert "抢占新赛道" in after.vocab and "抢占新赛道" not in before.vocab


def test_other_options_have_their_own_stamp(corpus, stamping):
    opened(corpus, encoding="utf-8")
    opened(corpus, encoding="utf-8")
    assert len(stamping) == 1
    assert stamp.stamp_path(CorpusOptions(corpus=str(corpus))) != stamp.stamp_path(
        CorpusOptions(corpus=str(corpus), encoding="utf-8"))


def test_an_index_rebuilt_since_refuses_the_stamp(corpus, stamping):
    opened(corpus)
    where = Path(stamp.stamp_path(CorpusOptions(corpus=str(corpus))))
    old = where.read_bytes()
    open_index(CorpusOptions(corpus=str(corpus)), rebuild=True).close()  # a new meta.json, and a new stamp
    opened(corpus)
    assert len(stamping) == 2
    where.write_bytes(old)  # as if another process had rebuilt the index after this stamp
    opened(corpus)
    assert len(stamping) == 3


def test_the_completion_pointer_follows_the_last_open(corpus, stamping):
    pointers = lambda: sorted((Path(os.environ["CORPUS_TUI_CACHE"]) / "index").glob("latest-*.terms"))
    plain = opened(corpus)
    other = opened(corpus, encoding="utf-8")  # another index of the same folder takes the pointer
    (pointer,) = pointers()
    assert pointer.read_text("utf-8").split("\n", 1)[0] == other.key
    opened(corpus)
    assert pointer.read_text("utf-8").split("\n", 1)[0] == plain.key
    assert len(stamping) == 3  # the stamp of a folder whose pointer moved is not used
    opened(corpus)
    assert len(stamping) == 3
    pointer.unlink()
    opened(corpus)
    assert len(stamping) == 4 and pointers() == [pointer]


@pytest.mark.parametrize("damage", [b"", b"not marshal at all", None])
def test_a_damaged_stamp_is_replaced(corpus, stamping, damage):
    first = opened(corpus)
    where = Path(stamp.stamp_path(CorpusOptions(corpus=str(corpus))))
    good = where.read_bytes()
    where.write_bytes(good[: len(good) // 2] if damage is None else damage)
    again = opened(corpus)
    assert len(stamping) == 2 and again.catalog == first.catalog
    assert where.read_bytes() != (good[: len(good) // 2] if damage is None else damage)
    opened(corpus)
    assert len(stamping) == 2


def test_another_tokenizer_version_refuses_the_stamp(corpus, stamping, monkeypatch):
    opened(corpus)
    assert stamp.reopen(CorpusOptions(corpus=str(corpus)), lambda m: None) is not None
    monkeypatch.setattr(stamp, "tokenizer_version", lambda name: "99.0")
    assert stamp.reopen(CorpusOptions(corpus=str(corpus)), lambda m: None) is None


@pytest.mark.parametrize("what", ["NORMALIZER_VERSION", "FORMAT_VERSION", "__version__"])
def test_an_upgraded_corpus_tui_refuses_the_stamp(corpus, stamping, monkeypatch, what):
    # A new normaliser changes the key, which the stamp would skip computing.
    import corpus_tui
    from corpus_tui.corpus import normalize
    opened(corpus)
    owner = {"NORMALIZER_VERSION": normalize, "FORMAT_VERSION": index_mod, "__version__": corpus_tui}[what]
    monkeypatch.setattr(owner, what, "next")
    assert stamp.reopen(CorpusOptions(corpus=str(corpus)), lambda m: None) is None


def test_no_stamp_for_inputs_changed_just_before_the_open(corpus, monkeypatch):
    # The fixture corpus was written a moment ago, so its reading may have raced with the
    # writing; the next open must read it again. "A moment" is widened to a day so that a
    # slow build on a loaded machine (past the shipped 2 s) still opens within it.
    monkeypatch.setattr(stamp, "RACY_NS", 86_400 * 10**9)
    idx = opened(corpus)
    os.utime(corpus / "a.txt")  # "a moment ago" even when the build above took seconds (a loaded machine)
    assert stamp.save(CorpusOptions(corpus=str(corpus)), idx, str(index_open.pointer_path(
        Path(os.environ["CORPUS_TUI_CACHE"]), idx.catalog.root)), stamp.clock()) is False
    assert not os.path.exists(stamp.stamp_path(CorpusOptions(corpus=str(corpus))))


def test_no_stamp_for_a_folder_without_index_md(tmp_path, stamping, monkeypatch):
    monkeypatch.setenv("CORPUS_TUI_CACHE", str(tmp_path / "cache"))
    (tmp_path / "plain").mkdir()
    (tmp_path / "plain" / "x.txt").write_text("新赛道。\n", encoding="utf-8")
    opened(tmp_path / "plain")
    opened(tmp_path / "plain")
    assert len(stamping) == 2
    assert not list((tmp_path / "cache" / "index").glob("warm-*"))


def test_a_warm_query_imports_neither_pathlib_json_nor_re(corpus, stamping):
    opened(corpus)  # writes the stamp the command below reads
    probe = ("import sys, atexit\n"
             "atexit.register(lambda: print(sorted(m for m in ('pathlib', 'json', 're', 'enum', 'typing', "
             "'corpus_tui.corpus.catalog', 'corpus_tui.tokens.tokenizer') if m in sys.modules), file=sys.stderr))\n"
             "from corpus_tui.cli.entry import main\n"
             "main()\n")
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    for args in (["kwic", "新赛道", "--count"], ["kwic", "新赛道"], ["freq"], ["cooc", "新赛道"], ["search", "新赛道"],
                 ["diff", "--a", "group=新赛道", "--b", "group=未来产业"]):
        done = subprocess.run([sys.executable, "-c", probe, *args, "--corpus", str(corpus)], env=env,
                              capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr
        assert done.stderr.splitlines()[-1] == "[]", (args, done.stderr)


@pytest.mark.parametrize("xdg", [None, "", "  ", "/tmp/xdg-cache", "/tmp/xdg-cache/", "relative/dir", "~/cache", "/a:/b"])
@pytest.mark.parametrize("home", ["/root", "/home/someone/"])
def test_the_default_cache_folder_is_platformdirs(monkeypatch, xdg, home):
    # Computed without platformdirs (and pathlib) on a warm query: it must name the same folder.
    import platformdirs

    from corpus_tui.index.cache import APP_NAME, cache_root_str

    monkeypatch.delenv("CORPUS_TUI_CACHE", raising=False)
    monkeypatch.setenv("HOME", home)
    if xdg is None:
        monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    else:
        monkeypatch.setenv("XDG_CACHE_HOME", xdg)
    expected = platformdirs.user_cache_path(APP_NAME, appauthor=False)
    if sys.platform == "linux":
        assert os.path.normpath(cache_root_str()) == str(expected)
    assert Path(cache_root_str()) == expected


def test_a_damaged_index_behind_a_good_stamp_is_rebuilt_with_its_warning(corpus, stamping):
    first = opened(corpus)
    tokens = Path(first.folder) / "tokens.i32"
    tokens.write_bytes(tokens.read_bytes()[:8])  # meta.json and vocab.json untouched: the stamp still matches them
    warnings: list[str] = []
    idx = open_index(CorpusOptions(corpus=str(corpus)), warn=warnings.append)
    assert warnings == [f"cached index {first.folder} is unusable (tokens.i32 has the wrong size); rebuilding"]
    assert len(stamping) == 2 and idx.key == first.key and count_by_doc_of(idx, "新赛道") == {"alpha": 5, "beta": 2}
    idx.close()
