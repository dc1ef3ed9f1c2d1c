"""Catalogue dates: parsing with precision, periods, the axis of a trend, and date ranges."""

import pytest

from corpus_tui.corpus.dates import (
    NO_RANGE, UNDATED, UNDATED_PERIOD, PartialDate, Period, date_range, is_coarse, parse_date,
    period_axis, period_of, periods_between,
)
from corpus_tui.errors import CorpusError


@pytest.mark.parametrize("text, expected", [
    ("2025", PartialDate(2025, 0, 0, "year")),
    ("2026-04", PartialDate(2026, 4, 0, "month")),
    ("2026-01-06", PartialDate(2026, 1, 6, "day")),
    ("2026-4-5", PartialDate(2026, 4, 5, "day")),
    ("2026/04/05", PartialDate(2026, 4, 5, "day")),
    ("2023年2月", PartialDate(2023, 2, 0, "month")),
    ("2023年2月5日", PartialDate(2023, 2, 5, "day")),
    ("2026 年 4 月", PartialDate(2026, 4, 0, "month")),
    ("2023年", PartialDate(2023, 0, 0, "year")),
    (" 2025 ", PartialDate(2025, 0, 0, "year")),
    ("", UNDATED),
    (None, UNDATED),
])
def test_parse_keeps_the_precision_the_text_states(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["2026-13", "2026-02-30", "2025-02-29", "0000", "26-04", "April 2026",
                                  "2026-04-06T10:00", "2026年13月"])
def test_parse_refuses_what_is_not_a_date(text):
    with pytest.raises(CorpusError, match="not a date"):
        parse_date(text)


def test_leap_day_is_a_date():
    assert parse_date("2024-02-29") == PartialDate(2024, 2, 29, "day")


def test_printing_gives_the_catalogue_spelling_back():
    assert [str(parse_date(t)) for t in ("2025", "2026-04", "2026-01-06", "2023年2月", "")] == \
        ["2025", "2026-04", "2026-01-06", "2023-02", ""]


def test_spans_of_partial_dates():
    assert parse_date("2025").first_day == (2025, 1, 1)
    assert parse_date("2025").last_day == (2025, 12, 31)
    assert parse_date("2024-02").last_day == (2024, 2, 29)
    assert parse_date("2026-01-06").first_day == parse_date("2026-01-06").last_day == (2026, 1, 6)


def test_sort_order_coarse_before_fine_and_undated_last():
    texts = ["", "2026-01-06", "2026", "2025", "2026-01", "2025-12-31"]
    ordered = sorted((parse_date(t) for t in texts), key=lambda d: d.sort_key)
    assert [str(d) for d in ordered] == ["2025", "2025-12-31", "2026", "2026-01", "2026-01-06", ""]


def test_period_of_each_unit():
    day = parse_date("2026-08-31")
    assert period_of(day, "year").label == "2026"
    assert period_of(day, "quarter").label == "2026-Q3"
    assert period_of(day, "month").label == "2026-08"
    assert [period_of(parse_date(f"2025-{m:02d}"), "quarter").number for m in range(1, 13)] == \
        [1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4]


def test_a_date_coarser_than_the_period_goes_to_its_years_row():
    year_only = parse_date("2025")
    assert is_coarse(year_only, "month") and is_coarse(year_only, "quarter")
    assert not is_coarse(year_only, "year")
    assert not is_coarse(parse_date("2026-04"), "quarter")
    assert period_of(year_only, "month") == Period("year", 2025, 0)
    assert period_of(parse_date("2026-04"), "quarter").label == "2026-Q2"


def test_undated_is_a_period_of_its_own():
    assert period_of(UNDATED, "month") == UNDATED_PERIOD
    assert UNDATED_PERIOD.label == "undated"
    assert not UNDATED_PERIOD.contains(UNDATED)


def test_unknown_unit_is_a_user_error():
    with pytest.raises(CorpusError, match="unknown period 'week'"):
        period_of(parse_date("2025"), "week")


def test_periods_between_cross_the_year():
    months = periods_between(Period("month", 2025, 11), Period("month", 2026, 2))
    assert [p.label for p in months] == ["2025-11", "2025-12", "2026-01", "2026-02"]
    quarters = periods_between(Period("quarter", 2024, 4), Period("quarter", 2025, 2))
    assert [p.label for p in quarters] == ["2024-Q4", "2025-Q1", "2025-Q2"]
    years = periods_between(Period("year", 2023, 0), Period("year", 2026, 0))
    assert [p.label for p in years] == ["2023", "2024", "2025", "2026"]
    assert periods_between(Period("month", 2026, 3), Period("month", 2026, 3)) == [Period("month", 2026, 3)]


BUNDLED = ["2026-04", "2026-02-12", "2025", "2026", "2025", "2025", "2026-03-25", "", "2026-01-06"]


def test_axis_by_year_fills_every_year():
    dates = [parse_date(t) for t in ["2021", "2023-05", ""]]
    assert [p.label for p in period_axis(dates, "year")] == ["2021", "2022", "2023", "undated"]


def test_axis_by_month_of_the_bundled_dates():
    axis = period_axis([parse_date(t) for t in BUNDLED], "month")
    assert [p.label for p in axis] == ["2025", "2026", "2026-01", "2026-02", "2026-03", "2026-04", "undated"]


def test_axis_by_quarter_of_the_bundled_dates():
    axis = period_axis([parse_date(t) for t in BUNDLED], "quarter")
    assert [p.label for p in axis] == ["2025", "2026", "2026-Q1", "2026-Q2", "undated"]


def test_axis_without_undated_documents_has_no_undated_row():
    axis = period_axis([parse_date("2026-01-06")], "month")
    assert [p.label for p in axis] == ["2026-01"]
    assert period_axis([], "year") == []


def test_every_date_lands_on_a_row_of_its_axis():
    dates = [parse_date(t) for t in BUNDLED]
    for unit in ("year", "quarter", "month"):
        axis = period_axis(dates, unit)
        assert all(period_of(d, unit) in axis for d in dates)
        assert all(period_of(d, unit).contains(d) for d in dates if d.dated)


def test_date_range_keeps_a_date_only_when_all_it_can_mean_is_inside():
    since_feb = date_range("2026-02", None)
    assert since_feb.contains(parse_date("2026-02-12"))
    assert since_feb.contains(parse_date("2026-03"))
    assert not since_feb.contains(parse_date("2026-01-06"))
    assert not since_feb.contains(parse_date("2026"))  # may be January
    assert not since_feb.contains(UNDATED)
    until_2025 = date_range(None, "2025")
    assert until_2025.contains(parse_date("2025")) and until_2025.contains(parse_date("2025-12-31"))
    assert not until_2025.contains(parse_date("2026-01-06"))
    both = date_range("2026-01", "2026-03")
    assert [both.contains(parse_date(t)) for t in BUNDLED] == \
        [False, True, False, False, False, False, True, False, True]


def test_no_range_keeps_everything_even_undated():
    assert not NO_RANGE.active and NO_RANGE.contains(UNDATED) and NO_RANGE.describe() == ""
    assert date_range(None, None) == NO_RANGE


def test_date_range_describes_itself():
    assert date_range("2026-02", "2026").describe() == "dated 2026-02 to 2026"
    assert date_range("2025", None).describe() == "dated from 2025"
    assert date_range(None, "2025-06-30").describe() == "dated up to 2025-06-30"


def test_backward_range_and_bad_date_are_user_errors():
    with pytest.raises(CorpusError, match="--until 2025 is before --since 2026-01"):
        date_range("2026-01", "2025")
    with pytest.raises(CorpusError, match="not a date: 'soon'"):
        date_range("soon", None)
    # Same year at two precisions overlaps: not an error.
    assert date_range("2026", "2026-01").contains(parse_date("2026-01-06"))


def test_days_in_month_is_the_calendars():
    import calendar

    from corpus_tui.corpus.dates import days_in_month

    for year in (1900, 2000, 2023, 2024, 2100):
        assert [days_in_month(year, m) for m in range(1, 13)] == [calendar.monthrange(year, m)[1] for m in range(1, 13)]


def test_period_filter_keeps_exactly_a_trend_rows_documents():
    from corpus_tui.corpus.dates import PeriodFilter

    dates = [parse_date(t) for t in BUNDLED]
    for unit in ("year", "quarter", "month"):
        for period in period_axis(dates, unit):
            kept = [d for d in dates if PeriodFilter(period, unit).contains(d)]
            assert kept == [d for d in dates if period_of(d, unit) == period]
    assert PeriodFilter(Period("year", 2025, 0), "month").describe() == "dated 2025 (to the year only)"
    assert PeriodFilter(Period("month", 2026, 4), "month").describe() == "dated 2026-04"
    assert PeriodFilter(UNDATED_PERIOD, "year").describe() == "undated"
    assert [str(d) for d in dates if PeriodFilter(UNDATED_PERIOD, "year").contains(d)] == [""]
