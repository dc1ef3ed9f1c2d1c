"""The Trend tab: terms from the search box, the chart and the table `corpus trend` prints,
p to change the period, Enter on a row for the KWIC of that row's term in that row's documents."""

from __future__ import annotations

import pytest

pytest.importorskip("textual")

from test_tui import app, idx, pilot_test, settle, type_query  # noqa: E402,F401 (fixtures)

from corpus_tui.cells import cell_len  # noqa: E402
from corpus_tui.query.search import Selection, find  # noqa: E402
from corpus_tui.stats.trend import trend_table  # noqa: E402
from corpus_tui.tui.widgets.kwic import KwicTable  # noqa: E402
from corpus_tui.tui.widgets.statspanes import StatsTable  # noqa: E402
from corpus_tui.tui.widgets.trend import split_terms  # noqa: E402

TERMS = ["新赛道", "未来产业"]
SIZE = (110, 44)


def test_terms_are_split_on_either_comma():
    assert split_terms(" 新赛道, 未来产业，新领域、新赛道 ,") == ["新赛道", "未来产业", "新领域"]
    assert split_terms("") == []


@pilot_test
async def test_trend_tab_chart_table_period_key_and_kwic_of_a_period(app, idx):
    async with app.run_test(size=SIZE) as pilot:
        await type_query(pilot, app, "新赛道,未来产业")
        await pilot.press("escape", "6")
        await settle(pilot, app, wait=0.2)
        main = app.main
        assert main.query_one("#tabs").active == "tab-trend"
        table = main.query_one("#trend StatsTable", StatsTable)
        want = trend_table(idx, TERMS, "surface", Selection(), "year")
        assert table.table.rows == want.rows
        assert [r[0] for r in table.table.rows] == ["2025", "2025", "2026", "2026", "undated", "undated"]
        chart = main.query_one("#trend-chart").render()
        text = str(chart)
        assert "2025" in text and "2026" in text and "新赛道" in text and "Wilson interval of per_10k" in text
        assert "not drawn: undated: per_10k" in text
        # drawn for the pane's own width (it had none yet when the first chart was asked for)
        width = main.query_one("#trend").size.width
        frame = [line for line in text.splitlines() if "┤" in line or "└" in line or "┌" in line]
        assert frame and all(cell_len(line) <= width - 2 for line in frame)
        assert max(cell_len(line) for line in frame) >= width - 6

        await pilot.press("p")  # year -> quarter
        await settle(pilot, app, wait=0.2)
        want = trend_table(idx, TERMS, "surface", Selection(), "quarter")
        assert table.table.rows == want.rows
        assert main.query_one("#trend-by").value == "quarter"

        row = next(i for i, r in enumerate(want.rows) if r[:2] == ("2026-Q1", "新赛道"))
        table.focus()
        table.move_cursor(row=row)
        await pilot.press("enter")
        await settle(pilot, app, wait=0.3)
        assert main.query_one("#tabs").active == "tab-kwic"
        assert main.query_state.term == "新赛道" and main.query_state.sel_label == "2026-Q1"
        lines = main.query_one(KwicTable).lines
        assert len(lines) == want.rows[row][2] == 4
        # the same four hits as an independent look: every hit in a document dated 2026-01..03
        dated_q1 = {"xdh-opeds-1", "xdh-opeds-2", "xdh-opeds-3", "xdh-opeds-4", "wlcy-jiangsu-2", "wlcy-jiangsu-7"}
        assert {ln.hit.article for ln in lines} <= dated_q1
        total = sum(1 for s, _ in find(idx, "新赛道") if (idx.article_at(s) and idx.article_at(s).id in dated_q1))
        assert total == 4


@pilot_test
async def test_trend_tab_share_and_messages(app, idx):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("escape", "6")
        await settle(pilot, app, wait=0.2)
        note = str(app.main.query_one("#trend .note").render())
        assert "type terms in the search box, comma-separated" in note
        await pilot.press("slash", *"新赛道,未来产业")
        await settle(pilot, app, wait=0.3)
        await pilot.press("escape", "6")
        app.main.query_one("#trend-measure").value = "share"
        await settle(pilot, app, wait=0.3)
        table = app.main.query_one("#trend StatsTable", StatsTable)
        want = trend_table(idx, TERMS, "surface", Selection(), "year", share=True)
        assert table.table.columns == want.columns and table.table.rows == want.rows
