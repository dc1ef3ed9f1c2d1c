"""Catalogue dates: parsed once into (year, month, day, precision); periods computed from them.

A catalogue date is only as precise as its text: ``2025``, ``2026-04``, ``2026-01-06`` (or
``2023年2月``, ``2023年2月5日``). The parsed value keeps that precision, so a year-only date is
never mistaken for 1 January, and "undated" is a value of its own (``UNDATED``) that sorts last.
Periods (a year, a quarter, a month) are computed from the numbers, never sliced from strings.
"""

from __future__ import annotations

import re
from collections import namedtuple

from corpus_tui.errors import CorpusError

YEAR, MONTH, DAY, NONE = "year", "month", "day", "none"
# How fine a precision is; a period can be computed for a date at least as fine as it.
_FINENESS = {NONE: 0, YEAR: 1, MONTH: 2, DAY: 3}
UNITS = ("year", "quarter", "month")
_UNIT_NEEDS = {"year": YEAR, "quarter": MONTH, "month": MONTH}

_ISO = re.compile(r"(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?")
_CJK = re.compile(r"(\d{4})\s*年(?:\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*[日号])?)?")


def days_in_month(year: int, month: int) -> int:
    """calendar.days_in_month(year, month), without importing calendar (and locale: ~10 ms)."""
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


class PartialDate(namedtuple("PartialDate", "year month day precision")):
    """A date as precise as its source: unknown parts are 0, ``precision`` says which are known."""

    __slots__ = ()

    @property
    def dated(self) -> bool:
        return self.precision != NONE

    @property
    def first_day(self) -> tuple[int, int, int]:
        """The earliest (year, month, day) the date can mean."""
        return (self.year, self.month or 1, self.day or 1)

    @property
    def last_day(self) -> tuple[int, int, int]:
        """The latest (year, month, day) the date can mean."""
        month = self.month or 12
        return (self.year, month, self.day or days_in_month(self.year, month))

    @property
    def sort_key(self) -> tuple:
        # Undated last; a coarser date before the finer ones it contains (2026 < 2026-01 < 2026-01-06).
        return (not self.dated, self.year, self.month, self.day)

    def __str__(self) -> str:
        if self.precision == NONE:
            return ""
        if self.precision == YEAR:
            return f"{self.year:04d}"
        if self.precision == MONTH:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


UNDATED = PartialDate(0, 0, 0, NONE)


def parse_date(text: str | None) -> PartialDate:
    """``'2026-04'`` -> PartialDate(2026, 4, 0, 'month'); an empty cell is ``UNDATED``.

    Raises CorpusError for text that is not a date, or names a month or day that does not exist.
    """
    text = (text or "").strip()
    if not text:
        return UNDATED
    match = _ISO.fullmatch(text) or _CJK.fullmatch(text)
    if match is None:
        raise CorpusError(f"not a date: {text!r} (expected YYYY, YYYY-MM or YYYY-MM-DD)")
    year, month, day = (int(g) if g else 0 for g in match.groups())
    if year < 1:
        raise CorpusError(f"not a date: {text!r} (year 0)")
    if month and not 1 <= month <= 12:
        raise CorpusError(f"not a date: {text!r} (no month {month})")
    if day and not 1 <= day <= days_in_month(year, month):
        raise CorpusError(f"not a date: {text!r} (no day {day} in {year:04d}-{month:02d})")
    precision = DAY if day else MONTH if month else YEAR
    return PartialDate(year, month, day, precision)


class Period(namedtuple("Period", "unit year number")):
    """A year (number 0), a quarter (1-4) or a month (1-12); ``unit`` 'none' is the undated row.

    A year row under a finer unit (``Period('year', 2025, 0)`` when counting by month) holds the
    documents dated only to that year.
    """

    __slots__ = ()

    @property
    def dated(self) -> bool:
        return self.unit != NONE

    @property
    def sort_key(self) -> tuple:
        # A year's own row comes before its quarters or months, as its label sorts as text.
        return (not self.dated, self.year, self.number)

    @property
    def label(self) -> str:
        if self.unit == NONE:
            return "undated"
        if self.unit == "year":
            return f"{self.year:04d}"
        if self.unit == "quarter":
            return f"{self.year:04d}-Q{self.number}"
        return f"{self.year:04d}-{self.number:02d}"

    def __str__(self) -> str:
        return self.label

    def contains(self, date: PartialDate) -> bool:
        """True when ``date`` is counted under this period (its ``period_of``)."""
        return date.dated and self.dated and period_of(date, self.unit) == self


UNDATED_PERIOD = Period(NONE, 0, 0)


def _check_unit(unit: str) -> None:
    if unit not in UNITS:
        raise CorpusError(f"unknown period {unit!r} (expected one of {', '.join(UNITS)})")


def is_coarse(date: PartialDate, unit: str) -> bool:
    """True for a dated value too coarse for ``unit`` (``2025`` by month or quarter)."""
    return date.dated and _FINENESS[date.precision] < _FINENESS[_UNIT_NEEDS[unit]]


def period_of(date: PartialDate, unit: str) -> Period:
    """The period ``date`` is counted under: its year's row when it is coarser than ``unit``."""
    _check_unit(unit)
    if not date.dated:
        return UNDATED_PERIOD
    if unit == "year" or is_coarse(date, unit):
        return Period("year", date.year, 0)
    if unit == "quarter":
        return Period("quarter", date.year, (date.month - 1) // 3 + 1)
    return Period("month", date.year, date.month)


def _next(period: Period) -> Period:
    last = {"year": 0, "quarter": 4, "month": 12}[period.unit]
    if period.number == last:
        return Period(period.unit, period.year + 1, 1 if last else 0)
    return Period(period.unit, period.year, period.number + 1)


def periods_between(first: Period, last: Period) -> list[Period]:
    """Every period of one unit from ``first`` to ``last``, both included, in order."""
    if first.unit != last.unit or not first.dated:
        raise ValueError(f"periods of different units: {first!r}, {last!r}")
    out, period = [], first
    while period.sort_key <= last.sort_key:
        out.append(period)
        period = _next(period)
    return out


def period_axis(dates, unit: str) -> list[Period]:
    """The rows a trend by ``unit`` shows for documents with these dates, in order.

    Every period from the first to the last date precise enough for ``unit`` (0 where nothing was
    dated); a year's own row for each year holding a date too coarse for ``unit``; ``undated``
    last when some document has no date.
    """
    _check_unit(unit)
    dates = list(dates)
    fine = sorted({period_of(d, unit) for d in dates if d.dated and not is_coarse(d, unit)},
                  key=lambda p: p.sort_key)
    axis = periods_between(fine[0], fine[-1]) if fine else []
    axis += {period_of(d, unit) for d in dates if is_coarse(d, unit)}
    axis.sort(key=lambda p: p.sort_key)
    if any(not d.dated for d in dates):
        axis.append(UNDATED_PERIOD)
    return axis


class DateRange(namedtuple("DateRange", "since until")):
    """``--since`` / ``--until`` as parsed dates (``UNDATED`` where not given).

    A document is inside when everything its date can mean lies inside: ``--since 2026-02`` keeps
    2026-02-12 and 2026-03, not ``2026`` (which may be January) nor an undated document.
    """

    __slots__ = ()

    @property
    def active(self) -> bool:
        return self.since.dated or self.until.dated

    def contains(self, date: PartialDate) -> bool:
        if not self.active:
            return True
        if not date.dated:
            return False
        if self.since.dated and date.first_day < self.since.first_day:
            return False
        return not (self.until.dated and date.last_day > self.until.last_day)

    def describe(self) -> str:
        """``'dated 2026-02 to 2026'`` for a note under a table; '' when no range is set."""
        if not self.active:
            return ""
        if self.since.dated and self.until.dated:
            return f"dated {self.since} to {self.until}"
        return f"dated from {self.since}" if self.since.dated else f"dated up to {self.until}"


def date_range(since: str | None = None, until: str | None = None) -> DateRange:
    """Parse ``--since`` / ``--until``; a range that ends before it starts is a user error."""
    try:
        start = parse_date(since)
    except CorpusError as exc:
        raise CorpusError(f"--since: {exc}") from None
    try:
        end = parse_date(until)
    except CorpusError as exc:
        raise CorpusError(f"--until: {exc}") from None
    if start.dated and end.dated and end.last_day < start.first_day:
        raise CorpusError(f"--until {end} is before --since {start}")
    return DateRange(start, end)


NO_RANGE = DateRange(UNDATED, UNDATED)


class PeriodFilter(namedtuple("PeriodFilter", "period unit")):
    """The documents one row of a trend counts (a selection's ``dates``, like a DateRange):
    those whose date falls in ``period`` by ``unit`` -- the year's own row keeps only the
    documents dated to the year alone, the ``undated`` row only the undated ones."""

    __slots__ = ()
    active = True

    def contains(self, date: PartialDate) -> bool:
        return period_of(date, self.unit) == self.period

    def describe(self) -> str:
        if not self.period.dated:
            return "undated"
        coarse = self.period.unit == "year" and self.unit != "year"
        return f"dated {self.period.label}" + (" (to the year only)" if coarse else "")
