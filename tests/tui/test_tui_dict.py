"""Pilot tests of the TUI with a dictionary (--dict): the Frequency tab's words/categories
switch, @category completion in the search box, and @category searches."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("textual")

from corpus_tui.corpus.options import CorpusOptions  # noqa: E402
from corpus_tui.stats.categories import dict_table  # noqa: E402
from corpus_tui.stats.dictionary import read_dictionary  # noqa: E402
from corpus_tui.tui.app import CorpusApp  # noqa: E402
from corpus_tui.tui.widgets.kwic import KwicTable  # noqa: E402

from test_tui import SIZE, idx, pilot_test, settle  # noqa: E402,F401

EXAMPLE = Path(__file__).resolve().parents[2] / "src" / "corpus_tui" / "data" / "policy_concepts.yml"


@pytest.fixture
def dictionary():
    return read_dictionary(str(EXAMPLE))


@pytest.fixture
def app(cache_dir, tmp_path, dictionary) -> CorpusApp:
    return CorpusApp(CorpusOptions(cache_dir=cache_dir), export_dir=tmp_path, dictionary=dictionary)


@pilot_test
async def test_frequency_tab_switches_to_categories(app, idx, dictionary):
    from corpus_tui.tui.widgets.statspanes import StatsTable

    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("escape", "3")
        await settle(pilot, app)
        table = app.main.query_one("#freq StatsTable", StatsTable)
        assert table.table.columns[1] == "term"  # words first
        app.main.query_one("#freq-unit").value = "categories"
        await settle(pilot, app)
        want = dict_table(idx, dictionary)
        assert table.table.columns[:3] == ("category", "entries", "freq")
        assert [r[:3] for r in table.table.rows] == [r[:3] for r in want.rows]
        app.main.query_one("#freq-by").value = "group"
        await settle(pilot, app)
        assert [r for r in table.table.rows] == dict_table(idx, dictionary, by="group").rows
        # Enter on a category runs KWIC for @category
        table.focus()
        await pilot.press("enter")
        await settle(pilot, app)
        assert app.main.query_state.term == "@创新"
        assert app.main.query_one(KwicTable).row_count == min(want.rows[0][2], 1000)


@pilot_test
async def test_search_box_completes_categories_and_searches_them(app, idx, dictionary):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        box = app.main.query_one("#search")
        await pilot.press(*"@新")
        await settle(pilot, app, wait=0.2)
        assert box._suggestion == "@新赛道"
        await pilot.press("right")  # takes the completion
        await settle(pilot, app, wait=0.2)
        assert box.value == "@新赛道"
        want = next(r[2] for r in dict_table(idx, dictionary).rows if r[0] == "新赛道")
        assert app.main.query_one(KwicTable).row_count == want
        nodes = {line.node for line in app.main.query_one(KwicTable).lines}
        assert nodes <= set(dictionary.category("新赛道").entries) and "新领域" in nodes


@pilot_test
async def test_unknown_category_is_a_status_line(app):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press(*"@无")
        await settle(pilot, app, wait=0.2)
        status = str(app.main.query_one("#status").render())
        assert "has no category '无'" in status
        assert app.main.query_one(KwicTable).row_count == 0
