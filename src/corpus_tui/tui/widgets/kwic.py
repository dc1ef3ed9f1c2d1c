"""The KWIC table: location, left context right-aligned, the node, right context."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import DataTable

from corpus_tui.tui.text import NODE, safe

MAX_ROWS = 5000  # the table shows the first rows; the TSV export writes every hit


class KwicTable(DataTable):
    def __init__(self, **kwargs) -> None:
        super().__init__(cursor_type="row", **kwargs)
        self.lines: list = []

    def on_mount(self) -> None:
        self.add_column("where", key="where")
        self.add_column(Text("left", justify="right"), key="left")
        self.add_column("node", key="node")
        self.add_column("right", key="right")

    def show(self, lines: list) -> None:
        self.lines = lines
        self.clear()
        self.add_rows(
            (Text(f"{c.hit.doc}:{c.hit.line}", style="dim"), safe(c.left, justify="right"), safe(c.node, NODE),
             safe(c.right))
            for c in lines[:MAX_ROWS]
        )
        if self.row_count:
            self.move_cursor(row=0)

    @property
    def current_line(self):
        if not self.row_count:
            return None
        return self.lines[self.cursor_row]
