"""The house by stage (docs/ARCHITECTURE.md): the import graph has no cycle, data flows one
way through the stages, the stages import no shell, and no module or folder grows past
what a newcomer can read. Imports inside functions count: a deferred import is still a
dependency, only a later one."""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import REPO

SRC = REPO / "src" / "corpus_tui"
# Stages in the order data flows; a stage may import itself and the ones before it.
STAGES = ("corpus", "tokens", "index", "query", "stats", "coding")
SHARED = ("errors", "records", "results", "cells")  # plain values every layer may use
SHELL_LIBS = ("click", "rich", "textual")
MAX_LINES = 450
MAX_MODULES = 15
GENERATED = {"cli/fast_spec.py", "cli/completion_spec.py"}


def _modules() -> dict[str, Path]:
    out = {}
    for path in SRC.rglob("*.py"):
        parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


def _imports(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """Every module of the package and every top-level library this module imports."""
    found = set()
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(up + ([base] if base else []))
            targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base for a in node.names]
        else:
            continue
        for t in targets:
            while t not in modules and "." in t and t.startswith("corpus_tui."):
                t = t.rsplit(".", 1)[0]
            found.add(t if t.startswith("corpus_tui") else t.split(".")[0])
    found.discard(name)
    return found


def _graph():
    modules = _modules()
    return modules, {m: _imports(m, p, modules) for m, p in modules.items()}


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    index, low, stack, on, out = {}, {}, [], set(), []

    def visit(v):  # Tarjan's strongly connected components
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in edges.get(v, ()):
            if w not in edges:
                continue
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return out


def _stage(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in STAGES else None


def test_the_import_graph_has_no_cycle():
    _, edges = _graph()
    assert _cycles(edges) == []


def test_the_cycle_finder_finds_a_deferred_cycle():
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _cycles(edges) == [["a", "b", "c"]]


def test_stages_import_only_earlier_stages_and_no_shell():
    _, edges = _graph()
    wrong = []
    for module, deps in sorted(edges.items()):
        stage = _stage(module)
        if stage is None:
            continue
        for dep in sorted(deps):
            if dep in SHELL_LIBS:
                wrong.append(f"{module} imports {dep}")
            elif dep.startswith("corpus_tui."):
                top = dep.split(".")[1]
                if top in STAGES:
                    if STAGES.index(top) > STAGES.index(stage):
                        wrong.append(f"{module} imports the later stage {dep}")
                elif top not in SHARED and dep != "corpus_tui":
                    wrong.append(f"{module} imports the shell module {dep}")
    assert wrong == []


def test_jieba_is_imported_only_inside_tokens():
    _, edges = _graph()
    outside = sorted(m for m, deps in edges.items() if {"jieba", "rjieba"} & deps and _stage(m) != "tokens")
    assert outside == []


def test_no_hand_written_module_over_450_lines_and_no_crowded_folder():
    modules, _ = _graph()
    long = [f"{p.relative_to(SRC)}: {n}" for p in modules.values()
            if str(p.relative_to(SRC)) not in GENERATED and (n := len(p.read_text("utf-8").splitlines())) > MAX_LINES]
    crowded = [str(d.relative_to(SRC)) for d in {p.parent for p in modules.values()}
               if len([f for f in d.glob("*.py") if f.name != "__init__.py"]) > MAX_MODULES]
    assert (sorted(long), crowded) == ([], [])


def test_every_package_says_what_it_owns_and_tests_mirror_the_stages():
    undocumented = [str(p.relative_to(SRC)) for p in SRC.rglob("__init__.py")
                    if p.parent.name in STAGES + ("cli", "tui") and not ast.get_docstring(ast.parse(p.read_text("utf-8")))]
    assert undocumented == []
    present = {p.name for p in SRC.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    missing_tests = sorted(s for s in present & set(STAGES + ("cli", "tui")) if not (REPO / "tests" / s).is_dir())
    assert missing_tests == []
