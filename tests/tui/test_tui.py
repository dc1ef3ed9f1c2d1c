"""Pilot tests of the TUI: each tab's main path, with expected values computed by the core."""

from __future__ import annotations

import asyncio
import functools
from pathlib import Path

import pytest

pytest.importorskip("textual")

from corpus_tui.query.catalogue import catalogue_table  # noqa: E402
from corpus_tui.cells import cell_len  # noqa: E402
from corpus_tui.corpus.options import CorpusOptions  # noqa: E402
from corpus_tui.index.open import open_index
from corpus_tui.query.search import Selection, count_by_doc, find, kwic  # noqa: E402
from corpus_tui.tui.app import CorpusApp  # noqa: E402
from corpus_tui.tui.screens.help import HelpScreen, collect  # noqa: E402
from corpus_tui.tui.widgets.doclist import DocList  # noqa: E402
from corpus_tui.tui.widgets.keybar import KeyBar  # noqa: E402
from corpus_tui.tui.widgets.tabview import TabBar  # noqa: E402
from corpus_tui.tui.widgets.kwic import KwicTable  # noqa: E402
from corpus_tui.tui.widgets.reader import ReadPane, ReadText  # noqa: E402

TERM = "新赛道"


def pilot_test(fn):
    """Run an async test with asyncio.run (no pytest-asyncio needed); fixtures still resolve."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        return asyncio.run(fn(*args, **kwargs))

    return wrapper

SIZE = (100, 30)


@pytest.fixture(scope="session")
def idx(cache_dir):
    return open_index(CorpusOptions(cache_dir=cache_dir))


@pytest.fixture
def app(cache_dir, tmp_path) -> CorpusApp:
    return CorpusApp(CorpusOptions(cache_dir=cache_dir), export_dir=tmp_path)


async def settle(pilot, app, wait: float = 0.0) -> None:
    """Let workers finish, their messages arrive and the KWIC table add all its rows."""
    if wait:
        await pilot.pause(wait)
    await app.workers.wait_for_complete()
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()
    for table in app.main.query(KwicTable):
        while table.rows_pending:  # rows past the first screenfuls come in batches, a frame apart
            await pilot.pause(0.01)


async def type_query(pilot, app, term: str) -> None:
    await settle(pilot, app)  # the index is open
    await pilot.press(*term)
    await settle(pilot, app, wait=0.3)


def main(app):
    return app.main


def status_text(app) -> str:
    return str(app.main.query_one("#status").render())


@pilot_test
async def test_type_query_shows_rows(app, idx):
    async with app.run_test(size=SIZE) as pilot:
        await type_query(pilot, app, TERM)
        table = app.main.query_one(KwicTable)
        hits = list(find(idx, TERM))
        assert table.row_count == len(hits) > 0
        assert f"{len(hits)} hits" in status_text(app)
        # the node column shows the term, the left context is right-aligned Text
        left, node = table.get_row_at(0)[1:3]
        assert node.plain == TERM
        assert left.justify == "right"
        # the document list shows each document's hit count
        docs = app.main.query_one(DocList)
        counts = count_by_doc(idx, hits)
        for doc_id, n in counts.items():
            assert docs.get_cell(doc_id, "hits").plain == str(n)


@pilot_test
async def test_new_keystroke_drops_stale_results(app, idx):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("新")
        await pilot.pause(0.2)  # the search for 新 starts
        await pilot.press(*"赛道")
        await settle(pilot, app, wait=0.3)
        assert app.main.query_one(KwicTable).row_count == len(list(find(idx, TERM)))
        assert app.main.query_state.term == TERM


@pilot_test
async def test_enter_opens_read_at_hit(app, idx):
    async with app.run_test(size=SIZE) as pilot:
        await type_query(pilot, app, TERM)
        await pilot.press("enter")  # run now and move to the table
        await settle(pilot, app)
        assert isinstance(app.focused, KwicTable)
        await pilot.press("down", "down", "enter")
        await settle(pilot, app)
        lines = kwic(idx, TERM)
        hit = lines[2].hit
        pane = app.main.query_one(ReadPane)
        assert app.main.query_one("#tabs").active == "tab-read"
        assert pane.ident == hit.doc
        assert pane.cursor_location() == (hit.line, hit.column)
        where = str(app.main.query_one("#read-where").render())
        assert f"{hit.file}:{hit.line}:{hit.column}" in where
        # n goes to the next hit of the query in this document, N back
        nxt = next(c.hit for c in lines[3:] if c.hit.doc == hit.doc)
        await pilot.press("n")
        assert pane.cursor_location() == (nxt.line, nxt.column)
        await pilot.press("N")
        assert pane.cursor_location() == (hit.line, hit.column)
        # r toggles the raw text and keeps the cursor on the same hit
        await pilot.press("r")
        await settle(pilot, app)
        assert pane.raw
        assert pane.cursor_location() == (hit.line, hit.column)
        row = pane.rows[pane.query_one(ReadText).highlighted]
        assert row.line == hit.line


@pilot_test
async def test_read_from_document_list(app, idx):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        docs = app.main.query_one(DocList)
        docs.focus()
        await pilot.press("enter")
        await settle(pilot, app)
        pane = app.main.query_one(ReadPane)
        first = catalogue_table(idx).rows[0][0]
        assert pane.ident == first
        assert pane.rows and pane.rows[0].line == 1
        assert pane.hits == []
        # a query typed later is highlighted when Read is shown again; n jumps to its first hit
        await pilot.press("slash", *TERM)
        await settle(pilot, app, wait=0.3)
        await pilot.press("escape", "1")
        await settle(pilot, app)
        doc = next(d for d in idx.docs if d.id == first)
        want = list(find(idx, TERM, sel=Selection(ids=(first,))))
        assert len(pane.hits) == len(want) > 0
        await pilot.press("n")
        first_hit = kwic(idx, TERM, sel=Selection(ids=(doc.id,)))[0].hit
        assert pane.cursor_location() == (first_hit.line, first_hit.column)


@pilot_test
async def test_document_list_cells_are_drawn_as_datatable_draws_them(app, idx):
    # DocList builds its one-line cells itself (fast path); each must be DataTable's own.
    from rich.style import Style
    from textual.widgets import DataTable

    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        docs = app.main.query_one(DocList)
        widths = [c.get_render_width(docs) for c in docs.columns.values()]
        styles = (Style(), Style(bgcolor="black"), Style(color="red", bold=True))
        for counts in ({}, {ident: n % 3 for n, ident in enumerate(docs.kinds)}):
            docs.set_counts(counts)
            await pilot.pause()
            for row in range(docs.row_count):
                for col, width in enumerate(widths):
                    for style in styles:
                        for cursor, hover in ((False, False), (True, False), (False, True)):
                            docs._cell_render_cache.clear()
                            fast = docs._render_cell(row, col, style, width, cursor, hover)
                            docs._cell_render_cache.clear()
                            assert fast == DataTable._render_cell(docs, row, col, style, width, cursor, hover), (row, col)
        # a cell too wide for its column goes to DataTable (which crops it)
        docs._cell_render_cache.clear()
        narrow = docs._render_cell(0, 0, Style(), 4)
        assert sum(cell_len(seg.text) for seg in narrow[0]) == 4


@pilot_test
async def test_sort_cycles(app, idx):
    async with app.run_test(size=SIZE) as pilot:
        await type_query(pilot, app, TERM)
        await pilot.press("escape")
        table = app.main.query_one(KwicTable)
        seen = []
        for expected in ("1L", "2L", "1R", "2R", "doc"):
            await pilot.press("s")
            await settle(pilot, app)
            assert app.main.query_state.sort == expected
            want = kwic(idx, TERM, sort=expected)
            assert table.row_count == len(want)
            assert [c.hit.start for c in table.lines] == [c.hit.start for c in want]
            seen.append(expected)
        assert expected in str(app.main.query_one("#qstate").render())


def key_bar(app) -> str:
    return str(app.main.query_one(KeyBar).render())


@pilot_test
async def test_key_bar_follows_focus_and_a_click_runs_the_key(app, idx):
    async with app.run_test(size=SIZE) as pilot:
        await type_query(pilot, app, TERM)
        # Typing in the search box: the letter keys are text, so only keys that work there.
        line = key_bar(app)
        assert line == " / Search  ^q Quit  f1 Help " + " " * (SIZE[0] - 41) + "▏^p Commands "
        await pilot.press("escape")
        await pilot.pause()
        line = key_bar(app)
        assert line.startswith(" / Search  s Sort  m Mode  g Group filter  w Write table  ^q Quit  f1 Help ")
        assert line.endswith("▏^p Commands ") and len(line) == SIZE[0]
        await pilot.hover(KeyBar, offset=(line.index("s Sort") + 3, 0))
        assert app.main.query_one(KeyBar)._hover == "s"  # drawn lit until the mouse moves on
        await pilot.click(KeyBar, offset=(line.index("s Sort") + 3, 0))
        await settle(pilot, app)
        assert app.main.query_state.sort == "1L"
        want = kwic(idx, TERM, sort="1L")
        assert [c.hit.start for c in app.main.query_one(KwicTable).lines] == [c.hit.start for c in want]
        await pilot.click(KeyBar, offset=(line.index("^p Commands"), 0))
        await pilot.pause()
        assert app.screen.__class__.__name__ == "CommandPalette"


@pilot_test
async def test_mode_and_group_filter(app, idx, cache_dir):
    async with app.run_test(size=SIZE) as pilot:
        await type_query(pilot, app, TERM)
        await pilot.press("escape", "g")
        await settle(pilot, app)
        group = idx.catalog.groups[0]
        assert app.main.query_state.sel_label == group
        want = list(find(idx, TERM, sel=Selection(groups=(group,))))
        assert app.main.query_one(KwicTable).row_count == len(want)
        await pilot.press("m")
        await settle(pilot, app)
        assert app.main.query_state.mode == "word"
        assert app.main.query_one(KwicTable).row_count == len(list(find(idx, TERM, "word", Selection(groups=(group,)))))


@pilot_test
async def test_invalid_regex_shows_inline_error(app):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("escape", "m", "m")
        assert app.main.query_state.mode == "regex"
        await pilot.press("slash", *"新(赛")
        await settle(pilot, app, wait=0.3)
        assert "invalid regular expression" in status_text(app)
        assert app.main.query_one(KwicTable).row_count == 0
        assert app.is_running


@pilot_test
async def test_slash_focuses_search_and_types_in_it(app):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("escape", "3")
        assert app.main.query_one("#tabs").active == "tab-freq"
        await pilot.press("slash")
        assert app.focused.id == "search"
        assert app.main.query_one("#tabs").active == "tab-kwic"
        await pilot.press("slash")  # an empty box already has the search: no stray "/"
        assert app.focused.value == ""
        await pilot.press("a", "slash")  # inside a query, / is text (regexes)
        assert app.focused.value == "a/"


@pilot_test
async def test_switch_tabs(app):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("escape")
        tabs = app.main.query_one("#tabs")
        for key, tab in zip("13452", ("read", "freq", "colloc", "diff", "kwic")):
            await pilot.press("escape", key)  # Diff focuses its term box; Esc leaves any box
            await settle(pilot, app)
            assert tabs.active == f"tab-{tab}"
        bar = app.main.query_one(TabBar)
        labels = str(bar.render()).split("\n")[0]
        assert labels == "  1 Read  2 KWIC  3 Freq  4 Colloc  5 Diff  6 Trend "
        await pilot.click(TabBar, offset=(labels.index("1 Read"), 0))
        await settle(pilot, app)
        assert tabs.active == "tab-read"
        await pilot.hover(TabBar, offset=(labels.index("Freq"), 0))
        assert bar._hover == "tab-freq"
        await pilot.click(TabBar, offset=(labels.index("Freq"), 1))  # the underline row counts too
        await settle(pilot, app)
        assert tabs.active == "tab-freq" and app.main.query_one("#freq").display


@pilot_test
async def test_tab_bar_fits_one_line_at_80_columns(app):
    # "6 Trend" wrapped onto the KWIC header at 80x24: every label fits the bar's width
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        bar = app.main.query_one(TabBar)
        labels = str(bar.render()).split("\n")[0]
        assert labels == "  1 Read  2 KWIC  3 Freq  4 Colloc  5 Diff  6 Trend "
        assert len(labels) <= bar.size.width == 55
        assert bar.size.height == 2


@pilot_test
async def test_help_opens_and_closes(app):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("#help-text").render())
        for _, rows in collect(app.help_sections()):
            for key, desc in rows:
                assert desc in text
        for desc in ("Search", "Sort", "Next hit", "Raw/clean", "Write table", "Frequency tab"):
            assert desc in text
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("escape", "question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("question_mark")
        assert not isinstance(app.screen, HelpScreen)
        # ? in the (empty) search box opens help too; in a box with text it is text (regexes)
        await pilot.press("slash", "question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape", "x", "question_mark")
        assert not isinstance(app.screen, HelpScreen)
        assert app.focused.value == "x?"


@pilot_test
async def test_command_palette_offers_main_actions(app):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        for want in ("Search", "Cycle KWIC sort", "Cycle search mode", "Cycle group filter", "Write the table as TSV",
                     "Show Read", "Show Frequency", "Show Collocates", "Show Diff", "Show Trend", "Keys"):
            assert want in titles


@pilot_test
async def test_write_tsv(app, idx, tmp_path):
    async with app.run_test(size=SIZE) as pilot:
        await type_query(pilot, app, TERM)
        await pilot.press("escape", "w")
        await settle(pilot, app)
        files = list(tmp_path.glob("kwic-*.tsv"))
        assert len(files) == 1
        lines = files[0].read_text("utf-8").splitlines()
        assert lines[0].split("\t")[:2] == ["term", "doc"]
        assert len(lines) == 1 + len(list(find(idx, TERM)))
        assert status_text(app) == f"wrote {files[0].name} ({len(lines) - 1} rows) in {tmp_path}"


@pilot_test
async def test_index_build_on_first_start(tmp_path, idx, monkeypatch):
    import threading

    from corpus_tui.index import open as index_module
    # With jieba already loaded in this process the build can end before the first look
    # at the screen: it is held until the test has seen the progress box.
    gate, real = threading.Event(), index_module.open_index
    monkeypatch.setattr(index_module, "open_index", lambda *a, **k: gate.wait(30) and real(*a, **k))
    fresh = tmp_path / "empty-cache"
    app = CorpusApp(CorpusOptions(cache_dir=str(fresh)), export_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        # the app is up at once (after OPEN_WAIT); the index is built in a worker behind a
        # progress bar
        assert app.main.query_one("#loading").display
        assert app.main.idx is None
        await pilot.press(*TERM)  # typing during the build is fine; the search runs when ready
        assert "still being built" in status_text(app)
        gate.set()
        await settle(pilot, app)
        assert not app.main.query_one("#loading").display
        docs = app.main.query_one(DocList)
        assert docs.row_count == len(catalogue_table(idx).rows)
        assert app.main.query_one("#progress").total == len(idx.docs)
        await settle(pilot, app, wait=0.3)
        assert app.main.query_one(KwicTable).row_count == len(list(find(idx, TERM)))
    assert any(fresh.glob("index/*/meta.json"))


MARKUP_TEXT = "开头[bold]x[/]与[red]红色[/red]，控制\x1b[31m字符，新赛道在这里。\n第二行说新赛道[link=http://e]y[/link]。\n"


@pytest.fixture
def markup_corpus(tmp_path) -> Path:
    root = tmp_path / "corpus"
    (root / "texts").mkdir(parents=True)
    (root / "texts" / "a.txt").write_text(MARKUP_TEXT, encoding="utf-8")
    (root / "INDEX.md").write_text(
        "# test\n\n## Files\n\n| id | file | title | outlet |\n|---|---|---|---|\n"
        "| mk | texts/a.txt | 标题[b]粗[/b] | [i]源[/i] |\n", encoding="utf-8")
    return root


@pilot_test
async def test_markup_in_corpus_text_is_literal(markup_corpus, tmp_path):
    app = CorpusApp(CorpusOptions(corpus=str(markup_corpus), cache_dir=str(tmp_path / "cache")), export_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        docs = app.main.query_one(DocList)
        assert docs.get_cell("mk", "document").plain == "mk\n标题[b]粗[/b]"
        assert str(app.main.query_one("#doc-detail").render()) == "undated · [i]源[/i] · 71 chars\n标题[b]粗[/b]"
        await pilot.press(*"[bold]")
        await settle(pilot, app, wait=0.3)
        table = app.main.query_one(KwicTable)
        assert table.row_count == 1
        where, left, node, right = table.get_row_at(0)
        assert node.plain == "[bold]"
        assert right.plain.startswith("x[/]与[red]")
        assert "\x1b" not in left.plain + right.plain
        # Read shows the same literally
        await pilot.press("enter", "enter")
        await settle(pilot, app)
        pane = app.main.query_one(ReadPane)
        prompt = pane.query_one(ReadText).get_option_at_index(0).prompt
        assert "[bold]x[/]与[red]红色[/red]" in prompt.plain
        # the clean view drops the colour code (the raw view keeps it, escaped)
        assert "\x1b" not in prompt.plain and "␛[31m" not in prompt.plain
        svg = app.export_screenshot()
        assert "\x1b" not in svg
        assert "[bold]" in svg.replace("&#160;", " ")


@pilot_test
async def test_usable_at_80x24(app, idx):
    async with app.run_test(size=(80, 24)) as pilot:
        await type_query(pilot, app, TERM)
        table = app.main.query_one(KwicTable)
        assert table.row_count == len(list(find(idx, TERM)))
        assert table.size.width > 30
        # left context, node and right context fit without horizontal scrolling
        assert table.virtual_size.width <= table.size.width
        assert table.region.right <= 80


@pilot_test
async def test_frequency_tab(app, idx):
    from corpus_tui.stats.frequency import TermFilter, frequencies
    from corpus_tui.tokens.stoplist import load_stopwords
    from corpus_tui.tui.widgets.statspanes import StatsTable

    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("escape", "3")
        await settle(pilot, app)
        table = app.main.query_one("#freq StatsTable", StatsTable)
        want = frequencies(idx, filt=TermFilter(load_stopwords()), top=50)
        assert table.row_count == len(want.rows)
        assert [r[1] for r in table.table.rows] == [r.term for r in want.rows]
        # POS control: nouns only
        app.main.query_one("#freq-pos").value = "n"
        await settle(pilot, app)
        want = frequencies(idx, filt=TermFilter(load_stopwords(), pos=("n",)), top=50)
        assert [r[1] for r in table.table.rows] == [r.term for r in want.rows]
        # top N control
        top = app.main.query_one("#freq-top")
        top.value = "7"
        top.focus()
        await pilot.press("enter")
        await settle(pilot, app)
        assert table.row_count == 7
        # Enter on a term runs KWIC for it
        table.focus()
        await pilot.press("down", "enter")
        await settle(pilot, app, wait=0.2)
        term = want.rows[1].term
        assert app.main.query_state.term == term
        assert app.main.query_one("#tabs").active == "tab-kwic"
        assert app.main.query_one(KwicTable).row_count == len(list(find(idx, term)))


@pilot_test
async def test_collocates_tab_follows_the_search(app, idx):
    from corpus_tui.stats.colloc import collocates
    from corpus_tui.stats.frequency import TermFilter
    from corpus_tui.tokens.stoplist import load_stopwords
    from corpus_tui.tui.widgets.statspanes import StatsTable

    async with app.run_test(size=SIZE) as pilot:
        await type_query(pilot, app, TERM)
        await pilot.press("escape", "4")
        await settle(pilot, app)
        assert app.main.query_one("#colloc-node").value == TERM
        table = app.main.query_one("#colloc StatsTable", StatsTable)
        want = collocates(idx, [TERM], filt=TermFilter(load_stopwords()), min_freq=2, top=50)
        assert [r[1] for r in table.table.rows] == [c.term for c in want.rows]
        app.main.query_one("#colloc-measure").value = "mi"
        await settle(pilot, app)
        want = collocates(idx, [TERM], filt=TermFilter(load_stopwords()), measure="mi", min_freq=2, top=50)
        assert [r[1] for r in table.table.rows] == [c.term for c in want.rows]
        assert table.table.display[6] == "mi"


@pilot_test
async def test_diff_tab_two_terms(app, idx):
    from corpus_tui.stats.colloc import Window
    from corpus_tui.stats.compare import term_diff, term_sources
    from corpus_tui.stats.frequency import TermFilter
    from corpus_tui.tokens.stoplist import load_stopwords
    from corpus_tui.tui.widgets.statspanes import StatsTable

    other = "未来产业"
    async with app.run_test(size=SIZE) as pilot:
        await type_query(pilot, app, TERM)
        await pilot.press("enter")
        await pilot.press("5")  # focus lands in term 2
        assert app.focused.id == "diff-t2"
        assert app.main.query_one("#diff-t1").value == TERM
        await pilot.press(*other, "enter")
        await settle(pilot, app)
        filt = TermFilter(load_stopwords())
        first = app.main.query_one("#diff .stats-table", StatsTable)
        second = app.main.query_one("#diff .second", StatsTable)
        want = term_diff(idx, [TERM], [other], window=Window(), filt=filt, min_freq=2, top=20)
        assert [r[1] for r in first.table.rows] == [r.collocate for r in want.rows]
        sources = term_sources(idx, [TERM, other], "group", filt=filt)
        assert [(r[0], r[1], r[3]) for r in second.table.rows] == [(s.term, s.source, s.freq) for s in sources]
        # two parts: keyness
        app.main.query_one("#diff-what").value = "parts"
        app.main.query_one("#diff-a").value = f"group={idx.catalog.groups[0]}"
        await settle(pilot, app)
        assert not second.display
        assert first.table.columns[0] == "section" and first.row_count > 0


@pilot_test
async def test_catastrophic_regex_times_out_without_freezing(tmp_path):
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "a.txt").write_text("产" * 40 + "品。\n新赛道。\n", encoding="utf-8")
    app = CorpusApp(CorpusOptions(corpus=str(root), cache_dir=str(tmp_path / "cache")), export_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("escape", "m", "m", "slash", *"(产|产产)+$")
        await pilot.pause(0.5)  # the search is running in its thread (core time limit: a few seconds)
        await pilot.press("backspace")  # keys still reach the box: the UI thread is free
        assert app.focused.value == "(产|产产)+"
        await pilot.press("$")
        await settle(pilot, app, wait=0.3)
        assert "took longer" in status_text(app)
        assert app.main.query_one(KwicTable).row_count == 0


@pilot_test
async def test_first_frame_shows_the_document_list(app, idx, monkeypatch):
    """A saved index is opened before the screen's first frame: no "opening the index…"
    and an empty list filled a moment later, no column cut to its header, and the keys
    already in the key bar."""
    from corpus_tui.tui.screens import main as main_screen, startup

    monkeypatch.setattr(startup, "OPEN_WAIT", 30)  # the mechanism, not this machine's speed
    frames = []
    display = app._display

    def record(screen, renderable):
        if renderable is not None and isinstance(screen, main_screen.MainScreen) and not frames:
            docs = screen.query_one(DocList)
            frames.append((docs.row_count, screen.query_one("#loading").display,
                           {k.value: c.get_render_width(docs) for k, c in docs.columns.items()},
                           str(screen.query_one(KeyBar).render())))
        display(screen, renderable)

    monkeypatch.setattr(app, "_display", record)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
    rows, loading, widths, keys = frames[0]
    table = catalogue_table(idx)
    assert rows == len(table.rows) and not loading
    assert keys.startswith(" / Search  ^q Quit  f1 Help ")
    assert widths == {"document": 22, "hits": 6}  # the pane (31 cells less its border) less the hits, a scrollbar


@pilot_test
async def test_tabs_not_shown_are_built_when_first_shown(app, idx):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        for pane in ("#read", "#freq", "#colloc", "#diff", "#trend"):
            assert not app.main.query(pane)
        await pilot.press("escape", "1")
        await settle(pilot, app)
        assert app.main.query_one("#read", ReadPane)


@pilot_test
async def test_searches_do_not_pile_up(app, idx, monkeypatch):
    """While a search runs, newer keystrokes wait: only the newest query runs next."""
    import threading

    from corpus_tui.tui import searchmodel

    gate, calls, real = threading.Event(), [], searchmodel.search

    def held(index, q, width, stale=lambda: False, *coding, **kw):
        calls.append(q.term)
        gate.wait(10)
        return real(index, q, width, stale, *coding, **kw)

    monkeypatch.setattr(searchmodel, "search", held)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("新")
        await pilot.pause(0.1)
        await pilot.press(*"赛道")
        await pilot.pause(0.1)
        assert calls == ["新"]  # 新赛 never runs; 新赛道 waits for 新
        gate.set()
        await settle(pilot, app)
        assert calls == ["新", TERM]
        assert app.main.query_one(KwicTable).row_count == len(list(find(idx, TERM)))
        assert f"of {TERM}" in status_text(app)


@pilot_test
async def test_many_hits_come_in_batches(app, idx):
    from corpus_tui.tui.widgets.kwic import FIRST_ROWS, MAX_ROWS, rows_of

    many, few = kwic(idx, "的"), kwic(idx, TERM)
    assert FIRST_ROWS < len(many) <= MAX_ROWS
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        table = app.main.query_one(KwicTable)
        table.show(many)
        assert table.row_count == max(FIRST_ROWS, 2 * table.size.height) < len(many)
        assert table.rows_pending
        await settle(pilot, app)
        assert table.row_count == len(many)
        last = table.get_row_at(len(many) - 1)
        assert [c.plain for c in last] == [c.plain for c in rows_of(many[-1:])[0]]
        # a newer result drops the batches still to come of the older one
        table.show(many)
        table.show(few)
        await settle(pilot, app)
        assert table.row_count == len(few)


@pilot_test
async def test_kwic_table_size(app, idx):
    """KwicTable skips DataTable's cell measuring: its scrollable size must stay the same."""
    from textual.widgets import DataTable

    async with app.run_test(size=SIZE) as pilot:
        await type_query(pilot, app, TERM)
        table = app.main.query_one(KwicTable)
        ours = table.virtual_size
        DataTable._update_dimensions(table, list(table.rows))
        assert table.virtual_size == ours


@pilot_test
async def test_pattern_mode_runs_a_token_pattern_and_names_a_bad_column(app, idx):
    pattern = '[pos="v"] "新赛道"'
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("escape", "m", "m", "m")
        assert app.main.query_state.mode == "pattern"
        await pilot.press("slash", *pattern)
        await settle(pilot, app, wait=0.3)
        want = list(find(idx, pattern, "pattern"))
        assert len(want) == 43
        assert app.main.query_one(KwicTable).row_count == len(want)
        await pilot.press("backspace")  # the closing quote: the string is not closed
        await settle(pilot, app, wait=0.3)
        assert "column 11: the string opened at column 11 is not closed" in status_text(app)
        assert app.main.query_one(KwicTable).row_count == 0
        assert app.is_running
