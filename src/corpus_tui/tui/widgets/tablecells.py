"""Tables whose cells are one-line Text objects that fit their columns (the document list,
the KWIC table): each cell drawn directly instead of through rich's general layout.

The document list's first screen drew ~100 cells through DataTable (~60 ms); a KWIC frame of
36 rows draws ~150, in the frame a keystroke waits for.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from rich.text import Text


class OneLineCells:
    """A DataTable mixin (before DataTable in the bases)."""

    def _render_cell(self, row_index: int, column_index: int, base_style: Style, width: int, cursor: bool = False,
                     hover: bool = False):
        """DataTable's cell, built here for a one-line Text that fits its column: the same
        segments DataTable gets through rich's Padding, Styled and two nested render_lines
        (tests/tui/test_tui.py compares the two), at a tenth of the cost. Anything else goes
        to DataTable."""
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
