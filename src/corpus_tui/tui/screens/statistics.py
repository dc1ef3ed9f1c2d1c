"""The statistics tabs of the main screen (Frequency, Collocates, Diff): computed lazily when
shown and only when their inputs changed, in a thread worker that posts a TableDone back.

A mixin of MainScreen: message handlers here are found by name (on_<message>); handlers
declared with @on must stay on the Screen subclass, where Textual collects them."""

from __future__ import annotations

from textual import work
from textual.widgets import Input

from corpus_tui.errors import CorpusError
from corpus_tui.tui.messages import Query, TableDone
from corpus_tui.tui.widgets.tabview import TabView


class StatisticsTabs:
    def stats_key(self, pane_id: str) -> tuple:
        """What a stats tab depends on besides its own controls (the search term, the filter)."""
        q = self.query_state
        return (q.sel,) if pane_id == "freq" else (q.term.strip(), q.sel)

    def autofill(self, pane_id: str) -> None:
        """The node (Collocates) and term 1 (Diff) follow the search until the user edits them."""
        ident = {"colloc": "#colloc-node", "diff": "#diff-t1"}.get(pane_id)
        if ident is None:
            return
        box = self.query_one(ident, Input)
        term = self.query_state.term.strip()
        if box.value == "" or box.value == self._autofilled.get(ident):
            box.value = term
            self._autofilled[ident] = term

    def refresh_active_stats(self) -> None:
        """Stats tabs are computed lazily: when shown, and only if their inputs changed."""
        active = self.query_one("#tabs", TabView).active.removeprefix("tab-")
        if active in ("freq", "colloc", "diff", "trend") and self.idx is not None and self.query(f"#{active}"):
            self.autofill(active)
            if self._stats_key.get(active) != self.stats_key(active):
                self.run_stats(active)

    def on_stats_pane_changed(self, msg) -> None:  # StatsPane.Changed
        self.run_stats(msg.pane.id)

    def run_stats(self, pane_id: str) -> None:
        from corpus_tui.tui.widgets.statspanes import StatsPane

        if self.idx is None:
            return
        pane = self.query_one(f"#{pane_id}", StatsPane)
        self._stats_key[pane_id] = self.stats_key(pane_id)
        gen = self.stats_generation.get(pane_id, 0) + 1
        self.stats_generation[pane_id] = gen
        pane.set_note("computing…")
        self.stats_worker(pane_id, gen, pane.options(), self.query_state)

    @work(thread=True, exclusive=False, group="stats")
    def stats_worker(self, pane_id: str, gen: int, options: dict, q: Query) -> None:
        from corpus_tui.tui.widgets import statspanes

        try:
            if pane_id == "trend":
                from corpus_tui.tui.widgets import trend

                table = trend.compute(self.idx, options, q, int(options.get("width") or 80))
            else:
                table = statspanes.compute(pane_id, self.idx, options, q, self.dictionary)
        except CorpusError as exc:
            self.post_message(TableDone(pane_id, gen, None, str(exc)))
            return
        self.post_message(TableDone(pane_id, gen, table))

    def on_table_done(self, msg: TableDone) -> None:
        from corpus_tui.tui.widgets.statspanes import StatsPane

        if msg.generation != self.stats_generation.get(msg.pane):
            return
        self.query_one(f"#{msg.pane}", StatsPane).show(msg.table, msg.error)

    def on_trend_pane_open_period(self, msg) -> None:  # TrendPane.OpenPeriod: Enter on a Trend row
        """The KWIC of the row's term in exactly the row's documents (its period, as counted)."""
        from dataclasses import replace

        q = self.query_state
        label = msg.label if q.sel_label == "all" or q.sel.dates is not None else f"{q.sel_label} {msg.label}"
        self.query_state = replace(q, sel=q.sel._replace(dates=msg.dates), sel_label=label)
        self.run_kwic(msg.term, self.query_state.mode)
