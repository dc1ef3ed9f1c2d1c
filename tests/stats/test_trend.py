"""Trend tables: the Wilson interval, per-period rates and shares, first and last occurrence."""

import math

import pytest
from scipy.stats import binomtest

from corpus_tui.corpus.dates import Period, parse_date, period_axis, period_of
from corpus_tui.stats.trend import (
    Z95, DocumentCount, first_last, rate_cells, share_cells, wilson_interval,
)


def test_z_is_the_normal_quantile():
    from scipy.stats import norm
    assert Z95 == pytest.approx(norm.ppf(0.975), abs=1e-6)


def test_wilson_known_value_five_of_ten():
    low, high = wilson_interval(5, 10)
    assert (round(low, 4), round(high, 4)) == (0.2366, 0.7634)


def test_wilson_at_the_edges_is_closed_form():
    z2 = Z95 ** 2
    assert wilson_interval(0, 10) == (0.0, pytest.approx(z2 / (10 + z2), rel=1e-12))
    assert wilson_interval(10, 10) == (pytest.approx(10 / (10 + z2), rel=1e-12), 1.0)
    assert wilson_interval(0, 1)[1] == pytest.approx(z2 / (1 + z2), rel=1e-12)


@pytest.mark.parametrize("k, n", [(1, 10), (3, 7), (17, 4620), (0, 12345), (250, 251), (1, 1_000_000)])
def test_wilson_matches_scipy(k, n):
    ci = binomtest(k, n).proportion_ci(confidence_level=0.95, method="wilson")
    low, high = wilson_interval(k, n)
    # scipy's z is norm.ppf(0.975) to full precision; ours is rounded to 7 digits.
    assert low == pytest.approx(ci.low, rel=1e-7, abs=1e-15)
    assert high == pytest.approx(ci.high, rel=1e-7)
    assert 0.0 <= low <= k / n <= high <= 1.0


def test_wilson_refuses_no_data():
    with pytest.raises(ValueError):
        wilson_interval(0, 0)
    with pytest.raises(ValueError):
        wilson_interval(3, 2)


# Three dated documents and one undated, two terms: hits (A, B) and tokens.
DATES = ["2025", "2026-01-06", "2026-03-25", ""]
HITS = [(3, 0), (1, 2), (0, 5), (4, 4)]
TOKENS = [1000, 4000, 2000, 500]


def _docs(unit):
    return [DocumentCount(period_of(parse_date(d), unit), h, t) for d, h, t in zip(DATES, HITS, TOKENS)]


def test_rate_cells_by_year():
    axis = period_axis([parse_date(d) for d in DATES], "year")
    cells = rate_cells(("A", "B"), _docs("year"), axis, per="10k")
    got = [(c.period.label, c.term, c.freq, c.total, c.docs, c.docs_total) for c in cells]
    assert got == [("2025", "A", 3, 1000, 1, 1), ("2025", "B", 0, 1000, 0, 1),
                   ("2026", "A", 1, 6000, 1, 2), ("2026", "B", 7, 6000, 2, 2),
                   ("undated", "A", 4, 500, 1, 1), ("undated", "B", 4, 500, 1, 1)]
    assert [c.rate for c in cells] == pytest.approx([30.0, 0.0, 10 / 6, 70 / 6, 80.0, 80.0])
    a2026 = cells[2]
    ci = binomtest(1, 6000).proportion_ci(method="wilson")
    assert (a2026.ci_low, a2026.ci_high) == (pytest.approx(ci.low * 1e4, rel=1e-7),
                                             pytest.approx(ci.high * 1e4, rel=1e-7))
    assert cells[1].ci_low == 0.0 and cells[1].ci_high == pytest.approx(Z95 ** 2 / (1000 + Z95 ** 2) * 1e4)


def test_rate_cells_by_month_fill_empty_months_with_zero_and_no_interval():
    axis = period_axis([parse_date(d) for d in DATES], "month")
    assert [p.label for p in axis] == ["2025", "2026-01", "2026-02", "2026-03", "undated"]
    cells = [c for c in rate_cells(("A", "B"), _docs("month"), axis, per="million") if c.term == "A"]
    feb = cells[2]
    assert (feb.period, feb.freq, feb.total, feb.rate, feb.docs_total) == (Period("month", 2026, 2), 0, 0, 0.0, 0)
    assert math.isnan(feb.ci_low) and math.isnan(feb.ci_high)
    assert [c.rate for c in cells] == pytest.approx([3000.0, 250.0, 0.0, 0.0, 8000.0])


def test_share_cells_divide_by_the_terms_total():
    axis = period_axis([parse_date(d) for d in DATES], "year")
    cells = share_cells(("A", "B"), _docs("year"), axis)
    assert [(c.period.label, c.term, c.freq, c.total) for c in cells] == [
        ("2025", "A", 3, 3), ("2025", "B", 0, 3), ("2026", "A", 1, 8), ("2026", "B", 7, 8),
        ("undated", "A", 4, 8), ("undated", "B", 4, 8)]
    assert [c.rate for c in cells] == pytest.approx([1.0, 0.0, 0.125, 0.875, 0.5, 0.5])
    ci = binomtest(7, 8).proportion_ci(method="wilson")
    assert (cells[3].ci_low, cells[3].ci_high) == (pytest.approx(ci.low, rel=1e-7), pytest.approx(ci.high, rel=1e-7))
    assert cells[0].ci_high == 1.0


def test_share_of_a_period_without_hits_is_zero_without_interval():
    axis = [Period("year", 2024, 0)]
    cells = share_cells(("A", "B"), [DocumentCount(axis[0], (0, 0), 300)], axis)
    assert [(c.rate, c.docs_total) for c in cells] == [(0.0, 1)] * 2
    assert all(math.isnan(c.ci_low) and math.isnan(c.ci_high) for c in cells)


def test_counts_add_up_to_an_independent_sum():
    axis = period_axis([parse_date(d) for d in DATES], "quarter")
    cells = rate_cells(("A", "B"), _docs("quarter"), axis)
    for t, term in enumerate(("A", "B")):
        assert sum(c.freq for c in cells if c.term == term) == sum(h[t] for h in HITS)
    assert sum(c.total for c in cells if c.term == "A") == sum(TOKENS)
    assert sum(c.docs_total for c in cells if c.term == "A") == len(DATES)
    assert all(math.isclose(c.rate, c.freq / c.total * 1e4) for c in cells if c.total)


def test_first_last_ties_by_document_order():
    d = parse_date
    occurrences = [
        (d("2026-01-06").sort_key, 2, 10, "c"),
        (d("2025").sort_key, 1, 50, "b"),
        (d("2025").sort_key, 0, 99, "a"),
        (d("2026-01-06").sort_key, 3, 5, "d"),
        (d("2026-01-06").sort_key, 3, 1, "d0"),
    ]
    assert first_last(occurrences) == ("a", "d")
    assert first_last([]) == (None, None)
