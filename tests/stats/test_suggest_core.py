"""Term suggestions on small token streams, every score computed by hand from its formula."""

from __future__ import annotations

import math

from corpus_tui.stats.suggest import Suggestion, suggest, userdict_lines

PUNCT = {"，", "。"}
STOP = {"的"}


def run(runs, **kw):
    return suggest(runs, str, lambda t: t not in PUNCT, lambda t: t not in STOP, **kw)


RUNS = [("d1", ["未来", "产业", "发展"]), ("d1", ["未来", "产业", "，", "新", "赛道"]),
        ("d2", ["推动", "未来", "产业"]), ("d2", ["新", "赛道"]), ("d3", ["新", "赛道", "建设"])]


def test_scores_from_their_formulas():
    out = run(RUNS, min_freq=2, min_pmi=0, min_entropy=0)
    n = 16  # tokens counted, punctuation included
    pmi = math.log2(3 * n / (3 * 3))  # freq(g)·N / (freq(left)·freq(right))
    h = math.log2(3)  # three different neighbours on each side, a sentence edge one of its own each time
    assert out == [Suggestion("新赛道", ("新", "赛道"), 3, 3, pmi, h),
                   Suggestion("未来产业", ("未来", "产业"), 3, 2, pmi, h)]
    assert run(RUNS, min_freq=2, min_pmi=0, min_entropy=1.6) == []  # log2(3) = 1.585
    assert [s.term for s in run(RUNS, min_freq=2, min_pmi=0, min_entropy=0, known={"新赛道"})] == ["未来产业"]
    assert run(RUNS, min_freq=4, min_pmi=0, min_entropy=0) == []


def test_a_piece_of_a_longer_term_is_not_free_at_its_edge():
    runs = [(f"d{i}", [a, "现代化", "产业", "体系", b]) for i, (a, b) in
            enumerate([("推动", "建设"), ("构建", "，"), ("完善", "的"), ("加快", "发展")])]
    out = run(runs, min_freq=2, min_pmi=0, min_entropy=1.0)
    # 产业体系 always follows 现代化 (left entropy 0), 现代化产业 always precedes 体系
    assert [(s.term, s.tokens, s.freq, s.docs) for s in out] == [("现代化产业体系", ("现代化", "产业", "体系"), 4, 4)]
    n = 20
    assert out[0].pmi_min == min(math.log2(4 * n / (4 * 4)), math.log2(4 * n / (4 * 4)))
    assert out[0].entropy_min == 2.0


def test_no_stop_word_at_an_edge_no_punctuation_inside():
    runs = [("d", ["的", "产业", "，", "产业"])] * 3
    assert run(runs, min_freq=2, min_pmi=-99, min_entropy=0) == []


def test_userdict_lines():
    s = Suggestion("新赛道", ("新", "赛道"), 3, 3, 1.0, 1.0)
    assert userdict_lines([s]) == ["新赛道 1000"]
    assert userdict_lines([s], freq=5) == ["新赛道 5"]
