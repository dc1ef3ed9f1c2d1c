"""Cleaner text (issue 16 point 6): terminal escape sequences are no words, wraps indented
or padded with NBSP and wraps next to Latin words join as the others do, and items that a
blank line separates stay apart where blank lines mean something."""

from __future__ import annotations

from corpus_tui.corpus.normalize import clean

# A wrap file: lines cluster at ~40 columns (20 CJK characters).
W = "这是一个测试用的很长的句子它会在这里被硬换行切断然后继续写下去直到行满为止"
assert len(W) == 37


def _doc(*middle: str, sep: str = "\n\n", indent: str = "", end: str = "") -> str:
    filler = [W + "内容", W + "结束。"] * 3
    lines = [W + "前文", "后文。", *middle, *filler]
    return sep.join(indent + line + end for line in lines) + "\n"


def _raw_of(raw: str, text: str, needle: str) -> str:
    """The raw characters under the clean text's first ``needle``."""
    c = clean(raw)
    i = c.text.index(needle)
    return raw[c.offsets[i]: c.offsets[i + len(needle) - 1] + 1]


# -- ANSI / VT escape sequences -----------------------------------------------------


def test_colour_codes_are_not_text():
    raw = "发展\x1b[31m未来产业\x1b[0m很快。\n第二段\x1b[1;32;40m粗体\x1b[m。\n"
    c = clean(raw)
    assert c.text == "发展未来产业很快。\n第二段粗体。"
    # every clean character still points at itself in the raw text
    assert all(raw[c.offsets[i]] == ch for i, ch in enumerate(c.text) if ch != "\n")
    assert raw[c.offsets[2]:c.offsets[5] + 1] == "未来产业"
    assert c.offsets[2] == 7 and c.offsets[len(c.text)] == len(raw)


def test_other_escape_sequences_are_not_text():
    raw = (
        "标题\x1b]0;窗口标题\x07正文\x1b]8;;http://x.cn\x1b\\链接\x1b]8;;\x1b\\结束。\n"
        "光标\x1b[2K\x1b[1G移动\x1b7保存\x1b8恢复\x9b1m八位\x1bPq#0;1\x1b\\完。\n"
    )
    assert clean(raw).text == "标题正文链接结束。\n光标移动保存恢复八位完。"


def test_a_line_of_escape_codes_alone_is_blank():
    raw = "第一段。\n\x1b[0m\n第二段。\n"
    assert clean(raw).text == "第一段。\n第二段。"


def test_a_term_split_by_colour_codes_is_one_word_in_the_clean_text():
    raw = "发展未来\x1b[33m产业\x1b[0m。"
    assert clean(raw).text == "发展未来产业。"
    assert _raw_of(raw, clean(raw).text, "未来产业") == "未来\x1b[33m产业"


def test_escape_free_text_is_unchanged():
    raw = "未来产业 \u00a0发展\n\n第二段。"
    assert clean(raw).text == "未来产业发展\n第二段。"


# -- wraps with NBSP, wraps next to Latin words -------------------------------------


def test_wrap_indented_with_nbsp_joins():
    t = clean(_doc(W + "未来", "产业发展很快。", indent="\u00a0\u00a0")).text
    assert W + "未来产业发展很快。" in t


def test_wrap_padded_with_nbsp_at_the_line_end_joins():
    # a trailing NBSP is padding, not the trailing-blank hard-break mark
    t = clean(_doc(W + "未来\u00a0", "\u00a0产业发展很快。")).text
    assert W + "未来产业发展很快。" in t
    # a trailing ordinary space still marks a hard break
    t = clean(_doc(W + "标题 ", "正文开始。")).text
    assert "标题\n正文开始。" in t


def test_wrap_next_to_latin_words_joins():
    t = clean(_doc(W[:-2] + "发展AI", "Agent产业很快。")).text
    assert "发展AI Agent产业很快。" in t  # a space between two Latin words stays
    t = clean(_doc(W + "发展", "5G网络很快。")).text
    assert "发展5G网络很快。" in t
    t = clean(_doc(W[:-4] + "采用 ChatGPT", "模型很快。")).text
    assert "采用ChatGPT模型很快。" in t


# -- items separated by a blank line --------------------------------------------------


def test_items_separated_by_blank_lines_are_not_glued_where_wraps_are_single_newlines():
    # wraps inside a paragraph use one newline; a blank line ends a paragraph or item
    body = [W + "内容", W + "内容", W + "结束。"] * 4
    items = [W + "第一项", "", W + "第二项", "", W + "第三项的正文", "接着写完。"]
    raw = "\n".join(body + [""] + items + [""] + body) + "\n"
    t = clean(raw).text
    assert W + "第一项\n" + W + "第二项\n" + W + "第三项的正文接着写完。" in t
    assert W + "内容" + W + "内容" in t  # single-newline wraps still join


def test_blank_lines_after_every_wrap_still_mean_nothing():
    # 002's shape: a blank line after almost every wrapped line
    t = clean(_doc(W + "未来", "产业发展很快。")).text
    assert W + "未来产业发展很快。" in t
