"""A dispersion strip (AntConc's concordance plot): where in each document the hits fall."""

from __future__ import annotations

from itertools import groupby

from rich.text import Text
from textual.widget import Widget

from corpus_tui.cells import cell_len, pad_right

LABEL = 14
MARKS = "·│┃█"


class DispersionStrip(Widget):
    """One row per document: a bar as wide as the widget, a mark in each cell with hits."""

    DEFAULT_CSS = """
    DispersionStrip { height: auto; max-height: 8; padding: 0 1; }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.docs: list[str] = []
        self.positions: dict[str, list[int]] = {}  # per document: hits in each of equal parts
        self.term = ""

    def show(self, docs: list[str], positions: dict[str, list[int]], term: str) -> None:
        """``positions``: per document, a histogram of where its hits fall (tui/searchmodel.py)."""
        if (docs, positions, term) == (self.docs, self.positions, self.term):
            return
        layout = docs != self.docs  # a row a document: the height changes with them only
        self.docs, self.positions, self.term = docs, positions, term
        self.refresh(layout=layout)

    def get_content_height(self, container, viewport, width: int) -> int:
        return len(self.docs) + 1 if self.docs else 1

    def render(self) -> Text:
        if not self.docs or not self.term:
            return Text("dispersion: type a query to see where its hits fall", style="dim")
        width = max(10, self.size.width - LABEL - 6)
        out = Text()
        out.append(pad_right("dispersion", LABEL), "dim")
        out.append(f"{self.term[:width]}", "bold")
        for doc in self.docs:
            places = self.positions.get(doc) or ()
            bins = [0] * width
            for k, n in enumerate(places):  # a histogram of equal parts of the document
                if n:
                    bins[k * width // len(places)] += n
            out.append("\n")
            label = doc if cell_len(doc) <= LABEL - 1 else doc[: LABEL - 2] + "…"
            out.append(pad_right(label, LABEL), "dim")
            # one span per run of empty or filled cells, not per cell: rendering cost grows
            # with the number of spans (a span a cell was ~15 ms a frame)
            for filled, run in groupby(bins, key=bool):
                marks = "".join(MARKS[min(n, 3)] for n in run)
                out.append(marks, "bold #ff6060" if filled else "dim")
            out.append(f" {sum(places):>4}")
        return out
