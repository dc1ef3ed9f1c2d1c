"""KWIC lines made in chunks (query/concordance.py) are kwic_table's rows, value for value,
on the decoded text and on the mapped bytes, for every kind of term."""

import pytest

from corpus_tui.cells import cell_len, char_width, crop_left, crop_right
from corpus_tui.query.search import Selection
from corpus_tui.query.tables import kwic_stream, kwic_table


def _streamed(idx, terms, mode="surface", sel=Selection(), width=30, limit=None, chunk=None):
    from corpus_tui.query import concordance

    head, chunks = kwic_stream(idx, terms, mode, sel, width, limit)
    if chunk is not None:  # small chunks: lines cut across chunk edges
        hits = concordance.Hits(idx, terms, mode, sel, limit)
        chunks = concordance.rows(hits, width, __import__("corpus_tui.query.tables", fromlist=["places"]).places(idx),
                                  chunk=chunk)
        rows = [r for c in chunks for r in c]
        assert hits.count == len(rows)
        return head, rows
    rows = [r for c in chunks for r in c]
    assert head.notes[0].startswith(f"{len(rows)} hits;")
    return head, rows


CASES = [
    (["新赛道"], "surface", Selection(), 30, None),
    (["人工智能", "未来产业"], "surface", Selection(), 30, None),
    (["，"], "surface", Selection(), 12, 300),
    (["产业"], "word", Selection(), 30, None),
    (["产业"], "surface", Selection(groups=("未来产业",)), 7, None),
    (["新[赛质]"], "regex", Selection(), 30, None),
    (["未来$3产业"], "surface", Selection(), 30, None),
    (["的"], "surface", Selection(), 1, 50),
    ([","], "surface", Selection(), 30, None),  # half-width comma: several folded forms
]


@pytest.mark.parametrize("terms,mode,sel,width,limit", CASES)
def test_streamed_rows_are_the_table_rows(seed_index, terms, mode, sel, width, limit):
    table = kwic_table(seed_index, terms, mode, sel, width, None, "doc", limit)
    head, rows = _streamed(seed_index, terms, mode, sel, width, limit)
    assert rows == table.rows
    assert (head.columns, head.notes, head.display) == (table.columns, table.notes, table.display)


def test_rows_from_the_mapped_bytes_are_the_rows_from_the_text(session_cache, monkeypatch):
    """A large index is read from its mapped UTF-8 bytes (windows decoded around each hit);
    forced here on the bundled corpus, in chunks of 7 lines."""
    from corpus_tui.corpus.options import CorpusOptions
    from corpus_tui.index import saved as index_module
    from corpus_tui.index.open import open_index

    opts = CorpusOptions(cache_dir=str(session_cache))
    decoded = open_index(opts)
    monkeypatch.setattr(index_module, "DECODE_ALL_BYTES", 0)
    on_bytes = open_index(opts)
    # regex and proximity terms decode the text: the plain ones first
    for terms, mode, sel, width, limit in sorted(CASES, key=lambda c: c[1] == "regex" or "$" in c[0][0]):
        want = kwic_table(decoded, terms, mode, sel, width, None, "doc", limit).rows
        assert _streamed(on_bytes, terms, mode, sel, width, limit, chunk=7)[1] == want, terms
        if mode != "regex" and "$" not in terms[0]:
            assert on_bytes.text_buffer is not None


def _reference_crop_left(text, width):
    used, i = 0, len(text)
    while i > 0 and used + char_width(text[i - 1]) <= width:
        used += char_width(text[i - 1])
        i -= 1
    return text[i:]


def _reference_crop_right(text, width):
    used = 0
    for i, ch in enumerate(text):
        if used + char_width(ch) > width:
            return text[:i]
        used += char_width(ch)
    return text


def test_crops_keep_the_longest_end_that_fits():
    from hypothesis import given, settings, strategies as st

    chars = st.sampled_from(list("ab 1\u0301\u200b中文，“”…\t\x1b\u3000Ａ😀"))

    @settings(max_examples=3000, deadline=None)
    @given(st.lists(chars, max_size=40).map("".join), st.integers(-2, 44))
    def check(text, width):
        left, right = crop_left(text, width), crop_right(text, width)
        assert left == _reference_crop_left(text, width)
        assert right == _reference_crop_right(text, width)
        assert cell_len(left) == sum(map(char_width, left)) and cell_len(right) == sum(map(char_width, right))
        assert cell_len(text) == sum(map(char_width, text))

    check()
    assert crop_left("新赛道产业", 5) == "产业" and crop_right("新赛道产业", 5) == "新赛"
