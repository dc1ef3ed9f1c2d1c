"""A researcher's own folder of PDF, DOCX and HTML files, through `corpus` as a user runs it
(click and the fast path): init, hits counted as in the plain text, PDF pages in every
location, `show --raw` on the extracted lines, `check`, the options before the command."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "corpus"))

from made_documents import make_docx, make_html, make_image_pdf, make_pdf, seed_paragraphs  # noqa: E402
from reliability_support import cli_path, no_traceback, one_line, run, tree_hashes, tsv_rows, warnings_of  # noqa: E402,F401

pytestmark = pytest.mark.usefixtures("cli_path")
SCAN_WARNING = "scan (scan.pdf): no text layer in its 2 pages (a scanned PDF? run OCR first, e.g. ocrmypdf); skipped"


@pytest.fixture(scope="module")
def folders(tmp_path_factory):
    """The same three documents as PDF/DOCX/HTML (and a scan) and as plain text."""
    made = tmp_path_factory.mktemp("formats")
    mixed, plain = made / "mixed", made / "plain"
    (mixed / "web").mkdir(parents=True)
    plain.mkdir()
    texts = {"report": seed_paragraphs("000"), "opeds": seed_paragraphs("004"), "page": seed_paragraphs("003")}
    data, drawn = make_pdf(texts["report"])
    (mixed / "report.pdf").write_bytes(data)
    (mixed / "opeds.docx").write_bytes(make_docx(texts["opeds"]))
    (mixed / "web" / "page.html").write_text(make_html("江西观察", texts["page"]), "utf-8")
    (mixed / "scan.pdf").write_bytes(make_image_pdf(2))
    for name, paras in texts.items():
        (plain / f"{name}.txt").write_text("\n".join(paras) + "\n", "utf-8")
    return mixed, plain, drawn


@pytest.fixture(scope="module")
def corpus(folders, tmp_path_factory):
    mixed, plain, drawn = folders
    root = tmp_path_factory.mktemp("c") / "mixed"
    import shutil

    shutil.copytree(mixed, root)
    before = tree_hashes(root)
    result = run(["init", str(root)])
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines() == [
        "corpus: warning: scan.pdf: no text layer in its 2 pages (a scanned PDF? run OCR first, e.g. ocrmypdf); skipped",
        f"corpus: wrote {root / 'INDEX.md'}: 4 files"]
    assert set(tree_hashes(root)) - set(before) == {"INDEX.md"}
    return root, plain, drawn


def test_hits_in_pdf_docx_html_are_the_plain_texts_hits(corpus, tmp_path):
    root, plain, _ = corpus
    for term in ("新赛道", "人工智能", "现代化产业体系"):
        mixed = run(["kwic", term, "--count", "--tsv"], root, tmp_path / "cache")
        want = run(["kwic", term, "--count", "--tsv"], plain, tmp_path / "cache")
        assert mixed.exit_code == want.exit_code == 0
        assert warnings_of(mixed) == [SCAN_WARNING]
        got, expected = tsv_rows(mixed.stdout)[0], tsv_rows(want.stdout)[0]
        assert (got["hits"], got["files"]) == (expected["hits"], expected["files"])
        assert sorted(got["per_file"].split(", ")) == sorted(expected["per_file"].split(", "))
    assert tsv_rows(run(["kwic", "新赛道", "--count", "--tsv"], root, tmp_path / "cache").stdout)[0]["hits"] == "95"  # 36 + 3 + 56


def test_a_pdf_hit_names_its_page_and_show_raw_prints_that_line(corpus, tmp_path):
    root, _, drawn = corpus
    result = run(["kwic", "新赛道", "--doc", "report", "--tsv"], root, tmp_path / "cache")
    rows = tsv_rows(result.stdout)
    assert len(rows) == 36
    by_place = {(page, number): text for page, number, text in drawn}
    for row in rows:
        line, column = int(row["line"]), int(row["column"])
        page, number = drawn[line - 1][:2]
        assert row["location"] == f"report.pdf:p{page}:{number}:{column}"
        text = by_place[page, number].rstrip()
        assert ("新赛道".startswith(text[column - 1:]) or text[column - 1:].startswith("新赛道")), (row, text)
    line = int(rows[-1]["line"])
    shown = run(["show", "report", "--raw", "--line", str(line)], root, tmp_path / "cache")
    assert shown.stdout.split("\n")[0] == drawn[line - 1][2].rstrip()


def test_docx_and_html_hits_are_lines_of_their_extracted_text(corpus, tmp_path):
    root, _, _ = corpus
    rows = tsv_rows(run(["kwic", "新赛道", "--doc", "page", "--tsv"], root, tmp_path / "cache").stdout)
    assert rows[0]["location"] == f"web/page.html:{rows[0]['line']}:{rows[0]['column']}"
    raw = run(["show", "page", "--raw"], root, tmp_path / "cache").stdout.split("\n")
    assert raw[0] == "# 江西观察"
    assert raw[int(rows[0]["line"]) - 1][int(rows[0]["column"]) - 1:].startswith("新赛道")


def test_the_extracted_text_is_kept_private_in_the_cache(corpus, tmp_path):
    root, _, _ = corpus
    cache = tmp_path / "cache"
    assert run(["list"], root, cache).exit_code == 0
    kept = sorted((cache / "extracted").iterdir())
    assert len(kept) == 3  # the PDF, the DOCX, the page; the scan gave nothing to keep
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in kept)
    assert not any(p.suffix == ".json" for p in root.rglob("*"))


def test_check_lists_every_problem_and_exits_2_on_an_error(corpus, tmp_path):
    root, _, drawn = corpus
    index = (root / "INDEX.md").read_text("utf-8")
    broken = tmp_path / "broken"
    import shutil

    shutil.copytree(root, broken)
    (broken / "INDEX.md").write_text(index.rstrip("\n") + "\n| report-1 | report | 9-3 | 甲 |  |  |  |\n"
                                     "| report-2 | report | 5-9000 | 乙 |  |  |  |\n", "utf-8")
    result = run(["check", "--tsv"], broken, tmp_path / "cache")
    assert result.exit_code == 0 and result.stderr == ""
    line = len(index.rstrip("\n").split("\n")) + 1
    assert [tuple(r.values()) for r in tsv_rows(result.stdout)] == [
        (f"INDEX.md:{line}", "warning", "report-1: lines '9-3' has a reversed range; read as 3-9"),
        (f"INDEX.md:{line + 1}", "warning", f"report-2: lines 5-9000 overlap article report-1's 3-9 (INDEX.md:{line})"),
        ("", "warning", SCAN_WARNING),
        (f"INDEX.md:{line + 1}", "warning", "article report-2: lines 5-9000 run past the end of report.pdf "
                                            f"({len(drawn)} lines); "
                                            "read to its end"),
    ]
    (broken / "INDEX.md").write_text(index.replace("| id | file | title |", "| id | flie | title |"), "utf-8")
    result = run(["check", "--tsv"], broken, tmp_path / "cache")
    assert result.exit_code == 2 and result.stderr == ""
    assert [tuple(r.values()) for r in tsv_rows(result.stdout)] == [
        ("INDEX.md:7", "error", "the Files table's header has no 'file' column (it has: id, flie, title, outlet, date, "
                                "authors, group, encoding, notes); no row of it can be read: fix the header")]
    result = run(["kwic", "新赛道"], broken, tmp_path / "cache")
    assert result.exit_code == 2 and one_line(result).startswith("INDEX.md:7: the Files table's header has no 'file'")


def test_init_never_overwrites_and_dry_run_prints(corpus, tmp_path):
    root, _, _ = corpus
    written = (root / "INDEX.md").read_text("utf-8")
    result = run(["init", str(root)])
    assert result.exit_code == 2 and one_line(result) == (
        f"{root / 'INDEX.md'} exists; --update adds the new files and keeps your edits, --force writes it anew, "
        "--dry-run prints it")
    dry = run(["init", str(root), "--dry-run"])
    assert dry.exit_code == 0 and dry.stdout == written
    update = run(["init", str(root), "--update"])
    assert update.exit_code == 0 and update.stderr.splitlines()[-1] == f"corpus: left {root / 'INDEX.md'} as it was: nothing new"
    assert (root / "INDEX.md").read_text("utf-8") == written


def test_common_options_work_before_the_command(corpus, tmp_path):
    root, _, _ = corpus
    after = run(["kwic", "新赛道", "--count", "--corpus", str(root), "--cache-dir", str(tmp_path / "c")])
    before = run(["--corpus", str(root), "--cache-dir", str(tmp_path / "c"), "kwic", "新赛道", "--count"])
    assert before.exit_code == after.exit_code == 0
    assert (before.stdout, before.stderr) == (after.stdout, after.stderr)
    assert "新赛道    95" in before.stdout
    # the command's own value wins over the one given before it
    mixed = run(["--corpus", "/nonexistent", "kwic", "新赛道", "--count", "--corpus", str(root), "--cache-dir",
                 str(tmp_path / "c")])
    assert mixed.stdout == after.stdout
    help_text = run(["--help"]).stdout
    for option in ("--corpus DIR", "--cache-dir DIR", "--userdict FILE", "--encoding NAME", "--tokenizer"):
        assert option in help_text


def test_the_bundled_corpus_standing_in_for_this_folder_is_said_once(tmp_path, monkeypatch):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "a.txt").write_text("新赛道\n", "utf-8")
    (folder / "b.pdf").write_bytes(b"%PDF")
    monkeypatch.chdir(folder)
    monkeypatch.delenv("CORPUS_TUI_CORPUS", raising=False)
    result = run(["kwic", "新赛道", "--count"], None, tmp_path / "cache")
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        "corpus: note: using the bundled sample corpus, not the 2 text files in this folder (it has no INDEX.md): "
        "run `corpus init` to list them, or pass --corpus ."]
    assert "107" in result.stdout  # the bundled corpus's 新赛道
    assert run(["kwic", "新赛道", "--count", "--corpus", "."], None, tmp_path / "cache").stdout.split()[-1] == "a:1"
    (folder / "a.txt").unlink()
    (folder / "b.pdf").unlink()
    assert run(["kwic", "新赛道", "--count"], None, tmp_path / "cache").stderr == ""


def test_code_list_and_export_name_a_pdf_codings_page_as_kwic_does(corpus, tmp_path, monkeypatch):
    root, _, drawn = corpus
    monkeypatch.chdir(tmp_path)
    codes = str(tmp_path / "codes.sqlite")
    assert run(["code", "init"]).exit_code == 0
    rows = tsv_rows(run(["kwic", "新赛道", "--doc", "report", "--tsv", "--limit", "2"], root, tmp_path / "cache").stdout)
    for row, code in zip(rows, ("积极", "谨慎")):
        added = run(["code", "add", "新赛道", row["location"], code, "--codes", codes, "--coder", "ann"], root,
                    tmp_path / "cache")
        assert added.exit_code == 0, added.stderr
    listed = tsv_rows(run(["code", "list", "--codes", codes, "--tsv"], root, tmp_path / "cache").stdout)
    exported = tsv_rows(run(["code", "export", "--codes", codes], root, tmp_path / "cache").stdout)
    for got in (listed, exported):
        assert [(r["location"], r["code"]) for r in got] == [(rows[0]["location"], "积极"), (rows[1]["location"], "谨慎")]
        assert all(r["location"].startswith("report.pdf:p") for r in got)
    # the anchor columns stay the extracted text's line, which `code import` reads back
    assert [(r["line"], r["column"]) for r in exported] == [(r["line"], r["column"]) for r in rows]
