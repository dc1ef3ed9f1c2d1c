"""Opening the index a command asks for: the warm stamp first, else the catalogue, hashes and
key, then the saved index or a build under the lock; and the pointer to a corpus's newest index."""

from __future__ import annotations

import os
from collections import namedtuple

from corpus_tui.errors import CorpusError
from corpus_tui.index.cache import atomic_write_bytes
from corpus_tui.index.saved import CorpusIndex, CorruptIndex, Progress, _discard, read_meta
from corpus_tui.index.shards.joined import open_saved

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Callable

    from corpus_tui.corpus.documents import Catalog
    from corpus_tui.corpus.options import CorpusOptions


class IndexStatus(namedtuple("IndexStatus", "root key folder current built")):
    __slots__ = ()
    # root: Path
    # key: str
    # folder: Path
    # current: bool
    # built: str | None


def index_folder(cache: Path, key: str) -> Path:
    return cache / "index" / key


def _locate(opts: CorpusOptions):
    """The catalogue, cache, tokenizer spec and key of the index these options ask for."""
    from corpus_tui.index.cache import HashCache, cache_root, not_private
    from corpus_tui.corpus.catalog import load_catalog, resolve_root
    from corpus_tui.tokens.tokenizer import TokenizerSpec

    catalog = load_catalog(resolve_root(opts.corpus))
    cache = cache_root(opts.cache_dir)
    from corpus_tui.index.key import compute_key, userdicts_for  # the long way only: a warm open has its key

    spec = TokenizerSpec(opts.tokenizer, userdicts_for(catalog, opts.userdict), script=opts.script)
    hashes = HashCache(None if not_private(cache) else cache)
    key, parts, doc_hashes = compute_key(catalog, spec, hashes, opts.encoding)
    hashes.save()
    return catalog, cache, spec, key, parts, doc_hashes, index_folder(cache, key)


def status(opts: CorpusOptions) -> IndexStatus:
    catalog, _, _, key, _, _, folder = _locate(opts)
    built = None
    try:
        built = read_meta(folder)[0].get("built")
    except (OSError, ValueError, CorruptIndex):
        pass
    return IndexStatus(catalog.root, key, folder, built is not None, built)


def open_index(opts: CorpusOptions, progress: Progress | None = None, warn: Callable[[str], None] | None = None,
               rebuild: bool = False) -> CorpusIndex:
    """Load the saved index for this corpus and configuration, building it when needed."""
    from corpus_tui.index import stamp
    warn = warn or (lambda msg: None)
    if opts.encoding:
        _check_encoding(opts.encoding)
    if not rebuild:
        idx = stamp.reopen(opts, warn)
        if idx is not None:
            return idx
    started = stamp.clock()
    idx, cache = _open_full(opts, progress, warn, rebuild)
    if idx.folder is not None:
        stamp.save(opts, idx, str(pointer_path(cache, idx.catalog.root)), started)
    return idx


def _open_full(opts: CorpusOptions, progress, warn, rebuild: bool) -> tuple[CorpusIndex, Path]:
    """open_index the long way: catalogue, hashes, key, then the saved index or a build."""
    from corpus_tui.index.cache import make_private_dir, not_private

    catalog, cache, spec, key, parts, doc_hashes, folder = _locate(opts)
    unsafe = not_private(cache) or not_private(cache / "index")
    if unsafe:
        # Another user could plant links, stamps (marshal) or a catalogue with paths of
        # their choice there: nothing is read from it or written to it.
        warn(f"cache dir {cache} is {unsafe}; not used: working from an index in memory")
        return _in_memory(catalog, spec, key, parts, doc_hashes, opts, progress, warn), cache
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
        from corpus_tui.index.lock import IndexLock

        make_private_dir(cache)
        make_private_dir(cache / "index")
        lock = IndexLock(str(cache / "index" / f"{key}.lock"))
        lock.acquire(timeout=600, waiting=lambda holder: warn(
            f"waiting for the index lock {lock.path}, held by {holder} (building this index)"))
    except OSError as exc:
        warn(f"cache dir {cache} is not writable ({exc.__class__.__name__}); working from an index in memory")
        return _in_memory(catalog, spec, key, parts, doc_hashes, opts, progress, warn), cache
    try:
        _remove_leftovers(cache / "index", key)
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

        from corpus_tui.index.build import build_index  # build-only imports, kept off the query path
        from corpus_tui.index.shards.manifest import save_index

        from corpus_tui.index.sources import extracted_dir

        built = build_index(catalog, spec, key, parts, doc_hashes, cache / "jieba", opts.encoding, opts.jobs, progress, note,
                            extracted_dir(cache), opts.dask, opts.shard_size)
        built[0]["warnings"] = noted  # replayed by every later load: same input, same warnings
        try:
            save_index(folder, *built, replace=rebuild)
        except OSError as exc:
            if built[0].get("shards"):
                raise CorpusError(f"cannot save the sharded index in {cache} ({exc.strerror or exc})") from None
            warn(f"cannot save the index in {cache} ({exc.strerror or exc}); using it from memory")
            return _from_memory(catalog, key, *built), cache
        idx = open_saved(folder, catalog, key)
        _move_pointer(cache, catalog.root, idx)
        return idx, cache
    finally:
        lock.release()


def _load_and_replay(folder: Path, catalog: Catalog, key: str, warn: Callable[[str], None]) -> CorpusIndex:
    idx = open_saved(folder, catalog, key)
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


def _in_memory(catalog, spec, key, parts, doc_hashes, opts, progress, warn) -> CorpusIndex:
    """Build without the cache. jieba's dictionary cache (9 MB) goes to a scratch folder,
    removed again: every run with an unusable cache left one behind in $TMPDIR."""
    import shutil

    from corpus_tui.index.build import build_index

    scratch = _scratch_dir()
    try:
        built = build_index(catalog, spec, key, parts, doc_hashes, scratch, opts.encoding, opts.jobs, progress, warn,
                            dask=opts.dask)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return _from_memory(catalog, key, *built)


def _remove_leftovers(index_dir: Path, key: str) -> None:
    """Temp and set-aside folders of this key that a killed build or discard left behind
    (`.<key>.tmp-<pid>`, `.<key>.old-<pid>`): only a holder of the key's lock makes them,
    and this process holds it now."""
    import shutil

    try:
        names = os.listdir(index_dir)
    except OSError:
        return
    for name in names:
        if name.startswith((f".{key}.tmp-", f".{key}.old-")):
            shutil.rmtree(index_dir / name, ignore_errors=True)


def _from_memory(catalog, key, meta, vocab, tags, arrays, text_bytes) -> CorpusIndex:
    idx = CorpusIndex(catalog, key, None, meta, vocab, tags, {k: memoryview(v) for k, v in arrays.items()})
    idx._text_bytes = text_bytes
    return idx


def _scratch_dir() -> Path:
    import tempfile
    from pathlib import Path

    return Path(tempfile.mkdtemp(prefix="corpus-tui-"))


def pointer_path(cache: Path, root: Path) -> Path:
    from corpus_tui.index.key import corpus_slot

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
    from corpus_tui.index.lock import IndexLock

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
    if not key or not key.isalnum():  # hex digits: a key read back may not name another path
        return None
    folder = index_folder(cache, key)
    return folder if (folder / "meta.json").is_file() else None
