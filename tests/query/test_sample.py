"""Samples of KWIC lines: reproducible from the seed alone, at most K a document, stable
when another document is added."""

from __future__ import annotations

import hashlib
import random

from corpus_tui.query.sample import rank, sample

ITEMS = [(f"d{i % 3}", i) for i in range(12)]


def test_the_rank_is_blake2b_keyed_by_the_seed_over_document_and_place():
    assert rank(7, "d1", 4) == hashlib.blake2b(b"d1\x004", digest_size=8, key=b"7").digest()
    assert rank(7, "d1", 4).hex() == "0f0f1f4ad5dd69ff"  # pinned: a sample must not change with a release


def test_a_sample_is_pinned_by_its_seed_and_kept_in_concordance_order():
    assert sample(ITEMS, 4, 7) == [("d2", 2), ("d1", 4), ("d2", 8), ("d2", 11)]
    assert sample(ITEMS, 4, 8) == [("d2", 5), ("d0", 6), ("d1", 7), ("d0", 9)]
    assert sample(ITEMS, 4, 7, max_per_doc=1) == [("d0", 3), ("d1", 4), ("d2", 8)]  # only three documents
    assert sample(ITEMS, 99, 7) == ITEMS
    assert sample(ITEMS, 0, 7) == []


def test_max_per_doc_and_size_hold_on_random_concordances():
    rng = random.Random(5)
    for _ in range(200):
        items = [(f"d{rng.randint(0, 6)}", i) for i in range(rng.randint(0, 60))]
        n, k, seed = rng.randint(1, 30), rng.randint(1, 5), rng.randint(0, 10**9)
        got = sample(items, n, seed, k)
        per = {d: sum(1 for x in got if x[0] == d) for d in {x[0] for x in items}}
        assert all(v <= k for v in per.values())
        assert len(got) == min(n, sum(min(k, sum(1 for x in items if x[0] == d)) for d in per))
        assert got == [x for x in items if x in got]


def test_adding_a_document_only_adds_its_lines_to_the_competition():
    a = [("a", i) for i in range(40)]
    b = [("b", i) for i in range(40)]
    alone = sample(a, 10, 3)
    together = sample(a + b, 10, 3)
    assert set(x for x in together if x[0] == "a") <= set(alone)
