"""The corpus index: built once per corpus and configuration, saved in the cache.

Layout of one index (a folder named by its key; never changed once renamed into place):
  meta.json        docs, articles, counts, key parts, array lengths (checked on load)
  vocab.json       [words], [POS tags] in id order
  forms.json       {word: {form: count}}: the other forms a folded word had in the raw
                   text (人工智能: {人工智慧: 3}); only where some file was not Simplified
  clean.txt        all documents' clean texts, UTF-8, joined by "\n"
  *.i32            native int32 arrays: tokens (vocab ids), tstarts (token start, code
                   points into clean.txt), sents (sentence id per token), sentstarts,
                   offstarts/offdeltas (clean char -> raw code-point offset in its own
                   file, as runs: from offstarts[k] on, raw = clean + offdeltas[k]; a
                   plain array of it cost 4 bytes a character, the largest file),
                   linestarts (raw line starts of every file, concatenated), freq (per id),
                   charbytes (byte offset of every CHECKPOINT-th character), and the
                   token counts of every segment (a file, or an article's or the rest's
                   stretch of it: stats.frequency.segments): cs_bounds (token start, end per
                   segment), cs_starts (where each segment's rows begin), cs_ids and
                   cs_counts (vocab id and count, ids ascending), so frequencies and
                   keyness read counts instead of counting every token again; parastarts
                   (the first sentence of every paragraph, a clean-text line: `within p`
                   and paragraph co-occurrence read a token's paragraph from its sentence)
Arrays are memory-mapped and viewed as int32 without copying, so opening a 100 MB index
costs a few page faults, not a load.

A damaged array of the right size (a flipped byte) made queries fail with IndexError:
meta.json holds the CRC-32 of every array and of clean.txt, and verified.json the stat
(inode, size, mtime, ctime) of each file when its checksum was last verified. Every open
stats the files anyway (their sizes are checked); a file whose stat differs from
verified.json is checksummed (~1 GB/s) before use, so an unchanged index costs nothing
more and any write to a file after its build is seen. A change that keeps every stat
field (the disk itself rotting) is not.

Beside the folders, `latest-<slot>.terms` names the newest index of each corpus folder and
lists its terms for TAB completion (see _write_pointer).
"""

from __future__ import annotations

import mmap
import os
import sys
from array import array
from bisect import bisect_right

from corpus_tui.records import Record as _Record
from corpus_tui.errors import CorpusError

# A warm query reopens its index through index/stamp.py and never imports the INDEX.md
# parser, the tokenizer module, json or pathlib (~15-25 ms); the full open imports them.
TYPE_CHECKING = False  # typing costs ~4 ms of every query's start; annotations only
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Iterable

    from corpus_tui.corpus.documents import Catalog

FORMAT_VERSION = 9  # 4: charbytes checkpoints; 5: offsets stored as runs; 6: counts per segment; 7: bpairs; 8: parastarts; 9: checksums
ARRAYS = ("tokens", "tstarts", "sents", "sentstarts", "offstarts", "offdeltas", "linestarts", "freq", "charbytes",
          "cs_bounds", "cs_starts", "cs_ids", "cs_counts", "bpairs", "parastarts")
# charbytes[j] = byte offset in clean.txt of character j*CHECKPOINT: a query searches the
# memory-mapped UTF-8 bytes and turns only the hits it reports into code points.
CHECKPOINT = 1024
DECODE_ALL_BYTES = 2_000_000
Progress = "Callable[[str, int, int], None]"  # (what, done, total); a string: no typing import


class DocSpan(_Record):
    """One file inside the index: its stretch of clean.txt, of the token arrays and of linestarts."""

    __slots__ = ("id", "file", "encoding", "char_start", "char_end", "tok_start", "tok_end", "ls_start", "ls_end",
                 "raw_chars", "sha256", "lines", "pages", "script")

    def __init__(self, id: str, file: str, encoding: str, char_start: int, char_end: int, tok_start: int,
                 tok_end: int, ls_start: int, ls_end: int, raw_chars: int, sha256: str, lines: int = 0, pages=(),
                 script: str = ""):
        self.id, self.file, self.encoding = id, file, encoding
        self.char_start, self.char_end, self.tok_start, self.tok_end = char_start, char_end, tok_start, tok_end
        self.ls_start, self.ls_end, self.raw_chars, self.sha256 = ls_start, ls_end, raw_chars, sha256
        self.lines = lines  # raw lines as an editor counts them (a final newline ends a line)
        self.pages = pages  # a PDF's [first line, its number on the page] pairs; raw lines are its lines
        self.script = script  # corpus.script.SCRIPTS: simplified, traditional, mixed, none


class ArticleSpan(_Record):
    __slots__ = ("id", "doc_id", "spans", "tokens", "chars")

    def __init__(self, id: str, doc_id: str, spans: list, tokens: int, chars: int):
        self.id, self.doc_id, self.tokens, self.chars = id, doc_id, tokens, chars
        self.spans = spans  # [[char_start, char_end], ...] in clean.txt coordinates


class OffsetMap:
    """clean character -> raw code-point offset, read like the array it replaces
    (``len``, indexing, ``bisect``), stored as runs where raw - clean is constant: a run
    per line or fold instead of 4 bytes per character (133 MB at 100 MB of text)."""

    __slots__ = ("starts", "deltas", "n")

    def __init__(self, starts, deltas, n: int):
        self.starts, self.deltas, self.n = starts, deltas, n

    def __len__(self) -> int:
        return self.n

    def __getitem__(self, i):
        if isinstance(i, slice):
            return array("i", (self[j] for j in range(*i.indices(self.n))))
        if i < 0:
            i += self.n
        if not 0 <= i < self.n:
            raise IndexError("offset index out of range")
        return i + self.deltas[bisect_right(self.starts, i) - 1]


class CorpusIndex:
    def __init__(self, catalog: Catalog, key: str, folder: str | os.PathLike | None, meta: dict, vocab: list[str],
                 tags: list[str], arrays: dict, _text: str | None = None, _text_bytes: object = None):
        self.catalog, self.key, self.meta = catalog, key, meta
        self.folder = None if folder is None else os.fspath(folder)  # None when built in memory (read-only cache)
        self.vocab, self.tags, self.arrays = vocab, tags, arrays
        self._text, self._text_bytes = _text, _text_bytes
        self._word_ids: dict | None = None
        if "offstarts" in arrays:
            arrays["offsets"] = OffsetMap(arrays["offstarts"], arrays["offdeltas"], meta["offsets_len"])
        self.docs = [DocSpan(**d) for d in meta["docs"]]
        self.articles = [ArticleSpan(**a) for a in meta["articles"]]
        self._doc_starts = [d.char_start for d in self.docs]

    @property
    def path(self) -> Path | None:
        if self.folder is None:
            return None
        from pathlib import Path

        return Path(self.folder)

    # -- arrays ------------------------------------------------------------
    def __getattr__(self, name):
        arrays = self.__dict__.get("arrays")
        if arrays is not None and name in arrays:
            return arrays[name]
        raise AttributeError(name)

    @property
    def text(self) -> str:
        if self._text is None:
            try:
                if self._text_bytes is not None:
                    self._text = bytes(self._text_bytes).decode("utf-8")
                else:
                    with open(os.path.join(self.folder, "clean.txt"), encoding="utf-8") as fh:
                        self._text = fh.read()
            except (UnicodeDecodeError, OSError) as exc:
                # Read lazily (freq/cooc/diff never need it), so checked here, not in load_saved.
                if self.folder is not None:
                    _discard(self.folder)
                reason = f"{exc.reason} at byte {exc.start}" if isinstance(exc, UnicodeDecodeError) else exc.strerror
                raise CorpusError(f"cached index {self.folder} is corrupt (clean.txt: {reason}); "
                                  "it was removed: run the command again to rebuild") from None
        return self._text

    @property
    def folds_script(self) -> bool:
        """Built on the Simplified view (--script fold): queries fold their terms alike."""
        return self.meta.get("key_parts", {}).get("script", "exact").startswith("fold")

    def forms(self) -> dict[str, dict[str, int]]:
        """{word: {form: count}} of the folded words seen in another form (see forms.json);
        read on first use: only freq asks."""
        if "forms" not in self.meta:
            forms = {}
            if self.folder is not None and self.meta.get("has_forms"):
                import json

                try:
                    with open(os.path.join(self.folder, "forms.json"), encoding="utf-8") as fh:
                        forms = json.load(fh)
                except (OSError, ValueError):
                    forms = {}
            self.meta["forms"] = forms
        return self.meta["forms"]

    @property
    def n_tokens(self) -> int:
        return len(self.arrays["tokens"])

    # -- the clean text as memory-mapped UTF-8 -------------------------------
    # Decoding all of clean.txt costs ~150 ms at 100 MB; a query that reports a few hits
    # searches the bytes (UTF-8 is self-synchronising: a byte match of an encoded needle
    # is a character match) and converts offsets through the charbytes checkpoints.
    @property
    def n_chars(self) -> int:
        return self.meta["chars"]

    @property
    def text_buffer(self):
        """clean.txt as a bytes-like object with .find (an mmap, or bytes of an in-memory
        index), or None when the text is already decoded (then str search is faster)."""
        if self._text is not None or "charbytes" not in self.arrays:
            return None
        return self._text_bytes

    def _decode(self, a: int, b: int) -> str:
        """Decode bytes [a, b) of clean.txt, b moved back to a character boundary."""
        buf = self._text_bytes
        n = len(buf)
        if b >= n:
            b = n
        else:
            while b > a and (buf[b] & 0xC0) == 0x80:
                b -= 1
        try:
            return buf[a:b].decode("utf-8")
        except UnicodeDecodeError:
            return self.text[0:0]  # reports (and discards) the corrupt clean.txt

    def byte_of(self, char: int) -> int:
        """Byte offset in clean.txt of character ``char`` (0 <= char <= n_chars)."""
        j, r = divmod(char, CHECKPOINT)
        base = self.arrays["charbytes"][j]
        if r == 0:
            return base
        return base + len(self._decode(base, base + 4 * r)[:r].encode("utf-8"))

    def char_of(self, byte: int, hint: tuple[int, int] | None = None) -> int:
        """Character index of the byte offset ``byte`` (a character boundary). ``hint`` is
        a known (byte, char) pair at or before it: hits in order decode only the gap."""
        cb = self.arrays["charbytes"]
        j = bisect_right(cb, byte) - 1
        b0, c0 = cb[j], j * CHECKPOINT
        if hint is not None and b0 <= hint[0] <= byte:
            b0, c0 = hint
        return c0 + len(self._decode(b0, byte)) if byte > b0 else c0

    def slice(self, a: int, b: int) -> str:
        """``text[a:b]`` (a <= b, both within the text), without decoding the whole text
        unless it is small: below DECODE_ALL_BYTES one decode (~1 ms a MB) is cheaper than
        the checkpoint walk and decode of every slice (three a KWIC line)."""
        buf = self.text_buffer
        if buf is None or len(buf) <= DECODE_ALL_BYTES:
            return self.text[a:b]
        if b <= a:
            return ""
        start = self.byte_of(a)
        return self._decode(start, start + 4 * (b - a))[: b - a]

    def word_id(self, word: str) -> int | None:
        if self._word_ids is None:
            self._word_ids = {w: i for i, w in enumerate(self.vocab)}
        return self._word_ids.get(word)

    # -- positions ---------------------------------------------------------
    def doc_index_at(self, char: int) -> int:
        return max(0, bisect_right(self._doc_starts, char) - 1)

    def doc_at(self, char: int) -> DocSpan:
        return self.docs[self.doc_index_at(char)]

    def article_at(self, char: int) -> ArticleSpan | None:
        for art in self.articles:
            for a, b in art.spans:
                if a <= char < b:
                    return art
        return None

    def raw_offset(self, char: int) -> int:
        return self.arrays["offsets"][char]

    def location(self, char: int) -> tuple[DocSpan, int, int]:
        """(document, raw line, raw column), 1-based, columns in code points."""
        doc = self.doc_at(char)
        raw = self.arrays["offsets"][min(char, len(self.arrays["offsets"]) - 1)]
        ls = self.arrays["linestarts"]
        i = bisect_right(ls, raw, doc.ls_start, doc.ls_end) - 1
        return doc, i - doc.ls_start + 1, raw - ls[i] + 1

    def token_at(self, char: int) -> int:
        """Index of the token that starts at or before ``char`` (-1 if none)."""
        return bisect_right(self.arrays["tstarts"], char) - 1

    def token_end(self, t: int) -> int:
        return self.arrays["tstarts"][t] + len(self.vocab[self.arrays["tokens"][t]])

    def sentence_span(self, char: int) -> tuple[int, int]:
        ss = self.arrays["sentstarts"]
        i = bisect_right(ss, char) - 1
        start = ss[i] if i >= 0 else 0
        end = ss[i + 1] if i + 1 < len(ss) else self.n_chars
        doc = self.doc_at(char)
        return max(start, doc.char_start), min(end, doc.char_end)

    def close(self) -> None:
        for mm in self.meta.get("_mmaps", []):
            try:
                mm.close()
            except (BufferError, ValueError):
                pass


# -- saving and loading ---------------------------------------------------------

class CorruptIndex(Exception):
    pass


def read_meta(folder: str | os.PathLike) -> tuple[dict, list, list]:
    """meta.json and vocab.json of a saved index (json is imported only here: a warm query
    gets them from its stamp, index/stamp.py)."""
    import json

    with open(os.path.join(folder, "meta.json"), encoding="utf-8") as fh:
        meta = json.load(fh)
    if not isinstance(meta, dict):
        raise CorruptIndex("meta.json is not an object")
    with open(os.path.join(folder, "vocab.json"), encoding="utf-8") as fh:
        vocab, tags = json.load(fh)
    return meta, vocab, tags


VERIFIED = "verified.json"


def file_signature(st) -> list:
    return [st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns]


def read_verified(folder: str) -> dict:
    import json

    try:
        with open(os.path.join(folder, VERIFIED), encoding="utf-8") as fh:
            got = json.load(fh)
        return got if isinstance(got, dict) else {}
    except (OSError, ValueError):
        return {}  # lost or damaged: every file is checksummed once more


def _verify(name: str, data, meta: dict) -> None:
    import zlib

    if zlib.crc32(data) != meta["checks"][name]:
        raise CorruptIndex(f"{name} does not match its checksum")


def load_saved(folder: str | os.PathLike, catalog: Catalog, key: str, loaded: tuple | None = None) -> CorpusIndex:
    """Open a saved index, checking everything that is cheap to check; CorruptIndex if not usable.
    ``loaded``: its (meta, vocab, tags) as read_meta gave them before (from a warm stamp,
    with the stats of the files verified then in meta["_verified"])."""
    folder = os.fspath(folder)
    mmaps: list = []
    try:
        if loaded is None:
            meta, vocab, tags = read_meta(folder)
            verified = read_verified(folder)
        else:
            meta, vocab, tags = dict(loaded[0]), loaded[1], loaded[2]
            verified = meta.get("_verified") or {}
        if meta.get("format") != FORMAT_VERSION or meta.get("key") != key:
            raise CorruptIndex("foreign or outdated index format")
        if meta.get("byteorder") != sys.byteorder:
            raise CorruptIndex("index written on a machine of the other byte order")
        arrays, seen, checked = {}, {}, []
        for name in ARRAYS:
            path = os.path.join(folder, f"{name}.i32")
            expected = meta["lengths"][name]
            st = os.stat(path)
            if st.st_size != 4 * expected:
                raise CorruptIndex(f"{name}.i32 has the wrong size")
            seen[f"{name}.i32"] = file_signature(st)
            if expected == 0:
                arrays[name] = array("i")
                continue
            with open(path, "rb") as fh:
                mm = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
            mmaps.append(mm)
            if verified.get(f"{name}.i32") != seen[f"{name}.i32"]:
                _verify(f"{name}.i32", mm, meta)
                checked.append(name)
            arrays[name] = memoryview(mm).cast("i")
        st = os.stat(os.path.join(folder, "clean.txt"))
        clean_size = st.st_size
        seen["clean.txt"] = file_signature(st)
        if clean_size < meta["chars"] or clean_size != meta.get("clean_bytes", clean_size):
            raise CorruptIndex("clean.txt is truncated")
        if not isinstance(vocab, list) or len(vocab) != meta["types"] or len(tags) != len(vocab):
            raise CorruptIndex("vocabulary does not match")
        text_map = None
        if clean_size:
            # Mapped now, decoded on first use: a rebuild swapping the folder meanwhile cannot
            # pull the text from under a running query.
            with open(os.path.join(folder, "clean.txt"), "rb") as fh:
                text_map = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
            mmaps.append(text_map)
        if verified.get("clean.txt") != seen["clean.txt"]:
            _verify("clean.txt", text_map if text_map is not None else b"", meta)
            checked.append("clean.txt")
        if checked and loaded is None:
            _save_verified(folder, seen)
        meta["_verified"] = seen
        meta["_mmaps"] = mmaps
        idx = CorpusIndex(catalog, key, folder, meta, vocab, tags, arrays)
    except CorruptIndex:
        _close_all(mmaps)
        raise
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        _close_all(mmaps)
        raise CorruptIndex(f"{type(exc).__name__}: {exc}") from None
    if text_map is not None:
        idx._text_bytes = text_map
    else:
        idx._text = ""
    return idx


def _save_verified(folder: str, seen: dict) -> None:
    from pathlib import Path

    from corpus_tui.index.cache import atomic_write_json  # the index stage's own cache writer

    try:
        atomic_write_json(Path(folder) / VERIFIED, seen)
    except OSError:
        pass  # verified again next time


def _close_all(mmaps: list) -> None:
    for mm in mmaps:
        try:
            mm.close()
        except (BufferError, ValueError):
            pass


def iter_doc_text(idx: CorpusIndex) -> Iterable[tuple[DocSpan, str]]:
    for d in idx.docs:
        yield d, idx.text[d.char_start:d.char_end]


def _discard(folder: str | os.PathLike) -> None:
    parent, name = os.path.split(os.path.normpath(folder))
    aside = os.path.join(parent, f".{name}.old-{os.getpid()}")
    try:
        os.rename(folder, aside)
    except OSError:
        return
    import shutil  # only a corrupt index gets here

    shutil.rmtree(aside, ignore_errors=True)
