"""The sections a comparison of two sides (A, B) sorts its terms into, in display order.

Apart from compare.py so that click's `diff --section` choices and the TUI read them
without importing the comparison code and the index behind it."""

SECTIONS = ("A>B", "B>A", "only A", "only B", "shared")
