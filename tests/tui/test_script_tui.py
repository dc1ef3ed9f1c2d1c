"""The TUI folds scripts as the CLI does (issue 16, point 3): typing 未來產業 or 人工智能 in
the search box finds both scripts. The file starts with 泡麵, a phrase that grows in the
view (方便面): the build's offset runs must take a map that repeats a raw offset."""

from __future__ import annotations

import pytest

pytest.importorskip("textual")

from corpus_tui.corpus.options import CorpusOptions  # noqa: E402
from corpus_tui.tui.app import CorpusApp  # noqa: E402
from corpus_tui.tui.widgets.kwic import KwicTable  # noqa: E402
from test_tui import SIZE, pilot_test, settle  # noqa: E402


@pytest.fixture
def both_scripts(tmp_path):
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "tw.txt").write_text("泡麵與網際網路的未來產業和人工智慧。\n", encoding="utf-8")
    (root / "cn.txt").write_text("人工智能与未来产业。\n", encoding="utf-8")
    (root / "INDEX.md").write_text("## Files\n\n| id | file | title |\n|---|---|---|\n"
                                   "| tw | tw.txt | 繁體 |\n| cn | cn.txt | 简体 |\n", encoding="utf-8")
    return root


def rows(app):
    table = app.main.query_one(KwicTable)
    return [[getattr(c, "plain", str(c)) for c in table.get_row_at(r)] for r in range(table.row_count)]


@pilot_test
@pytest.mark.parametrize("term", ["未來產業", "人工智能"])
async def test_search_box_folds_scripts(both_scripts, tmp_path, term):
    app = CorpusApp(CorpusOptions(corpus=str(both_scripts), cache_dir=str(tmp_path / "cache")), export_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press(*term)
        await settle(pilot, app, wait=0.3)
        got = rows(app)
        assert sorted(r[0] for r in got) == ["cn:1", "tw:1"]
        assert {r[2] for r in got} == {"未来产业" if term == "未來產業" else "人工智能"}
