"""Reopen the index a command used last time without reading INDEX.md again.

Beyond the interpreter, a warm query spent most of its time deciding which index to open:
reading and parsing INDEX.md, resolving every listed path, checking every file against
the hash cache, hashing the key, parsing meta.json and vocab.json, with pathlib, re and
json imported for it (~15-25 ms of a 50-90 ms query). After a full open, open_index saves
a *stamp*: the stat of everything that open depended on (INDEX.md, every path a row
names, the folders searched for unlisted .txt files, the user dictionaries, the index's
meta.json and vocab.json), the tokenizer's version, and what the open made of them (the
catalogue, the key, meta and vocabulary), in marshal form. The folder's completion
pointer must still name this index (another index of the folder takes it when opened).

The next open with the same options stats those paths. Only if every stat is identical
(inode, size, mtime and ctime: an edit that restores the mtime still moves the ctime) is
the result reused; any difference, a missing or damaged stamp, another Python or another
tokenizer version falls back to the full open, which writes a new stamp. A corpus folder
without INDEX.md (every .txt under it, recursively) gets no stamp.

A file changed while the full open read it must not be stamped as read: like git's "racy
clean" rule, no stamp is saved while anything it depends on changed less than RACY_NS
before that open began; the next open after that does the full work again.
"""

from __future__ import annotations

import marshal
import os
import sys
import time

from corpus_tui.index.cache import cache_root_str, not_private, open_exclusive, sha256_bytes
from corpus_tui.corpus.documents import Article, Catalog, Document, Problem
from corpus_tui.corpus.root import USERDICT_NAME, resolve_root_str
from corpus_tui.tokens.version import package_userdict_str, tokenizer_version
from corpus_tui.errors import CorpusError

STAMP_VERSION = 1
RACY_NS = 2_000_000_000  # file times lag the clock by a tick; a network share's by more


def clock() -> int:
    return time.time_ns()


def stamp_path(opts) -> str | None:
    """Where the stamp for these options lives; None if the corpus folder cannot be named
    without the full open (which then reports what is wrong)."""
    found = _locate(opts)
    return found and found[0]


def _locate(opts) -> tuple[str, tuple] | None:
    """(stamp path, fingerprint) of these options."""
    try:
        root = os.path.abspath(resolve_root_str(opts.corpus))
        cache = cache_root_str(opts.cache_dir)
    except (CorpusError, OSError, ValueError):
        return None
    fingerprint = _fingerprint(opts, root)
    digest = sha256_bytes(repr(fingerprint).encode("utf-8", "surrogatepass"))[:20]
    return os.path.join(cache, "index", f"warm-{digest}.stamp"), fingerprint


def _fingerprint(opts, root: str) -> tuple:
    """Everything besides the files that decides which index the options mean: a new
    normaliser or index format means a new key, which only the full open computes."""
    from corpus_tui import __version__
    from corpus_tui.index import saved
    from corpus_tui.corpus import normalize
    return (STAMP_VERSION, __version__, saved.FORMAT_VERSION, normalize.NORMALIZER_VERSION, sys.version, root,
            opts.userdict, opts.tokenizer, opts.encoding, opts.script)


def signature(path: str):
    """What a change to ``path`` changes; None when it cannot be stat'ed (missing, a bad name)."""
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    return (st.st_ino, st.st_dev, st.st_mode, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def reopen(opts, warn):
    """The index of the last full open with these options if nothing it depended on changed
    since, else None. Replays the build's warnings as the full open does."""
    from corpus_tui.index.saved import CorruptIndex
    from corpus_tui.index.shards.joined import open_saved

    found = _locate(opts)
    if found is None:
        return None
    try:
        with open(found[0], "rb") as fh:
            st = os.fstat(fh.fileno())
            index_dir = os.path.dirname(found[0])
            if st.st_uid != os.geteuid() or st.st_mode & 0o022 or not_private(index_dir) \
                    or not_private(os.path.dirname(index_dir)):
                return None  # not our own private file: the full open decides what to do with the cache
            stamp = marshal.loads(fh.read())
        fingerprint, tokver, checks, pointer, cat, key, folder, loaded = stamp
        if fingerprint != found[1]:  # a digest collision, however unlikely
            return None
        if tokver != tokenizer_version(opts.tokenizer):
            return None
        if not _trusted(found, checks, pointer, cat, folder):
            return None
        for path, sig in checks:
            if signature(path) != sig:
                return None
        with open(pointer, encoding="utf-8") as fh:  # TAB's terms: another index of the folder may have taken it
            if fh.readline().rstrip("\n") != key:
                return None
        catalog = Catalog(cat[0], cat[1], tuple(Document(*d) for d in cat[2]), tuple(Article(*a) for a in cat[3]),
                          tuple(Problem(*p) for p in cat[4]), cat[5])
        idx = open_saved(folder, catalog, key, loaded)
    except (OSError, EOFError, ValueError, TypeError, IndexError, KeyError, CorpusError, CorruptIndex):
        return None
    noted = idx.meta.get("warnings")
    for msg in noted if isinstance(noted, list) else ():
        warn(str(msg))
    return idx


def _trusted(found, checks, pointer: str, cat, folder: str) -> bool:
    """Nothing read back from the cache is trusted: the catalogue's folder is the one the
    options name, every file it lists lies inside it, INDEX.md and every listed file are
    among the checks (a stamp without its checks is stale), and the index folder and the
    pointer lie in this cache's index folder."""
    root = found[1][5]
    index_dir = os.path.dirname(found[0]) + os.sep
    if cat[0] != root or cat[1] != os.path.join(root, "INDEX.md"):
        return False
    inside = root.rstrip(os.sep) + os.sep
    checked = {p for p, sig in checks if sig is not None}
    for d in cat[2]:
        location = d[2]
        if os.path.normpath(location) != location or not location.startswith(inside) or location not in checked:
            return False
    return (cat[1] in checked and os.path.normpath(folder).startswith(index_dir)
            and os.path.normpath(pointer).startswith(index_dir) and folder.startswith(index_dir))


def save(opts, idx, pointer: str, started: int) -> bool:
    """Stamp ``idx``, just opened in full with ``opts`` (the full open began at ``started``,
    a clock() value). False when nothing was saved: an in-memory index, a folder without
    INDEX.md, an input that changed too recently, or a cache that cannot be written."""
    catalog = idx.catalog
    if idx.folder is None or catalog.index_md is None:
        return False
    found = _locate(opts)
    if found is None:
        return False
    where, fingerprint = found
    inputs = list(catalog.watched)
    inputs += [package_userdict_str(), os.path.join(catalog.folder, USERDICT_NAME)]
    if opts.userdict:
        inputs.append(os.path.expanduser(opts.userdict))
    own = [os.path.join(idx.folder, "meta.json"), os.path.join(idx.folder, "vocab.json")]
    checks = [(p, signature(p)) for p in inputs + own]
    newest = max((max(sig[4], sig[5]) for _, sig in checks[:len(inputs)] if sig is not None), default=0)
    if newest >= started - RACY_NS or any(sig is None for _, sig in checks[len(inputs):]):
        return False
    meta = {k: v for k, v in idx.meta.items() if k != "_mmaps"}
    cat = (catalog.folder, catalog.index_md, [tuple(d) for d in catalog.documents],
           [tuple(a) for a in catalog.articles], [tuple(p) for p in catalog.problems], tuple(catalog.watched))
    stamp = (fingerprint, tokenizer_version(opts.tokenizer), checks, pointer, cat, idx.key, idx.folder,
             (meta, idx.vocab, idx.tags))
    tmp = f"{where}.{os.getpid()}.{sha256_bytes(os.urandom(16))[:12]}.tmp"  # not a name to plant a link at
    try:
        data = marshal.dumps(stamp)
        with os.fdopen(open_exclusive(tmp), "wb") as fh:  # no fsync: a stamp lost in a crash only costs one full open
            fh.write(data)
        os.replace(tmp, where)
    except (OSError, ValueError):
        try:
            os.unlink(tmp)
        except OSError:
            pass
        return False
    return True
