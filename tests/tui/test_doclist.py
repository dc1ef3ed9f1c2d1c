"""The document list at 80x24: a pane of 25 cells shows every row's id and title (cut with …
at its edge) beside its hits, and the highlighted row's date, outlet and whole title under it."""

from __future__ import annotations

import asyncio

import pytest

pytest.importorskip("textual")

from corpus_tui.corpus.options import CorpusOptions  # noqa: E402
from corpus_tui.tui.app import CorpusApp  # noqa: E402
from corpus_tui.tui.widgets.doclist import DocList  # noqa: E402


async def run(cache_dir, tmp_path) -> tuple[list, list, list, list]:
    app = CorpusApp(CorpusOptions(cache_dir=cache_dir), export_dir=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(2):
            await app.workers.wait_for_complete()
            await pilot.pause()
        await pilot.press(*"新赛道")
        await pilot.pause(0.3)
        await app.workers.wait_for_complete()
        await pilot.pause()
        docs = app.main.query_one(DocList)
        docs.focus()
        await pilot.press("down")
        await pilot.pause()
        rows = [[c.plain for c in docs.get_row_at(r)] for r in range(3)]
        widths = [c.get_render_width(docs) for c in docs.columns.values()]
        shown = [str(app.main.query_one("#doc-detail").render())]
        drawn = [docs.render_line(y).text for y in range(7)]  # the lines on screen, as drawn
        return rows, widths, shown, drawn


def test_document_list_at_80x24(cache_dir, tmp_path):
    rows, widths, shown, drawn = asyncio.run(run(cache_dir, tmp_path))
    assert rows == [["xsd-liaowang\n(no title)", "36"],
                    ["wlcy-jiangsu\n深入学习习近平总书记关于未来产业的重要论述", "12"],
                    ["└-1\n  习近平总书记关于未来产业的重要论述30则", "5"]]
    assert widths == [16, 6]  # 25 cells: the border, a scrollbar, the hits column
    assert drawn == [" document        hits   ",
                     " xsd-liaowang      36   ",
                     " (no title)             ",
                     " wlcy-jiangsu      12   ",
                     " 深入学习习近 …         ",
                     " └-1                5   ",
                     "   习近平总书 …         "]
    assert shown == ["2026-04 · 中共江苏省委宣传部 · 40396 chars\n深入学习习近平总书记关于未来产业的重要论述"]
