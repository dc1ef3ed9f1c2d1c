"""Clean text -> tokens, through a private jieba Tokenizer with the domain dictionary.

The only module that imports jieba, and only when a tokenizer is made: import plus
dictionary load cost ~0.7 s, which a query over a built index never pays.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

TOKENIZERS = ("jieba",)
_SPACE_RE = re.compile(r"\s+")


def package_userdict() -> Path:
    return Path(str(resources.files("corpus_tui") / "data" / "userdict.txt"))


@lru_cache(maxsize=None)
def tokenizer_version(name: str = "jieba") -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return "unknown"


@dataclass(frozen=True)
class TokenizerSpec:
    """What decides the tokens: part of the cache key and of every result's provenance."""

    name: str
    userdicts: tuple[Path, ...]
    hmm: bool = True


class JiebaTokenizer:
    def __init__(self, spec: TokenizerSpec, cache_dir: Path):
        import jieba  # deferred: ~0.1 s import, ~0.6 s dictionary load below

        logging.getLogger("jieba").setLevel(logging.WARNING)
        jieba.setLogLevel(logging.WARNING)
        self.spec = spec
        self._t = jieba.Tokenizer()
        cache_dir.mkdir(parents=True, exist_ok=True)
        # jieba's default cache sits in the shared temp dir (0600: a second user gets a
        # traceback) and is trusted unchecked; keep it in our own cache dir instead.
        self._t.tmp_dir = str(cache_dir)
        self._t.cache_file = "jieba.dict.cache"
        self._t.initialize()
        # add_word/load_userdict are not thread-safe: load every word before any use.
        for path in spec.userdicts:
            self._t.load_userdict(str(path))

    def cut(self, text: str) -> tuple[list[str], list[int]]:
        """Tokens and their start offsets (code points), whitespace tokens dropped."""
        words: list[str] = []
        starts: list[int] = []
        pos = 0
        for piece in self._t.cut(text, HMM=self.spec.hmm):
            if not piece.isspace():
                words.append(piece)
                starts.append(pos)
            pos += len(piece)
        return words, starts

    def tags(self, words) -> list[str]:
        """A part-of-speech tag per word from jieba's dictionary (user dictionary tags win).

        Tags come from the dictionary, not from jieba.posseg's own re-segmentation, so
        each tag belongs to exactly the token in the index (posseg may cut differently).
        """
        from jieba.posseg import POSTokenizer

        pos = POSTokenizer(self._t)
        pos.makesure_userdict_loaded()  # merges the user dictionaries' tags over the built-in ones
        table = pos.word_tag_tab
        out = []
        for w in words:
            tag = table.get(w)
            if tag is None:
                tag = _guess_tag(w)
            out.append(tag)
        return out


def _guess_tag(word: str) -> str:
    if word.isdigit() or re.fullmatch(r"[\d.,%％]+", word):
        return "m"
    if word.isascii() and word.isalpha():
        return "eng"
    if all(not c.isalnum() for c in word):
        return "x"
    return "x"


def make_tokenizer(spec: TokenizerSpec, cache_dir: Path) -> JiebaTokenizer:
    if spec.name != "jieba":
        from corpus_tui.errors import CorpusError

        raise CorpusError(f"unknown tokenizer {spec.name!r}; choose from {', '.join(TOKENIZERS)}")
    return JiebaTokenizer(spec, cache_dir)
