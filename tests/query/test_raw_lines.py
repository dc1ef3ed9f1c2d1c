"""Every view counts raw lines as kwic's locations do: on "\\n" only. A form feed (pdftotext's
page break) or a lone CR inside a line does not start a line in `show --raw --line`, in the
Read tab's raw view or its highlight."""

from __future__ import annotations

import pytest

from corpus_tui.corpus.normalize import raw_lines
from corpus_tui.corpus.options import CorpusOptions
from corpus_tui.index.open import open_index
from corpus_tui.query.reading import read_text_of
from corpus_tui.query.search import kwic
from corpus_tui.tui import readmodel

INDEX = "| id | file | title |\n|---|---|---|\n| ff | ff.txt | 分页 |\n"
RAW = "第一页结束。\f第二页开始，发展新赛道。\n旧式换行\r之后的未来产业。\r\n最后一行：未来产业与新赛道。\n"


@pytest.fixture(scope="module")
def idx(tmp_path_factory):
    root = tmp_path_factory.mktemp("ff")
    (root / "INDEX.md").write_text(INDEX, encoding="utf-8")
    (root / "ff.txt").write_bytes(RAW.encode("utf-8"))
    return open_index(CorpusOptions(corpus=str(root), cache_dir=str(root.parent / "cache")))


def test_raw_lines_split_on_newline_only():
    assert raw_lines(RAW) == ["第一页结束。\f第二页开始，发展新赛道。", "旧式换行\r之后的未来产业。", "最后一行：未来产业与新赛道。"]
    assert "".join(raw_lines(RAW, keepends=True)) == RAW
    assert raw_lines("") == [] and raw_lines("a") == ["a"] and raw_lines("a\n\n") == ["a", ""]


def test_kwic_show_raw_and_the_read_view_name_the_same_line(idx):
    hits = [(c.hit.line, c.hit.column, c.node) for t in ("新赛道", "未来产业") for c in kwic(idx, t, limit=None)]
    assert sorted(hits) == [(1, 16, "新赛道"), (2, 9, "未来产业"), (3, 6, "未来产业"), (3, 11, "新赛道")]
    assert read_text_of(idx, "ff", raw=True, from_line=2) == "旧式换行\r之后的未来产业。\r\n最后一行：未来产业与新赛道。\n"
    rows = readmodel.raw_rows(idx, "ff", *readmodel.spans_of(idx, "ff")[:2])
    by_number = {r.line: r.text for r in rows}
    for line, column, node in hits:
        assert by_number[line][column - 1:column - 1 + len(node)] == node
