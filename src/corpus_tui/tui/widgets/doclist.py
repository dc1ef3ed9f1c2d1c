"""The document list: files from INDEX.md with their articles, and the current query's hits."""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.widgets import DataTable

from corpus_tui.tui.text import safe

COLUMNS = ("id", "hits", "date", "outlet", "chars", "title")


class DocList(DataTable):
    """One row per file and per article (indented under its file); keys are the ids."""

    BINDINGS = [Binding("enter", "select_cursor", "Read", show=False)]

    def __init__(self, **kwargs) -> None:
        super().__init__(cursor_type="row", zebra_stripes=False, **kwargs)
        self.kinds: dict[str, str] = {}
        self.counts: dict[str, int | None] = {}

    def on_mount(self) -> None:
        if not self.columns:
            self._add_columns([])

    def _add_columns(self, rows: list) -> None:
        # Widths from the rows themselves: auto-width columns are measured on idle, after
        # the first frame, which then showed every column cut to its header. "hits" stays
        # automatic: empty until a search, it is as wide as its header until then.
        for k, key in enumerate(COLUMNS):
            width = None if key == "hits" else max([len(key)] + [r[k].cell_len for r in rows])
            self.add_column(key, key=key, width=width)

    def load(self, table) -> None:
        """``table`` is query.catalogue.catalogue_table(idx)."""
        cols = table.columns
        rows, keys = [], []
        self.kinds, self.counts = {}, {}
        for row in table.rows:
            r = dict(zip(cols, row))
            ident, kind = r["id"], r["kind"]
            self.kinds[ident] = kind
            self.counts[ident] = None
            label = safe(ident) if kind == "file" else Text("└", style="dim") + safe(ident.removeprefix(r["parent"]))
            rows.append((label, Text(""), safe(r["date"]), safe(r["outlet"]), Text(str(r["chars"]), justify="right"),
                         safe(r["title"])))
            keys.append(ident)
        self.clear(columns=True)
        self._add_columns(rows)
        for key, cells in zip(keys, rows):
            self.add_row(*cells, key=key)

    def set_counts(self, counts: dict[str, int] | None) -> None:
        # Any cell update makes the table render every visible cell again (~25 ms for 20
        # rows): rows whose count is unchanged are left alone, and only the widest new
        # value asks for the column to be measured (each such cell re-measures the column).
        changed = {i: (counts or {}).get(i) for i in self.kinds if (counts or {}).get(i) != self.counts.get(i)}
        if not changed:
            return
        widest = max(changed, key=lambda i: len(str(changed[i])) if changed[i] is not None else 0)
        for ident, n in changed.items():
            self.counts[ident] = n
            cell = Text("") if n is None else Text(str(n), style="bold" if n else "dim", justify="right")
            self.update_cell(ident, "hits", cell, update_width=ident == widest)

    def _render_cell(self, row_index: int, column_index: int, base_style: Style, width: int, cursor: bool = False,
                     hover: bool = False):
        """DataTable's cell, built here for a one-line Text that fits its column: the same
        segments DataTable gets through rich's Padding, Styled and two nested render_lines
        (tests/tui/test_tui.py compares the two), at a tenth of the cost; the first screen drew
        ~100 cells that way (~60 ms). Anything else goes to DataTable."""
        if row_index < 0 or column_index < 0 or self.fixed_rows or self.fixed_columns:
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        row_key = self._row_locations.get_key(row_index)
        key = (row_key, self._column_locations.get_key(column_index), base_style, cursor, hover,
               self._show_hover_cursor, self._update_count, self._pseudo_class_state)
        cached = self._cell_render_cache.get(key)
        if cached is not None:
            return cached
        cell = self._get_row_renderables(row_index)[1][column_index]
        inner = width - 2 * self.cell_padding
        if (type(cell) is not Text or self.rows[row_key].height != 1 or cell.justify not in (None, "right")
                or cell.cell_len > inner or any(c in cell.plain for c in "\n\t\r")):
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        component, post = self._get_styles_to_render_cell(
            False, False, False, hover, cursor, self.show_cursor, self._show_hover_cursor,
            self.cursor_foreground_priority == "css", self.cursor_background_priority == "css")
        pre = base_style + Style.from_meta({"row": row_index, "column": column_index}) + component
        post = self.app.console.get_style(post)
        line = cell.copy()  # what rich's wrap makes of a line that fits
        fill = inner - line.cell_len
        if cell.justify == "right":
            line.rstrip()
            fill = inner - line.cell_len
            line.pad_left(fill)
            fill = 0
        joined = Text("\n").join([line])
        segments = [Segment(" " * self.cell_padding), *joined.render(self.app.console)]
        if fill:
            segments.append(Segment(" " * fill))
        segments.append(Segment(" " * self.cell_padding))
        lines = [list(Segment.apply_style(segments, pre, post))]
        self._cell_render_cache[key] = lines
        return lines

    @property
    def current_id(self) -> str | None:
        if not self.row_count:
            return None
        key, _ = self.coordinate_to_cell_key(self.cursor_coordinate)
        return key.value
