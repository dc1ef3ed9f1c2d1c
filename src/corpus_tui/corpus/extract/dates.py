"""Dates found where a document shows them -> ISO (``2024-03-05``, ``2024-03``, ``2024``), for
``corpus init``'s date column (the catalogue's date cells are parsed by corpus/dates.py).

Found in a file name (``2024-03-05``, ``2024_03_05``, ``20240305``, ``2024年3月5日``), in
metadata, and on a date line of the text (``发布时间：2024-03-05``, a closing
``2024年3月5日`` or ``二〇二四年三月五日`` under an official document). Years 1900-2099 only;
an impossible month or day is no date.
"""

from __future__ import annotations

import re

_NUM = "〇零一二三四五六七八九十"
_SEP_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*([-/._年])\s*(\d{1,2})(?!\d)(?:\s*(?:[-/._月])\s*(\d{1,2})(?!\d)\s*日?|\s*月)?")
_COMPACT = re.compile(r"(?<!\d)((?:19|20)\d\d)(0[1-9]|1[0-2])([0-3]\d)(?!\d)")
_HAN_DATE = re.compile(f"([{_NUM}]{{4}})年([{_NUM}]{{1,3}})月(?:([{_NUM}]{{1,3}})日)?")
_DATE_WORDS = ("发布时间", "发布日期", "成文日期", "印发日期", "日期", "时间", "发文日期")


def _iso(year: str, month: str | None, day: str | None) -> str:
    if month is None:
        return year
    m = int(month)
    if not 1 <= m <= 12:
        return ""
    if day is None:
        return f"{year}-{m:02d}"
    d = int(day)
    if not 1 <= d <= _days(int(year), m):
        return ""
    return f"{year}-{m:02d}-{d:02d}"


def _days(year: int, month: int) -> int:
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def _han_number(s: str) -> str:
    """二〇二四 -> 2024 (digit by digit); 十二 -> 12, 二十五 -> 25, 三十一 -> 31."""
    digits = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"零": "0"}
    if "十" not in s:
        return "".join(digits[c] for c in s)
    tens, _, ones = s.partition("十")
    return str((int(digits[tens]) if tens else 1) * 10 + (int(digits[ones]) if ones else 0))


def iso_date(text: str) -> str:
    """The first valid date in ``text`` as ISO, "" if there is none."""
    found = []
    for m in _SEP_DATE.finditer(text):
        year, sep, month, day = m.groups()
        if sep in "._" and day is None:
            continue  # 2024.3 is a version or a figure more often than a month
        iso = _iso(year, month, day)
        if iso:
            found.append((m.start(), iso))
            break
    for m in _COMPACT.finditer(text):
        iso = _iso(*m.groups())
        if iso:
            found.append((m.start(), iso))
            break
    for m in _HAN_DATE.finditer(text):
        try:
            iso = _iso(_han_number(m.group(1)), _han_number(m.group(2)), m.group(3) and _han_number(m.group(3)))
        except (KeyError, ValueError):
            continue
        if iso and "1900" <= iso[:4] <= "2099":
            found.append((m.start(), iso))
            break
    return min(found)[1] if found else ""


def date_in_text(lines: list[str]) -> str:
    """A date line near the top (its first 30 non-blank lines) or the closing date under the
    text (its last 5): a line naming a date (发布时间：…) or a short line that is a date."""
    body = [line.strip() for line in lines if line.strip()]
    for line in body[:30] + body[-5:][::-1]:
        iso = iso_date(line)
        if iso and (len(line) <= 24 or any(w in line for w in _DATE_WORDS)):
            return iso
    return ""
