"""The one writer for every command's rows: table, tsv, csv, json, jsonl.

Data goes to stdout with plain writes, never through a rich Console: a Console expands
tabs, wraps at 80 cells and reads `[text]` as markup, all wrong for corpus text. Widths are
measured in terminal cells. Control characters in corpus text are escaped in every format,
so an ESC or a bidi override inside a text never reaches the terminal raw.
"""

from __future__ import annotations

import io
import os
import sys

from corpus_tui.cells import cell_len, crop_right, pad_left, pad_right
from corpus_tui.errors import OutputError
from corpus_tui.results import Table

FORMATS = ("table", "tsv", "csv", "json", "jsonl")

# C0 (except tab/newline, handled per format), DEL, C1, bidi embeddings/overrides/isolates,
# line/paragraph separators: all can move the cursor or reorder what a terminal shows.
# str.translate tables, not a regex: `re` (with enum) was ~5 ms of every command's start.
_CONTROLS = (*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0), 0x200E, 0x200F,
             *range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x2028, 0x2029)
# Invisible characters a query may hold (search folds them out of the text): shown as
# <U+200B> in a table, so `kwic --count` of `\u200b新赛道` does not echo an invisible row.
_INVISIBLE = (0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD)


def _picture(c: int) -> str:
    if c < 0x20:
        return chr(0x2400 + c)  # ␛ for ESC: visible, one cell
    if c == 0x7F:
        return "\u2421"
    return f"<U+{c:04X}>"


_PICTURES = {c: _picture(c) for c in (*_CONTROLS, *_INVISIBLE)}
_CODES = {c: f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}" for c in _CONTROLS}
_JSON_CODES = {c: f"\\u{c:04x}" for c in _CONTROLS}


def _json_text(value: object) -> str:
    import json

    return json.dumps(value, ensure_ascii=False)


def _escaped(s: str, table: dict) -> str:
    # Every character in the tables is non-printable: a printable string (nearly every
    # cell) is returned after one C-level check instead of a lookup per character.
    return s if s.isprintable() else s.translate(table)


def for_display(value: object) -> str:
    """A cell as a terminal may show it: controls as visible pictures, tabs/newlines as spaces."""
    s = "" if value is None else format_value(value)
    s = s.replace("\t", " ").replace("\r", " ").replace("\n", " ")
    return _escaped(s, _PICTURES)


def format_value(value: object) -> str:
    if isinstance(value, float):
        if value != value:  # NaN
            return ""
        if value in (float("inf"), float("-inf")):
            return "inf" if value > 0 else "-inf"
        if value and abs(value) < 5e-5:  # a p-value like 3e-62 is not 0 (rounded values never get here)
            return f"{value:.4g}"
        return f"{value:.4f}".rstrip("0").rstrip(".") if abs(value) < 1e15 else f"{value:.6g}"
    if isinstance(value, (list, tuple)):
        return "; ".join(format_value(v) for v in value)
    return str(value)


def tsv_cell(value: object) -> str:
    s = "" if value is None else format_value(value)
    s = s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    return _escaped(s, _CODES)


def _json_safe(value: object) -> object:
    if isinstance(value, str):
        return value
    if isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
        return None
    if isinstance(value, tuple):
        return list(value)
    return value


def _json_dump(obj: object) -> str:
    # json escapes C0 itself; C1 and bidi controls pass through ensure_ascii=False, so
    # escape them by hand: a raw U+009B is a CSI on some terminals.
    import json  # only the json formats pay for it (and for re, which it imports)

    return _escaped(json.dumps(obj, ensure_ascii=False), _JSON_CODES)


def use_color(stream: io.TextIOBase) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def terminal_width(stream: io.TextIOBase) -> int | None:
    try:
        if stream.isatty():
            return os.get_terminal_size(stream.fileno()).columns
    except (AttributeError, ValueError, OSError):
        pass
    return None


BOLD_RED = "\x1b[1;31m"
DIM = "\x1b[2m"
RESET = "\x1b[0m"


def write(table: Table, fmt: str = "table", stream: io.TextIOBase | None = None, header: bool = True,
          meta: dict | None = None) -> None:
    stream = stream or sys.stdout
    out = io.StringIO()
    if meta is not None and fmt in ("jsonl", "tsv", "csv", "table"):
        _write_meta(out, meta, fmt)
    if fmt == "table":
        _table(table, out, header, use_color(stream), terminal_width(stream))
    elif fmt == "tsv":
        if header:
            out.write("\t".join(table.columns) + "\n")
        for row in table.rows:
            out.write("\t".join(tsv_cell(v) for v in row) + "\n")
    elif fmt == "csv":
        import csv  # only --csv pays for it

        w = csv.writer(out, lineterminator="\n")
        if header:
            w.writerow(table.columns)
        for row in table.rows:
            w.writerow([_escaped(format_value(v), _CODES) if v is not None else "" for v in row])
    elif fmt == "json":
        items = [dict(zip(table.columns, map(_json_safe, row))) for row in table.rows]
        rows = "[" + ",\n ".join(_json_dump(i) for i in items) + "]"
        # One JSON document either way, so json.load reads it: with --meta, an object that
        # holds the provenance and the rows; without, the rows alone.
        out.write(('{"_meta": ' + _json_dump(meta) + ',\n "rows": ' + rows + "}" if meta is not None else rows) + "\n")
    elif fmt == "jsonl":
        for row in table.rows:
            out.write(_json_dump(dict(zip(table.columns, map(_json_safe, row)))) + "\n")
    else:
        raise ValueError(f"unknown format {fmt}")
    send(out.getvalue(), stream)


def send(text: str, stream: io.TextIOBase | None = None) -> None:
    """Write and flush ``text`` to stdout. A write that fails (a full disk, a closed stdout)
    is an OutputError: one error line and exit 74, not a traceback read as "nothing found".
    A reader that went away (`| head`) stays a BrokenPipeError, which ends quietly."""
    stream = stream or sys.stdout
    try:
        stream.write(text)
        stream.flush()
    except BrokenPipeError:
        raise
    except (OSError, ValueError, AttributeError) as exc:  # ValueError: a closed file; AttributeError: None
        _discard_pending(stream)
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else "standard output is closed"
        raise OutputError(f"cannot write the output: {reason}") from None


def _discard_pending(stream) -> None:
    """What is still buffered would fail again when Python flushes at exit, with its own
    message: the stream's descriptor goes to /dev/null instead."""
    try:
        fd = stream.fileno()
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, fd)
        os.close(devnull)
    except (AttributeError, ValueError, OSError):
        pass


def _write_meta(out: io.StringIO, meta: dict, fmt: str) -> None:
    if fmt == "jsonl":
        out.write(_json_dump({"_meta": meta}) + "\n")
    else:
        for k, v in meta.items():
            out.write(f"# {k}: {for_display(v if isinstance(v, str) else _json_text(v))}\n")


def _table(table: Table, out: io.StringIO, header: bool, color: bool, max_width: int | None) -> None:
    cols = list(table.display or table.columns)
    where = [table.columns.index(c) for c in cols]
    cells = [[for_display(row[i]) for i in where] for row in table.rows]
    widths = [cell_len(c) if header else 0 for c in cols]
    for row in cells:
        for k, c in enumerate(row):
            widths[k] = max(widths[k], cell_len(c))
    right = set(table.right_align)
    numeric = [all(isinstance(r[i], (int, float)) for r in table.rows) and table.rows for i in where]
    if table.title:
        out.write(table.title + "\n")
    if header:
        head = "  ".join(pad_left(c, widths[k]) if (c in right or numeric[k]) else pad_right(c, widths[k])
                         for k, c in enumerate(cols))
        out.write((DIM + head.rstrip() + RESET if color else head.rstrip()) + "\n")
    hl = table.highlight
    for r, row in enumerate(cells):
        parts = []
        for k, c in enumerate(row):
            name = cols[k]
            text = pad_left(c, widths[k]) if (name in right or numeric[k]) else pad_right(c, widths[k])
            if color and name in hl:
                text = _highlight(text, c, hl[name], r)
            parts.append(text)
        line = "  ".join(parts).rstrip()
        if max_width and not color and cell_len(line) > max_width:
            line = crop_right(line, max_width)
        out.write(line + "\n")
    for note in table.notes:
        out.write((DIM + for_display(note) + RESET if color else for_display(note)) + "\n")


def _highlight(padded: str, cell: str, how, row: int) -> str:
    if how == "all":
        return padded.replace(cell, BOLD_RED + cell + RESET, 1) if cell else padded
    spans = how[row] if row < len(how) else ()
    if not spans:
        return padded
    offset = padded.find(cell) if cell else 0
    out, pos = [], 0
    for s, e in sorted(spans):
        s, e = s + offset, e + offset
        if s < pos or e > len(padded):
            continue
        out.append(padded[pos:s] + BOLD_RED + padded[s:e] + RESET)
        pos = e
    out.append(padded[pos:])
    return "".join(out)


def for_display_text(text: str) -> str:
    """Running text (``corpus show``): keep newlines and tabs, make every other control visible."""
    return _escaped(text.replace("\r\n", "\n").replace("\r", "\n"), _PICTURES)  # tab, newline: not in the table
