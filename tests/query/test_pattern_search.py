"""Patterns over the bundled corpus's index, checked against a brute-force scan of the same
token, tag, sentence and paragraph arrays read into plain lists."""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter

import pytest

from corpus_tui.query import pattern_search
from corpus_tui.query.pattern_match import TokenArrays
from corpus_tui.query.search import find, selection_spans
from test_pattern_match import brute_force


@pytest.fixture(scope="module")
def plain(seed_index):
    """The index's arrays as lists, paragraphs recomputed from the clean text's lines."""
    idx = seed_index
    text = idx.text
    line_starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
    paras = [bisect_right(line_starts, t) - 1 for t in idx.tstarts]
    return TokenArrays(list(idx.tokens), list(idx.vocab), list(idx.tags), None, list(idx.sents), paras,
                       [d.tok_start for d in idx.docs])


def test_paragraph_ids_are_the_clean_text_lines(seed_index, plain):
    ids = pattern_search.paragraph_ids(seed_index)
    assert [ids[t] for t in range(len(ids))] == plain.paras


@pytest.mark.parametrize("pattern", [
    '[pos="v"] "新赛道"',
    '"未来产业" []{0,15} "人工智能" within s',
    '[pos="n"] [pos="n"]{1,2} "产业" within p',
    '("发展" | "培育") [pos="a"]? [word="新.*"]',
    '[pos="v" & word!="是"] [pos="u"] [pos="n"]',
])
def test_counts_equal_a_brute_force_scan_of_the_arrays(seed_index, plain, pattern):
    found = list(pattern_search.find_tokens(seed_index, pattern, selection_spans(seed_index, ())))
    assert found == brute_force(pattern, plain)
    assert len(found) > 0


def test_the_kwic_node_is_the_matched_tokens_text(seed_index):
    idx = seed_index
    spans = [(0, idx.n_chars)]
    chars = list(find(idx, '[pos="v"] "新赛道"', "pattern", spans=spans))
    toks = list(pattern_search.find_tokens(idx, '[pos="v"] "新赛道"', spans))
    assert [idx.text[a:b] for a, b in chars] == ["".join(idx.vocab[idx.tokens[t]] for t in range(s, e)) for s, e in toks]
    assert all(t.endswith("新赛道") for t in (idx.text[a:b] for a, b in chars))


def test_slot_counts_are_the_verbs_before_the_literal(seed_index, plain):
    spans = [(0, seed_index.n_chars)]
    counts = pattern_search.slot_counts(seed_index, '[pos="v"] "新赛道"', 1, spans)
    expected = Counter(plain.vocab[plain.tokens[s]] for s, _ in brute_force('[pos="v"] "新赛道"', plain))
    assert counts == expected
    whole = pattern_search.slot_counts(seed_index, '[pos="v"] "新赛道"', None, spans)
    assert whole == Counter({f"{w} 新赛道": n for w, n in expected.items()})
