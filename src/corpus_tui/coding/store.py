"""The SQLite store of codings: one table of codings, one of the codebook snapshot.

The standard library's sqlite3, in WAL mode (a TUI and a CLI may write at once; readers never
wait), every write in one ``BEGIN IMMEDIATE`` transaction (a closed terminal loses nothing
written, a failed write leaves nothing half done), the schema version in ``PRAGMA
user_version``. By default the file lives in the user data folder (platformdirs, honouring
XDG_DATA_HOME), created private (0600, which SQLite gives its -wal and -shm files too), and
never inside the corpus folder.

A coding is one code given by one coder to one KWIC line. The line is (term, doc, the raw
file's hash, raw offset, raw length); the same coder may give one line several codes.
"""

from __future__ import annotations

import os
import sqlite3
from collections import namedtuple
from pathlib import Path

from corpus_tui.coding.codebook import APP_NAME, Code, Codebook
from corpus_tui.errors import CorpusError

SCHEMA_VERSION = 1
DEFAULT_NAME = "codes.sqlite3"
BUSY_MS = 5000  # another process's write transaction is short; wait for it rather than fail

FIELDS = ("id", "term", "doc", "article", "file", "line", "column", "sha256", "raw_offset", "raw_length", "node",
          "before", "after", "left", "right", "code", "note", "coder", "coded_at", "orphaned")
# SQL names: `left`, `right`, `column` and `before` are SQLite keywords.
_SQL = dict(column="col", before="raw_before", after="raw_after", left="left_context", right="right_context")
_COLS = tuple(_SQL.get(f, f) for f in FIELDS)
_LINE = ("term", "doc", "sha256", "raw_offset", "raw_length")

SCHEMA = """
CREATE TABLE coding (
    id INTEGER PRIMARY KEY,
    term TEXT NOT NULL, doc TEXT NOT NULL, article TEXT NOT NULL, file TEXT NOT NULL,
    line INTEGER NOT NULL, col INTEGER NOT NULL,
    sha256 TEXT NOT NULL, raw_offset INTEGER NOT NULL, raw_length INTEGER NOT NULL,
    node TEXT NOT NULL, raw_before TEXT NOT NULL, raw_after TEXT NOT NULL,
    left_context TEXT NOT NULL, right_context TEXT NOT NULL,
    code TEXT NOT NULL, note TEXT NOT NULL, coder TEXT NOT NULL, coded_at TEXT NOT NULL,
    orphaned INTEGER NOT NULL DEFAULT 0,
    UNIQUE (term, doc, sha256, raw_offset, raw_length, coder, code)
);
CREATE INDEX coding_by_doc ON coding (doc, sha256);
CREATE TABLE codebook (
    position INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, key INTEGER NOT NULL,
    description TEXT NOT NULL, source TEXT NOT NULL, saved_at TEXT NOT NULL
);
"""


class StoreError(CorpusError):
    pass


class Coding(namedtuple("Coding", FIELDS, defaults=("", "", "", 0))):
    """One stored judgement; ``id`` is None until stored. Offsets and lengths count code points."""

    __slots__ = ()

    @property
    def line_key(self) -> tuple:
        """What names the KWIC line: (term, doc, sha256, raw_offset, raw_length)."""
        return (self.term, self.doc, self.sha256, self.raw_offset, self.raw_length)

    @property
    def location(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


class ImportReport(namedtuple("ImportReport", "added unchanged conflicts")):
    __slots__ = ()
    # added: int
    # unchanged: int
    # conflicts: tuple[str, ...]  one line each: the stored coding is kept


def default_path() -> Path:
    import platformdirs

    return platformdirs.user_data_path(APP_NAME) / DEFAULT_NAME


def default_coder() -> str:
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name and no USER/LOGNAME: a container's uid
        return f"uid{os.getuid()}" if hasattr(os, "getuid") else "coder"


def now() -> str:
    import time

    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def _inside(path: Path, folder: Path) -> bool:
    try:
        Path(os.path.realpath(path)).relative_to(os.path.realpath(folder))
    except ValueError:
        return False
    return True


class Store:
    """An open codes file. Use as a context manager, or call ``close``."""

    def __init__(self, path: str | os.PathLike | None = None, corpus_root: str | os.PathLike | None = None):
        self.path = Path(path) if path is not None else default_path()
        if corpus_root is not None and _inside(self.path, Path(corpus_root)):
            raise StoreError(f"codes file {self.path} is inside the corpus folder {corpus_root}; "
                             f"keep codes elsewhere (--codes FILE)")
        _create_private(self.path, private_parent=path is None)
        try:
            self._db = sqlite3.connect(self.path, isolation_level=None, timeout=BUSY_MS / 1000)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open the codes file {self.path}: {exc}") from None
        try:
            self._prepare()
        except BaseException:
            self._db.close()
            raise

    def _prepare(self) -> None:
        try:
            version = self._db.execute("PRAGMA user_version").fetchone()[0]
            tables = {r[0] for r in self._db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path} is not a codes file ({exc})") from None
        if version > SCHEMA_VERSION:
            raise StoreError(f"{self.path} has codes schema {version}, newer than this corpus_tui's "
                             f"{SCHEMA_VERSION}: upgrade corpus_tui")
        if version == 0 and tables:
            raise StoreError(f"{self.path} is an SQLite file of something else (tables: {', '.join(sorted(tables))})")
        try:
            # Outside a transaction, where the journal mode can change; a folder where WAL
            # cannot work (a network file system) keeps the rollback journal, still correct.
            self._db.execute("PRAGMA journal_mode = WAL")
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open the codes file {self.path}: {exc}") from None
        if version == 0:
            with self._write():
                if self._db.execute("PRAGMA user_version").fetchone()[0] == 0:  # not made meanwhile by another process
                    for statement in SCHEMA.split(";"):
                        if statement.strip():
                            self._db.execute(statement)
                    self._db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- transactions ---------------------------------------------------------
    def _write(self):
        return _Transaction(self)

    def _read(self, sql: str, args: tuple = ()) -> list:
        try:
            return self._db.execute(sql, args).fetchall()
        except sqlite3.Error as exc:
            raise StoreError(f"cannot read the codes file {self.path}: {exc}") from None

    # -- codings --------------------------------------------------------------
    def add(self, coding: Coding) -> Coding | None:
        """Store ``coding``; None (and nothing written) when that line already has that code by that coder."""
        with self._write():
            return self._insert(coding)

    def _insert(self, coding: Coding) -> Coding | None:
        values = coding._replace(coded_at=coding.coded_at or now(), orphaned=int(coding.orphaned))
        cols = _COLS if values.id is not None else _COLS[1:]
        row = tuple(values) if values.id is not None else tuple(values)[1:]
        cur = self._db.execute(f"INSERT INTO coding ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))}) "
                               "ON CONFLICT DO NOTHING",  # only the UNIQUE line+coder+code; NOT NULL still fails
                               row)
        return values._replace(id=cur.lastrowid) if cur.rowcount else None

    def remove(self, ids) -> int:
        ids = list(ids)
        with self._write():
            return sum(self._db.execute("DELETE FROM coding WHERE id = ?", (i,)).rowcount for i in ids)

    def toggle(self, line: Coding, code: str) -> tuple[str, Coding]:
        """Add ``code`` to the coder's codes of ``line``, or take it away if it was there.

        Returns ("added" | "removed", the coding) so a front end can undo it with
        ``remove([coding.id])`` or ``add(coding)``.
        """
        with self._write():
            old = self._find(line._replace(code=code))
            if old is not None:
                self._db.execute("DELETE FROM coding WHERE id = ?", (old.id,))
                return "removed", old
            return "added", self._insert(line._replace(id=None, code=code, coded_at=""))

    def find(self, c: Coding) -> Coding | None:
        """The stored coding of ``c``'s line, coder and code, if any."""
        try:
            return self._find(c)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot read the codes file {self.path}: {exc}") from None

    def _find(self, c: Coding) -> Coding | None:
        where = " AND ".join(f"{k} = ?" for k in (*_LINE, "coder", "code"))
        rows = self._db.execute(f"SELECT {', '.join(_COLS)} FROM coding WHERE {where}",
                                (*c.line_key, c.coder, c.code)).fetchall()
        return Coding(*rows[0]) if rows else None

    def set_note(self, ids, note: str) -> int:
        ids = list(ids)
        with self._write():
            return sum(self._db.execute("UPDATE coding SET note = ? WHERE id = ?", (note, i)).rowcount for i in ids)

    def codings(self, term: str | None = None, code: str | None = None, coder: str | None = None,
                doc: str | None = None, orphaned: bool | None = None) -> list[Coding]:
        """Stored codings in corpus order (term, doc, offset), then code and coder."""
        conds, args = [], []
        for col, value in (("term", term), ("code", code), ("coder", coder), ("doc", doc)):
            if value is not None:
                conds.append(f"{col} = ?")
                args.append(value)
        if orphaned is not None:
            conds.append("orphaned = ?")
            args.append(int(orphaned))
        where = f" WHERE {' AND '.join(conds)}" if conds else ""
        rows = self._read(f"SELECT {', '.join(_COLS)} FROM coding{where} "
                          f"ORDER BY term, doc, raw_offset, raw_length, coder, code, id", tuple(args))
        return [Coding(*r) for r in rows]

    def anchored_files(self) -> list[tuple[str, str, int]]:
        """Distinct (doc, sha256, orphaned) of the stored codings: what re-anchoring checks first."""
        return [tuple(r) for r in self._read("SELECT DISTINCT doc, sha256, orphaned FROM coding ORDER BY doc")]

    def coders(self) -> list[str]:
        return [r[0] for r in self._read("SELECT DISTINCT coder FROM coding ORDER BY coder")]

    def move(self, moves) -> int:
        """Re-anchor codings: ``moves`` of (id, sha256, raw_offset, line, column), in one transaction."""
        moves = list(moves)
        with self._write():
            n = 0
            for ident, sha, offset, line, column in moves:
                try:
                    n += self._db.execute("UPDATE coding SET sha256 = ?, raw_offset = ?, line = ?, col = ?, orphaned = 0 "
                                          "WHERE id = ?", (sha, offset, line, column, ident)).rowcount
                except sqlite3.IntegrityError:  # the same code was given again at the new place: keep that one
                    self._db.execute("UPDATE coding SET orphaned = 1 WHERE id = ?", (ident,))
            return n

    def set_orphaned(self, ids, orphaned: bool = True) -> int:
        ids = list(ids)
        with self._write():
            return sum(self._db.execute("UPDATE coding SET orphaned = ? WHERE id = ?", (int(orphaned), i)).rowcount
                       for i in ids)

    def import_codings(self, codings) -> ImportReport:
        """Add codings from an export, in one transaction. A coding already stored with the same
        note is unchanged; with another note it is a conflict, reported, and the stored one kept."""
        added = unchanged = 0
        conflicts = []
        with self._write():
            for c in codings:
                old = self._find(c)
                if old is None:
                    self._insert(c._replace(id=None))
                    added += 1
                elif old.note == c.note:
                    unchanged += 1
                else:
                    conflicts.append(f"{c.location} {c.term} {c.code!r} by {c.coder}: stored note {old.note!r} kept, "
                                     f"imported note {c.note!r} not")
        return ImportReport(added, unchanged, tuple(conflicts))

    # -- codebook snapshot ----------------------------------------------------
    def save_codebook(self, book: Codebook) -> None:
        """Keep a copy of the codebook the codes were given with (replaced by the newest)."""
        stamp = now()
        with self._write():
            stored = self._db.execute("SELECT name, key, description, source FROM codebook ORDER BY position").fetchall()
            if stored == [(c.name, c.key, c.description, book.source) for c in book.codes]:
                return
            self._db.execute("DELETE FROM codebook")
            self._db.executemany("INSERT INTO codebook VALUES (?, ?, ?, ?, ?, ?)",
                                 [(i, c.name, c.key, c.description, book.source, stamp)
                                  for i, c in enumerate(book.codes)])

    def codebook(self) -> Codebook | None:
        rows = self._read("SELECT name, key, description, source FROM codebook ORDER BY position")
        if not rows:
            return None
        return Codebook(tuple(Code(n, k, d) for n, k, d, _ in rows), f"{rows[0][3]} (as saved in {self.path})")


class _Transaction:
    """BEGIN IMMEDIATE … COMMIT, ROLLBACK on any error; sqlite3 errors become one-line StoreErrors."""

    def __init__(self, store: Store):
        self.store = store

    def __enter__(self):
        try:
            self.store._db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise StoreError(f"cannot write the codes file {self.store.path}: {exc}") from None

    def __exit__(self, kind, exc, tb):
        db = self.store._db
        if kind is None:
            try:
                db.execute("COMMIT")
                return False
            except sqlite3.Error as err:
                exc = err
        if db.in_transaction:
            db.execute("ROLLBACK")
        if isinstance(exc, sqlite3.Error):
            raise StoreError(f"cannot write the codes file {self.store.path}: {exc}") from None
        return False


def _create_private(path: Path, private_parent: bool) -> None:
    """Create an empty file 0600 if there is none (SQLite would make it 0644 under a usual umask)."""
    if path.exists():
        return
    try:
        if private_parent:
            path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        elif not path.parent.is_dir():
            raise StoreError(f"cannot create the codes file {path}: no folder {path.parent}")
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600))
    except FileExistsError:
        pass  # another process made it first
    except OSError as exc:
        raise StoreError(f"cannot create the codes file {path}: {exc.strerror or exc}") from None
