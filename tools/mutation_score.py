"""The mutation score per module from `mutmut results --all true` (tools/mutation.sh).

Killed = killed, timeout, segfault, caught by type check. Equivalent mutants are excluded
only when tools/mutation_excluded.txt names them with a reason ("NAME  reason"); every other
mutant counts, "no tests" and "not checked" ones as survivors.
"""

from __future__ import annotations

import sys
from collections import Counter, defaultdict
from pathlib import Path

KILLED = {"killed", "timeout", "segfault", "caught by type check"}
EXCLUDED_FILE = Path(__file__).with_name("mutation_excluded.txt")


def excluded() -> dict[str, str]:
    out = {}
    if EXCLUDED_FILE.is_file():
        for line in EXCLUDED_FILE.read_text("utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                name, _, reason = line.strip().partition(" ")
                if not reason.strip():
                    sys.exit(f"{EXCLUDED_FILE}: {name} has no reason")
                out[name] = reason.strip()
    return out


def scores(lines: list[str], modules: list[str]) -> dict[str, Counter]:
    skip = excluded()
    by_module: dict[str, Counter] = defaultdict(Counter)
    for line in lines:
        name, sep, status = line.strip().rpartition(": ")
        if not sep or "__mutmut_" not in name or name in skip:
            continue
        module = next((m for m in modules if name.startswith(m + ".")), None)
        if module is not None:
            by_module[module][status] += 1
    return by_module


def main() -> None:
    lines = Path(sys.argv[1]).read_text("utf-8").splitlines()
    modules = sys.argv[2:]
    for module, counts in scores(lines, modules).items():
        total = sum(counts.values())
        killed = sum(n for s, n in counts.items() if s in KILLED)
        survivors = {s: n for s, n in counts.items() if s not in KILLED}
        print(f"{module}: {killed}/{total} killed = {100 * killed / total:.1f} %  survivors: {survivors or 'none'}")


if __name__ == "__main__":
    main()
