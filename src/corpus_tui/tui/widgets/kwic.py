"""The KWIC table: location, left context right-aligned, the node, right context, and with
a codebook the line's codes; digits 1-9 toggle codes on the current line (tui/coding.py)."""

from __future__ import annotations

from rich.text import Text
from textual.actions import SkipAction
from textual.binding import Binding
from textual.coordinate import Coordinate
from textual.geometry import Size
from textual.widgets import DataTable

from corpus_tui.tui.text import NODE, safe

MAX_ROWS = 5000  # the table shows the first rows; the TSV export writes every hit
KEYS = ("where", "left", "node", "right", "codes")
CODES_STYLE = "bold #60c0ff"
CODES_WIDTH = 14
# Adding a row to a DataTable costs ~0.05 ms (0.25 s for 5000): the rows beyond the first
# two screenfuls are added in batches after the frame that shows the first ones, so the
# rows on screen come sooner and a short query with thousands of hits does not freeze
# typing.
FIRST_ROWS = 50  # at least; two screenfuls on a taller terminal
MORE_ROWS = 500


def rows_of(lines: list, codes: list[str] | None = None) -> list[tuple[Text, ...]]:
    """Table cells of KWIC lines (and a codes cell each, when coding); plain objects, so a
    worker thread can build them."""
    rows = [(Text(f"{c.hit.doc}:{c.hit.line}", style="dim"), safe(c.left, justify="right"), safe(c.node, NODE),
             safe(c.right)) for c in lines]
    if codes is not None:
        rows = [(*r, codes_cell(c)) for r, c in zip(rows, codes)]
    return rows


def codes_cell(codes: str) -> Text:
    return safe(codes, CODES_STYLE)


def widths_of(rows: list, coding: bool = False) -> tuple[int, ...]:
    keys = KEYS if coding or (rows and len(rows[0]) == len(KEYS)) else KEYS[:4]
    widths = tuple(max([len(key)] + [r[k].cell_len for r in rows]) for k, key in enumerate(keys))
    # a code added later must fit without measuring the column again
    return widths if len(keys) < len(KEYS) else (*widths[:-1], max(widths[-1], CODES_WIDTH))


class KwicTable(DataTable):
    # Only with a codebook (the screen's `coding` session): without one, 1-5 fall through to
    # the screen's tab keys (SkipAction).
    BINDINGS = [
        *(Binding(str(n), f"code({n})", f"Toggle code {n}", show=False) for n in range(1, 10)),
        Binding("n", "note", "Note on the line", show=False),
        Binding("u", "undo", "Undo the last coding", show=False),
        Binding("c", "code_filter", "Code filter", show=False),
        Binding("r", "screen.toggle_sample", "Sample on/off", show=False),
    ]

    def __init__(self, **kwargs) -> None:
        super().__init__(cursor_type="row", **kwargs)
        self.lines: list = []
        self.rows_pending = 0  # rows of the current result not added yet
        self._batch = 0

    def on_mount(self) -> None:
        self._add_columns(widths_of([]))

    def _add_columns(self, widths: tuple[int, ...]) -> None:
        # Widths set from the rows themselves: auto-width columns only grow and are measured
        # on idle, so a query typed a character ago could leave this one misaligned.
        labels = ("where", Text("left", justify="right"), "node", "right", "codes")
        for key, label, width in zip(KEYS, labels, widths):
            self.add_column(label, key=key, width=width)

    def show(self, lines: list, rows: list | None = None, widths: tuple[int, ...] | None = None) -> None:
        """Show ``lines``; ``rows`` and ``widths`` are rows_of/widths_of them if already built."""
        self.lines = lines
        if rows is None:
            rows = rows_of(lines[:MAX_ROWS])
        self._batch += 1
        self.clear(columns=True)
        self._add_columns(widths or widths_of(rows))
        first = max(FIRST_ROWS, 2 * self.size.height)
        self.add_rows(rows[:first])
        if self.row_count:
            self.move_cursor(row=0)
        self.rows_pending = max(0, len(rows) - first)
        if self.rows_pending:
            self.call_after_refresh(self._add_more, self._batch, rows, first)

    def _add_more(self, batch: int, rows: list, start: int) -> None:
        if batch != self._batch:
            return  # a newer result replaced these rows
        end = start + MORE_ROWS
        self.add_rows(rows[start:end])
        self.rows_pending = max(0, len(rows) - end)
        if self.rows_pending:
            self.call_after_refresh(self._add_more, batch, rows, end)

    def _update_dimensions(self, new_rows) -> None:
        # DataTable measures every cell of every new row here, on idle between the update
        # and the next frame (~20 ms for 166 rows, ~0.6 s for 5000). Every column of this
        # table has a fixed width and every row is one line, so the measures are unused:
        # only the scrollable size is. (textual is pinned; test_kwic_table_size checks
        # this against DataTable's own computation.)
        width = sum(column.get_render_width(self) for column in self.columns.values())
        header = self.header_height if self.show_header else 0
        self.virtual_size = Size(width, self._total_row_height + header)

    def set_codes(self, row: int, codes: str) -> None:
        """Show a line's codes after a change (the table has a codes column when coding)."""
        if 0 <= row < self.row_count and len(self.columns) == len(KEYS):
            self.update_cell_at(Coordinate(row, len(KEYS) - 1), codes_cell(codes))

    def _coding(self):
        handler = getattr(self.screen, "coding_key", None)
        if handler is None or getattr(self.screen, "coding", None) is None:
            raise SkipAction()  # no codebook: the key keeps its meaning elsewhere
        return handler

    def action_code(self, digit: int) -> None:
        self._coding()("code", digit)

    def action_note(self) -> None:
        self._coding()("note", None)

    def action_undo(self) -> None:
        self._coding()("undo", None)

    def action_code_filter(self) -> None:
        self._coding()("filter", None)

    @property
    def current_line(self):
        if not self.row_count:
            return None
        return self.lines[self.cursor_row]
