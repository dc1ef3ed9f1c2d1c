"""Tests for the curated jieba user dictionary and the stop list in src/corpus_tui/data.

Every test uses a PRIVATE jieba.Tokenizer with its own cache dir (never the global
jieba.cut, never the shared temp dir).
"""
from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest

jieba = pytest.importorskip("jieba")

ROOT = Path(__file__).parents[2]
DATA = ROOT / "src/corpus_tui/data"
USERDICT = DATA / "userdict.txt"
STOPWORDS = DATA / "stopwords.txt"
SEEDS = ROOT / "seeds"

LINE_RE = re.compile(r"^(\S+) ([0-9]+) ([a-z]+)$")
SENTENCE_END = re.compile(r"(?<=[。！？；!?;])")

MUST_HAVE = [
    "新赛道", "未来产业", "新质生产力", "现代化产业体系", "脑机接口", "具身智能",
    "第六代移动通信", "量子科技", "生物制造", "耐心资本", "低空经济",
]
CONTENT_WORDS = [
    "发展", "产业", "应用", "加强", "不", "坚持", "实现", "形成", "重要",
    "年", "月", "推动", "建设", "创新",
]


def normalise(text: str) -> str:
    """Drop `---` page-marker lines, join lines, remove all whitespace."""
    kept = [ln for ln in text.splitlines() if ln.strip() != "---"]
    return re.sub(r"\s+", "", "".join(kept))


def read_entries() -> list[tuple[str, int, str]]:
    out = []
    for ln in USERDICT.read_text(encoding="utf-8").splitlines():
        m = LINE_RE.match(ln)
        assert m, f"bad userdict line: {ln!r}"
        out.append((m.group(1), int(m.group(2)), m.group(3)))
    return out


def read_stopwords() -> set[str]:
    words = set()
    for ln in STOPWORDS.read_text(encoding="utf-8").splitlines():
        w = ln.strip()
        if not w or w.startswith("#"):
            continue
        words.add(w)
    return words


@pytest.fixture(scope="module")
def seeds_text() -> dict[str, str]:
    files = sorted(SEEDS.glob("*.txt"))
    assert len(files) == 5
    return {p.name: normalise(p.read_text(encoding="utf-8")) for p in files}


@pytest.fixture(scope="module")
def sentences(seeds_text) -> list[str]:
    out = []
    for txt in seeds_text.values():
        out.extend(s for s in SENTENCE_END.split(txt) if s)
    return out


@pytest.fixture(scope="module")
def tok(tmp_path_factory):
    logging.getLogger("jieba").setLevel(logging.WARNING)
    cache_dir = tmp_path_factory.mktemp("jieba-cache")
    t = jieba.Tokenizer()
    t.tmp_dir = str(cache_dir)
    t.cache_file = "corpus_tui.test.jieba.cache"
    t.load_userdict(str(USERDICT))
    return t


# ---------------------------------------------------------------- (d) format
def test_userdict_format_and_size():
    raw = USERDICT.read_text(encoding="utf-8")
    assert not raw.startswith("\ufeff")
    lines = raw.splitlines()
    assert all(ln.strip() for ln in lines), "no blank lines"
    assert not any(ln.lstrip().startswith("#") for ln in lines), "jieba has no comments"
    entries = read_entries()
    words = [w for w, _, _ in entries]
    assert len(entries) >= 70
    assert len(words) == len(set(words)), "duplicate entries"
    for w, f, tag in entries:
        assert f >= 1 and tag
        # jieba's own parser must read the same three fields
        jw, jf, jt = jieba.re_userdict.match(f"{w} {f} {tag}").groups()
        assert (jw, int(jf.strip()), jt.strip()) == (w, f, tag)
    for w in MUST_HAVE:
        assert w in words, w


def test_every_entry_occurs_in_normalised_seeds(seeds_text):
    joined = "".join(seeds_text.values())
    missing = [w for w, _, _ in read_entries() if w not in joined]
    assert not missing, f"not in the seeds: {missing}"


def test_tags_loaded(tok):
    for w, f, tag in read_entries():
        assert tok.FREQ[w] == f
        assert tok.user_word_tag_tab[w] == tag


# ------------------------------------------- (a) whole in a real seed context
def test_every_entry_whole_in_some_real_sentence(tok, sentences):
    cache: dict[str, list[str]] = {}
    failures = []
    for w, _, _ in read_entries():
        ctx = [s for s in sentences if w in s]
        if not ctx:
            continue  # covered by test_every_entry_occurs_in_normalised_seeds
        ok = False
        for s in ctx:
            if s not in cache:
                cache[s] = tok.lcut(s, HMM=True)
            if w in cache[s]:
                ok = True
                break
        if not ok:
            failures.append((w, ctx[0][:60], "/".join(cache[ctx[0]])[:120]))
    assert not failures, failures


def test_core_terms_whole_in_most_contexts(tok, seeds_text):
    """未来产业 etc. must be whole almost everywhere, not just once."""
    for w in MUST_HAVE:
        total = whole = 0
        for txt in seeds_text.values():
            toks = tok.lcut(txt, HMM=True)
            total += txt.count(w)
            whole += toks.count(w)
        assert total > 0
        assert whole / total >= 0.95, (w, whole, total)


# ------------------------------------------------------- (b) chosen contexts
@pytest.mark.parametrize(
    "text, expected",
    [
        ("面向未来产业发展", ["面向", "未来产业", "发展"]),
        ("未来产业园区", ["未来产业", "园区"]),
        # 链 is a bound morpheme; 未来产业链 is 未来 + 产业链 like 传统产业链
        ("未来产业链", ["未来", "产业链"]),
        ("推动未来产业创新发展", ["推动", "未来产业", "创新", "发展"]),
    ],
)
def test_specific_contexts(tok, text, expected):
    assert tok.lcut(text, HMM=True) == expected


@pytest.mark.parametrize(
    "snippet, must, must_not",
    [
        # 001: 探索设立面向未来产业发展的研究基…
        ("探索设立面向未来产业发展的研究基", ["面向", "未来产业", "发展"], ["面向未来"]),
        # 002: 所有省级未来产业园区
        ("所有省级未来产业园区", ["未来产业", "园区"], ["产业园", "产业园区"]),
        # 003: 全链条未来产业链生态 (the only 未来产业链 in the seeds)
        ("全链条未来产业链生态", ["全链条", "未来", "产业链", "生态"], ["未来产业", "链"]),
        # 001/004: 强化企业科技创新主体地位
        ("强化企业科技创新主体地位", ["科技创新", "主体"], ["创新主体"]),
        # 004: 统筹好培育新动能和更新旧动能的关系
        ("培育新动能和更新旧动能的关系", ["新动能", "更新", "旧动能"], ["新旧动能"]),
        # 001: 率先实现人类核聚变能源梦想
        ("率先实现人类核聚变能源梦想", ["核聚变", "能源"], ["核聚变能"]),
        # 001: 氢能和核聚变能等
        ("氢能和核聚变能等", ["氢能", "核聚变能"], []),
        # 001: 打通全链条创新链路
        ("打通全链条创新链路", ["全链条", "创新", "链路"], ["创新链"]),
        # 001: 关键在以科技创新驱动产业创新发展
        ("以科技创新驱动产业创新发展", ["科技创新", "驱动", "产业创新"], ["创新驱动"]),
        # 001: 坚定不移实施创新驱动发展战略
        ("坚定不移实施创新驱动发展战略", ["创新驱动"], []),
        # 000: 新能源汽车这条新赛道上
        ("新能源汽车这条新赛道上", ["新能源汽车", "新赛道"], []),
    ],
)
def test_real_contexts(tok, seeds_text, snippet, must, must_not):
    assert any(snippet in t for t in seeds_text.values()), "snippet is from the seeds"
    toks = tok.lcut(snippet, HMM=True)
    for w in must:
        assert w in toks, (w, toks)
    for w in must_not:
        assert w not in toks, (w, toks)


# ------------------------------------------------------------- (c) stop list
def test_stopwords_parse():
    stop = read_stopwords()
    for w in ["的", "，", ",", "。", ".", "、", "；", ";", "（", "(", "“", "\""]:
        assert w in stop, w
    for w in CONTENT_WORDS:
        assert w not in stop, w


def test_stopwords_file_shape():
    lines = STOPWORDS.read_text(encoding="utf-8").splitlines()
    entries = [ln for ln in lines if ln.strip() and not ln.startswith("#")]
    assert all(ln == ln.strip() for ln in entries), "no padding around entries"
    assert len(entries) == len(set(entries)), "duplicate stop words"


def test_stopwords_keep_dictionary_terms():
    stop = read_stopwords()
    assert not stop & {w for w, _, _ in read_entries()}
