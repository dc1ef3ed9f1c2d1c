"""What a build worker does with one file, or one piece of a file: read, clean, tokenize,
find sentence ends, and number its words locally.

Everything that can be computed without knowing where the file lands in the corpus is
computed here, in parallel; the parent (index.build) only shifts and remaps what comes back.
"""

from __future__ import annotations

from array import array
from pathlib import Path
from typing import NamedTuple

from corpus_tui.index import int_arrays

from corpus_tui.corpus import normalize, script
from corpus_tui.tokens.sentences import sentence_ends
from corpus_tui.index.token_counts import boundary_pairs
from corpus_tui.index.sources import SourceError, read_source
from corpus_tui.tokens.tokenizer import TokenizerSpec

_WORKER_TOKENIZER = None
_EXTRACTED: Path | None = None  # the extraction cache (index/sources.py), None: not kept


def init_worker(spec: TokenizerSpec, cache_dir: Path, extracted: Path | None = None, parent: int | None = None) -> None:
    """``parent``: the building process's pid, in a worker process (None: the build's own process)."""
    global _WORKER_TOKENIZER, _EXTRACTED
    from corpus_tui.tokens.tokenizer import make_tokenizer

    if parent is not None:
        from corpus_tui.index.helper_process import die_with_parent

        die_with_parent(parent)

    _WORKER_TOKENIZER = make_tokenizer(spec, cache_dir)
    _EXTRACTED = extracted


class LocalPool:
    """Worker processes on this machine running process_doc, each initialised with
    init_worker(*setup); index.dask_run.DaskPool has the same interface for a cluster's."""

    def __init__(self, jobs: int, setup: tuple):
        from concurrent.futures import ProcessPoolExecutor
        import multiprocessing
        import sys

        ctx = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
        self.pool = ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=init_worker, initargs=setup)

    def __enter__(self) -> LocalPool:
        return self

    def __exit__(self, *exc) -> None:
        self.pool.shutdown()

    def results(self, calls: list[tuple]):
        """process_doc(*call) of every call, yielded as each finishes."""
        from concurrent.futures import as_completed

        for fut in as_completed([self.pool.submit(process_doc, *c) for c in calls]):
            yield fut.result()


class FileInfo(NamedTuple):
    """Facts about the whole file, sent with its first piece."""

    used: str  # the encoding used
    offstarts: array  # clean char -> raw code-point offset, as runs (see index.OffsetMap)
    offdeltas: array
    linestarts: array  # raw line starts
    raw_chars: int
    lines: int  # raw lines as an editor counts them
    pages: tuple = ()  # a PDF's (first line, its number on the page) pairs (corpus/extract)
    script: str = ""  # corpus.script.script of the clean text


class Piece(NamedTuple):
    """One piece of a file's clean text, as compact arrays (a 100 MB corpus has ~17 M
    tokens; as Python strings they cost 85 bytes each to keep and seconds to pickle).
    Offsets are local to the piece; the parent shifts them."""

    start: int  # where the piece starts in the file's clean text
    n_clean: int  # length of the file's whole clean text (pieces of one file must agree)
    text: str  # the piece's clean text
    vocab: list  # the piece's distinct words, in order of first occurrence
    ids: array  # per token: index into vocab
    counts: array  # per vocab entry: occurrences
    starts: array  # per token: start (code points into text)
    sents: array  # per token: sentence number within the piece
    ends: array  # sentences.sentence_ends(text)
    info: FileInfo | None  # with piece 0 only
    pairs: array  # termcount.boundary_pairs of the piece's tokens
    forms: dict  # {word: {form in the clean text: count}} where the Simplified view differs


def piece_bounds(text: str, part: int, nparts: int) -> tuple[int, int]:
    """[a, b) of piece ``part`` of ``nparts``: cuts fall just after a newline near the
    even split (the end of the text if none follows). jieba treats a newline as a block
    boundary and no sentence mark runs across one, so cutting there changes neither the
    tokens nor the sentence ends."""

    def cut(k: int) -> int:
        if k <= 0:
            return 0
        if k >= nparts:
            return len(text)
        i = text.find("\n", len(text) * k // nparts)
        return len(text) if i < 0 else i + 1

    return cut(part), cut(part + 1)


def process_doc(path: Path, encoding: str | None, name: str, part: int = 0, nparts: int = 1):
    """Read and clean the file, tokenize piece ``part`` of ``nparts``; (name, part, Piece or
    None, error or None). Every piece cleans the whole file again (~6 % of tokenizing it),
    the price of splitting a file between workers without a round trip through the parent."""
    from collections import Counter

    try:
        source = read_source(path, encoding, name, _EXTRACTED)
    except SourceError as exc:
        return name, part, None, str(exc)
    raw, used = source.text, source.encoding
    cleaned = normalize.clean(raw)
    clean_text = text = cleaned.text
    vmap = None  # view char -> clean char when the view changed length (corpus.script)
    if _WORKER_TOKENIZER.spec.script == "fold":
        text, vmap = script.simplified(clean_text)
    folded = text != clean_text
    n_clean = len(text)  # the length of what is indexed: the view when folded
    a, b = piece_bounds(text, part, nparts) if nparts > 1 else (0, n_clean)
    if (a, b) != (0, n_clean):
        text = text[a:b]
    words, starts = _WORKER_TOKENIZER.cut(text)
    counter = Counter(words)  # C loop; insertion order = first occurrence
    vocab = list(counter)
    local = {w: i for i, w in enumerate(vocab)}
    ids = list(map(local.__getitem__, words))
    starts = array("i", starts)
    ends = sentence_ends(text)
    local_starts = array("i", [0])
    local_starts.extend(ends[:-1] if ends and ends[-1] >= len(text) else ends)
    info = None
    if part == 0:
        lines = raw.count("\n") + (1 if raw and not raw.endswith("\n") else 0)
        offs = cleaned.offsets if vmap is None else script.compose(vmap, cleaned.offsets, n_clean)
        info = FileInfo(used, *_runs(offs[:n_clean], vmap), normalize.line_starts(raw), len(raw), lines,
                        source.pages, script.script(clean_text))
    forms = _forms(clean_text, vmap, words, starts, a) if folded else {}
    piece = Piece(a, n_clean, text, vocab, array("i", ids), array("i", counter.values()),
                  starts, sentence_ids(starts, local_starts), ends, info, array("i", boundary_pairs(vocab, ids)),
                  forms)
    return name, part, piece, None


def _forms(source: str, vmap, words: list, starts, a: int) -> dict:
    """{word: {form: count}} for the tokens whose clean-text form differs from the word
    (未來產業 indexed as 未来产业): what freq shows as the forms seen."""
    out: dict = {}
    if vmap is None:  # one for one: the form sits at the token's own place
        for w, st in zip(words, starts):
            st += a
            form = source[st:st + len(w)]
            if form != w:
                seen = out.setdefault(w, {})
                seen[form] = seen.get(form, 0) + 1
        return out
    for w, st in zip(words, starts):
        st += a
        x, y = script.source_span(vmap, st, st + len(w))
        form = source[x:y]
        if form != w:
            seen = out.setdefault(w, {})
            seen[form] = seen.get(form, 0) + 1
    return out


def _runs(offs, vmap=None) -> tuple[array, array]:
    """(starts, deltas) of the runs of ``offs[i] - i``. The clean offsets are strictly
    increasing (normalize's invariant), so ``offs[i] - i`` never decreases: one big-integer
    subtraction gives it, and each run ends where bisect finds the next larger value (a
    Python step per run, ~1 per line, not per character: 0.18 -> 0.05 s per 2 MB file).
    A folded phrase that grew (泡麵 -> 方便面) maps two view characters to one place, where
    ``offs[i] - i`` drops: ``vmap`` (the script view's map) names those places, and the
    stretches between them are searched alone."""
    from bisect import bisect_right

    n = len(offs)
    bounds = [n]
    if vmap is not None:
        from itertools import islice

        bounds = [i for i, (x, y) in enumerate(zip(vmap, islice(vmap, 1, n)), 1) if x == y] + [n]
    if len(bounds) > 1:  # not strictly increasing: no big-integer subtraction (a lane would borrow)
        d = array("i", [x - i for i, x in enumerate(offs)])
    else:
        d = int_arrays.sub_identity(offs, normalize._identity(n))
    starts, deltas = array("i"), array("i")
    s = 0
    for hi in bounds:
        while s < hi:
            v = d[s]
            starts.append(s)
            deltas.append(v)
            s = bisect_right(d, v, s, hi)
    return starts, deltas


def sentence_ids(tstarts: array, sentstarts: array) -> array:
    """Sentence id per token, bisect_right(sentstarts, tstart) - 1 (at least 0), filled a
    sentence at a time: one bisect per sentence instead of a Python step per token."""
    from bisect import bisect_left

    sents = array("i")
    n, nt = len(sentstarts), len(tstarts)
    lo = 0
    for s in range(n):
        hi = bisect_left(tstarts, sentstarts[s + 1], lo) if s + 1 < n else nt
        if hi > lo:
            sents.extend(array("i", [s]) * (hi - lo))
        lo = hi
    return sents
