"""Coding in the TUI, on a real SQLite file: 1-9 toggle codes on the current KWIC line, n a
note, u undo, c the filter, r a sample; every change is in the file at once."""

from __future__ import annotations

import asyncio
import functools

import pytest

pytest.importorskip("textual")

from corpus_tui.coding import codebook  # noqa: E402
from corpus_tui.coding.store import Store  # noqa: E402
from corpus_tui.corpus.options import CorpusOptions  # noqa: E402
from corpus_tui.index.open import open_index  # noqa: E402
from corpus_tui.query.search import kwic  # noqa: E402
from corpus_tui.query.sample import place, sample  # noqa: E402
from corpus_tui.tui.app import CorpusApp  # noqa: E402
from corpus_tui.tui.screens.coding import NoteScreen  # noqa: E402
from corpus_tui.tui.widgets.kwic import KwicTable  # noqa: E402

TERM = "新赛道"
SIZE = (110, 30)


def pilot_test(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        return asyncio.run(fn(*args, **kwargs))

    return wrapper


@pytest.fixture(scope="module")
def idx(cache_dir):
    return open_index(CorpusOptions(cache_dir=cache_dir))


@pytest.fixture
def files(tmp_path):
    book = codebook.write_example(tmp_path / "codebook.toml")
    return book, tmp_path / "codes.sqlite3"


def make_app(cache_dir, files, **extra):
    book, codes = files
    opts = dict(codes=str(codes), codebook=str(book), coder="ann", **extra)
    return CorpusApp(CorpusOptions(cache_dir=cache_dir), coding_opts=opts)


async def settle(pilot, app):
    for _ in range(3):
        await app.workers.wait_for_complete()
        await pilot.pause()
    table = app.main.query_one(KwicTable)
    while table.rows_pending:
        await pilot.pause(0.01)


async def search(pilot, app, term=TERM):
    await settle(pilot, app)
    await pilot.press(*term, "enter")
    await pilot.pause(0.2)
    await settle(pilot, app)


def status(app) -> str:
    return str(app.main.query_one("#status").render())


def stored(codes) -> list[tuple]:
    with Store(codes) as s:
        return [(c.location, c.code, c.coder, c.note) for c in s.codings()]


def codes_cell(app, row) -> str:
    table = app.main.query_one(KwicTable)
    return str(table.get_row_at(row)[4])


@pilot_test
async def test_digits_toggle_codes_and_each_change_is_in_the_file_at_once(cache_dir, files, idx):
    app = make_app(cache_dir, files)
    lines = kwic(idx, TERM)
    where = [f"{c.hit.file}:{c.hit.line}:{c.hit.column}" for c in lines]
    async with app.run_test(size=SIZE) as pilot:
        await search(pilot, app)
        table = app.main.query_one(KwicTable)
        assert len(table.columns) == 5 and table.row_count == len(lines) == 107
        assert f"107 hits of {TERM} in 4 files · coded 0 of 107" in status(app)
        await pilot.press("1")
        assert stored(files[1]) == [(where[0], "积极", "ann", "")]  # written before the next key
        assert codes_cell(app, 0) == "积极"
        await pilot.press("down", "down", "2", "1")
        assert codes_cell(app, 2) == "积极+谨慎"
        assert "coded 2 of 107" in status(app)
        await pilot.press("2")  # toggles 谨慎 off again
        assert codes_cell(app, 2) == "积极"
        assert sorted(stored(files[1])) == sorted([(where[0], "积极", "ann", ""), (where[2], "积极", "ann", "")])
        await pilot.press("u")  # undo the removal
        assert codes_cell(app, 2) == "积极+谨慎"
        await pilot.press("u", "u")  # undo 积极 then 谨慎 on line 2
        assert codes_cell(app, 2) == ""
        assert stored(files[1]) == [(where[0], "积极", "ann", "")]
        assert "coded 1 of 107" in status(app)
        await pilot.press("9")  # no code on 9 in the example
        assert "no code on key 9" in status(app)


@pilot_test
async def test_a_note_is_written_and_undone(cache_dir, files, idx):
    app = make_app(cache_dir, files)
    async with app.run_test(size=SIZE) as pilot:
        await search(pilot, app)
        await pilot.press("n")
        assert "code the line first" in status(app)
        await pilot.press("3", "n")
        await pilot.pause()
        assert isinstance(app.screen, NoteScreen)
        await pilot.press(*"中性陈述", "enter")
        await pilot.pause()
        assert [n for *_, n in stored(files[1])] == ["中性陈述"]
        await pilot.press("u")
        assert [n for *_, n in stored(files[1])] == [""]


@pilot_test
async def test_the_filter_shows_coded_or_uncoded_lines(cache_dir, files, idx):
    app = make_app(cache_dir, files)
    async with app.run_test(size=SIZE) as pilot:
        await search(pilot, app)
        await pilot.press("1", "down", "down", "2")
        await pilot.press("c")  # all -> uncoded
        await settle(pilot, app)
        table = app.main.query_one(KwicTable)
        assert table.row_count == 105
        assert "coded 2 of 107 · showing uncoded" in status(app)
        await pilot.press("c")  # -> 积极
        await settle(pilot, app)
        assert table.row_count == 1 and codes_cell(app, 0) == "积极"
        await pilot.press("c")  # -> 谨慎
        await settle(pilot, app)
        assert [l.hit.start for l in table.lines] == [kwic(idx, TERM)[2].hit.start]


@pilot_test
async def test_a_sample_is_the_clis_sample(cache_dir, files, idx):
    app = make_app(cache_dir, files, sample=(20, 7, 3))
    expected = sample(kwic(idx, TERM), 20, 7, 3, key=lambda c: place(idx, c))
    async with app.run_test(size=SIZE) as pilot:
        await search(pilot, app)
        await pilot.press("r")
        await settle(pilot, app)
        table = app.main.query_one(KwicTable)
        assert [l.hit.start for l in table.lines] == [l.hit.start for l in expected]
        assert len(expected) == 12  # at most 3 from each of the 4 documents with hits
        assert f"a sample of 12 of 107 hits of {TERM} in 4 files · coded 0 of 12" in status(app)


@pilot_test
async def test_without_a_codebook_digits_still_switch_tabs(cache_dir, tmp_path, monkeypatch, idx):
    monkeypatch.chdir(tmp_path)  # no codebook.toml here, none in the (test) config folder
    app = CorpusApp(CorpusOptions(cache_dir=cache_dir), coding_opts=dict(codes=str(tmp_path / "codes.sqlite3")))
    async with app.run_test(size=SIZE) as pilot:
        await search(pilot, app)
        assert app.main.coding is None
        assert len(app.main.query_one(KwicTable).columns) == 4
        await pilot.press("3")
        await pilot.pause()
        assert app.main.query_one("#tabs").active == "tab-freq"
    assert not (tmp_path / "codes.sqlite3").exists()
