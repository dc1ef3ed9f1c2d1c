"""`corpus diff --a/--b` keyness rows: every measure recomputed by SciPy/statsmodels from the
counts `corpus freq` gives for each side, on the bundled corpus (group 新赛道 against 未来产业)."""

from __future__ import annotations

import math

import pytest
from scipy import stats as sps
from statsmodels.stats.contingency_tables import Table2x2
from statsmodels.stats.multitest import multipletests

from corpus_tui.query.search import Selection
from corpus_tui.stats import compare
from corpus_tui.stats import frequency as stats
from corpus_tui.tokens.stoplist import load_stopwords

A, B = Selection(groups=("新赛道",)), Selection(groups=("未来产业",))


@pytest.fixture(scope="module")
def sides(seed_index):
    filt = stats.TermFilter(load_stopwords(None))
    fa = stats.frequencies(seed_index, A, filt, top=None)
    fb = stats.frequencies(seed_index, B, filt, top=None)
    return filt, {r.term: r.freq for r in fa.rows}, fa.n_tokens, {r.term: r.freq for r in fb.rows}, fb.n_tokens


@pytest.fixture(scope="module")
def result(seed_index, sides):
    return compare.keyness(seed_index, A, B, sides[0], min_freq=3, top=None, correct="holm")


def test_every_row_against_scipy_and_statsmodels(result, sides):
    _, ca, c, cb, d = sides
    assert (result.c, result.d) == (c, d)
    assert len(result.rows) > 1000
    for r in result.rows:
        a, b = ca.get(r.term, 0), cb.get(r.term, 0)
        assert (r.a, r.b) == (a, b)
        obs = [[a, b], [c - a, d - b]]
        g2 = sps.chi2_contingency(obs, correction=False, lambda_="log-likelihood")[0]
        # abs: a G2 near 0 is a difference of large terms (both sums cancel to ~1e-8)
        assert abs(r.ll) == pytest.approx(g2, rel=1e-9, abs=1e-8)
        assert r.p_value == pytest.approx(sps.chi2.sf(g2, 1), rel=1e-8, abs=1e-8)
        assert r.chi2 == pytest.approx(sps.chi2_contingency(obs, correction=False)[0], rel=1e-9)
        assert r.bic == pytest.approx(g2 - math.log(c + d), rel=1e-9, abs=1e-9)
        e = [c * (a + b) / (c + d), d * (a + b) / (c + d)]
        assert r.ell == pytest.approx(g2 / ((c + d) * math.log(min(e))), rel=1e-9, abs=1e-12)
        a2, b2 = a or 0.5, b or 0.5
        lo, hi = Table2x2([[a2, c - a2], [b2, d - b2]]).riskratio_confint(alpha=0.05, method="normal")
        assert (r.log_ratio_low, r.log_ratio_high) == (pytest.approx(math.log2(lo), rel=1e-9, abs=1e-12),
                                                      pytest.approx(math.log2(hi), rel=1e-9, abs=1e-12))
        assert r.simple_maths == pytest.approx((a / c * 1e6 + 1) / (b / d * 1e6 + 1), rel=1e-12)


def test_holm_over_every_term_tested(result, sides):
    _, ca, c, cb, d = sides
    tested = sorted(t for t in set(ca) | set(cb) if ca.get(t, 0) >= 3 or cb.get(t, 0) >= 3)
    assert result.tested == len(tested)
    p = [sps.chi2_contingency([[ca.get(t, 0), cb.get(t, 0)], [c - ca.get(t, 0), d - cb.get(t, 0)]],
                              correction=False, lambda_="log-likelihood")[1] for t in tested]
    holm = dict(zip(tested, multipletests(p, method="holm")[1]))
    for r in result.rows:
        assert r.p_adj == pytest.approx(holm[r.term], rel=1e-9, abs=1e-300)


@pytest.mark.parametrize("correct", [None, "bonferroni", "fdr"])
def test_max_p_keeps_the_keyword_rows_under_p(seed_index, sides, correct):
    full = compare.keyness(seed_index, A, B, sides[0], top=None, correct=correct)
    cut = compare.keyness(seed_index, A, B, sides[0], top=None, correct=correct, max_p=0.05)
    key = ("A>B", "B>A")
    p = (lambda r: r.p_adj) if correct else (lambda r: r.p_value)
    want = [(r.section, r.term) for r in full.rows if r.section in key and p(r) < 0.05]
    assert [(r.section, r.term) for r in cut.rows if r.section in key] == want
    assert [r.term for r in cut.rows if r.section not in key] == [r.term for r in full.rows if r.section not in key]
    if correct == "bonferroni":  # 220 keywords at p < 0.05 before, far fewer after
        assert len([r for r in full.rows if r.section in key and r.p_value < 0.05]) == 220
        assert len(want) == 20
