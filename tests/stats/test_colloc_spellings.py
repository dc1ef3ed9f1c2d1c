"""cooc finds a node's occurrences by a byte search for each run of vocabulary words that
spells it (stats.occurrences_by_bytes.spellings); the same token ranges as walking from every token
that starts it, and the unaligned count by counting is the one by searching."""

import pytest

from corpus_tui.query.search import Selection
from corpus_tui.stats import colloc

TERMS = ["人工智能", "未来产业", "产业", "新质生产力", "创新", "的", "，", ",", "产业链供应链", "新赛道产业", "面向未来产业"]


@pytest.mark.parametrize("sel", [Selection(), Selection(groups=("未来产业",))])
def test_spelled_occurrences_are_the_walked_ones(seed_index, sel, monkeypatch):
    segs = colloc.selected_segments(seed_index, sel)
    got = {t: colloc.occurrences(seed_index, segs, colloc.fold_terms([t], seed_index)) for t in TERMS}
    unaligned = {t: colloc.unaligned_count(seed_index, sel, colloc.fold_terms([t], seed_index), got[t]) for t in TERMS}
    monkeypatch.setattr(colloc.occurrences_by_bytes, "spellings", lambda *a: None)
    monkeypatch.setattr(colloc.occurrences_by_bytes, "unaligned_by_count", lambda *a: None)
    for t in TERMS:
        variants = colloc.fold_terms([t], seed_index)
        walked = colloc.occurrences(seed_index, segs, variants)
        assert got[t] == walked, t
        assert unaligned[t] == colloc.unaligned_count(seed_index, sel, variants, walked), t
    assert len(got["人工智能"]) > 100 and unaligned["产业"] > 0
