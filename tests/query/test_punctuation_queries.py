"""A query of half-width punctuation finds it in both widths, as the README promises:
`,` is `，` beside Chinese text and `,` in 1,000 (docs/RELIABILITY.md, C)."""

from __future__ import annotations

import pytest

from corpus_tui.corpus.fold import fold_variants
from reliability_support import cli_path, run, tsv_rows, write_index  # noqa: F401

pytestmark = pytest.mark.usefixtures("cli_path")

TEXT = "今年营收1,000万元,同比增长(约3%)。Apple (US), Inc. 在中国,发展(新)产业！\n"


@pytest.fixture(scope="module")
def punct(tmp_path_factory):
    root = tmp_path_factory.mktemp("punct")
    (root / "p.txt").write_text(TEXT, encoding="utf-8")
    write_index(root, ["| p | p.txt | 标点 | utf-8 |"])
    cache = tmp_path_factory.mktemp("punct-cache")
    assert run(["index"], root, cache).exit_code == 0
    return root, cache


def test_fold_variants_cover_both_ends():
    assert fold_variants(",") == [",", "，"]
    assert fold_variants("(") == ["(", "（"]
    assert fold_variants(",a,") == [",a,", "，a,", ",a，", "，a，"]
    assert fold_variants("产业,") == ["产业，"]  # its left neighbour is in the query
    assert fold_variants("未来产业") == ["未来产业"]


@pytest.mark.parametrize("term, n", [(",", 4), ("(", 3), (")", 3), ("，", 2)])
def test_punctuation_query_counts_both_widths(punct, term, n):
    root, cache = punct
    # the clean text: 1,000 and (US), keep their half-width forms, the rest are full width
    clean = "今年营收1,000万元，同比增长（约3%）。Apple (US), Inc. 在中国，发展（新）产业！"
    assert run(["show", "p"], root, cache).stdout == clean + "\n"
    half, full = {",": ",", "(": "(", ")": ")", "，": None}[term], {",": "，", "(": "（", ")": "）", "，": "，"}[term]
    assert n == (clean.count(half) if half else 0) + clean.count(full)
    result = run(["kwic", term, "--count", "--tsv"], root, cache)
    assert result.exit_code == 0, result.stderr
    assert tsv_rows(result.stdout)[0]["hits"] == str(n)
    lines = run(["kwic", term, "--tsv"], root, cache)
    rows = tsv_rows(lines.stdout)
    assert len(rows) == n and [int(r["start"]) for r in rows] == sorted(int(r["start"]) for r in rows)
    assert {r["node"] for r in rows} <= {half, full}


def test_search_finds_the_sentence_of_a_half_width_bracket(punct):
    root, cache = punct
    result = run(["search", "(", "--count", "--tsv"], root, cache)
    assert result.exit_code == 0, result.stderr
    assert tsv_rows(result.stdout)[0]["hits"] == "3"
