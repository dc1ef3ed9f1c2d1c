"""corpus_tui.stats.significance against SciPy and statsmodels (tests only: the module is stdlib).

Each statistic is recomputed by an independent implementation (scipy.stats, statsmodels) on
the same 2x2 tables; where the library has no such measure (ELL, BIC), its parts (G2, the
expected counts) come from SciPy and only the final combination is the published formula.
"""

from __future__ import annotations

import math
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats as sps
from statsmodels.stats.contingency_tables import Table2x2
from statsmodels.stats.multitest import multipletests

from corpus_tui.stats import significance as S

# (a, b, c, d): term in A, term in B, tokens of A, tokens of B
KEYNESS = [
    (10, 2, 1000, 2000),  # the reference's worked example: Log Ratio = log2(10)
    (346, 12, 118_000, 95_000),
    (3, 40, 50_000, 61_000),
    (1, 1, 10, 10),
    (0, 7, 5_000, 9_000),
    (25, 0, 4_000, 90_000),
    (999, 1, 1000, 1000),
]


def table(a, b, c, d):
    return a, b, c - a, d - b


def scipy_chi2(a, b, c, d, lambda_=None):
    stat, p, dof, _ = sps.chi2_contingency([[a, b], [c - a, d - b]], correction=False, lambda_=lambda_)
    assert dof == 1
    return stat, p


@pytest.mark.parametrize("t", KEYNESS)
def test_pearson_chi_square_matches_scipy(t):
    stat, p = scipy_chi2(*t)
    assert S.chi_square(*table(*t)) == pytest.approx(stat, rel=1e-12)
    assert S.chi2_p(S.chi_square(*table(*t))) == pytest.approx(p, rel=1e-9, abs=1e-300)


def test_chi_square_worked_value():
    # 3000·(10·1998 − 2·990)² / (12·2988·1000·2000) = 3000·18000²/(71 712 000 000)
    assert S.chi_square(10, 2, 990, 1998) == pytest.approx(3000 * 18000 ** 2 / 71_712_000_000, rel=1e-15)
    assert S.chi_square(10, 2, 990, 1998) == pytest.approx(13.55421686746988, rel=1e-14)


def test_chi_square_undefined_on_an_empty_margin():
    assert math.isnan(S.chi_square(0, 0, 10, 20))


@pytest.mark.parametrize("x", [0.0, 0.5, 3.84, 3.841458820694124, 6.63, 10.83, 15.13, 42.0, 300.0])
def test_chi2_p_is_scipy_chi2_sf_1df(x):
    assert S.chi2_p(x) == pytest.approx(sps.chi2.sf(x, 1), rel=1e-12, abs=1e-300)
    assert S.chi2_p(-x) == S.chi2_p(x)  # a signed G2 is taken by its size


def test_chi2_p_critical_values():
    assert S.chi2_p(0) == 1.0
    assert S.chi2_p(sps.chi2.isf(0.05, 1)) == pytest.approx(0.05, rel=1e-12)
    assert S.chi2_p(sps.chi2.isf(1e-4, 1)) == pytest.approx(1e-4, rel=1e-10)
    assert math.isnan(S.chi2_p(float("nan")))


@pytest.mark.parametrize("t", KEYNESS)
def test_bic_is_g2_minus_ln_n(t):
    g2, _ = scipy_chi2(*t, lambda_="log-likelihood")
    a, b, c, d = t
    assert S.bic(g2, c + d) == pytest.approx(g2 - math.log(c + d), rel=1e-12, abs=1e-12)
    assert S.bic(-g2, c + d) == S.bic(g2, c + d)


def test_bic_worked_value():
    # G2 = 12, N = e^4: BIC = 8 ("strong")
    assert S.bic(12.0, math.exp(4)) == pytest.approx(8.0, rel=1e-15)


def _g2_2term(a, b, c, d):
    """Rayson's 2-cell G2: SciPy's power divergence (lambda 0) of (a, b) against (E1, E2)."""
    n = c + d
    e = [c * (a + b) / n, d * (a + b) / n]
    return sps.power_divergence([a, b], e, lambda_="log-likelihood").statistic, e


@pytest.mark.parametrize("t", [t for t in KEYNESS if t != (1, 1, 10, 10)])
def test_ell_as_raysons_calculator(t):
    a, b, c, d = t
    g2, e = _g2_2term(*t)
    expect = g2 / ((c + d) * math.log(min(e)))
    assert S.ell(g2, a, b, c, d) == pytest.approx(expect, rel=1e-12)


def test_ell_worked_value_and_edges():
    # a=10 c=1000 b=2 d=2000: E1 = 4, E2 = 8, G2(2-term) = 2(10 ln 2.5 + 2 ln 0.25)
    g2 = 2 * (10 * math.log(10 / 4) + 2 * math.log(2 / 8))
    assert S.ell(g2, 10, 2, 1000, 2000) == pytest.approx(g2 / (3000 * math.log(4)), rel=1e-15)
    assert math.isnan(S.ell(1.0, 1, 1, 10, 10))  # min(E) = 1: ln = 0, undefined as in the calculator
    assert S.ell(1.0, 1, 0, 10, 10) < 0  # min(E) = 0.5 < 1: negative, not clamped


@pytest.mark.parametrize("t", [t for t in KEYNESS if 0 not in t[:2]])
def test_log_ratio_ci_is_statsmodels_riskratio_ci_in_log2(t):
    a, b, c, d = t
    lo, hi = Table2x2([[a, c - a], [b, d - b]]).riskratio_confint(alpha=0.05, method="normal")
    low, high = S.log_ratio_ci(a, b, c, d)
    assert low == pytest.approx(math.log2(lo), rel=1e-12, abs=1e-12)
    assert high == pytest.approx(math.log2(hi), rel=1e-12, abs=1e-12)


@pytest.mark.parametrize("t", [t for t in KEYNESS if 0 in t[:2]])
def test_log_ratio_ci_replaces_a_zero_by_half_as_log_ratio_does(t):
    a, b, c, d = t
    a2, b2 = a or 0.5, b or 0.5
    lo, hi = Table2x2([[a2, c - a2], [b2, d - b2]]).riskratio_confint(alpha=0.05, method="normal")
    low, high = S.log_ratio_ci(a, b, c, d)
    assert (low, high) == (pytest.approx(math.log2(lo), rel=1e-12), pytest.approx(math.log2(hi), rel=1e-12))
    lr = math.log2((a2 / c) / (b2 / d))
    assert low < lr < high


def test_log_ratio_ci_worked_value():
    # log2(10) ± 1.959964·√(1/10 − 1/1000 + 1/2 − 1/2000)/ln 2
    half = S.Z95 * math.sqrt(0.1 - 0.001 + 0.5 - 0.0005) / math.log(2)
    low, high = S.log_ratio_ci(10, 2, 1000, 2000)
    assert low == pytest.approx(math.log2(10) - half, rel=1e-15)
    assert high == pytest.approx(math.log2(10) + half, rel=1e-15)
    assert (round(low, 4), round(high, 4)) == (1.1344, 5.5095)


def test_z95_is_the_normal_quantile():
    assert S.Z95 == pytest.approx(sps.norm.ppf(0.975), rel=1e-15)


PVALS = [0.01, 0.04, 0.03, 0.005, 0.5, 0.04, 1.0, 0.0001, 0.2, 0.049]
SM = {"bonferroni": "bonferroni", "holm": "holm", "fdr": "fdr_bh"}


@pytest.mark.parametrize("method", S.CORRECTIONS)
def test_corrections_match_statsmodels(method):
    expect = multipletests(PVALS, method=SM[method])[1]
    assert S.adjust(PVALS, method) == pytest.approx(list(expect), rel=1e-12)


def test_fdr_matches_scipy_false_discovery_control():
    assert S.adjust(PVALS, "fdr") == pytest.approx(list(sps.false_discovery_control(PVALS, method="bh")), rel=1e-12)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(min_value=0.0, max_value=1.0), min_size=1, max_size=40), st.sampled_from(S.CORRECTIONS))
def test_corrections_match_statsmodels_on_any_list(ps, method):
    expect = multipletests(ps, method=SM[method])[1]
    assert S.adjust(ps, method) == pytest.approx(list(expect), rel=1e-9, abs=1e-300)


def test_corrections_worked_values_and_nan():
    ps = [0.01, 0.04, 0.03, float("nan")]  # m = 3: the nan is not a test
    assert S.adjust(ps, "bonferroni")[:3] == pytest.approx([0.03, 0.12, 0.09])
    assert S.adjust(ps, "holm")[:3] == pytest.approx([0.03, 0.06, 0.06])
    assert S.adjust(ps, "fdr")[:3] == pytest.approx([0.03, 0.04, 0.04])
    assert all(math.isnan(S.adjust(ps, m)[3]) for m in S.CORRECTIONS)
    with pytest.raises(ValueError):
        S.adjust(ps, "sidak")


@pytest.mark.parametrize("cells", [(30, 70, 20, 880), (5, 0, 3, 92), (1, 9, 99, 891), (12, 3, 40, 10_000)])
def test_delta_p_both_directions_exact(cells):
    o11, o12, o21, o22 = (Fraction(x) for x in cells)
    given_node, given_coll = S.delta_p(*cells)
    assert given_node == pytest.approx(float(o11 / (o11 + o12) - o21 / (o21 + o22)), rel=1e-14, abs=1e-15)
    assert given_coll == pytest.approx(float(o11 / (o11 + o21) - o12 / (o12 + o22)), rel=1e-14, abs=1e-15)


def test_delta_p_worked_value():
    # 30/100 − 20/900 and 30/50 − 70/950
    assert S.delta_p(30, 70, 20, 880) == (pytest.approx(0.3 - 20 / 900), pytest.approx(0.6 - 70 / 950))


def test_log_dice_standard():
    assert S.log_dice(346, 346, 346) == 14.0  # always together: the maximum
    assert S.log_dice(7, 346, 120) == pytest.approx(14 + math.log2(14 / 466), rel=1e-15)
    assert S.log_dice(0, 346, 120) == float("-inf")
    assert S.dice(7, 346, 120) == pytest.approx(float(Fraction(14, 466)), rel=1e-15)
    # independent of the corpus size: the same counts give the same score in any N
    assert S.log_dice(50, 200, 300) == pytest.approx(14 + math.log2(0.2), rel=1e-15)
