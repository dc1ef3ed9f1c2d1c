"""`corpus dict`, `corpus suggest` and @category terms through both command-line paths, on
the bundled corpus; counts checked against a brute-force scan of the clean text."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from clipaths import PATHS

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "src" / "corpus_tui" / "data" / "policy_concepts.yml"
DICT = "创新:\n  科技: [科技创新, 原始创新]\n  产业: [产业创新]\n产业: [产业, 未来产业]\n"


def scan(text: str, entries: list[str]) -> dict[str, int]:
    """Brute force: at each position the longest entry starting there, then past it."""
    counts = dict.fromkeys(entries, 0)
    i = 0
    while i < len(text):
        best = max((e for e in entries if text.startswith(e, i)), key=len, default=None)
        if best is None:
            i += 1
        else:
            counts[best] += 1
            i += len(best)
    return counts


@pytest.fixture(scope="module")
def cache(tmp_path_factory):
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(scope="module")
def idx(cache):
    from corpus_tui.corpus.options import CorpusOptions
    from corpus_tui.index.open import open_index

    return open_index(CorpusOptions(corpus=str(ROOT), cache_dir=str(cache)))


@pytest.fixture(scope="module")
def dict_file(tmp_path_factory):
    p = tmp_path_factory.mktemp("dict") / "d.yml"
    p.write_text(DICT, encoding="utf-8")
    return p


@pytest.fixture(params=sorted(PATHS))
def run(request, cache):
    command = PATHS[request.param]

    def invoke(*args):
        return CliRunner().invoke(command, [*args, "--corpus", str(ROOT), "--cache-dir", str(cache)],
                                  prog_name="corpus")

    return invoke


def test_dict_by_group_counts(run, idx, dict_file):
    res = run("dict", str(dict_file), "--by", "group", "--tsv")
    assert res.exit_code == 0, res.output
    rows = list(csv.reader(io.StringIO(res.stdout), delimiter="\t"))
    assert rows[0] == ["category", "entries", "freq", "per_10k", "files", "articles", "dp", "juilland_d",
                       "freq:新赛道", "freq:未来产业", "freq:现代化产业体系"]
    groups = {}
    for d in idx.docs:
        g = idx.catalog.document(d.id).group
        for e, n in scan(idx.text[d.char_start:d.char_end], ["科技创新", "原始创新", "产业创新", "产业", "未来产业"]).items():
            groups.setdefault(g, {}).setdefault(e, 0)
            groups[g][e] += n
    cats = {"创新": ["科技创新", "原始创新", "产业创新"], "创新/科技": ["科技创新", "原始创新"],
            "创新/产业": ["产业创新"], "产业": ["产业", "未来产业"]}
    assert [r[0] for r in rows[1:]] == list(cats)
    for r in rows[1:]:
        per = [sum(groups[g][e] for e in cats[r[0]]) for g in ("新赛道", "未来产业", "现代化产业体系")]
        assert r[1] == str(len(cats[r[0]]))
        assert [int(x) for x in r[8:]] == per
        assert int(r[2]) == sum(per)


@pytest.mark.parametrize("fmt", ["table", "csv", "json", "jsonl"])
def test_dict_every_format(run, dict_file, fmt):
    res = run("dict", str(dict_file), "--format", fmt)
    assert res.exit_code == 0, res.output
    if fmt == "json":
        assert [r["category"] for r in json.loads(res.stdout)] == ["创新", "创新/科技", "创新/产业", "产业"]
    elif fmt == "jsonl":
        assert len(res.stdout.splitlines()) == 4
    elif fmt == "table":
        assert "Gries' DP" in res.stdout and "longest entry" in res.stdout


def test_dict_entries(run, idx, dict_file):
    res = run("dict", str(dict_file), "--entries", "--json")
    rows = json.loads(res.stdout)
    counts = scan(idx.text, ["科技创新", "原始创新", "产业创新", "产业", "未来产业"])
    assert [(r["category"], r["entry"], r["freq"]) for r in rows] == [
        ("创新/科技", "科技创新", counts["科技创新"]), ("创新/科技", "原始创新", counts["原始创新"]),
        ("创新/产业", "产业创新", counts["产业创新"]), ("产业", "产业", counts["产业"]), ("产业", "未来产业", counts["未来产业"])]


def test_category_terms_count_what_dict_counts(run, dict_file):
    dict_rows = {r["category"]: r["freq"] for r in json.loads(run("dict", str(dict_file), "--json").stdout)}
    res = run("kwic", "@创新", "@产业", "--dict", str(dict_file), "--count", "--json")
    assert res.exit_code == 0, res.output
    assert {r["term"]: r["hits"] for r in json.loads(res.stdout)} == {"@创新": dict_rows["创新"], "@产业": dict_rows["产业"]}
    lines = json.loads(run("kwic", "@创新/科技", "--dict", str(dict_file), "--json").stdout)
    assert len(lines) == dict_rows["创新/科技"] and {r["node"] for r in lines} == {"科技创新", "原始创新"}
    res = run("search", "@创新/产业", "--dict", str(dict_file), "--count", "--json")
    assert sum(r["hits"] for r in json.loads(res.stdout)) == dict_rows["创新/产业"]
    res = run("cooc", "@创新/科技", "--dict", str(dict_file), "--top", "1")
    assert res.exit_code == 0 and "node 科技创新 | 原始创新:" in res.stdout


def test_category_term_errors(run, dict_file):
    res = run("kwic", "@创", "--dict", str(dict_file))
    assert res.exit_code == 2 and res.stderr.count("\n") == 1
    assert "has no category '创'; did you mean 创新" in res.stderr
    res = run("kwic", "@创新", "--count")
    assert "warning: @创新 is searched as text; give --dict FILE" in res.stderr
    res = run("kwic", "@创新", "--dict", str(dict_file), "--regex")
    assert res.exit_code == 2 and "matched as surface strings, not in regex mode" in res.stderr


def test_dict_errors_are_one_line(run, tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text("a: [x\n", encoding="utf-8")
    for args, text in (((str(tmp_path / "none.yml"),), "--dict: no such file"),
                       ((str(bad),), "bad.yml:2:1: not valid YAML")):
        res = run("dict", *args)
        assert res.exit_code == 2 and res.stderr.count("\n") == 1 and text in res.stderr
        assert res.stderr.startswith("corpus: error: ")


def test_example_dictionary_ships_and_counts(run):
    res = run("dict", str(EXAMPLE), "--json")
    rows = {r["category"]: r for r in json.loads(res.stdout)}
    assert list(rows)[:3] == ["创新", "创新/科技创新", "创新/产业创新"]
    assert rows["创新"]["freq"] == rows["创新/科技创新"]["freq"] + rows["创新/产业创新"]["freq"]


def test_suggest_and_userdict_out(run, tmp_path):
    out = tmp_path / "terms.txt"
    res = run("suggest", "--top", "5", "--userdict-out", str(out), "--json")
    assert res.exit_code == 0, res.output
    rows = json.loads(res.stdout)
    assert [list(r) for r in rows[:1]] == [["rank", "term", "tokens", "n", "freq", "docs", "pmi_min", "entropy_min"]]
    assert out.read_text(encoding="utf-8") == "".join(f"{r['term']} 1000\n" for r in rows)
    assert all("/" in r["tokens"] and r["term"] == r["tokens"].replace("/", "") for r in rows)
    res = run("suggest", "--userdict-out", str(ROOT / "seeds" / "x.txt"))
    assert res.exit_code == 2 and "inside the corpus folder" in res.stderr
    assert not (ROOT / "seeds" / "x.txt").exists()


def test_suggested_terms_stay_whole_with_userdict(run, tmp_path):
    out = tmp_path / "terms.txt"
    rows = json.loads(run("suggest", "--top", "3", "--userdict-out", str(out), "--json").stdout)
    freq = {r["term"]: r["freq"] for r in json.loads(run("freq", "--top", "0", "--userdict", str(out), "--json").stdout)}
    for r in rows:
        assert r["term"] in freq  # now one token
    again = [r["term"] for r in json.loads(run("suggest", "--top", "10", "--userdict", str(out), "--json").stdout)]
    assert not set(again) & {r["term"] for r in rows}  # in a dictionary now: not suggested again


def test_category_terms_in_trend_and_first(run, dict_file):
    dict_rows = {r["category"]: r["freq"] for r in json.loads(run("dict", str(dict_file), "--json").stdout)}
    res = run("trend", "@创新", "--dict", str(dict_file), "--json")
    assert res.exit_code == 0, res.output
    assert sum(r["freq"] for r in json.loads(res.stdout)) == dict_rows["创新"]  # undated documents included
    res = run("first", "@创新/科技", "--dict", str(dict_file), "--json")
    assert res.exit_code == 0 and json.loads(res.stdout)[0]["term"] == "@创新/科技"
