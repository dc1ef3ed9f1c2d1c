"""Text out of the formats a researcher's documents come in (PDF, DOCX, HTML), one module a
format, each ``bytes -> Extraction``: the text, one line per PDF line, DOCX paragraph or HTML
block, and a location map that names a place in the source (``report.pdf:p12:3:14``).

Plain text and Markdown are read as text (encoding detection is rawtext's); only the
formats that need a parser come here. The heavy libraries (pypdfium2, python-docx,
selectolax) are imported by their module, which is imported only when such a file is read.
A file that yields no text raises ``ExtractionError`` naming the file and the reason.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import namedtuple

from corpus_tui.errors import CorpusError

__all__ = ["EXTRACTOR_VERSION", "EXTRACTED", "TEXT_SUFFIXES", "SUFFIXES", "Extraction", "ExtractionError",
           "extract", "kind_of"]

# Bumped when an extractor's output changes, so cached extractions are made again.
EXTRACTOR_VERSION = 1
EXTRACTED = {".pdf": "pdf", ".docx": "docx", ".html": "html", ".htm": "html"}
TEXT_SUFFIXES = {".txt": "text", ".md": "markdown"}
SUFFIXES = {**TEXT_SUFFIXES, **EXTRACTED}


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


def kind_of(name: str) -> str | None:
    """The format a file name says: "pdf", "docx", "html", "text", "markdown" or None."""
    dot = name.rfind(".")
    return SUFFIXES.get(name[dot:].lower()) if dot >= 0 else None


def extract(data: bytes, name: str, encoding: str | None = None) -> Extraction:
    """Extract the text of a PDF, DOCX or HTML file; ``name`` names it in messages."""
    kind = kind_of(name)
    if kind == "pdf":
        from corpus_tui.corpus.extract.pdf import extract_pdf

        return extract_pdf(data, name)
    if kind == "docx":
        from corpus_tui.corpus.extract.word import extract_docx

        return extract_docx(data, name)
    if kind == "html":
        from corpus_tui.corpus.extract.webpage import extract_html

        return extract_html(data, name, encoding)
    raise ExtractionError(f"{name}: not a format with an extractor (PDF, DOCX, HTML)")
