"""The token counts the index saves per segment (cs_* arrays) are the counts of the tokens.

freq, diff and cooc read them instead of counting every token again, so they are checked
here against a plain Counter over the token array (the independent computation), and every
statistic is checked to come out the same with and without them.
"""

from __future__ import annotations

import random
from collections import Counter

import pytest

from corpus_tui.stats.colloc import collocates
from corpus_tui.stats.compare import keyness, term_sources
from corpus_tui.query.search import Selection
from corpus_tui.stats.frequency import count_unigrams, frequencies, segments
from corpus_tui.index.token_counts import segment_count_table


@pytest.fixture(params=["seed", "fixture"])
def idx(request, seed_index, fixture_index):
    return seed_index if request.param == "seed" else fixture_index


def test_every_segment_has_the_counts_of_its_tokens(idx):
    arr = idx.arrays
    bounds = arr["cs_bounds"].tolist()
    segs = segments(idx)
    assert [(s.a, s.b) for s in segs] == list(zip(bounds[0::2], bounds[1::2]))
    starts = arr["cs_starts"].tolist()
    for k, s in enumerate(segs):
        ids = arr["cs_ids"][starts[k]:starts[k + 1]].tolist()
        counts = arr["cs_counts"][starts[k]:starts[k + 1]].tolist()
        expected = Counter(idx.tokens[s.a:s.b].tolist())
        assert ids == sorted(expected) and dict(zip(ids, counts)) == expected


def test_fixture_has_segments_cut_by_articles(fixture_index):
    segs = segments(fixture_index)
    assert len(segs) > len(fixture_index.docs) and any(s.article for s in segs)


def test_any_token_range_counts_as_the_tokens_do(idx):
    rng = random.Random(3)
    n = idx.n_tokens
    bounds = idx.arrays["cs_bounds"].tolist()
    edges = sorted({0, n, *bounds})
    for _ in range(300):
        a, b = sorted(rng.choice(edges) if rng.random() < 0.6 else rng.randrange(n + 1) for _ in range(2))
        assert count_unigrams(idx, a, b) == Counter(idx.tokens[a:b].tolist()), (a, b)


def _without_saved_counts(idx, fn):
    idx.__dict__["_stats_counts"] = False
    try:
        return fn()
    finally:
        idx.__dict__.pop("_stats_counts", None)


@pytest.mark.parametrize("call", [
    lambda i: frequencies(i, top=None),
    lambda i: frequencies(i, by="group", top=30),
    lambda i: frequencies(i, by="article", top=30),
    lambda i: frequencies(i, Selection(groups=(i.catalog.groups[0],)), top=30),
    lambda i: frequencies(i, Selection(ids=(i.docs[-1].id,)), by="article", top=30),
    lambda i: keyness(i, Selection(ids=(i.docs[0].id,)), None, top=None),
    lambda i: term_sources(i, ["发展", "产业"], "file"),
    lambda i: collocates(i, "发展", Selection(ids=(i.docs[0].id,)), top=None),
], ids=["freq", "freq-by-group", "freq-by-article", "freq-group", "freq-doc", "keyness", "sources", "cooc-doc"])
def test_statistics_are_the_same_without_the_saved_counts(idx, call):
    # repr: exact floats, and NaN (a dispersion over one part) compares equal to itself
    assert repr(call(idx)) == repr(_without_saved_counts(idx, lambda: call(idx)))
    assert segment_count_table(idx) is not None  # the saved counts were there to be used
