"""``corpus init``: an INDEX.md for the files of a folder, written by the only command that
writes into a corpus folder, and then only its INDEX.md.

One row a file found under the folder (recursively; hidden files and folders, INDEX.md and
README.md and the root's userdict.txt aside): ``.txt .md .html .htm .docx .pdf``. The row holds a unique
ASCII id from the file name, the file, a title (the first heading, an HTML <title>, DOCX/PDF
metadata, else the first line), a date (in the file name, the metadata, else a date line
of the text), the sub-folder as group and the encoding detected for a text. A file that
yields no text still gets its row, the reason in its notes, and one warning.

Never over an existing INDEX.md unless ``force``; ``update`` keeps the existing text as it
is, hand edits included, adds rows for new files at the end of its Files table and reports
the rows whose file is gone; ``dry_run`` writes nothing and gives the text.
"""

from __future__ import annotations

import os
import re
from collections import Counter, namedtuple
from pathlib import Path

from corpus_tui.corpus.catalog import is_text_name
from corpus_tui.corpus.extract import EXTRACTED, SUFFIXES, ExtractionError, extract
from corpus_tui.corpus.extract.dates import date_in_text, iso_date
from corpus_tui.corpus.rawtext import decode as decode_text
from corpus_tui.corpus.root import INDEX_NAME, USERDICT_NAME
from corpus_tui.errors import CorpusError

__all__ = ["COLUMNS", "InitResult", "Row", "describe", "find_files", "init_corpus", "render", "updated"]

COLUMNS = ("id", "file", "title", "outlet", "date", "authors", "group", "encoding", "notes")
ARTICLE_COLUMNS = ("id", "file", "lines", "title", "authors", "outlet", "date")
_TITLE_MAX = 60
_SLUG = re.compile(r"[^a-z0-9]+")

Row = namedtuple("Row", "id file title date group encoding kind notes")
InitResult = namedtuple("InitResult", "text path written rows added gone warnings")


def find_files(root: Path) -> list[str]:
    """The corpus files under ``root``, as sorted POSIX paths relative to it. Links that
    leave the folder are left out (the catalogue would refuse them)."""
    root_real = root.resolve()
    found = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in files:
            if name.startswith(".") or not is_text_name(name):
                continue
            path = Path(folder, name)
            rel = path.relative_to(root).as_posix()
            if rel == USERDICT_NAME or not path.is_file():
                continue
            try:
                if not path.resolve().is_relative_to(root_real):
                    continue
            except (OSError, RuntimeError):
                continue
            found.append(rel)
    return sorted(found)


def describe(root: Path, rel: str, decode, taken: set[str]) -> tuple[Row, str | None]:
    """The row of one file and a warning (None if it has text). ``decode(bytes, encoding,
    name) -> (text, encoding)`` reads text files; ``taken`` holds the ids in use and gets
    this one."""
    path = root / rel
    suffix = Path(rel).suffix.lower()
    kind = SUFFIXES[suffix]
    group = Path(rel).parent.as_posix()
    group = "" if group == "." else group
    ident = _unique_id(Path(rel).stem, taken)
    title = meta_date = encoding = ""
    notes: list[str] = []
    warning = None
    lines: list[str] = []
    try:
        data = path.read_bytes()
        if suffix in EXTRACTED:
            got = extract(data, rel)
            lines, encoding = got.text.split("\n"), got.encoding
            title = _heading(lines) or got.title
            meta_date = got.date
        else:
            text, encoding = decode(data, None, rel)
            lines = text.splitlines()
            title = _heading(lines) if kind == "markdown" else ""
    except (ExtractionError, CorpusError) as exc:
        warning = str(exc)
        notes.append("no text: " + _reason(str(exc), rel))
    except OSError as exc:
        warning = f"{rel}: cannot read: {exc.strerror}; skipped"
        notes.append(f"no text: cannot read ({exc.strerror})")
    date = iso_date(Path(rel).stem)
    if not date and meta_date:
        date = meta_date
        notes.append("date from the metadata")
    elif not date and lines:
        date = date_in_text(lines)
        if date:
            notes.append("date from a line of the text")
    title = _cell(title or _first_line(lines) or Path(rel).stem)
    return Row(ident, rel, title, date, group, encoding, kind, "; ".join(notes)), warning


def _reason(message: str, rel: str) -> str:
    message = message.removeprefix(f"{rel}: ")
    return message.removesuffix("; skipped").split("; skipped:")[0]


def _unique_id(stem: str, taken: set[str]) -> str:
    base = _SLUG.sub("-", stem.lower()).strip("-")[:40].strip("-")
    if not re.search(r"[a-z0-9]", base):
        base = "doc"
    ident, n = base, 2
    if base == "doc":
        ident = "doc-1"
    while ident in taken:
        ident, n = f"{base}-{n}", n + 1
    taken.add(ident)
    return ident


def _heading(lines: list[str]) -> str:
    for line in lines:
        s = line.strip()
        if s.startswith("#"):
            title = s.lstrip("#").strip().strip("*").strip()
            if title:
                return title
    return ""


def _first_line(lines: list[str]) -> str:
    line = next((s.strip() for s in lines if s.strip()), "")
    cut = line.find("。")
    if 0 < cut < _TITLE_MAX:
        return line[:cut]
    return line if len(line) <= _TITLE_MAX else line[:_TITLE_MAX] + "…"


def _cell(text: str) -> str:
    """A cell of a pipe table: one line, no bare ``|`` (the catalogue splits on it)."""
    return " ".join(text.replace("|", "｜").split())


def render(root: Path, rows: list[Row]) -> str:
    kinds = Counter(r.kind for r in rows)
    what = ", ".join(f"{n} {k}" for k, n in sorted(kinds.items())) or "no files"
    out = [f"# Corpus index: {root.resolve().name}", "",
           f"Written by `corpus init` for {len(rows)} files ({what}). Edit it freely: fill in outlets, authors "
           "and dates, add articles by line range (`12-40` or `31-49,69-73`), and run `corpus check`. "
           "`corpus init --update` adds new files and keeps every edit.", "", "## Files", "",
           _row(COLUMNS), _row(["---"] * len(COLUMNS))]
    out += [_row(_cells(r, COLUMNS)) for r in rows]
    out += ["", "## Articles", "", _row(ARTICLE_COLUMNS), _row(["---"] * len(ARTICLE_COLUMNS)), ""]
    return "\n".join(out)


def _row(cells) -> str:
    return "| " + " | ".join(cells) + " |"


def _cells(row: Row, columns) -> list[str]:
    values = {"id": row.id, "file": row.file, "title": row.title, "date": row.date, "group": _cell(row.group),
              "encoding": row.encoding, "notes": _cell(row.notes)}
    return [values.get(c, "") for c in columns]


def _files_table(text: str):
    """(header columns, index of the table's last line, {file cell: INDEX.md line}, ids) of the
    Files table of an INDEX.md; (None, None, {}, ids) without one."""
    lines = text.split("\n")
    header = last = None
    rows: dict[str, int] = {}
    ids: set[str] = set()
    section, current = "", None
    for i, line in enumerate(lines):
        s = line.strip()
        if s.startswith("#"):
            section, current = s.lstrip("#").strip().lower(), None
            continue
        if not s.startswith("|"):
            current = None
            continue
        cells = [c.strip() for c in s.strip("|").split("|")]
        if current is None:
            current = [c.lower() for c in cells]
            is_files = "lines" not in current and ("file" in current or section.startswith("file"))
            if is_files and header is None:
                header, last = current, i
            elif is_files:
                current = None
            continue
        if "id" in current and len(cells) == len(current):
            row = dict(zip(current, cells))
            ids.add(row["id"])
            if current is header and not all(re.fullmatch(r":?-{2,}:?", c) for c in cells if c):
                rows[row.get("file", "")] = i + 1
        if current is header:
            last = i
    return header, last, rows, ids


def updated(text: str, root: Path, found: list[str], decode) -> tuple[str, list[Row], list[str], list[str]]:
    """The INDEX.md text with rows added for the files not yet listed; (text, added rows,
    notes on rows whose file is gone, warnings)."""
    header, last, listed, ids = _files_table(text)
    gone = [f"{INDEX_NAME}:{line}: {rel} is gone; its row is kept (delete it by hand if it is no longer wanted)"
            for rel, line in sorted(listed.items(), key=lambda kv: kv[1]) if rel and not (root / rel).exists()]
    known = {os.path.normpath(rel) for rel in listed}
    added, warnings = [], []
    for rel in found:
        if os.path.normpath(rel) in known:
            continue
        row, warning = describe(root, rel, decode, ids)
        added.append(row)
        if warning:
            warnings.append(warning)
    if not added:
        return text, added, gone, warnings
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.replace("\r\n", "\n").split("\n")
    if header is None:
        tail = ["", "## Files", "", _row(COLUMNS), _row(["---"] * len(COLUMNS))]
        tail += [_row(_cells(r, COLUMNS)) for r in added]
        lines = (lines[:-1] if lines and not lines[-1] else lines) + tail + [""]
    else:
        lines[last + 1:last + 1] = [_row(_cells(r, header)) for r in added]
    return newline.join(lines), added, gone, warnings


def init_corpus(root: Path, decode=decode_text, *, force: bool = False, update: bool = False, dry_run: bool = False) -> InitResult:
    """Make (or update) ``root``/INDEX.md; write it unless ``dry_run``."""
    if not root.is_dir():
        raise CorpusError(f"{root} is not a folder")
    if force and update:
        raise CorpusError("--force rewrites INDEX.md and --update keeps it: choose one")
    target = root / INDEX_NAME
    found = find_files(root)
    exists = target.exists() or target.is_symlink()
    if exists and not (force or update or dry_run):
        raise CorpusError(f"{target} exists; --update adds the new files and keeps your edits, "
                          "--force writes it anew, --dry-run prints it")
    warnings: list[str] = []
    gone: list[str] = []
    encoding = "utf-8"
    if update and exists:
        raw = _read_index(target)
        old, encoding = decode(raw, None, str(target))
        text, rows, gone, warnings = updated(old, root, found, decode)
        added = len(rows)
        changed = text != old
    else:
        taken: set[str] = set()
        rows = []
        for rel in found:
            row, warning = describe(root, rel, decode, taken)
            rows.append(row)
            if warning:
                warnings.append(warning)
        text = render(root, rows)
        added, changed = len(rows), True
    written = False
    if not dry_run and changed:
        _write(target, text.encode("utf-8" if encoding in ("utf-8", "utf-8-sig") else encoding), replace=exists)
        written = True
    return InitResult(text, target, written, tuple(rows), added, tuple(gone), tuple(warnings))


def _read_index(target: Path) -> bytes:
    try:
        return target.read_bytes()
    except OSError as exc:
        raise CorpusError(f"cannot read {target}: {exc.strerror}") from None


def _write(target: Path, data: bytes, replace: bool) -> None:
    """A new INDEX.md is created exclusively (never over one made meanwhile, never through a
    link); a replaced one is written beside it and renamed over it, so a reader never sees
    half of it."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    path = target.with_name(f".{target.name}.init-{os.getpid()}") if replace else target
    try:
        fd = os.open(path, flags, 0o644)
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
        except BaseException:
            path.unlink(missing_ok=True)
            raise
        if replace:
            os.replace(path, target)
    except FileExistsError:
        raise CorpusError(f"{target} appeared meanwhile; not overwritten (pass --force)") from None
    except OSError as exc:
        raise CorpusError(f"cannot write {target}: {exc.strerror}") from None
