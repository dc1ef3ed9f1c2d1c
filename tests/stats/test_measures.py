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


# -- directions, zero cells and boundaries (the cases a mutation run showed unpinned) -------

# Tables where the collocate is repelled: O11 < E11 = R1·C1/N.
REPELLED = [(2, 98, 98, 802), (0, 10, 40, 950), (1, 49, 199, 751)]


@pytest.mark.parametrize("t", REPELLED)
def test_repelled_collocate_has_negative_log_likelihood(t):
    o11, o12, o21, o22 = t
    n = sum(t)
    assert Fraction(o11) < Fraction((o11 + o12) * (o11 + o21), n)  # the table is a repulsion
    assert M.collocation_ll(*t) == pytest.approx(-oracle_g2(t), rel=1e-9)
    assert M.collocation_ll(*t) < 0


def test_collocate_at_independence_prints_zero_not_minus_zero():
    # O11 = E11 exactly (1 = 2·2/4): G2 = 0, shown "0" like any unsigned zero
    from corpus_tui.output import format_value

    assert oracle_g2((1, 1, 1, 1)) == 0
    assert format_value(M.collocation_ll(1, 1, 1, 1)) == "0"
    assert format_value(M.collocation_ll(3, 6, 9, 18)) == "0"  # E11 = 9·12/36 = 3


@pytest.mark.parametrize("form", ["2term", "4term"])
def test_keyness_zero_is_unsigned(form):
    """A term absent from an empty target (c = 0), or equally frequent on both sides, has G2 = 0,
    printed "0", never "-0"."""
    from corpus_tui.output import format_value

    assert format_value(M.keyness_ll(0, 3, 0, 100, form)) == "0"
    assert format_value(M.keyness_ll(3, 0, 100, 0, form)) == "0"
    assert format_value(M.keyness_ll(5, 10, 100, 200, form)) == "0"


def test_sign_by_direction_keeps_g2_when_rates_are_equal():
    assert M.sign_by_direction(2.5, 1, 2, 100, 200) == 2.5  # 1/100 = 2/200
    assert M.sign_by_direction(2.5, 1, 3, 100, 200) == -2.5
    assert M.sign_by_direction(2.5, 2, 1, 100, 200) == 2.5


def test_two_forms_are_each_their_own_formula():
    a, b, c, d = 10, 2, 1000, 2000
    obs = np.array([a, b], float)
    exp = np.array([c, d], float) * (a + b) / (c + d)
    assert M.keyness_ll(a, b, c, d, "2term") == pytest.approx(2 * xlogy(obs, obs / exp).sum(), rel=1e-12)
    assert M.keyness_ll(a, b, c, d, "4term") == pytest.approx(oracle_g2(M.keyness_table(a, b, c, d)), rel=1e-12)
    with pytest.raises(ValueError, match="unknown log-likelihood form '3term'"):
        M.keyness_ll(a, b, c, d, "3term")


@pytest.mark.parametrize("a,b,c,d", [(5, 5, 100, 200), (1, 0, 100, 100), (0, 1, 50, 400), (7, 7, 1000, 10)])
def test_ll_2term_equal_counts_and_single_hits(a, b, c, d):
    """Equal counts in corpora of different sizes are key (a = b, c ≠ d); one hit is not nothing."""
    obs = np.array([a, b], float)
    exp = np.array([c, d], float) * (a + b) / (c + d)
    g2 = 2 * xlogy(obs, obs / exp).sum()
    assert g2 > 0.1
    assert M.ll_2term(a, b, c, d) == pytest.approx(g2, rel=1e-12)


def test_log_likelihood_of_empty_tables_is_zero():
    assert M.ll_2term(0, 0, 100, 100) == 0.0  # the term occurs on neither side
    assert M.ll_2term(0, 0, 0, 0) == 0.0
    assert M.ll_4term(0, 0, 0, 0) == 0.0
    assert M.keyness_ll(0, 0, 0, 0) == 0.0
    assert M.keyness_ll(0, 0, 100, 100, "2term") == 0.0


@pytest.mark.parametrize("g2,band", [(3.84, "p<0.05"), (6.63, "p<0.01"), (10.83, "p<0.001"), (15.13, "p<0.0001"),
                                     (3.8399, "n.s."), (-6.63, "p<0.01")])
def test_p_band_critical_values_are_inclusive(g2, band):
    # Rayson's table: G2 >= 3.84 is p < 0.05 (chi2.sf(3.84, 1) = 0.0500 rounded down)
    assert M.p_band(g2) == band


@pytest.mark.parametrize("fn", [M.log_ratio, M.pct_diff, M.simple_maths])
def test_effect_sizes_of_an_empty_side_are_undefined(fn):
    for a, b, c, d in [(0, 3, 0, 100), (3, 0, 100, 0), (0, 0, 0, 0)]:
        assert math.isnan(fn(a, b, c, d))


def test_effect_sizes_of_one_token_sides():
    # c or d = 1 is a tiny side, not an empty one
    F = Fraction
    assert M.pct_diff(1, 1, 1, 10) == pytest.approx(float(100 * (F(1, 1) - F(1, 10)) / F(1, 10)))  # 900
    assert M.pct_diff(1, 1, 10, 1) == pytest.approx(-90.0)
    assert M.simple_maths(1, 1, 1, 10) == pytest.approx(float((F(10**6) + 1) / (F(10**5) + 1)))
    assert M.simple_maths(1, 1, 10, 1) == pytest.approx(float((F(10**5) + 1) / (F(10**6) + 1)))
    assert M.log_ratio(1, 1, 1, 10) == pytest.approx(math.log2(10))


def test_per_10k_and_expected():
    assert M.per_10k(3, 1200) == 25.0
    assert M.per_10k(7, 3) == pytest.approx(float(Fraction(70000, 3)))
    assert math.isnan(M.per_10k(0, 0))  # an empty side has no rate
    assert math.isnan(M.expected(0, 0, 0))


def test_association_measures_with_zero_cells():
    """A collocate never seen with the node (O11 = 0) and empty margins: the documented limits."""
    assert M.mi(0, 2.5) == -math.inf
    assert M.mi3(0, 2.5) == -math.inf
    assert M.log_dice(0, 5, 7) == -math.inf
    assert math.isnan(M.t_score(0, 2.5))
    assert math.isnan(M.z_score(0, 0))  # E11 = 0: a margin is empty
    assert M.z_score(0, 2.5) == pytest.approx(-math.sqrt(2.5))
    assert math.isnan(M.dice(0, 0, 0))
    assert M.dice(0, 1, 0) == 0.0  # node once, collocate never
    assert math.isnan(M.delta_p(0, 0, 5, 95))  # node never occurs: R1 = 0
    assert math.isnan(M.delta_p(3, 2, 0, 0))  # R2 = 0
    assert math.isnan(M.min_sensitivity(0, 0, 4))
    assert math.isnan(M.min_sensitivity(0, 4, 0))


def test_association_measures_with_margins_of_one():
    F = Fraction
    assert M.delta_p(1, 0, 4, 95) == pytest.approx(float(1 - F(4, 99)))  # R1 = 1
    assert M.delta_p(3, 2, 1, 0) == pytest.approx(float(F(3, 5) - 1))  # R2 = 1
    assert M.min_sensitivity(1, 1, 7) == pytest.approx(1 / 7)
    assert M.min_sensitivity(1, 7, 1) == pytest.approx(1 / 7)


def test_dispersion_with_one_part_or_empty_parts():
    # one part holds every token: DP = 0 and DPnorm is undefined (1 - min s_i = 0)
    assert M.gries_dp([3], [10]) == 0
    assert math.isnan(M.gries_dp_norm([3], [10]))
    # an empty part (a file with no tokens) is no part for Juilland's D
    rel = np.array([2 / 10, 3 / 10])
    assert M.juilland_d([2, 0, 3], [10, 0, 10]) == pytest.approx(1 - (rel.std() / rel.mean()) / 1)
    # parts of one token are parts: rates 1 and 0, CV = 1, D = 0
    assert M.juilland_d([1, 0], [1, 1]) == pytest.approx(0.0)
    assert math.isnan(M.juilland_d([0, 0], [5, 5]))  # the term never occurs


def arf_oracle(positions, n):
    """ARF from circular distances: each hit's distance back to the hit before it, mod N."""
    f = len(positions)
    v = Fraction(n, f)
    dists = [(p - q) % n or n for p, q in zip(positions, positions[-1:] + positions[:-1])]
    return float(sum(min(Fraction(g), v) for g in dists) / v)


@pytest.mark.parametrize("positions,n", [([2, 3, 9], 12), ([0, 1, 2, 50], 60), ([5, 40, 41, 42, 99], 100),
                                         ([7], 100), ([0], 1), ([10, 11], 12)])
def test_arf_against_circular_distances(positions, n):
    assert M.arf(positions, n) == pytest.approx(arf_oracle(positions, n))


def test_arf_single_hit_and_no_hit():
    assert M.arf([7], 100) == 1.0  # one hit: ARF = f = 1
    assert M.arf([], 100) == 0.0
