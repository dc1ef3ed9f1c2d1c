"""The trend chart (plotext): what is drawn, what is listed under it, widths in cells."""

import math

import pytest

from corpus_tui.cells import cell_len
from corpus_tui.chart import trend_chart
from corpus_tui.results import Table

COLUMNS = ("period", "term", "freq", "tokens", "per_10k", "ci_low", "ci_high", "docs", "docs_total")
NAN = math.nan


def _table(unit="month"):
    rows = [
        ("2025", "新赛道", 4, 5533, 7.2294, 2.8117, 18.575, 3, 3),
        ("2025", "未来产业", 89, 5533, 160.8531, 130.904, 197.5169, 3, 3),
        ("2026-01", "新赛道", 3, 6442, 4.6569, 1.5839, 13.684, 3, 4),
        ("2026-01", "未来产业", 3, 6442, 4.6569, 1.5839, 13.684, 2, 4),
        ("2026-02", "新赛道", 0, 0, 0.0, NAN, NAN, 0, 0),
        ("2026-02", "未来产业", 0, 0, 0.0, NAN, NAN, 0, 0),
        ("2026-03", "新赛道", 0, 1493, 0.0, 0.0, 25.6638, 0, 1),
        ("2026-03", "未来产业", 50, 1493, 334.8962, 254.9436, 438.7936, 1, 1),
        ("undated", "新赛道", 92, 13640, 67.4487, 55.0334, 82.6415, 5, 6),
        ("undated", "未来产业", 123, 13640, 90.176, 75.6362, 107.4805, 3, 6),
    ]
    return Table(COLUMNS, rows, meta={"unit": unit})


def test_chart_without_colour_has_no_escape_and_fits_the_width():
    out = trend_chart(_table(), width=70, height=14, colour=False)
    assert "\x1b" not in out
    lines = out.splitlines()
    assert all(cell_len(line) <= 70 for line in lines if "新赛道" not in line and "未来产业" not in line)
    ticks = next(line for line in lines if "2026-01" in line)
    assert "2026-03" in ticks and "undated" not in ticks and "2025" not in ticks.replace("2026", "")
    assert "•• 新赛道  xx 未来产业   bars: 95 % Wilson interval of per_10k" in lines
    assert "not drawn: 2025 (year only): per_10k 新赛道 7.2294, 未来产业 160.853" in lines
    assert "not drawn: undated: per_10k 新赛道 67.4487, 未来产业 90.176" in lines


def test_chart_with_colour_colours_the_legend():
    out = trend_chart(_table(), width=70, height=14, colour=True)
    assert "\x1b[34m──\x1b[0m 新赛道" in out and "\x1b[31m──\x1b[0m 未来产业" in out


@pytest.mark.parametrize("unit", ["year"])
def test_by_year_every_dated_row_is_a_point(unit):
    rows = [("2024", "A", 1, 100, 100.0, 17.7, 545.5, 1, 1), ("2025", "A", 0, 0, 0.0, NAN, NAN, 0, 0),
            ("2026", "A", 2, 100, 200.0, 55.0, 700.0, 1, 1)]
    out = trend_chart(Table(COLUMNS, rows, meta={"unit": unit}), width=60, height=10, colour=False)
    assert "not drawn" not in out
    assert "2024" in out and "2026" in out


def test_nothing_dated_draws_nothing():
    rows = [("undated", "A", 1, 100, 100.0, 17.7, 545.5, 1, 1)]
    out = trend_chart(Table(COLUMNS, rows, meta={"unit": "year"}), width=60, height=10, colour=False)
    assert out.splitlines()[-1] == "no dated period to draw"
    assert "┌" not in out
