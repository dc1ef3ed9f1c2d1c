"""Keys and panes (issue 21, point 6): tab keys and text boxes, Alt/Esc+digit, `w`, `o`,
the palette's Screenshot, a placeholder taken from the corpus. Pilot with real keys; the bytes
a terminal sends for Esc+digit go through Textual's own parser."""

from __future__ import annotations

import pytest

pytest.importorskip("textual")

from textual._xterm_parser import XTermParser  # noqa: E402

from corpus_tui.corpus.options import CorpusOptions  # noqa: E402
from corpus_tui.query.search import find  # noqa: E402
from corpus_tui.tui.app import CorpusApp  # noqa: E402
from corpus_tui.tui.widgets.kwic import KwicTable  # noqa: E402

from test_tui import SIZE, TERM, idx, pilot_test, settle, status_text, type_query  # noqa: E402,F401 (fixtures)


@pytest.fixture
def app(cache_dir, tmp_path) -> CorpusApp:
    return CorpusApp(CorpusOptions(cache_dir=cache_dir), export_dir=tmp_path / "out")


async def send_bytes(pilot, data: str) -> None:
    """What the terminal sends, parsed by Textual's parser as the Linux driver parses it
    (the end of input stands for the ESCDELAY timeout), then delivered as Pilot delivers keys."""
    app = pilot.app
    parser = XTermParser()
    for event in [*parser.feed(data), *parser.feed("")]:
        event.set_sender(app)
        app._driver.send_message(event)
    await pilot.pause()
    await pilot.pause()


def active(app) -> str:
    return app.main.query_one("#tabs").active


@pilot_test
async def test_esc_then_digit_is_a_tab_switch_never_text(app):
    # ESC 5 within ESCDELAY (Alt+5, or Esc then 5 typed fast) inserted "∞", ESC 2 "™"
    async with app.run_test(size=SIZE) as pilot:
        await type_query(pilot, app, TERM)
        search = app.main.query_one("#search")
        assert app.focused is search
        await send_bytes(pilot, "\x1b5")
        await settle(pilot, app)
        assert search.value == TERM
        assert active(app) == "tab-diff"
        t2 = app.main.query_one("#diff-t2")
        assert app.focused is t2
        await send_bytes(pilot, "\x1b2")  # from inside Diff's term box: to KWIC, nothing typed
        await settle(pilot, app)
        assert (t2.value, active(app)) == ("", "tab-kwic")
        search.focus()
        for data in ("\x1b7", "\x1b8", "\x1b9", "\x1b0"):  # no tab of that key: nothing at all
            await send_bytes(pilot, data)
        assert (search.value, active(app)) == (TERM, "tab-kwic")
        await send_bytes(pilot, "\x1b3")
        await settle(pilot, app)
        assert (search.value, active(app)) == (TERM, "tab-freq")


@pilot_test
async def test_digits_go_into_text_boxes_and_switch_tabs_elsewhere(app):
    async with app.run_test(size=SIZE) as pilot:
        await type_query(pilot, app, TERM)
        await pilot.press("2", "0", "2", "6")
        await settle(pilot, app, wait=0.3)
        assert (app.main.query_one("#search").value, active(app)) == (TERM + "2026", "tab-kwic")
        await pilot.press(*["backspace"] * 4, "escape")  # the KWIC table
        await settle(pilot, app, wait=0.3)
        assert isinstance(app.focused, KwicTable)
        await pilot.press("3")
        await settle(pilot, app)
        assert active(app) == "tab-freq"
        top = app.main.query_one("#freq-top")
        top.focus()
        await pilot.press("1", "2", "4")
        assert (top.value, active(app)) == ("124", "tab-freq")
        await pilot.press("escape", "4")  # out of the box, a digit is a tab key again
        await settle(pilot, app)
        assert active(app) == "tab-colloc"
        low = app.main.query_one("#colloc-min")
        low.focus()
        await pilot.press("5")
        assert (low.value, active(app)) == ("5", "tab-colloc")


@pilot_test
async def test_diff_two_terms_from_the_keyboard_alone(app, idx):
    from corpus_tui.stats.colloc import Window
    from corpus_tui.stats.compare import term_diff, term_sources
    from corpus_tui.stats.frequency import TermFilter
    from corpus_tui.tokens.stoplist import load_stopwords

    other = "未来产业"
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        await pilot.press(*other)  # the search box has the focus from the start
        await send_bytes(pilot, "\x1b5")  # Alt+5 (or Esc 5): to Diff, into term 2
        await settle(pilot, app)
        assert active(app) == "tab-diff" and app.focused.id == "diff-t2"
        assert app.main.query_one("#search").value == other
        await pilot.press(*TERM, "shift+tab")  # term 1 (it followed the search): make it the other
        assert app.focused.id == "diff-t1" and app.focused.value == other
        await pilot.press("enter")
        await settle(pilot, app)
        first = app.main.query_one("#diff .stats-table")
        second = app.main.query_one("#diff .second")
        filt = TermFilter(load_stopwords())
        want = term_diff(idx, [other], [TERM], window=Window(), filt=filt, min_freq=2, top=20)
        assert [r[1] for r in first.table.rows] == [r.collocate for r in want.rows]
        sources = term_sources(idx, [other, TERM], "group", filt=filt)
        assert [(r[0], r[1], r[3]) for r in second.table.rows] == [(s.term, s.source, s.freq) for s in sources]
        # the result is on screen: the comparison drawn as one list (its table, hidden, holds
        # the same rows) and the sources table have rows in view, beside the controls
        chart = app.main.query_one("#diff .diff-chart")
        assert not first.display and chart.option_count == 2 + 12 * 3 + 2
        assert chart.region.height >= 3 and second.region.height >= 3
        assert chart.region.bottom <= second.region.y and second.region.bottom <= 24
        await pilot.press("escape")  # Esc leaves the box for the list, which keeps the keys
        assert app.focused is chart


def tsv_of(table) -> str:
    import io

    from corpus_tui.output import write

    out = io.StringIO(newline="")
    write(table, "tsv", stream=out)
    return out.getvalue()


@pilot_test
async def test_w_writes_the_table_on_screen_as_a_new_file(app, idx, tmp_path):
    out = tmp_path / "out"
    async with app.run_test(size=SIZE) as pilot:
        await type_query(pilot, app, TERM)
        out.mkdir()
        taken = out / f"kwic-{TERM}-doc.tsv"
        taken.write_text("mine\n", encoding="utf-8")  # never overwritten
        await pilot.press("escape", "w")
        await settle(pilot, app)
        written = out / f"kwic-{TERM}-doc-2.tsv"
        lines = written.read_text("utf-8").splitlines()
        assert lines[0].split("\t")[:2] == ["term", "doc"]
        assert len(lines) == 1 + len(list(find(idx, TERM)))
        assert taken.read_text("utf-8") == "mine\n"
        assert status_text(app) == f"wrote {written.name} ({len(lines) - 1} rows) in {out}"
        assert [n.message for n in app._notifications][-1] == f"wrote {len(lines) - 1} rows to {written}"

        await pilot.press("3")  # Frequency: its table, as `corpus freq --tsv` prints it
        await settle(pilot, app)
        await pilot.press("w")
        await settle(pilot, app)
        shown = app.main.query_one("#freq .stats-table").table
        assert (out / "freq.tsv").read_text("utf-8") == tsv_of(shown)
        assert (out / "freq.tsv").read_text("utf-8").split("\n")[0].split("\t")[:3] == ["rank", "term", "freq"]
        assert len(shown.rows) == 50
        assert status_text(app) == f"wrote freq.tsv (50 rows) in {out}"
        assert [n.message for n in app._notifications][-1] == f"wrote 50 rows to {out / 'freq.tsv'}"
        await pilot.press("w")
        await settle(pilot, app)
        assert (out / "freq-2.tsv").read_text("utf-8") == tsv_of(shown)

        await pilot.press("5", *"未来产业", "enter")  # Diff of two terms: both of its tables
        await settle(pilot, app)
        await pilot.press("escape", "w")
        await settle(pilot, app)
        first = app.main.query_one("#diff .stats-table").table
        second = app.main.query_one("#diff .second").table
        a, b = out / f"diff-{TERM}-未来产业.tsv", out / f"diff-sources-{TERM}-未来产业.tsv"
        assert (a.read_text("utf-8"), b.read_text("utf-8")) == (tsv_of(first), tsv_of(second))
        assert status_text(app) == f"wrote {a.name} ({len(first.rows)} rows) and {b.name} ({len(second.rows)} rows) in {out}"
        assert [n.message for n in app._notifications][-1] == (
            f"wrote {len(first.rows)} + {len(second.rows)} rows to {a} and {b}")

        await pilot.press("1")  # Read shows no table
        await settle(pilot, app)
        before = sorted(p.name for p in out.iterdir())
        await pilot.press("w")
        await settle(pilot, app)
        assert status_text(app) == ("nothing to write: the Read tab shows no table "
                                    "(w writes the table of the tab on screen)")
        assert sorted(p.name for p in out.iterdir()) == before


@pilot_test
async def test_w_writes_into_the_user_data_folder_not_the_working_folder(cache_dir, tmp_path, monkeypatch, idx):
    import stat

    data, work = tmp_path / "data", tmp_path / "work"
    work.mkdir()
    monkeypatch.setenv("XDG_DATA_HOME", str(data))
    monkeypatch.chdir(work)
    app = CorpusApp(CorpusOptions(cache_dir=cache_dir))
    async with app.run_test(size=SIZE) as pilot:
        await type_query(pilot, app, TERM)
        await pilot.press("escape", "w")
        await settle(pilot, app)
        folder = data / "corpus-tui" / "exports"
        written = folder / f"kwic-{TERM}-doc.tsv"
        assert status_text(app) == f"wrote {written.name} ({len(list(find(idx, TERM)))} rows) in {folder}"
        assert written.is_file() and list(work.iterdir()) == []
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
        assert stat.S_IMODE(written.stat().st_mode) == 0o600
        await pilot.press("f1")  # the help names the folder
        help_text = str(app.screen.query_one("#help-text").render())
        assert f"  {folder}\n" in help_text
        assert "  5, Alt+5      Diff tab\n" in help_text  # and the tab keys with their Alt form


@pilot_test
async def test_palette_screenshot_without_a_downloads_folder(cache_dir, tmp_path, monkeypatch):
    import asyncio

    home = tmp_path / "home"  # no Downloads in it
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local/share"))
    monkeypatch.delenv("XDG_DOWNLOAD_DIR", raising=False)
    app = CorpusApp(CorpusOptions(cache_dir=cache_dir))
    folder = home / ".local/share/corpus-tui/exports"
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("ctrl+p")
        await pilot.pause(0.2)
        await pilot.press(*"Screenshot")
        await pilot.pause(0.5)  # the palette searches its commands in a worker
        await pilot.press("enter")
        for _ in range(100):  # the palette's Screenshot waits 0.1 s, then saves in a thread
            await asyncio.sleep(0.05)
            await pilot.pause()
            if any("screenshot" in n.message.lower() for n in app._notifications):
                break
        messages = [n.message for n in app._notifications]
        shots = list(folder.glob("*.svg")) if folder.is_dir() else []
        assert len(shots) == 1, messages
        assert shots[0].read_text(encoding="utf-8").startswith("<svg")
        assert any(str(shots[0]) in m for m in messages), messages
    assert not (home / "Downloads").exists()


@pilot_test
async def test_o_on_a_document_without_outline_says_so(app, idx):
    from corpus_tui.tui import readmodel
    from corpus_tui.tui.widgets.doclist import DocList
    from corpus_tui.tui.widgets.reader import Outline, ReadPane

    bare = "xsd-liaowang"
    assert readmodel.load(idx, bare, False, "", "surface")[2] == []  # no article, no heading line
    assert len(readmodel.load(idx, "xdh-opeds", False, "", "surface")[2]) == 4
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("escape", "1", "o")  # nothing open yet
        assert [n.message for n in app._notifications][-1] == (
            "no document is open: Enter in the document list or on a KWIC line opens one")
        docs = app.main.query_one(DocList)
        docs.focus()
        docs.move_cursor(row=docs.get_row_index(bare))
        await pilot.press("enter")
        await settle(pilot, app)
        pane = app.main.query_one(ReadPane)
        assert pane.ident == bare
        await pilot.press("o")
        assert [n.message for n in app._notifications][-1] == f"{bare} has no outline (no articles or heading lines)"
        assert pane.outline_wanted  # not silently switched off for the next file
        docs.focus()
        docs.move_cursor(row=docs.get_row_index("xdh-opeds"))
        await pilot.press("enter")
        await settle(pilot, app)
        outline = app.main.query_one(Outline)
        assert outline.display and outline.option_count == 4
        await pilot.press("o")  # a file with an outline: o hides it, o shows it again
        assert not outline.display
        await pilot.press("o")
        assert outline.display


AGRI_INDEX = """\
# Corpus index: 农业

## Files

| id | file | title | outlet | date |
|---|---|---|---|---|
| nongye | a.txt | 乡村振兴 | 农报 | 2025-03 |
| liangshi | b.txt | 粮食生产 | 农刊 | 2026-01 |
"""


@pilot_test
async def test_hints_name_a_term_of_the_corpus_open(tmp_path):
    from corpus_tui.index.open import open_index
    from corpus_tui.stats.frequency import TermFilter, frequencies
    from corpus_tui.tokens.stoplist import load_stopwords

    root = tmp_path / "agri"  # a corpus without 新赛道
    root.mkdir()
    (root / "INDEX.md").write_text(AGRI_INDEX, encoding="utf-8")
    (root / "a.txt").write_text("乡村振兴要靠农民。农民种粮，粮食丰收，农民增收。\n我们要保障粮食安全，支持农民合作社。\n",
                                encoding="utf-8")
    (root / "b.txt").write_text("粮食生产稳定，农民收入提高。农村改革继续推进，农民满意。\n", encoding="utf-8")
    opts = CorpusOptions(corpus=str(root), cache_dir=str(tmp_path / "cache"))
    # the Frequency tab's nouns of two or more characters: 农民 5, 粮食 2 (`corpus freq --pos n --min-len 2`)
    want = frequencies(open_index(opts), filt=TermFilter(load_stopwords(), min_len=2, pos=("n",)), top=2)
    assert [(r.term, r.freq) for r in want.rows] == [("农民", 5), ("粮食", 2)]
    app = CorpusApp(opts, export_dir=tmp_path / "out")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        search = app.main.query_one("#search")
        assert search.placeholder == "search, e.g. 农民 (m: mode, s: sort, g: group)"
        await pilot.press("escape", "6")
        await settle(pilot, app)
        note = str(app.main.query_one("#trend .note").render())
        assert note == "type terms in the search box, comma-separated (农民,粮食): their trend shows here"
        assert "新赛道" not in search.placeholder + note


@pilot_test
async def test_placeholder_on_the_bundled_corpus(app):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        assert app.main.query_one("#search").placeholder == "search, e.g. 产业 (m: mode, s: sort, g: group)"
