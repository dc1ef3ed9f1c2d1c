"""The Diff tab draws two terms' comparison as one list (corpus_tui/diffchart.py), as wide as
its pane; Enter on a row shows the KWIC of its collocate."""

from __future__ import annotations

import asyncio

import pytest

pytest.importorskip("textual")

from corpus_tui.cells import cell_len  # noqa: E402
from corpus_tui.corpus.options import CorpusOptions  # noqa: E402
from corpus_tui.tui.app import CorpusApp  # noqa: E402
from corpus_tui.tui.widgets.termdiff import TermDiffChart  # noqa: E402

B = "█"


async def settle(pilot, app, wait: float = 0.0) -> None:
    if wait:
        await pilot.pause(wait)
    for _ in range(2):
        await app.workers.wait_for_complete()
        await pilot.pause()


async def scenario(cache_dir, tmp_path):
    app = CorpusApp(CorpusOptions(cache_dir=cache_dir), export_dir=tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, app)
        await pilot.press(*"新赛道")
        await settle(pilot, app, 0.3)
        await pilot.press("enter", "5", *"未来产业", "enter")
        await settle(pilot, app, 0.3)
        chart = app.main.query_one(TermDiffChart)
        width = chart.scrollable_content_region.width
        lines = [chart.get_option_at_index(k).prompt.plain for k in range(chart.option_count)]
        await pilot.press("escape")  # from the term box to the chart
        focused = app.focused
        await pilot.press("down", "down", "enter")
        await settle(pilot, app, 0.2)
        return width, lines, focused is chart, app.main.query_state.term, app.main.query_one("#tabs").active


def test_diff_tab_draws_the_comparison(cache_dir, tmp_path):
    width, lines, focused, term, tab = asyncio.run(scenario(cache_dir, tmp_path))
    assert width == 64  # the pane at 100x30 less the padding and a scrollbar
    assert lines[:4] == [
        "新赛道 only 45 · shared 87 · 未来产业 only 316",
        "   collocate                    新赛道│未来产业",
        "<< 牵引      10.8      " + B * 15 + "│                        -",
        "<< 认为      10.6      " + B * 15 + "│                        -",
    ]
    assert lines[-3] == ">> 壮大         -                     │" + B * 16 + "     11.2"
    assert len(lines) == 2 + 12 * 3 + 2 and all(cell_len(line) <= width for line in lines)
    assert focused
    assert (term, tab) == ("嵌入", "tab-kwic")  # the third row's collocate
