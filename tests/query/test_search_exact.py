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

from corpus_tui.query.search import QueryError, Selection, count_by_doc_of, find, kwic, search, selection_spans

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
    with pytest.raises(QueryError, match="^give at least one term$"):
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


@pytest.mark.parametrize("sel, spans, starts", [
    (Selection(), [(0, 180)], [0, 21, 45, 70, 89, 134, 173]),
    # beta (乙刊) is in the group, its second article alone is in 丙报
    (Selection(groups=("未来产业",), outlets=("丙报",)), [(151, 180)], [173]),
    (Selection(outlets=("丙报",)), [(151, 180)], [173]),
    (Selection(outlets=("甲报", "丙报")), [(0, 99), (151, 180)], [0, 21, 45, 70, 89, 173]),
    (Selection(groups=("新赛道",)), [(0, 99)], [0, 21, 45, 70, 89]),
    (Selection(ids=("alpha", "beta-1")), [(0, 99), (100, 151)], [0, 21, 45, 70, 89, 134]),
    (Selection(ids=("beta-2", "beta-1")), [(100, 180)], [134, 173]),  # adjacent articles: one span
    (Selection(ids=("beta",)), [(100, 180)], [134, 173]),
])
def test_selection_spans_and_the_hits_inside_them(fixture_index, sel, spans, starts):
    assert selection_spans(fixture_index, sel) == spans
    assert [s for s, _ in find(fixture_index, "新赛道", sel=sel)] == starts


def test_selection_by_dates(fixture_index):
    from corpus_tui.corpus.dates import NO_RANGE, date_range

    idx = fixture_index
    assert not Selection(dates=NO_RANGE)
    assert selection_spans(idx, Selection(dates=NO_RANGE)) == [(0, 180)]
    # alpha is 2026-01-02, beta 2026-02 with beta-2 of 2026-03
    assert selection_spans(idx, Selection(dates=date_range("2026-02"))) == [(100, 180)]
    assert selection_spans(idx, Selection(dates=date_range(until="2026-02"))) == [(0, 99), (100, 151)]
    assert selection_spans(idx, Selection(ids=("alpha", "beta"), dates=date_range("2026-03"))) == [(151, 180)]
    assert count_by_doc_of(idx, "新赛道", sel=Selection(dates=date_range("2026-02"))) == {"beta": 2}


def test_unknown_groups_and_outlets_name_the_known_ones(fixture_index):
    with pytest.raises(QueryError, match=r"^unknown group 'x'; known: 新赛道, 未来产业$"):
        list(find(fixture_index, "新赛道", sel=Selection(groups=("x",))))
    with pytest.raises(QueryError, match=r"^unknown outlet 'y'; known: 丙报, 乙刊, 甲报$"):
        list(find(fixture_index, "新赛道", sel=Selection(outlets=("y",))))
    with pytest.raises(QueryError, match=r"^unknown document or article id 'z'; known: alpha, beta, beta-1, beta-2$"):
        list(find(fixture_index, "新赛道", sel=Selection(ids=("z",))))


@pytest.fixture(params=["decoded", "bytes"])
def either_index(request, fixture_index, fixture_corpus, session_cache, monkeypatch):
    """The fixture decoded (small texts are) and read from its mapped bytes (large ones are)."""
    if request.param == "decoded":
        assert fixture_index.text[:3] == "新赛道"  # decoded once (small texts are, on first use)
        assert fixture_index.text_buffer is None
        return fixture_index
    from corpus_tui.corpus.options import CorpusOptions
    from corpus_tui.index import saved
    from corpus_tui.index.open import open_index

    monkeypatch.setattr(saved, "DECODE_ALL_BYTES", 0)
    idx = open_index(CorpusOptions(corpus=str(fixture_corpus), cache_dir=str(session_cache)))
    assert idx.text_buffer is not None
    return idx


@pytest.mark.parametrize("term, mode, starts, per_doc", [
    ("新赛道", "surface", [0, 21, 45, 70, 89, 134, 173], {"alpha": 5, "beta": 2}),  # whole tokens: from the vocabulary
    ("道观", "surface", [2], {"alpha": 1}),           # across 新赛道|观察: scanned
    ("2026年", "surface", [54], {"alpha": 1}),        # "2026 年" in the raw text
    ("，培育", "surface", [24], {"alpha": 1}),
    (",培育", "surface", [24], {"alpha": 1}),         # the half-width comma of the query folds
    (",", "surface", [24, 51, 62, 76, 114, 126, 133], {"alpha": 4, "beta": 3}),  # , and ，: two forms
    ("的", "word", [31, 48, 59, 73, 108], {"alpha": 4, "beta": 1}),
    ("未来", "word", [], {}),
    ("新.道", "regex", [0, 21, 45, 70, 89, 134, 173], {"alpha": 5, "beta": 2}),
    ("新赛道$5未来产业", "surface", [21, 134], {"alpha": 1, "beta": 1}),
    ('"未来产业"', "pattern", [27, 65, 122, 138, 161, 167], {"alpha": 2, "beta": 4}),
    ("产业。", "surface", [163], {"beta": 1}),       # 未来产业|。 in beta-2
    ("产业，", "surface", [124], {"beta": 1}),       # and in beta-1
    ("产业了", "surface", [], {}),
    ("观察\n本报", "surface", [3], {"alpha": 1}),     # a line break in the query: only the scan finds it
    ("篇\n加快", "surface", [155], {"beta": 1}),
])
def test_hits_and_counts_per_document_in_every_mode(either_index, term, mode, starts, per_doc):
    assert [s for s, _ in find(either_index, term, mode)] == starts
    assert count_by_doc_of(either_index, term, mode) == per_doc
    sel = Selection(ids=("beta-2",))
    assert count_by_doc_of(either_index, term, mode, sel=sel) == (
        {"beta": sum(1 for s in starts if s >= 151)} if any(s >= 151 for s in starts) else {})


def test_counts_of_a_hit_list_name_every_document(fixture_index):
    from corpus_tui.query.search import count_by_doc

    assert count_by_doc(fixture_index, find(fixture_index, "耐心资本")) == {"alpha": 1, "beta": 0}
    assert count_by_doc(fixture_index, find(fixture_index, "新赛道")) == {"alpha": 5, "beta": 2}


def test_query_errors_say_what_is_wrong(fixture_index):
    from corpus_tui.query.search import fold_query, query_forms

    with pytest.raises(QueryError, match=r"^empty query: give a term to search for$"):
        query_forms("  ")
    with pytest.raises(QueryError, match=r"^query '\\u200b' is empty once invisible characters are removed$"):
        query_forms("\u200b")
    with pytest.raises(QueryError, match=r"^unknown search mode 'bogus'$"):
        list(find(fixture_index, "新赛道", mode="bogus"))
    with pytest.raises(QueryError, match=r"^invalid regular expression '未来\(产业': missing \) at position 5$"):
        list(find(fixture_index, "未来(产业", mode="regex"))
    assert fold_query(" 新赛道, ") == "新赛道，"  # trimmed, its comma the text's full-width one
    assert query_forms(",") == [",", "，"]


def test_a_dictionary_category_is_found_and_counted_as_its_entries(fixture_index):
    from corpus_tui.stats.categories import CategoryTerm
    from corpus_tui.stats.dictionary import parse_yaml

    term = CategoryTerm("@赛道", parse_yaml("赛道:\n  - 新赛道\n  - 新动能\n"))
    assert list(find(fixture_index, term)) == [(0, 3), (21, 24), (32, 35), (45, 48), (70, 73), (89, 92),
                                               (134, 137), (173, 176)]
    assert [(c.hit.line, c.node) for c in kwic(fixture_index, term)][1:3] == [(3, "新赛道"), (3, "新动能")]
    assert count_by_doc_of(fixture_index, term) == {"alpha": 6, "beta": 2}
    assert count_by_doc_of(fixture_index, term, sel=Selection(ids=("beta-2",))) == {"beta": 1}
    with pytest.raises(QueryError, match=r"^@赛道: a dictionary category is matched as surface strings, not in word mode$"):
        list(find(fixture_index, term, mode="word"))


@pytest.fixture(scope="module")
def long_sentence(tmp_path_factory):
    """long.txt: one sentence of 661 characters, 新赛道 at 300, 未来产业 at 603, a 。 at 660;
    s400.txt: a sentence of exactly 400 characters, 新赛道 at 300; s300.txt: one of 300, 新赛道 at 250."""
    from corpus_tui.corpus.options import CorpusOptions
    from corpus_tui.index.open import open_index

    root = tmp_path_factory.mktemp("long-sentence")
    texts = {"long": "—" * 300 + "新赛道" + "—" * 300 + "未来产业" + "—" * 53 + "。\n",
             "s400": "—" * 300 + "新赛道" + "—" * 96 + "。\n",
             "s300": "—" * 250 + "新赛道" + "—" * 46 + "。\n"}
    for name, text in texts.items():
        (root / f"{name}.txt").write_text(text, encoding="utf-8")
    (root / "INDEX.md").write_text("## Files\n\n| id | file |\n|---|---|\n"
                                   + "".join(f"| {n} | {n}.txt |\n" for n in texts), encoding="utf-8")
    return open_index(CorpusOptions(corpus=str(root), cache_dir=str(tmp_path_factory.mktemp("cache")))), texts


def test_a_long_sentence_is_cut_to_400_characters_around_its_first_hit(long_sentence):
    from corpus_tui.results import Hit

    idx, texts = long_sentence
    text = texts["long"]
    assert idx.text.split("\n")[0] == text[:-1]
    (hit, h400, h300), counts = search(idx, ["新赛道", "未来产业"], require_all=False)
    assert hit.sentence == text[100:500]          # 200 before the first hit, 400 in all
    assert hit.spans == ((200, 203),)             # 未来产业 lies past the cut: not marked
    assert hit.hits == 2 and counts == {"long": 2, "s400": 1, "s300": 1}
    assert hit.hit == Hit(300, 303, "long", "", "long.txt", 1, 301)
    # a sentence of 400 characters or fewer is shown whole, wherever its hit is
    assert (h400.sentence, h400.spans) == (texts["s400"][:-1], ((300, 303),))
    assert (h300.sentence, h300.spans) == (texts["s300"][:-1], ((250, 253),))
    assert (h300.hit.file, h300.hit.line, h300.hit.column) == ("s300.txt", 1, 251)
    (late,), _ = search(idx, ["未来产业"])
    assert late.sentence == text[403:661] and late.spans == ((200, 204),)  # up to the sentence's end
    assert (late.hit.start, late.hit.end) == (603, 607)
    end = search(idx, ["。"])[0][0]
    assert end.sentence == text[460:661] and end.spans == ((200, 201),)


@pytest.fixture(scope="module")
def traditional(tmp_path_factory):
    """A Traditional file, indexed through its Simplified view (folded scripts, the default)."""
    from corpus_tui.corpus.options import CorpusOptions
    from corpus_tui.index.open import open_index

    root = tmp_path_factory.mktemp("traditional")
    (root / "tw.txt").write_text("推動未來產業與人工智慧發展。\n未來產業需要新賽道。\n", encoding="utf-8")
    (root / "INDEX.md").write_text("## Files\n\n| id | file |\n|---|---|\n| tw | tw.txt |\n", encoding="utf-8")
    return open_index(CorpusOptions(corpus=str(root), cache_dir=str(tmp_path_factory.mktemp("cache"))))


def test_queries_in_either_script_meet_the_simplified_view(traditional):
    from corpus_tui.query.search import fold_query, query_forms

    idx = traditional
    assert idx.folds_script
    assert fold_query("未來產業", idx) == "未来产业" and fold_query("未來產業") == "未來產業"
    assert query_forms("人工智慧,", idx) == ["人工智能，"]  # the Taiwan phrase, the comma full width
    for term, mode, places in [("未來產業", "surface", [(1, 3), (2, 1)]), ("未來.業", "regex", [(1, 3), (2, 1)]),
                               ("新賽道", "word", [(2, 7)]), ("人工智慧", "surface", [(1, 8)])]:
        assert [(c.hit.line, c.hit.column) for c in kwic(idx, term, mode)] == places, term
        assert count_by_doc_of(idx, term, mode) == {"tw": len(places)}


def test_search_in_word_and_regex_mode(fixture_index):
    hits, counts = search(fixture_index, ["新"], mode="word")
    assert [(h.hit.doc, h.hit.line, h.hit.column, h.spans) for h in hits] == [("beta", 2, 2, ((1, 2),))]
    assert counts == {"alpha": 0, "beta": 1}
    hits, _ = search(fixture_index, ["新.能", "耐心"], mode="regex", require_all=False)
    assert [(h.hit.line, h.spans) for h in hits] == [(3, ((19, 22),)), (6, ((5, 7),))]


@pytest.mark.parametrize("term, mode, spans", [
    ("新$20未来产业", "word", [(107, 126)]),    # 新 is a whole token only in 在|新|的
    ("新$20未来产业", "surface", [(21, 31), (45, 69), (107, 126), (134, 142)]),
    ("培育$2未来", "word", []),                  # 未来 never ends a token
    ("培育$2未来", "surface", [(25, 29), (159, 163)]),
    ("新动能$30抢占", "surface", []),            # 抢占 is 8 characters on, in the next sentence
    ("新动能#30抢占", "surface", []),
])
def test_proximity_in_word_and_surface_mode_stays_in_a_sentence(fixture_index, term, mode, spans):
    assert list(find(fixture_index, term, mode)) == spans


def test_word_mode_refuses_a_term_starting_inside_a_token(fixture_index):
    assert list(find(fixture_index, "赛道观察", mode="word")) == []  # ends on 观察's end, starts inside 新赛道
    assert list(find(fixture_index, "五", mode="word")) == []        # inside the corpus's last token
    assert list(find(fixture_index, "王五", mode="word")) == [(178, 180)]


def test_a_corpus_without_groups_or_outlets_says_so(long_sentence):
    idx, _ = long_sentence
    with pytest.raises(QueryError, match=r"^unknown group 'x'; known: \(none\)$"):
        selection_spans(idx, Selection(groups=("x",)))
    with pytest.raises(QueryError, match=r"^unknown outlet 'y'; known: \(none\)$"):
        selection_spans(idx, Selection(outlets=("y",)))


def test_node_sort_orders_different_nodes_by_their_text_then_place(fixture_index):
    lines = kwic(fixture_index, "新.", "regex", sort="node")
    assert [(c.hit.start, c.node) for c in lines] == [
        (36, "新优"), (32, "新动"), (107, "新的"), (0, "新赛"), (21, "新赛"), (45, "新赛"), (70, "新赛"), (89, "新赛"),
        (134, "新赛"), (173, "新赛")]
