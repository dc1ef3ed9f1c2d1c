"""Character folding with an offset map: full-width letters and punctuation to one form,
zero-width characters and stray spaces removed, so a query and the text it searches
compare equal. Used by the normaliser (corpus.normalize.clean) and by every search term.
A change to what folds changes clean text: bump normalize.NORMALIZER_VERSION with it."""

from __future__ import annotations

import array
import sys


# re.escape's table (Python 3.7+), so the patterns below are written without importing re.
_SPECIAL = {i: "\\" + chr(i) for i in b"()[]{}?*+-|^$\\.&~# \t\n\r\v\f"}


def _escape(text: str) -> str:
    return text.translate(_SPECIAL)


class _LazyRe:
    """A regular expression compiled on first use.

    The character classes below (all CJK blocks, astral planes) cost ~20 ms to compile,
    paid by every `corpus` command at import although a query over a built index only
    folds its search term (usually without touching a single regex, see ``fold``).
    """

    __slots__ = ("_args", "_rx")

    def __init__(self, pattern: str, flags: int = 0):
        self._args = (pattern, flags)
        self._rx = None

    def __getattr__(self, name):
        rx = self._rx
        if rx is None:
            import re  # on first use: a warm query whose term needs no folding never imports re

            rx = self._rx = re.compile(*self._args)
        return getattr(rx, name)


# --------------------------------------------------------------------------- classes

# CJK characters proper (ideographs, radicals, kana, bopomofo, hangul, 々 〇).
_H = (
    "\u1100-\u11ff\u2e80-\u2fdf\u3005\u3007\u3021-\u3029\u3038-\u303b"
    "\u3040-\u30ff\u3100-\u312f\u3130-\u318f\u31a0-\u31bf\u31c0-\u31ef\u31f0-\u31ff"
    "\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7af\ud7b0-\ud7ff\uf900-\ufaff"
    "\U00020000-\U0003134f"
)
# CJK punctuation / full-width forms ("strong" CJK context).
_P = "\u2026\u2014\u2015\u00b7\u3001-\u303f\ufe10-\ufe1f\ufe30-\ufe6f\uff01-\uff65\uffe0-\uffee"
# Quotes and marks shared by Chinese and latin text ("weak" CJK context).
_Q = "\u2018-\u201f"
# ASCII letters, digits, percent.
_A = "0-9A-Za-z%"

_H_CHAR = _LazyRe(f"[{_H}]")

_ZW = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_ZW_RE = _LazyRe(f"[{_ZW}]+")

# Blanks folded to " " (step 2); also stripped at line ends together with _ZW.
_BLANKS = "\t\x0b\x0c\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_STRIP = " " + _BLANKS + _ZW

_CANON_FW = "，；：（）！？"
_FW_MAP: dict[str, str] = {}
for _cp in range(0xFF01, 0xFF5F):
    _c = chr(_cp)
    if _c not in _CANON_FW:
        _FW_MAP[_c] = chr(_cp - 0xFEE0)
for _c in _BLANKS:
    _FW_MAP[_c] = " "
del _cp, _c
_FW_RE = _LazyRe("[" + _escape("".join(_FW_MAP)) + "]")

_HALF_PUNCT = ",;:()!?"
_PUNCT_MAP = dict(zip(_HALF_PUNCT, _CANON_FW))
_PUNCT_TABLE = str.maketrans(_PUNCT_MAP)
_RUN_CHARS = frozenset(_HALF_PUNCT + _CANON_FW + " ")
# A run of punctuation (either width, single spaces allowed) starting at a half-width one.
_PUNCT_RUN_RE = _LazyRe(
    f"[{_escape(_HALF_PUNCT)}](?: ?[{_escape(_HALF_PUNCT + _CANON_FW)}])*"
)
# CJK context for step 4.  The canonical full-width punctuation itself is *not* context,
# so folding never creates new context and one pass is a fixed point.
_CTX_RE = _LazyRe(
    f"[{_H}{_Q}\u2026\u2014\u2015\u00b7\u3001-\u303f\ufe10-\ufe1f\ufe30-\ufe6f"
    "\uff5f-\uff65\uffe0-\uffee]"
)

# A bracket pair is folded as a whole: "(3）" -> "（3）", "（a)" -> "（a）".
_OPEN_RE = _LazyRe(r"\((?=[^()（）\n]{0,40}）)")
_CLOSE_RE = _LazyRe(r"(（[^()（）\n]{0,40})\)")
_SPACES_RE = _LazyRe("  +")
_SPACE_DEL_RE = _LazyRe(
    f" (?:(?=[{_H}{_P}{_A}{_Q}])(?<=[{_H}{_P}] )"
    f"|(?=[{_H}{_P}])(?<=[{_A}{_Q}] )"
    f"|(?=[{_Q}])(?<=[{_Q}] ))"
)


def is_cjk(ch: str) -> bool:
    """True for one CJK character: Han ideograph (all blocks), radical, kana, bopomofo,
    hangul, 々 or 〇.  CJK punctuation is *not* included."""
    return len(ch) == 1 and _H_CHAR.match(ch) is not None


# --------------------------------------------------------------------------- offsets


_IDENT = array.array("i")


def _identity(n: int) -> array.array:
    """array('i') with at least n entries [0, 1, 2, ...], built 64 Ki entries at a time
    (no per-item Python work); cached and grown as needed."""
    global _IDENT
    if len(_IDENT) >= n:
        return _IDENT
    block = 1 << 16
    nblocks = (n + block - 1) // block
    b2, b3 = (2, 3) if sys.byteorder == "little" else (1, 0)
    blk = bytearray(array.array("i", range(block)).tobytes())
    ident = array.array("i")
    for k in range(nblocks):
        blk[b2::4] = bytes([k & 0xFF]) * block
        blk[b3::4] = bytes([(k >> 8) & 0xFF]) * block
        ident.frombytes(blk)
    _IDENT = ident
    return ident


def _delete(s: str, offs: array.array, spans) -> tuple[str, array.array]:
    """Drop the [a, b) spans from s and from its offsets array."""
    parts = []
    out = array.array("i")
    prev = 0
    for a, b in spans:
        if a > prev:
            parts.append(s[prev:a])
            out += offs[prev:a]
        prev = b
    parts.append(s[prev:])
    out += offs[prev:]
    return "".join(parts), out


_HALF_RE = _LazyRe(f"[{_escape(_HALF_PUNCT)}]")


def _punct_run_repl(m) -> str:
    s = m.string
    ctx = _CTX_RE.match
    run = _RUN_CHARS
    i = m.start() - 1
    while i >= 0 and s[i] in run:  # full-width members and spaces before the run
        i -= 1
    if i >= 0 and ctx(s[i]):
        return m.group().translate(_PUNCT_TABLE)
    j = m.end()
    if j < len(s) and s[j] == " ":
        j += 1
    if j < len(s) and ctx(s[j]):
        return m.group().translate(_PUNCT_TABLE)
    return m.group()


def _fold_core(s: str, offs: array.array | None) -> tuple[str, array.array | None]:
    # 1. zero-width characters
    if any(c in s for c in _ZW):  # str.__contains__ is much faster than a regex scan
        if offs is None:
            s = _ZW_RE.sub("", s)
        else:
            s, offs = _delete(s, offs, [m.span() for m in _ZW_RE.finditer(s)])
    # 2. width folding, blanks -> " " (one for one)
    if _FW_RE.search(s):
        s = _FW_RE.sub(lambda m: _FW_MAP[m.group()], s)
    # 3. collapse runs of spaces
    if "  " in s:
        if offs is None:
            s = _SPACES_RE.sub(" ", s)
        else:
            s, offs = _delete(
                s, offs, [(m.start() + 1, m.end()) for m in _SPACES_RE.finditer(s)]
            )
    # 4. half-width punctuation in CJK context -> full width (one pass is a fixed point)
    if _HALF_RE.search(s):
        s = _PUNCT_RUN_RE.sub(_punct_run_repl, s)
        if "(" in s or ")" in s:
            s = _OPEN_RE.sub("（", s)
            s = _CLOSE_RE.sub(r"\1）", s)
    # 5. stray spaces
    if " " in s:
        if offs is None:
            s = _SPACE_DEL_RE.sub("", s)
        else:
            spans = [m.span() for m in _SPACE_DEL_RE.finditer(s)]
            if spans:
                s, offs = _delete(s, offs, spans)
    return s, offs


# Characters that any of the five steps acts on: a string with none of them folds to itself.
_FOLD_TRIGGERS = frozenset(_ZW + "".join(_FW_MAP) + " " + _HALF_PUNCT)


def fold(s: str) -> str:
    """Character folding of the clean text, for a user's query (idempotent)."""
    if _FOLD_TRIGGERS.isdisjoint(s):  # the usual query (新赛道): no regex compiled or run
        return s
    return _fold_core(s, None)[0]


def fold_variants(s: str) -> list[str]:
    """Every form ``s`` may take in the folded text, ``fold(s)`` first. Half-width
    punctuation folds by its neighbours (`,` beside a CJK character is `，`, in 1,000 it
    stays `,`), and a query does not know the neighbours of its ends: so its ends are folded
    as beside latin text and as beside CJK text, each on its own (4 forms at most)."""
    plain = fold(s)
    if _FOLD_TRIGGERS.isdisjoint(s) or not any(c in _HALF_PUNCT for c in s):
        return [plain]
    out = [plain]
    for left, right in (("中", ""), ("", "中"), ("中", "中")):
        wrapped = fold(left + s + right)
        form = wrapped[len(left):len(wrapped) - len(right)]
        if form and form not in out:
            out.append(form)
    return out
