"""Codings as Tables: the list, the export (and reading it back), the check, agreement."""

from __future__ import annotations

from itertools import combinations

from corpus_tui.coding.agreement import cohen_kappa, krippendorff_alpha
from corpus_tui.coding.store import Coding
from corpus_tui.results import Table
from corpus_tui.errors import CorpusError

LIST_COLUMNS = ("term", "location", "node", "code", "coder", "note", "coded_at", "orphaned")
EXPORT_COLUMNS = ("term", "doc", "article", "location", "left", "node", "right", "code", "note", "coder", "coded_at",
                  "title", "outlet", "date", "group",
                  # the anchor, so `code import` can put a coding back where it was
                  "file", "line", "column", "sha256", "raw_offset", "raw_length", "before", "after", "orphaned")
NEEDED = ("term", "doc", "file", "line", "column", "sha256", "raw_offset", "raw_length", "node", "before", "after",
          "code", "coder", "coded_at")
INTS = ("line", "column", "raw_offset", "raw_length", "orphaned")
KAPPA_NOTE = ("Cohen's kappa = (p_o − p_e)/(1 − p_e) on the lines both coders coded; p_o observed agreement, "
              "p_e = Σ_c (a_c/n)(b_c/n) from each coder's own marginals")
ALPHA_NOTE = ("Krippendorff's alpha (nominal) = 1 − D_o/D_e from the coincidence matrix over the lines two or more "
              "of the coders coded; a coder who did not code a line is a missing value")
VALUE_NOTE = "a line's value is the set of codes its coder gave it, joined by + (积极+谨慎 is one value)"


class ExportFormatError(CorpusError):
    pass


def _located(where):
    return where or (lambda c: c.location)


def list_table(codings: list[Coding], where=None) -> Table:
    """``where(coding) -> location`` as kwic prints it (a PDF's page: query.tables.places)."""
    where = _located(where)
    rows = [(c.term, where(c), c.node, c.code, c.coder, c.note, c.coded_at, c.orphaned) for c in codings]
    lines = len({c.line_key for c in codings})
    notes = (f"{len(rows)} codings on {lines} lines; orphaned = 1: its file changed and node or context was not "
             f"found again (corpus code check)",)
    return Table(LIST_COLUMNS, rows, notes=notes, display=("location", "term", "node", "code", "coder", "note"))


def export_table(codings: list[Coding], catalog, where=None) -> Table:
    where = _located(where)
    rows = []
    for c in codings:
        meta = (catalog.article(c.article) if c.article else None) or catalog.document(c.doc)
        doc = catalog.document(c.doc)
        title, outlet, date, group = (meta.title, meta.outlet or (doc.outlet if doc else ""),
                                      meta.date or (doc.date if doc else ""),
                                      meta.group or (doc.group if doc else "")) if meta else ("", "", "", "")
        rows.append((c.term, c.doc, c.article, where(c), c.left, c.node, c.right, c.code, c.note, c.coder,
                     c.coded_at, title, outlet, date, group, c.file, c.line, c.column, c.sha256, c.raw_offset,
                     c.raw_length, c.before, c.after, c.orphaned))
    notes = (f"{len(rows)} codings; title, outlet, date and group from INDEX.md (the article's where it has them); "
             f"the columns from file on are the anchor `corpus code import` reads",)
    return Table(EXPORT_COLUMNS, rows, notes=notes, display=("location", "term", "node", "code", "coder", "note", "title"))


def _tsv_value(s: str) -> str:
    if "\\" not in s:
        return s
    out, i = [], 0
    escapes = {"t": "\t", "n": "\n", "r": "\r", "\\": "\\"}
    while i < len(s):
        ch = s[i]
        if ch == "\\" and i + 1 < len(s) and s[i + 1] in escapes:
            out.append(escapes[s[i + 1]])
            i += 2
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def read_export(text: str, fmt: str, source: str) -> list[Coding]:
    """Codings from the text of `corpus code export` in ``fmt`` (tsv, csv, json or jsonl)."""
    import json

    if fmt in ("json", "jsonl"):
        try:
            items = json.loads(text) if fmt == "json" else [json.loads(l) for l in text.splitlines() if l.strip()]
        except ValueError as exc:
            raise ExportFormatError(f"{source}: not {fmt.upper()}: {exc}") from None
        items = [i for i in items if isinstance(i, dict) and "_meta" not in i]
    else:
        lines = [l for l in text.splitlines() if not l.startswith("# ")]  # a --meta block
        if fmt == "csv":
            import csv

            records = list(csv.reader(lines))
        else:
            records = [[_tsv_value(v) for v in l.split("\t")] for l in lines if l]
        if not records:
            return []
        header, body = records[0], records[1:]
        items = [dict(zip(header, r)) for r in body]
        if items and set(header) >= set(NEEDED) and any(len(r) != len(header) for r in body):
            raise ExportFormatError(f"{source}: a row has {len(next(r for r in body if len(r) != len(header)))} fields, "
                               f"the header {len(header)}")
    out = []
    for n, item in enumerate(items, 1):
        missing = [c for c in NEEDED if c not in item]
        if missing:
            raise ExportFormatError(f"{source}: record {n} has no {missing[0]!r}; import reads what `corpus code export` writes")
        try:
            values = {f: _field(item, f) for f in Coding._fields if f != "id"}
        except (TypeError, ValueError):
            raise ExportFormatError(f"{source}: record {n}: {', '.join(INTS)} must be whole numbers") from None
        if not values["code"] or not values["coder"] or values["raw_length"] <= 0:
            raise ExportFormatError(f"{source}: record {n}: an empty code or coder, or a node of no length")
        out.append(Coding(id=None, **values))
    return out


def _field(item: dict, name: str):
    value = item.get(name)
    if name in INTS:
        return int(value or 0)
    return "" if value is None else str(value)


def check_table(codings: list[Coding], moved: int) -> Table:
    orphans = [c for c in codings if c.orphaned]
    rows = [(c.term, c.location, c.node, c.before, c.after, c.code, c.coder) for c in orphans]
    notes = (f"{len(codings)} codings checked: {len(codings) - len(orphans)} anchored ({moved} re-anchored now), "
             f"{len(orphans)} orphaned (their file changed and node with context was not found again; kept)",)
    return Table(("term", "location", "node", "before", "after", "code", "coder"), rows, notes=notes,
                 display=("location", "term", "node", "code", "coder"))


def unit_values(codings: list[Coding], coders: list[str]) -> dict[tuple, list[str | None]]:
    """line -> one value per coder (the sorted set of its codes joined by +, or None)."""
    codes: dict[tuple, dict[str, set]] = {}
    for c in codings:
        if c.coder in coders and not c.orphaned:
            codes.setdefault(c.line_key, {}).setdefault(c.coder, set()).add(c.code)
    return {key: ["+".join(sorted(by[k])) if k in by else None for k in coders] for key, by in sorted(codes.items())}


def agreement_table(codings: list[Coding], coders: list[str], confusion: bool = False) -> Table:
    if len(coders) < 2 or len(set(coders)) != len(coders):
        raise CorpusError("give two or more different coders: --coder A --coder B")
    units = unit_values(codings, coders)
    pairs = []
    for i, j in combinations(range(len(coders)), 2):
        both = [(v[i], v[j]) for v in units.values() if v[i] is not None and v[j] is not None]
        pairs.append((coders[i], coders[j], cohen_kappa(both) if both else None))
    if confusion:
        return _confusion(*pairs[0])
    rows = []
    for a, b, k in pairs:
        if k is None:
            rows.append(("Cohen's kappa", f"{a} {b}", 0, None, None, None))
        else:
            rows.append(("Cohen's kappa", f"{a} {b}", k.n, k.kappa, k.observed, k.expected))
    try:
        alpha = krippendorff_alpha(units.values())
        rows.append(("Krippendorff's alpha (nominal)", " ".join(coders), alpha.units, alpha.alpha, None, None))
    except ValueError:
        rows.append(("Krippendorff's alpha (nominal)", " ".join(coders), 0, None, None, None))
    if not any(r[2] for r in rows):
        raise CorpusError(f"no line was coded by two of {', '.join(coders)}")
    notes = [KAPPA_NOTE, ALPHA_NOTE, VALUE_NOTE, "value empty: undefined (one value everywhere) or no common lines"]
    if len(coders) == 2 and pairs[0][2] is not None:
        notes = ["confusion table (rows " + coders[0] + ", columns " + coders[1] + "):", *_confusion_lines(pairs[0][2]),
                 *notes]
    return Table(("measure", "coders", "lines", "value", "p_o", "p_e"), rows, notes=tuple(notes))


def _confusion(a: str, b: str, k) -> Table:
    if k is None:
        raise CorpusError(f"no line was coded by both {a} and {b}")
    rows = [(x, *[k.table.get((x, y), 0) for y in k.values], sum(n for (p, _), n in k.table.items() if p == x))
            for x in k.values]
    rows.append(("total", *[sum(n for (_, q), n in k.table.items() if q == y) for y in k.values], k.n))
    notes = (f"rows: {a}'s codes, columns: {b}'s; {k.n} lines both coded; Cohen's kappa "
             f"{'undefined' if k.kappa is None else format(k.kappa, '.4f')}", KAPPA_NOTE, VALUE_NOTE)
    return Table((f"{a}\\{b}", *k.values, "total"), rows, notes=notes)


def _confusion_lines(k) -> list[str]:
    from corpus_tui.cells import cell_len, pad_left, pad_right

    table = _confusion("", "", k)
    cells = [[str(v) for v in r] for r in [("", *table.columns[1:]), *table.rows]]
    widths = [max(cell_len(r[i]) for r in cells) for i in range(len(cells[0]))]
    return ["  " + "  ".join(pad_right(c, widths[0]) if i == 0 else pad_left(c, widths[i]) for i, c in enumerate(r))
            for r in cells]
