"""Clean text -> tokens, through a private jieba Tokenizer with the domain dictionary.

The only module that imports jieba (or rjieba), and only when a tokenizer is made: import
plus dictionary load cost ~0.7 s, which a query over a built index never pays.

Two tokenizers: "jieba" (the reference) and "rjieba" (the jieba-rs binding, an optional
extra, ~20x faster). rjieba keeps ASCII runs joined by '-' or '.' whole with HMM on
(2026-01-06, 5-10, www.example.com) where jieba splits them; those tokens are split again
with jieba's own rule (finalseg's re_skip), which makes the tokens identical to jieba's on
the bundled corpus (tests/tokens/test_tokenizer_rjieba.py). Part-of-speech tags come from jieba's
dictionary file plus the user dictionaries for both, so they do not depend on the choice.
"""

from __future__ import annotations

import os
import re
import sys
from collections import namedtuple
from pathlib import Path

from corpus_tui.tokens.jieba_dict import jieba_dict_file
from corpus_tui.tokens.version import package_userdict_str, tokenizer_version

TOKENIZERS = ("jieba", "rjieba")
# jieba's user dictionary line (jieba.re_userdict) and its rule for non-Chinese runs
# (jieba.finalseg.re_skip), copied so rjieba reads the same dictionaries and splits alike.
# Source strings only: compiled on first use (re caches them), so a query that imports this
# module for TokenizerSpec pays no regex compilation.
_USERDICT_RE = "^(.+?)( [0-9]+)?( [a-z]+)?$"
_SKIP_RE = r"([a-zA-Z0-9]+(?:\.\d+)?%?)"
_HAN_RE = "[\u4E00-\u9FD5]"


def package_userdict() -> Path:
    return Path(package_userdict_str())


SCRIPT_MODES = ("fold", "exact")


class TokenizerSpec(namedtuple("TokenizerSpec", "name userdicts hmm script", defaults=(True, "fold"))):
    """What decides the tokens: part of the cache key and of every result's provenance."""

    __slots__ = ()
    # name: str
    # userdicts: tuple[Path, ...]
    # hmm: bool = True
    # script: str = "fold"  -- tokens of the Simplified view (corpus.script) or of the text as written


def userdict_entries(spec: TokenizerSpec) -> list[tuple[str, int | None, str | None]]:
    """The user dictionaries' entries in both scripts: folded, the text is Simplified and a
    Traditional entry (未來產業) is added as 未来产业; exact, each entry is added in its
    Simplified, Traditional and Taiwan forms too, so the dictionaries apply to both scripts."""
    from corpus_tui.corpus import script

    out = []
    for path in spec.userdicts:
        for word, freq, tag in read_userdict(path):
            forms = script.variants(word) if spec.script == "exact" else [script.fold_script(word)]
            out.extend((form, freq, tag) for form in forms if form != word)
    return out


def _import_jieba():
    """import jieba without pkg_resources: jieba only uses it to open dict.txt and falls
    back to open() when it is missing; with setuptools installed the import costs ~95 ms."""
    if "jieba" in sys.modules:
        return sys.modules["jieba"]
    missing = "pkg_resources" not in sys.modules
    if missing:
        sys.modules["pkg_resources"] = None  # makes `import pkg_resources` raise ImportError
    try:
        import jieba
    finally:
        if missing:
            sys.modules.pop("pkg_resources", None)
    return jieba


def dictionary_tags(words, userdicts: tuple[Path, ...], dict_file: Path | None = None) -> list[str]:
    """A part-of-speech tag per word from jieba's dictionary; user dictionary tags win.

    The same table jieba.posseg.POSTokenizer builds (word_tag_tab, updated with the user
    dictionaries' tags), read only for the words asked: jieba.posseg parses the 350 000-line
    dictionary twice (once at import) and cost ~1.3 s of a 3 s build.
    """
    return tags_of(words, tag_table(userdicts, dict_file, set(words)))


def tag_table(userdicts: tuple[Path, ...], dict_file: Path | None = None, want: set | None = None) -> dict[str, str]:
    """word -> tag from jieba's dictionary then the user dictionaries, for the words in
    ``want`` (all of them when None: a build computes it before it knows its words)."""
    table: dict[str, str] = {}
    data = (dict_file or jieba_dict_file()).read_bytes().decode("utf-8")
    flat = data.split()
    nonblank = data.count("\n") + (not data.endswith("\n")) - data.count("\n\n") - data.startswith("\n")
    if len(flat) == 3 * nonblank and data.count(" ") == 2 * nonblank and "\t" not in data and "\r" not in data:
        # Every line is exactly "word freq tag" (jieba's dict.txt is): pair words and tags
        # with C-level slicing instead of a Python step for each of the 350 000 lines.
        dict_words = flat[0::3]
        if want is None:
            table = dict(zip(dict_words, flat[2::3]))
        else:
            from itertools import compress

            table = dict(compress(zip(dict_words, flat[2::3]), map(want.__contains__, dict_words)))
    else:
        for line in data.split("\n"):
            line = line.strip()
            if want is None or line.partition(" ")[0] in want:
                parts = line.split(" ")
                if not line:
                    continue
                if len(parts) != 3:
                    raise ValueError(f"invalid POS dictionary entry: {line}")
                table[parts[0]] = parts[2]
    from corpus_tui.corpus.script import variants

    for path in userdicts:
        for word, _freq, tag in read_userdict(path):
            if not tag:
                continue
            for form in variants(word):  # the entry in both scripts, as the tokenizer adds it
                if want is None or form in want:
                    table[form] = tag
    return table


def tags_of(words, table: dict[str, str]) -> list[str]:
    out = []
    for w in words:
        tag = table.get(w)
        if tag is None:
            tag = _guess_tag(w)
        out.append(tag)
    return out


def read_userdict(path: Path) -> list[tuple[str, int | None, str | None]]:
    """(word, freq, tag) per line, parsed as jieba.Tokenizer.load_userdict parses it."""
    out = []
    with open(path, "rb") as fh:
        for raw in fh:
            line = raw.strip().decode("utf-8").lstrip("\ufeff")
            if not line:
                continue
            word, freq, tag = re.match(_USERDICT_RE, line).groups()
            out.append((word, int(freq.strip()) if freq is not None else None,
                        tag.strip() if tag is not None else None))
    return out


class JiebaTokenizer:
    def __init__(self, spec: TokenizerSpec, cache_dir: Path):
        import logging

        jieba = _import_jieba()  # deferred: ~50 ms import, ~0.6 s dictionary load below

        logging.getLogger("jieba").setLevel(logging.WARNING)
        jieba.setLogLevel(logging.WARNING)
        self.spec = spec
        self._t = jieba.Tokenizer()
        cache_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        # jieba's default cache sits in the shared temp dir (0600: a second user gets a
        # traceback) and is trusted unchecked; keep it in our own cache dir instead.
        self._t.tmp_dir = str(cache_dir)
        self._t.cache_file = "jieba.dict.cache"
        from corpus_tui.tokens import jieba_dict
        jieba_dict.initialize(self._t, cache_dir / self._t.cache_file)
        # add_word/load_userdict are not thread-safe: load every word before any use.
        for path in spec.userdicts:
            self._t.load_userdict(str(path))
        for word, freq, tag in userdict_entries(spec):
            self._t.add_word(word, freq, tag)
        from corpus_tui.tokens import jieba_cut
        # jieba's own cut, or the same algorithm without its generators (~1.8x faster).
        self._cut = None
        if spec.hmm and getattr(jieba, "__version__", None) == jieba_cut.SOURCE_VERSION:
            self._cut = jieba_cut.make_cut(self._t, jieba)

    def cut(self, text: str) -> tuple[list[str], list[int]]:
        """Tokens and their start offsets (code points), whitespace tokens dropped."""
        if self._cut is not None:
            return _drop_space(self._cut(text))
        return _drop_space(list(self._t.cut(text, HMM=self.spec.hmm)))

    def tags(self, words) -> list[str]:
        """A part-of-speech tag per word from jieba's dictionary (user dictionary tags win).

        Tags come from the dictionary, not from jieba.posseg's own re-segmentation, so
        each tag belongs to exactly the token in the index (posseg may cut differently).
        """
        main = Path(self._t.dictionary) if self._t.dictionary else None  # None: jieba's dict.txt
        return dictionary_tags(words, self.spec.userdicts, main)


class RjiebaTokenizer:
    """jieba-rs through rjieba: the same dictionary and user dictionaries, ~20x faster."""

    def __init__(self, spec: TokenizerSpec, cache_dir: Path):
        try:
            import rjieba  # deferred: builds its dictionary at import (~0.1 s)
        except ImportError:
            from corpus_tui.errors import CorpusError

            raise CorpusError("--tokenizer rjieba needs the rjieba package: pip install 'corpus-tui[rjieba]'") from None
        self.spec = spec
        self._t = rjieba.Jieba()
        for path in spec.userdicts:
            for word, freq, tag in read_userdict(path):
                self._t.add_word(word, freq, tag)
        for word, freq, tag in userdict_entries(spec):
            self._t.add_word(word, freq, tag)

    def cut(self, text: str) -> tuple[list[str], list[int]]:
        pieces = self._t.cut(text, self.spec.hmm)
        if self.spec.hmm:
            pieces = _resplit_ascii_runs(pieces)
        return _drop_space(pieces)

    def tags(self, words) -> list[str]:
        return dictionary_tags(words, self.spec.userdicts)


def _resplit_ascii_runs(pieces: list[str]) -> list[str]:
    """Split the pieces jieba would have split (no Han character, not alphanumeric, longer
    than one character: 2026-01-06, 5-10, www.a.cn) with jieba's finalseg re_skip rule.
    Only the non-alphanumeric pieces are looked at in Python (found with C-level maps)."""
    from itertools import compress
    from operator import not_

    han, skip = re.compile(_HAN_RE).search, re.compile(_SKIP_RE).split
    out: list[str] | None = None
    done = 0
    for i in compress(range(len(pieces)), map(not_, map(str.isalnum, pieces))):
        piece = pieces[i]
        if len(piece) > 1 and not piece.isspace() and not han(piece):
            if out is None:
                out = []
            out.extend(pieces[done:i])
            out.extend(sub for sub in skip(piece) if sub)
            done = i + 1
    if out is None:
        return pieces
    out.extend(pieces[done:])
    return out


def _drop_space(pieces: list[str]) -> tuple[list[str], list[int]]:
    """(words, starts) of pieces that cover a text: whitespace pieces dropped, starts as
    code points. C-level maps, no bytecode per token (a 100 MB build has ~17 M)."""
    from itertools import accumulate, compress
    from operator import not_

    starts = accumulate(map(len, pieces), initial=0)
    keep = list(map(not_, map(str.isspace, pieces)))
    return list(compress(pieces, keep)), list(compress(starts, keep))


def _guess_tag(word: str) -> str:
    if word.isdigit() or re.fullmatch(r"[\d.,%％]+", word):
        return "m"
    if word.isascii() and word.isalpha():
        return "eng"
    if all(not c.isalnum() for c in word):
        return "x"
    return "x"


def make_tokenizer(spec: TokenizerSpec, cache_dir: Path):
    if spec.name == "jieba":
        return JiebaTokenizer(spec, cache_dir)
    if spec.name == "rjieba":
        return RjiebaTokenizer(spec, cache_dir)
    from corpus_tui.errors import CorpusError

    raise CorpusError(f"unknown tokenizer {spec.name!r}; choose from {', '.join(TOKENIZERS)}")
