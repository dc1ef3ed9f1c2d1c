"""Where the cache lives and how files get into it safely.

Every write goes to a temp file in the same folder, is fsynced and renamed over the target,
so a reader never sees half a file (plain open(path, "w") tore 600/600 concurrent reads in
a test on this machine). Nothing here ever writes inside a corpus folder.
"""

from __future__ import annotations

import os
import sys

from corpus_tui.corpus.paths import RealPaths

# json and pathlib are imported where used: a TAB needs only sha256_bytes and cache_root_str.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path

try:  # CPython's own SHA-256: `import hashlib` loads OpenSSL first (~2.5 ms of every query and TAB)
    from _sha256 import sha256 as _sha256  # Python 3.11
except ImportError:
    try:
        from _sha2 import sha256 as _sha256  # Python 3.12+
    except ImportError:
        from hashlib import sha256 as _sha256

ENV_CACHE = "CORPUS_TUI_CACHE"
APP_NAME = "corpus-tui"


def cache_root(override: str | os.PathLike | None = None) -> Path:
    """--cache-dir, then $CORPUS_TUI_CACHE, then the user cache dir (honours XDG_CACHE_HOME)."""
    from pathlib import Path

    chosen = override or os.environ.get(ENV_CACHE)
    if chosen:
        return Path(chosen).expanduser()
    from platformdirs import user_cache_path  # ~3 ms; deferred so --help never pays it

    return user_cache_path(APP_NAME, appauthor=False)


def cache_root_str(override: str | None = None) -> str:
    """cache_root as a string, without pathlib (~5 ms of a TAB and of a warm query) when the
    folder is named or is the Linux default."""
    chosen = override or os.environ.get(ENV_CACHE)
    if chosen:
        return os.path.expanduser(chosen)
    return _linux_default() or str(cache_root())


def _linux_default() -> str | None:
    """platformdirs' user cache folder in its plain Linux case, without importing it (~3 ms
    plus pathlib): $XDG_CACHE_HOME if absolute, else $HOME/.cache, then the app's name. None
    for anything else (no or a relative $HOME, Android, other systems): ask platformdirs.
    tests/test_cache.py compares the two."""
    if sys.platform != "linux" or hasattr(sys, "getandroidapilevel"):
        return None
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    if os.path.isabs(xdg):
        return os.path.join(xdg, APP_NAME)
    home = os.environ.get("HOME", "")
    return os.path.join(home, ".cache", APP_NAME) if os.path.isabs(home) else None


def atomic_write_bytes(path: Path, data: bytes) -> None:
    import tempfile  # ~4 ms with shutil; a warm query or a TAB writes nothing

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def atomic_write_json(path: Path, obj) -> None:
    import json

    atomic_write_bytes(path, json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


def sha256_file(path: Path) -> str:
    import hashlib  # OpenSSL's is several times faster on whole files; only a changed file pays its import

    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def sha256_bytes(data: bytes) -> str:
    return _sha256(data).hexdigest()


class HashCache:
    """Content hashes of corpus files, skipped when size and mtime are unchanged.

    Hashing 100 MB costs ~0.2 s on every query; a size+mtime pre-check makes a warm query
    pay one stat per file instead. Losing or corrupting this file only costs a re-hash.
    """

    def __init__(self, root: Path):
        import json

        self.path = root / "file-hashes.json"
        try:
            self.entries = json.loads(self.path.read_text("utf-8"))
            if not isinstance(self.entries, dict):
                self.entries = {}
        except (OSError, ValueError):
            self.entries = {}
        self.dirty = False
        self.paths = RealPaths()

    def sha256(self, path: Path) -> str:
        st = path.stat()
        key = self.paths.real(path)
        entry = self.entries.get(key)
        if isinstance(entry, list) and len(entry) == 3 and entry[0] == st.st_size and entry[1] == st.st_mtime_ns:
            return entry[2]
        digest = sha256_file(path)
        self.entries[key] = [st.st_size, st.st_mtime_ns, digest]
        self.dirty = True
        return digest

    def save(self) -> None:
        if self.dirty:
            try:
                atomic_write_json(self.path, self.entries)
            except OSError:
                pass  # a read-only cache only costs re-hashing next time
            self.dirty = False
