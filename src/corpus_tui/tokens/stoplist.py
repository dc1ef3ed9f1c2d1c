"""The stop list and the punctuation/number filter used by frequency, collocation and keyness.

The shipped list (data/stopwords.txt) is curated for policy text: function words,
particles, pronouns and punctuation in both widths; content words such as 发展 产业 应用
加强 不 are deliberately absent (reference/corpus-text.md, "Stop words"). Lines starting
with '#' are comments, so '#' itself is caught by :func:`is_punct` instead.
"""

from __future__ import annotations

import os
import unicodedata
from functools import lru_cache

from corpus_tui.errors import CorpusError

# os.path, not pathlib: freq, cooc and diff import this module on every warm run (~10 ms).
DEFAULT_PATH = os.path.join(os.path.dirname(os.path.dirname(os.path.realpath(__file__))), "data", "stopwords.txt")


def _cjk_only(word: str) -> bool:
    """Every character is in the CJK ideograph blocks (U+3400–9FFF, U+F900–FAFF). A loop, not a
    regular expression: compiling a class over these ranges costs ~2 ms, paid by every command."""
    return all("\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff" for c in word)


def parse_stopwords(text: str) -> frozenset[str]:
    """One entry per line; blank lines and lines starting with '#' are skipped."""
    out = set()
    for line in text.splitlines():
        word = line.strip()
        if word and not word.startswith("#"):
            out.add(word)
    return frozenset(out)


@lru_cache(maxsize=8)
def load_stopwords(path: str | None = None) -> frozenset[str]:
    """The shipped list, or the list in ``path`` (which replaces it, not adds to it)."""
    p = os.path.expanduser(path) if path else DEFAULT_PATH
    try:
        with open(p, encoding="utf-8-sig") as fh:
            text = fh.read()
    except FileNotFoundError:
        raise CorpusError(f"--stopwords: no such file: {p}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise CorpusError(f"--stopwords: cannot read {p}: {exc}") from None
    return parse_stopwords(text)


@lru_cache(maxsize=8)
def in_scripts(words: frozenset[str], folded: bool) -> frozenset[str]:
    """The stop list as the index's words are written: over a folded index each entry's
    Simplified view (a Traditional list works as well), otherwise each entry in both
    scripts (这 stops 這 too)."""
    from corpus_tui.corpus.script import fold_script, variants

    if folded:
        return frozenset(words | {fold_script(w) for w in words})
    return frozenset(f for w in words for f in variants(w))


def stoplist_name(path: str | None, enabled: bool = True) -> str:
    """How a table's notes name the stop list in force."""
    if not enabled:
        return "none"
    return f"{os.path.basename(os.path.normpath(path))} (user file)" if path else "shipped (data/stopwords.txt)"


def is_punct(word: str) -> bool:
    """True if every character is punctuation, a symbol or a space (either width: ， , 、 — # ■)."""
    return bool(word) and all(unicodedata.category(c)[0] in "PSZC" for c in word) and not _cjk_only(word)


def is_number(word: str) -> bool:
    """True for numerals in digits of any width, with signs/points/percent: 2026 ２０２６ 3.5% ①.

    Chinese numerals written in ideographs (一 二 十 百) are words, not numbers, here.
    """
    cats = [unicodedata.category(c)[0] for c in word]
    return "N" in cats and all(k in "NPSZ" for k in cats) and not _cjk_only(word)


def is_punct_or_number(word: str) -> bool:
    return is_punct(word) or is_number(word)
