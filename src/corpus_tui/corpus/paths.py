"""Real paths of many files that share a few folders, as Path.resolve() gives them.

Path.resolve() pays an lstat per path component: every warm query resolves each listed
file (INDEX.md rows, the hash cache's keys), so a 50-file corpus in a folder five levels
deep paid ~500 lstat calls, ~20 ms before any search. Here each folder is resolved once
and each file costs one lstat; a file that is itself a symlink is resolved in full.
One instance per catalogue read: nothing is remembered between queries (or TUI reloads),
so a symlink changed meanwhile is seen.
"""

from __future__ import annotations

import os
import stat


class RealPaths:
    def __init__(self) -> None:
        self._folders: dict[str, str] = {}
        self._modes: dict[str, int | None] = {}

    def real(self, path: str | os.PathLike) -> str:
        """str(Path(path).resolve()): a missing file keeps its name; NUL bytes raise
        ValueError and a symlink loop RuntimeError, as there."""
        path = os.fspath(path)
        folder, name = os.path.split(path)
        if not folder or name in ("", ".", ".."):
            return _resolve(path)
        try:
            mode = self._lstat(path)
        except OSError:  # too long, no permission: whatever resolve() makes of it
            return _resolve(path)
        if mode is not None and stat.S_ISLNK(mode):
            return _resolve(path)
        real_folder = self._folders.get(folder)
        if real_folder is None:
            real_folder = self._folders[folder] = _resolve(folder)
        return os.path.join(real_folder, name)

    def is_file(self, path: str | os.PathLike) -> bool:
        """Path.is_file(), from the lstat already taken when the path is not a symlink."""
        path = os.fspath(path)
        try:
            mode = self._lstat(path)
        except (OSError, ValueError):
            return False
        if mode is not None and stat.S_ISLNK(mode):
            try:
                return os.path.isfile(path)
            except ValueError:
                return False
        return mode is not None and stat.S_ISREG(mode)

    def _lstat(self, path: str) -> int | None:
        """The path's own mode, None if it does not exist."""
        if path not in self._modes:
            try:
                self._modes[path] = os.lstat(path).st_mode
            except (FileNotFoundError, NotADirectoryError):
                self._modes[path] = None
        return self._modes[path]


def _resolve(path: str) -> str:
    from pathlib import Path

    return str(Path(path).resolve())
