"""Clean view of a raw corpus text, with a map back to raw code-point offsets.

``clean(raw)`` turns the decoded text of one file into the *clean text* that search,
tokenising and counting work on, and an ``offsets`` array mapping every clean character
back to the raw text (code points, not bytes), so hits can be reported as ``file:line:col``
of the untouched source (see ``line_starts`` / ``line_col``).

The clean text is built from raw characters only: characters are dropped or replaced
one-for-one (the folds below), and each paragraph break ("\\n") or line join (" ", removed
again by step 5 unless both sides are latin/digits) *is* the raw line terminator ("\\n",
or the "\\r" of "\\r\\n") of the line before it.  So every clean character maps to a
distinct raw character and ``offsets`` is strictly increasing.

Line level (``clean`` only)
---------------------------
* Terminal escape sequences (CSI such as the colour code ``ESC [31m``, OSC to BEL or ST,
  DCS strings, two-byte ``ESC 7``) are dropped before anything else: they stay in the raw
  view, and the offsets skip them.
* Line ends are ``\\n``, ``\\r\\n`` and a lone ``\\r``.  Lines are stripped of blanks
  (space, tab, U+3000, NBSP and other Unicode spaces, zero-width characters).
* Blank lines are dropped; paragraphs are separated by exactly one ``\\n``; no leading or
  trailing ``\\n``.
* Page markers (a line of three or more ``-``, spaces allowed) are dropped.  The lines on
  either side are joined when the line before ends mid-sentence (see below), is at least
  20 columns wide and is no heading/byline, and the line after starts no new block
  (``实|---|质性`` → ``实质性``); otherwise the marker is a paragraph break.
* Hard wraps are joined only in *wrap files*: files whose non-blank lines cluster at one
  width (90th-percentile width W ≤ 200 columns, CJK = 2, and ≥ 35 % of the lines within
  85–105 % of W), like PDF extractions.  There a line is joined to the next non-blank line
  when it ends mid-sentence (last char not one of ``。！？!?；;：:”’」』）)….．"``), is at
  least 60 % of W wide, has no trailing blanks (a hard-break mark; only used when fewer
  than half of the file's lines have them; when ≥ 80 % of the lines ending in ``。！？``
  have them, the mark is trusted and the 60 % width minimum is dropped, which joins
  narrow table cells and two-line titles), is not itself a heading/byline/caption/meta/
  TOC/page-number line, and the next line does not start a heading (``#``), list item
  (``- ``, ``1.``, ``（一）``, ``(1)``, ``一、``, ``①``), byline (``■``, ``文 |``,
  ``作者：``), source/note line (``来源：``, ``资料来源``, ``注：``, ``1 资料来源``),
  table/figure title (``表 1``), quote/table markup or page number.  A line filled to
  ≥ 90 % of W that ends in ``；：，”）`` etc. not preceded by a sentence end
  (``从“跟跑”|向“并跑”``) is joined as well.  Blank lines between wrapped lines are
  ignored where they follow at least half of the lines (002); elsewhere a blank line ends
  a paragraph or list item and is never joined across.  Trailing NBSP (U+00A0, U+202F,
  U+2007) is padding, not the trailing-blank mark.  Files with one paragraph per line (news, op-eds) get no wrap joins at all.

Character level (``clean`` and ``fold``, in this order; ``fold`` is idempotent)
---------------------------------------------------------------------------
1. Drop U+200B, U+200C, U+200D, U+2060, U+FEFF and the soft hyphen U+00AD.  All other
   characters, including control and bidi characters (escape sequences aside), are kept
   (they are data; display layers must escape them).
2. Full-width ASCII (U+FF01–U+FF5E) → ASCII, except the canonical full-width punctuation
   ``，；：（）！？``; U+3000, NBSP, tab and other Unicode spaces → " ".
3. Runs of spaces → one space.
4. Half-width ``, ; : ( ) ! ?`` → ``， ； ： （ ） ！ ？`` in CJK context: a run of
   punctuation (either width, single spaces allowed, e.g. ``),`` or ``）,``) is folded
   as a whole when the next character outside the run on either side (one space
   skipped) is a CJK character (``is_cjk``), CJK punctuation (U+3001–U+303F, other
   full-width forms) or ``“ ” ‘ ’ … — ·``.  So ``日),下`` → ``日），下`` and
   ``来源:光明`` → ``来源：光明``.  Then a bracket pair (≤ 40 chars apart, one line) is
   folded as a whole once one of its halves is (``(3) 生命`` → ``（3）生命``).
   ``3.5``, ``1,000``, URLs and English text are left alone.  The canonical form of each
   pair is thus the full-width one; the half-width form survives only outside CJK
   context.  (The canonical full-width marks are not themselves CJK context, so one pass
   is a fixed point and the fold stays linear.)
5. A space is removed between two CJK characters / CJK punctuation (incl. ``… — ·``),
   between those and an ASCII letter, digit or ``%`` (``2026 年`` → ``2026年``,
   ``5G 网络`` → ``5G网络``, ``魏 楚`` → ``魏楚``), and between CJK and the quotes
   ``“ ” ‘ ’`` or two such quotes.  A single space between latin words (``AI Agent``),
   or between a quote and a latin word, is kept.

Standard library only; linear time (regex scans, per-line work only for line logic).
"""

from __future__ import annotations

import array
import bisect
from collections import namedtuple

from corpus_tui.corpus.fold import _STRIP, _ZW, _LazyRe, _delete, _escape, _fold_core, _identity, fold, fold_variants, is_cjk  # noqa: F401 (fold, fold_variants, is_cjk: public here too)

__all__ = [
    "NORMALIZER_VERSION",
    "CleanText",
    "clean",
    "fold",
    "is_cjk",
    "line_starts",
    "line_col",
]

NORMALIZER_VERSION = "3"  # 3: escape sequences dropped, NBSP padding, meaningful blank lines


class CleanText(namedtuple("CleanText", "text offsets")):
    """Clean text plus ``offsets`` (typecode 'i', ``len(text) + 1`` entries).

    ``offsets[i]`` is the code-point offset in the raw text of clean character ``i``;
    ``offsets[len(text)] == len(raw)``.
    """

    __slots__ = ()
    # text: str
    # offsets: array.array


# --------------------------------------------------------------------------- lines

# From the first non-blank character of a line to its end (terminator excluded).
_CONTENT_RE = _LazyRe("[^\r\n" + _escape(_STRIP) + "][^\r\n]*")
_MARKER_RE = _LazyRe(r"(?:-[ \t]*){3,}")

_CLOSERS = frozenset("。！？!?；;：:”’」』）)….．\"")
# Sentence-final marks; a closer not preceded by one of these is "soft" in wrap files.
_FINAL = frozenset("。！？!?….．")
_SOFT_WRAP = 0.9  # ...joins in a wrap file if at least this fraction of the wrap width
_NUM_CN = "一二三四五六七八九十"
_META = r"(?:作者|记者|编辑|责任编辑|责编|通讯员|撰文|撰稿|文|图|摄影?)\s*[:：|｜/]"

# The next line starts a new block: never join into it.
_NEXT_BLOCK_RE = _LazyRe(
    r"(?:#{1,6}(?:\s|$)|[-*+]\s|[•●○◆◇■□▪▫►▶➢✓√※★☆◎>|]"
    r"|\d{1,3}[.．、)）](?!\d)"
    rf"|[(（](?:\d{{1,3}}|[{_NUM_CN}]{{1,3}})[)）]"
    r"|[①-⑳⑴-⒇⒈-⒛]"
    rf"|[{_NUM_CN}]{{1,3}}[、.．]"
    rf"|第[{_NUM_CN}百零〇\d]{{1,4}}[章节篇部条款]"
    r"|(?:资料|数据)?来源\s*[:：]"
    rf"|{_META}|编者按|原标题|注\s*[:：\d]|[图表]\s*\d|——|--|【|\[\d{{1,3}}\]"
    r"|\d{1,2}\s+(?:资料来源|来源|注)"
    r"|\d{1,4}$|第?\s*\d+\s*页)"
)
# This line never joins forward (heading, byline, caption, meta, TOC, page number).
_PREV_BLOCK_RE = _LazyRe(
    r"(?:#|■|(?:资料|数据)?来源\s*[:：]"
    rf"|{_META}|编者按|原标题|[图表]\s*\d|——|\d{{1,4}}$)"
    r"|.*(?:摄\s*(?:[/／].*)?|[.．…·]{4,}\s*[(（]?\d+[)）]?)$"
)

_WRAP_MAX_W = 200  # columns; wider "wrap widths" are paragraphs-per-line files
_WRAP_MIN_W = 20
_WRAP_BAND = (0.85, 1.05)
_WRAP_FRAC = 0.35
_WRAP_LINE = 0.6  # a joinable line is at least this fraction of the wrap width
_MARKER_MIN_W = 20  # minimum width of a line joined across a page marker


def _width(t: str) -> int:
    # CJK (3 UTF-8 bytes) counts 2 columns, ASCII 1: cheap approximation of cell width.
    n = len(t)
    return n + (len(t.encode("utf-8", "surrogatepass")) - n) // 2


# Terminal escape sequences (ECMA-48): CSI (ESC [ or the 8-bit CSI, parameters,
# intermediates, a final byte), OSC (ESC ], to BEL or ST, one line at most), DCS / SOS /
# PM / APC strings (to ST), and the two- and three-byte ESC sequences (ESC 7, ESC ( B).
_ESC_RE = _LazyRe(
    r"[\x1b\x9b](?:(?<=\x9b)|\[)[0-?]*[ -/]*[@-~]"
    r"|\x1b\][^\x07\x1b\n]*(?:\x07|\x1b\\)?"
    r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"
    r"|\x1b[ -/]*[0-~]"
)
# Trailing characters that pad a line rather than mark a hard break.
_PAD = "\u00a0\u202f\u2007" + _ZW


def _drop_escapes(raw: str):
    """(raw without its escape sequences, raw offset of each kept character + len(raw)),
    or None when there is none: a colour code is no word, and the raw view keeps it."""
    if "\x1b" not in raw and "\x9b" not in raw:
        return None
    spans = [m.span() for m in _ESC_RE.finditer(raw)]
    if not spans:
        return None
    n = len(raw)
    kept, kmap = _delete(raw, _identity(n)[:n], spans)
    kmap.append(n)
    return kept, kmap


def _gap_has_blank(gap: str) -> bool:
    # line terminators between two content lines: \n, \r\n or a lone \r each count once
    return gap.count("\n") + gap.count("\r") - gap.count("\r\n") >= 2


def clean(raw: str) -> CleanText:
    """Clean view of ``raw`` (see the module docstring) with offsets into ``raw``."""
    dropped = _drop_escapes(raw)
    if dropped is not None:
        kept, kmap = dropped
        c = _clean(kept)
        return CleanText(c.text, array.array("i", map(kmap.__getitem__, c.offsets)))
    return _clean(raw)


def _clean(raw: str) -> CleanText:
    n = len(raw)
    strip = _STRIP
    marker = _MARKER_RE.fullmatch
    # Content lines (blank lines cost nothing: the regex scanner skips them in C).
    texts: list[str] = []
    c_start: list[int] = []  # raw offset of the stripped text
    c_term: list[int] = []  # raw offset of the line terminator (or len(raw))
    c_marker: list[bool] = []  # a page marker sits between this line and the previous
    saw_marker = False
    for m in _CONTENT_RE.finditer(raw):
        t = m.group().rstrip(strip)
        if t[0] == "-" and marker(t):
            saw_marker = True
            continue
        texts.append(t)
        c_start.append(m.start())
        c_term.append(m.end())
        c_marker.append(saw_marker)
        saw_marker = False
    if not texts:
        return CleanText("", array.array("i", [n]))

    nl = len(texts)
    widths = [_width(t) for t in texts]

    wrap_w = 0.0
    if nl >= 3:
        ws = sorted(widths)
        w90 = ws[min(nl - 1, int(nl * 0.9))]
        if _WRAP_MIN_W <= w90 <= _WRAP_MAX_W:
            lo, hi = w90 * _WRAP_BAND[0], w90 * _WRAP_BAND[1]
            near = sum(1 for w in ws if lo <= w <= hi)
            if near >= _WRAP_FRAC * nl:
                wrap_w = w90
    # trailing blanks after the text mark a hard break unless most lines have them
    # (NBSP and its kin are padding, HTML and PDF indentation, not such a mark)
    trailing = [cs + len(t) != ct and raw[cs + len(t):ct].strip(_PAD) != ""
                for cs, t, ct in zip(c_start, texts, c_term)]
    # blank lines end a paragraph or item unless they follow most lines (002's blank line
    # after nearly every wrapped line says nothing)
    blank = [False] + [not c_marker[i] and _gap_has_blank(raw[c_term[i - 1]:c_start[i]]) for i in range(1, nl)]
    blank_signal = sum(blank) * 2 < nl - 1
    trail_signal = sum(trailing) * 2 < nl
    min_wrap = wrap_w * _WRAP_LINE
    if wrap_w and trail_signal:
        # Strong hard-break mark: nearly every sentence-final line carries trailing
        # blanks (PDF extraction marking block ends), so a line without them that ends
        # mid-sentence continues whatever its width (narrow table cells, wrapped titles).
        fin = [tr for t, tr in zip(texts, trailing) if t[-1] in _FINAL]
        if len(fin) >= 5 and sum(fin) >= 0.8 * len(fin):
            min_wrap = 0
    soft_wrap = wrap_w * _SOFT_WRAP
    next_block = _NEXT_BLOCK_RE.match
    prev_block = _PREV_BLOCK_RE.match
    closers = _CLOSERS
    final = _FINAL

    # separator before each content line (index 0 has none)
    seps = [""] * nl
    for i in range(1, nl):
        pt = texts[i - 1]
        pw = widths[i - 1]
        mk = c_marker[i]
        sep = "\n"
        last = pt[-1]
        if last in closers and not mk and wrap_w and pw >= soft_wrap:
            # wrap file, line filled to the wrap width, ending in ；：”） etc. that does
            # not close a sentence (从“跟跑”|向“并跑”): still a wrap
            if last not in final and (len(pt) < 2 or pt[-2] not in final):
                last = ""
        if (
            last not in closers
            and (pw >= _MARKER_MIN_W if mk else (wrap_w and pw >= min_wrap))
            and not (trail_signal and trailing[i - 1])
            and not (blank_signal and blank[i])
            and not prev_block(pt)
            and not next_block(texts[i])
        ):
            sep = " "
        seps[i] = sep

    # assemble the text and its offsets (slices of the identity array; a separator maps
    # to the raw terminator of the line before it)
    ident = _identity(n + 1)
    pieces: list[str] = []
    offs = array.array("i")
    for i in range(nl):
        t = texts[i]
        cs = c_start[i]
        pieces.append(t)
        if i + 1 < nl:
            pieces.append(seps[i + 1])
            ce = cs + len(t)
            ct = c_term[i]
            if ct == ce:
                offs += ident[cs : ce + 1]
            else:
                offs += ident[cs:ce]
                offs.append(ct)
        else:
            offs += ident[cs : cs + len(t)]

    text, offs = _fold_core("".join(pieces), offs)
    offs.append(n)
    return CleanText(text, offs)


# --------------------------------------------------------------------------- positions


def line_starts(raw: str) -> array.array:
    """Code-point offsets where each raw line starts (lines split on "\\n"); [0] first."""
    starts = array.array("i", [0])
    import re

    starts.extend(m.end() for m in re.finditer("\n", raw))
    return starts


def raw_lines(raw: str, keepends: bool = False) -> list[str]:
    """The raw text's lines as every location counts them: split on "\\n" only, like
    line_starts. str.splitlines also splits on a form feed (pdftotext's page break), a lone
    CR, VT, FS/GS/RS, NEL and U+2028/9, which put the Read view and `show --raw --line`
    lines behind kwic's. A CR before the "\\n" belongs to the line end."""
    parts = raw.split("\n")
    if keepends:
        return [p + "\n" for p in parts[:-1]] + ([parts[-1]] if parts[-1] else [])
    if parts[-1] == "":
        parts.pop()
    return [p[:-1] if p.endswith("\r") else p for p in parts]


def line_col(starts, raw_offset: int) -> tuple[int, int]:
    """1-based (line, column in code points) of ``raw_offset``, given ``line_starts``."""
    line = bisect.bisect_right(starts, raw_offset)
    if line < 1:
        line = 1
    return line, raw_offset - starts[line - 1] + 1
