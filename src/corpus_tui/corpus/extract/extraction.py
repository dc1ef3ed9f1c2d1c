"""What an extractor gives (the text and its location map), apart from the dispatch in
__init__ so the format modules import it without a cycle."""

from __future__ import annotations

from bisect import bisect_right
from collections import namedtuple

from corpus_tui.errors import CorpusError


class ExtractionError(CorpusError):
    """A file that yields no text (scanned, encrypted, corrupt): skipped with one warning."""


class Extraction(namedtuple("Extraction", "text kind pages title date encoding dropped",
                            defaults=((), "", "", "", 0))):
    """What an extractor gives.

    text: lines joined by "\\n", no trailing newline.
    kind: "pdf", "docx" or "html".
    pages: for a PDF, one (first_line, first_number) pair a page: the 1-based line of
        ``text`` where page k+1 begins, and the number that line has on its page (repeated
        headers dropped above it push it past 1, so ``p12:3`` is the third line a reader
        counts on page 12). Empty for formats without pages.
    title, date: from the document itself (metadata, <title>, first heading); date ISO
        (YYYY, YYYY-MM or YYYY-MM-DD) or "".
    encoding: the encoding an HTML page was decoded with; "" for binary formats.
    dropped: lines removed as repeated page headers/footers or page numbers.
    """

    __slots__ = ()

    def place(self, line: int) -> tuple[int, int] | None:
        """(page, line on that page) of a 1-based line of ``text``; None without pages."""
        return place(self.pages, line)

    def location(self, line: int, column: int) -> str:
        """``p12:3:14`` for a PDF, ``3:14`` otherwise (line and column 1-based)."""
        return location(self.pages, line, column)


def place(pages, line: int) -> tuple[int, int] | None:
    if not pages:
        return None
    k = max(bisect_right([p[0] for p in pages], line) - 1, 0)
    first_line, first_number = pages[k]
    return k + 1, first_number + line - first_line


def location(pages, line: int, column: int) -> str:
    where = place(pages, line)
    if where is None:
        return f"{line}:{column}"
    return f"p{where[0]}:{where[1]}:{column}"
