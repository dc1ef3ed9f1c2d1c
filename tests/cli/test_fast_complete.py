"""The click-free TAB path (corpus_tui.cli.fast_complete) answers exactly as click does, or not at all.

Every case here runs the same request through fastcomplete.answer and through click's own
ShellComplete class on the real command tree, in bash, zsh and fish, and compares the bytes
the shell script would read.
"""

from __future__ import annotations

import io
import os
import shlex
import subprocess
import sys

import pytest
from click.shell_completion import get_completion_class
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import REPO
from corpus_tui.cli import fast_complete as fastcomplete
from corpus_tui.cli.commands import cli
from corpus_tui.cli.shell import SPEC_PATH, completion_spec_source

SHELLS = ("bash", "zsh", "fish")


def _env(shell: str, line: str) -> dict:
    words = shlex.split(line)
    if shell == "fish":  # fish passes the line up to the cursor and the word being completed
        current = "" if line.endswith(" ") else words[-1]
        return {"_CORPUS_COMPLETE": "fish_complete", "COMP_WORDS": line, "COMP_CWORD": current}
    cword = len(words) if line.endswith(" ") else len(words) - 1
    return {"_CORPUS_COMPLETE": f"{shell}_complete", "COMP_WORDS": line, "COMP_CWORD": str(cword)}


def fast(shell: str, line: str) -> bytes | None:
    out = io.BytesIO()
    env = {**os.environ, **_env(shell, line)}
    return out.getvalue() if fastcomplete.answer(env, out) else None


def by_click(shell: str, line: str, monkeypatch) -> bytes:
    for k, v in _env(shell, line).items():
        monkeypatch.setenv(k, v)
    comp = get_completion_class(shell)(cli, {}, "corpus", "_CORPUS_COMPLETE")
    return (comp.complete() + "\n").encode()  # what click's shell_complete echoes


@pytest.fixture(autouse=True)
def _bundled(monkeypatch, seed_index):
    monkeypatch.setenv("CORPUS_TUI_CORPUS", str(REPO))  # ids, groups and terms of the seeds


def test_spec_matches_the_click_commands():
    assert SPEC_PATH.read_text("utf-8") == completion_spec_source(cli), (
        "completion_spec.py is stale: run completions/generate.sh")


ANSWERED = [
    "corpus ", "corpus k", "corpus -", "corpus --v", "corpus li",
    "corpus kwic ", "corpus kwic 未来", "corpus kwic 未来产业 新赛", "corpus kwic --", "corpus kwic --s",
    "corpus kwic --sort ", "corpus kwic --sort 1", "corpus kwic --format j", "corpus kwic -f ",
    "corpus kwic --tsv --", "corpus kwic --doc wlcy", "corpus kwic --doc wlcy-1 --doc ",
    "corpus kwic --group 未", "corpus kwic --outlet ", "corpus kwic 人工智能 --corpus ",
    "corpus kwic --limit ", "corpus kwic --word 人工", "corpus kwic --count --word -",
    "corpus search 新质", "corpus search --any --", "corpus search x --group ",
    "corpus show ", "corpus show wlcy-c", "corpus show xdh-opeds --", "corpus show xdh-opeds ",
    "corpus freq --by ", "corpus freq --", "corpus freq --stopwords ",
    "corpus cooc 数字", "corpus cooc --span ", "corpus cooc --measure l",
    "corpus diff --section ", "corpus diff --a ", "corpus diff --", "corpus index --tokenizer ",
    "corpus index -j ", "corpus completion ", "corpus completion z", "corpus tui --cache-dir ",
    "corpus kwic .", "corpus kwic 。", "corpus kwic --corpus /nonexistent 未来",
]


@pytest.mark.parametrize("shell", SHELLS)
@pytest.mark.parametrize("line", ANSWERED)
def test_answers_exactly_as_click(shell, line, monkeypatch):
    got = fast(shell, line)
    assert got is not None, "fastcomplete should answer this one itself"
    assert got == by_click(shell, line, monkeypatch)


DEFERRED = [
    "corpus kwic --format=j",  # an = form
    "corpus kwic -ftsv ",  # a short option with its value attached
    "corpus kwic -- ",  # the end-of-options marker
    "corpus kwic --corpus --sort ",  # a value that looks like an option
    "corpus diff --terms a ",  # an option of two values
    "corpus nosuch ",  # not a command
    "corpus -V ",  # the group's own options before the command
    "corpus show a b ",  # more words than arguments
]


@pytest.mark.parametrize("line", DEFERRED)
def test_defers_to_click_when_unsure(line):
    assert fast("bash", line) is None


def test_other_requests_go_to_click():
    assert not fastcomplete.answer({"_CORPUS_COMPLETE": "bash_source"}, io.BytesIO())
    assert not fastcomplete.answer({"_CORPUS_COMPLETE": "powershell_complete", "COMP_WORDS": "corpus ",
                                    "COMP_CWORD": "1"}, io.BytesIO())
    assert not fastcomplete.answer({}, io.BytesIO())


def test_words_split_as_shlex_does():
    for text in ["corpus kwic 未来", "corpus\nkwic\n", "a\u3000b c", "corpus 'a b' \"c", "x\\ y", "  "]:
        lex = shlex.shlex(text, posix=True)
        lex.whitespace_split = True
        lex.commenters = ""
        try:
            expected = list(lex)
        except ValueError:
            expected = None
        if expected is not None:
            assert fastcomplete.split_words(text) == expected


WORDS = ["kwic", "search", "show", "freq", "cooc", "diff", "index", "list", "--sort", "--format", "-f",
         "--tsv", "--doc", "--group", "--count", "--word", "-w", "--corpus", "--cache-dir", "--limit", "-j",
         "--help", "-h", "--", "-", "1L", "json", "wlcy", "未来", "未来产业", "x", "--terms", "--a", "="]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(words=st.lists(st.sampled_from(WORDS), max_size=5), last=st.sampled_from(["", *WORDS]),
       shell=st.sampled_from(SHELLS))
def test_any_line_is_click_or_deferred(words, last, shell, monkeypatch):
    line = " ".join(["corpus", *words, last]) if last else " ".join(["corpus", *words]) + " "
    got = fast(shell, line)
    if got is not None:
        assert got == by_click(shell, line, monkeypatch), line


@pytest.mark.parametrize("how", ["env", "option", "cwd"])
def test_a_tab_imports_no_click_nor_pathlib(tmp_path, session_cache, how):
    """Neither click nor pathlib (with re, urllib.parse: ~12 ms of a ~30 ms TAB), however the
    corpus folder is named: $CORPUS_TUI_CORPUS, --corpus, or the working directory."""
    line = "corpus kwic --corpus . 未来" if how == "option" else "corpus kwic 未来"
    env = {**os.environ, **_env("bash", line), "CORPUS_TUI_CACHE": str(session_cache)}
    env.pop("CORPUS_TUI_CORPUS", None)
    if how == "env":
        env["CORPUS_TUI_CORPUS"] = str(REPO)
    code = ("import sys; from corpus_tui.cli.entry import main; main(); print(sorted(m for m in "
            "('click', 'jieba', 'rich', 'textual', 'pathlib', 're') if m in sys.modules), file=sys.stderr)")
    proc = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True,
                          cwd=REPO)
    assert proc.stderr.strip() == "[]"
    assert proc.stdout.splitlines()[0] == "plain,未来产业"
