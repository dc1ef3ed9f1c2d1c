"""Shards and their manifest, and writing an index folder.

A sharded index is a folder holding one plain index folder per shard (`shard-000/`, …: a
group of files in catalogue order, indexed alone by index.build's merger) and, at its top,
the manifest: meta.json lists the shards with their documents and where each one starts
in the joined index (characters, tokens, sentences, raw line starts), and holds the joined
index's documents and articles; vocab.json the joined vocabulary. Beside it are the merges
that are vocabulary-sized, made once here and not at every open: freq, bpairs, the
per-segment counts (cs_*, renumbered to the joined ids and sorted again), charbytes of the
joined text, and `remaps` (every shard's word ids -> joined ids). What is token- or
character-sized (tokens, offsets, sentences, the clean text) stays in the shards and is
joined on open (index.shards.joined).

Every merge is exact: the joined index is the one a single merger over all files gives,
byte for byte (tests/index/test_shards.py), since the vocabulary is numbered by first
occurrence in catalogue order and the seams between shards are replayed as the merger
makes them between files.
"""

from __future__ import annotations

import json
import os
import shutil
from array import array
from bisect import bisect_right
from pathlib import Path

from corpus_tui.index import int_arrays
from corpus_tui.index.cache import make_private_dir, open_exclusive
from corpus_tui.index.saved import ARRAYS, CHECKPOINT, VERIFIED, file_signature
from corpus_tui.index.shards.joined import TOP_ARRAYS

AUTO_SHARD_BYTES = 256_000_000  # --dask without --shard-size: shards of about this many bytes of files
JOINED_ARRAYS = tuple(n for n in ARRAYS if n not in TOP_ARRAYS)
SUMMED = ("tokens", "tstarts", "sents", "linestarts")  # a shard's length each, seams add nothing


def groups(docs: list, sizes: dict, shard_size: int | None, dask: str | None) -> list[list]:
    """The documents of every shard, in catalogue order: ``shard_size`` files each; with a
    Dask cluster and no size, about AUTO_SHARD_BYTES of files each; else one shard."""
    if shard_size:
        return [docs[i:i + shard_size] for i in range(0, len(docs), shard_size)] or [docs]
    if dask is None:
        return [docs]
    out, size = [[]], 0
    for d in docs:
        if out[-1] and size + sizes[d.id] > AUTO_SHARD_BYTES:
            out.append([])
            size = 0
        out[-1].append(d)
        size += sizes[d.id]
    return out


def join_vocab(vocabs: list[list[str]]) -> list[str]:
    """The words of every shard numbered by first occurrence, shard after shard: the order
    one merger over all files gives."""
    if len(vocabs) == 1:
        return vocabs[0]
    seen: dict[str, None] = {}
    for v in vocabs:
        seen.update(dict.fromkeys(v))
    return list(seen)


def manifest(catalog, key: str, built: list[tuple], tails: list[tuple], vocab: list, tags: list) -> tuple:
    """(meta, vocab, tags, arrays, None) of the manifest over ``built``, each shard's
    (meta, vocab, tags, arrays, clean text) from index.build; ``tails``: what each shard's
    merger dropped at its end (_Merger.tail), which the next shard's seam puts back.
    meta["_shards"] carries the shards to save_index."""
    gid = {w: i for i, w in enumerate(vocab)}
    freq = array("i", bytes(4 * len(vocab)))
    remaps, pairs, forms = array("i"), set(), {}
    cs = {"cs_bounds": array("i"), "cs_starts": array("i", [0]), "cs_ids": array("i"), "cs_counts": array("i")}
    docs, articles, shards, texts = [], [], [], []
    char = tok = ls = sents = 0
    first = True
    for i, ((meta, words, _, arr, text), (ss_dropped, ps_dropped)) in enumerate(zip(built, tails)):
        remap = array("i", map(gid.__getitem__, words))
        remaps.extend(remap)
        for w, c in zip(remap, arr["freq"]):
            freq[w] += c
        pairs.update(arr["bpairs"])
        for word, seen in meta.get("forms", {}).items():
            mine = forms.setdefault(word, {})
            for form, n in seen.items():
                mine[form] = mine.get(form, 0) + n
        entry = {"folder": f"shard-{i:03}", "docs": [d["id"] for d in meta["docs"]], "types": len(words),
                 "chars": meta["chars"], "tail": [ss_dropped, ps_dropped]}
        shards.append(entry)
        if not meta["docs"]:
            continue
        if not first:
            char += 1  # the newline between two files
        entry.update(char_base=char, tok_base=tok, ls_base=ls, sent_base=sents, byte_base=sum(len(t) + 1 for t in texts))
        # The seam puts back the previous shard's dropped sentence start, adds the one
        # after the newline (this shard's sentence 0), then this shard's others.
        sents = (sents + len(arr["sentstarts"]) + ss_dropped) if not first else len(arr["sentstarts"]) + ss_dropped
        first = False
        for d in meta["docs"]:
            docs.append(dict(d, char_start=d["char_start"] + char, char_end=d["char_end"] + char,
                             tok_start=d["tok_start"] + tok, tok_end=d["tok_end"] + tok,
                             ls_start=d["ls_start"] + ls, ls_end=d["ls_end"] + ls))
        for a in meta["articles"]:
            articles.append(dict(a, spans=[[x + char, y + char] for x, y in a["spans"]]))
        _add_counts(cs, arr, remap, tok, i > 0)
        texts.append(text)
        char += meta["chars"]
        tok += len(arr["tokens"])
        ls += len(arr["linestarts"])
    order = {a.id: n for n, a in enumerate(catalog.articles)}
    articles.sort(key=lambda a: order.get(a["id"], len(order)))  # the catalogue's order, as one merger lists them
    top = {"freq": freq, "charbytes": _checkpoints(char, shards, built), "bpairs": array("i", sorted(pairs)),
           **cs, "remaps": remaps}
    first_meta = built[0][0]
    meta = {k: first_meta[k] for k in ("format", "key", "key_parts", "built", "jobs", "byteorder")}
    meta.update(docs=docs, articles=articles, chars=char, offsets_len=max(1, char), types=len(vocab), shards=shards,
                build_seconds=max(b[0]["build_seconds"] for b in built), _shards=built)
    if forms:
        meta["has_forms"], meta["forms"] = True, forms
    # The joined arrays' lengths where no seam changes them (the joined open checks them).
    meta["lengths"] = {**{n: sum(b[0]["lengths"][n] for b in built if b[0]["docs"]) for n in SUMMED},
                       **{n: len(v) for n, v in top.items()}}
    return meta, vocab, tags, top, None


def _add_counts(cs: dict, arr: dict, remap: array, tok: int, renumber: bool) -> None:
    """Append a shard's per-segment counts: token ranges shifted, word ids renumbered and
    each segment's rows sorted by the new ids again (the first shard's ids are already the
    joined ones)."""
    cs["cs_bounds"].extend(int_arrays.add(array("i", arr["cs_bounds"]), tok))
    starts, ids, counts = arr["cs_starts"], arr["cs_ids"], arr["cs_counts"]
    out_ids, out_counts = cs["cs_ids"], cs["cs_counts"]
    for j in range(len(starts) - 1):
        a, b = starts[j], starts[j + 1]
        new = int_arrays.gather(remap, array("i", ids[a:b]))
        if renumber:
            rows = sorted(zip(new, counts[a:b]))
            out_ids.extend(array("i", [r[0] for r in rows]))
            out_counts.extend(array("i", [r[1] for r in rows]))
        else:
            out_ids.extend(new)
            out_counts.extend(array("i", counts[a:b]))
        cs["cs_starts"].append(len(out_ids))


def _checkpoints(n: int, shards: list[dict], built: list[tuple]) -> array:
    """charbytes of the joined text: the byte offset of every CHECKPOINT-th character,
    found from the shard holding it (its own checkpoints, then at most CHECKPOINT - 1
    characters decoded)."""
    parts = [(s["char_base"], s["byte_base"], b[4], b[3]["charbytes"]) for s, b in zip(shards, built) if "char_base" in s]
    bases = [p[0] for p in parts]
    if not parts:  # no shard kept a file
        return array("i", [0])
    out = array("i")
    for g in range(0, n + 1, CHECKPOINT):
        k = max(0, bisect_right(bases, g) - 1)
        base, byte_base, text, cb = parts[k]
        j, r = divmod(g - base, CHECKPOINT)
        b = cb[j]
        if r:
            end = min(len(text), b + 4 * r)
            while end < len(text) and end > b and (text[end] & 0xC0) == 0x80:
                end -= 1
            b += len(bytes(text[b:end]).decode("utf-8")[:r].encode("utf-8"))
        out.append(byte_base + b)
    return out


# -- writing an index folder ------------------------------------------------------

def save_index(folder: Path, meta: dict, vocab: list, tags: list, arrays: dict, text_bytes: bytes | None,
               replace: bool = False) -> None:
    """Write into a fresh temp folder, then rename it into place (atomic on POSIX); a
    manifest's shards (meta["_shards"]) go into its subfolders first.

    With ``replace`` (``--rebuild``) an existing folder of the same key is swapped out only
    once the new one is complete, so an interrupted rebuild leaves the previous index intact.
    """
    make_private_dir(folder.parent)
    tmp = folder.parent / f".{folder.name}.tmp-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(0o700)
    try:
        meta = dict(meta)
        for entry, shard in zip(meta.get("shards", ()), meta.pop("_shards", ())):
            (tmp / entry["folder"]).mkdir(0o700)
            _write_folder(tmp / entry["folder"], *shard)
        _write_folder(tmp, meta, vocab, tags, arrays, text_bytes)
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


def _write_folder(tmp: Path, meta: dict, vocab: list, tags: list, arrays: dict, text_bytes: bytes | None) -> None:
    """The files of one index (or of a manifest: its arrays, no clean.txt), each synced."""
    import zlib

    meta = dict(meta)
    forms = meta.pop("forms", None)
    checks = {}
    names = [n for n in (*ARRAYS, *TOP_ARRAYS) if n in arrays]
    for name in dict.fromkeys([*names, *([] if text_bytes is None else ["clean"])]):
        file, data = ("clean.txt", text_bytes) if name == "clean" else (f"{name}.i32", arrays[name].tobytes())
        checks[file] = zlib.crc32(data)
        _write_synced(tmp / file, data)
        del data  # one array's bytes at a time
    meta = dict(meta, clean_bytes=len(text_bytes or b""), checks=checks)
    # What was just written is what the checksums say: no need to read it back once.
    _write_synced(tmp / VERIFIED, json.dumps({n: file_signature(os.stat(tmp / n)) for n in checks}).encode())
    _write_synced(tmp / "vocab.json", json.dumps([vocab, tags], ensure_ascii=False).encode("utf-8"))
    if forms:
        _write_synced(tmp / "forms.json", json.dumps(forms, ensure_ascii=False).encode("utf-8"))
    _write_synced(tmp / "meta.json", json.dumps(meta, ensure_ascii=False).encode("utf-8"))


def _write_synced(path: Path, data: bytes) -> None:
    with os.fdopen(open_exclusive(path), "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
