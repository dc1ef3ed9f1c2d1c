"""Core statistics on a small hand-made corpus whose counts were checked by hand.

Tokens of the fixture (jieba with the package dictionary), punctuation marked *:
  fa  0 新赛道 推动 发展 。* 新赛道 需要 技术 。* 技术创新 推动 发展 。*            (12 tokens, 9 words)
  fb 12 目录 | fb-1: 未来产业 推动 发展 。* 未来产业 需要 技术 。* 发展 未来产业 。*
         | fb-2: 我们 的 技术创新 推动 经济 ，* 2026 年 发展 。*                 (22 tokens, 17 words)
  fc 34 技术创新 的 发展 。* 创新 发展 了 。*                                    (8 tokens, 6 words)
N = 32 word tokens (42 tokens with punctuation).
"""

from __future__ import annotations

import math
from fractions import Fraction
from pathlib import Path

import pytest

from corpus_tui.stats import colloc

from corpus_tui.stats import compare

from corpus_tui.stats import frequency
from corpus_tui.stats import measures as M
from corpus_tui.corpus.options import CorpusOptions
from corpus_tui.index.open import open_index
from corpus_tui.query.search import Selection
from corpus_tui.tokens.stoplist import is_number, is_punct, is_punct_or_number, load_stopwords, parse_stopwords

INDEX_MD = """# Test corpus

## Files

| id | file | title | outlet | date | authors | group | notes |
|---|---|---|---|---|---|---|---|
| fa | seeds/a.txt | A | 甲报 |  |  | 新赛道 |  |
| fb | seeds/b.txt | B | 乙报 |  |  | 未来产业 |  |
| fc | seeds/c.txt | C | 丙刊 |  |  | 未来产业 |  |

## Articles

| id | file | lines | title | authors | outlet | date |
|---|---|---|---|---|---|---|
| fb-1 | fb | 2-3 | B1 |  |  |  |
| fb-2 | fb | 4-4 | B2 |  | 丁报 |  |
"""
FILES = {
    "a.txt": "新赛道推动发展。新赛道需要技术。\n技术创新推动发展。\n",
    "b.txt": "目录\n未来产业推动发展。未来产业需要技术。\n发展未来产业。\n我们的技术创新推动经济，2026年发展。\n",
    "c.txt": "技术创新的发展。创新发展了。\n",
}


def write_corpus(root: Path) -> Path:
    (root / "seeds").mkdir(parents=True, exist_ok=True)
    (root / "INDEX.md").write_text(INDEX_MD, encoding="utf-8")
    for name, text in FILES.items():
        (root / "seeds" / name).write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def idx(tmp_path_factory):
    root = write_corpus(tmp_path_factory.mktemp("corpus"))
    index = open_index(CorpusOptions(corpus=str(root), cache_dir=str(root.parent / "cache")))
    words = [index.vocab[t] for t in index.tokens.tolist()]
    assert words[:12] == ["新赛道", "推动", "发展", "。", "新赛道", "需要", "技术", "。", "技术创新", "推动", "发展", "。"]
    assert len(words) == 42
    return index


STOP = frequency.TermFilter(load_stopwords())
NONE = frequency.TermFilter()


# -- stop list ------------------------------------------------------------------------

def test_stop_list_keeps_content_words_and_drops_function_words():
    stop = load_stopwords()
    for kept in ("发展", "产业", "应用", "加强", "不"):
        assert kept not in stop
    for dropped in ("的", "了", "和", "我们", "，", ",", "。", "（", "("):
        assert dropped in stop
    assert not any(w.startswith("#") for w in stop)


def test_parse_stopwords_skips_comments(tmp_path):
    assert parse_stopwords("# comment\n的\n\n  了 \n#x\n") == frozenset({"的", "了"})


def test_punct_and_numbers_both_widths():
    for p in ("，", ",", "。", ".", "——", "（", "#", "■"):
        assert is_punct(p) and is_punct_or_number(p)
    for n in ("2026", "２０２６", "3.5%", "１０％", "①"):
        assert is_number(n) and is_punct_or_number(n)
    for w in ("一", "发展", "5G", "年"):
        assert not is_punct_or_number(w)


# -- segments ---------------------------------------------------------------------------

def test_segments_cover_every_token_once(idx):
    segs = frequency.segments(idx)
    assert [(s.a, s.b) for s in segs] == [(0, 12), (12, 13), (13, 24), (24, 34), (34, 42)]
    assert [s.part("article") for s in segs] == ["fa", "fb:outside", "fb-1", "fb-2", "fc"]
    assert [s.part("outlet") for s in segs] == ["甲报", "乙报", "乙报", "丁报", "丙刊"]
    assert {s.part("group") for s in segs} == {"新赛道", "未来产业"}


# -- frequency ------------------------------------------------------------------------

def test_freq_hand_counts(idx):
    res = frequency.frequencies(idx, filt=STOP)
    got = [(r.term, r.freq, r.files, r.articles) for r in res.rows]
    assert got == [("发展", 7, 3, 4), ("推动", 4, 2, 3), ("技术创新", 3, 3, 3), ("未来产业", 3, 1, 1),
                   ("技术", 2, 2, 2), ("新赛道", 2, 1, 1), ("需要", 2, 2, 2),
                   ("创新", 1, 1, 1), ("年", 1, 1, 1), ("目录", 1, 1, 0), ("经济", 1, 1, 1)]
    assert res.n_tokens == 32 and res.all_tokens == 42
    assert res.rows[0].per_10k == pytest.approx(10000 * 7 / 32)
    assert res.part_sizes == (9, 17, 6)
    # Gries' DP of 发展 over files: v = 2/7 3/7 2/7, s = 9/32 17/32 6/32
    v, s = [Fraction(2, 7), Fraction(3, 7), Fraction(2, 7)], [Fraction(9, 32), Fraction(17, 32), Fraction(6, 32)]
    assert res.rows[0].dp == pytest.approx(float(sum(abs(x - y) for x, y in zip(v, s)) / 2))


def test_frequencies_sum_to_token_count(idx):
    res = frequency.frequencies(idx, filt=frequency.TermFilter(keep_numbers=True))
    assert sum(r.freq for r in res.rows) == res.n_tokens == 32
    res = frequency.frequencies(idx, filt=frequency.TermFilter(keep_numbers=True, keep_punct=True))
    assert sum(r.freq for r in res.rows) == res.n_tokens == 42


def test_freq_by_parts_sum_and_dp_range(idx):
    for by in frequency.PARTS:
        res = frequency.frequencies(idx, filt=NONE, by=by, top=None)
        for r in res.rows:
            assert sum(r.by) == r.freq
            assert 0 <= r.dp <= 1
    res = frequency.frequencies(idx, filt=STOP, by="group")
    assert res.parts == ("新赛道", "未来产业") or res.parts == tuple(sorted(("新赛道", "未来产业")))
    row = {r.term: dict(zip(res.parts, r.by)) for r in res.rows}
    assert row["发展"] == {"新赛道": 2, "未来产业": 5}
    assert row["未来产业"] == {"新赛道": 0, "未来产业": 3}


def test_freq_selection_and_filters(idx):
    res = frequency.frequencies(idx, Selection(groups=("新赛道",)), STOP)
    assert res.n_tokens == 9 and [r.term for r in res.rows][:2] == ["发展", "推动"]
    res = frequency.frequencies(idx, Selection(ids=("fb-2",)), frequency.TermFilter(keep_numbers=True))
    assert {r.term for r in res.rows} >= {"2026", "的", "我们"}
    assert sum(r.freq for r in res.rows) == res.n_tokens == 8
    res = frequency.frequencies(idx, filt=frequency.TermFilter(load_stopwords(), min_len=3))
    assert [r.term for r in res.rows] == ["技术创新", "未来产业", "新赛道"]
    res = frequency.frequencies(idx, filt=frequency.TermFilter(load_stopwords(), pos=("n",)))
    assert {r.term for r in res.rows} == {idx.vocab[i] for i in range(len(idx.vocab))
                                          if idx.tags[i].startswith("n") and idx.vocab[i] not in load_stopwords()}
    assert frequency.frequencies(idx, filt=STOP, min_freq=3, top=2).rows[-1].term == "推动"


def test_ngrams_never_cross_a_sentence_end(idx):
    res = frequency.frequencies(idx, filt=STOP, ngram=2, top=None)
    got = {r.term: r.freq for r in res.rows}
    assert got["推动 发展"] == 3
    assert "发展 新赛道" not in got  # 发展 。 新赛道: the sentence ends between them
    assert "技术 技术创新" not in got
    assert "的 发展" not in got and "发展 了" not in got  # stop word at an end
    res = frequency.frequencies(idx, filt=NONE, ngram=3, top=None)
    assert {r.term for r in res.rows} >= {"新赛道 推动 发展", "未来产业 推动 发展"}


# -- collocation ----------------------------------------------------------------------

def test_multi_token_node_window_counts(idx):
    # 推动发展 is two tokens; window 1,1 over word tokens (。 takes no slot)
    res = colloc.collocates(idx, "推动发展", window=colloc.Window(1, 1), filt=STOP, min_freq=1)
    assert res.node_freq == 3 and res.window_area == 5 and res.n_tokens == 32 and res.unaligned == 0
    rows = {c.term: c for c in res.rows}
    assert {t: (c.cooc, c.left, c.right, c.freq) for t, c in rows.items()} == {
        "新赛道": (2, 1, 1, 2), "未来产业": (2, 1, 1, 3), "技术创新": (1, 1, 0, 3)}
    c = rows["新赛道"]
    assert (c.o11, c.o12, c.o21, c.o22) == (2, 3, 0, 27)
    assert c.e11 == pytest.approx(5 * 2 / 32)
    # Rychlý's logDice: f(n) = 3 node occurrences (not the window area 5), f(c) = 2
    assert c.log_dice == pytest.approx(14 + math.log2(2 * 2 / (3 + 2)))
    assert c.dice == pytest.approx(4 / 5)
    assert c.mi == pytest.approx(math.log2(2 / (10 / 32)))


def test_sentence_span(idx):
    res = colloc.collocates(idx, "未来产业", window=colloc.Window(sentence=True), filt=STOP, min_freq=1)
    assert res.window_area == 5
    assert {c.term: (c.cooc, c.left, c.right) for c in res.rows} == {
        "发展": (2, 1, 1), "推动": (1, 0, 1), "需要": (1, 0, 1), "技术": (1, 0, 1)}


def test_node_variants_and_unaligned_hits(idx):
    res = colloc.collocates(idx, ["新赛道", "未来产业"], filt=STOP, min_freq=1)
    assert res.node_freq == 5
    res = colloc.collocates(idx, "赛道", filt=STOP, min_freq=1)
    assert res.node_freq == 0 and res.unaligned == 2 and res.rows == []


def test_log_dice_bounded_on_corpus(idx):
    res = colloc.collocates(idx, "发展", window=colloc.Window(3, 3), filt=NONE, min_freq=1)
    assert res.rows and all(c.o12 >= 0 and c.o21 >= 0 and c.o22 >= 0 for c in res.rows)
    assert all(c.log_dice <= 14 for c in res.rows if c.cooc <= res.node_freq)


def test_matrix(idx):
    m = colloc.matrix(idx, ["发展", "推动", "未来产业"])
    assert m.units == (7, 4, 3)
    assert m.cells == ((7, 4, 2), (4, 4, 1), (2, 1, 3))


# -- comparison -----------------------------------------------------------------------

def test_keyness_counts_and_antisymmetry(idx):
    a, b = Selection(groups=("新赛道",)), Selection(groups=("未来产业",))
    ab = compare.keyness(idx, a, b, STOP, min_freq=1, top=None)
    ba = compare.keyness(idx, b, a, STOP, min_freq=1, top=None)
    assert (ab.c, ab.d) == (9, 23) and (ba.c, ba.d) == (23, 9)
    rows_ab = {r.term: r for r in ab.rows if r.section in ("A>B", "B>A")}
    rows_ba = {r.term: r for r in ba.rows if r.section in ("A>B", "B>A")}
    assert rows_ab.keys() == rows_ba.keys()
    for t, r in rows_ab.items():
        assert r.ll == pytest.approx(-rows_ba[t].ll)
        assert r.log_ratio == pytest.approx(-rows_ba[t].log_ratio)
    r = rows_ab["新赛道"]
    assert (r.a, r.b, r.section) == (2, 0, "A>B")
    assert r.ll == pytest.approx(M.ll_4term(2, 0, 7, 23))
    assert r.log_ratio == pytest.approx(math.log2((2 / 9) / (0.5 / 23)))
    sections = {(r.section, r.term) for r in ab.rows}
    assert ("only A", "新赛道") in sections and ("only B", "未来产业") in sections and ("shared", "发展") in sections


def test_keyness_against_rest(idx):
    res = compare.keyness(idx, Selection(ids=("fa",)), None, STOP, min_freq=1, top=None)
    assert (res.c, res.d, res.overlap) == (9, 23, 0)


def test_term_diff_and_sources(idx):
    d = compare.term_diff(idx, "新赛道", "未来产业", window=colloc.Window(2, 2), filt=STOP, min_freq=1)
    got = {r.collocate: (r.group, r.cooc1, r.cooc2) for r in d.rows}
    assert got == {"技术": ("shared", 1, 1), "需要": ("shared", 1, 1), "推动": ("shared", 1, 1), "发展": ("shared", 1, 2)}
    assert [r.diff for r in d.rows] == sorted((r.diff for r in d.rows), reverse=True)
    assert d.jaccard == 1.0
    rows = compare.term_sources(idx, ["未来产业"], "file")
    assert [(r.source, r.freq, r.tokens) for r in rows] == [("fa", 0, 9), ("fb", 3, 17), ("fc", 0, 6), ("(all)", 3, 32)]
    assert rows[-1].dp == pytest.approx(M.gries_dp([0, 3, 0], [9, 17, 6]))


def test_no_heavy_imports():
    import subprocess
    import sys

    code = ("import sys, corpus_tui.stats.frequency, corpus_tui.stats.colloc, corpus_tui.stats.compare;"
            "bad = [m for m in ('jieba', 'numpy', 'click', 'textual', 'rich') if m in sys.modules];"
            "import corpus_tui.cli.stats_commands;"
            "bad += [m for m in ('jieba', 'numpy', 'textual') if m in sys.modules]; print(bad)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


@pytest.mark.parametrize("node", ["发展", "未来产业", ["新赛道", "新 赛道"], "人工智能"])
def test_collocates_search_the_mapped_tokens_in_place_with_the_same_result(seed_index, node, monkeypatch):
    """A saved index's node search runs on the mapped token file (no 71 MB copy at 100 MB);
    it must find exactly what a search of copied token bytes finds."""
    assert colloc.occurrences_by_bytes.token_bytes(seed_index.tokens) is not None
    in_place = colloc.collocates(seed_index, node, top=None)
    segs = frequency.selected_segments(seed_index)
    variants = colloc.fold_terms([node] if isinstance(node, str) else node)
    found = colloc.occurrences(seed_index, segs, variants)
    monkeypatch.setattr(colloc.occurrences_by_bytes, "token_bytes", lambda toks: None)
    assert repr(colloc.collocates(seed_index, node, top=None)) == repr(in_place)
    assert colloc.occurrences(seed_index, segs, variants) == found and found
