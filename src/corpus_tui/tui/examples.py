"""Example terms for the hints (the search box's placeholder, the Trend tab's note), taken from
the corpus open rather than naming 新赛道 on every corpus.

An example is one of the corpus's most frequent nouns (jieba tag n…) of two or more characters
that the stop list keeps, by the Frequency tab's own filter (stats.frequency.VocabFlags); a
corpus without POS tags gives its most frequent such words. Computed from the index's per-word
totals: only the few hundred most frequent words are looked at, ~5 ms on the bundled corpus,
and cached on the index.
"""

from __future__ import annotations

import heapq

LOOK_AT = 500  # the most frequent words checked against the filter


def example_terms(idx, n: int = 2) -> list[str]:
    """Up to ``n`` example terms, most frequent first (ties by the term); [] for an empty corpus."""
    cached = idx.__dict__.get("_tui_examples")
    if cached is None:
        from corpus_tui.stats.frequency import TermFilter, VocabFlags
        from corpus_tui.tokens.stoplist import load_stopwords

        freq = idx.freq.tolist()
        top = heapq.nlargest(LOOK_AT, zip(freq, range(len(freq))))
        top.sort(key=lambda fi: (-fi[0], idx.vocab[fi[1]]))
        stop = load_stopwords()
        cached = []
        for pos in (("n",), ()):
            flags = VocabFlags(idx, TermFilter(stop, min_len=2, pos=pos))
            excluded = flags.excluded_ids()
            cached = [idx.vocab[i] for f, i in top if f and i not in excluded and flags.ok(i)][:4]
            if cached:
                break
        idx.__dict__["_tui_examples"] = cached
    return cached[:n]


def search_placeholder(terms: list[str]) -> str:
    # The example first: at 80 columns the box shows ~28 cells of it.
    start = f"search, e.g. {terms[0]}" if terms else "search: type a word"
    return f"{start} (m: mode, s: sort, g: group)"


def trend_hint(idx) -> str:
    example = ",".join(example_terms(idx, 2))
    return f"type terms in the search box, comma-separated{f' ({example})' if example else ''}: their trend shows here"
