"""The raw text of a corpus file, whatever its format: a text file decoded (corpus/rawtext),
a PDF, DOCX or HTML file extracted (corpus/extract) through a cache of extractions.

The extracted text is kept in the cache, never beside the corpus: one JSON file a content
hash (``<cache>/extracted/<sha256>-<extractor version>.json``), written atomically and
private (0600) like the index. It is read back only if it has the shape written; anything
else is extracted again. A cache that cannot be written costs the extraction, never the run.
"""

from __future__ import annotations

from collections import namedtuple

from corpus_tui.corpus.extract import EXTRACTED, EXTRACTOR_VERSION, ExtractionError, kind_of
from corpus_tui.corpus.rawtext import DecodeError, decode

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["Source", "SourceError", "extracted_dir", "read_source"]

SourceError = (DecodeError, ExtractionError)


class Source(namedtuple("Source", "text encoding pages kind")):
    """text: the raw text lines count in; encoding: the one used ("" for PDF/DOCX);
    pages: a PDF's (first line, its number on the page) pairs, () otherwise; kind: the format."""

    __slots__ = ()


def extracted_dir(cache_root: Path) -> Path:
    return cache_root / "extracted"


def read_source(path: Path, encoding: str | None, name: str, cache: Path | None = None,
                data: bytes | None = None) -> Source:
    """The text of ``path`` (``name`` in messages); ``cache`` is the extraction cache folder
    (None: extract without keeping it); ``data``: the file's bytes when the caller has read
    (and checked) them already. Raises DecodeError or ExtractionError."""
    if data is None:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise DecodeError(f"{name}: cannot read: {exc.strerror}") from None
    kind = kind_of(path.name) or "text"
    if kind not in EXTRACTED.values():
        text, used = decode(data, encoding, name)
        return Source(text, used, (), kind)
    from corpus_tui.index.cache import sha256_bytes

    entry = None if cache is None else cache / f"{sha256_bytes(data)}-{EXTRACTOR_VERSION}.json"
    got = _cached(entry, encoding)
    if got is not None:
        return got
    from corpus_tui.corpus.extract import extract

    label = name if name == path.name else f"{name} ({path.name})"  # the build names a file by its id
    ex = extract(data, label, encoding, kind)
    got = Source(ex.text, ex.encoding, tuple(ex.pages), ex.kind)
    if entry is not None:
        _save(entry, got, encoding)
    return got


def _cached(entry: Path | None, encoding: str | None) -> Source | None:
    if entry is None:
        return None
    import json

    try:
        obj = json.loads(entry.read_bytes())
        text, used, pages, kind = obj["text"], obj["encoding"], obj["pages"], obj["kind"]
        asked = obj["asked"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not (isinstance(text, str) and isinstance(used, str) and isinstance(kind, str) and isinstance(pages, list)
            and all(isinstance(p, list) and len(p) == 2 and all(type(n) is int and n > 0 for n in p) for p in pages)):
        return None
    if asked != (encoding or ""):
        return None  # an HTML page read with another --encoding is another text
    return Source(text, used, tuple(tuple(p) for p in pages), kind)


def _save(entry: Path, got: Source, encoding: str | None) -> None:
    from corpus_tui.index.cache import atomic_write_json

    try:
        atomic_write_json(entry, {"text": got.text, "encoding": got.encoding, "pages": [list(p) for p in got.pages],
                                  "kind": got.kind, "asked": encoding or ""})
    except OSError:
        pass  # a read-only cache: the next run extracts again
