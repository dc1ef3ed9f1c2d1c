"""INDEX.md -> Catalog: the files of a corpus and the articles inside them.

INDEX.md is Markdown a person edits; two pipe tables are read from it, the one under
`## Files` and the one under `## Articles` (a table is recognised by its header row too).
Every problem names its INDEX.md line. Problems with one row never stop the rest: a
missing file is reported and left out, the other files stay usable.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from corpus_tui.corpus.documents import Article, Catalog, Document, Problem
from corpus_tui.corpus.root import ENV_CORPUS, INDEX_NAME, USERDICT_NAME, CatalogError, bundled_corpus, resolve_root
from corpus_tui.corpus.extract import SUFFIXES
from corpus_tui.corpus.paths import RealPaths
from corpus_tui.errors import CorpusError

__all__ = ["ENV_CORPUS", "INDEX_NAME", "Article", "Catalog", "CatalogError", "Document", "Problem", "bundled_corpus",
           "resolve_root", "load_catalog", "parse_index"]
_ID_RE = re.compile(r"^[^\s|/\\:,=]+$")
_RANGE_RE = re.compile(r"^\s*(\d+)\s*(?:[-–]\s*(\d+))?\s*$")
# Without these a table is not read at all: one error for the header, not one per row.
_REQUIRED = {"Files": ("id", "file"), "Articles": ("id", "file", "lines")}


def load_catalog(root: Path) -> Catalog:
    index_file = root / INDEX_NAME
    if not index_file.is_file():
        return _catalog_from_folder(root)
    from corpus_tui.corpus.rawtext import decode

    try:
        text, _ = decode(index_file.read_bytes(), None, str(index_file))  # UTF-8, or GBK/GB18030 like the texts
    except OSError as exc:
        raise CatalogError(f"cannot read {index_file}: {exc.strerror}") from None
    except CorpusError:
        raise CatalogError(f"cannot read {index_file}: neither UTF-8 nor GB18030/GBK text; save it as UTF-8") from None
    return parse_index(text, root, index_file)


def parse_index(text: str, root: Path, index_file: Path | None = None) -> Catalog:
    """Parse INDEX.md text. Raises nothing but CatalogError; row problems are collected."""
    problems: list[Problem] = []
    file_rows, article_rows = _tables(text, problems)
    documents: list[Document] = []
    seen: dict[str, int] = {}
    root_real = root.resolve()
    paths = RealPaths()  # one lstat a file, not one a path component (see realpaths.py)
    resolved: dict[str, Path | None] = {}

    def real_of(rel: str) -> Path | None:
        if rel not in resolved:
            resolved[rel] = _resolve(root / rel, paths)
        return resolved[rel]

    for lineno, row in file_rows:
        doc = _document(row, lineno, root, root_real, seen, problems, real_of, paths.is_file)
        if doc is not None:
            documents.append(doc)
    by_id = {d.id: d for d in documents}
    articles: list[Article] = []
    for lineno, row in article_rows:
        art = _article(row, lineno, by_id, seen, problems)
        if art is not None:
            articles.append(art)
    _overlaps(articles, problems)
    rels = [row["file"] for _, row in file_rows if row.get("file")]
    listed = {real_of(rel) for rel in rels} - {None}
    # A .txt found under the very path a row names is listed without resolving it again.
    listed_plain = {os.path.normpath(root / rel) for rel in rels}
    folders = {root} | {d.path.parent for d in documents}
    for path in sorted({f / name for f in folders for name in _txt_names(f)} - {root / USERDICT_NAME}):
        if os.path.normpath(path) not in listed_plain and _resolve(path, paths) not in listed:
            rel = path.relative_to(root).as_posix()
            problems.append(Problem(f"{rel} is not listed in {INDEX_NAME}; not indexed", None, "warning"))
    problems.sort(key=lambda p: (p.line is None, p.line or 0))
    watched = [str(index_file)] if index_file is not None else []
    watched += sorted({str(root / rel) for rel in rels if not (os.path.isabs(rel) or rel.startswith("~"))})
    watched += sorted(str(f) for f in folders)
    return Catalog(str(root), None if index_file is None else str(index_file), tuple(documents), tuple(articles),
                   tuple(problems), tuple(watched))


def _tables(text: str, problems: list[Problem]) -> tuple[list, list]:
    files: list[tuple[int, dict]] = []
    articles: list[tuple[int, dict]] = []
    section = ""
    header: list[str] | None = None
    target: list | None = None
    for lineno, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if stripped.startswith("#"):
            section = stripped.lstrip("#").strip().lower()
            header = target = None
            continue
        if not stripped.startswith("|"):
            header = target = None
            continue
        cells = _cells(stripped)
        if header is None:
            header = [c.lower() for c in cells]
            if "lines" in header or section.startswith("article"):
                target = articles
            elif "file" in header or section.startswith("file"):
                target = files
            else:
                target = None
            if target is not None:
                _require(header, "Articles" if target is articles else "Files", lineno)
            continue
        if all(re.fullmatch(r":?-{2,}:?", c) for c in cells if c) and cells:
            continue
        if target is None:
            continue
        if len(cells) != len(header):
            problems.append(Problem(f"row has {len(cells)} cells, header has {len(header)}; row refused", lineno))
            continue
        target.append((lineno, dict(zip(header, cells))))
    return files, articles


def _require(header: list[str], table: str, lineno: int) -> None:
    missing = [c for c in _REQUIRED[table] if c not in header]
    if missing:
        names = " and ".join(repr(c) for c in missing)
        raise CatalogError(f"{INDEX_NAME}:{lineno}: the {table} table's header has no {names} column "
                           f"(it has: {', '.join(header)}); no row of it can be read: fix the header")


def _cells(line: str) -> list[str]:
    body = line.strip()
    if body.startswith("|"):
        body = body[1:]
    if body.endswith("|"):
        body = body[:-1]
    return [c.strip() for c in body.split("|")]


def _check_id(row: dict, lineno: int, seen: dict[str, int], problems: list[Problem]) -> str | None:
    ident = row.get("id", "")
    if not ident:
        problems.append(Problem("empty id; row refused", lineno))
        return None
    if not _ID_RE.match(ident):
        problems.append(Problem(f"id {ident!r} may not contain spaces or | / \\ : , =; row refused", lineno))
        return None
    if ident in seen:
        problems.append(Problem(f"duplicate id {ident!r} (first on line {seen[ident]}); row refused", lineno))
        return None
    seen[ident] = lineno
    return ident


def _authors(cell: str) -> tuple[str, ...]:
    return tuple(a.strip() for a in re.split(r"[;；、]", cell) if a.strip())


def _document(row, lineno, root, root_real, seen, problems, real_of, is_file) -> Document | None:
    ident = _check_id(row, lineno, seen, problems)
    if ident is None:
        return None
    rel = row.get("file", "")
    if not rel:
        problems.append(Problem(f"{ident}: empty file cell; row refused", lineno))
        return None
    if os.path.isabs(rel) or rel.startswith("~"):
        problems.append(Problem(f"{ident}: absolute path {rel!r} refused; paths are relative to the corpus folder", lineno))
        return None
    path = root / rel
    real = real_of(rel)
    if real is None:
        problems.append(Problem(f"{ident}: cannot resolve {rel!r} (bad characters, too long or a loop); row refused", lineno))
        return None
    if not real.is_relative_to(root_real):
        problems.append(Problem(f"{ident}: {rel!r} leaves the corpus folder; row refused", lineno))
        return None
    if not is_file(path):
        problems.append(Problem(f"{ident}: file {rel} is listed but missing; row left out", lineno))
        return None
    return Document(
        id=ident, file=rel, location=str(path), title=row.get("title", ""), outlet=row.get("outlet", ""),
        date=_date(ident, row.get("date", ""), lineno, problems), authors=_authors(row.get("authors", "")),
        group=row.get("group", ""),
        notes=row.get("notes", ""), encoding=row.get("encoding") or None, line=lineno,
    )


def _resolve(path: Path, paths: RealPaths) -> Path | None:
    """resolve() of a path typed into INDEX.md: NUL bytes, lone surrogates, over-long names
    and symlink loops raise ValueError/OSError/RuntimeError; any of them refuses the row."""
    try:
        real = paths.real(path)
        real.encode("utf-8")
        return Path(real)
    except (OSError, RuntimeError, ValueError):
        return None


# A folder's own description is no document of it (the source tree's README.md beside the
# bundled INDEX.md, a corpus's README.md).
_NOT_TEXTS = (INDEX_NAME.lower(), "readme.md")


def is_text_name(name: str) -> bool:
    """A corpus file by its name: .txt .md .html .htm .docx .pdf, any case; not INDEX.md or README.md."""
    dot = name.rfind(".")
    return dot > 0 and name[dot:].lower() in SUFFIXES and name.lower() not in _NOT_TEXTS


def _txt_names(folder: Path) -> list[str]:
    """Names of the corpus files in ``folder`` (.txt .md .html .htm .docx .pdf), from the
    directory entries' types: no stat per file."""
    try:
        with os.scandir(folder) as entries:
            return [e.name for e in entries if is_text_name(e.name) and e.is_file()]
    except OSError:
        return []


def _article(row, lineno, by_id, seen, problems) -> Article | None:
    ident = _check_id(row, lineno, seen, problems)
    if ident is None:
        return None
    doc = by_id.get(row.get("file", ""))
    if doc is None:
        problems.append(Problem(f"{ident}: file id {row.get('file', '')!r} is not a listed, present file; row refused", lineno))
        return None
    cell = row.get("lines", "")
    ranges = parse_ranges(cell, reversed_ok=True)
    if ranges is None:
        problems.append(Problem(f"{ident}: lines {cell!r} is not like 12-40 or 31-49,69-73; row refused", lineno))
        return None
    if any(a > b for a, b in ranges):
        fixed = tuple((min(a, b), max(a, b)) for a, b in ranges)
        problems.append(Problem(f"{ident}: lines {cell!r} has a reversed range; read as "
                                f"{','.join(f'{a}-{b}' for a, b in fixed)}", lineno, "warning"))
        ranges = fixed
    return Article(
        id=ident, doc_id=doc.id, ranges=ranges, title=row.get("title", ""),
        authors=_authors(row.get("authors", "")), outlet=row.get("outlet", "") or doc.outlet,
        date=_date(ident, row.get("date", ""), lineno, problems) or doc.date, group=row.get("group", "") or doc.group,
        line=lineno,
    )


def _date(ident: str, cell: str, lineno: int, problems: list) -> str:
    """The date cell in the one spelling the rest of the code reads (2023年2月 -> 2023-02), parsed
    here once; a cell that is no date is reported and the row kept undated."""
    from corpus_tui.corpus.dates import parse_date
    from corpus_tui.errors import CorpusError

    try:
        iso = str(parse_date(cell))
    except CorpusError as exc:
        problems.append(Problem(f"{ident}: {exc}; read as undated", lineno, "warning"))
        return ""
    if iso != cell.strip():  # 2023年2月, 2023/2/5: read, and said, so the cell can be made ISO
        problems.append(Problem(f"{ident}: date {cell.strip()!r} read as {iso} (ISO dates: YYYY, YYYY-MM or "
                                "YYYY-MM-DD)", lineno, "warning"))
    return iso


def _overlaps(articles: list[Article], problems: list[Problem]) -> None:
    """One warning for each range that runs into one before it in the same file (an article's
    own ranges included): a line counted twice in a breakdown by article."""
    by_doc: dict[str, list] = {}
    for art in articles:
        by_doc.setdefault(art.doc_id, []).extend((a, b, art) for a, b in art.ranges)
    for ranges in by_doc.values():
        ranges.sort(key=lambda r: (r[0], r[1]))
        # compared with the range reaching furthest so far, not only the one just before:
        # 5-6 runs into 1-10 although 2-3 sorts between them
        a0, b0, first = ranges[0]
        for a, b, art in ranges[1:]:
            if a <= b0:
                whose = "its own range" if first is art else f"article {first.id}'s"
                problems.append(Problem(f"{art.id}: lines {a}-{b} overlap {whose} {a0}-{b0} ({INDEX_NAME}:{first.line})",
                                        art.line, "warning"))
            if b > b0:
                a0, b0, first = a, b, art


def parse_ranges(cell: str, reversed_ok: bool = False) -> tuple[tuple[int, int], ...] | None:
    """``"31-49,69-73"`` -> ((31, 49), (69, 73)); None if it is not such a list (a reversed
    range such as 40-12 only with ``reversed_ok``, given as it is written)."""
    ranges = []
    for part in cell.split(","):
        m = _RANGE_RE.match(part)
        if not m:
            return None
        start = int(m.group(1))
        end = int(m.group(2) or start)
        if start < 1 or end < 1 or (end < start and not reversed_ok):
            return None
        ranges.append((start, end))
    return tuple(ranges) or None


def _txt_files(root: Path) -> list[Path]:
    """The texts of a folder without INDEX.md: every corpus file under it (.txt .md .html
    .htm .docx .pdf) but hidden ones and the root's user dictionary."""
    return sorted(p for p in root.rglob("*") if is_text_name(p.name) and p.is_file()
                  and not any(part.startswith(".") for part in p.relative_to(root).parts)
                  and p.relative_to(root).as_posix() != USERDICT_NAME)


def _catalog_from_folder(root: Path) -> Catalog:
    documents = []
    seen: set[str] = set()
    for path in _txt_files(root):
        rel = path.relative_to(root).as_posix()
        ident = re.sub(r"[^\w.-]+", "-", rel[:-len(path.suffix)]).strip("-") or "doc"
        base, n = ident, 2
        while ident in seen:
            ident, n = f"{base}-{n}", n + 1
        seen.add(ident)
        documents.append(Document(id=ident, file=rel, location=str(path), title=path.stem))
    problems = () if documents else (Problem(f"no {INDEX_NAME} and no .txt files in {root}", None, "warning"),)
    return Catalog(str(root), None, tuple(documents), (), problems)
