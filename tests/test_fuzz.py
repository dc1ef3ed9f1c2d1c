"""Fuzzing (hypothesis) over INDEX.md contents and over the command line of every command:
no traceback, an exit code in {0, 1, 2}, nothing written outside the cache
(docs/RELIABILITY.md, G). Small budgets (a few dozen examples, no deadline): the whole
suite must stay well under its 15 minutes in CI."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from clipaths import PATHS
from corpus_tui.cli.fast_spec import COMMANDS
from reliability_support import tree_hashes

from conftest import write_fixture

SETTINGS = dict(deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))

CELLS = ["a.txt", "sub/b.txt", "../out.txt", "/etc/passwd", "missing.txt", " a.txt ", "", "sub", ".", "..",
         "a.txt\x00", "\x1b[2Jx.txt", "新赛道", "alpha", "beta", "a", "1-3", "3-1", "0-99999", "2-2", "1-", "x-y",
         "2026-01", "2026-13-45", "utf-8", "gb18030", "klingon", "ascii", "\u202e", "a" * 300]
cell = st.one_of(st.sampled_from(CELLS), st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="|\n"),
                                                  max_size=8))
HEADERS = ["| id | file | title | encoding |", "| id | file |", "| file | title |", "| id | id | file |",
           "| id | file | title | outlet | date | authors | group | notes |"]
ART_HEADERS = ["| id | file | lines | title |", "| id | file | lines |", "| id | lines |"]


@st.composite
def index_md(draw) -> str:
    parts = ["# fuzz\n"]
    for kind, headers in (("Files", HEADERS), ("Articles", ART_HEADERS)):
        if kind == "Articles" and not draw(st.booleans()):
            continue
        header = draw(st.sampled_from(headers))
        n = header.count("|") - 1
        rows = draw(st.lists(st.lists(cell, min_size=max(0, n - 1), max_size=n + 1), max_size=5))
        parts.append(f"\n## {kind}\n\n{header}\n" + "|---" * n + "|\n")
        parts += ["| " + " | ".join(r) + " |\n" for r in rows]
        if draw(st.booleans()):
            parts.append(draw(st.text(max_size=30)) + "\n")  # stray text, a broken line
    return "".join(parts)


def outside_state(base: Path) -> list:
    """Everything under ``base`` except the cache: what no command may write."""
    return sorted((str(p.relative_to(base)), p.is_dir() or p.read_bytes())
                  for p in base.rglob("*") if "cache" not in p.relative_to(base).parts)


def check(result) -> None:
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout, result.stderr
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"uncaught {result.exception!r}") from result.exception
    assert result.exit_code in (0, 1, 2), (result.exit_code, result.stderr)


def invoke(argv: list[str], path: str = "click", input: str = ""):
    from click.testing import CliRunner

    return CliRunner().invoke(PATHS[path], argv, input=input, prog_name="corpus")


@pytest.fixture(scope="module")
def fuzz_base(tmp_path_factory):
    base = tmp_path_factory.mktemp("fuzz")
    (base / "out.txt").write_text("不应读到的文字。\n", encoding="utf-8")
    write_fixture(base / "corpus")
    return base


@settings(max_examples=12, **SETTINGS)
@given(text=index_md())
def test_any_index_md(fuzz_base, session_cache, text):
    root = fuzz_base / "corpus"
    (root / "INDEX.md").write_text(text, encoding="utf-8", errors="surrogatepass")
    before = outside_state(fuzz_base)
    for argv in (["list", "--tsv"], ["kwic", "新赛道", "--count"], ["show", "alpha", "--raw"], ["freq", "--top", "3"]):
        result = invoke([*argv, "--corpus", str(root), "--cache-dir", str(session_cache)])
        check(result)
        assert "不应读到" not in result.stdout  # no row may read a file outside the corpus
    assert outside_state(fuzz_base) == before


VALUES = ["", "0", "-1", "3", "99999999999999999999", "新赛道", "未来产业", "alpha", "beta-1", "nope", "group=新赛道",
          "doc=alpha", "x=y", "[", "(产|产)+$", "a{99999999}", ",", "(", "\x1b[31m", "\u200b", "%", "5,5", "0,0", "1L",
          "node", "file", "article", "2026", "2026-02", "x", "/dev/zero", "-", "utf-16", "klingon", "\udcff", "[word=\"新.*\"]"]
SKIP = {"--help", "-h", "--rebuild", "--jobs", "-j", "--corpus", "--cache-dir", "--userdict", "--plot"}
COMMAND_NAMES = sorted(set(COMMANDS) - {"tui"})


@st.composite
def command_line(draw) -> list[str]:
    name = draw(st.sampled_from(COMMAND_NAMES))
    spec = COMMANDS[name]
    options = sorted(o for o in spec["options"] if o not in SKIP)
    argv = [name]
    for _ in range(draw(st.integers(0, 3))):
        opt = draw(st.sampled_from(options))
        _, kind, how = spec["options"][opt]
        argv.append(opt)
        if kind == "flag":
            continue
        count = how[0] if kind == "values" else 1
        argv += [draw(st.sampled_from(VALUES)) for _ in range(count)]
    if spec["arguments"]:
        argv += draw(st.lists(st.sampled_from(VALUES), max_size=2))
    return argv


@settings(max_examples=40, **SETTINGS)
@given(argv=command_line())
def test_any_command_line(fixture_corpus, session_cache, tmp_path_factory, argv):
    cwd = tmp_path_factory.mktemp("cwd")
    before = tree_hashes(fixture_corpus)
    old = os.getcwd()
    os.chdir(cwd)
    try:
        for path in sorted(PATHS):
            check(invoke([*argv, "--corpus", str(fixture_corpus), "--cache-dir", str(session_cache)], path))
    finally:
        os.chdir(old)
    assert tree_hashes(fixture_corpus) == before
    assert list(cwd.iterdir()) == []
