"""`corpus code ...` and kwic's coding options as a user runs them, on a copy of the fixture corpus."""

from __future__ import annotations

import json
import shutil

import krippendorff
import numpy as np
import pytest
from click.testing import CliRunner
from sklearn.metrics import cohen_kappa_score

from clipaths import PATHS
from conftest import write_fixture
from corpus_tui.cli.commands import cli


@pytest.fixture()
def corpus(tmp_path, monkeypatch):
    """A private copy of the fixture corpus (tests edit its files), a private data and config
    folder, and a working folder holding the example codebook."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    return write_fixture(tmp_path / "corpus")


@pytest.fixture()
def run(corpus, session_cache):
    runner = CliRunner()

    def invoke(*args, path="click"):
        return runner.invoke(PATHS[path], [*args, "--corpus", str(corpus), "--cache-dir", str(session_cache)],
                             prog_name="corpus")

    return invoke


def _init():
    r = CliRunner().invoke(cli, ["code", "init"], prog_name="corpus")
    assert r.exit_code == 0, r.output


CODINGS = [  # (location, code, coder): ann gives sub/b.txt:4:11 two codes, bo leaves a.txt:6:3 out
    ("a.txt:1:1", "积极", "ann"), ("a.txt:3:9", "积极", "ann"), ("a.txt:4:9", "谨慎", "ann"),
    ("a.txt:5:8", "中性", "ann"), ("a.txt:6:3", "积极", "ann"), ("sub/b.txt:4:11", "积极", "ann"),
    ("sub/b.txt:4:11", "谨慎", "ann"),
    ("a.txt:1:1", "积极", "bo"), ("a.txt:3:9", "谨慎", "bo"), ("a.txt:4:9", "谨慎", "bo"),
    ("a.txt:5:8", "中性", "bo"), ("sub/b.txt:4:11", "谨慎", "bo"),
]


def _code_all(run):
    _init()
    for location, code, coder in CODINGS:
        r = run("code", "add", "新赛道", location, code, "--coder", coder)
        assert (r.exit_code, r.stderr) == (0, ""), r.output


def test_init_writes_the_example_and_keeps_an_existing_one(corpus):
    runner = CliRunner()
    r = runner.invoke(cli, ["code", "init"], prog_name="corpus")
    assert r.exit_code == 0
    assert r.stdout.startswith("wrote codebook.toml: three example codes")
    r = runner.invoke(cli, ["code", "init"], prog_name="corpus")
    assert (r.exit_code, r.stdout, r.stderr) == (
        2, "", "corpus: error: codebook.toml exists; edit it, or overwrite it with --force\n")


def test_add_codes_a_kwic_line_by_its_location(run, corpus):
    _init()
    r = run("code", "add", "新赛道", "a.txt:3:9", "积极", "--note", "开辟 = opportunity", "--coder", "ann")
    assert r.exit_code == 0 and r.stderr == ""
    assert r.stdout.startswith("a.txt:3:9 新赛道: 积极 by ann in ")
    again = run("code", "add", "新赛道", "a.txt:3:9", "积极", "--coder", "ann")
    assert (again.exit_code, again.stdout) == (0, "a.txt:3:9 新赛道: already coded 积极 by ann\n")
    renote = run("code", "add", "新赛道", "a.txt:3:9", "积极", "--coder", "ann", "--note", "开辟 = opportunity")
    assert renote.stdout == "a.txt:3:9 新赛道: already coded 积极 by ann\n"  # the same note: nothing changes
    listed = run("code", "list", "--tsv")
    assert listed.stdout.splitlines()[0] == "term\tlocation\tnode\tcode\tcoder\tnote\tcoded_at\torphaned"
    row = listed.stdout.splitlines()[1].split("\t")
    assert row[:6] + row[7:] == ["新赛道", "a.txt:3:9", "新赛道", "积极", "ann", "开辟 = opportunity", "0"]
    assert list(corpus.rglob("*.sqlite3*")) == []  # nothing in the corpus folder
    run("code", "add", "新赛道", "a.txt:3:9", "积极", "--coder", "ann", "--note", "新注")
    assert run("code", "list", "--tsv", "--no-header").stdout.split("\t")[5] == "新注"


def test_the_default_coder_is_the_login_name(run):
    import getpass

    _init()
    run("code", "add", "新赛道", "a.txt:4:9", "谨慎")
    assert run("code", "list", "--tsv", "--no-header").stdout.split("\t")[4] == getpass.getuser()


@pytest.mark.parametrize(("args", "message"), [
    (("a.txt:3:10", "积极"), "no KWIC line of '新赛道' at a.txt:3:10 (the location column of: corpus kwic 新赛道)"),
    (("a.txt:3", "积极"), "location 'a.txt:3' is not FILE:LINE:COLUMN as in the location column of corpus kwic"),
    (("a.txt:3:9", "消极"), "unknown code '消极'; the codebook {book} has: 积极, 谨慎, 中性"),
])
def test_an_unknown_location_or_code_is_one_error_line(run, corpus, args, message):
    _init()
    r = run("code", "add", "新赛道", *args)
    book = corpus.parent / "work" / "codebook.toml"
    assert (r.exit_code, r.stdout, r.stderr) == (2, "", f"corpus: error: {message.format(book=book)}\n")


def test_no_codebook_is_one_error_line(run, tmp_path):
    r = run("code", "add", "新赛道", "a.txt:3:9", "积极")
    config = tmp_path / "config" / "corpus-tui" / "codebook.toml"
    assert (r.exit_code, r.stderr) == (2, "corpus: error: no codebook: none given with --codebook, no codebook.toml "
                                          f"here nor at {config} (write one with: corpus code init)\n")


def test_codes_are_never_kept_in_the_corpus_folder(run, corpus):
    _init()
    r = run("code", "add", "新赛道", "a.txt:3:9", "积极", "--codes", str(corpus / "codes.sqlite3"))
    assert r.exit_code == 2
    assert r.stderr == (f"corpus: error: codes file {corpus / 'codes.sqlite3'} is inside the corpus folder {corpus}; "
                        "keep codes elsewhere (--codes FILE)\n")
    assert not (corpus / "codes.sqlite3").exists()


def test_a_broken_codes_file_is_one_error_line(run, tmp_path):
    _init()
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"not a database" * 200)
    r = run("code", "list", "--codes", str(junk))
    assert (r.exit_code, r.stderr) == (2, f"corpus: error: {junk} is not a codes file (file is not a database)\n")


@pytest.mark.parametrize("path", sorted(PATHS))
def test_kwic_filters_by_code_and_uncoded(run, path):
    _code_all(run)
    r = run("kwic", "新赛道", "--width", "4", "--code", "谨慎", "--tsv", path=path)
    rows = [l.split("\t") for l in r.stdout.splitlines()]
    assert rows[0][-2:] == ["location", "codes"]
    assert [(row[-2], row[-1]) for row in rows[1:]] == [
        ("a.txt:3:9", "积极+谨慎"), ("a.txt:4:9", "谨慎"), ("sub/b.txt:4:11", "积极+谨慎")]
    mine = run("kwic", "新赛道", "--code", "谨慎", "--coder", "ann", "--tsv", "--no-header", path=path)
    assert [l.split("\t")[-2:] for l in mine.stdout.splitlines()] == [["a.txt:4:9", "谨慎"], ["sub/b.txt:4:11", "积极+谨慎"]]
    uncoded = run("kwic", "新赛道", "--uncoded", "--tsv", "--no-header", path=path)
    assert [l.split("\t")[-2:] for l in uncoded.stdout.splitlines()] == [["sub/b.txt:8:7", ""]]
    by_bo = run("kwic", "新赛道", "--uncoded", "--coder", "bo", "--tsv", "--no-header", path=path)
    assert [l.split("\t")[-2] for l in by_bo.stdout.splitlines()] == ["a.txt:6:3", "sub/b.txt:8:7"]
    plain = run("kwic", "新赛道", "--tsv", path=path)
    assert plain.stdout.splitlines()[0].split("\t")[-1] == "location"  # no codes column unless asked


def test_kwic_code_checks_the_code_against_the_codebook(run):
    _code_all(run)
    r = run("kwic", "新赛道", "--code", "积 极")
    assert r.exit_code == 2 and r.stderr.startswith("corpus: error: unknown code '积 极'; the codebook ")
    both = run("kwic", "新赛道", "--code", "积极", "--uncoded")
    assert (both.exit_code, both.stderr) == (2, "corpus: error: --code and --uncoded exclude each other\n")


def test_export_has_the_lines_the_codes_and_the_index_metadata(run):
    _code_all(run)
    r = run("code", "export", "--coder", "bo")  # TSV by default
    lines = r.stdout.splitlines()
    assert lines[0].split("\t")[:15] == ["term", "doc", "article", "location", "left", "node", "right", "code",
                                          "note", "coder", "coded_at", "title", "outlet", "date", "group"]
    first = dict(zip(lines[0].split("\t"), lines[1].split("\t")))
    assert {k: first[k] for k in ("term", "doc", "article", "location", "node", "code", "coder", "title", "outlet",
                                  "date", "group")} == {
        "term": "新赛道", "doc": "alpha", "article": "", "location": "a.txt:1:1", "node": "新赛道", "code": "积极",
        "coder": "bo", "title": "新赛道观察", "outlet": "甲报", "date": "2026-01-02", "group": "新赛道"}
    last = dict(zip(lines[0].split("\t"), lines[-1].split("\t")))
    # an article's own metadata (beta-1: 第一篇, 李四, 乙刊), the group from its file's row
    assert {k: last[k] for k in ("doc", "article", "location", "title", "outlet", "date", "group")} == {
        "doc": "beta", "article": "beta-1", "location": "sub/b.txt:4:11", "title": "第一篇", "outlet": "乙刊",
        "date": "2026-02", "group": "未来产业"}
    assert len(lines) == 1 + 5


@pytest.mark.parametrize("fmt", ["tsv", "csv", "json", "jsonl"])
def test_import_of_an_export_is_idempotent_and_reports_conflicts(run, tmp_path, fmt):
    _code_all(run)
    exported = tmp_path / f"codings.{fmt}"
    exported.write_text(run("code", "export", "--format", fmt).stdout, encoding="utf-8")
    other = tmp_path / "other.sqlite3"
    r = run("code", "import", str(exported), "--codes", str(other))
    assert (r.exit_code, r.stderr) == (0, "")
    assert r.stdout == (f"{exported}: 12 codings read: 12 added, 0 already stored, 0 conflicts (stored kept); "
                        "0 re-anchored, 0 orphaned\n")
    assert run("code", "list", "--tsv", "--codes", str(other)).stdout == run("code", "list", "--tsv").stdout
    again = run("code", "import", str(exported), "--codes", str(other))
    assert again.stdout.startswith(f"{exported}: 12 codings read: 0 added, 12 already stored, 0 conflicts")
    if fmt == "json":
        items = json.loads(exported.read_text(encoding="utf-8"))
        items[0]["note"] = "改过"
        exported.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
        clash = run("code", "import", str(exported), "--codes", str(other))
        assert clash.stderr == ("corpus: warning: conflict: a.txt:1:1 新赛道 '积极' by ann: stored note '' kept, "
                                "imported note '改过' not\n")
        assert "11 already stored, 1 conflicts" in clash.stdout


def test_import_refuses_a_file_without_the_anchor(run, tmp_path):
    bad = tmp_path / "sheet.csv"
    bad.write_text("term,location,code\n新赛道,a.txt:3:9,积极\n", encoding="utf-8")
    r = run("code", "import", str(bad))
    assert (r.exit_code, r.stderr) == (2, f"corpus: error: {bad}: record 1 has no 'doc'; import reads what "
                                          "`corpus code export` writes\n")


def test_agree_gives_kappa_alpha_and_the_confusion_table(run):
    _code_all(run)
    r = run("code", "agree", "--coder", "ann", "--coder", "bo", "新赛道", "--json")
    kappa, alpha = json.loads(r.stdout)
    ann = ["积极", "积极", "谨慎", "中性", "积极+谨慎"]  # the five lines both coded, in corpus order
    bo = ["积极", "谨慎", "谨慎", "中性", "谨慎"]
    assert (kappa["measure"], kappa["coders"], kappa["lines"]) == ("Cohen's kappa", "ann bo", 5)
    assert kappa["value"] == pytest.approx(cohen_kappa_score(ann, bo), rel=1e-12)
    assert (kappa["p_o"], kappa["p_e"]) == (pytest.approx(3 / 5), pytest.approx((2 * 1 + 1 * 3 + 1 * 1) / 25))
    values = {"积极": 1, "谨慎": 2, "中性": 3, "积极+谨慎": 4}
    data = np.array([[values[v] for v in ann[:4]] + [1, 4], [values[v] for v in bo[:4]] + [np.nan, 2]])
    assert (alpha["measure"], alpha["lines"]) == ("Krippendorff's alpha (nominal)", 5)
    assert alpha["value"] == pytest.approx(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"),
                                           rel=1e-12)
    table = run("code", "agree", "--coder", "ann", "--coder", "bo", "--confusion", "--tsv")
    assert table.stdout == ("ann\\bo\t中性\t积极\t积极+谨慎\t谨慎\ttotal\n"
                            "中性\t1\t0\t0\t0\t1\n"
                            "积极\t0\t1\t0\t1\t2\n"
                            "积极+谨慎\t0\t0\t0\t1\t1\n"
                            "谨慎\t0\t0\t0\t1\t1\n"
                            "total\t1\t1\t0\t3\t5\n")
    shown = run("code", "agree", "--coder", "ann", "--coder", "bo").stdout
    assert "confusion table (rows ann, columns bo):" in shown and "Cohen's kappa = (p_o − p_e)/(1 − p_e)" in shown


def test_agree_needs_two_coders_with_common_lines(run):
    _code_all(run)
    r = run("code", "agree", "--coder", "ann")
    assert (r.exit_code, r.stderr) == (2, "corpus: error: give two or more different coders: --coder A --coder B\n")
    r = run("code", "agree", "--coder", "ann", "--coder", "cy")
    assert (r.exit_code, r.stderr) == (2, "corpus: error: no line was coded by two of ann, cy\n")


def test_an_edited_file_moves_codings_with_their_text_and_orphans_the_rest(run, corpus):
    _code_all(run)
    a = corpus / "a.txt"
    text = a.read_text(encoding="utf-8")
    # a line added on top (every line moves down one), and 积极 just before a.txt:3:9 rewritten
    a.write_text("【转载】\n" + text.replace("积极开辟新赛道", "大力开辟新赛道"), encoding="utf-8")
    r = run("code", "check", "--tsv")
    assert r.exit_code == 0
    assert r.stderr == "corpus: warning: files changed: 7 codings re-anchored, 2 orphaned\n"
    rows = [l.split("\t") for l in r.stdout.splitlines()]
    assert rows == [["term", "location", "node", "before", "after", "code", "coder"],
                    ["新赛道", "a.txt:3:9", "新赛道", " 张三\\n各地正在积极开辟", ",培育未来产业的新动能和", "积极", "ann"],
                    ["新赛道", "a.txt:3:9", "新赛道", " 张三\\n各地正在积极开辟", ",培育未来产业的新动能和", "谨慎", "bo"]]
    listed = run("code", "list", "--coder", "bo", "--tsv", "--no-header").stdout.splitlines()
    assert [(l.split("\t")[1], l.split("\t")[-1]) for l in listed] == [
        ("a.txt:2:1", "0"), ("a.txt:3:9", "1"), ("a.txt:5:9", "0"), ("a.txt:6:8", "0"), ("sub/b.txt:4:11", "0")]
    moved = run("kwic", "新赛道", "--code", "中性", "--tsv", "--no-header").stdout.splitlines()
    assert [l.split("\t")[-2:] for l in moved] == [["a.txt:6:8", "中性"]]
    # the file restored: the orphans are found again
    a.write_text(text, encoding="utf-8")
    back = run("code", "check", "--tsv", "--no-header")
    assert back.stdout == "" and "2 orphaned" not in back.stderr
    assert run("kwic", "新赛道", "--code", "积极", "--coder", "ann", "--tsv", "--no-header").stdout.count("\n") == 4


@pytest.mark.parametrize("path", sorted(PATHS))
def test_kwic_sample_is_reproducible_and_caps_lines_per_document(run, path):
    def locations(*args):
        r = run("kwic", "新赛道", "--tsv", "--no-header", *args, path=path)
        assert r.exit_code == 0, r.stderr
        return [l.split("\t")[-1] for l in r.stdout.splitlines()]

    every = locations()
    first = locations("--sample", "4", "--seed", "7")
    assert len(first) == 4 and first == locations("--sample", "4", "--seed", "7")
    assert first == [loc for loc in every if loc in first]  # kept in concordance order
    capped = locations("--sample", "4", "--seed", "7", "--max-per-doc", "1")
    assert sorted(loc.split(":")[0] for loc in capped) == ["a.txt", "sub/b.txt"]  # two documents, one line each
    assert locations("--sample", "4") == locations("--sample", "4", "--seed", "0")
    assert len({tuple(locations("--sample", "3", "--seed", str(s))) for s in range(6)}) > 1
    assert locations("--sample", "50") == every
    r = run("kwic", "新赛道", "--seed", "3", path=path)
    assert (r.exit_code, r.stderr) == (2, "corpus: error: --seed and --max-per-doc go with --sample N\n")
