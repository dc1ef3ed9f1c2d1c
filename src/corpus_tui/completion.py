"""Dynamic shell completion: ids, groups, outlets from INDEX.md; terms from the saved index.

Runs on every TAB, so it reads two small files and imports no click, jieba, rich or textual
— nor core.index or core.query, which pull in the normaliser and tokenizer modules (~35 ms).
`candidates` is what both callers use: corpus_tui.fastcomplete, which answers a TAB before
click is imported, and `complete`, the click `shell_complete=` callback it falls back to.
It never builds an index and never prints: anything on stdout would become a candidate
and anything on stderr would smear the user's prompt, so both are muted while a callback
runs and every failure returns no candidates.

Terms come from the newest index saved for the corpus folder, found through the pointer
file `<cache>/index/latest-<slot>.json` that core.index writes after a build (completion
never hashes the corpus to find the current index). No index yet: no term candidates.
"""

from __future__ import annotations

import contextlib
import io
import json
from array import array
from pathlib import Path

MAX_TERMS = 60

# The same tuple as core.query.SORT_KEYS, copied so `--sort <TAB>` does not import the query
# and index modules; tests/test_completion.py fails if the two drift apart.
SORT_KEYS = ("doc", "1L", "2L", "3L", "1R", "2R", "3R", "1L1R", "1R2R", "1L2L", "node")


def complete(kind: str, ctx, incomplete: str) -> list:
    """The click callback: candidates of one kind as CompletionItems; [] on any problem."""
    from click.shell_completion import CompletionItem

    return [CompletionItem(v, help=h) for v, h in candidates(kind, params_of(ctx), incomplete)]


def candidates(kind: str, params: dict, incomplete: str) -> list[tuple[str, str | None]]:
    """(value, help) of one kind ("ids", "groups", "outlets", "terms", "sort"); [] on any problem.

    ``params`` are the options given so far (only "corpus" and "cache_dir" are read)."""
    sink = io.StringIO()
    try:
        with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
            return _candidates(kind, params, incomplete or "")
    except Exception:  # noqa: BLE001 - a broken corpus or cache must never break the user's shell
        return []


def _candidates(kind: str, params: dict, incomplete: str) -> list[tuple[str, str | None]]:
    if kind == "sort":
        return [(k, None) for k in SORT_KEYS if k.startswith(incomplete)]
    if kind == "terms":
        return _terms(params, incomplete)
    if kind not in ("ids", "groups", "outlets"):
        return []
    from corpus_tui.core.catalog import load_catalog, resolve_root  # ~8 ms: parses INDEX.md

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


def _label(*parts: str) -> str:
    return " · ".join(p for p in parts if p)[:60]


def _terms(params: dict, incomplete: str) -> list[tuple[str, str | None]]:
    from corpus_tui.core.cache import cache_root
    from corpus_tui.core.corpusroot import resolve_root

    folder = latest_index_folder(resolve_root(params.get("corpus")), cache_root(params.get("cache_dir")))
    if folder is None:
        return []
    vocab, _tags = json.loads((folder / "vocab.json").read_text("utf-8"))
    freq = array("i")
    freq.frombytes((folder / "freq.i32").read_bytes())
    if len(freq) != len(vocab):
        return []
    matches = [(freq[i], w) for i, w in enumerate(vocab) if w.startswith(incomplete) and _is_term(w)]
    matches.sort(key=lambda fw: (-fw[0], fw[1]))
    return [(w, f"freq {f}") for f, w in matches[:MAX_TERMS]]


def latest_index_folder(root: Path, cache: Path) -> Path | None:
    """The folder core.index.latest_index_folder names, without importing core.index.

    The slot is core.index.corpus_slot (sha256 of the resolved corpus path, 12 hex digits);
    a test checks both functions agree on a freshly built index.
    """
    from corpus_tui.core.cache import sha256_bytes

    slot = sha256_bytes(str(root.resolve()).encode())[:12]
    try:
        data = json.loads((cache / "index" / f"latest-{slot}.json").read_text("utf-8"))
        key = data["key"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not isinstance(key, str) or not key or "/" in key or "\\" in key or key.startswith("."):
        return None
    folder = cache / "index" / key
    return folder if (folder / "meta.json").is_file() else None


def _is_term(word: str) -> bool:
    return any(ch.isalnum() for ch in word) and not word.isdigit()
