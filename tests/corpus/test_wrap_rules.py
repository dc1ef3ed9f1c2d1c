"""The clean view's line joins at the thresholds corpus_tui.corpus.normalize documents: which
files are wrap files (90th-percentile width W, 20-200 columns, >= 35 % of the lines within
85-105 % of W, at least 3 lines), the 60 % and 90 % widths, the trailing-blank mark and when
it is trusted, blank lines that mean something, page markers; each case says whether one
line (ending in 针) is joined to the next (starting with 续), as a search for 针续 sees it."""

from __future__ import annotations

import pytest

from corpus_tui.corpus.normalize import clean, line_col, line_starts, raw_lines


def line(cols: int, last: str = "。", ch: str = "甲") -> str:
    """A line of ``cols`` columns (CJK = 2) ending in ``last``."""
    assert cols % 2 == 0
    return ch * (cols // 2 - 1) + last


def probe(cols: int, last: str = "针") -> str:
    return line(cols, last, "探")


def cont(cols: int = 40) -> str:
    return "续" + line(cols - 2)


def joined(raw: str, left: str = "针", right: str = "续") -> bool:
    text = clean(raw).text
    if left + right in text:
        return True
    assert left + "\n" + right in text, text
    return False


# -- which files are wrap files ------------------------------------------------------------

def test_three_lines_at_one_width_are_a_wrap_file_two_are_not():
    assert joined("\n".join([probe(40), cont(), line(40)]))
    assert not joined("\n".join([probe(40), cont()]))


def test_the_90th_percentile_of_three_lines_is_the_widest():
    # widths 40, 40, 100: W = 100 and only one line near it, so no wrap file
    assert not joined("\n".join([probe(40), cont(), line(100)]))


def test_one_overlong_line_among_twenty_leaves_a_wrap_file():
    # W is the 19th of 20 widths (40), not the one line of 300 columns (a URL, a table row)
    lines = [probe(40), cont()] + [line(40)] * 17 + [line(300)]
    assert len(lines) == 20 and joined("\n".join(lines))


@pytest.mark.parametrize("cols, wrap", [(18, False), (20, True), (200, True), (202, False)])
def test_wrap_widths_from_20_to_200_columns(cols, wrap):
    assert joined("\n".join([probe(cols), cont(cols), line(cols)])) is wrap


# 13 short lines and 7 near W = 40 (34 and 42 at the band's edges): exactly 35 % of 20
ACCENT_42 = "é" + "甲" * 19 + "a。"  # 42 columns: é and a are one column each


def band_file(low_edge: str) -> str:
    assert len(ACCENT_42) == 22
    lines = [probe(40), "续甲甲甲。"] + [line(10)] * 12 + [line(40)] * 4 + [low_edge, ACCENT_42]
    assert len(lines) == 20
    return "\n".join(lines)


def test_exactly_35_percent_of_the_lines_in_the_band_edges_included_make_a_wrap_file():
    assert joined(band_file(line(34)))


def test_fewer_than_35_percent_of_the_lines_near_w_make_no_wrap_file():
    assert not joined(band_file(line(32)))  # 32 < 85 % of 40: six of twenty


# -- the widths a joined line needs --------------------------------------------------------

WRAP = [line(40)] * 8  # sentence-final lines that make W = 40


@pytest.mark.parametrize("cols, wrap", [(24, True), (22, False)])
def test_a_line_joins_from_60_percent_of_w(cols, wrap):
    assert joined("\n".join([probe(cols), cont()] + WRAP)) is wrap


@pytest.mark.parametrize("raw_line, wrap", [
    (line(40, "；"), True),       # filled to W, ends in ； after no sentence end
    (line(36, "；"), True),       # 90 % of W
    (line(34, "；"), False),      # narrower: the ； ends the paragraph
    (line(40, "”"), True),        # 从“跟跑”|向“并跑”
    ("甲" * 18 + "。”", False),    # the sentence closed before the quote
    ("甲" * 18 + "？）", False),
    (line(40, "。"), False),
])
def test_a_full_line_ending_in_a_soft_closer_is_a_wrap(raw_line, wrap):
    assert joined("\n".join([raw_line, cont()] + WRAP), raw_line[-1]) is wrap


def test_a_full_line_ending_in_a_soft_closer_stays_before_a_page_marker():
    assert not joined("\n".join([line(40, "；"), "---", cont()] + WRAP), "；")


def test_a_line_ending_in_a_closer_is_never_joined_across_a_page_marker():
    raw = "第一句话写在这里并且足够长的一行；\n---\n续写第二页的内容。"
    assert clean(raw).text == "第一句话写在这里并且足够长的一行；\n续写第二页的内容。"


@pytest.mark.parametrize("cjk, wrap", [(10, True), (9, False)])
def test_a_page_marker_joins_lines_of_20_columns(cjk, wrap):
    assert joined("探" * (cjk - 1) + "针\n---\n续写第二页的内容。") is wrap


def test_a_zero_width_space_after_a_full_stop_does_not_hide_it():
    lines = [line(40), "甲" * 19 + "。\u200b", cont()] + WRAP
    assert clean("\n".join(lines)).text.count("。\n续") == 1


# -- the trailing-blank mark ---------------------------------------------------------------

def test_trailing_blanks_on_every_line_mark_nothing():
    assert joined("\n".join(x + " " for x in [probe(40), cont(), line(40)]))


def test_trailing_blanks_on_exactly_half_the_lines_mark_nothing():
    assert joined("\n".join([probe(40) + " ", cont(), line(40) + " ", line(40)]))


def test_trailing_blanks_on_fewer_lines_mark_a_hard_break():
    assert not joined("\n".join([probe(40) + " ", cont()] + WRAP))


def strong_mark_file(marked_finals: int) -> str:
    """5 sentence-final lines, ``marked_finals`` of them with a trailing blank, a narrow line
    (10 columns) ending mid-sentence, and lines ending in ； (34 columns, no wrap)."""
    finals = [line(40) + " "] * marked_finals + [line(40)] * (5 - marked_finals)
    lines = [finals[0], probe(10), "续" + line(32, "；")] + finals[1:] + [line(34, "；", "乙")] * 5
    assert len(lines) == 12
    return "\n".join(lines)


def test_a_trusted_mark_joins_narrow_lines_from_five_finals_four_marked():
    assert joined(strong_mark_file(4))  # 5 finals, 80 % marked: a line without the mark continues


def test_a_mark_on_three_finals_of_five_is_not_trusted_for_narrow_lines():
    assert not joined(strong_mark_file(3))


# -- blank lines ---------------------------------------------------------------------------

def blank_file(n_lines: int, n_blank: int, eol: str = "\n") -> str:
    """A wrap file of ``n_lines`` lines at 40 columns; the line ending in 针 and ``n_blank - 1``
    others are followed by a blank line."""
    lines = [probe(40), cont()] + [line(40)] * (n_lines - 2)
    gaps = [eol * 2] + [eol] * (n_lines - 2)
    for k in range(1, n_blank):
        gaps[k] = eol * 2
    return "".join(x + g for x, g in zip(lines, gaps + [eol]))


@pytest.mark.parametrize("eol", ["\n", "\r\n", "\r"])
def test_a_blank_line_ends_a_paragraph_when_fewer_than_half_the_gaps_are_blank(eol):
    assert not joined(blank_file(8, 3, eol))  # 3 blank gaps of 7


@pytest.mark.parametrize("eol", ["\n", "\r\n", "\r"])
def test_blank_lines_after_half_the_lines_mean_nothing(eol):
    assert joined(blank_file(7, 3, eol))  # 3 blank gaps of 6


# -- the raw view's lines ------------------------------------------------------------------

def test_raw_lines_with_their_ends():
    assert raw_lines("一\n二\r\n三") == ["一", "二", "三"]
    assert raw_lines("一\n二\r\n", keepends=True) == ["一\n", "二\r\n"]
    assert raw_lines("一\n\n三", keepends=True) == ["一\n", "\n", "三"]


def test_a_location_after_an_8_bit_escape_sequence():
    raw = "发展\x9b31m未来产业\x9b0m。\n第二行"
    c = clean(raw)
    assert c.text == "发展未来产业。\n第二行"
    assert c.offsets.typecode == "i"
    i = c.text.index("未来")
    assert line_col(line_starts(raw), c.offsets[i]) == (1, 7)
    assert line_col(line_starts(raw), c.offsets[c.text.index("第二")]) == (2, 1)
