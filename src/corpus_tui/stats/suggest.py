"""Term suggestions: token sequences the tokenizer splits that recur and hold together.

The classic test for new words in Chinese text (cohesion and boundary freedom): a sequence
g = t1…tn of 2 to ``max_n`` tokens inside one sentence, none of them punctuation, a
number or (in :func:`corpus_suggestions`) a stop word, is a candidate when

- it recurs: freq(g) ≥ ``min_freq``;
- it holds together: ``pmi_min`` = min over the n−1 ways to cut it in two (left, right) of
  log2(freq(g)·N / (freq(left)·freq(right))), N the tokens counted, is ≥ ``min_pmi``: no
  cut leaves two halves that just happen to meet;
- it is free at both edges: ``entropy_min`` = min(H_left, H_right) ≥ ``min_entropy``, H the
  Shannon entropy in bits of the token before (after) each occurrence, a sentence edge a
  neighbour of its own each time: a piece of a longer term (产业体系 inside
  现代化产业体系) has one usual neighbour, and H near 0;
- it is not already a word of a dictionary (``known``).

Candidates are ranked by frequency (then documents, pmi_min, the term). Counting is
Apriori-like: an n-gram is counted only where both of its (n−1)-grams recur, so a long
corpus does not count every 4-gram. On the bundled corpus cut with jieba's own dictionary
alone, 17 of the 20 most frequent terms of the shipped domain dictionary that it splits are
in the first 50 suggestions, and 29 of those 50 are domain terms
(tests/stats/test_suggest_corpus.py).
"""

from __future__ import annotations

import math
from collections import Counter, namedtuple

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Callable, Container, Hashable, Iterable, Sequence

MAX_N, MIN_FREQ, MIN_PMI, MIN_ENTROPY = 4, 3, 3.0, 1.0
USERDICT_FREQ = 1000  # keeps a term whole in context (reference/corpus-text.md, "jieba facts")


class Suggestion(namedtuple("Suggestion", "term tokens freq docs pmi_min entropy_min")):
    """term: the tokens joined; tokens: the tokenizer's pieces; docs: documents it occurs in."""

    __slots__ = ()


def suggest(runs: Iterable[tuple[Hashable, Sequence[Hashable]]], word: Callable[[Hashable], str],
            inner_ok: Callable[[Hashable], bool], edge_ok: Callable[[Hashable], bool],
            known: Container[str] = (), max_n: int = MAX_N, min_freq: int = MIN_FREQ,
            min_pmi: float = MIN_PMI, min_entropy: float = MIN_ENTROPY) -> list[Suggestion]:
    """Suggestions from ``runs``: (document, tokens of one sentence) pairs; no candidate
    crosses a run. ``word`` spells a token; ``inner_ok`` says a token may be inside a term
    (not punctuation, not a number), ``edge_ok`` that it may begin or end one."""
    runs = [(d, list(toks)) for d, toks in runs]
    n_tokens = sum(len(t) for _, t in runs)
    if n_tokens == 0 or max_n < 2:
        return []
    counts: list[Counter] = [Counter(), Counter(t for _, toks in runs for t in toks)]
    good = [[inner_ok(t) for t in toks] for _, toks in runs]
    for n in range(2, max_n + 1):
        prev = counts[n - 1]
        level: Counter = Counter()
        for (_, toks), ok in zip(runs, good):
            for i in range(len(toks) - n + 1):
                if not all(ok[i:i + n]):
                    continue
                g = tuple(toks[i:i + n])
                head, tail = (g[0] if n == 2 else g[:-1]), (g[1] if n == 2 else g[1:])
                if prev[head] >= min_freq and prev[tail] >= min_freq:
                    level[g] += 1
        counts.append(level)
        if not level:
            break

    def freq(g: tuple) -> int:
        return counts[len(g)][g[0] if len(g) == 1 else g]

    cands: dict[tuple, float] = {}
    for n in range(2, len(counts)):
        for g, f in counts[n].items():
            if f < min_freq or not (edge_ok(g[0]) and edge_ok(g[-1])):
                continue
            if "".join(map(word, g)) in known:
                continue
            pmi = min(math.log2(f * n_tokens / (freq(g[:k]) * freq(g[k:]))) for k in range(1, n))
            if pmi >= min_pmi:
                cands[g] = pmi
    if not cands:
        return []
    left: dict[tuple, Counter] = {g: Counter() for g in cands}
    right: dict[tuple, Counter] = {g: Counter() for g in cands}
    docs: dict[tuple, set] = {g: set() for g in cands}
    lengths = sorted({len(g) for g in cands})
    edge = 0  # every sentence edge is a neighbour of its own
    for d, toks in runs:
        m = len(toks)
        for n in lengths:
            for i in range(m - n + 1):
                g = tuple(toks[i:i + n])
                if g not in cands:
                    continue
                edge += 1
                left[g][toks[i - 1] if i > 0 else ("<edge>", edge)] += 1
                right[g][toks[i + n] if i + n < m else ("<edge>", edge)] += 1
                docs[g].add(d)
    out = []
    for g, pmi in cands.items():
        h = min(_entropy(left[g]), _entropy(right[g]))
        if h >= min_entropy:
            out.append(Suggestion("".join(map(word, g)), tuple(map(word, g)), freq(g), len(docs[g]), pmi, h))
    out.sort(key=lambda s: (-s.freq, -s.docs, -s.pmi_min, s.term))
    seen: set[str] = set()
    unique = []
    for s in out:  # one row per term: another cut of the same string is the rarer reading
        if s.term not in seen:
            seen.add(s.term)
            unique.append(s)
    return unique


def _entropy(c: Counter) -> float:
    total = sum(c.values())
    return -sum(v / total * math.log2(v / total) for v in c.values()) + 0.0


def userdict_lines(suggestions: Iterable[Suggestion], freq: int = USERDICT_FREQ) -> list[str]:
    """jieba user-dictionary lines (``word freq``), ready for ``--userdict``. No tag: jieba
    reads ``word [freq] [tag]``, and a guessed tag would mislead ``--pos``."""
    return [f"{s.term} {freq}" for s in suggestions if s.term and not any(c.isspace() for c in s.term)]


# -- over the index ---------------------------------------------------------------------

def corpus_suggestions(idx, sel=None, known: Container[str] = (), stopwords: Container[str] = frozenset(),
                       **options) -> list[Suggestion]:
    """Suggestions over the selected segments of an index: a run is one sentence's tokens
    within one segment, its document the segment's file."""
    from corpus_tui.query.search import Selection
    from corpus_tui.stats.frequency import TermFilter, VocabFlags, selected_segments

    flags = VocabFlags(idx, TermFilter())
    vocab = idx.vocab
    runs = []
    for s in selected_segments(idx, sel or Selection()):
        ids = idx.tokens[s.a:s.b].tolist()
        sents = idx.sents[s.a:s.b].tolist()
        start = 0
        for i in range(1, len(ids) + 1):
            if i == len(ids) or sents[i] != sents[start]:
                runs.append((s.doc, ids[start:i]))
                start = i
    stop_ids = {i for i, w in enumerate(vocab) if w in stopwords} if stopwords else set()
    # A stop word may neither end nor sit inside a term: 新兴产业/和/未来产业 is two terms.
    return suggest(runs, vocab.__getitem__,
                   lambda i: not flags.punct(i) and not flags.number(i) and i not in stop_ids,
                   lambda i: i not in stop_ids, known=known, **options)


def suggestion_table(rows: Sequence[Suggestion], total: int, sel_text: str, stoplist: str, options: dict,
                     written: str | None = None):
    from corpus_tui.results import Table
    from corpus_tui.stats.tables import rnd

    cols = ("rank", "term", "tokens", "n", "freq", "docs", "pmi_min", "entropy_min")
    out = [(k, s.term, "/".join(s.tokens), len(s.tokens), s.freq, s.docs, rnd(s.pmi_min), rnd(s.entropy_min))
           for k, s in enumerate(rows, 1)]
    notes = [
        f"{len(out)} of {total} candidates: runs of 2 to {options['max_n']} tokens the tokenizer splits, within a "
        f"sentence, no punctuation, number or stop word in them; not in a dictionary; selection: {sel_text}; "
        f"stop list: {stoplist}",
        "pmi_min = min over the cuts of the term into left + right of log2(freq·N/(freq(left)·freq(right))) "
        "(N = tokens counted): how well its weakest cut holds; entropy_min = min(H_left, H_right), the entropy in "
        "bits of the token before / after each occurrence (a sentence edge a neighbour of its own each time)",
        f"kept: freq ≥ {options['min_freq']}, pmi_min ≥ {options['min_pmi']:g}, entropy_min ≥ "
        f"{options['min_entropy']:g}; ranked by freq, then docs (documents it occurs in), then pmi_min",
    ]
    if written:
        notes.append(f"{len(out)} lines written to {written} as 'word {USERDICT_FREQ}' (jieba's user-dictionary "
                     "format; use it with --userdict)")
    return Table(cols, out, notes=tuple(notes))
