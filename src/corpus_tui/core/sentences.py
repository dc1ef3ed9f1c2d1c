"""Sentence boundaries in clean text: one rule shared by the index and by search."""

from __future__ import annotations

import re
from array import array

# A sentence ends after 。！？!? or an ellipsis (with any closing quotes or brackets that
# follow), and at every paragraph break. Semicolons do not end one: policy text strings
# whole lists together with ；.
_END_RE = r"(?:[。！？!?]+|…{1,2}|\.{3,})[”’」』）)\]》]*|\n"  # compiled at first use (build only)


def sentence_starts(text: str) -> array:
    starts = array("i", [0])
    for m in re.finditer(_END_RE, text):
        end = m.end()
        if end < len(text) and end != starts[-1]:
            starts.append(end)
    return starts
