"""Text out of the formats a researcher's documents come in (PDF, DOCX, HTML), one module a
format, each ``bytes -> Extraction``: the text, one line per PDF line, DOCX paragraph or HTML
block, and a location map that names a place in the source (``report.pdf:p12:3:14``).

Plain text and Markdown are read as text (encoding detection is rawtext's); only the
formats that need a parser come here. The heavy libraries (pypdfium2, python-docx,
selectolax) are imported by their module, which is imported only when such a file is read.
A file that yields no text raises ``ExtractionError`` naming the file and the reason.
"""

from __future__ import annotations

from corpus_tui.corpus.extract.extraction import Extraction, ExtractionError, location, place

__all__ = ["EXTRACTOR_VERSION", "EXTRACTED", "TEXT_SUFFIXES", "SUFFIXES", "Extraction", "ExtractionError",
           "extract", "kind_of", "location", "place"]

# Bumped when an extractor's output changes, so cached extractions are made again.
EXTRACTOR_VERSION = 1
EXTRACTED = {".pdf": "pdf", ".docx": "docx", ".html": "html", ".htm": "html"}
TEXT_SUFFIXES = {".txt": "text", ".md": "markdown"}
SUFFIXES = {**TEXT_SUFFIXES, **EXTRACTED}


def kind_of(name: str) -> str | None:
    """The format a file name says: "pdf", "docx", "html", "text", "markdown" or None."""
    dot = name.rfind(".")
    return SUFFIXES.get(name[dot:].lower()) if dot >= 0 else None


def extract(data: bytes, name: str, encoding: str | None = None, kind: str | None = None) -> Extraction:
    """Extract the text of a PDF, DOCX or HTML file; ``name`` names it in messages, ``kind``
    ("pdf", "docx", "html") is its format (by default the one ``name`` says)."""
    kind = kind or kind_of(name)
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
