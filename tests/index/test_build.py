"""The build: worker processes, files split into pieces and merged as they arrive must give
the same bytes as one process, and every array must agree with a direct recomputation from
the clean text (the oracle the parallel merge is checked against)."""

from __future__ import annotations

import json
from array import array
from bisect import bisect_right
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from conftest import REPO, write_fixture
from reliability_support import write_index
from corpus_tui.index import build
from corpus_tui.index import int_arrays
from corpus_tui.corpus import normalize
from corpus_tui.index.worker import _runs, piece_bounds
from corpus_tui.index.saved import CHECKPOINT
from corpus_tui.corpus.options import CorpusOptions
from corpus_tui.index.open import open_index
from corpus_tui.tokens.sentences import sentence_ends, sentence_starts
from corpus_tui.tokens.tokenizer import TokenizerSpec, make_tokenizer, package_userdict


def _files(folder: Path) -> dict[str, bytes]:
    out = {p.name: p.read_bytes() for p in folder.iterdir() if p.name != "verified.json"}  # file stats, not content
    meta = json.loads(out.pop("meta.json"))
    for k in ("built", "build_seconds", "jobs"):
        meta.pop(k)
    out["meta.json"] = json.dumps(meta, sort_keys=True).encode()
    return out


def _build(corpus: Path, cache: Path, jobs: int) -> dict[str, bytes]:
    idx = open_index(CorpusOptions(corpus=str(corpus), cache_dir=str(cache), jobs=jobs), rebuild=True)
    try:
        return _files(idx.path)
    finally:
        idx.close()


@pytest.fixture
def split_everything(monkeypatch):
    """Every file of more than a few bytes goes to the workers in several pieces."""
    monkeypatch.setattr(build, "_MIN_PIECE", 64)
    monkeypatch.setattr(build, "_PIECES_PER_WORKER", 8)


def _edge_corpus(root: Path) -> Path:
    """Files that test the seams: an empty file, one that cannot be read, a sentence mark
    at a file's very end, no final newline, CRLF, an empty last file."""
    root.mkdir(parents=True, exist_ok=True)
    texts = {
        "a.txt": "新赛道观察。\n未来产业正在兴起！\n人工智能……\n",
        "empty.txt": "",
        "bad.txt": None,
        "b.txt": "现代化产业体系建设\r\n需要耐心资本。\r\n2026 年 4 月,5G 网络\r\n最后一句没有换行",
        "c.txt": "第一段。\n\n第二段“引语。”\n……\n" * 40 + "结尾句号。",
        "last.txt": "",
    }
    rows = []
    for name, text in texts.items():
        if text is None:
            (root / name).write_bytes(b"\x00\x01binary\x00" * 20)
        else:
            (root / name).write_text(text, encoding="utf-8", newline="")
        rows.append(f"| {name.split('.')[0]} | {name} | t |  |")
    write_index(root, rows)
    return root


@pytest.mark.parametrize("corpus", ["fixture", "seeds", "edges"])
def test_two_workers_split_files_give_the_same_bytes_as_one(corpus, tmp_path, split_everything):
    if corpus == "fixture":
        root = write_fixture(tmp_path / "c")
    elif corpus == "edges":
        root = _edge_corpus(tmp_path / "c")
    else:
        root = REPO
    one = _build(root, tmp_path / "one", jobs=1)
    two = _build(root, tmp_path / "two", jobs=2)
    assert one.keys() == two.keys()
    for name in one:
        assert one[name] == two[name], name


@pytest.mark.parametrize("jobs", [1, 2])
def test_arrays_agree_with_a_recomputation_from_the_clean_text(jobs, tmp_path, split_everything):
    root = _edge_corpus(tmp_path / "c")
    idx = open_index(CorpusOptions(corpus=str(root), cache_dir=str(tmp_path / "cache"), jobs=jobs), rebuild=True)
    try:
        text = idx.text
        assert list(idx.sentstarts) == list(sentence_starts(text))
        assert list(idx.sents) == [bisect_right(idx.sentstarts, t) - 1 for t in idx.tstarts]
        # a paragraph is a non-empty clean-text line (an empty file gives an empty one):
        # its first sentence is the one starting the line
        lines = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n" and text[i + 1:i + 2] not in ("", "\n")]
        assert list(idx.parastarts) == sorted({bisect_right(idx.sentstarts, c) - 1 for c in lines})
        data = text.encode("utf-8")
        assert list(idx.charbytes) == [len(text[:j].encode("utf-8")) for j in range(0, len(text) + 1, CHECKPOINT)]
        assert bytes(idx._text_bytes) == data
        tok = make_tokenizer(TokenizerSpec("jieba", (package_userdict(),)), tmp_path / "jieba")
        words, starts = [], []
        for d in idx.docs:
            w, s = tok.cut(text[d.char_start:d.char_end])
            words += w
            starts += [d.char_start + x for x in s]
        assert [idx.vocab[i] for i in idx.tokens] == words
        assert list(idx.tstarts) == starts
        assert [d.id for d in idx.docs] == ["a", "empty", "b", "c", "last"]  # bad.txt skipped
    finally:
        idx.close()


_TEXT = st.lists(st.sampled_from(["新", "赛道", "。", "！", "…", "……", ".", "...", "”", "）", "\n", " ", "a",
                                  "2026", "\r\n", "未来产业"]), max_size=60).map("".join)


@settings(max_examples=300, deadline=None)
@given(_TEXT, st.integers(1, 6))
def test_sentence_ends_of_pieces_cut_after_newlines_are_the_whole_texts(text, nparts):
    whole = list(sentence_ends(text))
    pieced = []
    for k in range(nparts):
        a, b = piece_bounds(text, k, nparts)
        pieced += [a + e for e in sentence_ends(text[a:b])]
    assert pieced == whole


@settings(max_examples=200, deadline=None)
@given(st.lists(_TEXT, max_size=5))
def test_sentence_ends_of_files_joined_by_newlines_are_the_joined_texts(texts):
    joined = "\n".join(texts)
    ends, pos = [], 0
    for i, t in enumerate(texts):
        ends += [pos + e for e in sentence_ends(t)]
        pos += len(t)
        if i + 1 < len(texts):
            pos += 1
            ends.append(pos)
    assert ends == list(sentence_ends(joined))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(0, 2**31 - 1), max_size=50), st.integers(-5, 2**31 - 1))
def test_lane_add_is_elementwise_add(values, k):
    a = array("i", sorted(values))
    want = [x + k for x in a]
    if any(not -(2**31) <= x < 2**31 for x in want):
        with pytest.raises(OverflowError):
            int_arrays.add(a, k)
    else:
        assert list(int_arrays.add(a, k)) == want


_RAW = st.lists(st.sampled_from(["新赛道", "。", "\n", "\r\n", "\r", " ", "  ", "\u3000", "\u200b", "---", "# 标题",
                                 ",", "(", ")", "a", "2026", "年", "\n\n", "未来产业的发展需要耐心资本和长期投入",
                                 "李四", "……", "”"]), max_size=80).map("".join)


@settings(max_examples=300, deadline=None)
@given(_RAW)
def test_offset_runs_of_the_clean_text(raw):
    offs = normalize.clean(raw).offsets[:-1]
    assert all(a < b for a, b in zip(offs, offs[1:])) and (not offs or offs[0] >= 0)  # _runs relies on it
    starts, deltas = _runs(offs)
    want_s, want_d = [], []
    for i, o in enumerate(offs):
        if not want_d or o - i != want_d[-1]:
            want_s.append(i)
            want_d.append(o - i)
    assert (list(starts), list(deltas)) == (want_s, want_d)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([0, 1, 55295, 55296, 57343, 57344, 0x10FFFF, 0x110000, 2**31 - 1]), min_size=1,
                max_size=8), st.lists(st.integers(0, 7), max_size=40))
def test_lane_gather_is_table_lookup(table, picks):
    idx = array("i", [p % len(table) for p in picks])
    assert list(int_arrays.gather(table, idx)) == [table[i] for i in idx]


def test_lane_gather_indices_in_the_surrogate_range():
    table = list(range(70000, 0, -1))
    idx = array("i", [0, 55295, 55296, 56000, 57343, 57344, 69999])
    assert list(int_arrays.gather(table, idx)) == [table[i] for i in idx]
