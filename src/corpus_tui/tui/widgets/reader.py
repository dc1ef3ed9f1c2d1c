"""The Read tab: clean (or raw) text of a file or article, an outline, hits, n / N."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from corpus_tui.tui.text import highlighted, safe


class ReadText(OptionList):
    """One option per paragraph (clean) or raw line, with a raw line-number gutter."""


class Outline(OptionList):
    pass


class ReadPane(Vertical):
    BINDINGS = [
        Binding("n", "next_hit", "Next hit"),
        Binding("N", "prev_hit", "Prev hit"),
        Binding("r", "toggle_raw", "Raw/clean"),
        Binding("o", "toggle_outline", "Outline"),
    ]

    class Reload(Message):
        """Ask the screen to load ``ident`` again (raw toggled)."""

        def __init__(self, ident: str, raw: bool, start: int | None, line: int | None) -> None:
            super().__init__()
            self.ident, self.raw, self.start, self.line = ident, raw, start, line

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.ident: str | None = None
        self.file = ""
        self.raw = False
        self.rows: list = []
        self.hits: list = []
        self.current: int | None = None
        self.outline_wanted = True
        self._row_hits: dict[int, list[int]] = {}

    def compose(self) -> ComposeResult:
        yield Label(Text("Select a document (Enter in the list) or a KWIC line", style="dim"), id="read-where")
        with Horizontal(id="read-body"):
            outline = Outline(id="outline")
            outline.display = False  # shown once a long file with articles or headings is loaded
            yield outline
            yield ReadText(id="read-text")

    # -- loading ---------------------------------------------------------------
    def show(self, ident: str, file: str, raw: bool, rows: list, hits: list, outline: list,
             focus: int | None, title: str = "") -> None:
        self.ident, self.file, self.raw, self.rows, self.hits = ident, file, raw, rows, hits
        self.title_text = title
        self._row_hits = {}
        for n, h in enumerate(hits):
            self._row_hits.setdefault(h.row, []).append(n)
        self.current = focus if focus is not None and 0 <= focus < len(hits) else None
        text = self.query_one(ReadText)
        text.set_options(Option(self._prompt(i), id=None) for i in range(len(rows)))
        out = self.query_one(Outline)
        out.set_options(Option(safe(label), id=f"o{row}") for row, label in outline)
        out.display = self.outline_wanted and len(outline) >= 2
        if self.current is not None:
            self._go_row(hits[self.current].row)
        elif rows:
            text.highlighted = 0
        self.update_where()

    def show_at_line(self, line: int | None) -> None:
        if line is None or not self.rows:
            return
        best = max((i for i, r in enumerate(self.rows) if r.line <= line), default=0)
        self._go_row(best)

    def _prompt(self, i: int) -> Text:
        row = self.rows[i]
        nums = self._row_hits.get(i, [])
        spans = [(self.hits[n].s, self.hits[n].e) for n in nums]
        cur = nums.index(self.current) if self.current in nums else None
        gutter = Text(f"{row.line:>5}│", style="dim")
        return gutter + highlighted(row.text, spans, cur)

    def _go_row(self, row: int) -> None:
        text = self.query_one(ReadText)
        text.highlighted = row
        text.scroll_to_highlight(top=False)

    # -- where the cursor is ---------------------------------------------------
    def cursor_location(self) -> tuple[int, int | None] | None:
        """(raw line, raw column or None) of the cursor: the current hit, else the row start."""
        text = self.query_one(ReadText)
        row = text.highlighted
        if row is None or not self.rows:
            return None
        if self.current is not None and self.hits[self.current].row == row:
            h = self.hits[self.current]
            return h.line, h.column
        return self.rows[row].line, None

    def update_where(self) -> None:
        loc = self.cursor_location()
        where = Text()
        where.append(f"{self.ident}  ", "bold")
        if loc:
            line, col = loc
            where.append(f"{self.file}:{line}" + (f":{col}" if col else ""), "bold #60c0ff")
        where.append("  raw" if self.raw else "  clean", "dim")
        if self.hits:
            n = f"{self.current + 1}/" if self.current is not None else ""
            where.append(f"  hit {n}{len(self.hits)}", "dim")
        where.append("  ")
        where.append_text(safe(getattr(self, "title_text", ""), style="italic"))
        self.query_one("#read-where", Label).update(where)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_list.id == "read-text":
            event.stop()
            self.update_where()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_list.id == "outline" and event.option.id:
            event.stop()
            self._go_row(int(event.option.id[1:]))
            self.query_one(ReadText).focus()

    # -- actions ---------------------------------------------------------------
    def _move_hit(self, step: int) -> None:
        if not self.hits:
            self.notify("no hits of the current query here", severity="warning", timeout=2, markup=False)
            return
        old = self.current
        text = self.query_one(ReadText)
        row = text.highlighted or 0
        if old is None or self.hits[old].row != row:
            # from the cursor row: the first hit after it (n) or before it (N)
            if step > 0:
                new = next((i for i, h in enumerate(self.hits) if h.row >= row), 0)
            else:
                new = next((i for i in range(len(self.hits) - 1, -1, -1) if self.hits[i].row <= row), len(self.hits) - 1)
        else:
            new = (old + step) % len(self.hits)
        self.current = new
        for r in {self.hits[new].row} | ({self.hits[old].row} if old is not None else set()):
            text.replace_option_prompt_at_index(r, self._prompt(r))
        self._go_row(self.hits[new].row)
        self.update_where()

    def action_next_hit(self) -> None:
        self._move_hit(1)

    def action_prev_hit(self) -> None:
        self._move_hit(-1)

    def action_toggle_raw(self) -> None:
        if self.ident:
            loc = self.cursor_location()
            row = self.query_one(ReadText).highlighted
            start = None
            if self.current is not None and self.hits[self.current].row == row:
                start = self.hits[self.current].start
            self.post_message(self.Reload(self.ident, not self.raw, start, loc[0] if loc else None))

    def action_toggle_outline(self) -> None:
        out = self.query_one(Outline)
        if out.option_count < 2:  # nothing to show: say so, and keep the outline on for the next file
            what = f"{self.ident} has no outline (no articles or heading lines)" if self.ident else (
                "no document is open: Enter in the document list or on a KWIC line opens one")
            self.notify(what, timeout=4, markup=False)
            return
        self.outline_wanted = not self.outline_wanted
        out.display = self.outline_wanted and out.option_count >= 2
        if out.display:
            out.focus()
