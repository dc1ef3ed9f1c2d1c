"""Dynamic shell completion: ids, groups, outlets from INDEX.md; terms from the saved index.

Runs on every TAB, so it reads two small files and imports no click, jieba, rich or textual
— nor index.saved or query.search, which pull in the normaliser and tokenizer modules (~35 ms).
`candidates` is what both callers use: corpus_tui.cli.fast_complete, which answers a TAB before
click is imported, and `complete`, the click `shell_complete=` callback it falls back to.
It never builds an index and never prints: anything on stdout would become a candidate
and anything on stderr would smear the user's prompt, so both are muted while a callback
runs and every failure returns no candidates.

Terms come from the newest index saved for the corpus folder, through the pointer file
`<cache>/index/latest-<slot>.terms` that index.saved writes when it builds or opens an index:
the index key, then the terms sorted with their frequencies. Completion never hashes the
corpus, opens the index or imports json or pathlib. No index yet: no term candidates.
"""

from __future__ import annotations

import io
import os
import sys
from bisect import bisect_left

MAX_TERMS = 60

# The same tuple as query.search.SORT_KEYS, copied so `--sort <TAB>` does not import the query
# and index modules; tests/cli/test_completion.py fails if the two drift apart.
SORT_KEYS = ("doc", "1L", "2L", "3L", "1R", "2R", "3R", "1L1R", "1R2R", "1L2L", "node")


def complete(kind: str, ctx, incomplete: str) -> list:
    """The click callback: candidates of one kind as CompletionItems; [] on any problem."""
    from click.shell_completion import CompletionItem

    return [CompletionItem(v, help=h) for v, h in candidates(kind, params_of(ctx), incomplete)]


def candidates(kind: str, params: dict, incomplete: str) -> list[tuple[str, str | None]]:
    """(value, help) of one kind ("ids", "groups", "outlets", "terms", "sort", "sides"); [] on any problem.

    ``params`` are the options given so far (only "corpus" and "cache_dir" are read)."""
    saved = sys.stdout, sys.stderr
    sys.stdout = sys.stderr = io.StringIO()  # not contextlib: ~3 ms of imports on every TAB
    try:
        return _candidates(kind, params, incomplete or "")
    except Exception:  # noqa: BLE001 - a broken corpus or cache must never break the user's shell
        return []
    finally:
        sys.stdout, sys.stderr = saved


def _candidates(kind: str, params: dict, incomplete: str) -> list[tuple[str, str | None]]:
    if kind == "sort":
        return [(k, None) for k in SORT_KEYS if k.startswith(incomplete)]
    if kind == "terms":
        return _terms(params, incomplete)
    if kind == "sides":
        return _sides(params, incomplete)
    if kind not in ("ids", "groups", "outlets"):
        return []
    from corpus_tui.corpus.catalog import load_catalog, resolve_root  # ~8 ms: parses INDEX.md

    cat = load_catalog(resolve_root(params.get("corpus")))
    if kind == "ids":
        items = [(d.id, _label(d.title, d.group)) for d in cat.documents]
        items += [(a.id, _label(a.title, a.outlet)) for a in cat.articles]
        return [i for i in items if i[0].startswith(incomplete)]
    names = cat.groups if kind == "groups" else cat.outlets
    return [(n, None) for n in names if n.startswith(incomplete)]


def params_of(ctx) -> dict:
    """Options given so far on the command line, innermost command first (--corpus, --cache-dir)."""
    merged: dict = {}
    while ctx is not None:
        for k, v in (ctx.params or {}).items():
            if v is not None:
                merged.setdefault(k, v)
        ctx = ctx.parent
    return merged


SIDE_KINDS = {"doc": "ids", "group": "groups", "outlet": "outlets"}


def _sides(params: dict, incomplete: str) -> list[tuple[str, str | None]]:
    """`diff --a/--b KEY=V[,V]`: the keys first, then the values of that key after the last comma."""
    key, sep, value = incomplete.partition("=")
    if not sep:
        return [(k + "=", None) for k in (*SIDE_KINDS, "since", "until") if k.startswith(key)]
    if key not in SIDE_KINDS:
        return []
    head, comma, last = value.rpartition(",")
    before = f"{key}={head}{comma}"
    return [(before + v, h) for v, h in _candidates(SIDE_KINDS[key], params, last)]


# Titles come from INDEX.md: a control character in one (an OSC sequence retitling the
# terminal, a newline breaking the shell's protocol) is shown as its picture, never sent raw.
_VISIBLE = {c: 0x2400 + c for c in range(0x20)} | {0x7F: 0x2421} | {c: 0xFFFD for c in range(0x80, 0xA0)}


def _label(*parts: str) -> str:
    return " · ".join(p for p in parts if p).translate(_VISIBLE)[:60]


def _terms(params: dict, incomplete: str) -> list[tuple[str, str | None]]:
    lines = _pointer_lines(params)
    if not lines:
        return []
    matches = []
    for i in range(bisect_left(lines, incomplete, 1), len(lines)):
        line = lines[i]
        if not line.startswith(incomplete):
            break
        word, _, freq = line.rpartition("\t")
        if word and freq.isdigit():
            matches.append((-int(freq), word))
    matches.sort()
    return [(w, f"freq {-f}") for f, w in matches[:MAX_TERMS]]


def _pointer_lines(params: dict) -> list[str]:
    """The pointer file's lines (key first) if it names an index that is still there."""
    from corpus_tui.index.cache import cache_root_str, sha256_bytes
    from corpus_tui.corpus.root import resolve_root_str

    root = os.path.realpath(resolve_root_str(params.get("corpus")))
    index = os.path.join(cache_root_str(params.get("cache_dir")), "index")
    try:
        with open(os.path.join(index, f"latest-{sha256_bytes(root.encode())[:12]}.terms"), encoding="utf-8") as fh:
            lines = fh.read().split("\n")
    except (OSError, ValueError):
        return []
    key = lines[0]
    if not key or "/" in key or "\\" in key or key.startswith(".") or \
            not os.path.isfile(os.path.join(index, key, "meta.json")):
        return []
    return lines


def latest_index_folder(root: "os.PathLike | str", cache: "os.PathLike | str") -> str | None:
    """The folder index.open.latest_index_folder names, without importing index.open (a
    test checks both agree; the slot is index.key.corpus_slot of the resolved path)."""
    lines = _pointer_lines({"corpus": str(root), "cache_dir": str(cache)})
    # a key is hex digits: nothing read back from the cache may name a path of its choosing
    return os.path.join(str(cache), "index", lines[0]) if lines and lines[0].isalnum() else None
