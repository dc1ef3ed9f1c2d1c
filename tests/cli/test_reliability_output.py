"""Writing the results fails (a full disk, a closed stdout), and --terms-from of a file
without end: one error line, its own exit code, no traceback (docs/RELIABILITY.md, H)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from reliability_support import cli_path, one_line, run  # noqa: F401

BIN = Path(sys.executable).parent
pytestmark = pytest.mark.usefixtures("cli_path")


def sh(cmd: str, click_only: bool) -> subprocess.CompletedProcess:
    env = dict(os.environ, PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}")
    env.pop("CORPUS_TUI_CLICK_ONLY", None)
    if click_only:
        env["CORPUS_TUI_CLICK_ONLY"] = "1"
    return subprocess.run(["bash", "-c", cmd], capture_output=True, text=True, env=env, timeout=120)


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("cmd", ["corpus kwic 未来产业 >/dev/full", "corpus kwic 未来产业 --json >/dev/full",
                                 "corpus show wlcy-jiangsu >/dev/full", "corpus freq --top 5 >/dev/full",
                                 "corpus index >/dev/full", "corpus --help >/dev/full", "corpus kwic --help >/dev/full",
                                 "corpus kwic 未来产业 >&-", "corpus list --tsv >&-", "corpus show wlcy-jiangsu >&-"])
def test_a_failed_write_is_one_line_and_exit_74(cmd, seed_index, cli_path):
    r = sh(cmd, click_only=cli_path == "click")
    reason = "standard output is closed" if cmd.endswith(">&-") else "No space left on device"
    assert r.stderr == f"corpus: error: cannot write the output: {reason}\n"
    assert r.returncode == 74


def test_a_pipe_closed_early_still_ends_quietly(seed_index, cli_path):
    r = sh("corpus kwic 发展 | head -1 >/dev/null; echo ${PIPESTATUS[0]}", click_only=cli_path == "click")
    assert r.stderr == "" and r.stdout.strip() in ("0", "1")


def test_terms_from_a_file_without_end_is_bounded(tmp_path, seed_index):
    result = run(["kwic", "--terms-from", "/dev/zero", "--count"])
    assert one_line(result) == "--terms-from: /dev/zero is larger than 1 MB; give at most 10000 terms"
    assert result.exit_code == 2
    many = tmp_path / "many.txt"
    many.write_text("".join(f"词{i}\n" for i in range(10_001)), encoding="utf-8")
    result = run(["search", "--terms-from", str(many)])
    assert one_line(result) == "--terms-from: 10001 terms; give at most 10000"
    result = run(["kwic", "--terms-from", "-", "--count"], input="未来产业\n" * 20_000)
    assert one_line(result) == "--terms-from: 20000 terms; give at most 10000"
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes("新赛道\n未来产业\n".encode("gbk"))
    result = run(["kwic", "--terms-from", str(gbk), "--count"])
    assert one_line(result) == (f"--terms-from {gbk}:1: not UTF-8 text (byte 0); "
                                "convert it, e.g. iconv -f gb18030 -t utf-8")
    assert result.exit_code == 2
    result = run(["kwic", "--terms-from", str(tmp_path / "none.txt"), "--count"])
    assert one_line(result) == f"--terms-from: no such file: {tmp_path / 'none.txt'}"


# --------------------------------------------------------------------------- decided "questionable" cases

def test_an_invisible_character_of_the_query_is_shown_in_the_count_table(seed_index):
    result = run(["kwic", "\u200b新赛道", "--count"])
    assert result.exit_code == 0 and "\u200b" not in result.stdout
    assert result.stdout.splitlines()[1].startswith("<U+200B>新赛道   107")
    tsv = run(["kwic", "\u200b新赛道", "--count", "--tsv"])
    assert tsv.stdout.splitlines()[1].startswith("\u200b新赛道\t107\t")  # data formats keep the term as typed


def test_an_empty_cache_dir_is_a_usage_error(seed_index):
    result = run(["kwic", "新赛道", "--cache-dir", ""])
    assert one_line(result) == "--cache-dir: empty path (leave the option out for the default cache)"
    assert result.exit_code == 2 and result.stdout == ""


def test_limit_zero_is_a_usage_error_not_zero_hits(seed_index):
    result = run(["kwic", "新赛道", "--limit", "0"])
    assert one_line(result) == ("Invalid value for '--limit': 0 is not in the range x>=1. (see 'corpus kwic --help')")
    assert result.exit_code == 2
