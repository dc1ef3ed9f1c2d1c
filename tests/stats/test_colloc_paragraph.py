"""Co-occurrence bounded by paragraphs, checked against paragraphs read off the clean text."""

from __future__ import annotations

from bisect import bisect_right

from corpus_tui.query.search import Selection
from corpus_tui.stats.colloc import Window, collocates, matrix, occurrences
from corpus_tui.stats.frequency import TermFilter, VocabFlags, selected_segments


def _line_of(idx):
    text = idx.text
    starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
    return lambda t: bisect_right(starts, idx.tstarts[t]) - 1


def test_matrix_cells_are_paragraphs_holding_both(seed_index):
    terms = ["未来产业", "人工智能", "新赛道"]
    m = matrix(seed_index, terms, Selection(), Window(paragraph=True))
    line = _line_of(seed_index)
    segs = selected_segments(seed_index, Selection())
    sets = [{line(i) for i, _ in occurrences(seed_index, segs, [t])} for t in terms]
    assert m.units == tuple(len(s) for s in sets)
    assert m.cells == tuple(tuple(len(a & b) for b in sets) for a in sets)
    assert m.cells[0][1] > 0


def test_window_area_is_the_word_tokens_of_the_nodes_paragraphs(seed_index):
    idx = seed_index
    res = collocates(idx, "新赛道", Selection(), Window(paragraph=True), TermFilter(), min_freq=1)
    line = _line_of(idx)
    segs = selected_segments(idx, Selection())
    occ = occurrences(idx, segs, ["新赛道"])
    punct = VocabFlags(idx, TermFilter()).punct_ids
    node = {t for i, j in occ for t in range(i, j)}
    area = set()
    for i, _ in occ:
        seg = next(s for s in segs if s.a <= i < s.b)
        area |= {t for t in range(seg.a, seg.b) if line(t) == line(i) and t not in node and idx.tokens[t] not in punct}
    assert res.window_area == len(area)
    assert res.window.describe() == "the node's paragraph"
