"""Both Chinese scripts: a Simplified view of any text, with a map back to the text.

``simplified(text)`` is what tokens, counts and searches see when scripts are folded (the
default): the text converted at phrase level, in two steps.

1. OpenCC's ``t2s`` (Traditional -> Simplified, phrases and characters; the C++ library:
   27-45 MB/s against 1-2.5 MB/s for the pure-Python ports, docs/PERFORMANCE.md). Its
   dictionaries map one character to one character, so the view keeps the length; should
   a future dictionary break that, a line that changes length falls back to characters
   one by one, and the map stays exact.
2. Taiwan phrase variants (data/tw_phrases.tsv: 人工智慧 -> 人工智能, 网际网路 -> 互联网),
   the longest match first. These change length, so each replaced phrase is one *unit* of
   the map. OpenCC's own ``tw2sp`` is not used: it also maps everyday mainland words
   (核心 -> 内核, 建立 -> 创建, 资料 -> 数据), see docs/gen_tw_phrases.py.

The same function folds a query, so 未來產業 and 未来产业 meet on 未来产业 and 人工智慧 and
人工智能 on 人工智能. Simplified text goes through it unchanged but for the Taiwan phrases
(a Simplified 网路 is folded too, as a query 网路 is).

The map: ``offsets[i]`` is the offset in the source text of view character ``i``, with
``len(view) + 1`` entries and ``offsets[len(view)] == len(source)``; it never decreases.
Outside replaced phrases it is the identity. In a phrase of L source characters shown as
M view characters, view character k maps to ``start + min(k, L - 1)``: one for one when
M == L, and the phrase's end is where the next character starts. ``offsets`` is None when
the view is the identity (all Simplified text without Taiwan phrases).

``script(text)`` names a text's script from the characters only one script uses.

Imports only the standard library and OpenCC (loaded on first use, ~10 ms).
"""

from __future__ import annotations

import array
import os
from collections import Counter, namedtuple

__all__ = [
    "SCRIPTS",
    "ScriptView",
    "compose",
    "fold_script",
    "script",
    "simplified",
    "source_span",
    "variants",
]

#: The script names ``script`` returns: no Han character at all is "none"; "mixed" is a
#: text where neither script has nine tenths of the script-specific characters.
SCRIPTS = ("simplified", "traditional", "mixed", "none")

#: Part of the index key of a folded index: a new phrase table or OpenCC dictionary
#: changes what is indexed.
SCRIPT_VERSION = "1"

_SAMPLE = 200_000  # characters ``script`` looks at: a document keeps one script
_MAJORITY = 0.9

_converters: dict[str, object] = {}
# os.path, not importlib.resources (~25 ms to import): a query folds its term on every run.
_DATA = os.path.join(os.path.dirname(os.path.dirname(os.path.realpath(__file__))), "data")
_SHORT = 256  # a query or a word: scanned in Python, no regex compiled
_T2S_CHARS: frozenset | None = None


def opencc_data_version() -> str:
    """The OpenCC version the data files were made from (the first line of t2s_chars.txt)."""
    with open(os.path.join(_DATA, "t2s_chars.txt"), encoding="utf-8") as fh:
        return fh.readline().strip("# \n")


def _t2s_chars() -> frozenset:
    """Every character in a key of OpenCC's t2s dictionaries (data/t2s_chars.txt): a short
    text with none of them is its own t2s, and OpenCC is not even loaded."""
    global _T2S_CHARS
    if _T2S_CHARS is None:
        with open(os.path.join(_DATA, "t2s_chars.txt"), encoding="utf-8") as fh:
            _T2S_CHARS = frozenset("".join(line.strip() for line in fh if not line.startswith("#")))
    return _T2S_CHARS


def _convert(config: str):
    conv = _converters.get(config)
    if conv is None:
        import opencc  # deferred: a query that folds no Han character never loads it

        conv = _converters[config] = opencc.OpenCC(config).convert
    return conv


def _safe(config: str, text: str) -> str:
    """OpenCC over ``text``; lone surrogates (undecodable bytes kept as data) are passed
    through around the converted pieces, since the library takes UTF-8."""
    conv = _convert(config)
    try:
        return conv(text)
    except UnicodeEncodeError:
        import re

        parts = re.split("([\ud800-\udfff]+)", text)
        return "".join(p if i % 2 else conv(p) for i, p in enumerate(parts))


def _chars_t2s(text: str) -> str:
    """Step 1: ``t2s`` with the length kept."""
    if len(text) <= _SHORT and _t2s_chars().isdisjoint(text):
        return text
    out = _safe("t2s", text)
    if len(out) == len(text):
        return out
    return "\n".join(map(_line_t2s, text.split("\n")))


def _line_t2s(line: str) -> str:
    out = _safe("t2s", line)
    if len(out) == len(line):
        return out
    return "".join(c if len(c) == 1 else s for s, c in zip(line, map(_char_t2s, line)))


def _char_t2s(ch: str) -> str:
    return _safe("t2s", ch)


# --------------------------------------------------------------------------- phrases

_PHRASES: dict[str, str] | None = None
_PHRASE_RE = None


def _phrase_table() -> dict[str, str]:
    global _PHRASES
    if _PHRASES is None:
        table = {}
        with open(os.path.join(_DATA, "tw_phrases.tsv"), encoding="utf-8") as fh:
            for line in fh:
                if line.strip() and not line.startswith("#"):
                    tw, cn = line.rstrip("\n").split("\t")
                    table[tw] = cn
        _PHRASES = table
    return _PHRASES


def _trie_pattern(words) -> str:
    """A regular expression matching the longest of ``words`` at a position: a trie of
    alternatives, so each position tries one branch per character, not every word."""
    import re

    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def pat(node: dict) -> str:
        alts = [re.escape(ch) + pat(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if "" in node:
            return (body if len(alts) > 1 else "(?:" + body + ")") + "?"
        return body

    return pat(trie)


def _phrase_re():
    global _PHRASE_RE
    if _PHRASE_RE is None:
        import re

        _PHRASE_RE = re.compile(_trie_pattern(_phrase_table()))
    return _PHRASE_RE


_MAX_PHRASE: int | None = None


def _short_spans(s: str, table: dict) -> list:
    """The phrase regex's matches (longest first, left to right) by dictionary look-ups:
    compiling the 500-phrase regex costs more than a query's whole search."""
    global _MAX_PHRASE
    if _MAX_PHRASE is None:
        _MAX_PHRASE = max(map(len, table), default=0)
    spans, i, n = [], 0, len(s)
    while i < n:
        for k in range(min(_MAX_PHRASE, n - i), 1, -1):
            rep = table.get(s[i:i + k])
            if rep is not None:
                spans.append((i, i + k, rep))
                i += k
                break
        else:
            i += 1
    return spans


# --------------------------------------------------------------------------- the view


class ScriptView(namedtuple("ScriptView", "text offsets")):
    """The Simplified view of a source text and its map (see the module docstring).
    A namedtuple, not typing.NamedTuple: a warm query folds its term through here, and
    typing imports re."""

    __slots__ = ()
    # text: str
    # offsets: array.array | None  -- typecode 'i', len(text) + 1 entries; None: identity


def _has_han(text: str) -> bool:
    # Below U+2E80 nothing converts: a Latin-only query or text never loads OpenCC.
    return max(text, default="") >= "\u2e80"


def simplified(text: str) -> ScriptView:
    """The Simplified view of ``text`` with its offsets into ``text``."""
    if not _has_han(text):
        return ScriptView(text, None)
    s1 = _chars_t2s(text)
    table = _phrase_table()
    if len(s1) <= _SHORT:
        spans = _short_spans(s1, table)
    else:
        spans = [(m.start(), m.end(), table[m.group()]) for m in _phrase_re().finditer(s1)]
    spans = [sp for sp in spans if sp[2] != s1[sp[0]:sp[1]]]
    if all(len(rep) == b - a for a, b, rep in spans):  # 人工智慧 -> 人工智能: one for one
        if not spans:
            return ScriptView(s1, None)
        parts, prev = [], 0
        for a, b, rep in spans:
            parts += (s1[prev:a], rep)
            prev = b
        parts.append(s1[prev:])
        return ScriptView("".join(parts), None)
    parts: list[str] = []
    offs = array.array("i")
    prev = 0
    for a, b, rep in spans:
        if a > prev:
            parts.append(s1[prev:a])
            offs.extend(range(prev, a))
        parts.append(rep)
        last = b - 1
        offs.extend(min(a + k, last) for k in range(len(rep)))
        prev = b
    parts.append(s1[prev:])
    offs.extend(range(prev, len(s1) + 1))
    return ScriptView("".join(parts), offs)


def fold_script(text: str) -> str:
    """The view's text alone: a query folded as the documents are."""
    return simplified(text).text


def compose(view_offsets: array.array | None, inner, n_view: int) -> array.array:
    """Offsets of the view's characters in whatever ``inner`` maps the source into (the
    normaliser's clean -> raw offsets, ``len(source) + 1`` entries): ``inner[view[i]]``
    for i in 0..n_view, ``len(view) + 1`` entries in all."""
    if view_offsets is None:
        return array.array("i", inner[: n_view + 1])
    return array.array("i", map(inner.__getitem__, view_offsets))


def source_span(view_offsets: array.array | None, a: int, b: int) -> tuple[int, int]:
    """The source span [start, end) that view characters [a, b) come from; a span that
    ends inside a replaced phrase ends with the phrase."""
    if view_offsets is None:
        return a, b
    start = view_offsets[a]
    if b <= a:
        return start, start
    end = view_offsets[b]
    last = view_offsets[b - 1]
    if end == last:  # b is inside a phrase that grew: run to the phrase's end
        n = len(view_offsets) - 1
        while b < n and view_offsets[b] == last:
            b += 1
        end = view_offsets[b]
    return start, max(end, last + 1)


# --------------------------------------------------------------------------- script


def script(text: str) -> str:
    """"simplified", "traditional", "mixed" or "none" (see ``SCRIPTS``), from a sample of
    the text: each distinct Han character counts as Traditional when ``t2s`` changes it,
    as Simplified when ``s2t`` does, weighted by how often it occurs."""
    sample = text[:_SAMPLE]
    counts = Counter(sample)
    han = [c for c in counts if c >= "\u2e80" and not c.isspace()]
    if not han:
        return "none"
    joined = "\n".join(han)
    t2s = _safe("t2s", joined).split("\n")
    s2t = _safe("s2t", joined).split("\n")
    if len(t2s) != len(han) or len(s2t) != len(han):
        return "mixed"
    trad = sum(counts[c] for c, t in zip(han, t2s) if t != c)
    simp = sum(counts[c] for c, s in zip(han, s2t) if s != c)
    if trad == 0 and simp == 0:
        return "simplified" if any("\u3400" <= c <= "\u9fff" or c >= "\U00020000" for c in han) else "none"
    share = trad / (trad + simp)
    if share >= _MAJORITY:
        return "traditional"
    if share <= 1 - _MAJORITY:
        return "simplified"
    return "mixed"


def variants(word: str) -> list[str]:
    """``word`` and its forms in the other script (Simplified, Traditional, Taiwan with
    phrases), without repeats: what a user-dictionary word or stop word becomes when
    scripts are not folded, so it applies to both."""
    out = [word]
    if _has_han(word):
        for form in (fold_script(word), _safe("s2t", word), _safe("s2twp", word)):
            if form and form not in out:
                out.append(form)
    return out
