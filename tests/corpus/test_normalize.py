"""Tests for corpus_tui.corpus.normalize (clean view, offsets, fold, line/column)."""

from __future__ import annotations

import array
import re
import unicodedata
from pathlib import Path

import pytest

from corpus_tui.corpus.normalize import (
    NORMALIZER_VERSION,
    CleanText,
    clean,
    fold,
    is_cjk,
    line_col,
    line_starts,
)

SEEDS = Path(__file__).parents[2] / "seeds"
SEED_FILES = sorted(SEEDS.glob("*.txt"))


def _read(prefix: str) -> str:
    (path,) = [p for p in SEED_FILES if p.name.startswith(prefix)]
    return path.read_text(encoding="utf-8")


def _text(raw: str) -> str:
    return clean(raw).text


# A "wrap file": lines cluster at ~40 CJK chars; the blank lines between them mean nothing.
WRAP_LINE = "这是一个测试用的很长的句子它会在这里被硬换行切断然后继续写下去直到行满为止未来"
assert len(WRAP_LINE) == 39


def _wrap_doc(*middle: str) -> str:
    filler = [WRAP_LINE[:-2] + "内容", WRAP_LINE[:-2] + "结束。"]
    return "\n\n".join([WRAP_LINE[:-2] + "前文", "后文。", *middle, *filler * 3]) + "\n"


# --------------------------------------------------------------------------- basics


def test_version_and_types():
    assert isinstance(NORMALIZER_VERSION, str) and NORMALIZER_VERSION
    c = clean("未来产业")
    assert isinstance(c, CleanText)
    assert isinstance(c.offsets, array.array) and c.offsets.typecode == "i"
    with pytest.raises(AttributeError):
        c.text = "x"  # frozen


def test_empty_and_blank():
    for raw in ("", "\n", "\n\n  \n", "\u3000\u200b\n\t\n"):
        c = clean(raw)
        assert c.text == ""
        assert list(c.offsets) == [len(raw)]


def test_paragraphs_blank_lines_and_line_strip():
    raw = "\n\n  第一段。  \n\n\n第二段。\n   \n第三段。\n\n"
    c = clean(raw)
    assert c.text == "第一段。\n第二段。\n第三段。"
    # the "\n" maps to the raw line terminator of the previous paragraph
    assert raw[c.offsets[4]] == "\n"
    assert c.offsets[0] == 4
    assert c.offsets[len(c.text)] == len(raw)


def test_crlf_and_lone_cr():
    raw = "第一行。\r\n第二行。\r第三行。\r\n"
    c = clean(raw)
    assert c.text == "第一行。\n第二行。\n第三行。"
    assert raw[c.offsets[4]] == "\r"
    assert c.offsets[5] == raw.index("第二")
    assert c.offsets[10] == raw.index("第三")
    assert c.offsets[-1] == len(raw)


# --------------------------------------------------------------------------- joins


def test_wrap_join_across_blank_line():
    raw = _wrap_doc()
    t = _text(raw)
    assert "前文\n后文" not in t
    assert "前文后文。" in t
    # wrapped lines ending without punctuation are joined, the ones ending in 。 are not
    assert "内容" + WRAP_LINE[:2] in t
    assert "结束。\n" in t


def test_wrap_no_join_after_short_line_or_heading_or_into_list():
    raw = _wrap_doc(
        "短标题",  # short line: a heading, not a wrap
        WRAP_LINE[:-2] + "甲乙",
        "（一）列表项不能被并入上一行。",
        "# 标题行也很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长",
        "标题之后的正文。",
        WRAP_LINE[:-2] + "丙丁",
        "■ 作者",
        WRAP_LINE[:-2] + "戊己",
        "资料来源：某某证券",
    )
    t = _text(raw)
    assert "短标题\n" in t
    assert "甲乙\n（一）列表项" in t
    assert "很长\n标题之后" in t
    assert "丙丁\n■ 作者" in t
    assert "戊己\n资料来源：某某证券" in t


def test_wrap_no_join_after_trailing_blank_hard_break():
    raw = _wrap_doc(WRAP_LINE[:-2] + "标题 ", "正文开始。")
    assert "标题\n正文开始。" in _text(raw)


def test_wrap_trusted_trailing_blank_mark_joins_narrow_lines():
    # every sentence-final line carries a trailing blank (PDF block ends): then a line
    # without one continues even when it is narrow (a table cell cut mid-word)
    body = [WRAP_LINE[:-2] + "内容", WRAP_LINE[:-2] + "内容", WRAP_LINE[:-2] + "结束。 "] * 5
    cells = ["表 1: 战略意义 ", "培育新质生产力，构建现代化产", "业体系，畅通双循环 ", "下一格 "]
    t = _text("\n\n".join(body + cells + body))
    assert "构建现代化产业体系，畅通双循环\n下一格\n" in t
    assert "表1：战略意义\n培育" in t


def test_one_paragraph_per_line_file_never_wrap_joins():
    # long lines of very different lengths, some ending mid-sentence: no joins at all
    lines = [
        "文 |《瞭望》新闻周刊记者",
        "新能源汽车、人工智能" * 12 + "，得益于政策",
        "但受访人士强调" * 30 + "。",
        "多重因素支撑新赛道产业快速发展",
        "政策措施的坚定支持" * 50 + "等",
        "结尾。",
    ]
    t = _text("\n".join(lines))
    assert t.count("\n") == len(lines) - 1
    assert "新闻周刊记者新能源汽车" not in t


def test_page_marker_join_and_break():
    raw = (
        "要抓住产业数字化、数字产业化赋予的机遇，加快取得更多实\n\n---\n\n"
        "质性、突破性、系统性成果。\n\n---\n\n"
        "下一段开始。\n\n - - - \n\n"
        "另一段也在句中被页面标记切断了并且足够长的一行\n---\n## 标题\n"
    )
    t = _text(raw)
    assert t == (
        "要抓住产业数字化、数字产业化赋予的机遇，加快取得更多实质性、突破性、系统性成果。\n"
        "下一段开始。\n"
        "另一段也在句中被页面标记切断了并且足够长的一行\n"
        "## 标题"
    )
    assert "---" not in t


def test_page_marker_no_join_after_short_line():
    assert _text("中共江苏省委宣传部\n---\n正文开始了。") == "中共江苏省委宣传部\n正文开始了。"


# --------------------------------------------------------------------------- characters


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("2026 年 4 月", "2026年4月"),
        ("5G 网络", "5G网络"),
        ("魏 楚", "魏楚"),
        ("魏\u3000楚", "魏楚"),
        ("魏\t 楚", "魏楚"),
        ("AI Agent 应用", "AI Agent应用"),
        ("AI   Agent", "AI Agent"),
        ("低于 OECD 国家 15%", "低于OECD国家15%"),
        ("“0 到 1”突破", "“0到1”突破"),
        ("跨越” 的关键", "跨越”的关键"),
        ("- 列表项", "- 列表项"),
        ("# 标题", "# 标题"),
    ],
)
def test_stray_spaces(raw, expected):
    assert _text(raw) == expected
    assert fold(raw) == expected


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("ＡＩ与５Ｇ", "AI与5G"),
        ("２０２６年", "2026年"),
        ("增长３．５％", "增长3.5%"),
        ("产业,发展;目标:完成", "产业，发展；目标：完成"),
        ("人形机器人(2025年9月6日摄)", "人形机器人（2025年9月6日摄）"),
        ("真的!是吗?", "真的！是吗？"),
        ("来源:光明日报", "来源：光明日报"),
        ("表  1: 布局", "表1：布局"),
        ("(3) 生命科学", "（3）生命科学"),
        ("日),下", "日），下"),
        ("(3) 生命", "（3）生命"),
        ("（注 a)", "（注a）"),
        ("(ok) 与 x", "（ok）与x"),
        ("3.5 and 1,000", "3.5 and 1,000"),
        ("达到1,000亿元", "达到1,000亿元"),
        ("见https://a.cn/x?id=1", "见https://a.cn/x?id=1"),
        ("Hello, world (ok)!", "Hello, world (ok)!"),
        ("已经，全角；保持：不变（是）！？", "已经，全角；保持：不变（是）！？"),
    ],
)
def test_width_folding(raw, expected):
    assert _text(raw) == expected
    assert fold(raw) == expected


def test_zero_width_removed_controls_kept():
    raw = "\ufeff未\u200b来\u200c产\u200d业\u2060发\u00ad展"
    assert _text(raw) == "未来产业发展"
    assert fold(raw) == "未来产业发展"
    kept = "ab\u202ec\u2066d\x07e"
    assert _text(kept) == kept
    # a terminal escape sequence is no text (tests/corpus/test_clean_text.py)
    assert _text("a\x1b[31mb\u202ec\u2066d\x07e") == kept


def test_fold_query_matches_clean_text():
    raw = "加快 5G 网络建设,推动２０２６ 年 4 月发展"
    c = clean(raw)
    for q in ("5G 网络", "5G网络", "２０２６年", "2026 年", "建设，推动", "建设,推动"):
        assert fold(q) in c.text


@pytest.mark.parametrize(
    "s",
    [
        "",
        " ",
        "  a  ",
        "日 ) , 下",
        ", , ,日",
        "a , b",
        "（ 2025 ）",
        "ＡＢ　ｃ ，，",
        "“ hello ” 世界",
        "x\u200b \u200by",
        "表  1: 布局 ; 2 ;x",
        "a\n b \n",
    ],
)
def test_fold_idempotent(s):
    assert fold(fold(s)) == fold(s)


def test_fold_of_clean_text_is_identity_on_seeds():
    for path in SEED_FILES:
        text = clean(path.read_text(encoding="utf-8")).text
        assert fold(text) == text, path.name


def test_is_cjk():
    assert is_cjk("未") and is_cjk("〇") and is_cjk("\U00020000") and is_cjk("か")
    assert not is_cjk("a") and not is_cjk("，") and not is_cjk("1") and not is_cjk("")
    assert not is_cjk("未来")


# --------------------------------------------------------------------------- offsets


def _check_offsets(raw: str, c: CleanText) -> None:
    text, offs = c.text, c.offsets
    assert offs.typecode == "i"
    assert len(offs) == len(text) + 1
    assert offs[len(text)] == len(raw)
    prev = -1
    for i, ch in enumerate(text):
        o = offs[i]
        assert prev < o < len(raw)  # strictly increasing
        prev = o
        r = raw[o]
        if ch == r:
            continue
        if ch in "\n ":
            assert r in "\r\n" or r.isspace(), (i, ch, r)
            continue
        if fold(r) == ch or unicodedata.normalize("NFKC", r) == unicodedata.normalize("NFKC", ch):
            continue
        raise AssertionError(f"clean[{i}]={ch!r} does not come from raw[{o}]={r!r}")


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.name[:3])
def test_offsets_properties_on_seeds(path):
    raw = path.read_text(encoding="utf-8")
    c = clean(raw)
    _check_offsets(raw, c)
    assert not c.text.startswith("\n") and not c.text.endswith("\n")
    assert "\n\n" not in c.text
    # CRLF version: same clean text, offsets still valid for the CRLF raw
    raw_crlf = raw.replace("\n", "\r\n")
    c2 = clean(raw_crlf)
    assert c2.text == c.text
    _check_offsets(raw_crlf, c2)


def test_offsets_on_hand_made_cases():
    for raw in (
        "ＡＩ　与 ５Ｇ\u200b , 网络(测试)\r\n\r\n---\r\n  下一行\u3000\n",
        _wrap_doc(),
        "实\n---\n质性",
        "Hello\n",
    ):
        _check_offsets(raw, clean(raw))


# --------------------------------------------------------------------------- line/col


def test_line_starts_and_line_col():
    raw = "ab\n\ncd\r\nef"
    starts = line_starts(raw)
    assert starts.typecode == "i"
    assert list(starts) == [0, 3, 4, 8]
    assert line_col(starts, 0) == (1, 1)
    assert line_col(starts, 1) == (1, 2)
    assert line_col(starts, 2) == (1, 3)  # the "\n" itself
    assert line_col(starts, 3) == (2, 1)
    assert line_col(starts, 5) == (3, 2)
    assert line_col(starts, 8) == (4, 1)
    assert line_col(starts, 10) == (4, 3)  # end of text
    assert list(line_starts("")) == [0]


# --------------------------------------------------------------------------- seeds


def _start_lines(raw: str, term: str) -> list[int]:
    c = clean(raw)
    starts = line_starts(raw)
    return [line_col(starts, c.offsets[m.start()])[0] for m in re.finditer(term, c.text)]


def test_seed_002_hard_wraps_joined():
    raw = _read("002")
    assert raw.splitlines()[7].endswith("未来") and raw.splitlines()[8].startswith("产业")
    lines = _start_lines(raw, "未来产业")
    assert 8 in lines
    assert 141 in lines
    assert 108 in _start_lines(raw, "现代化产业体系")
    # every occurrence of the term in the raw file, cut or not, is found in the clean text
    raw_flat = re.sub(r"\s+", "", raw)
    assert len(lines) == raw_flat.count("未来产业")


def test_seed_002_headings_not_glued_to_body():
    t = _text(_read("002"))
    assert "（一）从大国竞争维度，布局未来产业是抢抓科技革命主动权的战略抉择\n全球科技" in t
    # a two-line title is one title; the "核心观点 " line (trailing blank) stays apart
    assert t.startswith("《前瞻布局和发展未来产业》重要讲话精神学习体会\n核心观点\n")
    assert "（二）从经济发展维度，布局未来产业是培育新质生产力、构建现代化产业体系的核心抓手\n" in t


def test_seed_001_page_markers_joined():
    raw = _read("001")
    assert _start_lines(raw, "实质性") == [38]
    assert 50 in _start_lines(raw, "战略需求")
    assert 86 in _start_lines(raw, "科技创新和产业创新")
    t = _text(raw)
    assert "---" not in t
    assert "2026年4月\n## 【重要论述】" in t


def test_seed_000_byline_not_joined():
    raw = _read("000")
    t = _text(raw)
    assert "新闻周刊记者新能源汽车" not in t
    paras = t.split("\n")
    assert paras[1] == "文 |《瞭望》新闻周刊记者"
    assert paras[2].startswith("新能源汽车、人工智能、可控核聚变")
    c = clean(raw)
    starts = line_starts(raw)
    p2 = len(paras[0]) + 1
    p3 = p2 + len(paras[1]) + 1
    assert line_col(starts, c.offsets[p2]) == (2, 1)
    assert line_col(starts, c.offsets[p3]) == (3, 1)
    assert len(paras) == sum(1 for ln in raw.split("\n") if ln.strip())


def test_seed_004_one_paragraph_per_line():
    raw = _read("004")
    paras = _text(raw).split("\n")
    assert len(paras) == 78
    assert len(paras) == sum(1 for ln in raw.split("\n") if ln.strip())
    assert paras[1] == "来源：光明日报作者：王科张永冀2026-01-06 08:24:13"


def test_seed_003_nothing_joined():
    raw = _read("003")
    paras = _text(raw).split("\n")
    assert len(paras) == sum(1 for ln in raw.split("\n") if ln.strip()) == 34
    assert "■ 曾光" in paras


def test_pattern_escape_is_re_escape():
    # normalize writes its lazily compiled patterns without importing re (a warm query never does).
    from corpus_tui.corpus.normalize import _escape

    for cp in range(0x30000):
        assert _escape(chr(cp)) == re.escape(chr(cp))
    sample = "（，。,;:()!?[]\\^$.|*+-{}#&~ \t\n\r\v\f"
    assert _escape(sample) == re.escape(sample)


# --------------------------------------------------------------------------- long texts


def test_locations_past_the_first_65536_characters():
    """The offset map is built 65 536 entries at a time: a hit deep in a long file (here
    105 000 characters, stray spaces dropped on every line) still names its own line and column."""
    raw = "未来 产业。\n" * 15000
    c = clean(raw)
    assert c.text == "\n".join(["未来产业。"] * 15000)
    starts = line_starts(raw)
    hits = [m.start() for m in re.finditer("产业", c.text)]
    assert len(hits) == 15000
    assert [line_col(starts, c.offsets[h]) for h in hits] == [(k, 4) for k in range(1, 15001)]
    assert [c.offsets[h] for h in hits] == [m.start() for m in re.finditer("产业", raw)]
    assert c.offsets[len(c.text)] == len(raw) == 105000


def test_offset_map_beyond_16_million_characters(monkeypatch):
    """Entries past 2**24 carry the fourth byte of the offset (a 17-million-character file)."""
    from corpus_tui.corpus import fold as F

    monkeypatch.setattr(F, "_IDENT", array.array("i"))  # built afresh, dropped after the test
    n = (1 << 24) + 70000
    ident = F._identity(n)
    assert len(ident) >= n
    for i in (0, 1, 65535, 65536, 65537, 131071, 131072, (1 << 24) - 1, 1 << 24, (1 << 24) + 65536, n - 1):
        assert ident[i] == i
    assert F._identity(10) is ident  # grown once, reused


@pytest.mark.parametrize("n", [65535, 65536, 65537, 131073])
def test_the_last_character_of_a_text_at_a_block_edge(monkeypatch, n):
    """A file of 65 536 characters give or take one: its last character is still located."""
    from corpus_tui.corpus import fold as F

    monkeypatch.setattr(F, "_IDENT", array.array("i"))  # as in a fresh process
    body = "未来产业。\n" * ((n - 3) // 6)
    raw = body + "甲" * (n - len(body) - 3) + "\n乙。"
    assert len(raw) == n
    c = clean(raw)
    assert len(c.offsets) == len(c.text) + 1
    assert c.text.endswith("\n乙。")
    assert list(c.offsets[-3:]) == [n - 2, n - 1, n]
    assert line_col(line_starts(raw), c.offsets[len(c.text) - 2]) == (raw.count("\n") + 1, 1)


def test_a_half_width_comma_after_a_full_width_bracket_takes_the_cjk_context_before_it():
    # the run ")," looks back over the full-width member to 日 (CJK context); the latin
    # letter after it does not decide
    assert fold("日）,a") == "日），a"
    assert clean("日）,a").text == "日），a"
    assert fold("a）,a") == "a）,a"


def test_a_query_without_half_width_punctuation_has_one_form():
    from corpus_tui.corpus.fold import fold_variants

    # a space at either end is the query's own: it is not dropped as beside a CJK neighbour
    assert fold_variants("产业 ") == ["产业 "]
    assert fold_variants(" 未来") == [" 未来"]
    assert fold_variants("ＡＩ 产业") == ["AI产业"]


def test_a_lazily_compiled_pattern_is_what_re_compile_makes():
    from corpus_tui.corpus.fold import _LazyRe

    lazy = _LazyRe("未来(产业)?")
    assert lazy.flags == re.compile("未来(产业)?").flags
    assert lazy.fullmatch("未来产业").group(1) == "产业"
    assert _LazyRe("ai", re.IGNORECASE).findall("AI ai") == ["AI", "ai"]


def test_a_query_with_a_space_beside_half_width_punctuation_finds_each_form():
    from corpus_tui.corpus.fold import fold_variants

    assert fold_variants(", ") == [", ", "， ", "，"]
    assert fold_variants(" ,") == [" ,", "，", " ，"]
    # the forms are ones a clean text holds: "a, b", "甲， [1]", "[1] ，乙"
    assert ", " in clean("a, b").text and "， " in clean("甲, [1] 乙").text
    assert " ," in clean("a ,b").text and " ，" in clean("[1] ,乙").text


@pytest.mark.parametrize("n", [65536, 65537])
def test_the_last_character_after_an_escape_sequence_at_a_block_edge(monkeypatch, n):
    from corpus_tui.corpus import fold as F

    monkeypatch.setattr(F, "_IDENT", array.array("i"))
    raw = "\x1b[1m" + "甲" * (n - 6) + "乙。"
    assert len(raw) == n
    c = clean(raw)
    assert c.text == "甲" * (n - 6) + "乙。"
    assert list(c.offsets[:1]) + list(c.offsets[-3:]) == [4, n - 2, n - 1, n]
