"""TUI rows of docs/RELIABILITY.md not already covered by tests/tui/test_tui.py.

test_tui.py covers Rich markup and ESC in corpus text
(test_markup_in_corpus_text_is_literal) and a catastrophic regex
(test_catastrophic_regex_times_out_without_freezing). Here: OSC, 8-bit CSI, bidi and
zero-width characters in text and catalogue, and a long single line, in the KWIC table, the
document list and the Read pane.
"""

from __future__ import annotations

import pytest

pytest.importorskip("textual")

from corpus_tui.cells import cell_len  # noqa: E402
from corpus_tui.tui.app import CorpusApp  # noqa: E402
from corpus_tui.corpus.options import CorpusOptions
from corpus_tui.tui.widgets.doclist import DocList  # noqa: E402
from corpus_tui.tui.widgets.kwic import KwicTable  # noqa: E402
from corpus_tui.tui.widgets.reader import ReadPane, ReadText  # noqa: E402
from reliability_support import RAW_CONTROL  # noqa: E402
from test_tui import SIZE, pilot_test, settle  # noqa: E402

TEXT = ("前文\x1b]0;owned\x07\x1b]8;;https://evil.example\x1b\\点\x1b]8;;\x1b\\\x9b2J新赛道\u202eabc\u202c"
        "\u2066x\u2069未来\u200b产业\u200f。\n" + "长" * 200_000 + "新赛道" + "长" * 200_000 + "。\n")


@pytest.fixture
def hostile_corpus(tmp_path):
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "h.txt").write_text(TEXT, encoding="utf-8")
    (root / "INDEX.md").write_text(
        "## Files\n\n| id | file | title | outlet |\n|---|---|---|---|\n"
        "| h | h.txt | 标题\x1b[5m\u202e反 | \x9b源 |\n", encoding="utf-8")
    return root


def plain(cell) -> str:
    return getattr(cell, "plain", str(cell))


@pilot_test
async def test_controls_and_long_line_shown_safely(hostile_corpus, tmp_path):
    app = CorpusApp(CorpusOptions(corpus=str(hostile_corpus), cache_dir=str(tmp_path / "cache")), export_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        docs = app.main.query_one(DocList)
        assert plain(docs.get_cell("h", "document")) == "h\n标题␛[5m<U+202E>反"
        assert docs.info["h"][1] == "<U+009B>源"  # the outlet, shown under the list when highlighted
        await pilot.press(*"新赛道")
        await settle(pilot, app, wait=0.3)
        table = app.main.query_one(KwicTable)
        assert table.row_count == 2
        cells = [[plain(c) for c in table.get_row_at(r)] for r in range(2)]
        for row in cells:
            assert not any(RAW_CONTROL.search(c) for c in row), row
            assert row[2] == "新赛道"
        assert cells[0][1].endswith("前文点")  # escape sequences are no text (issue 16, point 6)
        assert cells[0][3].startswith("<U+202E>abc<U+202C><U+2066>x<U+2069>未来产业<U+200F>")
        # the 400 000-character line: contexts cut to a width, never the whole line
        assert cells[1][1] and set(cells[1][1]) == {"长"} and cell_len(cells[1][1]) <= 200
        assert cell_len(cells[1][3]) <= 200
        await pilot.press("enter", "enter")  # as in test_tui: leave the search box, open Read
        await settle(pilot, app)
        pane = app.main.query_one(ReadPane)
        reader = pane.query_one(ReadText)
        first = reader.get_option_at_index(0).prompt.plain
        assert "owned" not in first and "<U+202E>abc" in first and not RAW_CONTROL.search(first)
        svg = app.export_screenshot()
        assert not RAW_CONTROL.search(svg.replace("\n", ""))
        assert app.is_running


@pilot_test
async def test_a_regex_past_its_bounds_leaves_the_app_running(cache_dir, tmp_path, monkeypatch):
    """Compile-time and match-time bombs (query/regex_match.py): the status names the
    bound, the app keeps running and the next query is answered."""
    from corpus_tui.query import regex_match

    from test_tui import status_text

    monkeypatch.setattr(regex_match, "MEMORY", 8 << 20)
    app = CorpusApp(CorpusOptions(cache_dir=cache_dir), export_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("escape", "m", "m", "slash", *"a{1000000000}")
        await settle(pilot, app, wait=0.3)
        assert "expands to about 1,000,000,000 items" in status_text(app)
        await pilot.press(*["backspace"] * len("{1000000000}"), *"{90000}")
        await settle(pilot, app, wait=0.5)
        assert "needs more than 8 MB of memory" in status_text(app)
        assert app.main.query_one(KwicTable).row_count == 0
        await pilot.press(*["backspace"] * len("a{90000}"), *"新赛.")
        await settle(pilot, app, wait=0.5)
        assert app.main.query_one(KwicTable).row_count > 0 and app.is_running
