"""Token patterns over a built index: the arrays the matcher reads, matches as clean-text spans.

The index keeps what a pattern tests beside the token ids: the vocabulary with one tag
per id (so [pos=...] is a lookup by id, like [word=...]), the sentence id of every token,
and the first sentence of every paragraph. Nothing here decodes the text.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter

from corpus_tui.corpus.fold import fold
from corpus_tui.index.saved import CorpusIndex
from corpus_tui.query.pattern_match import CompiledPattern, TokenArrays, compile_pattern

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Iterator


class ParagraphIds:
    """The paragraph id of every token, read as a sequence (len, indexing, bisect) from the
    sentence ids and the first sentence of every paragraph: no array per token."""

    __slots__ = ("sents", "starts")

    def __init__(self, sents, starts):
        self.sents, self.starts = sents, starts

    def __len__(self) -> int:
        return len(self.sents)

    def __getitem__(self, t: int) -> int:
        return bisect_right(self.starts, self.sents[t]) - 1


def paragraph_ids(idx: CorpusIndex):
    starts = idx.arrays.get("parastarts")
    return None if starts is None else ParagraphIds(idx.sents, starts)


def token_arrays(idx: CorpusIndex) -> TokenArrays:
    return TokenArrays(idx.tokens, idx.vocab, idx.tags, None, idx.sents, paragraph_ids(idx),
                       [d.tok_start for d in idx.docs], idx.freq, idx.word_id)


def compiled(idx: CorpusIndex, text: str) -> CompiledPattern:
    """The pattern bound to this index (kept: a KWIC count and its lines compile it once)."""
    cache = idx.__dict__.setdefault("_patterns", {})
    m = cache.get(text)
    if m is None:
        m = cache[text] = compile_pattern(text, token_arrays(idx), fold=_folder(idx))
    return m


def _folder(idx: CorpusIndex):
    """Word values folded as the index's text is: characters, then the Simplified view."""
    if not idx.folds_script:
        return fold
    from corpus_tui.corpus.script import fold_script

    return lambda s: fold_script(fold(s))


def token_spans(idx: CorpusIndex, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The tokens whose start lies in each clean-text span, as token ranges."""
    ts = idx.tstarts
    out = []
    for a, b in spans:
        ta, tb = bisect_left(ts, a), bisect_left(ts, b)
        if tb > ta:
            out.append((ta, tb))
    return out


def find_tokens(idx: CorpusIndex, text: str, spans: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """(first token, one past the last) of every match inside the clean-text spans."""
    return compiled(idx, text).find(token_spans(idx, spans))


def find_chars(idx: CorpusIndex, text: str, spans: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """(start, end) in the clean text of every match: the KWIC node is the whole match."""
    ts = idx.tstarts
    for s, e in find_tokens(idx, text, spans):
        yield ts[s], idx.token_end(e - 1)


def slot_frequencies(idx: CorpusIndex, text: str, slot: int | None, spans: list[tuple[int, int]]):
    """(Counter of what fills slot ``slot``, {filler: files it fills the slot in}, matches).
    A slot is a top-level item of the pattern, counted from 1 (None: the whole match); a
    filler is its tokens joined by a space; an optional slot left empty fills nothing."""
    m = compiled(idx, text)
    n_items = len(m.pattern.items)
    if slot is not None and not 1 <= slot <= n_items:
        from corpus_tui.query.pattern import PatternError

        raise PatternError(f"--slot {slot}: the pattern has {n_items} slot{'s' if n_items > 1 else ''} "
                           f"(its top-level tokens and groups, counted from 1)", 1, text)
    toks, vocab, ts = idx.tokens, idx.vocab, idx.tstarts
    counts: Counter = Counter()
    files: dict = {}
    matches = 0
    for s, e in m.find(token_spans(idx, spans)):
        matches += 1
        doc = idx.doc_at(ts[s]).id
        if slot is not None:
            s, e = m.slots(s, e)[slot - 1]
            if s == e:
                continue
        key = " ".join(vocab[t] for t in toks[s:e])
        counts[key] += 1
        files.setdefault(key, set()).add(doc)
    return counts, files, matches


def slot_counts(idx: CorpusIndex, text: str, slot: int | None, spans: list[tuple[int, int]]) -> Counter:
    """How often each token sequence fills slot ``slot`` (see slot_frequencies)."""
    return slot_frequencies(idx, text, slot, spans)[0]
