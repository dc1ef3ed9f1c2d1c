"""The Trend tab: the terms of the search box (comma-separated) period by period.

A chart of the rates (or shares) with their intervals over the table `corpus trend` prints;
``p`` changes the period (year, quarter, month); Enter on a row opens the KWIC of that row's
term in exactly that row's documents. The numbers come from corpus_tui.stats.trend, the chart
from corpus_tui.chart (plotext, imported the first time a chart is drawn), both in a worker.
"""

from __future__ import annotations

import re

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import DataTable, Label, Select, Static

from corpus_tui.tui.widgets.statspanes import StatsPane, StatsTable, _select

PERIODS = ("year", "quarter", "month")
MEASURES = [("per 10k", "10k"), ("per million", "million"), ("share", "share")]
_SPLIT = re.compile(r"[,，、]")
CHART_HEIGHT = 16


def split_terms(text: str) -> list[str]:
    """'新赛道, 未来产业，新领域' -> the three terms; duplicates and blanks dropped, order kept."""
    return list(dict.fromkeys(t.strip() for t in _SPLIT.split(text or "") if t.strip()))


class TrendPane(StatsPane):
    """Controls (period, measure), a note, the chart, the table."""

    BINDINGS = [Binding("p", "cycle_period", "Period")]

    class OpenPeriod(Message):
        """Enter on a row: the KWIC of ``term`` in the documents ``dates`` keeps."""

        def __init__(self, term: str, dates, label: str) -> None:
            super().__init__()
            self.term, self.dates, self.label = term, dates, label

    def compose_controls(self) -> ComposeResult:
        yield Label("terms a,b · p period · Enter KWIC", classes="hint")
        yield _select("trend-by", [(p, p) for p in PERIODS], "year")
        yield _select("trend-measure", MEASURES, "10k")

    def compose(self) -> ComposeResult:
        with Horizontal(classes="controls"):
            yield from self.compose_controls()
        yield Label(Text("", style="dim"), classes="note")
        yield Static(Text(""), id="trend-chart")
        yield StatsTable(classes="stats-table")

    def options(self) -> dict:
        out = super().options()
        # Just mounted, the pane has no size yet: the tabs' column it fills has.
        area = self.size if self.size.width else self.screen.query_one("#right").size
        out["width"], out["height"] = str(area.width or 80), str(area.height or 24)
        return out

    def action_cycle_period(self) -> None:
        select = self.query_one("#trend-by", Select)
        select.value = PERIODS[(PERIODS.index(select.value) + 1) % len(PERIODS)]

    def show(self, result, error: str | None = None) -> None:
        if error:
            self.query_one("#trend-chart", Static).update(Text(""))
            super().show(None, error)
            return
        table, chart = result
        super().show(table)
        # Cropped, never wrapped: a wrapped line of a chart is noise.
        shown = Text.from_ansi(chart, no_wrap=True, overflow="crop") if chart else Text("")
        self.query_one("#trend-chart", Static).update(shown)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()  # not the statistics tabs' "KWIC of the term": of the term in this period
        table = self.query_one(StatsTable).table
        if table is None or not table.rows:
            return
        from corpus_tui.corpus.dates import PeriodFilter

        row = event.cursor_row
        period = table.meta["periods"][row]
        term = table.rows[row][table.columns.index("term")]
        self.post_message(self.OpenPeriod(term, PeriodFilter(period, table.meta["unit"]), period.label))


def compute(idx, options: dict, q, width: int):
    """(table, chart text) for the pane, in a worker; CorpusError when there is nothing to show."""
    from corpus_tui.errors import CorpusError
    from corpus_tui.stats.trend import trend_table

    terms = split_terms(q.term)
    if not terms:
        from corpus_tui.tui.examples import trend_hint

        raise CorpusError(trend_hint(idx))
    measure = options.get("measure") or "10k"
    share = measure == "share"
    if share and len(terms) < 2:
        raise CorpusError("a share compares terms: type two or more, comma-separated")
    table = trend_table(idx, terms, q.mode, q.sel, options.get("by") or "year", "10k" if share else measure,
                        share, q.sel_label)
    from corpus_tui.chart import trend_chart

    # Half the pane for the chart (its legend lines under it), the rest for the table.
    height = max(8, min(CHART_HEIGHT, int(options.get("height") or 24) // 2 - 3))
    chart = trend_chart(table, width=max(30, width - 2), height=height, colour=True)
    return table, chart

