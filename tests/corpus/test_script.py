"""The Simplified view of a text (corpus.script): phrase-level conversion, exact offsets
back to the source, the script of a text, and the forms of a word in both scripts."""

from __future__ import annotations

from array import array
from pathlib import Path

import pytest

from corpus_tui.corpus import script as S

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def view_of(text):
    v = S.simplified(text)
    return v.text, None if v.offsets is None else list(v.offsets)


# -- conversion -----------------------------------------------------------------


@pytest.mark.parametrize(
    "trad, simp",
    [
        ("未來產業", "未来产业"),
        ("人工智慧", "人工智能"),  # Taiwan phrase variant, same length
        ("軟體產業", "软件产业"),
        ("網路安全", "网络安全"),
        ("數位經濟", "数字经济"),
        ("積體電路", "集成电路"),
        ("臺灣", "台湾"),
        ("乾燥", "干燥"),  # phrase level: 乾 is 干 here ...
        ("乾隆", "乾隆"),  # ... and stays 乾 in the emperor's name
        ("頭髮", "头发"),
        ("新質生產力", "新质生产力"),
    ],
)
def test_traditional_becomes_simplified(trad, simp):
    assert S.fold_script(trad) == simp


@pytest.mark.parametrize(
    "trad, simp",
    [
        # OpenCC's tw2sp would make these 内核技术, 创建健全, 数据源, 智能城市, 集成资源:
        # everyday mainland words are no Taiwan variants here.
        ("核心技術", "核心技术"),
        ("建立健全", "建立健全"),
        ("資料來源", "资料来源"),
        ("智慧城市", "智慧城市"),
        ("整合資源", "整合资源"),
        # a Taiwan variant that is part of a mainland word is left alone
        ("軟體動物", "软体动物"),
        ("大多數位於", "大多数位于"),
        ("加快取得", "加快取得"),
        ("國內建設", "国内建设"),
    ],
)
def test_everyday_words_are_not_phrase_variants(trad, simp):
    assert S.fold_script(trad) == simp


def test_simplified_text_is_its_own_view():
    for name in sorted(p.name for p in SEEDS.glob("*.txt")):
        text = (SEEDS / name).read_text("utf-8")
        view = S.simplified(text)
        assert view.text == text, name
        assert view.offsets is None, name


def test_fold_is_idempotent():
    text = "推動人工智慧與網際網路產業發展，建設數位經濟。"
    once = S.fold_script(text)
    assert once == "推动人工智能与互联网产业发展，建设数字经济。"
    assert S.fold_script(once) == once


def test_text_without_han_is_untouched():
    assert S.simplified("AI Agent 3.5, 2026-01") == ("AI Agent 3.5, 2026-01", None)


def test_lone_surrogates_pass_through():
    assert S.simplified("發\udcff展") == ("发\udcff展", None)


# -- offsets ----------------------------------------------------------------------


def test_same_length_view_needs_no_map():
    # 人工智慧 -> 人工智能 keeps every character's place
    assert view_of("推動人工智慧發展") == ("推动人工智能发展", None)


def test_shorter_phrase_maps_to_its_source_span():
    #        0 1 2 3 4 5 6 7
    src = "發展網際網路產業"
    text, offs = view_of(src)
    assert text == "发展互联网产业"
    # 互联网 (view 2..4) comes from 網際網路 (source 2..5); 产业 follows at 6, 7
    assert offs == [0, 1, 2, 3, 4, 6, 7, 8]
    assert S.source_span(S.simplified(src).offsets, 2, 5) == (2, 6)  # the whole 網際網路
    assert src[slice(*S.source_span(S.simplified(src).offsets, 2, 5))] == "網際網路"
    assert S.source_span(S.simplified(src).offsets, 5, 7) == (6, 8)  # 产业 -> 產業
    assert S.source_span(S.simplified(src).offsets, 0, 7) == (0, 8)


def test_longer_phrase_maps_every_character_into_the_phrase():
    #        0 1 2 3 4 5 6
    src = "他是B肝帶原者"
    text, offs = view_of(src)
    assert text == "他是乙肝带原者"  # B肝 -> 乙肝: same length, no map
    assert offs is None
    src = "新型A型肝炎疫苗"  # A型肝炎 (4) -> 甲型肝炎 (4)
    assert view_of(src) == ("新型甲型肝炎疫苗", None)
    src = "泡麵與字串"  # 泡面 -> 方便面 (2 -> 3), 字串 -> 字符串 (2 -> 3)
    text, offs = view_of(src)
    assert text == "方便面与字符串"
    #          方 便 面 与 字 符 串 end
    assert offs == [0, 1, 1, 2, 3, 4, 4, 5]
    view = S.simplified(src).offsets
    assert S.source_span(view, 0, 3) == (0, 2)  # 方便面 <- 泡麵
    assert S.source_span(view, 0, 2) == (0, 2)  # part of a grown phrase: the whole phrase
    assert S.source_span(view, 3, 4) == (2, 3)  # 与 <- 與
    assert S.source_span(view, 4, 7) == (3, 5)  # 字符串 <- 字串
    assert S.source_span(view, 3, 3) == (2, 2)


def test_offsets_never_decrease_and_end_at_the_source_length():
    src = "在網際網路時代，泡麵、部落格與軟體都是資訊。"
    view = S.simplified(src)
    offs = list(view.offsets)
    assert len(offs) == len(view.text) + 1
    assert offs[-1] == len(src)
    assert offs == sorted(offs)
    assert view.text == "在互联网时代，方便面、博客与软件都是资讯。"


def test_compose_with_the_normaliser_map():
    """view -> clean (script map) then clean -> raw (the normaliser's map)."""
    from corpus_tui.corpus.normalize import clean

    raw = "推動 網際\n網路產業"  # a stray space; 網際網路 cut by a line end
    c = clean(raw)
    # the normaliser drops the space between CJK characters and keeps the line end
    assert c.text == "推動網際\n網路產業"
    assert list(c.offsets) == [0, 1, 3, 4, 5, 6, 7, 8, 9, 10]
    view = S.simplified(c.text)
    assert view.text == "推动网际\n网络产业"  # the line end keeps 網際網路 apart; 網路 alone folds
    raw_offs = S.compose(view.offsets, c.offsets, len(view.text))
    assert list(raw_offs) == [0, 1, 3, 4, 5, 6, 7, 8, 9, 10]

    c = clean("推動 網際網路產業")
    view = S.simplified(c.text)
    assert view.text == "推动互联网产业"
    raw_offs = S.compose(view.offsets, c.offsets, len(view.text))
    # 推 动 | 互 联 网 <- 網際網路 at raw 3..6 | 产 业 | end
    assert list(raw_offs) == [0, 1, 3, 4, 5, 7, 8, 9]
    assert isinstance(raw_offs, array) and raw_offs.typecode == "i"


# -- the script of a text ---------------------------------------------------------


def test_script_of_the_bundled_corpus_is_simplified():
    for p in sorted(SEEDS.glob("*.txt")):
        assert S.script(p.read_text("utf-8")) == "simplified", p.name


def test_script_names():
    assert S.script("未來產業的發展與現代化產業體系的建設") == "traditional"
    assert S.script("未来产业的发展与现代化产业体系的建设") == "simplified"
    assert S.script("未来产业的发展。未來產業的發展。") == "mixed"
    assert S.script("AI Agent 2026") == "none"
    assert S.script("") == "none"
    assert S.script("中国人民") == "simplified"  # nothing only one script writes


# -- forms in both scripts (stop list and user dictionaries without folding) ------


def test_variants_name_both_scripts():
    assert S.variants("未来产业") == ["未来产业", "未來產業"]
    assert S.variants("人工智能") == ["人工智能", "人工智慧"]
    assert S.variants("未來產業") == ["未來產業", "未来产业"]
    assert S.variants("AI") == ["AI"]


def test_short_and_long_texts_fold_alike():
    """A query is scanned by dictionary look-ups, a document by the phrase regex."""
    pieces = ["發展網際網路", "泡麵", "與軟體動物", "人工智慧", "大多數位於", "軟體產業，", "部落格"]
    short = [S.fold_script(p) for p in pieces]
    long_text = "。".join(pieces * 60)
    assert len(long_text) > S._SHORT
    assert S.fold_script(long_text) == "。".join(short * 60)


def test_a_simplified_query_does_not_load_opencc():
    import subprocess
    import sys

    code = ("import sys; from corpus_tui.corpus import script as S\n"
            "assert S.fold_script('未来产业与人工智能') == '未来产业与人工智能'\n"
            "print('opencc' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
