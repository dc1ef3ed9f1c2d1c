"""Pilot tests of the KWIC pane: the first page of rows comes before the rest (and is the
result's first rows), every hit is there at the end, and the contexts are as wide as the pane
leaves them: typed, started from a statistics table, and after a resize."""

from __future__ import annotations

import asyncio
import functools
import threading

import pytest

pytest.importorskip("textual")

from corpus_tui.corpus.options import CorpusOptions  # noqa: E402
from corpus_tui.index.open import open_index  # noqa: E402
from corpus_tui.query.search import Selection, count_by_doc_of, kwic  # noqa: E402
from corpus_tui.tui.app import CorpusApp  # noqa: E402
from corpus_tui.tui.widgets.kwic import KwicTable, rows_of  # noqa: E402


def pilot_test(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        return asyncio.run(fn(*args, **kwargs))

    return wrapper


@pytest.fixture(scope="module")
def idx(cache_dir):
    return open_index(CorpusOptions(cache_dir=cache_dir))


@pytest.fixture
def app(cache_dir, tmp_path) -> CorpusApp:
    return CorpusApp(CorpusOptions(cache_dir=cache_dir), export_dir=tmp_path)


async def settle(pilot, app, wait: float = 0.0) -> None:
    if wait:
        await pilot.pause(wait)
    for _ in range(2):
        await app.workers.wait_for_complete()
        await pilot.pause()
    table = app.main.query_one(KwicTable)
    while table.rows_pending:
        await pilot.pause(0.01)


def cells(table: KwicTable, row: int) -> list[str]:
    return [c.plain for c in table.get_row_at(row)]


def status(app) -> str:
    return str(app.main.query_one("#status").render())


@pilot_test
async def test_first_page_then_every_hit(app, idx, monkeypatch):
    """产业 has 1 295 hits: its first 60 rows are on screen while the rest are still being
    built; then every hit is in the table, the last one at the end."""
    from corpus_tui.tui import searchmodel

    gate, real = threading.Event(), searchmodel.search

    def held(index, q, width, stale=lambda: False, *coding, first=None):
        def first_then_wait(page):
            first(page)
            if q.term == "产业":
                gate.wait(10)

        return real(index, q, width, stale, *coding, first=first_then_wait)

    monkeypatch.setattr(searchmodel, "search", held)
    want = kwic(idx, "产业", width=12)  # the context width at 80x24 (test_widths_at_80x24)
    assert len(want) == 1295 == sum(count_by_doc_of(idx, "产业").values())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        await pilot.press(*"产业")
        table = app.main.query_one(KwicTable)
        while table.row_count == 0 or app.main.query_state.term != "产业" or "产业" not in status(app):
            await pilot.pause(0.01)
        assert table.row_count == searchmodel.FIRST_PAGE == 60
        assert table.widths() == (16, 12, 4, 12)
        assert [cells(table, r) for r in range(60)] == [[c.plain for c in row] for row in rows_of(want[:60])]
        assert status(app) == "60+ hits of 产业: counting…"
        gate.set()
        await settle(pilot, app)
        assert table.row_count == 1295
        assert status(app).startswith("1295 hits of 产业 in 5 files · ")
        table.focus()
        await pilot.press("ctrl+end")
        await pilot.pause()
        assert table.cursor_row == 1294
        assert table.scroll_y == table.max_scroll_y > 0
        assert cells(table, 1294) == [c.plain for c in rows_of(want[-1:])[0]]
        assert [table.lines[r].hit.start for r in (0, 59, 60, 1294)] == [want[r].hit.start for r in (0, 59, 60, 1294)]


@pilot_test
async def test_a_page_only_when_there_are_more_hits(app, idx, monkeypatch):
    from corpus_tui.tui import searchmodel

    pages, real = [], searchmodel.search

    def recorded(index, q, *args, first=None, **kw):
        return real(index, q, *args, first=lambda p: (pages.append((q.term, len(p.lines))), first(p)), **kw)

    monkeypatch.setattr(searchmodel, "search", recorded)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        table = app.main.query_one(KwicTable)
        for term, hits in (("数字经济", 15), ("新赛道", 107)):
            app.main.query_one("#search").value = term  # one change, as a paste is
            await settle(pilot, app, 0.2)
            assert table.row_count == hits
        assert pages == [("新赛道", 60)]  # 15 hits come in one step
        assert status(app).startswith("107 hits of 新赛道 in 4 files · ")


@pilot_test
async def test_kwic_cells_are_drawn_as_datatable_draws_them(app):
    from rich.style import Style
    from textual.widgets import DataTable

    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        await pilot.press(*"新赛道")
        await settle(pilot, app, 0.2)
        table = app.main.query_one(KwicTable)
        widths = [c.get_render_width(table) for c in table.columns.values()]
        for row in range(5):
            for col, width in enumerate(widths):
                for style in (Style(), Style(bgcolor="black")):
                    for cursor, hover in ((False, False), (True, False), (False, True)):
                        table._cell_render_cache.clear()
                        fast = table._render_cell(row, col, style, width, cursor, hover)
                        table._cell_render_cache.clear()
                        assert fast == DataTable._render_cell(table, row, col, style, width, cursor, hover), (row, col)


# -- widths ---------------------------------------------------------------------------------
# At 80x24 the KWIC pane is 55 cells (the document list takes 25): a 2-cell scrollbar, four
# columns of 2 cells' padding, the location column (16: xsd-liaowang and 3 digits of lines),
# the node; what is left is shared by the contexts.

async def typed(pilot, app, term: str) -> None:
    await pilot.press("slash", *term)
    await settle(pilot, app, 0.2)


async def from_frequency(pilot, app) -> None:
    """Enter on the first row of the Frequency tab (发展, the most frequent word)."""
    await pilot.press("escape", "3")
    await settle(pilot, app, 0.2)
    await pilot.press("enter")
    await settle(pilot, app, 0.2)
    assert app.main.query_state.term == "发展"


def shown(app, idx, term: str) -> tuple:
    table = app.main.query_one(KwicTable)
    widths = table.widths()
    first = kwic(idx, term, width=widths[1])[0]
    assert cells(table, 0) == [c.plain for c in rows_of([first])[0]]
    assert table.virtual_size.width <= table.scrollable_content_region.width
    return widths


@pilot_test
async def test_widths_at_80x24(app, idx):
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        await typed(pilot, app, "新赛道")
        assert shown(app, idx, "新赛道") == (16, 11, 6, 11)
        await from_frequency(pilot, app)
        assert shown(app, idx, "发展") == (16, 12, 4, 12)


@pilot_test
async def test_widths_at_120x30(app, idx):
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot, app)
        await typed(pilot, app, "新赛道")
        assert shown(app, idx, "新赛道") == (16, 25, 6, 25)
        await from_frequency(pilot, app)
        assert shown(app, idx, "发展") == (16, 26, 4, 26)


@pilot_test
async def test_a_resize_lays_the_rows_out_again(app, idx):
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        await typed(pilot, app, "新赛道")
        assert shown(app, idx, "新赛道") == (16, 11, 6, 11)
        await pilot.resize_terminal(120, 30)
        await settle(pilot, app, 0.2)
        assert shown(app, idx, "新赛道") == (16, 25, 6, 25)
        await pilot.resize_terminal(80, 24)
        await settle(pilot, app, 0.2)
        assert shown(app, idx, "新赛道") == (16, 11, 6, 11)
        # resized while another tab is shown: laid out when KWIC is shown again
        await from_frequency(pilot, app)
        await pilot.press("escape", "3")
        await pilot.resize_terminal(120, 30)
        await settle(pilot, app, 0.2)
        await pilot.press("2")
        await settle(pilot, app, 0.2)
        assert shown(app, idx, "发展") == (16, 26, 4, 26)


@pilot_test
async def test_dispersion_strip_counts_and_places(app, idx):
    """The strip draws each document's hits where they fall (from the worker's histogram)."""
    from corpus_tui.tui.widgets.dispersion import DispersionStrip

    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, app)
        await typed(pilot, app, "新赛道")
        await settle(pilot, app, 0.1)
        lines = str(app.main.query_one(DispersionStrip).render()).split("\n")
    per_doc = count_by_doc_of(idx, "新赛道")
    assert lines[0].startswith("dispersion    新赛道")
    assert [(line[:14].strip(), int(line.split()[-1])) for line in lines[1:]] == [
        (d.id, per_doc.get(d.id, 0)) for d in idx.docs]
    width = len(lines[1]) - 14 - 5
    doc = idx.docs[0]
    cells = {min(width - 1, (s - doc.char_start) * 512 // (doc.char_end - doc.char_start) * width // 512)
             for s, _ in [(line.hit.start, 0) for line in kwic(idx, "新赛道", sel=Selection(ids=(doc.id,)))]}
    assert {k for k, ch in enumerate(lines[1][14:14 + width]) if ch != "·"} == cells
