"""The KWIC search of the main screen: every keystroke searches in a thread worker, the first
page of rows comes back before the rest (tui/searchmodel.py), and the contexts are as wide
as the pane leaves them, measured again when the pane's width changes.

A mixin of MainScreen: message handlers here are found by name (on_<message>); handlers
declared with @on stay on the Screen subclass, where Textual collects them.
"""

from __future__ import annotations

import threading
from dataclasses import replace

from textual import work
from textual.worker import Worker, WorkerState, get_current_worker

from corpus_tui.cells import cell_len
from corpus_tui.errors import CorpusError
from corpus_tui.tui.messages import Query, SearchDone, SearchFailed, SearchPage
from corpus_tui.tui.searchmodel import resolve_term
from corpus_tui.tui.widgets.dispersion import DispersionStrip
from corpus_tui.tui.widgets.doclist import DocList
from corpus_tui.tui.widgets.kwic import KwicTable, context_width

FINISHED = (WorkerState.SUCCESS, WorkerState.ERROR, WorkerState.CANCELLED)


class KwicSearch:
    _paged = -1  # the generation whose first page the table shows
    _laid_out = 0  # the context width of the rows on screen

    def context_width(self) -> int:
        """Cells of context either side for the KWIC pane as it is laid out now. The pane's
        width is the tab pages' (the table fills its page), known while another tab is shown:
        a KWIC started from a statistics table gets the real width too."""
        pane = self.query_one("#tabs").size.width or max(20, self.size.width - 34)
        q = self.query_state
        node = max(4, cell_len(q.term)) if q.mode not in ("regex", "pattern") else 8
        return context_width(pane, node, self.idx, self.coding is not None)

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
            self._start_search()

    def _start_search(self) -> None:
        self._laid_out = width = self.context_width()
        self.search_worker(self.generation, self.query_state, width)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "search" or event.state not in FINISHED:
            return
        self._search_running = False
        if self._search_pending:
            self._search_pending = False
            self._search_running = True
            self._start_search()

    def on_kwic_table_width_changed(self, _msg) -> None:
        """The pane was resized: the contexts are cut again for its new width."""
        if self.idx is not None and self.query_state.term.strip() and self.context_width() != self._laid_out:
            self.fire_search()

    @work(thread=True, exclusive=True, group="search")
    def search_worker(self, generation: int, q: Query, width: int) -> None:
        from corpus_tui.tui.searchmodel import search

        worker = get_current_worker()
        stale = lambda: worker.is_cancelled or generation != self.generation  # noqa: E731

        def first(page) -> None:
            # The rest of the result is Python work that holds the GIL: the frame showing the
            # page would wait for it (~150 ms for the 1 295 hits of 产业 in tmux), so the
            # worker goes on only once that frame is drawn.
            shown = threading.Event()
            self.post_message(SearchPage(generation, q, page, shown))
            waited = 0.0
            while not shown.wait(0.02) and not stale() and waited < 1.0:
                waited += 0.02

        try:
            term = resolve_term(self.dictionary, q.term)
            found = search(self.idx, replace(q, term=term), width, stale, *self.coding_args(q), first=first)
        except CorpusError as exc:  # a bad regex or pattern (PatternError names its column)
            if not stale():
                self.post_message(SearchFailed(generation, q, str(exc)))
            return
        if found is not None and not stale():
            self.post_message(SearchDone(generation, q, found))

    def on_search_page(self, msg: SearchPage) -> None:
        """The first rows of a result with more to come: shown now, the counts come after."""
        if msg.generation != self.generation:
            msg.shown.set()
            return
        page = msg.page
        self._paged = msg.generation
        self.last_lines = page.lines
        self.query_one(KwicTable).show(page.lines, page.rows, page.widths)
        self.set_status(f"{len(page.lines)}+ hits of {msg.query.term}: counting…", "dim")
        self.call_after_refresh(msg.shown.set)

    def on_search_done(self, msg: SearchDone) -> None:
        if msg.generation != self.generation:
            return  # a newer keystroke asked for something else
        found = msg.found
        if self._paged == msg.generation:  # its first page is on screen: keep it, add the rest
            self.last_lines = found.lines
            self.query_one(KwicTable).extend(found.lines, found.rows, found.widths)
            self.call_after_refresh(self._show_spread, msg.query, found.counts, found.positions)
        else:
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
        self._paged = -1
        self.query_one(KwicTable).show(lines, *(cells or ()))
        # The hit counts of the document list and the dispersion strip come a frame later:
        # re-rendering them (~25 ms when counts change) would delay the KWIC rows a user
        # is looking at.
        self.call_after_refresh(self._show_spread, q, counts, positions)

    def _show_spread(self, q: Query, counts, positions) -> None:
        self.query_one(DocList).set_counts(counts)
        if self.idx is not None:
            self.query_one("#dispersion", DispersionStrip).show([d.id for d in self.idx.docs], positions, q.term)
