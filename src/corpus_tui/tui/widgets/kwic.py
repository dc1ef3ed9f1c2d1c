"""The KWIC table: location, left context right-aligned, the node, right context, and with
a codebook the line's codes; digits 1-9 toggle codes on the current line (tui/coding.py)."""

from __future__ import annotations

from rich.text import Text
from textual.actions import SkipAction
from textual.binding import Binding
from textual.coordinate import Coordinate
from textual.geometry import Size
from textual.message import Message
from textual.widget import Widget
from textual.widgets import DataTable

from corpus_tui.cells import cell_len
from corpus_tui.tui.text import NODE, safe
from corpus_tui.tui.widgets.tablecells import OneLineCells

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


PADDING = 2  # DataTable's cell padding, both sides of a cell
SCROLLBAR = 2  # the vertical scrollbar, kept free whether shown or not


def where_width(idx) -> int:
    """The widest location any hit can have (`doc:line`), from the documents' ids and line
    counts: the column is as wide for the first page of rows as for the last."""
    docs = idx.docs if idx is not None else ()
    return max([len(KEYS[0])] + [cell_len(d.id) + 1 + len(str(max(1, d.ls_end - d.ls_start))) for d in docs])


def context_width(pane: int, node: int, idx, coding: bool = False) -> int:
    """Cells of left and of right context that fit a pane ``pane`` cells wide beside the
    location, a node ``node`` cells wide and (when coding) the codes."""
    columns = 5 if coding else 4
    rest = pane - SCROLLBAR - PADDING * columns - where_width(idx) - node - (CODES_WIDTH if coding else 0)
    return max(6, rest // 2)


def fit_widths(widths: tuple[int, ...], idx, context: int) -> tuple[int, ...]:
    """Column widths of rows (widths_of) for the pane: the location column as wide as any
    location, the contexts as wide as asked, so later rows never need wider columns."""
    return (max(widths[0], where_width(idx)), max(widths[1], context), widths[2], max(widths[3], context),
            *widths[4:])


class KwicTable(OneLineCells, DataTable):
    # Only with a codebook (the screen's `coding` session): without one, 1-5 fall through to
    # the screen's tab keys (SkipAction).
    BINDINGS = [
        *(Binding(str(n), f"code({n})", f"Toggle code {n}", show=False) for n in range(1, 10)),
        Binding("n", "note", "Note on the line", show=False),
        Binding("u", "undo", "Undo the last coding", show=False),
        Binding("c", "code_filter", "Code filter", show=False),
        Binding("r", "screen.toggle_sample", "Sample on/off", show=False),
    ]

    class WidthChanged(Message):
        """The table's width changed (a resize of the terminal or of the panes)."""

    def __init__(self, **kwargs) -> None:
        super().__init__(cursor_type="row", **kwargs)
        self.lines: list = []
        self.rows_pending = 0  # rows of the current result not added yet
        self._batch = 0

    def on_mount(self) -> None:
        self._add_columns(widths_of([]))

    def on_resize(self, event) -> None:
        if event.size.width != getattr(self, "_width", None):
            self._width = event.size.width
            self.post_message(self.WidthChanged())

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
        widths = widths or widths_of(rows)
        if len(self.columns) == len(widths):  # the same columns: only their widths may change
            self.clear()
            # measured once the rows are in: an empty table in between would hide the
            # scrollbar and show it again, two layouts of the whole screen
            self.set_widths(widths, measure=False)
        else:
            self.clear(columns=True)
            self._add_columns(widths)
        first = max(FIRST_ROWS, 2 * self.size.height)
        self.add_rows(rows[:first])
        if self.row_count:
            self.move_cursor(row=0)
        self.rows_pending = max(0, len(rows) - first)
        if self.rows_pending:
            self.call_after_refresh(self._add_more, self._batch, rows, first)

    def extend(self, lines: list, rows: list, widths: tuple[int, ...]) -> None:
        """The whole result of the query whose first page ``show`` was given: the rows shown
        stay (cursor and scroll with them), the others are added in batches; columns that the
        later rows need wider are widened."""
        self.lines = lines
        self.set_widths(widths)
        self._batch += 1
        start = self.row_count
        self.rows_pending = max(0, len(rows) - start)
        if self.rows_pending:
            self.call_after_refresh(self._add_more, self._batch, rows, start)

    def widths(self) -> tuple[int, ...]:
        return tuple(column.width for column in self.columns.values())

    def set_widths(self, widths: tuple[int, ...], measure: bool = True) -> None:
        """Lay the columns out again at ``widths`` (the rows' cells are kept)."""
        if widths == self.widths():
            return
        for column, width in zip(self.columns.values(), widths):
            column.width = width
        self._clear_caches()
        if measure:
            self._update_dimensions(())
        else:
            self._require_update_dimensions = True
        self.refresh()

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
        size = Size(width, self._total_row_height + header)
        if size != self.virtual_size:
            # Not through the reactive: it lays the whole screen out again (~10 ms, 50 under
            # load), twice a keystroke, though the table's own size does not depend on it.
            # Only the scrollbars do, and _scroll_update shows, hides (that lays out) and
            # sizes them.
            self.set_reactive(Widget.virtual_size, size)
            self._scroll_update(size)
            self.refresh()

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
