"""Search, KWIC and its sorts on the fixture corpus, with every hit, place and order written out.

The fixture's clean text and tokens (conftest.py) are small enough to read by eye:

    alpha  新赛道|观察 / 本报记者|张三 / 各地|正在|积极|开辟|新赛道|，|培育|未来产业|的|新动能|和|新优势|。
           我们|要|抢占|新赛道|的|先机|，|推动|2026|年|的|发展|，|把握|未来产业|和|新赛道|的|机遇|，
           促进|现代化产业体系|建设|。|新赛道|需要|耐心资本|。
    beta   #|第一篇 / 在|新|的|历史|起点|上|，|我们|要|加快|发展|未来产业|，|这是|大势所趋|，|新赛道|与|
           未来产业|相互促进|。 / 李四 / #|第二篇 / 加快|培育|未来产业|。 / 未来产业|需要|新赛道|。 / 王五

so each expected list below is what a reader finds by hand.
"""

from __future__ import annotations

import pytest

from corpus_tui.query.search import QueryError, Selection, count_by_doc_of, find, kwic, search

# 新赛道's seven hits in corpus order, as (document, raw line, raw column)
XSD = [("alpha", 1, 1), ("alpha", 3, 9), ("alpha", 4, 9), ("alpha", 5, 8), ("alpha", 6, 3),
       ("beta", 4, 11), ("beta", 8, 7)]


def _places(lines):
    return [(c.hit.doc, c.hit.line, c.hit.column) for c in lines]


def test_word_mode_hits_start_and_end_on_token_boundaries(fixture_index):
    idx = fixture_index
    # 新 is a token only in 在|新|的; every other 新 starts a longer token (新赛道, 新动能)
    assert list(find(idx, "新", mode="word")) == [(107, 108)]
    assert len(list(find(idx, "新"))) == 10  # 7 新赛道, 新动能, 新优势, 新
    # 未来 starts the token 未来产业 six times but ends none
    assert list(find(idx, "未来", mode="word")) == []
    assert count_by_doc_of(idx, "未来", mode="word") == {}
    # two whole tokens 培育|未来产业
    assert list(find(idx, "培育未来产业", mode="word")) == [(25, 31), (159, 165)]
    # the end of a term inside a token: 新赛 starts 新赛道 but does not end it
    assert list(find(idx, "新赛", mode="word")) == []
    assert list(find(idx, "新赛道", mode="word")) == list(find(idx, "新赛道"))


def test_kwic_places_and_contexts_in_document_order(fixture_index):
    lines = kwic(fixture_index, "新赛道", width=8)  # cells: four wide characters
    assert _places(lines) == XSD
    assert [(c.left, c.node, c.right) for c in lines] == [
        ("", "新赛道", "观察 本"),        # a line break in the context is shown as a space
        ("积极开辟", "新赛道", "，培育未"),
        ("们要抢占", "新赛道", "的先机，"),
        ("来产业和", "新赛道", "的机遇，"),
        ("系建设。", "新赛道", "需要耐心"),
        ("势所趋，", "新赛道", "与未来产"),
        ("产业需要", "新赛道", "。 王五"),  # the right context stops at the end of beta
    ]
    assert [c.hit.article for c in lines] == ["", "", "", "", "", "beta-1", "beta-2"]
    assert {c.hit.file for c in lines} == {"a.txt", "sub/b.txt"}


def test_kwic_default_width_is_thirty_cells_within_the_document(fixture_index):
    (line,) = kwic(fixture_index, "耐心资本")
    assert line.left == "现代化产业体系建设。新赛道需要"  # 15 wide characters
    assert line.right == "。"  # alpha ends there; beta's text is not context
    (first,) = kwic(fixture_index, "在新的")
    assert first.left == "# 第一篇 "  # nothing of alpha before beta's first line


def test_kwic_token_context_counts_tokens_and_stops_at_the_document(fixture_index):
    lines = kwic(fixture_index, "新赛道", tokens=2, width=None)
    assert [(c.left, c.right) for c in lines] == [
        ("", "观察 本报记者"),
        ("积极开辟", "，培育"),
        ("要抢占", "的先机"),
        ("未来产业和", "的机遇"),
        ("建设。", "需要耐心资本"),
        ("大势所趋，", "与未来产业"),
        ("未来产业需要", "。 王五"),
    ]
    # a node that is part of a token: context from the token around it on
    (mid,) = kwic(fixture_index, "心资", tokens=1, width=None)
    assert (mid.left, mid.node, mid.right) == ("耐", "心资", "本。")


# The expected orders below sort the words around each hit by code point, "" (no word:
# the document starts) first; ties keep corpus order.
@pytest.mark.parametrize("spec, order", [
    ("doc", [0, 1, 2, 3, 4, 5, 6]),
    ("1L", [0, 4, 3, 1, 2, 6, 5]),     # '' 。 和 开辟 抢占 需要 ，
    ("2L", [0, 5, 4, 3, 6, 1, 2]),     # '' 大势所趋 建设 未来产业 未来产业 积极 要
    ("3L", [0, 6, 2, 3, 1, 4, 5]),     # '' 。 我们 把握 正在 现代化产业体系 这是
    ("1R", [6, 5, 2, 3, 0, 4, 1]),     # 。 与 的 的 观察 需要 ，
    ("2R", [2, 1, 5, 0, 3, 6, 4]),     # 先机 培育 未来产业 本报记者 机遇 王五 耐心资本
    ("3R", [6, 4, 0, 1, 5, 2, 3]),     # '' (beta ends) 。 张三 未来产业 相互促进 ， ，
    ("1L1R", [0, 4, 3, 1, 2, 6, 5]),
    ("1R2R", [6, 5, 2, 3, 0, 4, 1]),   # 的|先机 before 的|机遇
    ("1L2L", [0, 4, 3, 1, 2, 6, 5]),
    ("node", [0, 1, 2, 3, 4, 5, 6]),
])
def test_kwic_sorts_in_the_fields_notation(fixture_index, spec, order):
    assert _places(kwic(fixture_index, "新赛道", sort=spec)) == [XSD[i] for i in order]


def test_a_sort_with_a_limit_keeps_the_first_lines_of_the_sorted_list(fixture_index):
    assert _places(kwic(fixture_index, "新赛道", sort="1R", limit=3)) == [XSD[6], XSD[5], XSD[2]]
    assert _places(kwic(fixture_index, "新赛道", limit=2)) == XSD[:2]
    with pytest.raises(QueryError, match=r"unknown sort '4L'; choose from doc, 1L, 2L, 3L, 1R, 2R, 3R, 1L1R, 1R2R, 1L2L, node"):
        kwic(fixture_index, "新赛道", sort="4L")


def test_search_requires_every_term_by_default(fixture_index):
    hits, counts = search(fixture_index, ["新赛道", "未来产业"])
    assert [(h.hit.doc, h.hit.line, h.hit.column, h.spans, h.hits) for h in hits] == [
        ("alpha", 3, 9, ((8, 11), (14, 18)), 2),
        ("alpha", 4, 9, ((5, 8), (25, 29), (30, 33)), 3),
        ("beta", 2, 17, ((16, 20), (28, 31), (32, 36)), 3),  # the sentence's first hit is 未来产业
        ("beta", 8, 1, ((0, 4), (6, 9)), 2),
    ]
    assert hits[1].sentence == "我们要抢占新赛道的先机，推动2026年的发展，把握未来产业和新赛道的机遇，促进现代化产业体系建设。"
    assert counts == {"alpha": 5, "beta": 5}


def test_search_any_term(fixture_index):
    hits, counts = search(fixture_index, ["新赛道", "未来产业"], require_all=False)
    assert [(h.hit.doc, h.hit.line, h.hit.column, h.hits) for h in hits] == [
        ("alpha", 1, 1, 1), ("alpha", 3, 9, 2), ("alpha", 4, 9, 3), ("alpha", 6, 3, 1),
        ("beta", 2, 17, 3), ("beta", 7, 5, 1), ("beta", 8, 1, 2),
    ]
    assert hits[0].sentence == "新赛道观察 "  # the title line, its line break shown as a space
    assert hits[5].sentence == "加快培育未来产业。"
    assert counts == {"alpha": 7, "beta": 6}
    with pytest.raises(QueryError, match="give at least one term"):
        search(fixture_index, [])


def test_search_a_term_twice_in_one_sentence_counts_both(fixture_index):
    hits, counts = search(fixture_index, ["新赛道"], sel=Selection(ids=("alpha",)))
    assert [(h.hit.line, h.spans, h.hits) for h in hits] == [
        (1, ((0, 3),), 1), (3, ((8, 11),), 1), (4, ((5, 8), (30, 33)), 2), (6, ((0, 3),), 1)]
    assert counts == {"alpha": 5, "beta": 0}


def test_sort_words_stop_at_the_document_as_the_context_does(fixture_index):
    """。 ends alpha at 98 and beta at 176: no second word follows either in its document
    (beta's 第一篇 is not alpha's context), so both sort first by 2R, before 李四|# (146)."""
    lines = kwic(fixture_index, "。", sort="2R", width=4)
    assert [(c.hit.start, c.right) for c in lines] == [
        (98, ""), (176, " 王"), (146, " 李"), (39, "我们"), (88, "新赛"), (165, " 未")]
    assert [c.hit.start for c in kwic(fixture_index, "#", sort="1L")] == [100, 151]
