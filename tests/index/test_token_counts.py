"""Counting a term from the vocabulary (index/token_counts.py) gives exactly what the scan of
the text gives, and is used only when no occurrence can cross a token boundary.

The independent computation is str.count over each document's clean text, the same
non-overlapping left-to-right count bytes.count gives the scan.
"""

from __future__ import annotations

import random

import pytest

from corpus_tui.query import search

from corpus_tui.index import token_counts
from corpus_tui.corpus.options import CorpusOptions
from corpus_tui.index.open import open_index
from corpus_tui.query.search import Selection, count_by_doc_of, selection_spans
from corpus_tui.index.token_counts import char_code, counts_by_doc, crosses_boundary, pair_code


@pytest.fixture(params=["seed", "fixture"])
def idx(request, seed_index, fixture_index):
    return seed_index if request.param == "seed" else fixture_index


def _text_counts(idx, needle: str, docs=None) -> dict[str, int]:
    text, out = idx.text, {}
    for d in idx.docs:
        if docs is None or d.id in docs:
            n = text[d.char_start:d.char_end].count(needle)
            if n:
                out[d.id] = n
    return out


def _terms(idx, n: int = 1500) -> list[str]:
    """Every word of the vocabulary and random stretches of the text, 1-6 characters."""
    rng = random.Random(7)
    text = idx.text
    out = set(idx.vocab)
    for _ in range(n):
        a = rng.randrange(len(text))
        out.add(text[a:a + rng.randint(1, 6)])
    return sorted(t for t in out if t.strip() and "\n" not in t)


def test_the_pairs_are_those_of_consecutive_tokens_in_each_file(idx):
    vocab, toks, expected = idx.vocab, idx.tokens, set()
    for d in idx.docs:
        for i in range(d.tok_start, d.tok_end - 1):
            expected.add(pair_code(char_code(vocab[toks[i]][-1]), char_code(vocab[toks[i + 1]][0])))
    assert idx.arrays["bpairs"].tolist() == sorted(expected)


def test_counts_from_the_vocabulary_are_the_counts_in_the_text(idx):
    spans = selection_spans(idx, Selection())
    certified = 0
    for term in _terms(idx):
        got = counts_by_doc(idx, term, spans)
        if got is not None:
            certified += 1
            assert got == _text_counts(idx, term), term
    assert certified > len(idx.vocab) // 2  # most words are counted this way, not scanned


def test_a_term_is_counted_this_way_only_if_no_occurrence_crosses_a_token(idx):
    # An occurrence crossing a token boundary holds a pair the build saw at a boundary.
    ts = idx.tstarts.tolist()
    starts = set(ts)
    spans = selection_spans(idx, Selection())
    for term in _terms(idx, 400):
        if counts_by_doc(idx, term, spans) is None:
            continue
        pos = idx.text.find(term)
        while pos != -1:
            assert not any(p in starts for p in range(pos + 1, pos + len(term))), (term, pos)
            pos = idx.text.find(term, pos + 1)


def test_seed_terms_that_cross_tokens_are_scanned_and_others_are_not(seed_index):
    spans = selection_spans(seed_index, Selection())
    pairs = seed_index.arrays["bpairs"]
    # 人工智能 is always one token; 未来产业 is cut somewhere (面向未来/产业-like contexts).
    assert not crosses_boundary(pairs, "人工智能")
    assert counts_by_doc(seed_index, "人工智能", spans) == _text_counts(seed_index, "人工智能")
    ts = set(seed_index.tstarts.tolist())
    text = seed_index.text
    crossing = [p for p in range(len(text)) if text.startswith("未来产业", p) and any(q in ts for q in (p + 1, p + 2, p + 3))]
    assert crossing  # the corpus really has such an occurrence
    assert crosses_boundary(pairs, "未来产业") and counts_by_doc(seed_index, "未来产业", spans) is None
    assert count_by_doc_of(seed_index, "未来产业") == _text_counts(seed_index, "未来产业")


@pytest.mark.parametrize("term", ["人工 智能", "智能\u3000", "\U00020000"])
def test_whitespace_and_characters_past_the_bmp_are_left_to_the_scan(seed_index, term):
    assert crosses_boundary(seed_index.arrays["bpairs"], term)


def test_pair_codes_sort_as_the_pairs():
    pairs = [(0, 0), (0, 0xFFFF), (1, 0), (0x7FFF, 5), (0x8000, 0), (0xFFFF, 0xFFFF)]
    codes = [pair_code(a, b) for a, b in pairs]
    assert codes == sorted(codes) and len(set(codes)) == len(codes)
    assert min(codes) == -2**31 and max(codes) == 2**31 - 1  # an int32 holds them
    assert char_code("\U0001F600") == 0xFFFF and char_code("中") == 0x4E2D


def test_a_selection_of_whole_files_is_counted_this_way_and_articles_are_scanned(fixture_index):
    idx = fixture_index
    word = next(w for w in sorted(idx.vocab, key=len, reverse=True)
                if counts_by_doc(idx, w, selection_spans(idx, Selection())) is not None
                and len(_text_counts(idx, w)) == 2)
    one = Selection(ids=(idx.docs[1].id,))
    assert counts_by_doc(idx, word, selection_spans(idx, one)) == _text_counts(idx, word, {idx.docs[1].id})
    art = idx.articles[0]
    sel = Selection(ids=(art.id,))
    assert counts_by_doc(idx, word, selection_spans(idx, sel)) is None
    expected = sum(idx.text[a:b].count(word) for a, b in art.spans)
    assert sum(count_by_doc_of(idx, word, sel=sel).values()) == expected


def test_kwic_count_is_the_same_either_way(seed_index, monkeypatch):
    terms = ["人工智能", "新赛道", "发展", "的", "高质量发展", "数字经济"]
    fast = [count_by_doc_of(seed_index, t) for t in terms]
    monkeypatch.setattr(token_counts, "counts_by_doc", lambda *a: None)
    assert fast == [count_by_doc_of(seed_index, t) for t in terms]
    assert fast[0] == _text_counts(seed_index, "人工智能") and sum(fast[0].values()) > 0


def test_a_term_twice_inside_one_word_counts_as_the_scan_does(tmp_path):
    # The user dictionary keeps 哈哈哈哈哈 whole, so no 哈|哈 boundary: 哈哈 is counted from
    # the words, twice in 哈哈哈哈哈 and once in 哈哈哈 (non-overlapping, as bytes.count).
    root = tmp_path / "c"
    root.mkdir()
    (root / "a.txt").write_text("哈哈哈哈哈，哈哈哈。\n他说哈哈。\n", encoding="utf-8")
    (root / "userdict.txt").write_text("哈哈哈哈哈 1000 n\n", encoding="utf-8")
    idx = open_index(CorpusOptions(corpus=str(root), cache_dir=str(tmp_path / "cache")))
    try:
        assert "哈哈哈哈哈" in idx.vocab and not crosses_boundary(idx.arrays["bpairs"], "哈哈")
        got = count_by_doc_of(idx, "哈哈")
        assert got == {idx.docs[0].id: idx.text.count("哈哈")} == {idx.docs[0].id: 4}
    finally:
        idx.close()


def test_an_index_without_the_pairs_is_scanned(seed_index, monkeypatch):
    arrays = dict(seed_index.arrays)
    del arrays["bpairs"]
    monkeypatch.setattr(seed_index, "arrays", arrays)
    assert counts_by_doc(seed_index, "人工智能", selection_spans(seed_index, Selection())) is None
    assert search.count_by_doc_of(seed_index, "人工智能") == _text_counts(seed_index, "人工智能")
