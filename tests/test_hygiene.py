"""Start-up stays light and the corpus folder is never written.

`--help`, completion and a query over a built index must not import jieba (~0.7 s with its
dictionary), textual (~0.2 s) or dask (~2 s, only `corpus index --dask` builds need it);
checked in a fresh interpreter, since this test process has long imported them.
"""

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from corpus_tui.cli.commands import cli

from conftest import REPO, write_fixture

PROBE = """
import sys, runpy
sys.argv = {argv!r}
try:
    runpy.run_module("corpus_tui", run_name="__main__")
except SystemExit:
    pass
heavy = sorted(m for m in ("jieba", "textual", "numpy", "dask", "distributed") if m in sys.modules)
sys.stderr.write("HEAVY=" + ",".join(heavy) + "\\n")
"""


def _heavy_modules(argv, env) -> list[str]:
    proc = subprocess.run([sys.executable, "-c", PROBE.format(argv=["corpus", *argv])], capture_output=True,
                          text=True, env=env, timeout=120)
    line = [l for l in proc.stderr.splitlines() if l.startswith("HEAVY=")][-1]
    return [m for m in line[6:].split(",") if m]


@pytest.fixture()
def env(session_cache):
    e = dict(os.environ)
    e["CORPUS_TUI_CACHE"] = str(session_cache)
    return e


def test_help_imports_neither_jieba_nor_textual(env):
    assert _heavy_modules(["--help"], env) == []
    assert _heavy_modules(["kwic", "--help"], env) == []
    assert _heavy_modules(["index", "--help"], env) == []


def test_warm_query_imports_neither_jieba_nor_textual(env, seed_index):
    assert _heavy_modules(["kwic", "未来产业", "--limit", "3"], env) == []
    assert _heavy_modules(["search", "新赛道", "--count"], env) == []
    assert _heavy_modules(["list", "--tsv"], env) == []
    assert _heavy_modules(["index", "--status"], env) == []
    assert _heavy_modules(["index", "--dask", "local:2"], env) == []  # current: nothing to build, no cluster


def test_completion_request_imports_neither_jieba_nor_textual_nor_rich(env, seed_index):
    env = dict(env, _CORPUS_COMPLETE="bash_complete", COMP_WORDS="corpus kwic 未来", COMP_CWORD="2")
    proc = subprocess.run([sys.executable, "-c", PROBE.format(argv=["corpus"]) +
                           "\nsys.stderr.write('RICH=' + str('rich' in sys.modules) + '\\n')"],
                          capture_output=True, text=True, env=env, timeout=120)
    assert "HEAVY=\n" in proc.stderr
    assert "RICH=False" in proc.stderr
    assert "plain,未来产业" in proc.stdout


def _tree_hashes(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_no_command_writes_to_the_corpus_folder(tmp_path, session_cache):
    corpus = write_fixture(tmp_path / "corpus")
    before = _tree_hashes(corpus)
    runner = CliRunner()
    base = ["--corpus", str(corpus), "--cache-dir", str(tmp_path / "cache")]
    for args in (["index"], ["index", "--rebuild"], ["list"], ["show", "alpha"], ["show", "beta-1", "--raw"],
                 ["kwic", "新赛道"], ["search", "未来产业", "--json"], ["kwic", "未来产业", "--count"]):
        result = runner.invoke(cli, [args[0], *base, *args[1:]])
        assert result.exit_code in (0, 1), (args, result.output)
    assert _tree_hashes(corpus) == before
    assert sorted(p.name for p in corpus.rglob("*")) == ["INDEX.md", "a.txt", "b.txt", "sub"]
