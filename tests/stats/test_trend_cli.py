"""`corpus trend`, `corpus first`, --since/--until and `freq --by month` on a dated corpus.

The corpus below dates its documents differently from their files: fb is dated 2026 (year
only) but its article fb-1 is 2026-01-05; fc is undated but fc-1 is 2026-03; fd is written
2025年12月; fe's cell is no date at all (a warning; read as undated). Expected counts are
computed here from the raw lines with str.count, independently of the index; token counts
from `corpus list` (every token) less the 。 tokens (the only punctuation in the texts);
intervals with scipy.
"""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner
from scipy.stats import binomtest

from clipaths import PATHS

INDEX = """\
# Corpus index: dated fixture

## Files

| id | file | title | outlet | date | authors | group | notes |
|---|---|---|---|---|---|---|---|
| fa | a.txt | 甲 | 甲报 | 2025-11-20 |  | 新赛道 |  |
| fb | b.txt | 乙 | 乙刊 | 2026 |  | 未来产业 |  |
| fc | c.txt | 丙 |  |  |  | 未来产业 |  |
| fd | d.txt | 丁 | 甲报 | 2025年12月 |  | 新赛道 |  |
| fe | e.txt | 戊 |  | 明年 |  |  |  |
| fg | g.txt | 己 | 乙刊 | 2026-01-05 |  | 新赛道 |  |

## Articles

| id | file | lines | title | authors | outlet | date |
|---|---|---|---|---|---|---|
| fb-1 | fb | 2-3 | 开局 |  |  | 2026-01-05 |
| fb-2 | fb | 4-5 | 壮大 |  |  |  |
| fc-1 | fc | 1-2 | 三月 |  |  | 2026-03 |
| fc-2 | fc | 3-4 | 无日期 |  |  |  |
"""
TEXTS = {
    "a.txt": "新赛道与未来产业。\n新赛道再现。\n",
    "b.txt": "封面新赛道。\n新赛道开局。\n未来产业起步。\n未来产业壮大。\n新赛道与未来产业。\n",
    "c.txt": "未来产业在三月。\n新赛道在三月。\n未来产业无日期。\n新赛道无日期新赛道。\n",
    "d.txt": "新赛道在十二月。\n",
    "e.txt": "未来产业无日期。\n",
    "g.txt": "新赛道开局。\n",
}
# document id -> (file, raw lines 1-based inclusive, date as the period rows see it)
DOCUMENTS = {
    "fa": ("a.txt", (1, 2), "2025-11-20"),
    "fb:outside": ("b.txt", (1, 1), "2026"),
    "fb-1": ("b.txt", (2, 3), "2026-01-05"),
    "fb-2": ("b.txt", (4, 5), "2026"),
    "fc-1": ("c.txt", (1, 2), "2026-03"),
    "fc-2": ("c.txt", (3, 4), ""),
    "fd": ("d.txt", (1, 1), "2025-12"),
    "fe": ("e.txt", (1, 1), ""),
    "fg": ("g.txt", (1, 1), "2026-01-05"),
}
MONTH_ROWS = ["2025-11", "2025-12", "2026", "2026-01", "2026-02", "2026-03", "undated"]


def _text(doc):
    file, (a, b), _ = DOCUMENTS[doc]
    return "".join(TEXTS[file].splitlines(keepends=True)[a - 1:b])


def _period(date: str, by: str) -> str:
    """The test's own period rule, on the spelling: the part a period needs, or the year alone."""
    if not date:
        return "undated"
    if by == "year" or len(date) == 4:
        return date[:4]
    if by == "month":
        return date[:7]
    return f"{date[:4]}-Q{(int(date[5:7]) - 1) // 3 + 1}"


@pytest.fixture(scope="module")
def root(tmp_path_factory):
    root = tmp_path_factory.mktemp("dated")
    (root / "INDEX.md").write_text(INDEX, encoding="utf-8")
    for name, text in TEXTS.items():
        (root / name).write_text(text, encoding="utf-8")
    return root


@pytest.fixture(params=sorted(PATHS))
def run(request, root):
    cache = root.parent / "cache-dated"
    command = PATHS[request.param]

    def invoke(*args):
        return CliRunner().invoke(command, [*args, "--corpus", str(root), "--cache-dir", str(cache)],
                                  prog_name="corpus")

    return invoke


def _rows(result):
    assert result.exit_code in (0, 1), result.output
    return list(csv.DictReader(io.StringIO(result.stdout), delimiter="\t"))


@pytest.fixture(scope="module")
def word_tokens(root):
    """Word tokens per document: `corpus list` counts every token; 。 is the only punctuation."""
    res = CliRunner().invoke(PATHS[sorted(PATHS)[0]], ["list", "--tsv", "--corpus", str(root), "--cache-dir",
                                                      str(root.parent / "cache-dated")], prog_name="corpus")
    listed = {r["id"]: int(r["tokens"]) for r in csv.DictReader(io.StringIO(res.stdout), delimiter="\t")}
    out = {doc: listed[doc] - _text(doc).count("。") for doc in DOCUMENTS if doc in listed}
    fb_articles = listed["fb-1"] + listed["fb-2"]
    out["fb:outside"] = listed["fb"] - fb_articles - _text("fb:outside").count("。")
    return out


def _expected(terms, by, word_tokens):
    out = {}
    for doc, (_, _, date) in DOCUMENTS.items():
        period = _period(date, by)
        for term in terms:
            row = out.setdefault((period, term), {"freq": 0, "tokens": 0, "docs": 0, "docs_total": 0})
            hits = _text(doc).count(term)
            row["freq"] += hits
            row["tokens"] += word_tokens[doc]
            row["docs"] += hits > 0
            row["docs_total"] += 1
    return out


def test_trend_by_month_counts_every_period_against_raw_text(run, word_tokens):
    terms = ["新赛道", "未来产业"]
    res = run("trend", *terms, "--by", "month", "--tsv")
    assert res.exit_code == 0, res.output
    rows = _rows(res)
    assert [r["period"] for r in rows[::2]] == MONTH_ROWS
    assert list(rows[0]) == ["period", "term", "freq", "tokens", "per_10k", "ci_low", "ci_high", "docs", "docs_total"]
    expected = _expected(terms, "month", word_tokens)
    for r in rows:
        if r["period"] == "2026-02":  # between the first and the last date, nothing dated
            assert (r["freq"], r["tokens"], r["per_10k"], r["ci_low"], r["ci_high"], r["docs_total"]) == \
                ("0", "0", "0", "", "", "0")
            continue
        e = expected[(r["period"], r["term"])]
        assert (int(r["freq"]), int(r["tokens"]), int(r["docs"]), int(r["docs_total"])) == \
            (e["freq"], e["tokens"], e["docs"], e["docs_total"]), r
        k, n = e["freq"], e["tokens"]
        ci = binomtest(k, n).proportion_ci(confidence_level=0.95, method="wilson")
        assert float(r["per_10k"]) == pytest.approx(k / n * 1e4, rel=1e-7, abs=1e-4)
        assert float(r["ci_low"]) == pytest.approx(ci.low * 1e4, rel=1e-7, abs=1e-4)
        assert float(r["ci_high"]) == pytest.approx(ci.high * 1e4, rel=1e-7, abs=1e-4)


def test_trend_exact_rows_of_the_article_dated_apart_from_its_file(run):
    rows = {(r["period"], r["term"]): r for r in _rows(run("trend", "新赛道", "--by", "month", "--tsv"))}
    # fb-1 (2026-01-05, its file says 2026) and fg share 2026-01; fb's other text stays in 2026.
    assert (rows[("2026-01", "新赛道")]["freq"], rows[("2026-01", "新赛道")]["docs_total"]) == ("2", "2")
    assert (rows[("2026", "新赛道")]["freq"], rows[("2026", "新赛道")]["docs"]) == ("2", "2")
    # fc is undated but fc-1 is 2026-03; fc-2 and fe (no date, a bad date) are the undated row.
    assert (rows[("2026-03", "新赛道")]["freq"], rows[("undated", "新赛道")]["freq"]) == ("1", "2")
    assert rows[("undated", "新赛道")]["docs_total"] == "2"


def test_trend_by_year_and_quarter_periods(run):
    assert [r["period"] for r in _rows(run("trend", "新赛道", "--tsv"))] == ["2025", "2026", "undated"]
    quarters = [r["period"] for r in _rows(run("trend", "新赛道", "--by", "quarter", "--tsv"))]
    assert quarters == ["2025-Q4", "2026", "2026-Q1", "undated"]


def test_trend_notes_name_the_formula_and_the_coarse_rows(run):
    res = run("trend", "新赛道", "--by", "month")
    assert res.exit_code == 0
    out = res.stdout
    assert "95 % Wilson score interval (z = 1.959964)" in out
    assert "per_10k = freq / tokens × 10 000" in out
    assert "2026: documents dated only to the year, counted under the year's own row (not under a month)" in out
    assert "(2 undated: last row)" in out
    assert "fe: not a date: '明年'" in res.stderr and "read as undated" in res.stderr


def test_trend_per_million(run, word_tokens):
    rows = _rows(run("trend", "未来产业", "--per", "million", "--tsv"))
    assert "per_million" in rows[0] and "per_10k" not in rows[0]
    e = _expected(["未来产业"], "year", word_tokens)[("2025", "未来产业")]
    r = rows[0]
    assert r["period"] == "2025"
    assert float(r["per_million"]) == pytest.approx(e["freq"] / e["tokens"] * 1e6, rel=1e-7, abs=1e-4)
    ci = binomtest(e["freq"], e["tokens"]).proportion_ci(method="wilson")
    assert float(r["ci_high"]) == pytest.approx(ci.high * 1e6, rel=1e-7, abs=1e-4)


def test_trend_share(run):
    rows = _rows(run("trend", "新赛道", "未来产业", "--share", "--tsv"))
    assert list(rows[0]) == ["period", "term", "freq", "total", "share", "ci_low", "ci_high", "docs", "docs_total"]
    got = {(r["period"], r["term"]): (int(r["freq"]), int(r["total"]), float(r["share"])) for r in rows}
    # 2025: fa 新赛道 2 未来产业 1, fd 新赛道 1 -> 3 of 4; 2026: 新赛道 1+1+1+1+1 = 5, 未来产业 1+2+1 = 4.
    assert got[("2025", "新赛道")] == (3, 4, 0.75)
    assert got[("2026", "未来产业")] == (4, 9, pytest.approx(0.4444, rel=1e-7, abs=1e-4))
    ci = binomtest(3, 4).proportion_ci(method="wilson")
    r = rows[0]
    assert (float(r["ci_low"]), float(r["ci_high"])) == (pytest.approx(ci.low, rel=1e-7, abs=1e-4), pytest.approx(ci.high, rel=1e-7, abs=1e-4))


def test_trend_selection_and_date_range(run):
    rows = _rows(run("trend", "新赛道", "--by", "month", "--since", "2026-01", "--tsv"))
    assert [r["period"] for r in rows] == ["2026", "2026-01", "2026-02", "2026-03"]
    rows = _rows(run("trend", "新赛道", "--group", "新赛道", "--tsv"))
    assert [(r["period"], r["freq"], r["docs_total"]) for r in rows] == [("2025", "3", "2"), ("2026", "1", "1")]
    rows = _rows(run("trend", "新赛道", "--word", "--until", "2025", "--tsv"))
    assert [(r["period"], r["freq"]) for r in rows] == [("2025", "3")]


def test_first(run):
    res = run("first", "新赛道", "未来产业", "开局", "--tsv")
    assert res.exit_code == 0, res.output
    rows = {r["term"]: r for r in _rows(res)}
    assert list(rows["新赛道"]) == ["term", "first_date", "first_doc", "first_location", "first_context",
                                   "last_date", "last_doc", "last_location", "periods", "docs"]
    r = rows["新赛道"]
    assert (r["first_date"], r["first_doc"], r["first_location"]) == ("2025-11-20", "fa", "a.txt:1:1")
    assert (r["last_date"], r["last_doc"], r["last_location"]) == ("2026-03", "fc-1", "c.txt:2:1")
    assert (r["periods"], r["docs"]) == ("2", str(sum("新赛道" in _text(d) for d in DOCUMENTS))) == ("2", "8")
    assert "新赛道与未来产业" in r["first_context"]
    r = rows["未来产业"]
    assert (r["first_doc"], r["first_location"], r["last_doc"], r["last_location"]) == \
        ("fa", "a.txt:1:5", "fc-1", "c.txt:1:1")
    assert (r["periods"], r["docs"]) == ("2", str(sum("未来产业" in _text(d) for d in DOCUMENTS))) == ("2", "6")
    # fb-1 and fg are both 2026-01-05: document order decides (fb is listed before fg).
    r = rows["开局"]
    assert (r["first_doc"], r["first_location"], r["last_doc"], r["last_location"]) == \
        ("fb-1", "b.txt:2:4", "fg", "g.txt:1:4")


def test_first_of_a_term_only_undated_and_json(run):
    res = run("first", "无日期", "--json")
    assert res.exit_code == 0
    (row,) = json.loads(res.stdout)
    assert (row["first_date"], row["first_doc"], row["last_date"], row["periods"], row["docs"]) == ("", "", "", 0, 2)
    assert run("first", "没有的词", "--tsv").exit_code == 1


def test_date_filters_on_kwic_search_freq_cooc(run):
    res = run("kwic", "新赛道", "--since", "2026-02", "--tsv")
    assert [r["doc"] + ":" + r["line"] for r in _rows(res)] == ["fc:2"]
    res = run("kwic", "新赛道", "--until", "2025", "--count", "--tsv")
    assert _rows(res)[0]["hits"] == "3"
    res = run("search", "未来产业", "--since", "2026", "--until", "2026", "--tsv")
    assert [r["article"] for r in _rows(res)] == ["fb-1", "fb-2", "fb-2", "fc-1"]  # fc-1's 2026-03 is in 2026
    res = run("freq", "--by", "month", "--no-stopwords", "--tsv")
    header = _rows(res)[0]
    assert [c for c in header if c.startswith("freq:")] == [f"freq:{p}" for p in MONTH_ROWS if p != "2026-02"]
    by_term = {r["term"]: r for r in _rows(res)}
    assert (by_term["新赛道"]["freq:2025-11"], by_term["新赛道"]["freq:2026"], by_term["新赛道"]["freq:undated"]) == \
        ("2", "2", "2")
    res = run("freq", "--since", "2026-03", "--no-stopwords", "--tsv")
    assert {r["term"]: r["freq"] for r in _rows(res)}["新赛道"] == "1"
    assert "dated from 2026-03" in run("freq", "--since", "2026-03").stdout


def test_diff_sides_by_date(run):
    res = run("diff", "--a", "since=2026", "--b", "until=2025", "--min-freq", "1", "--top", "0", "--tsv")
    assert res.exit_code == 0, res.output
    rows = [r for r in _rows(res) if r["term"] == "未来产业" and r["section"] == "shared"]
    assert (rows[0]["freq_a"], rows[0]["freq_b"]) == ("4", "1")
    assert run("diff", "--a", "since=2026,2027").exit_code == 2


@pytest.mark.parametrize("args, message", [
    (["trend", "新赛道", "--since", "2026-13"], "corpus: error: --since: not a date: '2026-13' (no month 13)"),
    (["trend", "新赛道", "--since", "2026", "--until", "2025"], "corpus: error: --until 2025 is before --since 2026"),
    (["trend", "新赛道", "--share"], "corpus: error: --share compares terms: give two or more"),
    (["trend"], "corpus: error: give a TERM or --terms-from FILE"),
    (["kwic", "新赛道", "--until", "soon"], "corpus: error: --until: not a date: 'soon'"),
    (["trend", "新赛道", "--by", "week"], "Invalid value for '--by'"),
])
def test_user_errors_are_one_line(run, args, message):
    res = run(*args)
    assert res.exit_code == 2
    assert message in res.stderr and "Traceback" not in res.stderr
    assert len(res.stderr.strip().splitlines()) <= 2  # the row warning about fe's date, then the error


@pytest.mark.parametrize("fmt", ["table", "tsv", "csv", "json", "jsonl"])
def test_every_format(run, fmt):
    for command in (["trend", "新赛道", "未来产业", "--by", "quarter"], ["first", "新赛道"]):
        res = run(*command, "--format", fmt)
        assert res.exit_code == 0, res.output
        if fmt == "json":
            assert isinstance(json.loads(res.stdout), list)
        elif fmt == "jsonl":
            assert all(json.loads(line) for line in res.stdout.splitlines())
        elif fmt == "csv":
            assert list(csv.reader(io.StringIO(res.stdout)))[0][0] in ("period", "term")


def test_plot_in_a_pipe_prints_plain_rows(run):
    plotted = run("trend", "新赛道", "--plot", "--tsv")
    plain = run("trend", "新赛道", "--tsv")
    assert plotted.stdout == plain.stdout


def test_readme_worked_example_is_what_the_bundled_corpus_gives(session_cache):
    from conftest import REPO

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = readme.split("$ corpus trend 新赛道 未来产业 --by month\n", 1)[1].split("```", 1)[0]
    shown = [line for line in block.splitlines() if not line.endswith("…")]
    res = CliRunner().invoke(PATHS[sorted(PATHS)[0]], ["trend", "新赛道", "未来产业", "--by", "month", "--corpus",
                                                      str(REPO), "--cache-dir", str(session_cache)], prog_name="corpus")
    assert res.exit_code == 0, res.output
    out = res.stdout.splitlines()
    assert shown[:16] == out[:16]  # header, 14 rows, the first note
    assert shown[-1] in out
    block = readme.split("$ corpus first 新赛道 未来产业\n", 1)[1].split("```", 1)[0]
    res = CliRunner().invoke(PATHS[sorted(PATHS)[0]], ["first", "新赛道", "未来产业", "--corpus", str(REPO),
                                                      "--cache-dir", str(session_cache)], prog_name="corpus")
    assert res.stdout.splitlines()[:3] == block.splitlines()[:3]


def test_the_catalogue_reads_each_date_once_into_one_spelling(run):
    res = run("list", "--tsv")
    dates = {r["id"]: r["date"] for r in _rows(res)}
    assert (dates["fd"], dates["fe"], dates["fb"], dates["fb-1"], dates["fb-2"], dates["fc-2"]) == \
        ("2025-12", "", "2026", "2026-01-05", "2026", "")
    assert "INDEX.md:11: fe: not a date: '明年' (expected YYYY, YYYY-MM or YYYY-MM-DD); read as undated" in res.stderr
