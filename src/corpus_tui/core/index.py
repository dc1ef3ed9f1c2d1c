"""The corpus index: built once per corpus and configuration, saved in the cache.

Layout of one index (a folder named by its key; never changed once renamed into place):
  meta.json        docs, articles, counts, key parts, array lengths (checked on load)
  vocab.json       [words], [POS tags] in id order
  clean.txt        all documents' clean texts, UTF-8, joined by "\n"
  *.i32            native int32 arrays: tokens (vocab ids), tstarts (token start, code
                   points into clean.txt), sents (sentence id per token), sentstarts,
                   offstarts/offdeltas (clean char -> raw code-point offset in its own
                   file, as runs: from offstarts[k] on, raw = clean + offdeltas[k]; a
                   plain array of it cost 4 bytes a character, the largest file),
                   linestarts (raw line starts of every file, concatenated), freq (per id),
                   charbytes (byte offset of every CHECKPOINT-th character)
Arrays are memory-mapped and viewed as int32 without copying, so opening a 100 MB index
costs a few page faults, not a load.
"""

from __future__ import annotations

import json
import mmap
import os
import shutil
import sys
import time
from array import array
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, NamedTuple

from corpus_tui.core import normalize
from corpus_tui.core.cache import HashCache, atomic_write_json, cache_root, sha256_bytes
from corpus_tui.core.catalog import Catalog, Document, load_catalog, resolve_root
from corpus_tui.core.sentences import sentence_starts
from corpus_tui.core.textio import DecodeError, read_text
from corpus_tui.core.tokenize import TokenizerSpec, package_userdict, tokenizer_version
from corpus_tui.errors import CorpusError

FORMAT_VERSION = 5  # 4: charbytes checkpoints; 5: offsets stored as runs
ARRAYS = ("tokens", "tstarts", "sents", "sentstarts", "offstarts", "offdeltas", "linestarts", "freq", "charbytes")
# charbytes[j] = byte offset in clean.txt of character j*CHECKPOINT: a query searches the
# memory-mapped UTF-8 bytes and turns only the hits it reports into code points.
CHECKPOINT = 1024
Progress = Callable[[str, int, int], None]  # (what, done, total)


class IndexOptions(NamedTuple):
    corpus: str | None = None
    cache_dir: str | None = None
    userdict: str | None = None
    tokenizer: str = "jieba"
    encoding: str | None = None
    jobs: int | None = None


@dataclass(slots=True)
class DocSpan:
    id: str
    file: str
    encoding: str
    char_start: int
    char_end: int
    tok_start: int
    tok_end: int
    ls_start: int
    ls_end: int
    raw_chars: int
    sha256: str
    lines: int = 0  # raw lines as an editor counts them (a final newline ends a line)


@dataclass(slots=True)
class ArticleSpan:
    id: str
    doc_id: str
    spans: list  # [[char_start, char_end], ...] in clean.txt coordinates
    tokens: int
    chars: int


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


def _runs(offs) -> tuple[array, array]:
    """(starts, deltas) of the runs of ``offs[i] - i``, with C-level maps (no bytecode per
    character): ~0.1 s per 1 M characters, in the build workers."""
    from itertools import compress
    from operator import ne, sub

    n = len(offs)
    if n == 0:
        return array("i"), array("i")
    d = array("i", map(sub, offs, range(n)))
    starts = array("i", [0])
    starts.extend(compress(range(1, n), map(ne, d[1:], d)))
    return starts, array("i", map(d.__getitem__, starts))


@dataclass
class CorpusIndex:
    catalog: Catalog
    key: str
    path: Path | None  # None when built in memory (read-only cache)
    meta: dict
    vocab: list[str]
    tags: list[str]
    arrays: dict
    _text: str | None = None
    _text_bytes: object = None
    docs: list[DocSpan] = field(default_factory=list)
    articles: list[ArticleSpan] = field(default_factory=list)
    _word_ids: dict | None = None

    def __post_init__(self):
        if "offstarts" in self.arrays:
            self.arrays["offsets"] = OffsetMap(self.arrays["offstarts"], self.arrays["offdeltas"],
                                               self.meta["offsets_len"])
        self.docs = [DocSpan(**d) for d in self.meta["docs"]]
        self.articles = [ArticleSpan(**a) for a in self.meta["articles"]]
        self._doc_starts = [d.char_start for d in self.docs]

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
                    self._text = (self.path / "clean.txt").read_text("utf-8")
            except (UnicodeDecodeError, OSError) as exc:
                # Read lazily (freq/cooc/diff never need it), so checked here, not in load_saved.
                if self.path is not None:
                    _discard(self.path)
                reason = f"{exc.reason} at byte {exc.start}" if isinstance(exc, UnicodeDecodeError) else exc.strerror
                raise CorpusError(f"cached index {self.path} is corrupt (clean.txt: {reason}); "
                                  "it was removed: run the command again to rebuild") from None
        return self._text

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
        """``text[a:b]`` (a <= b, both within the text) without decoding the whole text."""
        if self.text_buffer is None:
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


# -- keys and locations ---------------------------------------------------------

def userdicts_for(catalog: Catalog, extra: str | None) -> tuple[Path, ...]:
    paths = [package_userdict()]
    local = catalog.root / "userdict.txt"
    if local.is_file():
        paths.append(local)
    if extra:
        p = Path(extra).expanduser()
        if not p.is_file():
            raise CorpusError(f"--userdict: no such file: {p}")
        paths.append(p)
    return tuple(paths)


def compute_key(catalog: Catalog, spec: TokenizerSpec, hashes: HashCache, encoding: str | None) -> tuple[str, dict, dict]:
    doc_hashes = {}
    for doc in catalog.documents:
        try:
            doc_hashes[doc.id] = hashes.sha256(doc.path)
        except OSError:
            doc_hashes[doc.id] = "unreadable"
    index_md = catalog.index_file.read_bytes() if catalog.index_file else b""
    parts = {
        "format": FORMAT_VERSION,
        "normalizer": normalize.NORMALIZER_VERSION,
        "tokenizer": spec.name,
        "tokenizer_version": tokenizer_version(spec.name),
        "hmm": spec.hmm,
        "userdicts": [sha256_bytes(p.read_bytes())[:16] for p in spec.userdicts],
        "index_md": sha256_bytes(index_md)[:16],
        "encoding": encoding or "",
        "docs": [[d.id, d.file, d.encoding or "", doc_hashes[d.id]] for d in catalog.documents],
    }
    key = sha256_bytes(json.dumps(parts, sort_keys=True).encode())[:20]
    return key, parts, doc_hashes


def corpus_slot(root: Path) -> str:
    return sha256_bytes(str(root.resolve()).encode())[:12]


# -- building -------------------------------------------------------------------

_WORKER_TOKENIZER = None


def _init_worker(spec: TokenizerSpec, cache_dir: Path) -> None:
    global _WORKER_TOKENIZER
    from corpus_tui.core.tokenize import make_tokenizer

    _WORKER_TOKENIZER = make_tokenizer(spec, cache_dir)


class _DocResult(NamedTuple):
    """What a worker sends back for one file: compact arrays, not 85-byte Python strings a
    token (a 100 MB corpus has ~17 M tokens; pickling them as str cost seconds)."""

    used: str  # the encoding used
    text: str  # clean text
    offstarts: array  # clean char -> raw code-point offset, as runs (see OffsetMap)
    offdeltas: array
    linestarts: array  # raw line starts
    raw_chars: int
    lines: int  # raw lines as an editor counts them
    vocab: list  # this file's distinct words, in order of first occurrence
    ids: array  # per token: index into vocab
    counts: array  # per vocab entry: occurrences
    starts: array  # per token: start (code points into text)


def _process_doc(path: Path, encoding: str | None, name: str):
    """Worker: read, clean and tokenize one file; count and number its words locally."""
    from collections import Counter

    try:
        raw, used = read_text(path, encoding, name)
    except DecodeError as exc:
        return name, None, str(exc)
    cleaned = normalize.clean(raw)
    words, starts = _WORKER_TOKENIZER.cut(cleaned.text)
    counter = Counter(words)  # C loop; insertion order = first occurrence
    vocab = list(counter)
    local = {w: i for i, w in enumerate(vocab)}
    lines = raw.count("\n") + (1 if raw and not raw.endswith("\n") else 0)
    result = _DocResult(used, cleaned.text, *_runs(cleaned.offsets[: len(cleaned.text)]), normalize.line_starts(raw),
                        len(raw), lines, vocab, array("i", map(local.__getitem__, words)),
                        array("i", counter.values()), array("i", starts))
    return name, result, None


def build_index(catalog: Catalog, spec: TokenizerSpec, key: str, parts: dict, doc_hashes: dict,
                cache_dir: Path, encoding: str | None = None, jobs: int | None = None,
                progress: Progress | None = None, warn: Callable[[str], None] | None = None) -> tuple[dict, list, list, dict, bytes]:
    """Build every structure in memory; return (meta, vocab, tags, arrays, clean_text_bytes)."""
    t0 = time.perf_counter()
    docs = list(catalog.documents)
    total_bytes = sum(_size(d.path) for d in docs)
    if jobs is None:
        jobs = 2 if total_bytes > 4_000_000 and (os.cpu_count() or 1) > 1 else 1
    results = _run_docs(docs, spec, cache_dir, encoding, jobs, progress)
    vocab: list[str] = []
    ids: dict[str, int] = {}
    tokens, tstarts, offstarts, offdeltas, linestarts = array("i"), array("i"), array("i"), array("i"), array("i")
    freq = array("i")
    doc_spans, text_parts = [], []
    char_pos = 0
    by_id = {}
    for doc in docs:
        name, res, error = results.pop(doc.id)
        if error:
            if warn:
                warn(error)
            continue
        if text_parts:
            # the separator maps to the raw offset of the previous file's last character
            text_parts.append("\n")
            prev = (char_pos - 1 + offdeltas[-1]) if offstarts else 0
            _add_run(offstarts, offdeltas, char_pos, prev - char_pos)
            char_pos += 1
        tok_start = len(tokens)
        # The file's local word numbers -> global ids: a Python loop over its distinct
        # words only, then C-level maps over the tokens (no bytecode per token).
        remap = []
        for w, c in zip(res.vocab, res.counts):
            i = ids.get(w)
            if i is None:
                i = ids[w] = len(vocab)
                vocab.append(w)
                freq.append(0)
            freq[i] += c
            remap.append(i)
        tokens.extend(array("i", map(remap.__getitem__, res.ids)))
        tstarts.extend(array("i", map(char_pos.__add__, res.starts)) if char_pos else res.starts)
        text_parts.append(res.text)
        if res.offstarts:
            _add_run(offstarts, offdeltas, char_pos + res.offstarts[0], res.offdeltas[0] - char_pos)
            offstarts.extend(array("i", map(char_pos.__add__, res.offstarts[1:])))
            offdeltas.extend(array("i", map((-char_pos).__add__, res.offdeltas[1:])))
        ls_start = len(linestarts)
        linestarts.extend(res.linestarts)
        span = DocSpan(doc.id, doc.file, res.used, char_pos, char_pos + len(res.text), tok_start, len(tokens),
                       ls_start, len(linestarts), res.raw_chars, doc_hashes.get(doc.id, ""))
        span.lines = res.lines
        doc_spans.append(span)
        by_id[doc.id] = (span, res)
        char_pos += len(res.text)
    if not offstarts:
        _add_run(offstarts, offdeltas, 0, 0)  # an empty text still maps char 0 to raw 0
    text = "".join(text_parts)
    del text_parts
    sentstarts = sentence_starts(text)
    sents = _sentence_ids(tstarts, sentstarts)
    text_bytes = text.encode("utf-8")
    charbytes = _char_checkpoints(text)
    articles = _article_spans(catalog, by_id, tstarts, warn)
    tags = _tags(spec, cache_dir, vocab) if vocab else []
    meta = {
        "format": FORMAT_VERSION,
        "key": key,
        "key_parts": parts,
        "built": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "build_seconds": round(time.perf_counter() - t0, 3),
        "jobs": jobs,
        "docs": [dict(zip(DocSpan.__slots__, (getattr(s, f) for f in DocSpan.__slots__))) for s in doc_spans],
        "articles": [dict(zip(ArticleSpan.__slots__, (getattr(a, f) for f in ArticleSpan.__slots__))) for a in articles],
        "chars": len(text),
        "offsets_len": max(1, len(text)),
        "types": len(vocab),
        "byteorder": sys.byteorder,
    }
    arrays = {"tokens": tokens, "tstarts": tstarts, "sents": sents, "sentstarts": sentstarts,
              "offstarts": offstarts, "offdeltas": offdeltas, "linestarts": linestarts, "freq": freq,
              "charbytes": charbytes}
    meta["lengths"] = {k: len(v) for k, v in arrays.items()}
    return meta, vocab, tags, arrays, text_bytes


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _run_docs(docs, spec, cache_dir, encoding, jobs, progress):
    results = {}
    total = len(docs)
    if jobs <= 1 or total <= 1:
        _init_worker(spec, cache_dir)
        for n, doc in enumerate(docs, 1):
            results[doc.id] = _process_doc(doc.path, doc.encoding or encoding, doc.id)
            if progress:
                progress("tokenizing", n, total)
        return results
    from concurrent.futures import ProcessPoolExecutor, as_completed
    import multiprocessing

    ctx = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=_init_worker,
                             initargs=(spec, cache_dir)) as pool:
        futures = [pool.submit(_process_doc, d.path, d.encoding or encoding, d.id) for d in
                   sorted(docs, key=lambda d: -_size(d.path))]
        for n, fut in enumerate(as_completed(futures), 1):
            name, payload, error = fut.result()
            results[name] = (name, payload, error)
            if progress:
                progress("tokenizing", n, total)
    return results


def _add_run(starts: array, deltas: array, start: int, delta: int) -> None:
    if not deltas or deltas[-1] != delta:
        starts.append(start)
        deltas.append(delta)


def _char_checkpoints(text: str) -> array:
    """charbytes: the byte offset of every CHECKPOINT-th character (entry j for j*CHECKPOINT
    <= len(text)), by encoding the text a checkpoint at a time."""
    cb = array("i", [0])
    pos = 0
    for j in range(CHECKPOINT, len(text) + 1, CHECKPOINT):
        pos += len(text[j - CHECKPOINT:j].encode("utf-8"))
        cb.append(pos)
    return cb


def _sentence_ids(tstarts: array, sentstarts: array) -> array:
    """Sentence id per token, bisect_right(sentstarts, tstart) - 1 (at least 0), filled a
    sentence at a time: one bisect per sentence instead of a Python step per token."""
    sents = array("i")
    n, nt = len(sentstarts), len(tstarts)
    lo = 0
    for s in range(n):
        hi = bisect_left(tstarts, sentstarts[s + 1], lo) if s + 1 < n else nt
        if hi > lo:
            sents.extend(array("i", [s]) * (hi - lo))
        lo = hi
    return sents


def _article_spans(catalog: Catalog, by_id: dict, tstarts: array, warn) -> list[ArticleSpan]:
    out = []
    for art in catalog.articles:
        if art.doc_id not in by_id:
            continue
        span, res = by_id[art.doc_id]
        n_clean = len(res.text)
        ls, offsets = res.linestarts, OffsetMap(res.offstarts, res.offdeltas, n_clean)
        spans, toks, chars = [], 0, 0
        for first, last in art.ranges:
            if first > span.lines:
                if warn:
                    warn(f"INDEX.md:{art.line}: article {art.id}: line {first} is past the end of {span.file} ({span.lines} lines)")
                continue
            raw_a = ls[first - 1]
            raw_b = ls[last] if last < len(ls) else res.raw_chars
            a = bisect_right(offsets, raw_a - 1, 0, n_clean)
            b = bisect_right(offsets, raw_b - 1, 0, n_clean)
            if b > a:
                spans.append([span.char_start + a, span.char_start + b])
                chars += b - a
                toks += bisect_right(tstarts, span.char_start + b - 1) - bisect_right(tstarts, span.char_start + a - 1)
        out.append(ArticleSpan(art.id, art.doc_id, spans, toks, chars))
    return out


def _tags(spec: TokenizerSpec, cache_dir: Path, vocab: list[str]) -> list[str]:
    """Tags from jieba's dictionary file and the user dictionaries (what every tokenizer's
    tags() returns), read without a tokenizer: after a 2-process build the parent has none,
    and making one cost a second dictionary load (~0.6 s)."""
    from corpus_tui.core.tokenize import dictionary_tags

    return dictionary_tags(vocab, spec.userdicts)


# -- saving and loading ---------------------------------------------------------

def save_index(folder: Path, meta: dict, vocab: list, tags: list, arrays: dict, text_bytes: bytes,
               replace: bool = False) -> None:
    """Write into a fresh temp folder, then rename it into place (atomic on POSIX).

    With ``replace`` (``--rebuild``) an existing folder of the same key is swapped out only
    once the new one is complete, so an interrupted rebuild leaves the previous index intact.
    """
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = folder.parent / f".{folder.name}.tmp-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    meta = dict(meta, clean_bytes=len(text_bytes))
    try:
        for name in ARRAYS:
            _write_synced(tmp / f"{name}.i32", arrays[name].tobytes())
        _write_synced(tmp / "clean.txt", text_bytes)
        _write_synced(tmp / "vocab.json", json.dumps([vocab, tags], ensure_ascii=False).encode("utf-8"))
        _write_synced(tmp / "meta.json", json.dumps(meta, ensure_ascii=False).encode("utf-8"))
        try:
            os.rename(tmp, folder)
        except OSError:
            if not folder.exists():
                raise
            if not replace:
                shutil.rmtree(tmp, ignore_errors=True)  # another process finished first: keep theirs
                return
            aside = folder.parent / f".{folder.name}.old-{os.getpid()}"
            os.rename(folder, aside)
            try:
                os.rename(tmp, folder)
            except BaseException:
                os.rename(aside, folder)
                raise
            shutil.rmtree(aside, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _write_synced(path: Path, data: bytes) -> None:
    with open(path, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


class CorruptIndex(Exception):
    pass


def load_saved(folder: Path, catalog: Catalog, key: str) -> CorpusIndex:
    """Open a saved index, checking everything that is cheap to check; CorruptIndex if not usable."""
    mmaps: list = []
    try:
        meta = json.loads((folder / "meta.json").read_text("utf-8"))
        if not isinstance(meta, dict):
            raise CorruptIndex("meta.json is not an object")
        if meta.get("format") != FORMAT_VERSION or meta.get("key") != key:
            raise CorruptIndex("foreign or outdated index format")
        if meta.get("byteorder") != sys.byteorder:
            raise CorruptIndex("index written on a machine of the other byte order")
        vocab, tags = json.loads((folder / "vocab.json").read_text("utf-8"))
        arrays = {}
        for name in ARRAYS:
            path = folder / f"{name}.i32"
            expected = meta["lengths"][name]
            if path.stat().st_size != 4 * expected:
                raise CorruptIndex(f"{name}.i32 has the wrong size")
            if expected == 0:
                arrays[name] = array("i")
                continue
            with open(path, "rb") as fh:
                mm = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
            mmaps.append(mm)
            arrays[name] = memoryview(mm).cast("i")
        clean_size = (folder / "clean.txt").stat().st_size
        if clean_size < meta["chars"] or clean_size != meta.get("clean_bytes", clean_size):
            raise CorruptIndex("clean.txt is truncated")
        if not isinstance(vocab, list) or len(vocab) != meta["types"] or len(tags) != len(vocab):
            raise CorruptIndex("vocabulary does not match")
        text_map = None
        if clean_size:
            # Mapped now, decoded on first use: a rebuild swapping the folder meanwhile cannot
            # pull the text from under a running query.
            with open(folder / "clean.txt", "rb") as fh:
                text_map = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
            mmaps.append(text_map)
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


def _close_all(mmaps: list) -> None:
    for mm in mmaps:
        try:
            mm.close()
        except (BufferError, ValueError):
            pass


# -- the one entry point --------------------------------------------------------

class IndexStatus(NamedTuple):
    root: Path
    key: str
    folder: Path
    current: bool
    built: str | None


def index_folder(cache: Path, key: str) -> Path:
    return cache / "index" / key


def _locate(opts: IndexOptions):
    """The catalogue, cache, tokenizer spec and key of the index these options ask for."""
    catalog = load_catalog(resolve_root(opts.corpus))
    cache = cache_root(opts.cache_dir)
    spec = TokenizerSpec(opts.tokenizer, userdicts_for(catalog, opts.userdict))
    hashes = HashCache(cache)
    key, parts, doc_hashes = compute_key(catalog, spec, hashes, opts.encoding)
    hashes.save()
    return catalog, cache, spec, key, parts, doc_hashes, index_folder(cache, key)


def status(opts: IndexOptions) -> IndexStatus:
    catalog, _, _, key, _, _, folder = _locate(opts)
    built = None
    try:
        built = json.loads((folder / "meta.json").read_text("utf-8")).get("built")
    except (OSError, ValueError):
        pass
    return IndexStatus(catalog.root, key, folder, built is not None, built)


def open_index(opts: IndexOptions, progress: Progress | None = None, warn: Callable[[str], None] | None = None,
               rebuild: bool = False) -> CorpusIndex:
    """Load the saved index for this corpus and configuration, building it when needed."""
    warn = warn or (lambda msg: None)
    if opts.encoding:
        _check_encoding(opts.encoding)
    catalog, cache, spec, key, parts, doc_hashes, folder = _locate(opts)
    if not rebuild and (folder / "meta.json").exists():
        try:
            return _load_and_replay(folder, catalog, key, warn)
        except CorruptIndex as exc:
            warn(f"cached index {folder} is unusable ({exc}); rebuilding")
            _discard(folder)
    try:
        from filelock import FileLock, Timeout

        (cache / "index").mkdir(parents=True, exist_ok=True)
        lock = FileLock(str(cache / "index" / f"{key}.lock"))
        lock.acquire(timeout=600)
    except (OSError, Timeout) as exc:
        warn(f"cache dir {cache} is not writable ({exc.__class__.__name__}); working from an index in memory")
        return _in_memory(catalog, spec, key, parts, doc_hashes, _scratch_dir(), opts, progress, warn)
    try:
        if not rebuild and (folder / "meta.json").exists():  # another process built it meanwhile
            try:
                return _load_and_replay(folder, catalog, key, warn)
            except CorruptIndex:
                _discard(folder)
        # --rebuild keeps the previous folder until the new one is complete (Ctrl-C safe).
        noted: list[str] = []

        def note(msg: str) -> None:
            noted.append(msg)
            warn(msg)

        built = build_index(catalog, spec, key, parts, doc_hashes, cache / "jieba", opts.encoding, opts.jobs, progress, note)
        built[0]["warnings"] = noted  # replayed by every later load: same input, same warnings
        try:
            save_index(folder, *built, replace=rebuild)
        except OSError as exc:
            warn(f"cannot save the index in {cache} ({exc.strerror or exc}); using it from memory")
            return _from_memory(catalog, key, *built)
        _write_pointer(cache, catalog.root, key)
        return load_saved(folder, catalog, key)
    finally:
        lock.release()


def _load_and_replay(folder: Path, catalog: Catalog, key: str, warn: Callable[[str], None]) -> CorpusIndex:
    idx = load_saved(folder, catalog, key)
    noted = idx.meta.get("warnings")
    for msg in noted if isinstance(noted, list) else ():
        warn(str(msg))
    return idx


def _check_encoding(name: str) -> None:
    import codecs

    try:
        codecs.lookup(name)
    except LookupError:
        raise CorpusError(f"--encoding: unknown encoding {name!r} (e.g. utf-8, gb18030, utf-16)") from None


def _in_memory(catalog, spec, key, parts, doc_hashes, jieba_dir, opts, progress, warn) -> CorpusIndex:
    built = build_index(catalog, spec, key, parts, doc_hashes, jieba_dir, opts.encoding, opts.jobs, progress, warn)
    return _from_memory(catalog, key, *built)


def _from_memory(catalog, key, meta, vocab, tags, arrays, text_bytes) -> CorpusIndex:
    idx = CorpusIndex(catalog, key, None, meta, vocab, tags, {k: memoryview(v) for k, v in arrays.items()})
    idx._text_bytes = text_bytes
    return idx


def _scratch_dir() -> Path:
    import tempfile

    return Path(tempfile.mkdtemp(prefix="corpus-tui-"))


def _discard(folder: Path) -> None:
    aside = folder.parent / f".{folder.name}.old-{os.getpid()}"
    try:
        os.rename(folder, aside)
    except OSError:
        return
    shutil.rmtree(aside, ignore_errors=True)


def _write_pointer(cache: Path, root: Path, key: str) -> None:
    """Remember the newest index of a corpus folder, for completion (which never hashes)."""
    try:
        atomic_write_json(cache / "index" / f"latest-{corpus_slot(root)}.json", {"root": str(root.resolve()), "key": key})
    except OSError:
        pass


def latest_index_folder(root: Path, cache: Path) -> Path | None:
    try:
        data = json.loads((cache / "index" / f"latest-{corpus_slot(root)}.json").read_text("utf-8"))
        folder = index_folder(cache, data["key"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return folder if (folder / "meta.json").is_file() else None


def iter_doc_text(idx: CorpusIndex) -> Iterable[tuple[DocSpan, str]]:
    for d in idx.docs:
        yield d, idx.text[d.char_start:d.char_end]
