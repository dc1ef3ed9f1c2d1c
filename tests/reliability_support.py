"""Helpers shared by the tests/test_reliability_*.py files (docs/RELIABILITY.md lists them).

Every CLI check goes through `run`, which keeps stdout and stderr apart, and through
`one_line`/`warnings_of`, which pin the shape of stderr: one `corpus: error:` line for a
failure, `corpus: warning:` lines for what was skipped, never a traceback.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from clipaths import PATHS

# What must never reach a terminal raw: ESC (CSI/OSC start), 8-bit CSI, BEL, bidi overrides,
# embeddings and isolates, line/paragraph separators.
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


_path = {"now": "click"}


@pytest.fixture(params=sorted(PATHS))
def cli_path(request):
    """Use in a module (pytestmark) to run every `run` twice: through click, and through
    fastcli as the `corpus` entry point does."""
    _path["now"] = request.param
    yield request.param
    _path["now"] = "click"


def run(args, corpus: Path | None = None, cache: Path | None = None, input=None):
    argv = list(args)
    if corpus is not None:
        argv += ["--corpus", str(corpus)]
    if cache is not None:
        argv += ["--cache-dir", str(cache)]
    return CliRunner().invoke(PATHS[_path["now"]], argv, input=input, prog_name="corpus")


def no_traceback(result) -> None:
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout, result.stderr
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"uncaught {result.exception!r}") from result.exception


def one_line(result, kind: str = "error") -> str:
    """stderr is exactly one line `corpus: <kind>: ...`; return the message after the prefix."""
    no_traceback(result)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    prefix = f"corpus: {kind}: "
    assert lines[0].startswith(prefix), lines[0]
    return lines[0][len(prefix):]


def warnings_of(result) -> list[str]:
    """Every stderr line is a `corpus: warning:` line; return their messages."""
    no_traceback(result)
    lines = result.stderr.splitlines()
    assert all(l.startswith("corpus: warning: ") for l in lines), result.stderr
    return [l[len("corpus: warning: "):] for l in lines]


def tsv_rows(stdout: str) -> list[dict]:
    lines = stdout.splitlines()
    head = lines[0].split("\t")
    return [dict(zip(head, l.split("\t"))) for l in lines[1:]]


def tree_hashes(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file() and not p.is_symlink()}


def write_index(root: Path, rows: list[str], header: str = "| id | file | title | encoding |") -> None:
    cols = header.count("|") - 1
    text = "# test corpus\n\n## Files\n\n" + header + "\n" + "|---" * cols + "|\n" + "".join(r + "\n" for r in rows)
    (root / "INDEX.md").write_text(text, encoding="utf-8")
