"""Instructions of one warm command, counted by valgrind (callgrind): unlike wall time,
the count does not move with the machine's load, so two trees compare on a busy machine.

    python benchmarks/instructions.py SRC_A SRC_B [--click-only] [-- ARGS...]

Each SRC is a source folder (the `src` of a checkout); both run under this interpreter with
PYTHONPATH=SRC, bytecode compiled first (a stale .pyc compiles on every start when
PYTHONDONTWRITEBYTECODE is set), the index warmed by one run. Prints the median of 3.
"""

from __future__ import annotations

import compileall
import os
import re
import statistics
import subprocess
import sys

CODE = ("import sys; sys.argv = ['corpus', *sys.argv[1:]]\n"
        "try:\n    from corpus_tui.cli.entry import main\n"
        "except ImportError:\n    from corpus_tui.entry import main  # before the layout by stage\n"
        "main()")


def count(src: str, args: list[str], env: dict) -> int:
    cmd = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, "-c", CODE, *args]
    err = subprocess.run(cmd, env={**env, "PYTHONPATH": src}, capture_output=True, text=True).stderr
    return int(re.search(r"Collected : (\d+)", err).group(1))


def main() -> None:
    argv = sys.argv[1:]
    args = argv[argv.index("--") + 1:] if "--" in argv else ["kwic", "未来产业", "--limit", "50"]
    argv = argv[:argv.index("--")] if "--" in argv else argv
    click_only = "--click-only" in argv
    srcs = [a for a in argv if a != "--click-only"]
    env = dict(os.environ, CORPUS_TUI_CACHE=os.environ.get("CORPUS_TUI_CACHE", "/tmp/corpus-tui-instructions"))
    if click_only:
        env["CORPUS_TUI_CLICK_ONLY"] = "1"
    for src in srcs:
        compileall.compile_dir(src, quiet=1)
        subprocess.run([sys.executable, "-c", CODE, *args], env={**env, "PYTHONPATH": src}, capture_output=True)
    for src in srcs:
        runs = [count(src, args, env) for _ in range(3)]
        print(f"{src}: {statistics.median(runs) / 1e6:.1f} M instructions ({' '.join(args)})")


if __name__ == "__main__":
    main()
