"""rjieba (jieba-rs) gives exactly jieba's tokens on the bundled corpus, so it may replace it.

Golden test: every file of the bundled corpus, cleaned, cut by both tokenizers with the same
user dictionary; words and start offsets must be identical, with HMM on (the default) and off.
Skipped when rjieba is not installed (it is in the test extra, so CI runs it).
"""

from __future__ import annotations

import pytest

from corpus_tui.cli import options as clikit
from corpus_tui.corpus import normalize
from corpus_tui.corpus.catalog import load_catalog, resolve_root
from corpus_tui.corpus.rawtext import read_text
from corpus_tui.tokens.tokenizer import TOKENIZERS, TokenizerSpec, make_tokenizer, package_userdict


def test_cli_choices_match_the_tokenizers():
    assert clikit.TOKENIZERS == TOKENIZERS


@pytest.fixture(scope="module")
def clean_texts():
    cat = load_catalog(resolve_root(None))
    out = {}
    for doc in cat.documents:
        raw, _ = read_text(doc.path, None, doc.id)
        out[doc.id] = normalize.clean(raw).text
    assert len(out) == 5
    return out


@pytest.mark.parametrize("hmm", [True, False])
def test_rjieba_tokens_equal_jieba_on_the_bundled_corpus(clean_texts, tmp_path, hmm):
    pytest.importorskip("rjieba")
    userdicts = (package_userdict(),)
    jieba_tok = make_tokenizer(TokenizerSpec("jieba", userdicts, hmm), tmp_path)
    rjieba_tok = make_tokenizer(TokenizerSpec("rjieba", userdicts, hmm), tmp_path)
    total = 0
    for doc_id, text in clean_texts.items():
        expected = jieba_tok.cut(text)
        got = rjieba_tok.cut(text)
        if got != expected:
            diffs = [(i, a, b) for i, (a, b) in enumerate(zip(expected[0], got[0])) if a != b][:5]
            pytest.fail(f"{doc_id}: rjieba differs from jieba (HMM {hmm}) at {diffs}")
        total += len(expected[0])
    assert total > 40_000


def test_rjieba_resplits_ascii_runs_like_jieba(tmp_path):
    pytest.importorskip("rjieba")
    spec = (package_userdict(),)
    text = "发布于2026-01-06，见www.example.com.cn，增长5-10倍，占3.5%，DM-i车型"
    jieba_cut = make_tokenizer(TokenizerSpec("jieba", spec), tmp_path).cut(text)
    assert make_tokenizer(TokenizerSpec("rjieba", spec), tmp_path).cut(text) == jieba_cut
    assert "2026" in jieba_cut[0] and "3.5%" in jieba_cut[0]


def test_tags_do_not_depend_on_the_tokenizer(clean_texts, tmp_path):
    pytest.importorskip("rjieba")
    userdicts = (package_userdict(),)
    jieba_tok = make_tokenizer(TokenizerSpec("jieba", userdicts), tmp_path)
    words = sorted({w for text in clean_texts.values() for w in jieba_tok.cut(text)[0]})
    tags = jieba_tok.tags(words)
    assert make_tokenizer(TokenizerSpec("rjieba", userdicts), tmp_path).tags(words) == tags
    tag = dict(zip(words, tags))
    assert tag["未来产业"] == "n" and tag["新赛道"] == "n"  # the user dictionary's tags win


def test_script_modes_copied_for_the_cli_match():
    from corpus_tui.cli import options as clikit
    from corpus_tui.tokens.tokenizer import SCRIPT_MODES

    assert clikit.SCRIPT_MODES == SCRIPT_MODES
