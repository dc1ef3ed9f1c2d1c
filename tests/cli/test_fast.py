"""fastcli runs the common command lines without click; these tests hold it to click.

1. parse_spec.py is what the click commands generate now (a stale table fails).
2. On ~4 000 generated command lines, fastcli either declines or gives exactly the
   parameters click gives; every line click refuses, fastcli declines.
3. The click command and fastcli call the same action with the same parameters.
4. A real `corpus kwic` process takes the fast path without importing click, and the
   pipe and exit-code behaviour of click's standalone mode holds.
The CLI tests (test_cli, test_cli_stats, test_reliability_input/query) also run every
command line through both paths (tests/clipaths.py).
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from clipaths import FAST
from corpus_tui.cli import fast as fastcli
from corpus_tui.cli.actions.common import CORPUS_PARAMS
from corpus_tui.corpus.options import CorpusOptions
from corpus_tui.cli import shell as cli_shell
from corpus_tui.cli.actions import reading
from corpus_tui.cli.actions import stats
from corpus_tui.cli.commands import cli
from corpus_tui.cli.fast_spec import COMMANDS

COMMON = [
    ["kwic", "新赛道"],
    ["kwic", "新赛道", "--count"],
    ["kwic", "未来产业", "--sort", "1R", "--width", "20", "-f", "json"],
    ["kwic", "新赛道", "--limit=50", "--tsv", "--doc", "xsd-liaowang", "--doc", "xsd-jiangxi"],
    ["kwic", "--terms-from", "-", "--count"],
    ["search", "新赛道", "人工智能", "--any", "--tsv"],
    ["search", "未来产业.{0,4}集群", "--regex", "--count"],
    ["freq", "--top", "20"],
    ["freq", "--by", "group", "--pos", "n", "--min-len", "2", "--ngram", "2"],
    ["cooc", "新赛道"],
    ["cooc", "新赛道", "--window", "3,3", "--measure", "mi3", "--explain"],
    ["cooc", "--matrix", "新赛道", "人工智能"],
    ["diff", "--a", "group=新赛道", "--b", "group=未来产业"],
    ["diff", "--terms", "新赛道", "未来产业", "--sources", "--by", "group"],
    ["list", "--tsv"],
    ["show", "wlcy-citic", "--line", "140"],
    ["index", "--status"],
    ["tui"],
]


def click_params(argv: list[str]) -> dict | None:
    """The parameters click's own parsing gives the command, or None if click refuses."""
    root = cli.make_context("corpus", [], resilient_parsing=True)
    cmd = cli.get_command(root, argv[0])
    try:
        with cmd.make_context(argv[0], list(argv[1:]), parent=root) as ctx:
            return dict(ctx.params)
    except (click.UsageError, click.exceptions.Exit):
        return None


def test_parse_spec_is_current():
    cli.load_all()
    assert Path(fastcli.__file__).with_name("fast_spec.py").read_text(encoding="utf-8") == \
        cli_shell.parse_spec_source(cli), "stale: run completions/generate.sh"


def test_every_command_but_completion_has_an_action():
    names = {name for name, cmd in cli.load_all().items() if not isinstance(cmd, click.Group)}  # `code`: click's
    assert set(COMMANDS) == set(fastcli.ACTIONS) == names - {"completion"}


@pytest.mark.parametrize("argv", COMMON, ids=lambda a: " ".join(a))
def test_common_command_lines_take_the_fast_path_with_clicks_parameters(argv):
    parsed = fastcli.parse(argv)
    assert parsed is not None
    assert parsed == (argv[0], click_params(argv))


def test_values_are_converted_as_click_converts_them():
    name, params = fastcli.parse(["kwic", "x", "--width", "007", "--limit", "010", "--doc", "a", "--doc", "b",
                                  "--tokenizer", "rjieba", "-e", "--nl"])
    assert (params["width"], params["limit"], params["docs"], params["tokenizer"], params["mode"], params["fmt"]) == \
        (7, 10, ("a", "b"), "rjieba", "regex", "jsonl")
    assert fastcli.parse(["diff", "--terms", "a", "b"])[1]["terms"] == ("a", "b")


@pytest.mark.parametrize("argv", [
    [], ["--help"], ["kwic", "-h"], ["kwic", "x", "--help"], ["-V"], ["completion", "bash"],
    ["kwic", "x", "--width", "0"], ["kwic", "x", "--width", "401"], ["kwic", "x", "--width", "+5"],
    ["kwic", "x", "--width", "５"], ["kwic", "x", "--tsv", "--json"], ["kwic", "x", "--count", "--count"],
    ["kwic", "x", "-ftsv"], ["kwic", "-ew", "x"], ["kwic", "--", "-x"], ["kwic", "x", "--sort"],
    ["kwic", "x", "--sort", "--count"], ["kwic", "x", "--count=1"], ["kwic", "x", "--format", "xml"],
    ["show"], ["show", "a", "b"], ["list", "extra"], ["diff", "--terms", "a"], ["diff", "--terms=a", "b"],
    ["kwic", "x", "--corpus", __file__], ["kwic", "x", "--userdict", "/"], ["kwic", "x", "--corpus", "a\0b"],
])
def test_declines_what_click_must_answer(argv):
    assert fastcli.parse(argv, isatty=lambda: False) is None


def test_corpus_alone_opens_the_tui_on_a_terminal_only():
    assert fastcli.parse([], isatty=lambda: True) == ("tui", click_params(["tui"]))
    assert fastcli.parse([], isatty=lambda: False) is None


def _random_lines(n: int, seed: int = 7):
    """Command lines built from the table: valid and invalid values, shared-destination
    flags, repeats, --opt=value, stray positionals, unknown options."""
    rng = random.Random(seed)
    here = str(Path(__file__).parent)
    pools = {
        "str": ["新赛道", "a,b", "3,3", "group=新赛道", "-", "-x", "", "n,v", "doc=a,b"],
        "int": ["0", "1", "2", "5", "50", "400", "401", "-1", "x", "1.5", "007", " 3", "٣"],
        "path": [here, __file__, "/nonexistent/path", "-", ""],
    }
    names = sorted(COMMANDS)
    for _ in range(n):
        name = rng.choice(names)
        opts = list(COMMANDS[name]["options"].items())
        argv = [name]
        for _ in range(rng.randint(0, 6)):
            r = rng.random()
            if r < 0.2:
                argv.append(rng.choice(["新赛道", "未来产业", "-", "", "--bogus", "-Z", "--", "a|b"]))
                continue
            opt, (dest, kind, how) = rng.choice(opts)
            if kind in ("flag", "defer"):
                argv.append(opt)
                continue
            if kind == "values":
                argv += [opt] + [rng.choice(pools["str"]) for _ in range(how[0] - (rng.random() < 0.1))]
                continue
            if how[0] == "choice":
                value = rng.choice([*how[1], "nope", how[1][0].upper()])
            else:
                value = rng.choice(pools.get(how[0], pools["str"]))
            if rng.random() < 0.2 and opt.startswith("--"):
                argv.append(f"{opt}={value}")
            else:
                argv += [opt, value] if rng.random() > 0.03 else [opt]
        yield argv


def test_generated_command_lines_match_click():
    taken = 0
    for argv in _random_lines(4000):
        fast = fastcli.parse(argv, isatty=lambda: False)
        expected = click_params(argv)
        if fast is not None:
            taken += 1
            assert expected is not None, f"click refuses {argv} but fastcli took it"
            assert fast == (argv[0], expected), argv
    assert taken > 800  # the table is exercised, not only the declines


@pytest.mark.parametrize("argv", COMMON, ids=lambda a: " ".join(a))
def test_click_and_fastcli_call_the_same_action(argv, monkeypatch):
    calls = []
    module, function = fastcli.ACTIONS[argv[0]]
    owner = {"reading": reading, "stats": stats}[module]
    monkeypatch.setattr(owner, function, lambda opts, **params: calls.append((opts, params)))
    for command in (cli, FAST):
        result = CliRunner().invoke(command, argv, prog_name="corpus", input="x\n")
        assert result.exit_code == 0, result.output
    parsed = dict(fastcli.parse(argv)[1])
    corpus = {k: parsed.pop(k) for k in CORPUS_PARAMS}
    expected = (CorpusOptions(**{**corpus, "tokenizer": corpus["tokenizer"] or "jieba", "script": corpus["script"] or "fold"}), parsed)
    assert len(calls) == 2 and calls[0] == calls[1] == expected


def _corpus(*args, env=None):
    code = "import sys; from corpus_tui.cli.entry import main; sys.argv[0] = 'corpus'; main()"
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, env=env, timeout=120)


def test_a_warm_query_process_does_not_import_click(cache_dir):
    env = {**os.environ, "CORPUS_TUI_CACHE": cache_dir}
    code = ("import sys; from corpus_tui.cli.entry import main; sys.argv[:] = ['corpus', 'kwic', '新赛道', '--count', "
            "'--tsv']\ntry:\n    main()\nfinally:\n    print('click' in sys.modules, 'jieba' in sys.modules, "
            "'textual' in sys.modules, file=sys.stderr)")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, env=env, timeout=120)
    assert r.returncode == 0, r.stderr
    assert r.stderr.decode().split() == ["False", "False", "False"]
    assert r.stdout.decode().splitlines()[0] == "term\thits\tfiles\tper_file"


def test_fast_path_errors_and_pipes_behave_as_click(cache_dir, tmp_path):
    env = {**os.environ, "CORPUS_TUI_CACHE": cache_dir}
    bad = _corpus("show", "no-such-id", env=env)
    clicked = _corpus("show", "no-such-id", env={**env, "CORPUS_TUI_CLICK_ONLY": "1"})
    assert (bad.returncode, bad.stdout) == (2, b"")
    assert bad.stderr == clicked.stderr and bad.stderr.decode().startswith("corpus: error: ")
    assert len(bad.stderr.decode().splitlines()) == 1
    # The reader of the pipe has gone (`| head` done) before the rows come: exit 1 and
    # nothing on stderr, as click's standalone mode does.
    code = ("import subprocess, sys\n"
            "p = subprocess.Popen([sys.executable, '-c', sys.argv[1], 'kwic', '新赛道', '--tsv', *sys.argv[2:]],"
            " stdout=subprocess.PIPE, stderr=subprocess.PIPE)\n"
            "p.stdout.close(); err = p.stderr.read(); print(p.wait(), repr(err))")
    entry = "import sys; from corpus_tui.cli.entry import main; sys.argv[0] = 'corpus'; main()"
    for extra in ([], ["--meta"]):
        r = subprocess.run([sys.executable, "-c", code, entry, *extra], capture_output=True, env=env, timeout=120)
        assert r.stdout.decode().split() == ["1", "b''"], r.stderr


@pytest.mark.parametrize("argv, after", [
    (["--corpus", "d", "kwic", "新赛道"], ["kwic", "新赛道", "--corpus", "d"]),
    (["--corpus=d", "--tokenizer", "rjieba", "freq", "--top", "3"], ["freq", "--top", "3", "--corpus=d", "--tokenizer", "rjieba"]),
    (["--cache-dir", "c", "list", "--tsv"], ["list", "--tsv", "--cache-dir", "c"]),
])
def test_corpus_options_before_the_command_read_as_after_it(argv, after):
    assert fastcli.parse(argv) == (after[0], click_params(after))


@pytest.mark.parametrize("argv", [
    ["--corpus", "d"], ["--corpus"], ["--bogus", "kwic", "x"], ["--corpus", "a", "kwic", "x", "--corpus", "b"],
    ["--corpus", "d", "--help"], ["--corpus", "d", "completion", "bash"],
])
def test_declines_other_lines_with_options_before_the_command(argv):
    assert fastcli.parse(argv, isatty=lambda: False) is None
