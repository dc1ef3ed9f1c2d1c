"""The tokenizer's speed paths must give jieba's own results: tokens.jieba_cut cuts exactly as
Tokenizer.cut (HMM on), on the real texts and on generated ones that mix every kind of
character jieba treats differently; the dictionary read from jieba's cache file or built
from dict.txt is the one jieba's initialize() makes."""

from __future__ import annotations

import marshal
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from corpus_tui.tokens import jieba_cut

from corpus_tui.corpus import normalize
from corpus_tui.corpus.catalog import load_catalog
from corpus_tui.tokens.tokenizer import TokenizerSpec, _import_jieba, jieba_dict_file, make_tokenizer, package_userdict

from conftest import REPO


@pytest.fixture(scope="module")
def tok(tmp_path_factory):
    t = make_tokenizer(TokenizerSpec("jieba", (package_userdict(),)), tmp_path_factory.mktemp("jieba"))
    assert t._cut is not None, "the fast cut is not in use for this jieba version"
    return t


def test_bundled_corpus_cut_as_jieba(tok):
    for doc in load_catalog(REPO).documents:
        text = normalize.clean(doc.path.read_text("utf-8")).text
        assert tok._cut(text) == list(tok._t.cut(text)), doc.id


_PIECES = [
    # dictionary words, user-dictionary terms, their prefixes and overlaps
    "人工智能", "未来产业", "新质生产力", "新赛道", "现代化产业体系", "中华人民共和国", "发展", "产业",
    "未来", "面向未来", "具身智能", "脑机接口", "第六代移动通信", "科技创新", "的", "了", "在", "和",
    # single characters: common, rare, outside jieba's Han range, astral
    "新", "赛", "道", "瞭", "䶮", "\u4e00", "\u9fd5", "\u9fd6", "\u9fff", "𠀀", "〇",
    # what jieba keeps in a block with Han (letters, digits, + # & . _ % -) and what splits it
    "a", "AI", "5G", "2026", "3.5", "10%", "C++", "R&D", "x_y", "-", ".", "www.a.cn", "2026-01-06",
    "Ａ", "１", "é", "😀",
    # whitespace jieba splits on, alone or as \r\n
    " ", "\t", "\n", "\r\n", "\r", "\u3000", "\xa0",
    # punctuation
    "。", "，", "、", "“", "”", "（", "）", "：", "…", "——", "《", "》",
]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40).map("".join))
def test_generated_text_cut_as_jieba(tok, text):
    assert tok._cut(text) == list(tok._t.cut(text))


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x9FFF), max_size=60))
def test_arbitrary_text_cut_as_jieba(tok, text):
    assert tok._cut(text) == list(tok._t.cut(text))


def test_other_jieba_versions_use_jiebas_own_cut(tmp_path, monkeypatch):
    monkeypatch.setattr(_import_jieba(), "__version__", "0.43.0")
    t = make_tokenizer(TokenizerSpec("jieba", (package_userdict(),)), tmp_path)
    assert t._cut is None
    assert t.cut("发展未来产业")[0] == ["发展", "未来产业"]
    assert jieba_cut.SOURCE_VERSION == "0.42.1"


def test_dictionary_from_the_cache_file_is_jiebas(tok, tmp_path):
    jieba = _import_jieba()
    ref = jieba.Tokenizer()
    ref.tmp_dir, ref.cache_file = tok._t.tmp_dir, tok._t.cache_file
    ref.initialize()
    fresh = make_tokenizer(TokenizerSpec("jieba", ()), Path(tok._t.tmp_dir))
    assert fresh._t.initialized and fresh._t.total == ref.total and fresh._t.FREQ == ref.FREQ


def test_dictionary_without_a_cache_is_jiebas_and_cached_for_jieba(tmp_path):
    jieba = _import_jieba()
    t = make_tokenizer(TokenizerSpec("jieba", ()), tmp_path)  # no cache yet: built from dict.txt
    with open(jieba_dict_file(), "rb") as fh:
        assert (t._t.FREQ, t._t.total) == jieba.Tokenizer.gen_pfdict(fh)
    ref = jieba.Tokenizer()
    ref.tmp_dir, ref.cache_file = str(tmp_path), "jieba.dict.cache"
    ref.initialize()  # jieba itself reads the cache written for it
    assert (ref.FREQ, ref.total) == (t._t.FREQ, t._t.total)


def test_unreadable_dictionary_cache_is_rebuilt(tmp_path):
    (tmp_path / "jieba.dict.cache").write_bytes(b"not marshal data")
    t = make_tokenizer(TokenizerSpec("jieba", ()), tmp_path)
    assert t.cut("发展未来产业")[0] == ["发展", "未来", "产业"]
    assert marshal.loads((tmp_path / "jieba.dict.cache").read_bytes()) == (t._t.FREQ, t._t.total)


@pytest.mark.parametrize("text,plain", [
    ("未来产业 3 n\n未来 10 t\n未 5 d\n未来产业 7 n\n", True),  # a repeated word: the last line wins
    ("新赛道 3 n x\n赛 2\n", False),  # 3 + 1 spaces: jieba reads (新赛道, 3), (赛, 2)
    ("新赛道  3 n\n", False),
    ("新赛道 3 n\r\n", False),
])
def test_dictionary_built_as_gen_pfdict_or_left_to_jieba(tmp_path, monkeypatch, text, plain):
    from corpus_tui.tokens import jieba_dict
    path = tmp_path / "dict.txt"
    path.write_text(text, encoding="utf-8")
    monkeypatch.setattr(jieba_dict, "jieba_dict_file", lambda: path)
    built = jieba_dict._build()
    if plain:
        with open(path, "rb") as fh:
            assert built == _import_jieba().Tokenizer.gen_pfdict(fh)
    else:
        assert built is None


_HMM_PIECES = ["新", "赛", "道", "未", "来", "产", "业", "的", "了", "瞭", "䶮", "\u4e00", "\u9fd5", "𠀀",
               "a", "B", "3", "3.5", "10%", "é", " ", "。", "-", "王五", "张三丰"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_HMM_PIECES), min_size=1, max_size=30).map("".join))
def test_hmm_cut_as_finalseg(monkeypatch_force, text):
    finalseg = _import_jieba().finalseg
    assert jieba_cut._make_hmm_cut(finalseg)(text) == list(finalseg.cut(text))


@pytest.fixture(scope="module")
def monkeypatch_force():
    """A word added with frequency 0 is cut per character by the HMM too."""
    finalseg = _import_jieba().finalseg
    saved = set(finalseg.Force_Split_Words)
    finalseg.Force_Split_Words.update({"王五", "未来"})
    yield
    finalseg.Force_Split_Words.clear()
    finalseg.Force_Split_Words.update(saved)
