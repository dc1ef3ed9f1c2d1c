"""Anchors: a coding follows its node when the file is edited elsewhere, and is orphaned, not
moved to a wrong place, when its node or context changed."""

from __future__ import annotations

import pytest

from corpus_tui.coding import anchor
from corpus_tui.coding.anchor import CONTEXT, Anchor

TEXT = ("新赛道观察\n"
        "各地正在积极开辟新赛道，培育未来产业的新动能和新优势。\n"
        "我们要抢占新赛道的先机，推动发展。\n")


def _anchor_at(text, node, nth=0, sha="old"):
    pos = -1
    for _ in range(nth + 1):
        pos = text.find(node, pos + 1)
    return anchor.make(text, sha, pos, len(node))


def test_an_anchor_holds_node_and_context_either_side():
    a = _anchor_at(TEXT, "新赛道", 1)
    assert a == Anchor("old", 14, 3, "新赛道", TEXT[14 - CONTEXT:14], TEXT[17:17 + CONTEXT])
    assert a.before == "道观察\n各地正在积极开辟" and a.after == "，培育未来产业的新动能和"
    first = _anchor_at(TEXT, "新赛道", 0)
    assert (first.offset, first.before, first.after) == (0, "", TEXT[3:3 + CONTEXT])
    with pytest.raises(ValueError):
        anchor.make(TEXT, "old", len(TEXT) - 1, 3)


def test_an_unchanged_file_keeps_the_anchor():
    a = _anchor_at(TEXT, "新赛道", 2)
    assert anchor.relocate(a, TEXT, "old") is a


def test_text_added_before_the_node_shifts_it():
    a = _anchor_at(TEXT, "新赛道", 2)
    edited = "【转载】" + TEXT
    moved = anchor.relocate(a, edited, "new")
    assert moved == a._replace(sha256="new", offset=a.offset + 4)
    assert edited[moved.offset:moved.offset + 3] == "新赛道"
    # a node at the very start of the file (no context before it) follows a title added above it
    first = _anchor_at(TEXT, "新赛道", 0)
    assert anchor.relocate(first, "标题\n" + TEXT, "new") == first._replace(sha256="new", offset=3)


def test_an_edit_inside_the_context_orphans_the_coding():
    a = _anchor_at(TEXT, "新赛道", 1)
    assert anchor.relocate(a, TEXT.replace("积极开辟", "大力开辟"), "new") is None
    assert anchor.relocate(a, TEXT.replace("，培育", "，加快培育"), "new") is None
    assert anchor.relocate(a, TEXT.replace("开辟新赛道", "开辟新领域"), "new") is None  # the node itself


def test_of_two_places_with_the_same_context_the_nearest_wins():
    line = "我们要抢占新赛道的先机，推动各地产业高质量发展，培育新动能和新优势。\n"
    assert len(line) - len("我们要抢占新赛道") >= CONTEXT  # the after-context stays inside one line
    para = line * 3
    text = "前言\n" + para
    a = _anchor_at(text, "新赛道", 1)  # the middle one: same context as the third, not the first
    assert a.offset == 3 + len(line) + 5
    edited = "前言一二\n" + para  # two characters in front of all three
    moved = anchor.relocate(a, edited, "new")
    assert moved.offset == a.offset + 2
    # the first copy removed: the middle one is now first, the third nearest to the old offset
    shorter = "前言\n" + line * 2
    assert anchor.relocate(a, shorter, "new").offset == a.offset


def test_line_and_column_count_code_points_as_the_index_does():
    raw = "第一行\r\n第二行新赛道\n"
    off = raw.index("新赛道")
    assert anchor.line_column(raw, off) == (2, 4)
    assert anchor.offset_of(raw, 2, 4) == off
    assert anchor.line_column(raw, 0) == (1, 1)
    assert anchor.offset_of(raw, 1, 1) == 0
    assert anchor.offset_of(raw, 2, 7) is None  # past the line's end
    assert anchor.offset_of(raw, 4, 1) is None
    assert anchor.offset_of(raw, 0, 1) is None


def test_a_span_must_lie_inside_the_text_and_hold_a_character():
    text = "新赛道观察"
    assert anchor.make(text, "h", 0, 5) == Anchor("h", 0, 5, "新赛道观察", "", "")  # the whole text
    assert anchor.make(text, "h", 4, 1).node == "察"
    for offset, length in ((0, 0), (-1, 2), (4, 2), (5, 1), (2, -1)):
        with pytest.raises(ValueError) as info:
            anchor.make(text, "h", offset, length)
        assert str(info.value) == f"span {offset}+{length} is outside a text of 5 code points"


def test_context_is_at_most_twelve_code_points_each_side():
    text = "一二三四五六七八九十甲乙丙丁新赛道戊己庚辛壬癸子丑寅卯辰巳午未"
    a = anchor.make(text, "h", 14, 3)
    assert (a.before, a.after) == ("三四五六七八九十甲乙丙丁", "戊己庚辛壬癸子丑寅卯辰巳")
    assert len(a.before) == len(a.after) == CONTEXT == 12


def test_places_overlapping_each_other_are_all_candidates():
    a = anchor.make("啊" * 40, "old", 20, 1)  # the needle: 25 啊, the node its 13th
    # in 26 啊 the needle is at 0 and at 1 (overlapping): nodes at 12 and 13, 13 is nearer to 20
    assert anchor.relocate(a, "啊" * 26, "new").offset == 13
    assert anchor.relocate(a, "啊" * 40, "new").offset == 20
    assert anchor.relocate(a, "啊" * 24, "new") is None


def test_line_and_column_at_line_ends_and_the_last_line():
    raw = "甲乙\n丙丁戊\n己"
    assert [anchor.line_column(raw, o) for o in range(len(raw) + 1)] == [
        (1, 1), (1, 2), (1, 3), (2, 1), (2, 2), (2, 3), (2, 4), (3, 1), (3, 2)]
    assert [anchor.offset_of(raw, 2, c) for c in range(0, 5)] == [None, 3, 4, 5, None]
    assert anchor.offset_of(raw, 3, 1) == 7 and anchor.offset_of(raw, 3, 2) is None  # no "\n" after 己
    assert anchor.offset_of(raw, 1, 2) == 1 and anchor.offset_of(raw, 1, 3) is None
    assert anchor.offset_of(raw, 4, 1) is None and anchor.offset_of(raw, 1, 0) is None
    assert anchor.offset_of(raw, -1, 1) is None


def test_a_file_that_starts_with_a_line_break():
    raw = "\n新赛道"
    assert anchor.line_column(raw, 0) == (1, 1)
    assert anchor.line_column(raw, 1) == (2, 1)
    assert anchor.offset_of(raw, 2, 1) == 1 and anchor.offset_of(raw, 1, 1) is None
    assert anchor.make("甲乙新赛道", "h", 2, 3).before == "甲乙"  # all of a context shorter than twelve
