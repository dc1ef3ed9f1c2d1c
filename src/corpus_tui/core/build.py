"""Building an index: workers read, clean and tokenize files; the parent merges them into
the arrays core.index describes and saves them.

Imported by core.index only when a build is needed, so a query over a built index never
loads multiprocessing, the sentence splitter, the tokenizer's heavy parts or shutil.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import time
from array import array
from bisect import bisect_left, bisect_right
from pathlib import Path
from typing import Callable, NamedTuple

from corpus_tui.core import normalize
from corpus_tui.core.catalog import Catalog
from corpus_tui.core.index import ARRAYS, CHECKPOINT, FORMAT_VERSION, ArticleSpan, DocSpan, OffsetMap, Progress
from corpus_tui.core.sentences import sentence_starts
from corpus_tui.core.textio import DecodeError, read_text
from corpus_tui.core.tokenize import TokenizerSpec


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


# -- saving ---------------------------------------------------------------------

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
