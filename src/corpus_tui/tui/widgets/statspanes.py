"""Frequency, Collocates and Diff tabs: core statistics tables with their main options.

The panes only gather options and show tables; the numbers come from the statistics core
(corpus_tui.core.stats / colloc / compare), run by the screen in a thread worker.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import DataTable, Input, Label, Select

from corpus_tui.output import format_value
from corpus_tui.tui.text import safe


class StatsTable(DataTable):
    """A core Table shown as is; Enter on a row runs KWIC for its term column."""

    BINDINGS = [Binding("enter", "select_cursor", "KWIC for term", show=False)]

    def __init__(self, term_column: str = "term", **kwargs) -> None:
        super().__init__(cursor_type="row", **kwargs)
        self.term_column = term_column
        self.table = None

    def show(self, table) -> None:
        self.table = table
        self.clear(columns=True)
        cols = list(table.display or table.columns)
        where = [table.columns.index(c) for c in cols]
        right = set(table.right_align)
        for c, i in zip(cols, where):
            numeric = bool(table.rows) and all(isinstance(r[i], (int, float)) for r in table.rows[:50])
            self.add_column(Text(c, justify="right" if numeric or c in right else "left"), key=c)
        for row in table.rows:
            cells = []
            for c, i in zip(cols, where):
                v = row[i]
                if isinstance(v, (int, float)):
                    cells.append(Text(format_value(v), justify="right"))
                else:
                    cells.append(safe(v, justify="right" if c in right else None))
            self.add_row(*cells)

    def term_at_cursor(self) -> str | None:
        if self.table is None or not self.table.rows or self.term_column not in self.table.columns:
            return None
        return str(self.table.rows[self.cursor_row][self.table.columns.index(self.term_column)])


class StatsPane(Vertical):
    """Base: a row of controls, a note line, a table. ``options()`` returns the controls' values."""

    name = ""

    class Changed(Message):
        def __init__(self, pane: "StatsPane") -> None:
            super().__init__()
            self.pane = pane

    def compose_controls(self) -> ComposeResult:
        yield from ()

    def compose(self) -> ComposeResult:
        with Horizontal(classes="controls"):
            yield from self.compose_controls()
        yield Label(Text("", style="dim"), classes="note")
        yield StatsTable(term_column=self.term_column, classes="stats-table")

    term_column = "term"

    def show(self, table, error: str | None = None) -> None:
        note = self.query_one(".note", Label)
        if error:
            note.update(Text(error, style="bold red"))
            return
        self.query_one(StatsTable).show(table)
        note.update(safe(" · ".join(table.notes) if table.notes else table.title, style="dim"))

    def set_note(self, text: str) -> None:
        self.query_one(".note", Label).update(Text(text, style="dim"))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Changed(self))

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        self.post_message(self.Changed(self))

    def options(self) -> dict:
        out = {}
        for w in self.query(".opt"):
            value = w.value
            if value is Select.BLANK:
                value = None
            out[w.id.split("-", 1)[1]] = value
        return out


def _int(value, default: int) -> int:
    try:
        return max(1, int(value))
    except (TypeError, ValueError):
        return default


class FreqPane(StatsPane):
    term_column = "term"


class CollocPane(StatsPane):
    term_column = "collocate"


class DiffPane(StatsPane):
    term_column = "term"


def compute(pane_id: str, idx, options: dict, q):
    from corpus_tui.errors import CorpusError

    raise CorpusError("the statistics core is not available yet")
