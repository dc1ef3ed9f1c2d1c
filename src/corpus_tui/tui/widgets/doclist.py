"""The document list: files from INDEX.md with their articles, and the current query's hits;
under it, the highlighted row's date, outlet, size and whole title.

The pane is about a third of the screen (25 cells at 80 columns). A row of id, hits, date,
outlet, chars and title needs ~60 cells and showed `202` for a date at 80 columns, with the
outlet and title out of sight. Each row is two lines now, the id and the title (cut with …
at the pane's edge), beside the hits; the date, outlet and size of the highlighted row are
shown whole under the list, with its title.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Label

from corpus_tui.tui.text import safe
from corpus_tui.tui.widgets.tablecells import OneLineCells

COLUMNS = ("document", "hits")
SCROLLBAR = 2
PADDING = 2


class DocList(OneLineCells, DataTable):
    """One row per file and per article (indented under its file); keys are the ids."""

    BINDINGS = [Binding("enter", "select_cursor", "Read", show=False)]

    def __init__(self, **kwargs) -> None:
        super().__init__(cursor_type="row", zebra_stripes=False, **kwargs)
        self.kinds: dict[str, str] = {}
        self.counts: dict[str, int | None] = {}
        self.info: dict[str, tuple] = {}  # id -> (date, outlet, chars, title) as in INDEX.md

    def on_mount(self) -> None:
        if not self.columns:
            self._add_columns()

    def document_width(self) -> int:
        """The document column: the pane less the hits column, the padding and a scrollbar."""
        hits = self.columns["hits"].get_render_width(self) if "hits" in self.columns else 4 + PADDING
        return max(8, self.size.width - hits - PADDING - SCROLLBAR) if self.size.width else 20

    def _add_columns(self) -> None:
        # "hits" stays automatic: empty until a search, it is as wide as its header until then.
        self.add_column("document", key="document", width=self.document_width())
        self.add_column(Text("hits", justify="right"), key="hits")

    def on_resize(self, _event) -> None:
        column = self.columns.get("document")
        if column is not None and column.width != self.document_width():
            column.width = self.document_width()
            self._clear_caches()
            self._require_update_dimensions = True
            self.refresh()

    def load(self, table) -> None:
        """``table`` is query.catalogue.catalogue_table(idx)."""
        cols = table.columns
        rows, keys = [], []
        self.kinds, self.counts, self.info = {}, {}, {}
        for row in table.rows:
            r = dict(zip(cols, row))
            ident, kind = r["id"], r["kind"]
            self.kinds[ident] = kind
            self.counts[ident] = None
            self.info[ident] = (safe(r["date"]).plain, safe(r["outlet"]).plain, r["chars"], safe(r["title"]).plain)
            if kind == "file":
                cell = safe(ident, style="bold")
            else:
                cell = Text("└", style="dim") + safe(ident.removeprefix(r["parent"]))
            cell.append("\n" + ("" if kind == "file" else "  "))
            cell.append_text(safe(r["title"] or "(no title)", style="dim"))
            cell.no_wrap, cell.overflow = True, "ellipsis"
            rows.append((cell, Text("")))
            keys.append(ident)
        self.clear(columns=True)
        self._add_columns()
        for key, cells in zip(keys, rows):
            self.add_row(*cells, key=key, height=2)

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

    @property
    def current_id(self) -> str | None:
        if not self.row_count:
            return None
        key, _ = self.coordinate_to_cell_key(self.cursor_coordinate)
        return key.value


class DocPane(Vertical):
    """The document list and the highlighted row's details under it."""

    def compose(self) -> ComposeResult:
        yield DocList(id="docs")
        yield Label("", id="doc-detail")

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        docs = self.query_one(DocList)
        if event.data_table is not docs:
            return
        self.query_one("#doc-detail", Label).update(detail(docs.info.get(event.row_key.value)))


def detail(info) -> Text:
    """The details of a row, never cut (wrapped): its date and outlet, then its title."""
    if info is None:
        return Text("")
    date, outlet, chars, title = info
    out = Text(date or "undated", style="bold")
    if outlet:
        out.append(" · " + outlet, style="bold")
    out.append(f" · {chars} chars", style="dim")
    if title:
        out.append("\n" + title)
    return out
