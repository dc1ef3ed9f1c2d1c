"""CCL proximity A$NB / A#NB, checked against a scan of every pair of occurrences."""

from __future__ import annotations

from bisect import bisect_right

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus_tui.errors import CorpusError
from corpus_tui.query.proximity import Proximity, near, parse_proximity


def _occurrences(text: str, term: str) -> list[tuple[int, int]]:
    out, pos = [], text.find(term)
    while pos != -1:
        out.append((pos, pos + len(term)))
        pos = text.find(term, pos + len(term))
    return out


def _sentence_of(text: str):
    starts = [0] + [i + 1 for i, ch in enumerate(text) if ch in "。\n"]
    return lambda c: bisect_right(starts, c)


def _near(text: str, term: str) -> list[tuple[int, int]]:
    prox = parse_proximity(term)
    return list(near(prox, _occurrences(text, prox.left), _occurrences(text, prox.right), _sentence_of(text)))


def test_parse_takes_the_first_operator_with_digits_and_both_sides():
    assert parse_proximity("未来产业$10人工智能") == Proximity("未来产业", "人工智能", 10, False)
    assert parse_proximity("新赛道#3布局") == Proximity("新赛道", "布局", 3, True)
    assert parse_proximity("新赛道") is None
    assert parse_proximity("$5新赛道") is None  # nothing on the left
    assert parse_proximity("新赛道$5") is None  # nothing on the right
    assert parse_proximity("新$赛道") is None  # no distance
    assert parse_proximity("US$5m") == Proximity("US", "m", 5, False)
    with pytest.raises(CorpusError, match="over the limit"):
        parse_proximity("a$5000b")


def test_after_within_n_characters_of_the_same_sentence():
    text = "布局新赛道。新赛道要布局，布局好新赛道"
    # 布局 at 0, 10, 13; 新赛道 at 2, 6, 16; 。 at 5
    assert _near(text, "布局$0新赛道") == [(0, 5)]
    assert _near(text, "布局$1新赛道") == [(0, 5), (13, 19)]
    assert _near(text, "新赛道$5布局") == [(6, 12)]  # the 新赛道 at 2 ends its sentence
    assert _near(text, "新赛道#1布局") == [(0, 5), (6, 12), (13, 19)]
    assert _near(text, "新赛道#0布局") == [(0, 5)]


def _pairs_scan(text: str, prox: Proximity) -> list[tuple[int, int]]:
    """Every (A, B) pair tried: the nearest B in reach of each A, a tie to the B after."""
    sent = _sentence_of(text)
    out = []
    for a, b in _occurrences(text, prox.left):
        cands = []
        for s, e in _occurrences(text, prox.right):
            if s >= b and s - b <= prox.distance and sent(a) == sent(e - 1):
                cands.append((s - b, 0, s, e))
            if prox.either and e <= a and a - e <= prox.distance and sent(s) == sent(b - 1):
                cands.append((a - e, 1, s, e))
        if cands:
            _, _, s, e = min(cands)
            out.append((min(a, s), max(b, e)))
    return out


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab。\nc", max_size=40), st.sampled_from(["a", "b", "ab", "ba", "c"]),
       st.sampled_from(["a", "b", "ab", "bb", "c"]), st.integers(0, 4), st.booleans())
def test_hits_equal_a_scan_of_every_pair(text, left, right, n, either):
    prox = Proximity(left, right, n, either)
    found = list(near(prox, _occurrences(text, left), _occurrences(text, right), _sentence_of(text)))
    assert found == _pairs_scan(text, prox)
