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
from itertools import chain, repeat

from corpus_tui.cells import cell_len, crop_left, crop_right, pad_left, pad_right
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


def write_stream(table: Table, chunks, fmt: str = "table", stream: io.TextIOBase | None = None,
                 header: bool = True, meta: dict | None = None, widths: list[int] | None = None) -> int:
    """write() for rows made in chunks (lists of rows), each chunk written and flushed as it
    comes, so `| head` reads the first lines at once and only a chunk is held; the bytes are
    write()'s. ``table`` gives the columns, display, notes and title (its rows are not read).
    The table format needs every shown column's width before its first line: ``widths`` (in
    cells, the header's included); without them, or on a terminal (colour, cropping to its
    width), the chunks are gathered and written by write(). Returns the number of rows."""
    stream = stream or sys.stdout
    color = use_color(stream)
    if fmt == "table" and (widths is None or color or terminal_width(stream)):
        rows = [row for chunk in chunks for row in chunk]
        write(table.replace(rows=rows), fmt, stream, header, meta)
        return len(rows)
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt}")
    out = io.StringIO()
    if meta is not None and fmt in ("jsonl", "tsv", "csv", "table"):
        _write_meta(out, meta, fmt)
    columns = table.columns
    if fmt == "table":
        cols = list(table.display or table.columns)
        where = [columns.index(c) for c in cols]
        right = set(table.right_align)
        rights = [c in right for c in cols]  # streamed columns are text: no numeric alignment
        if table.title:
            out.write(table.title + "\n")
        if header:
            out.write(_head_line(cols, widths, rights, False))
        line = _line_maker(cols, widths, rights, {}, False, None)
    elif fmt == "tsv" and header:
        out.write("\t".join(columns) + "\n")
    elif fmt == "csv":
        import csv

        writer = csv.writer(out, lineterminator="\n")
        if header:
            writer.writerow(columns)
    elif fmt == "json":
        out.write('{"_meta": ' + _json_dump(meta) + ',\n "rows": [' if meta is not None else "[")
    n = 0
    for chunk in chunks:
        if fmt == "table":
            shown = [[row[i] for i in where] for row in chunk]
            flat = list(chain.from_iterable(shown))
            if not (_STR.issuperset(map(type, flat)) and " ".join(flat).isprintable()):
                shown = [[_display(c) for c in cells] for cells in shown]  # some cell needs for_display
            out.writelines(map(line, shown, repeat(0)))
            n += len(chunk)
        elif fmt == "tsv":
            flat = list(chain.from_iterable(chunk))
            if _PLAIN.issuperset(map(type, flat)) and len(set(map(len, chunk))) == 1:
                cells = list(map(str, flat))
                joined = " ".join(cells)
                if joined.isprintable() and "\\" not in joined:  # nothing to escape in the whole chunk
                    out.write(_tsv_template(len(chunk[0]), len(chunk)).format(*cells))
                    n += len(chunk)
                    send(out.getvalue(), stream)
                    out.seek(0)
                    out.truncate()
                    continue
            plain = {str, int}
            for row in chunk:
                # texts and ints only, printable, no backslash: the cells as they are
                if plain.issuperset(map(type, row)):
                    cells = list(map(str, row))
                    joined = " ".join(cells)
                    if joined.isprintable() and "\\" not in joined:
                        out.write("\t".join(cells) + "\n")
                        continue
                out.write("\t".join([_tsv_fast(v) for v in row]) + "\n")
            n += len(chunk)
        elif fmt == "csv":
            writer.writerows([_escaped(format_value(v), _CODES) if v is not None else "" for v in row] for row in chunk)
            n += len(chunk)
        else:
            sep = ",\n " if fmt == "json" else "\n"
            items = [_json_dump(dict(zip(columns, map(_json_safe, row)))) for row in chunk]
            if items:
                out.write((sep if n and fmt == "json" else "") + sep.join(items) + ("\n" if fmt == "jsonl" else ""))
            n += len(chunk)
        send(out.getvalue(), stream)
        out.seek(0)
        out.truncate()  # the same buffer: the csv writer holds it
    if fmt == "table":
        _write_notes(table, out, False)
    elif fmt == "json":
        out.write("]}\n" if meta is not None else "]\n")
    send(out.getvalue(), stream)
    return n


_STR = frozenset((str,))
_PLAIN = frozenset((str, int))
_TEMPLATES: dict = {}


def _tsv_template(width: int, rows: int) -> str:
    """"{}\\t{}…\\n" for ``rows`` rows of ``width`` cells: a chunk is one str.format call."""
    key = (width, rows)
    if key not in _TEMPLATES:
        _TEMPLATES.clear()
        _TEMPLATES[key] = ("\t".join(["{}"] * width) + "\n") * rows
    return _TEMPLATES[key]


def _tsv_fast(value: object) -> str:
    # tsv_cell, with the common cases first: an int, a printable text without a backslash
    kind = type(value)
    if kind is str:
        return value if value.isprintable() and "\\" not in value else tsv_cell(value)
    return str(value) if kind is int else tsv_cell(value)


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
    cells = [[_display(row[i]) for i in where] for row in table.rows]
    widths = [cell_len(c) if header else 0 for c in cols]
    for row in cells:
        for k, c in enumerate(row):
            widths[k] = max(widths[k], cell_len(c))
    right = set(table.right_align)
    numeric = [all(isinstance(r[i], (int, float)) for r in table.rows) and table.rows for i in where]
    if table.title:
        out.write(table.title + "\n")
    rights = [bool(c in right or numeric[k]) for k, c in enumerate(cols)]
    if header:
        out.write(_head_line(cols, widths, rights, color))
    line = _line_maker(cols, widths, rights, table.highlight, color, max_width)
    for r, row in enumerate(cells):
        out.write(line(row, r))
    _write_notes(table, out, color)


def _display(value: object) -> str:
    # for_display, with the common case (printable text: no tab, newline or control) first
    return value if type(value) is str and value.isprintable() else for_display(value)


def _head_line(cols, widths, rights, color: bool) -> str:
    head = "  ".join(pad_left(c, widths[k]) if rights[k] else pad_right(c, widths[k]) for k, c in enumerate(cols))
    return (DIM + head.rstrip() + RESET if color else head.rstrip()) + "\n"


def _write_notes(table: Table, out, color: bool) -> None:
    for note in table.notes:
        out.write((DIM + for_display(note) + RESET if color else for_display(note)) + "\n")


def _line_maker(cols, widths, rights, hl: dict, color: bool, max_width: int | None):
    """row of display cells, row number -> one line of the table, with its newline."""
    if color or max_width:
        def line(row, r):
            parts = []
            for k, c in enumerate(row):
                name = cols[k]
                text = pad_left(c, widths[k]) if rights[k] else pad_right(c, widths[k])
                if color and name in hl:
                    text = _highlight(text, c, hl[name], r)
                parts.append(text)
            joined = "  ".join(parts).rstrip()
            if max_width and not color and cell_len(joined) > max_width:
                joined = crop_right(joined, max_width)
            return joined + "\n"
        return line
    spec = list(zip(widths, rights))

    def plain(row, r):
        # pad_left/pad_right, measuring each cell once: a cell that fits is not cropped
        parts = []
        for c, (w, to_right) in zip(row, spec):
            n = cell_len(c)
            if n > w:
                c = crop_left(c, w) if to_right else crop_right(c, w)
                n = cell_len(c)
            parts.append(" " * (w - n) + c if to_right else c + " " * (w - n))
        return "  ".join(parts).rstrip() + "\n"

    return plain


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
