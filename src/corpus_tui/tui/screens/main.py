"""The main screen: document list, search bar, tabs Read / KWIC / Frequency / Collocates / Diff / Trend.

Everything slow runs in a thread worker that calls the core and posts a typed message back
(corpus_tui.tui.messages). Searches run one at a time, the newest query next, and are
numbered, so a stale result is dropped.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Header, Input, Label

from corpus_tui.query.search import MODES, Selection
from corpus_tui.errors import CorpusError
from corpus_tui.output import for_display
from corpus_tui.tui.messages import IndexReady, OpenRead, Query, ReadLoaded, RunKwic
from corpus_tui.tui.export import TableExport
from corpus_tui.tui.text import safe
from corpus_tui.tui.screens.coding import CodingKeys
from corpus_tui.tui.widgets.dispersion import DispersionStrip
from corpus_tui.tui.widgets.doclist import DocList, DocPane
from corpus_tui.tui.widgets.keybar import KeyBar
from corpus_tui.tui.widgets.kwic import KwicTable
from corpus_tui.tui.screens.startup import IndexLoading
from corpus_tui.tui.screens.searching import KwicSearch
from corpus_tui.tui.screens.statistics import StatisticsTabs
from corpus_tui.tui.searchmodel import resolve_term
from corpus_tui.tui.widgets.searchbox import SearchBox, category_suggester
from corpus_tui.tui.widgets.tabview import TabPage, TabView

# Not imported here: the Read pane (readmodel, reader: OptionList), the statistics panes
# (statspanes: Select) and the help screen. None is on the first frame; each is imported
# when its tab or key is first used.

SORT_CYCLE = ("doc", "1L", "2L", "1R", "2R")
TABS = ("read", "kwic", "freq", "colloc", "diff", "trend")


class MainScreen(CodingKeys, IndexLoading, KwicSearch, StatisticsTabs, TableExport, Screen):
    AUTO_FOCUS = "#search"  # focused as the screen is shown: the first frame has the search's keys
    BINDINGS = [
        Binding("slash", "focus_search", "Search", priority=True),
        Binding("escape", "leave_search", "Leave search", show=False),
        Binding("s", "cycle_sort", "Sort"),
        Binding("m", "cycle_mode", "Mode"),
        Binding("g", "cycle_group", "Group filter"),
        Binding("l", "limit_doc", "Only this doc", show=False),
        Binding("w", "write_table", "Write table"),
        Binding("b", "toggle_doclist", "Doc list", show=False),
        Binding("1,alt+1", "tab('read')", "Read tab", show=False),
        Binding("2,alt+2", "tab('kwic')", "KWIC tab", show=False),
        Binding("3,alt+3", "tab('freq')", "Frequency tab", show=False),
        Binding("4,alt+4", "tab('colloc')", "Collocates tab", show=False),
        Binding("5,alt+5", "tab('diff')", "Diff tab", show=False),
        Binding("6,alt+6", "tab('trend')", "Trend tab", show=False),
    ]

    def __init__(self, opts, export_dir: Path | None = None, dictionary=None) -> None:
        super().__init__()
        self.opts = opts
        self.dictionary = dictionary
        self.export_dir = export_dir
        self.idx = None
        self.query_state = Query()
        self.generation = 0
        self.read_generation = 0
        self.stats_generation: dict[str, int] = {}
        self._stats_key: dict[str, tuple] = {}
        self._autofilled: dict[str, str] = {}
        self._read_query: tuple[str, str] | None = None
        self.last_lines: list = []
        self._search_running = False
        self._search_pending = False
        self._group_cycle: list[str] = []

    # -- layout ------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="文")
        with Horizontal(id="main"):
            yield DocPane(id="docs-pane")
            with Vertical(id="right"):
                with Horizontal(id="searchbar"):
                    yield Label("/", id="slash")
                    yield SearchBox(id="search", suggester=category_suggester(self.dictionary))
                    yield Label("", id="qstate")
                yield Label("", id="status")
                with Vertical(id="loading"):
                    yield Label("opening the index…", id="loading-label")
                    # the progress bar is mounted by the first progress report of a build
                with TabView(initial="tab-kwic", id="tabs"):
                    # Tabs other than KWIC are built the first time they are shown (start-up cost).
                    yield TabPage("1 Read", id="tab-read")
                    with TabPage("2 KWIC", id="tab-kwic"):
                        yield KwicTable(id="kwic")
                        yield DispersionStrip(id="dispersion")
                    yield TabPage("3 Freq", id="tab-freq")
                    yield TabPage("4 Colloc", id="tab-colloc")
                    yield TabPage("5 Diff", id="tab-diff")
                    yield TabPage("6 Trend", id="tab-trend")
        yield KeyBar()

    async def on_mount(self) -> None:
        self.update_qstate()
        await self.open_index_first()
        self.call_after_refresh(self.app.gc_settle)

    # -- index (opening it: screens/startup.py) ----------------------------------------
    def on_index_ready(self, msg: IndexReady) -> None:
        from corpus_tui.query.catalogue import catalogue_table

        self.idx = idx = msg.index
        self.open_coding(idx)
        self.query_one("#loading").display = False
        table = catalogue_table(idx)
        self.query_one(DocList).load(table)
        self.query_one(SearchBox).show_example(idx)
        self.app.sub_title = table.notes[0] if table.notes else ""
        self._group_cycle = list(idx.catalog.groups)
        for w in msg.warnings:
            self.notify(for_display(w), severity="warning", timeout=6, markup=False)
        self.query_one("#dispersion", DispersionStrip).show([d.id for d in idx.docs], {}, "")
        for diff in self.query("#diff"):
            diff.set_parts(idx.catalog)
        self.refresh_active_stats()
        if self.query_state.term.strip():
            self.fire_search()
        else:
            self.set_status(f"{len(idx.docs)} files ready: type a word to search", "dim")

    # -- status ------------------------------------------------------------------------
    def set_status(self, text: str, style: str = "") -> None:
        # One line of fixed size (corpus.tcss): no layout of the whole screen, twice a keystroke.
        self.query_one("#status", Label).update(Text(text, style=style), layout=False)

    def update_qstate(self) -> None:
        q = self.query_state
        t = Text()
        t.append(q.mode, "bold")
        t.append(" · sort ", "dim")
        t.append(q.sort, "bold")
        t.append(" · ", "dim")
        t.append_text(safe(q.sel_label, style="bold"))
        self.coding_qstate(t, q)
        self.query_one("#qstate", Label).update(t)

    # -- search ------------------------------------------------------------------------
    # Every keystroke searches at once: no debounce timer (it was 20 ms of every keystroke).
    # Searches never pile up: while one runs, a newer query waits, and only the newest runs
    # when it ends; the running one's result is dropped. A burst (a paste is one change, an
    # IME commit a few) so costs at most one extra search in the worker, not a table update.
    @on(Input.Changed, "#search")
    def search_changed(self, event: Input.Changed) -> None:
        self.query_state = replace(self.query_state, term=event.value)
        self.fire_search()

    @on(Input.Submitted, "#search")
    def search_submitted(self, event: Input.Submitted) -> None:
        self.fire_search()
        self.query_one("#tabs", TabView).active = "tab-kwic"
        self.query_one(KwicTable).focus()

    # -- actions -----------------------------------------------------------------------
    def action_focus_search(self) -> None:
        search = self.query_one("#search", Input)
        if self.focused is search:
            # The box has focus from the start, and the footer says "/ Search": a new user's
            # first "/" must not become the first character of the query.
            if search.value:
                search.insert_text_at_cursor("/")
            return
        self.query_one("#tabs", TabView).active = "tab-kwic"
        search.focus()

    def action_leave_search(self) -> None:
        active = self.query_one("#tabs", TabView).active
        target = {"tab-kwic": "#kwic", "tab-read": "#read-text"}.get(active)
        if not target:
            tab = active.removeprefix('tab-')
            target = f"#{tab} .diff-chart, #{tab} .stats-table"
        for widget in self.query(target):
            if widget.display:
                widget.focus()
                break

    def requery(self, **changes) -> None:
        self.query_state = replace(self.query_state, **changes)
        self.update_qstate()
        self.fire_search()
        self.refresh_active_stats()

    def action_cycle_sort(self) -> None:
        cur = self.query_state.sort
        nxt = SORT_CYCLE[(SORT_CYCLE.index(cur) + 1) % len(SORT_CYCLE)] if cur in SORT_CYCLE else "doc"
        self.requery(sort=nxt)
        self.notify(f"sort: {nxt}", timeout=1.5, markup=False)

    def action_cycle_mode(self) -> None:
        nxt = MODES[(MODES.index(self.query_state.mode) + 1) % len(MODES)]
        self.requery(mode=nxt)
        self.notify(f"search mode: {nxt}", timeout=1.5, markup=False)

    def action_cycle_group(self) -> None:
        labels = ["all"] + self._group_cycle
        cur = self.query_state.sel_label
        nxt = labels[(labels.index(cur) + 1) % len(labels)] if cur in labels else "all"
        sel = Selection() if nxt == "all" else Selection(groups=(nxt,))
        self.requery(sel=sel, sel_label=nxt)

    def action_limit_doc(self) -> None:
        ident = self.query_one(DocList).current_id
        if ident is None or self.query_state.sel_label == ident:
            self.requery(sel=Selection(), sel_label="all")
        else:
            self.requery(sel=Selection(ids=(ident,)), sel_label=ident)

    def action_toggle_doclist(self) -> None:
        docs = self.query_one("#docs-pane")
        docs.display = not docs.display

    async def action_tab(self, tab: str) -> None:
        self.set_focus(None)  # else focus stays on a widget of the tab being hidden
        self.query_one("#tabs", TabView).active = f"tab-{tab}"
        await self.ensure_pane(tab)
        t2 = self.query(".diff-t2").first(Input) if tab == "diff" else None
        if t2 is not None and not t2.value and t2.display:
            t2.focus()  # the one thing the Diff tab needs from the user
        else:
            self.action_leave_search()

    async def ensure_pane(self, tab: str) -> None:
        """Mount the pane of a tab (Read or a statistics tab) the first time it is shown."""
        if tab not in ("read", "freq", "colloc", "diff", "trend") or self.query(f"#{tab}"):
            return
        from corpus_tui.tui.widgets import statspanes
        from corpus_tui.tui.widgets.reader import ReadPane
        from corpus_tui.tui.widgets.trend import TrendPane

        classes = {"read": ReadPane, "freq": statspanes.FreqPane, "colloc": statspanes.CollocPane,
                   "diff": statspanes.DiffPane, "trend": TrendPane}
        pane = classes[tab](id=tab, categories=self.dictionary is not None) if tab == "freq" else classes[tab](id=tab)
        await self.query_one(f"#tab-{tab}", TabPage).mount(pane)
        if tab == "diff" and self.idx is not None:
            pane.set_parts(self.idx.catalog)

    # -- opening Read ------------------------------------------------------------------
    @on(DataTable.RowSelected, "#kwic")
    def kwic_selected(self, event: DataTable.RowSelected) -> None:
        line = self.query_one(KwicTable).lines[event.cursor_row]
        self.post_message(OpenRead(line.hit.doc, line.hit.start))

    @on(DataTable.RowSelected, "#docs")
    def doc_selected(self, event: DataTable.RowSelected) -> None:
        self.post_message(OpenRead(event.row_key.value))

    async def on_open_read(self, msg: OpenRead) -> None:
        from corpus_tui.tui.widgets.reader import ReadText

        await self.ensure_pane("read")
        self.query_one("#tabs", TabView).active = "tab-read"
        self.load_read(msg.ident, False, msg.start, None)
        self.query_one(ReadText).focus()

    def on_read_pane_reload(self, msg) -> None:  # ReadPane.Reload
        self.load_read(msg.ident, msg.raw, msg.start, msg.line)

    def load_read(self, ident: str, raw: bool, start: int | None, line: int | None) -> None:
        if self.idx is None:
            return
        self.read_generation += 1
        self._read_query = (self.query_state.term, self.query_state.mode)
        self.read_worker(self.read_generation, ident, raw, start, line, self.query_state)

    @work(thread=True, exclusive=True, group="read")
    def read_worker(self, generation: int, ident: str, raw: bool, start, line, q: Query) -> None:
        from corpus_tui.tui import readmodel

        try:
            term = resolve_term(self.dictionary, q.term)
            rows, hits, outline, error = readmodel.load(self.idx, ident, raw, term, q.mode)
        except CorpusError as exc:
            self.app.call_from_thread(self.set_status, str(exc), "bold red")
            return
        focus = None
        if start is not None:
            focus = next((i for i, h in enumerate(hits) if h.start >= start), None)
        self.post_message(ReadLoaded(generation, ident, raw, rows, hits, focus, outline))
        self._read_line = line

    def on_read_loaded(self, msg: ReadLoaded) -> None:
        from corpus_tui.tui import readmodel
        from corpus_tui.tui.widgets.reader import ReadPane

        if msg.generation != self.read_generation:
            return
        doc, art, _ = readmodel.spans_of(self.idx, msg.ident)
        entry = self.idx.catalog.article(art.id) if art else self.idx.catalog.document(doc.id)
        pane = self.query_one(ReadPane)
        pane.show(msg.ident, doc.file, msg.raw, msg.rows, msg.hits, msg.outline, msg.focus, entry.title if entry else "")
        if msg.focus is None and getattr(self, "_read_line", None):
            pane.show_at_line(self._read_line)
            pane.update_where()

    # -- stats tabs --------------------------------------------------------------------
    async def on_tab_view_tab_activated(self, event: TabView.TabActivated) -> None:
        tab = event.page.id.removeprefix("tab-")
        await self.ensure_pane(tab)
        if tab == "read":
            self.refresh_read()
        self.refresh_active_stats()

    def refresh_read(self) -> None:
        """The Read tab highlights the current query: reload it if the query changed meanwhile."""
        from corpus_tui.tui.widgets.reader import ReadPane

        pane = self.query_one(ReadPane)
        q = self.query_state
        if pane.ident and self._read_query != (q.term, q.mode):
            loc = pane.cursor_location()
            self.load_read(pane.ident, pane.raw, None, loc[0] if loc else None)

    @on(DataTable.RowSelected, ".stats-table")
    def stats_selected(self, event: DataTable.RowSelected) -> None:
        term = event.data_table.term_at_cursor()
        if term:
            self.post_message(RunKwic(term))

    def on_run_kwic(self, msg: RunKwic) -> None:
        self.run_kwic(msg.term)

    def run_kwic(self, term: str, mode: str = "surface") -> None:
        search = self.query_one("#search", Input)
        with search.prevent(Input.Changed):
            search.value = term
        self.query_state = replace(self.query_state, term=term, mode=mode)
        self.update_qstate()
        self.fire_search()
        self.query_one("#tabs", TabView).active = "tab-kwic"
        self.query_one(KwicTable).focus()

