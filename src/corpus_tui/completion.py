"""Dynamic shell completion: ids, groups, outlets from INDEX.md; terms from the saved index.

Runs on every TAB, so it reads two small files and imports no jieba, rich or textual.
It never builds an index and never prints: anything on stdout would become a candidate,
so every failure returns no candidates.
"""

from __future__ import annotations

import json
from array import array

from click.shell_completion import CompletionItem

MAX_TERMS = 60


def complete(kind: str, ctx, incomplete: str) -> list:
    try:
        return _complete(kind, ctx, incomplete or "")
    except Exception:  # noqa: BLE001 - a broken corpus must never break the user's shell
        return []


def _root_and_catalog(ctx):
    from corpus_tui.core.catalog import load_catalog, resolve_root

    params = _params(ctx)
    root = resolve_root(params.get("corpus"))
    return root, load_catalog(root)


def _params(ctx) -> dict:
    merged: dict = {}
    while ctx is not None:
        for k, v in (ctx.params or {}).items():
            merged.setdefault(k, v)
        ctx = ctx.parent
    return merged


def _complete(kind: str, ctx, incomplete: str) -> list:
    if kind == "sort":
        from corpus_tui.core.query import SORT_KEYS

        return [CompletionItem(k) for k in SORT_KEYS if k.startswith(incomplete)]
    if kind == "terms":
        return _terms(ctx, incomplete)
    root, cat = _root_and_catalog(ctx)
    if kind == "ids":
        items = [CompletionItem(d.id, help=_label(d.title, d.group)) for d in cat.documents]
        items += [CompletionItem(a.id, help=_label(a.title, a.outlet)) for a in cat.articles]
        return [i for i in items if i.value.startswith(incomplete)]
    if kind == "groups":
        return [CompletionItem(g) for g in cat.groups if g.startswith(incomplete)]
    if kind == "outlets":
        return [CompletionItem(o) for o in cat.outlets if o.startswith(incomplete)]
    return []


def _label(*parts: str) -> str:
    return " · ".join(p for p in parts if p)[:60]


def _terms(ctx, incomplete: str) -> list:
    from corpus_tui.core.cache import cache_root
    from corpus_tui.core.catalog import resolve_root
    from corpus_tui.core.index import latest_index_folder

    params = _params(ctx)
    root = resolve_root(params.get("corpus"))
    folder = latest_index_folder(root, cache_root(params.get("cache_dir")))
    if folder is None:
        return []
    vocab, _tags = json.loads((folder / "vocab.json").read_text("utf-8"))
    freq = array("i")
    freq.frombytes((folder / "freq.i32").read_bytes())
    matches = [(i, w) for i, w in enumerate(vocab) if w.startswith(incomplete) and _is_term(w)]
    matches.sort(key=lambda iw: (-freq[iw[0]], iw[1]))
    return [CompletionItem(w, help=str(freq[i])) for i, w in matches[:MAX_TERMS]]


def _is_term(word: str) -> bool:
    return any(ch.isalnum() for ch in word) and not word.isdigit()
