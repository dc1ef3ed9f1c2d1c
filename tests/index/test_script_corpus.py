"""Both Chinese scripts in one corpus (issue 16, point 3): a Traditional file is indexed
through its Simplified view, every hit still names its place in the raw Traditional text,
queries fold scripts by default and `--script exact` turns that off.

Expected counts come from the normaliser's clean text of each file, counted with
str.count for each written form: independent of the script view they check."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from clipaths import PATHS
from corpus_tui.corpus.normalize import clean
from corpus_tui.corpus.options import CorpusOptions
from corpus_tui.index.open import open_index
from corpus_tui.query.search import find, kwic
from corpus_tui.stats.frequency import TermFilter, forms_seen, frequencies
from corpus_tui.tokens.stoplist import load_stopwords

INDEX = """\
# Corpus index: both scripts

## Files

| id | file | title | date |
|---|---|---|---|
| tw | tw.txt | 臺灣的未來產業 | 2025-03 |
| cn | cn.txt | 大陆的未来产业 | 2026-01 |
"""
# Phrases that change length (網際網路 -> 互联网, 泡麵 -> 方便面, 部落格 -> 博客) stand before
# the terms on the same line, so a wrong map would shift their columns.
TW = ("推動未來產業與人工智慧發展，建設網際網路與數位經濟。\n"
      "泡麵、部落格與未來產業：人工智慧帶動軟體產業。\n"
      "核心技術與資料來源不變，這是人工智慧的未來產業。\n")
CN = "推动未来产业和人工智能发展，这是互联网。\n人工智能与未来产业。\n"
FILES = {"tw.txt": TW, "cn.txt": CN}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("scripts")
    (root / "INDEX.md").write_text(INDEX, encoding="utf-8")
    for name, text in FILES.items():
        (root / name).write_text(text, encoding="utf-8")
    return root


def opened(corpus, script="fold"):
    return open_index(CorpusOptions(corpus=str(corpus), script=script))


def count(*forms) -> int:
    """Occurrences of any of ``forms`` in the files' clean text (no script view)."""
    return sum(clean(text).text.count(f) for text in FILES.values() for f in forms)


def raw_at(corpus, file, line, col, n) -> str:
    return (corpus / file).read_text("utf-8").split("\n")[line - 1][col - 1:col - 1 + n]


def run(corpus, *args, path="fast"):
    result = CliRunner().invoke(PATHS[path], [*args, "--corpus", str(corpus)], prog_name="corpus")
    assert result.exit_code in (0, 1), result.output
    return result


# -- folded (the default) ------------------------------------------------------------


@pytest.mark.parametrize("term, forms", [
    ("未来产业", ("未來產業", "未来产业")),
    ("未來產業", ("未來產業", "未来产业")),
    ("人工智能", ("人工智慧", "人工智能")),  # the Taiwan phrase variant
    ("人工智慧", ("人工智慧", "人工智能")),
    ("互联网", ("網際網路", "互联网")),  # 4 characters in the raw text, 3 in the view
])
def test_a_query_finds_both_scripts(corpus, term, forms):
    idx = opened(corpus)
    hits = list(find(idx, term))
    assert len(hits) == count(*forms)
    for s, _ in hits:  # every location points at one of the forms in the raw file
        doc, line, col = idx.location(s)
        assert any(raw_at(corpus, doc.file, line, col, len(f)) == f for f in forms)


def test_locations_after_phrases_that_change_length(corpus):
    idx = opened(corpus)
    where = [(h.hit.doc, h.hit.line, h.hit.column) for h in kwic(idx, "未来产业")]
    assert where == [("tw", 1, 3), ("tw", 2, 8), ("tw", 3, 20), ("cn", 1, 3), ("cn", 2, 6)]
    where = [(h.hit.doc, h.hit.line, h.hit.column) for h in kwic(idx, "人工智能")]
    assert where == [("tw", 1, 8), ("tw", 2, 13), ("tw", 3, 15), ("cn", 1, 8), ("cn", 2, 1)]
    (hit,) = kwic(idx, "方便面")  # grew from 泡麵
    assert (hit.hit.doc, hit.hit.line, hit.hit.column) == ("tw", 2, 1)
    (hit,) = kwic(idx, "软件产业")
    assert (hit.hit.doc, hit.hit.line, hit.hit.column) == ("tw", 2, 19)
    assert raw_at(corpus, "tw.txt", 2, 19, 4) == "軟體產業"


def test_freq_merges_the_forms_into_one_row(corpus):
    idx = opened(corpus)
    res = frequencies(idx, filt=TermFilter(stopwords=load_stopwords()))
    rows = {r.term: r.freq for r in res.rows}
    assert rows["未来产业"] == count("未來產業", "未来产业") == 5
    assert rows["人工智能"] == count("人工智慧", "人工智能") == 5
    assert "未來產業" not in rows and "人工智慧" not in rows
    forms = forms_seen(idx)
    assert forms["未来产业"] == "未來產業 3, 未来产业 2"
    assert forms["人工智能"] == "人工智慧 3, 人工智能 2"
    assert forms["互联网"] == "互联网 1, 網際網路 1"
    # the stop list applies to both: 與 and 这/這 fold to stop words
    assert not {"与", "與", "这", "這", "和"} & set(rows)


@pytest.mark.parametrize("path", ["fast", "click"])
def test_freq_and_list_on_the_command_line(corpus, path):
    rows = json.loads(run(corpus, "freq", "--json", "--top", "50", path=path).stdout)
    by_term = {r["term"]: r for r in rows}
    assert by_term["未来产业"]["freq"] == 5 and by_term["未来产业"]["forms"] == "未來產業 3, 未来产业 2"
    listing = json.loads(run(corpus, "list", "--json", path=path).stdout)
    assert [(r["id"], r["script"]) for r in listing] == [("tw", "traditional"), ("cn", "simplified")]


def test_the_bundled_corpus_has_no_forms_column(cache_dir):
    result = CliRunner().invoke(PATHS["fast"], ["freq", "--json", "--top", "3", "--cache-dir", cache_dir],
                                prog_name="corpus")
    assert "forms" not in json.loads(result.stdout)[0]


@pytest.mark.parametrize("args", [
    ("cooc", "{}", "--min-freq", "1", "--json"),
    ("trend", "{}", "--json"),
    ("search", "{}", "--json"),
])
def test_cooc_trend_and_search_fold_alike(corpus, args):
    trad = run(corpus, *[a.format("未來產業") for a in args]).stdout
    simp = run(corpus, *[a.format("未来产业") for a in args]).stdout
    assert json.loads(trad) and trad.replace("未來產業", "未来产业") == simp  # trend names the term as asked


def test_diff_of_two_terms_folds_both(corpus):
    trad = run(corpus, "diff", "--terms", "未來產業", "人工智慧", "--min-freq", "1", "--json").stdout
    simp = run(corpus, "diff", "--terms", "未来产业", "人工智能", "--min-freq", "1", "--json").stdout
    assert trad == simp


def test_a_file_that_starts_with_a_growing_phrase(tmp_path):
    """泡麵 -> 方便面 at offset 0: view characters 1 and 2 share raw offset 1."""
    (tmp_path / "INDEX.md").write_text("## Files\n\n| id | file |\n|---|---|\n| g | g.txt |\n", encoding="utf-8")
    (tmp_path / "g.txt").write_text("泡麵與字串\n未來產業\n", encoding="utf-8")
    idx = opened(tmp_path)
    assert [idx.location(s)[1:] for s, _ in find(idx, "方便面")] == [(1, 1)]
    assert [idx.location(s)[1:] for s, _ in find(idx, "字符串")] == [(1, 4)]
    assert [idx.location(s)[1:] for s, _ in find(idx, "未来产业")] == [(2, 1)]
    assert [idx.location(s)[1:] for s, _ in find(idx, "与")] == [(1, 3)]


def test_show_raw_keeps_the_traditional_text(corpus):
    assert run(corpus, "show", "tw", "--raw").stdout == TW
    assert run(corpus, "show", "tw").stdout.splitlines()[1] == "方便面、博客与未来产业：人工智能带动软件产业。"


# -- exact ----------------------------------------------------------------------------


def test_exact_keeps_each_script(corpus):
    idx = opened(corpus, "exact")
    assert not idx.folds_script
    assert len(list(find(idx, "人工智能"))) == count("人工智能") == 2
    assert len(list(find(idx, "人工智慧"))) == count("人工智慧") == 3
    assert len(list(find(idx, "未来产业"))) == 2
    assert [(h.hit.doc, h.hit.line, h.hit.column) for h in kwic(idx, "未來產業")] == [("tw", 1, 3), ("tw", 2, 8), ("tw", 3, 20)]
    assert forms_seen(idx) is None


def test_exact_applies_the_user_dictionary_and_stop_list_to_both_scripts(corpus):
    idx = opened(corpus, "exact")
    res = frequencies(idx, filt=TermFilter(stopwords=load_stopwords()))
    rows = {r.term: r.freq for r in res.rows}
    # 未来产业 is in the shipped user dictionary: its Traditional form is one word too
    assert rows["未來產業"] == count("未來產業") == 3
    assert rows["未来产业"] == count("未来产业") == 2
    assert not {"与", "與", "这", "這", "和"} & set(rows)


def test_script_option_on_the_command_line(corpus):
    exact = json.loads(run(corpus, "kwic", "人工智能", "--script", "exact", "--json").stdout)
    folded = json.loads(run(corpus, "kwic", "人工智能", "--json").stdout)
    assert len(exact) == 2 and len(folded) == 5
    assert json.loads(run(corpus, "list", "--json", "--script", "exact").stdout)[0]["script"] == "traditional"


def test_token_patterns_fold_their_words(corpus):
    trad = run(corpus, "kwic", "--cql", '[word="未來產業"]', "--json").stdout
    simp = run(corpus, "kwic", "--cql", '[word="未来产业"]', "--json").stdout
    assert len(json.loads(simp)) == count("未來產業", "未来产业")
    assert trad.replace("未來產業", "未来产业") == simp  # the term column names the pattern as given
