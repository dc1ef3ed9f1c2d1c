"""Opening a sharded index (index.shards.manifest): every shard's arrays joined into the
arrays of one index, the very ones a build over all files in one merger gives, so every
query reads a CorpusIndex as before and answers exactly as over the plain index.

What the join costs, at every open: a copy of every token-sized array (tokens renumbered
through the shard's remap in C, token starts and sentence numbers shifted by big-integer
additions: index.int_arrays) and of the clean text, all in memory instead of memory-mapped:
~12 bytes a token plus the text's bytes (a 100 MB corpus: ~17 M tokens, ~0.3 GB; times in
docs/SCALE.md). What is
vocabulary-sized (freq, per-segment counts, bpairs, charbytes) was merged by the build and
is mapped from the manifest's folder like a plain index's arrays.
"""

from __future__ import annotations

import mmap
import os
from array import array

from corpus_tui.index import int_arrays
from corpus_tui.index.saved import (FORMAT_VERSION, CorpusIndex, CorruptIndex, _verify, file_signature, load_saved,
                                    read_meta, read_verified)

TOP_ARRAYS = ("freq", "charbytes", "bpairs", "cs_bounds", "cs_starts", "cs_ids", "cs_counts", "remaps")
FIRST_SHARD = "shard-000"


def open_saved(folder: str | os.PathLike, catalog, key: str, loaded: tuple | None = None) -> CorpusIndex:
    """index.saved.load_saved for a plain index folder or a sharded one (a manifest with a
    shard-000 folder beside it); CorruptIndex if not usable."""
    folder = os.fspath(folder)
    if loaded is not None and not loaded[0].get("shards") or loaded is None and not os.path.isdir(
            os.path.join(folder, FIRST_SHARD)):
        return load_saved(folder, catalog, key, loaded)
    try:
        return _join(folder, catalog, key, loaded)
    except CorruptIndex:
        raise
    except (OSError, ValueError, KeyError, TypeError, AttributeError, IndexError) as exc:
        raise CorruptIndex(f"{type(exc).__name__}: {exc}") from None


def _join(folder: str, catalog, key: str, loaded: tuple | None) -> CorpusIndex:
    if loaded is None:
        meta, vocab, tags = read_meta(folder)
        verified = read_verified(folder)
    else:
        meta, vocab, tags = dict(loaded[0]), loaded[1], loaded[2]
        verified = meta.get("_verified") or {}
    if meta.get("format") != FORMAT_VERSION or meta.get("key") != key or not meta.get("shards"):
        raise CorruptIndex("foreign or outdated index format")
    if not isinstance(vocab, list) or len(vocab) != meta["types"] or len(tags) != len(vocab):
        raise CorruptIndex("vocabulary does not match")
    mmaps, seen, top = [], {}, {}
    try:
        for name in TOP_ARRAYS:
            top[name] = _map(folder, name, meta, verified, seen, mmaps)
        shards = []
        try:
            for entry in meta["shards"]:
                shard = load_saved(os.path.join(folder, entry["folder"]), catalog, key)
                shards.append(shard)
                if [d.id for d in shard.docs] != entry["docs"] or len(shard.vocab) != entry["types"]:
                    raise CorruptIndex(f"shard {entry['folder']} does not match the manifest")
            arrays, text = _concat(meta, shards, top["remaps"])
        finally:
            for shard in shards:
                shard.close()  # their arrays were copied
    except BaseException:
        from corpus_tui.index.saved import _close_all

        top.clear()
        _close_all(mmaps)
        raise
    for name in ("tokens", "tstarts", "sents", "linestarts"):
        if len(arrays[name]) != meta["lengths"][name]:
            raise CorruptIndex(f"joined {name} has the wrong length")
    arrays.update((k, v) for k, v in top.items() if k != "remaps")
    if loaded is None and seen != {k: v for k, v in verified.items() if k in seen}:
        from corpus_tui.index.saved import _save_verified

        _save_verified(folder, seen)
    meta["lengths"] = {**{k: len(v) for k, v in arrays.items()}, "remaps": len(top["remaps"])}
    meta["_verified"], meta["_mmaps"] = seen, mmaps
    idx = CorpusIndex(catalog, key, folder, meta, vocab, tags, arrays)
    idx._text_bytes = text
    return idx


def _map(folder: str, name: str, meta: dict, verified: dict, seen: dict, mmaps: list):
    """One of the manifest's arrays, memory-mapped, its size checked and, if its stat
    changed since, its checksum (as index.saved.load_saved does a plain index's)."""
    file = f"{name}.i32"
    path = os.path.join(folder, file)
    st = os.stat(path)
    if st.st_size != 4 * meta["lengths"][name]:
        raise CorruptIndex(f"{file} has the wrong size")
    seen[file] = file_signature(st)
    if st.st_size == 0:
        return array("i")
    with open(path, "rb") as fh:
        mm = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
    mmaps.append(mm)
    if verified.get(file) != seen[file]:
        _verify(file, mm, meta)
    return memoryview(mm).cast("i")


def _concat(meta: dict, shards: list, remaps) -> tuple[dict, bytes]:
    """The joined arrays and clean text. At each seam between two shards the newline
    between two files is put in as index.build's merger puts it between files: its
    offset run, the sentence it starts, and what the earlier shard's end had dropped."""
    out = {n: array("i") for n in ("tokens", "tstarts", "sents", "linestarts", "sentstarts", "parastarts",
                                   "offstarts", "offdeltas")}
    tok, ts, se, ls, ss, ps, os_, od = out.values()
    texts: list = []
    pos = r0 = 0
    first = True
    for entry, shard in zip(meta["shards"], shards):
        remap = remaps[r0:r0 + entry["types"]]
        r0 += entry["types"]
        if not entry["docs"]:
            continue
        a, base, sb = shard.arrays, entry["char_base"], entry["sent_base"]
        dropped_ss, dropped_ps = entry["tail"]
        n = entry["chars"]
        if not first:
            prev = (pos - 1 + od[-1]) if os_ else 0  # the separator maps to the previous file's last character
            _add_run(os_, od, pos, prev - pos)
            texts.append(b"\n")
            pos += 1
            ss.append(pos)
        if pos != base:
            raise CorruptIndex(f"shard {entry['folder']} does not start where the manifest says")
        _append(tok, a["tokens"] if first else int_arrays.gather(remap, a["tokens"]))
        _append(ts, int_arrays.add(a["tstarts"], base))
        _append(se, int_arrays.add(a["sents"], sb))
        _append(ls, a["linestarts"])
        _append(ss, int_arrays.add(a["sentstarts"][0 if first else 1:], base))
        ss.extend([base + n] * dropped_ss)
        if not first and shard.docs[0].char_end > shard.docs[0].char_start:
            ps.append(sb)  # the merger marks a file's first sentence as a paragraph's
        _append(ps, int_arrays.add(a["parastarts"][0 if first else 1:], sb))
        ps.extend(x + sb for x in dropped_ps)
        if n:  # a shard of one empty file has no runs of its own (its end added one)
            _seam_runs(os_, od, a["offstarts"], a["offdeltas"], base, first, shard.docs)
        texts.append(shard._text_bytes if shard._text_bytes is not None else b"")
        pos += n
        first = False
    if first:  # no shard kept a file: what the merger starts with
        ss.append(0)
        ps.append(0)
    while len(ss) > 1 and ss[-1] >= pos:  # as the merger's finish: a mark at the very end starts no sentence
        ss.pop()
    while len(ps) > 1 and ps[-1] >= len(ss):
        ps.pop()
    if not os_:
        _add_run(os_, od, 0, 0)
    return out, b"".join(texts)


def _seam_runs(os_: array, od: array, starts, deltas, base: int, first: bool, docs) -> None:
    """A shard's offset runs, shifted to ``base``. Its first file's runs join the earlier
    ones as the merger joins a file's; runs of the newlines after empty files at its
    start map to the last character before the shard (the merger's ``prev``), not to 0."""
    if first:
        _append(os_, starts)
        _append(od, deltas)
        return
    lead = next((d.char_start for d in docs if d.char_end > d.char_start), len(starts) and starts[-1] + 1)  # first text
    k = 0
    while k < len(starts) and starts[k] < lead:  # newlines after empty leading files
        prev = (base + starts[k] - 1 + od[-1]) if os_ else 0
        _add_run(os_, od, base + starts[k], prev - base - starts[k])
        k += 1
    if k < len(starts):
        _add_run(os_, od, base + starts[k], deltas[k] - base)
        _append(os_, int_arrays.add(starts[k + 1:], base))
        od.extend(array("i", map((-base).__add__, deltas[k + 1:])))


def _append(out: array, part) -> None:
    """``out.extend(part)`` at C speed for an array or an int32 memoryview (of a mapped shard)."""
    if isinstance(part, array):
        out.extend(part)
    elif len(part):
        out.frombytes(part.cast("B"))


def _add_run(starts: array, deltas: array, start: int, delta: int) -> None:
    if not deltas or deltas[-1] != delta:
        starts.append(start)
        deltas.append(delta)
