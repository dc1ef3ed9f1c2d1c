"""Building an index: worker processes read, clean and tokenize files (index.worker);
the parent merges what they send, in catalogue order as it arrives, into the arrays
index.saved describes, and saves them.

Imported by index.saved only when a build is needed, so a query over a built index never
loads multiprocessing, the sentence splitter, the tokenizer's heavy parts or shutil.
"""

from __future__ import annotations

import os
import sys
import time
from array import array
from bisect import bisect_left, bisect_right
from pathlib import Path
from typing import Callable

from corpus_tui.index import int_arrays
from corpus_tui.corpus.catalog import Catalog
from corpus_tui.index.saved import CHECKPOINT, FORMAT_VERSION, ArticleSpan, DocSpan, OffsetMap, Progress
from corpus_tui.index.token_counts import boundary_pairs
from corpus_tui.tokens.tokenizer import TokenizerSpec


class _Merger:
    """Appends pieces, in catalogue order, to the corpus-wide arrays: renumbers words with
    global ids and shifts offsets (no Python step per token: index.int_arrays), so a file is
    merged while the workers cut the next ones instead of all at the end."""

    def __init__(self, doc_hashes: dict, warn):
        self.doc_hashes, self.warn = doc_hashes, warn
        self.vocab: list[str] = []
        self.ids: dict[str, int] = {}
        self.freq = array("i")
        self.tokens, self.tstarts, self.sents = array("i"), array("i"), array("i")
        self.sentstarts = array("i", [0])
        self.parastarts = array("i", [0])  # the first sentence of every paragraph
        self.offstarts, self.offdeltas, self.linestarts = array("i"), array("i"), array("i")
        self.chunks: list[bytes] = []  # clean.txt, piece by piece
        self.charbytes = array("i", [0])
        self.char_pos = self.byte_pos = 0
        self.next_checkpoint = CHECKPOINT
        self.spans: list[DocSpan] = []
        self.by_id: dict = {}
        self.doc_counts: list[dict] = []  # per file in self.spans: {vocab id: tokens}
        self.pairs: set[int] = set()  # termcount.boundary_pairs of every piece
        self.forms: dict[str, dict[str, int]] = {}  # worker.Piece.forms of every piece
        self._counts: dict = {}

    def add_doc(self, doc, results: list) -> None:
        """``results``: (name, part, piece, error) of every piece of ``doc``, in order."""
        error = next((r[3] for r in results if r[3]), None)
        pieces = [r[2] for r in results]
        if error is None and not _tiles(pieces):
            error = f"{doc.id}: changed while it was being indexed; skipped"
        if error:
            if self.warn:
                # Name the file, not only its id: `d3 (scans/p3.txt): binary file …`.
                prefix = f"{doc.id}: "
                self.warn(f"{doc.id} ({doc.file}): {error[len(prefix):]}" if error.startswith(prefix) else error)
            return
        info = pieces[0].info
        if self.spans:
            # the separator maps to the raw offset of the previous file's last character
            prev = (self.char_pos - 1 + self.offdeltas[-1]) if self.offstarts else 0
            _add_run(self.offstarts, self.offdeltas, self.char_pos, prev - self.char_pos)
            self._text("\n")
            self.sentstarts.append(self.char_pos)  # a newline ends a sentence
        char_start, tok_start = self.char_pos, len(self.tokens)
        if info.offstarts:
            shift = self.char_pos
            _add_run(self.offstarts, self.offdeltas, shift + info.offstarts[0], info.offdeltas[0] - shift)
            self.offstarts.extend(array("i", map(shift.__add__, info.offstarts[1:])))
            self.offdeltas.extend(array("i", map((-shift).__add__, info.offdeltas[1:])))
        ls_start = len(self.linestarts)
        self.linestarts.extend(info.linestarts)
        self._counts = {}
        last_word = None
        for piece in pieces:
            self._add_piece(piece)
            if piece.ids:
                if last_word is not None:  # the pair the file in one piece would have given
                    self.pairs.update(boundary_pairs([last_word, piece.vocab[piece.ids[0]]], [0, 1]))
                last_word = piece.vocab[piece.ids[-1]]
        self.doc_counts.append(self._counts)
        span = DocSpan(doc.id, doc.file, info.used, char_start, self.char_pos, tok_start, len(self.tokens),
                       ls_start, len(self.linestarts), info.raw_chars, self.doc_hashes.get(doc.id, ""))
        span.lines = info.lines
        span.pages = [list(p) for p in info.pages]
        span.script = info.script
        for piece in pieces:
            for word, seen in piece.forms.items():
                mine = self.forms.setdefault(word, {})
                for form, n in seen.items():
                    mine[form] = mine.get(form, 0) + n
        self.spans.append(span)
        self.by_id[doc.id] = (span, info, pieces[0].n_clean)

    def _add_piece(self, piece) -> None:
        # The piece's local word numbers -> global ids: a Python loop over its distinct
        # words only, then one C-level pass over the tokens.
        ids, vocab, freq, counts = self.ids, self.vocab, self.freq, self._counts
        remap = []
        for w, c in zip(piece.vocab, piece.counts):
            i = ids.get(w)
            if i is None:
                i = ids[w] = len(vocab)
                vocab.append(w)
                freq.append(0)
            freq[i] += c
            counts[i] = counts.get(i, 0) + c
            remap.append(i)
        self.tokens.extend(int_arrays.gather(remap, piece.ids))
        pos = self.char_pos
        self.tstarts.extend(int_arrays.add(piece.starts, pos))
        # The piece starts a sentence (it follows a newline), whose global number is the
        # last one so far: local numbers shift by it.
        self.sents.extend(int_arrays.add(piece.sents, len(self.sentstarts) - 1))
        self._paragraphs(piece, len(self.sentstarts) - 1)
        self.sentstarts.extend(int_arrays.add(piece.ends, pos))
        self.pairs.update(piece.pairs)
        self._text(piece.text)

    def _paragraphs(self, piece, base: int) -> None:
        """Mark the sentences of ``piece`` (its first has global id ``base``) that begin a
        paragraph: its first (a piece follows a newline; an empty piece at a file's end has
        none) and every one after a newline, which always ends a sentence. A Python step
        per paragraph, not per sentence."""
        ps, text, ends = self.parastarts, piece.text, piece.ends
        if text and base > ps[-1]:
            ps.append(base)
        p = text.find("\n")
        while p != -1:
            sid = base + bisect_left(ends, p + 1) + 1
            if sid > ps[-1]:
                ps.append(sid)
            p = text.find("\n", p + 1)

    def _text(self, t: str) -> None:
        """Append clean text, with the byte offset of every CHECKPOINT-th character."""
        data = t.encode("utf-8")
        self.chunks.append(data)
        end = self.char_pos + len(t)
        if self.next_checkpoint <= end:
            cb, pos, q0 = self.charbytes, self.byte_pos, 0
            while self.next_checkpoint <= end:
                q = self.next_checkpoint - self.char_pos
                pos += len(t[q0:q].encode("utf-8"))
                cb.append(pos)
                q0 = q
                self.next_checkpoint += CHECKPOINT
        self.char_pos = end
        self.byte_pos += len(data)

    def finish(self) -> tuple[bytes, int]:
        n = self.char_pos
        if not self.offstarts:
            _add_run(self.offstarts, self.offdeltas, 0, 0)  # an empty text still maps char 0 to raw 0
        ss, ps = self.sentstarts, self.parastarts
        n_ss = len(ss)
        while len(ss) > 1 and ss[-1] >= n:  # a mark at the very end starts no sentence
            ss.pop()
        popped = []
        while len(ps) > 1 and ps[-1] >= len(ss):
            popped.append(ps.pop())
        self.tail = (n_ss - len(ss), popped[::-1])  # what a shard's successor puts back (index.shards)
        text_bytes = b"".join(self.chunks)
        self.chunks = []
        return text_bytes, n


def _tiles(pieces) -> bool:
    """The pieces of one file come from the same clean text and cover it in order (a file
    edited during the build could give pieces of two versions)."""
    pos, n = 0, pieces[0].n_clean
    for p in pieces:
        if p.start != pos or p.n_clean != n:
            return False
        pos += len(p.text)
    return pos == n and pieces[0].info is not None


def build_index(catalog: Catalog, spec: TokenizerSpec, key: str, parts: dict, doc_hashes: dict,
                cache_dir: Path, encoding: str | None = None, jobs: int | None = None,
                progress: Progress | None = None, warn: Callable[[str], None] | None = None,
                extracted: Path | None = None, dask: str | None = None,
                shard_size: int | None = None) -> tuple[dict, list, list, dict, bytes]:
    """Build every structure in memory; return (meta, vocab, tags, arrays, clean_text_bytes).
    ``dask``: a Dask scheduler's address or local:N to tokenize on (index.dask_run);
    ``shard_size``: files per shard (index.shards: then meta is the manifest)."""
    from corpus_tui.index.shards.manifest import groups, join_vocab, manifest

    t0 = time.perf_counter()
    docs = list(catalog.documents)
    sizes = {d.id: _size(d.path) for d in docs}
    if jobs is None:
        jobs = 2 if sum(sizes.values()) > 4_000_000 and (os.cpu_count() or 1) > 1 else 1
    shards = groups(docs, sizes, shard_size, dask)
    tagger = _start_tagger(spec, docs)
    try:
        mergers = [_Merger(doc_hashes, warn) for _ in shards]
        route = {d.id: m for g, m in zip(shards, mergers) for d in g}
        jobs = _run_docs(docs, sizes, spec, (cache_dir, extracted), encoding, jobs, progress, route, dask)
        ends = [(m, *m.finish(), _article_spans(catalog, m.by_id, m.tstarts, warn)) for m in mergers]
        vocab = join_vocab([m.vocab for m in mergers])
        tags = (tagger.ask(vocab) if tagger else None) if vocab else []
    finally:
        if tagger:
            tagger.close()
    if not isinstance(tags, list) or len(tags) != len(vocab):
        tags = _tags(spec, cache_dir, vocab)
    if len(mergers) > 1:
        tag_of = dict(zip(vocab, tags))
        built = [_finish(catalog, key, parts, jobs, t0, *e, [tag_of[w] for w in e[0].vocab]) for e in ends]
        return manifest(catalog, key, built, [m.tail for m in mergers], vocab, tags)
    return _finish(catalog, key, parts, jobs, t0, *ends[0], tags)


def _finish(catalog, key, parts, jobs, t0, m: _Merger, text_bytes, n_chars, articles, tags) -> tuple:
    """(meta, vocab, tags, arrays, clean text) of what ``m`` merged: the index, or one shard."""
    meta = {
        "format": FORMAT_VERSION,
        "key": key,
        "key_parts": parts,
        "built": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "build_seconds": round(time.perf_counter() - t0, 3),
        "jobs": jobs,
        "docs": [dict(zip(DocSpan.__slots__, (getattr(s, f) for f in DocSpan.__slots__))) for s in m.spans],
        "articles": [dict(zip(ArticleSpan.__slots__, (getattr(a, f) for f in ArticleSpan.__slots__))) for a in articles],
        "chars": n_chars,
        "offsets_len": max(1, n_chars),
        "types": len(m.vocab),
        "byteorder": sys.byteorder,
    }
    if m.forms:  # saved beside meta.json (forms.json): only freq reads it
        meta["has_forms"], meta["forms"] = True, m.forms
    arrays = {"tokens": m.tokens, "tstarts": m.tstarts, "sents": m.sents, "sentstarts": m.sentstarts,
              "offstarts": m.offstarts, "offdeltas": m.offdeltas, "linestarts": m.linestarts, "freq": m.freq,
              "charbytes": m.charbytes, "bpairs": array("i", sorted(m.pairs)), "parastarts": m.parastarts}
    arrays.update(_segment_counts(catalog, key, meta, m.vocab, tags, arrays, text_bytes, m.doc_counts))
    meta["lengths"] = {k: len(v) for k, v in arrays.items()}
    meta["build_seconds"] = round(time.perf_counter() - t0, 3)
    return meta, m.vocab, tags, arrays, text_bytes


def _segment_counts(catalog, key, meta, vocab, tags, arrays, text_bytes, doc_counts) -> dict[str, array]:
    """The token counts of every segment (stats.frequency.segments), for the cs_* arrays. A file
    without articles is one segment whose counts the merger already has; only the files
    with articles are counted again, segment by segment."""
    from collections import Counter

    from corpus_tui.index.saved import CorpusIndex
    from corpus_tui.index.segments import segments

    idx = CorpusIndex(catalog, key, None, dict(meta, lengths={}), vocab, tags, dict(arrays))
    idx._text_bytes = text_bytes
    whole = {(d.tok_start, d.tok_end): c for d, c in zip(idx.docs, doc_counts)}
    bounds, starts, ids, counts = array("i"), array("i", [0]), array("i"), array("i")
    tokens = arrays["tokens"]
    for seg in segments(idx):
        c = whole.get((seg.a, seg.b))
        if c is None:
            c = Counter(tokens[seg.a:seg.b].tolist())
        keys = sorted(c)
        bounds.extend((seg.a, seg.b))
        ids.extend(keys)
        counts.extend([c[k] for k in keys])
        starts.append(len(ids))
    return {"cs_bounds": bounds, "cs_starts": starts, "cs_ids": ids, "cs_counts": counts}


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


# Split files so each worker gets at least this many pieces (the last piece to finish
# leaves the other worker idle); never into pieces under _MIN_PIECE bytes, since every
# piece cleans its whole file again.
_PIECES_PER_WORKER = 4
_MIN_PIECE = 1_000_000


def _plan(docs, sizes: dict, jobs: int) -> dict:
    """doc id -> number of pieces."""
    if jobs <= 1:
        return {d.id: 1 for d in docs}
    target = max(sum(sizes.values()) // (_PIECES_PER_WORKER * jobs), _MIN_PIECE)
    return {d.id: max(1, -(-sizes[d.id] // target)) for d in docs}


def _run_docs(docs, sizes, spec, dirs, encoding, jobs, progress, route: dict, dask: str | None = None) -> int:
    """Tokenize every file and merge the results in catalogue order as they arrive, each
    into its shard's merger (``route``: doc id -> _Merger); ``dirs`` are the worker's (jieba
    cache, extraction cache) folders. Worker processes here, or a Dask cluster's
    (index.dask_run) with ``dask``; returns how many ran at once."""
    from corpus_tui.index.worker import LocalPool, init_worker, process_doc

    total = len(docs)
    if total == 0 or (jobs <= 1 and dask is None):
        init_worker(spec, *dirs)
        for n, doc in enumerate(docs, 1):
            route[doc.id].add_doc(doc, [process_doc(doc.path, doc.encoding or encoding, doc.id)])
            if progress:
                progress("tokenizing", n, total)
        return jobs
    if dask is not None:
        from corpus_tui.index.dask_run import DaskPool

        pool = DaskPool(dask, (spec, *dirs))
        jobs = pool.slots
    else:
        pool = LocalPool(jobs, (spec, *dirs, os.getpid()))
    with pool:
        nparts = _plan(docs, sizes, jobs)
        got: dict[str, list] = {d.id: [None] * nparts[d.id] for d in docs}
        missing = dict(nparts)
        # Larger pieces first, so the workers finish close together; pieces of about the
        # same size (within 2x) in catalogue order, so the parent can merge as they arrive.
        order = sorted(((d, k) for d in docs for k in range(nparts[d.id])),
                       key=lambda dk: -(sizes[dk[0].id] // nparts[dk[0].id]).bit_length())
        nxt = 0  # the next document to merge, in catalogue order
        for name, part, piece, error in pool.results([(d.path, d.encoding or encoding, d.id, k, nparts[d.id])
                                                      for d, k in order]):
            got[name][part] = (name, part, piece, error)
            missing[name] -= 1
            while nxt < total and missing[docs[nxt].id] == 0:
                route[docs[nxt].id].add_doc(docs[nxt], got.pop(docs[nxt].id))
                nxt += 1
                if progress:
                    progress("tokenizing", nxt, total)
    return jobs


def _add_run(starts: array, deltas: array, start: int, delta: int) -> None:
    if not deltas or deltas[-1] != delta:
        starts.append(start)
        deltas.append(delta)


def _article_spans(catalog: Catalog, by_id: dict, tstarts: array, warn) -> list[ArticleSpan]:
    out = []
    for art in catalog.articles:
        if art.doc_id not in by_id:
            continue
        span, res, n_clean = by_id[art.doc_id]
        ls, offsets = res.linestarts, OffsetMap(res.offstarts, res.offdeltas, n_clean)
        spans, toks, chars = [], 0, 0
        for first, last in art.ranges:
            if first > span.lines:
                if warn:
                    warn(f"INDEX.md:{art.line}: article {art.id}: line {first} is past the end of {span.file} ({span.lines} lines)")
                continue
            if last > span.lines:
                if warn:
                    warn(f"INDEX.md:{art.line}: article {art.id}: lines {first}-{last} run past the end of {span.file} "
                         f"({span.lines} lines); read to its end")
                last = span.lines
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


def _start_tagger(spec: TokenizerSpec, docs: list):
    """The part-of-speech table parsed by a forked child (index/helper_process.py) while this
    process loads jieba's dictionary and tokenizes: ~150 ms off a small build on two CPUs.
    None for an empty corpus or where forking is not safe; _tags then does it here."""
    if not docs:
        return None
    from corpus_tui.index import helper_process
    from corpus_tui.tokens.tokenizer import tag_table, tags_of

    return helper_process.start(lambda: tag_table(spec.userdicts), lambda table, vocab: tags_of(vocab, table))


def _tags(spec: TokenizerSpec, cache_dir: Path, vocab: list[str]) -> list[str]:
    """Tags from jieba's dictionary file and the user dictionaries (what every tokenizer's
    tags() returns), read without a tokenizer: after a 2-process build the parent has none,
    and making one cost a second dictionary load (~0.6 s)."""
    from corpus_tui.tokens.tokenizer import dictionary_tags

    return dictionary_tags(vocab, spec.userdicts)
