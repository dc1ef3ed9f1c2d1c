"""The SQLite store: private, versioned, WAL, every write whole or not at all, and an import
that can be run twice."""

from __future__ import annotations

import os
import sqlite3
import stat

import pytest

from corpus_tui.coding import codebook
from corpus_tui.coding.store import SCHEMA_VERSION, Coding, Store, StoreError, default_path

SHA = "a" * 64


def line(term="新赛道", doc="alpha", offset=30, code="", coder="ann", note="", **kw) -> Coding:
    fields = dict(id=None, term=term, doc=doc, article="", file="a.txt", line=3, column=9, sha256=SHA,
                  raw_offset=offset, raw_length=3, node="新赛道", before="各地正在积极开辟", after="，培育未来产业",
                  left="各地正在积极开辟", right="，培育未来产业", code=code, note=note, coder=coder,
                  coded_at="2026-12-01T10:00:00Z")
    fields.update(kw)
    return Coding(**fields)


@pytest.fixture()
def store(tmp_path):
    with Store(tmp_path / "codes.sqlite3") as s:
        yield s


def _mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_a_new_file_is_private_versioned_and_in_wal_mode(tmp_path):
    path = tmp_path / "codes.sqlite3"
    with Store(path) as s:
        s.add(line(code="积极"))
        assert _mode(path) == 0o600
        assert _mode(f"{path}-wal") == 0o600 and _mode(f"{path}-shm") == 0o600
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 1
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")} == {"coding", "codebook"}
    db.close()


def test_the_default_file_is_in_the_user_data_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert default_path() == tmp_path / "data" / "corpus-tui" / "codes.sqlite3"
    with Store() as s:
        assert s.path == default_path()
    assert _mode(tmp_path / "data" / "corpus-tui") == 0o700
    assert _mode(default_path()) == 0o600


def test_codes_are_never_kept_inside_the_corpus_folder(tmp_path):
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    with pytest.raises(StoreError) as err:
        Store(corpus / "sub" / "codes.sqlite3", corpus_root=corpus)
    assert str(err.value) == (f"codes file {corpus / 'sub' / 'codes.sqlite3'} is inside the corpus folder {corpus}; "
                              "keep codes elsewhere (--codes FILE)")
    assert list(corpus.rglob("*")) == [corpus / "sub"]
    Store(tmp_path / "beside.sqlite3", corpus_root=corpus).close()


def test_adding_is_idempotent_and_survives_reopening(tmp_path):
    path = tmp_path / "codes.sqlite3"
    with Store(path) as s:
        first = s.add(line(code="积极"))
        assert first.id == 1 and first.code == "积极"
        assert s.add(line(code="积极")) is None  # same line, code and coder
        assert s.add(line(code="积极", coder="bo")).id == 2
        assert s.add(line(code="谨慎")).id == 3  # a second code on the same line
    with Store(path) as s:
        assert [(c.id, c.code, c.coder) for c in s.codings()] == [(1, "积极", "ann"), (3, "谨慎", "ann"), (2, "积极", "bo")]
        assert [c.id for c in s.codings(code="积极")] == [1, 2]
        assert [c.id for c in s.codings(coder="bo")] == [2]
        assert s.codings(term="未来产业") == []
        assert s.coders() == ["ann", "bo"]
        assert s.codings()[0] == line(id=1, code="积极")


def test_toggle_adds_then_removes_and_undo_restores_the_same_row(store):
    assert store.toggle(line(), "积极")[0] == "added"
    state, removed = store.toggle(line(), "积极")
    assert state == "removed" and store.codings() == []
    store.add(removed)  # undo of the removal: the same id, time and note
    assert store.codings() == [removed]
    state, added = store.toggle(line(), "谨慎")
    store.remove([added.id])  # undo of the addition
    assert store.codings() == [removed]


def test_notes_are_set_on_codings(store):
    c = store.add(line(code="积极"))
    assert store.set_note([c.id], "政策话语里的机遇叙事") == 1
    assert store.codings()[0].note == "政策话语里的机遇叙事"


def test_import_is_idempotent_and_reports_conflicts_keeping_the_stored_note(store):
    store.add(line(code="积极", note="a"))
    rows = [line(code="积极", note="a"), line(code="谨慎"), line(offset=90, code="积极", coder="bo")]
    report = store.import_codings(rows)
    assert (report.added, report.unchanged, report.conflicts) == (2, 1, ())
    assert store.import_codings(rows) == (0, 3, ())
    report = store.import_codings([line(code="积极", note="b")])
    assert (report.added, report.unchanged) == (0, 0)
    assert report.conflicts == ("a.txt:3:9 新赛道 '积极' by ann: stored note 'a' kept, imported note 'b' not",)
    assert [c.note for c in store.codings(code="积极", coder="ann")] == ["a"]


def test_a_failing_write_leaves_nothing_half_done(store):
    store.add(line(code="积极"))
    with pytest.raises(StoreError):
        store.import_codings([line(offset=1, code="谨慎"), line(offset=2, code=None)])  # NOT NULL fails on the second
    assert [c.raw_offset for c in store.codings()] == [30]


def test_moving_and_orphaning_codings(store):
    a = store.add(line(code="积极"))
    b = store.add(line(offset=90, code="积极"))
    assert store.move([(a.id, "b" * 64, 34, 4, 2)]) == 1
    assert store.set_orphaned([b.id]) == 1
    moved, orphan = store.codings()
    assert (moved.sha256, moved.raw_offset, moved.line, moved.column, moved.orphaned) == ("b" * 64, 34, 4, 2, 0)
    assert (orphan.id, orphan.orphaned) == (b.id, 1)
    assert [c.id for c in store.codings(orphaned=True)] == [b.id]


def test_the_codebook_snapshot_keeps_the_newest_codebook(store, tmp_path):
    assert store.codebook() is None
    book = codebook.parse(codebook.EXAMPLE, "codebook.toml")
    store.save_codebook(book)
    assert store.codebook().codes == book.codes
    other = codebook.parse('[[code]]\nname = "正面"\nkey = 5\n', "other.toml")
    store.save_codebook(other)
    assert store.codebook().codes == other.codes
    assert store.codebook().source == f"other.toml (as saved in {store.path})"


def test_a_file_that_is_not_a_codes_file_is_one_clear_error(tmp_path):
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(StoreError) as err:
        Store(junk)
    assert str(err.value) == f"{junk} is not a codes file (file is not a database)"
    other = tmp_path / "other.sqlite3"
    db = sqlite3.connect(other)
    db.execute("CREATE TABLE t (x)")
    db.commit()
    db.close()
    with pytest.raises(StoreError) as err:
        Store(other)
    assert str(err.value) == f"{other} is an SQLite file of something else (tables: t)"
    newer = tmp_path / "newer.sqlite3"
    Store(newer).close()
    db = sqlite3.connect(newer)
    db.execute("PRAGMA user_version = 7")
    db.commit()
    db.close()
    with pytest.raises(StoreError) as err:
        Store(newer)
    assert str(err.value) == f"{newer} has codes schema 7, newer than this corpus_tui's 1: upgrade corpus_tui"


def test_a_second_connection_sees_each_write_at_once(tmp_path):
    path = tmp_path / "codes.sqlite3"
    with Store(path) as writer, Store(path) as reader:
        writer.add(line(code="积极"))
        assert [c.code for c in reader.codings()] == ["积极"]
