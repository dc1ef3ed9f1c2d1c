"""Docs that cannot drift: the README names every command and option, and stays generated."""

import re
import subprocess
import sys

import click

from corpus_tui.cli.commands import cli

from conftest import REPO

README = (REPO / "README.md").read_text("utf-8")


def _commands() -> dict:
    """Every command, a group's subcommands by their full name (`code add`)."""
    out = {}
    for name, cmd in cli.load_all().items():
        out[name] = cmd
        if isinstance(cmd, click.Group):
            out.update((f"{name} {sub}", c) for sub, c in cmd.commands.items())
    return out


def test_every_command_and_option_is_in_the_readme():
    missing = []
    for name, cmd in _commands().items():
        if f"corpus {name}" not in README:
            missing.append(name)
        for p in cmd.params:
            if isinstance(p, click.Option):
                for opt in p.opts + p.secondary_opts:
                    if opt.startswith("--") and f"`{opt}" not in README and f" {opt}" not in README:
                        missing.append(f"{name} {opt}")
    assert missing == []


def test_command_reference_in_readme_is_current():
    proc = subprocess.run([sys.executable, str(REPO / "docs" / "gen_reference.py"), "--check"])
    assert proc.returncode == 0, "README.md is stale: run python docs/gen_reference.py"


def test_every_command_help_has_an_example():
    without = [n for n, c in _commands().items() if n not in ("tui",) and "Example" not in (c.help or "")]
    assert without == []


def test_readme_gives_exactly_two_setup_commands_and_ci_runs_the_test_one():
    blocks = re.findall(r"```sh\n(python3 -m venv .*?)\n```", README)
    assert len(blocks) == 2
    run_cmd, test_cmd = blocks
    assert run_cmd.endswith("corpus tui")
    assert test_cmd in (REPO / ".ci" / "run").read_text("utf-8")


def test_screenshots_referenced_by_the_readme_exist():
    for path in re.findall(r"!\[[^\]]*\]\(([^)]+)\)", README):
        assert (REPO / path).is_file(), path
