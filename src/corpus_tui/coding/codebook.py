"""The codebook: a TOML file with one ``[[code]]`` table per code (name, key 1-9, description).

Read with the standard library's tomllib. Every problem is one line naming the file and,
where it has one, the code (`codebook.toml: code 2 ("谨慎"): key 10 is not a digit 1-9`), so a
front end can print it as it is.
"""

from __future__ import annotations

import os
from collections import namedtuple
from pathlib import Path

from corpus_tui.errors import CorpusError

DEFAULT_NAME = "codebook.toml"
APP_NAME = "corpus-tui"
FIELDS = ("name", "key", "description")
MAX_BYTES = 1 << 20  # a codebook is a page of TOML; more is a wrong file
MAX_NAME = 40  # a code column and a status line must stay readable

EXAMPLE = '''\
# corpus_tui codebook: one [[code]] table per code.
#   name         the code as it is stored, listed and exported (any script, no tab or newline)
#   key          the digit 1-9 that toggles the code on the current KWIC line in the TUI
#   description  what the code means, for the coders (shown in `corpus code list --codebook`)
# Codes apply to any KWIC line; a line may carry several codes, and a free-text note.
# Edit the codes, then: corpus kwic 新赛道 ; corpus code add 新赛道 FILE:LINE:COLUMN 积极

[[code]]
name = "积极"
key = 1
description = "the term framed as an opportunity"

[[code]]
name = "谨慎"
key = 2
description = "the term framed with caution: risks, limits, conditions"

[[code]]
name = "中性"
key = 3
description = "the term named without a judgement"
'''


class CodebookError(CorpusError):
    pass


class Code(namedtuple("Code", FIELDS)):
    __slots__ = ()
    # name: str
    # key: int  (1-9)
    # description: str


class Codebook(namedtuple("Codebook", "codes source")):
    """Codes in file order; ``source`` names where they came from (a path, or a store's snapshot)."""

    __slots__ = ()
    # codes: tuple[Code, ...]
    # source: str

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.codes)

    def by_name(self, name: str) -> Code:
        for c in self.codes:
            if c.name == name:
                return c
        raise CodebookError(f"unknown code {name!r}; the codebook {self.source} has: {', '.join(self.names)}")

    def by_key(self, key: int) -> Code | None:
        for c in self.codes:
            if c.key == key:
                return c
        return None


def parse(text: str, source: str = DEFAULT_NAME) -> Codebook:
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise CodebookError(f"{source}: not valid TOML: {' '.join(str(exc).split())}") from None
    extra = sorted(set(data) - {"code"})
    if extra:
        raise CodebookError(f"{source}: unknown table or key {extra[0]!r}; a codebook has only [[code]] tables")
    tables = data.get("code")
    if not tables:
        raise CodebookError(f"{source}: no [[code]] table; see `corpus code init` for an example")
    if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
        raise CodebookError(f"{source}: `code` must be an array of tables, written [[code]]")
    codes: list[Code] = []
    for n, table in enumerate(tables, 1):
        codes.append(_code(table, n, source, codes))
    return Codebook(tuple(codes), source)


def _code(table: dict, n: int, source: str, seen: list[Code]) -> Code:
    name = table.get("name")
    where = f"{source}: code {n}" + (f" ({name!r})" if isinstance(name, str) and name.strip() else "")
    extra = sorted(set(table) - set(FIELDS))
    if extra:
        raise CodebookError(f"{where}: unknown field {extra[0]!r}; a code has name, key and description")
    if not isinstance(name, str) or not name.strip():
        raise CodebookError(f"{where}: needs a name (a non-empty string)")
    if name != name.strip() or any(ch in name for ch in "\t\n\r") or not name.isprintable():
        raise CodebookError(f"{where}: the name has a tab, newline, control character or edge space")
    if len(name) > MAX_NAME:
        raise CodebookError(f"{where}: the name is longer than {MAX_NAME} characters")
    key = table.get("key")
    if type(key) is not int or not 1 <= key <= 9:
        raise CodebookError(f"{where}: key {key!r} is not a digit 1-9" if key is not None else f"{where}: needs a key (1-9)")
    description = table.get("description", "")
    if not isinstance(description, str):
        raise CodebookError(f"{where}: description must be a string")
    for other in seen:
        if other.name == name:
            raise CodebookError(f"{where}: the name is already used by code {seen.index(other) + 1}")
        if other.key == key:
            raise CodebookError(f"{where}: key {key} is already used by {other.name!r}")
    return Code(name, key, " ".join(description.split()))


def load(path: str | os.PathLike) -> Codebook:
    from corpus_tui.corpus.userfile import read_user_text

    text = read_user_text(path, "codebook", MAX_BYTES, error=CodebookError,
                          missing=f"codebook not found: {path} (write an example with: corpus code init)")
    return parse(text, str(path))


def user_config_path() -> Path:
    import platformdirs

    return platformdirs.user_config_path(APP_NAME) / DEFAULT_NAME


def locate(explicit: str | os.PathLike | None = None, cwd: str | os.PathLike | None = None) -> Path:
    """``--codebook FILE``, else ``codebook.toml`` in the working folder, else the user config folder's."""
    if explicit is not None:
        return Path(explicit)
    here = Path(cwd if cwd is not None else os.getcwd()) / DEFAULT_NAME
    if here.is_file():
        return here
    config = user_config_path()
    if config.is_file():
        return config
    raise CodebookError(f"no codebook: none given with --codebook, no {DEFAULT_NAME} here nor at {config} "
                        f"(write one with: corpus code init)")


def write_example(path: str | os.PathLike, force: bool = False) -> Path:
    """Write EXAMPLE to ``path``; an existing file is kept unless ``force``."""
    path = Path(path)
    flags = os.O_WRONLY | os.O_CREAT | (os.O_TRUNC if force else os.O_EXCL)
    try:
        if path.parent != Path(""):
            path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, flags | getattr(os, "O_NOFOLLOW", 0), 0o644)
    except FileExistsError:
        raise CodebookError(f"{path} exists; edit it, or overwrite it with --force") from None
    except OSError as exc:
        raise CodebookError(f"cannot write {path}: {exc.strerror or exc}") from None
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(EXAMPLE)
    return path
