"""The Diff tab's two-term comparison drawn as one list (corpus_tui.diffchart): from the
collocates only term 1 has to those only term 2 has, coloured by the term each leans to.
A row is an option: Enter runs KWIC for its collocate. Drawn again for the pane's width when
it changes."""

from __future__ import annotations

from textual.widgets import OptionList
from textual.widgets.option_list import Option

from corpus_tui.tui.messages import RunKwic

ROWS = 12  # per section, as `corpus diff --terms --plot --top 12`
FIRST_ROW = 2  # the title and the column header come before the rows


class TermDiffChart(OptionList):
    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.table = None
        self.collocates: list[str] = []
        self._drawn_width = 0

    def show(self, table) -> None:
        """``table``: termdiff_table with every row (top=0)."""
        from corpus_tui.diffchart import pick

        self.table = table
        self.collocates = [str(r[1]) for r in pick(table, ROWS)] if table is not None else []
        self._draw()

    def _draw(self) -> None:
        from corpus_tui.diffchart import to_text

        width = max(40, self.line_width())
        self._drawn_width = width
        self.clear_options()
        if self.table is None:
            return
        lines = to_text(self.table, width, ROWS)
        self.add_options([Option(line, id=f"row-{k}", disabled=not (FIRST_ROW <= k < FIRST_ROW + len(self.collocates)))
                          for k, line in enumerate(lines)])
        if self.collocates:
            self.highlighted = FIRST_ROW

    def line_width(self) -> int:
        """Cells of a line: the content less a scrollbar, shown or not (the rows are more than
        a screenful, and a line drawn before the scrollbar came would wrap)."""
        width = self.scrollable_content_region.width
        if not self.show_vertical_scrollbar:
            width -= self.styles.scrollbar_size_vertical
        return width if self.size.width else 80

    def on_resize(self, _event) -> None:
        if self.table is not None and max(40, self.line_width()) != self._drawn_width:
            self._draw()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        k = event.option_index - FIRST_ROW
        if 0 <= k < len(self.collocates):
            self.post_message(RunKwic(self.collocates[k]))
