"""Each measure against an independent computation: SciPy/NumPy, Fractions, or the 2x2 table
worked through by hand. Invariants by property tests (hypothesis)."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats as sps
from scipy.special import xlogy

from corpus_tui.stats import measures as M
TABLES = [(10, 990, 2, 1998), (25, 75, 40, 860), (3, 0, 7, 90), (1, 4, 2, 25), (120, 3000, 400, 33000)]


def oracle_g2(table):
    """scipy's G-test on the 2x2 table (no Yates correction)."""
    return sps.chi2_contingency(np.array(table).reshape(2, 2), correction=False, lambda_="log-likelihood")[0]


@pytest.mark.parametrize("t", TABLES)
def test_ll_4term_matches_scipy_g_test(t):
    assert M.ll_4term(*t) == pytest.approx(oracle_g2(t), rel=1e-9)


@pytest.mark.parametrize("a,b,c,d", [(10, 2, 1000, 2000), (5, 0, 300, 700), (40, 60, 5000, 5000), (1, 9, 100, 100)])
def test_ll_2term_matches_xlogy(a, b, c, d):
    obs = np.array([a, b], float)
    exp = np.array([c, d], float) * (a + b) / (c + d)
    assert M.ll_2term(a, b, c, d) == pytest.approx(2 * xlogy(obs, obs / exp).sum(), rel=1e-9)


def test_two_forms_differ_and_are_named():
    a, b, c, d = 10, 2, 1000, 2000
    assert M.keyness_ll(a, b, c, d, "2term") != pytest.approx(M.keyness_ll(a, b, c, d, "4term"))


@pytest.mark.parametrize("a,b,c,d", [(10, 2, 1000, 2000), (0, 7, 400, 500), (5, 5, 100, 100), (3, 30, 1000, 1000)])
def test_keyness_sign_and_antisymmetry(a, b, c, d):
    for form in ("2term", "4term"):
        ab, ba = M.keyness_ll(a, b, c, d, form), M.keyness_ll(b, a, d, c, form)
        assert ab == pytest.approx(-ba, abs=1e-12)
        if Fraction(a, c) > Fraction(b, d):
            assert ab > 0
        elif Fraction(a, c) < Fraction(b, d):
            assert ab < 0


def test_log_ratio_worked_example():
    # reference/statistics.md: a=10, c=1000, b=2, d=2000 -> log2((10/1000)/(2/2000)) = log2(10)
    assert M.log_ratio(10, 2, 1000, 2000) == pytest.approx(math.log2(10))


def test_log_ratio_zero_is_half():
    assert M.log_ratio(4, 0, 100, 200) == pytest.approx(math.log2(Fraction(4, 100) / Fraction(1, 400)))
    assert M.log_ratio(0, 4, 100, 200) == pytest.approx(-M.log_ratio(4, 0, 200, 100))


def test_pct_diff_and_simple_maths():
    assert M.pct_diff(10, 2, 1000, 2000) == pytest.approx(float((Fraction(10, 1000) - Fraction(2, 2000)) / Fraction(2, 2000) * 100))
    assert M.pct_diff(3, 0, 10, 10) == math.inf
    assert math.isnan(M.pct_diff(0, 0, 10, 10))
    fpm_a, fpm_b = Fraction(10, 1000) * 10**6, Fraction(2, 2000) * 10**6
    assert M.simple_maths(10, 2, 1000, 2000) == pytest.approx(float((fpm_a + 1) / (fpm_b + 1)))
    assert M.simple_maths(10, 2, 1000, 2000, k=100) == pytest.approx(float((fpm_a + 100) / (fpm_b + 100)))


@pytest.mark.parametrize("t", TABLES)
def test_association_measures_from_the_table(t):
    o11, o12, o21, o22 = t
    obs = np.array(t, float).reshape(2, 2)
    e11 = sps.contingency.expected_freq(obs)[0, 0]
    r1, c1 = o11 + o12, o11 + o21
    assert M.expected(r1, c1, sum(t)) == pytest.approx(e11)
    assert M.mi(o11, e11) == pytest.approx(np.log(o11 / e11) / np.log(2))
    assert M.mi3(o11, e11) == pytest.approx(np.log2(o11) * 3 - np.log2(e11))
    assert M.t_score(o11, e11) == pytest.approx((o11 - e11) / o11 ** 0.5)
    assert M.z_score(o11, e11) == pytest.approx((o11 - e11) / e11 ** 0.5)
    dice = Fraction(2 * o11, r1 + c1)
    assert M.dice(o11, r1, c1) == pytest.approx(float(dice))
    assert M.log_dice(o11, r1, c1) == pytest.approx(14 + math.log(dice, 2))
    assert M.delta_p(*t) == pytest.approx(float(Fraction(o11, r1) - Fraction(o21, o21 + o22)))
    assert M.min_sensitivity(o11, r1, c1) == pytest.approx(float(min(Fraction(o11, r1), Fraction(o11, c1))))
    signed = M.collocation_ll(*t)
    assert abs(signed) == pytest.approx(oracle_g2(t), rel=1e-9)
    assert (signed > 0) == (o11 > e11)


def test_log_dice_maximum_is_14():
    assert M.log_dice(7, 7, 7) == 14.0  # O11 = R1 = C1


def test_table_from_margins():
    assert M.table_from_margins(2, 5, 3, 32) == (2, 3, 1, 26)
    assert M.keyness_table(2, 5, 9, 23) == (2, 5, 7, 18)


@pytest.mark.parametrize("g2", [0.5, 3.9, 7.0, 11.0, 16.0, 100.0])
def test_p_band_agrees_with_chi2_sf(g2):
    p = sps.chi2.sf(g2, 1)
    expected = next((f"p<{cut:g}" for cut in (0.0001, 0.001, 0.01, 0.05) if p < cut), "n.s.")
    assert M.p_band(g2) == expected
    assert M.p_band(-g2) == expected


def dp_oracle(counts, sizes):
    f, n = sum(counts), sum(sizes)
    return float(sum(abs(Fraction(c, f) - Fraction(s, n)) for c, s in zip(counts, sizes)) / 2)


@pytest.mark.parametrize("counts,sizes", [([2, 3, 2], [9, 17, 6]), ([10, 0, 0], [100, 100, 800]), ([1, 1, 1, 1], [5, 5, 5, 5])])
def test_dispersion(counts, sizes):
    assert M.gries_dp(counts, sizes) == pytest.approx(dp_oracle(counts, sizes))
    smin = min(Fraction(s, sum(sizes)) for s in sizes)
    assert M.gries_dp_norm(counts, sizes) == pytest.approx(dp_oracle(counts, sizes) / float(1 - smin))
    rel = np.array(counts, float) / np.array(sizes, float)
    expected_d = 1 - (rel.std() / rel.mean()) / np.sqrt(len(counts) - 1)
    assert M.juilland_d(counts, sizes) == pytest.approx(expected_d)
    assert M.doc_freq(counts) == sum(1 for c in counts if c)


def test_dispersion_extremes():
    assert M.gries_dp([5, 5], [50, 50]) == 0
    assert M.juilland_d([5, 5], [50, 50]) == pytest.approx(1.0)
    assert M.juilland_d([9, 0, 0], [10, 10, 10]) == pytest.approx(0.0)
    assert math.isnan(M.gries_dp([0, 0], [5, 5]))


def test_arf():
    assert M.arf([0, 5], 10) == pytest.approx(2.0)  # evenly spread: ARF = f
    # clumped: v = 5, gaps 9 (wrapping) and 1 -> (min(9,5) + min(1,5)) / 5
    assert M.arf([0, 1], 10) == pytest.approx((5 + 1) / 5)


def test_jaccard():
    assert M.jaccard({1, 2, 3}, {2, 3, 4}) == pytest.approx(2 / 4)


counts = st.integers(min_value=0, max_value=500)


@settings(max_examples=200, deadline=None)
@given(o11=st.integers(1, 200), o12=counts, o21=counts, o22=counts)
def test_property_log_dice_at_most_14_and_ll_nonnegative(o11, o12, o21, o22):
    r1, c1 = o11 + o12, o11 + o21
    assert M.log_dice(o11, r1, c1) <= 14 + 1e-12
    assert 0 <= M.dice(o11, r1, c1) <= 1
    assert M.ll_4term(o11, o12, o21, o22) >= 0


@settings(max_examples=200, deadline=None)
@given(a=counts, b=counts, c=st.integers(1, 5000), d=st.integers(1, 5000))
def test_property_keyness_negates(a, b, c, d):
    a, b = min(a, c), min(b, d)
    assert M.keyness_ll(a, b, c, d) == pytest.approx(-M.keyness_ll(b, a, d, c), abs=1e-9)
    assert M.log_ratio(a, b, c, d) == pytest.approx(-M.log_ratio(b, a, d, c), abs=1e-9)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 50), st.integers(1, 500)), min_size=1, max_size=8))
def test_property_dp_in_unit_interval(parts):
    cs, ss = [c for c, _ in parts], [s for _, s in parts]
    dp = M.gries_dp(cs, ss)
    if sum(cs):
        assert 0 <= dp <= 1
        d = M.juilland_d(cs, ss)
        assert math.isnan(d) or -1e-9 <= d <= 1 + 1e-9
