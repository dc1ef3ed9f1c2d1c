"""Lines written as they are made: `corpus kwic TERM | head -n 3` gives the first three lines
of the whole output, exactly, and ends quietly (no traceback, no "Broken pipe"), through the
fast path and click: exit 1 as click's standalone mode gives when a write fails because the
reader went away, 0 when the kernel took every write before it left (a write blocked on a
full pipe returns the bytes it moved when the reader closes; only the next one fails)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

BIN = Path(sys.executable).parent


def sh(cmd: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}")
    return subprocess.run(["bash", "-c", cmd], capture_output=True, text=True, env=env, timeout=300)


@pytest.fixture(autouse=True)
def built(seed_index):
    return seed_index


# "的": thousands of hits, megabytes of output: far more than a pipe holds, so the reader
# is gone long before the last line
COMMANDS = [
    "kwic 的", "kwic 的 --tsv", "kwic 的 --json", "kwic 的 --nl", "kwic 的 --csv --meta", "kwic 的 产业 --tsv --width 5",
    "kwic -- 的",  # `--`: click reads the line, not the fast path
    "search 的 --tsv", "search 的", "search -- 的",
]


@pytest.mark.parametrize("command", COMMANDS)
def test_head_gets_the_first_lines_exactly_and_the_writer_ends_quietly(command, tmp_path):
    whole = tmp_path / "whole.txt"
    full = sh(f"corpus {command} > {whole}")
    assert full.returncode == 0 and full.stderr == "", full.stderr
    expected = whole.read_text(encoding="utf-8").splitlines(keepends=True)
    assert len(expected) > 900
    r = sh(f"corpus {command} | head -n 3; echo \"exit=${{PIPESTATUS[0]}}\"")
    assert r.stderr == ""
    lines = r.stdout.splitlines(keepends=True)
    assert lines[:3] == expected[:3] and lines[3:] in (["exit=1\n"], ["exit=0\n"])


def test_the_whole_output_through_a_pipe_is_the_output_to_a_file(tmp_path):
    for command in ("kwic 人工智能 新赛道", "kwic 人工智能 --json", "search 人工智能 --tsv"):
        (tmp_path / "f.txt").unlink(missing_ok=True)
        to_file = sh(f"corpus {command} > {tmp_path / 'f.txt'}; echo $?")
        piped = sh(f"corpus {command} | cat; echo \"exit=${{PIPESTATUS[0]}}\"")
        assert to_file.stdout == "0\n" and piped.stderr == ""
        assert piped.stdout == (tmp_path / "f.txt").read_text(encoding="utf-8") + "exit=0\n"
