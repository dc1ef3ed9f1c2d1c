"""`corpus cooc` and `diff --terms` on the bundled corpus: the standard logDice, the LL p-value
and its corrections, ΔP both ways, checked against SciPy/statsmodels and exact fractions; the
two-term comparison leaves the two terms out; `kwic --count` says when surface and whole-token
counts differ."""

from __future__ import annotations

import math
from fractions import Fraction

import pytest
from click.testing import CliRunner
from scipy import stats as sps
from statsmodels.stats.multitest import multipletests

from corpus_tui.stats import colloc, compare
from corpus_tui.stats import frequency as stats
from corpus_tui.tokens.stoplist import load_stopwords

from conftest import REPO

STOP = stats.TermFilter(load_stopwords(None))


@pytest.fixture(scope="module")
def res(seed_index):
    return colloc.collocates(seed_index, "未来产业", filt=STOP, min_freq=2, correct="fdr")


def test_log_dice_is_rychlys_with_the_node_frequency(res, seed_index):
    assert res.node_freq == 346 and res.window_area == 3167  # the figures: f = 346, area 3 167
    for c in res.rows:
        assert c.log_dice == pytest.approx(14 + math.log2(2 * c.cooc / (346 + c.freq)), rel=1e-12)
        assert c.dice == pytest.approx(float(Fraction(2 * c.cooc, 346 + c.freq)), rel=1e-12)
    # the span does not enter: a collocate with the same cooc in a wider window keeps its score
    wide = colloc.collocates(seed_index, "未来产业", window=colloc.Window(10, 10), filt=STOP, min_freq=2)
    assert wide.window_area > res.window_area
    for c in wide.rows:
        assert c.log_dice == pytest.approx(14 + math.log2(2 * c.cooc / (346 + c.freq)), rel=1e-12)


def test_ll_p_value_delta_p_and_fdr(res):
    assert len(res.rows) == res.total_rows == 404
    ps = []
    for c in res.rows:
        obs = [[c.o11, c.o12], [c.o21, c.o22]]
        g2, p = sps.chi2_contingency(obs, correction=False, lambda_="log-likelihood")[:2]
        assert abs(c.ll) == pytest.approx(g2, rel=1e-9, abs=1e-8)
        assert c.p_value == pytest.approx(p, rel=1e-8, abs=1e-8)
        o11, o12, o21, o22 = (Fraction(x) for x in (c.o11, c.o12, c.o21, c.o22))
        assert c.delta_p_cn == pytest.approx(float(o11 / (o11 + o12) - o21 / (o21 + o22)), rel=1e-12, abs=1e-15)
        assert c.delta_p_nc == pytest.approx(float(o11 / (o11 + o21) - o12 / (o12 + o22)), rel=1e-12, abs=1e-15)
        ps.append(c.p_value)
    bh = multipletests(ps, method="fdr_bh")[1]
    assert [c.p_adj for c in res.rows] == pytest.approx(list(bh), rel=1e-12)


def test_max_p_keeps_rows_under_p_after_correction(seed_index, res):
    kept = colloc.collocates(seed_index, "未来产业", filt=STOP, min_freq=2, correct="fdr", max_p=0.01)
    assert kept.total_rows == 404  # m is every collocate tested, not the rows kept
    assert [c.term for c in kept.rows] == [c.term for c in res.rows if c.p_adj < 0.01]
    assert 0 < len(kept.rows) < 404


def test_two_terms_are_not_each_others_exclusive_collocates(seed_index):
    d = compare.term_diff(seed_index, "新赛道", "未来产业", filt=STOP, min_freq=3)
    assert {r.collocate for r in d.rows} & {"新赛道", "未来产业"} == set()
    # each occurs in the other's windows: reported, not a row
    r1 = colloc.collocates(seed_index, "新赛道", filt=STOP, min_freq=1)
    r2 = colloc.collocates(seed_index, "未来产业", filt=STOP, min_freq=1)
    assert d.mutual == (next(c.cooc for c in r1.rows if c.term == "未来产业"),
                        next(c.cooc for c in r2.rows if c.term == "新赛道"))
    s1 = {c.term for c in r1.rows if c.cooc >= 3} - {"未来产业"}
    s2 = {c.term for c in r2.rows if c.cooc >= 3} - {"新赛道"}
    assert d.set_sizes == (len(s1), len(s2), len(s1 & s2))
    assert d.jaccard == pytest.approx(len(s1 & s2) / len(s1 | s2))  # the Jaccard line agrees with the groups
    assert d.counts["only 1"] + d.counts["shared"] + d.counts["only 2"] == len(s1 | s2)


def test_kwic_count_notes_hits_inside_longer_tokens(cache_dir):
    from corpus_tui.cli.commands import cli

    base = ["--corpus", str(REPO), "--cache-dir", cache_dir]
    out = CliRunner().invoke(cli, ["kwic", "未来产业", "新赛道", "--count", *base]).output
    assert "未来产业   347" in out and "新赛道     107" in out
    assert ("未来产业: 347 surface hits, 346 as whole tokens or token runs (--word; what freq, cooc and diff count): "
            "1 lie inside a longer token or across a token edge") in out
    assert "新赛道:" not in out  # equal counts: no note
    word = CliRunner().invoke(cli, ["kwic", "未来产业", "--count", "--word", *base]).output
    assert "未来产业   346" in word and "surface hits" not in word
