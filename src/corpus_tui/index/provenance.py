"""What produced a result: enough to reproduce it or to see that two results differ."""

from __future__ import annotations

from corpus_tui import __version__
from corpus_tui.index.saved import CorpusIndex


def provenance(idx: CorpusIndex, options: dict) -> dict:
    parts = idx.meta.get("key_parts", {})
    return {
        "tool": f"corpus_tui {__version__}",
        "corpus": str(idx.catalog.root),
        "corpus_hash": idx.key,
        "tokenizer": f"{parts.get('tokenizer')} {parts.get('tokenizer_version')} (HMM {'on' if parts.get('hmm') else 'off'})",
        "normalizer": parts.get("normalizer"),
        "userdicts": parts.get("userdicts"),
        "offsets": "code points in the clean text (start, end); line/column of the raw file, 1-based, column in code points",
        "options": {k: (list(v) if isinstance(v, tuple) else v) for k, v in options.items()},
    }
