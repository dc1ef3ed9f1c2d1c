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
from textual.worker import Worker, WorkerState, get_current_worker

from corpus_tui.cells import cell_len
from corpus_tui.query.search import MODES, Selection
from corpus_tui.errors import CorpusError
from corpus_tui.output import for_display
from corpus_tui.tui.messages import (IndexReady, OpenRead, Query, ReadLoaded, RunKwic, SearchDone, SearchFailed)
from corpus_tui.tui.export import TableExport
from corpus_tui.tui.text import safe
from corpus_tui.tui.screens.coding import CodingKeys
from corpus_tui.tui.widgets.dispersion import DispersionStrip
from corpus_tui.tui.widgets.doclist import DocList
from corpus_tui.tui.widgets.keybar import KeyBar
from corpus_tui.tui.widgets.kwic import CODES_WIDTH, KwicTable
from corpus_tui.tui.screens.startup import IndexLoading
from corpus_tui.tui.screens.statistics import StatisticsTabs
from corpus_tui.tui.searchmodel import resolve_term
from corpus_tui.tui.widgets.searchbox import SearchBox, category_suggester
from corpus_tui.tui.widgets.tabview import TabPage, TabView

# Not imported here: the Read pane (readmodel, reader: OptionList), the statistics panes
# (statspanes: Select) and the help screen. None is on the first frame; each is imported
# when its tab or key is first used.

SORT_CYCLE = ("doc", "1L", "2L", "1R", "2R")
TABS = ("read", "kwic", "freq", "colloc", "diff", "trend")
FINISHED = (WorkerState.SUCCESS, WorkerState.ERROR, WorkerState.CANCELLED)


class MainScreen(CodingKeys, IndexLoading, StatisticsTabs, TableExport, Screen):
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
            yield DocList(id="docs")
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

    def context_width(self) -> int:
        table = self.query_one(KwicTable)
        width = table.size.width or (self.size.width - 34)
        node = max(4, cell_len(self.query_state.term)) if self.query_state.mode not in ("regex", "pattern") else 8
        return max(6, (width - 18 - node - 10 - (CODES_WIDTH + 2 if self.coding else 0)) // 2)

    def fire_search(self) -> None:
        """Search for the current query (the generation tells its result from older ones)."""
        self.generation += 1
        self._search_pending = False
        q = self.query_state
        if self.idx is None:
            if q.term.strip():
                self.set_status("the index is still being built; the search runs when it is ready", "dim")
            return
        if not q.term.strip():
            self.show_results(Query(), [], None, {})
            self.set_status("type a word to search", "dim")
            return
        self.set_status(f"searching {q.term}…", "dim")
        if self._search_running:
            self._search_pending = True
        else:
            self._search_running = True
            self.search_worker(self.generation, q, self.context_width())

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "search" or event.state not in FINISHED:
            return
        self._search_running = False
        if self._search_pending:
            self._search_pending = False
            self._search_running = True
            self.search_worker(self.generation, self.query_state, self.context_width())

    @work(thread=True, exclusive=True, group="search")
    def search_worker(self, generation: int, q: Query, width: int) -> None:
        from corpus_tui.tui.searchmodel import search

        worker = get_current_worker()
        stale = lambda: worker.is_cancelled or generation != self.generation  # noqa: E731
        try:
            term = resolve_term(self.dictionary, q.term)
            found = search(self.idx, replace(q, term=term), width, stale, *self.coding_args(q))
        except CorpusError as exc:  # a bad regex or pattern (PatternError names its column)
            if not stale():
                self.post_message(SearchFailed(generation, q, str(exc)))
            return
        if found is not None and not stale():
            self.post_message(SearchDone(generation, q, found))

    def on_search_done(self, msg: SearchDone) -> None:
        if msg.generation != self.generation:
            return  # a newer keystroke asked for something else
        found = msg.found
        self.show_results(msg.query, found.lines, found.counts, found.positions, (found.rows, found.widths))
        self.set_status(*self.search_status(msg.query, found))  # screens/coding.py: with a sample and codes

    def on_search_failed(self, msg: SearchFailed) -> None:
        if msg.generation != self.generation:
            return
        self.show_results(msg.query, [], None, {})
        self.set_status(msg.error, "bold red")

    def show_results(self, q: Query, lines: list, counts, positions, cells: tuple | None = None) -> None:
        """``cells``: the KWIC table's (rows, widths) for ``lines``, when a worker built them."""
        self.last_lines = lines
        self.query_one(KwicTable).show(lines, *(cells or ()))
        # The hit counts of the document list and the dispersion strip come a frame later:
        # re-rendering them (~25 ms when counts change) would delay the KWIC rows a user
        # is looking at.
        self.call_after_refresh(self._show_spread, q, counts, positions)

    def _show_spread(self, q: Query, counts, positions) -> None:
        self.query_one(DocList).set_counts(counts)
        if self.idx is not None:
            self.query_one("#dispersion", DispersionStrip).show([d.id for d in self.idx.docs], positions, q.term)

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
            target = f"#{active.removeprefix('tab-')} .stats-table"
        for widget in self.query(target):
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
        docs = self.query_one(DocList)
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

