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
                   charbytes (byte offset of every CHECKPOINT-th character), and the
                   token counts of every segment (a file, or an article's or the rest's
                   stretch of it: core.stats.segments): cs_bounds (token start, end per
                   segment), cs_starts (where each segment's rows begin), cs_ids and
                   cs_counts (vocab id and count, ids ascending), so frequencies and
                   keyness read counts instead of counting every token again
Arrays are memory-mapped and viewed as int32 without copying, so opening a 100 MB index
costs a few page faults, not a load.

Beside the folders, `latest-<slot>.terms` names the newest index of each corpus folder and
lists its terms for TAB completion (see _write_pointer).
"""

from __future__ import annotations

import mmap
import os
import sys
from array import array
from bisect import bisect_right
from collections import namedtuple

from corpus_tui.core.cache import atomic_write_bytes, sha256_bytes
from corpus_tui.core.corpusroot import USERDICT_NAME
from corpus_tui.core.records import Record as _Record
from corpus_tui.errors import CorpusError

# A warm query reopens its index through core/warmopen.py and never imports the INDEX.md
# parser, the tokenizer module, json or pathlib (~15-25 ms); the full open imports them.
TYPE_CHECKING = False  # typing costs ~4 ms of every query's start; annotations only
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Callable, Iterable

    from corpus_tui.core.cache import HashCache
    from corpus_tui.core.catalogrecords import Catalog
    from corpus_tui.core.tokenize import TokenizerSpec

FORMAT_VERSION = 7  # 4: charbytes checkpoints; 5: offsets stored as runs; 6: counts per segment; 7: bpairs
ARRAYS = ("tokens", "tstarts", "sents", "sentstarts", "offstarts", "offdeltas", "linestarts", "freq", "charbytes",
          "cs_bounds", "cs_starts", "cs_ids", "cs_counts", "bpairs")
# charbytes[j] = byte offset in clean.txt of character j*CHECKPOINT: a query searches the
# memory-mapped UTF-8 bytes and turns only the hits it reports into code points.
CHECKPOINT = 1024
DECODE_ALL_BYTES = 2_000_000
Progress = "Callable[[str, int, int], None]"  # (what, done, total); a string: no typing import


class IndexOptions(namedtuple("IndexOptions", "corpus cache_dir userdict tokenizer encoding jobs",
                              defaults=(None, None, None, "jieba", None, None))):
    __slots__ = ()
    # corpus: str | None = None
    # cache_dir: str | None = None
    # userdict: str | None = None
    # tokenizer: str = "jieba"
    # encoding: str | None = None
    # jobs: int | None = None


class DocSpan(_Record):
    """One file inside the index: its stretch of clean.txt, of the token arrays and of linestarts."""

    __slots__ = ("id", "file", "encoding", "char_start", "char_end", "tok_start", "tok_end", "ls_start", "ls_end",
                 "raw_chars", "sha256", "lines")

    def __init__(self, id: str, file: str, encoding: str, char_start: int, char_end: int, tok_start: int,
                 tok_end: int, ls_start: int, ls_end: int, raw_chars: int, sha256: str, lines: int = 0):
        self.id, self.file, self.encoding = id, file, encoding
        self.char_start, self.char_end, self.tok_start, self.tok_end = char_start, char_end, tok_start, tok_end
        self.ls_start, self.ls_end, self.raw_chars, self.sha256 = ls_start, ls_end, raw_chars, sha256
        self.lines = lines  # raw lines as an editor counts them (a final newline ends a line)


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


# -- keys and locations ---------------------------------------------------------

def userdicts_for(catalog: Catalog, extra: str | None) -> tuple[Path, ...]:
    from pathlib import Path

    from corpus_tui.core.tokenize import package_userdict

    paths = [package_userdict()]
    local = catalog.root / USERDICT_NAME
    if local.is_file():
        paths.append(local)
    if extra:
        p = Path(extra).expanduser()
        if not p.is_file():
            raise CorpusError(f"--userdict: no such file: {p}")
        paths.append(p)
    return tuple(paths)


def compute_key(catalog: Catalog, spec: TokenizerSpec, hashes: HashCache, encoding: str | None) -> tuple[str, dict, dict]:
    import json

    from corpus_tui.core import normalize
    from corpus_tui.core.tokversion import tokenizer_version

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


# -- saving and loading ---------------------------------------------------------

class CorruptIndex(Exception):
    pass


def read_meta(folder: str | os.PathLike) -> tuple[dict, list, list]:
    """meta.json and vocab.json of a saved index (json is imported only here: a warm query
    gets them from its stamp, core/warmopen.py)."""
    import json

    with open(os.path.join(folder, "meta.json"), encoding="utf-8") as fh:
        meta = json.load(fh)
    if not isinstance(meta, dict):
        raise CorruptIndex("meta.json is not an object")
    with open(os.path.join(folder, "vocab.json"), encoding="utf-8") as fh:
        vocab, tags = json.load(fh)
    return meta, vocab, tags


def load_saved(folder: str | os.PathLike, catalog: Catalog, key: str, loaded: tuple | None = None) -> CorpusIndex:
    """Open a saved index, checking everything that is cheap to check; CorruptIndex if not usable.
    ``loaded``: its (meta, vocab, tags) as read_meta gave them before (from a warm stamp)."""
    folder = os.fspath(folder)
    mmaps: list = []
    try:
        if loaded is None:
            meta, vocab, tags = read_meta(folder)
        else:
            meta, vocab, tags = dict(loaded[0]), loaded[1], loaded[2]
        if meta.get("format") != FORMAT_VERSION or meta.get("key") != key:
            raise CorruptIndex("foreign or outdated index format")
        if meta.get("byteorder") != sys.byteorder:
            raise CorruptIndex("index written on a machine of the other byte order")
        arrays = {}
        for name in ARRAYS:
            path = os.path.join(folder, f"{name}.i32")
            expected = meta["lengths"][name]
            if os.stat(path).st_size != 4 * expected:
                raise CorruptIndex(f"{name}.i32 has the wrong size")
            if expected == 0:
                arrays[name] = array("i")
                continue
            with open(path, "rb") as fh:
                mm = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
            mmaps.append(mm)
            arrays[name] = memoryview(mm).cast("i")
        clean_size = os.stat(os.path.join(folder, "clean.txt")).st_size
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

class IndexStatus(namedtuple("IndexStatus", "root key folder current built")):
    __slots__ = ()
    # root: Path
    # key: str
    # folder: Path
    # current: bool
    # built: str | None


def index_folder(cache: Path, key: str) -> Path:
    return cache / "index" / key


def _locate(opts: IndexOptions):
    """The catalogue, cache, tokenizer spec and key of the index these options ask for."""
    from corpus_tui.core.cache import HashCache, cache_root
    from corpus_tui.core.catalog import load_catalog, resolve_root
    from corpus_tui.core.tokenize import TokenizerSpec

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
        built = read_meta(folder)[0].get("built")
    except (OSError, ValueError, CorruptIndex):
        pass
    return IndexStatus(catalog.root, key, folder, built is not None, built)


def open_index(opts: IndexOptions, progress: Progress | None = None, warn: Callable[[str], None] | None = None,
               rebuild: bool = False) -> CorpusIndex:
    """Load the saved index for this corpus and configuration, building it when needed."""
    from corpus_tui.core import warmopen

    warn = warn or (lambda msg: None)
    if opts.encoding:
        _check_encoding(opts.encoding)
    if not rebuild:
        idx = warmopen.reopen(opts, warn)
        if idx is not None:
            return idx
    started = warmopen.clock()
    idx, cache = _open_full(opts, progress, warn, rebuild)
    if idx.folder is not None:
        warmopen.save(opts, idx, str(pointer_path(cache, idx.catalog.root)), started)
    return idx


def _open_full(opts: IndexOptions, progress, warn, rebuild: bool) -> tuple[CorpusIndex, Path]:
    """open_index the long way: catalogue, hashes, key, then the saved index or a build."""
    catalog, cache, spec, key, parts, doc_hashes, folder = _locate(opts)
    if not rebuild and (folder / "meta.json").exists():
        try:
            idx = _load_and_replay(folder, catalog, key, warn)
        except CorruptIndex as exc:
            warn(f"cached index {folder} is unusable ({exc}); rebuilding")
            _discard(folder)
        else:
            _ensure_pointer(cache, catalog.root, idx)
            return idx, cache
    try:
        from corpus_tui.core.lockfile import IndexLock

        (cache / "index").mkdir(parents=True, exist_ok=True)
        lock = IndexLock(str(cache / "index" / f"{key}.lock"))
        lock.acquire(timeout=600)
    except OSError as exc:
        warn(f"cache dir {cache} is not writable ({exc.__class__.__name__}); working from an index in memory")
        return _in_memory(catalog, spec, key, parts, doc_hashes, _scratch_dir(), opts, progress, warn), cache
    try:
        if not rebuild and (folder / "meta.json").exists():  # another process built it meanwhile
            try:
                return _load_and_replay(folder, catalog, key, warn), cache
            except CorruptIndex:
                _discard(folder)
        # --rebuild keeps the previous folder until the new one is complete (Ctrl-C safe).
        noted: list[str] = []

        def note(msg: str) -> None:
            noted.append(msg)
            warn(msg)

        from corpus_tui.core.build import build_index, save_index  # build-only imports, kept off the query path

        built = build_index(catalog, spec, key, parts, doc_hashes, cache / "jieba", opts.encoding, opts.jobs, progress, note)
        built[0]["warnings"] = noted  # replayed by every later load: same input, same warnings
        try:
            save_index(folder, *built, replace=rebuild)
        except OSError as exc:
            warn(f"cannot save the index in {cache} ({exc.strerror or exc}); using it from memory")
            return _from_memory(catalog, key, *built), cache
        idx = load_saved(folder, catalog, key)
        _move_pointer(cache, catalog.root, idx)
        return idx, cache
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
    except (LookupError, UnicodeError, ValueError):  # a name that is not text (non-UTF-8 bytes) names no codec
        raise CorpusError(f"--encoding: unknown encoding {name!r} (e.g. utf-8, gb18030, utf-16)") from None


def _in_memory(catalog, spec, key, parts, doc_hashes, jieba_dir, opts, progress, warn) -> CorpusIndex:
    from corpus_tui.core.build import build_index

    built = build_index(catalog, spec, key, parts, doc_hashes, jieba_dir, opts.encoding, opts.jobs, progress, warn)
    return _from_memory(catalog, key, *built)


def _from_memory(catalog, key, meta, vocab, tags, arrays, text_bytes) -> CorpusIndex:
    idx = CorpusIndex(catalog, key, None, meta, vocab, tags, {k: memoryview(v) for k, v in arrays.items()})
    idx._text_bytes = text_bytes
    return idx


def _scratch_dir() -> Path:
    import tempfile
    from pathlib import Path

    return Path(tempfile.mkdtemp(prefix="corpus-tui-"))


def _discard(folder: str | os.PathLike) -> None:
    parent, name = os.path.split(os.path.normpath(folder))
    aside = os.path.join(parent, f".{name}.old-{os.getpid()}")
    try:
        os.rename(folder, aside)
    except OSError:
        return
    import shutil  # only a corrupt index gets here

    shutil.rmtree(aside, ignore_errors=True)


def pointer_path(cache: Path, root: Path) -> Path:
    return cache / "index" / f"latest-{corpus_slot(root)}.terms"


def _write_pointer(cache: Path, root: Path, idx: CorpusIndex) -> None:
    """What TAB completion reads about a corpus folder, which never hashes the corpus nor
    opens the index: line 1 the key of its newest index, then one `term<TAB>freq` line per
    term, sorted, so a prefix is one bisect away. Terms are the printable words with a
    letter or digit in them that are not plain numbers; nothing else may reach a shell."""
    freq = idx.arrays["freq"]
    lines = sorted(f"{w}\t{freq[i]}" for i, w in enumerate(idx.vocab)
                   if w.isprintable() and any(ch.isalnum() for ch in w) and not w.isdigit())
    try:
        atomic_write_bytes(pointer_path(cache, root), "\n".join([idx.key, *lines, ""]).encode("utf-8"))
    except OSError:
        pass


def _pointer_key(cache: Path, root: Path) -> str | None:
    return _first_line(pointer_path(cache, root))


def _ensure_pointer(cache: Path, root: Path, idx: CorpusIndex) -> None:
    """The pointer completion reads, also when the index was built for the same texts in
    another folder (a fresh clone, a moved corpus): the key does not depend on the path,
    so no build happens there to write it, and TAB offered no terms."""
    if _pointer_key(cache, root) != idx.key:
        _move_pointer(cache, root, idx)


# What a superseded index must share with the new one to be dropped: the options a user
# may switch between (the other tokenizer, an explicit encoding, a --userdict or none)
# each keep their index. An edited dictionary is the same option: its old index goes.
_SAME_OPTIONS = ("tokenizer", "hmm", "encoding")


def _options(parts: dict) -> tuple:
    dicts = parts.get("userdicts")
    return (*(parts.get(k) for k in _SAME_OPTIONS), len(dicts) if isinstance(dicts, list) else None)


def _move_pointer(cache: Path, root: Path, idx: CorpusIndex) -> None:
    """Point the folder's pointer at ``idx`` and drop the index it named before, if that
    one is superseded: built with the same options (_options), named by no other folder's
    pointer, and not being built or rebuilt right now (its lock is free). A corpus edited
    ten times would otherwise keep ten indexes (3.2 GB at 100 MB). A process still reading
    it keeps its memory maps; a later open of it just builds again."""
    old = _pointer_key(cache, root)
    _write_pointer(cache, root, idx)
    if not old or old == idx.key or not old.isalnum():
        return
    import json

    folder = index_folder(cache, old)
    try:
        with open(folder / "meta.json", encoding="utf-8") as fh:
            meta = json.load(fh)
        parts, new = meta.get("key_parts") or {}, idx.meta.get("key_parts") or {}
        if meta.get("key") != old or _options(parts) != _options(new):
            return
        for name in os.listdir(cache / "index"):
            if name.startswith("latest-") and name.endswith(".terms") and _first_line(cache / "index" / name) == old:
                return
    except (OSError, ValueError, AttributeError):
        return
    from corpus_tui.core.lockfile import IndexLock

    lock = IndexLock(str(cache / "index" / f"{old}.lock"))
    try:
        lock.acquire(timeout=0)
    except OSError:
        return
    try:
        _discard(folder)
    finally:
        lock.release()


def _first_line(path: Path) -> str | None:
    try:
        with open(path, encoding="utf-8") as fh:
            return fh.readline().rstrip("\n")
    except (OSError, ValueError):
        return None


def latest_index_folder(root: Path, cache: Path) -> Path | None:
    key = _pointer_key(cache, root)
    if not key:
        return None
    folder = index_folder(cache, key)
    return folder if (folder / "meta.json").is_file() else None


def iter_doc_text(idx: CorpusIndex) -> Iterable[tuple[DocSpan, str]]:
    for d in idx.docs:
        yield d, idx.text[d.char_start:d.char_end]
