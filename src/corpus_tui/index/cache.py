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

    _refuse_empty(override)
    chosen = override or os.environ.get(ENV_CACHE)
    if chosen:
        return Path(chosen).expanduser()
    from platformdirs import user_cache_path  # ~3 ms; deferred so --help never pays it

    return user_cache_path(APP_NAME, appauthor=False)


def cache_root_str(override: str | None = None) -> str:
    """cache_root as a string, without pathlib (~5 ms of a TAB and of a warm query) when the
    folder is named or is the Linux default."""
    _refuse_empty(override)
    chosen = override or os.environ.get(ENV_CACHE)
    if chosen:
        return os.path.expanduser(chosen)
    return _linux_default() or str(cache_root())


def _refuse_empty(override) -> None:
    """`--cache-dir ''` (an unset shell variable) silently meant the default cache."""
    if override is not None and not os.fspath(override).strip():
        from corpus_tui.errors import CorpusError

        raise CorpusError("--cache-dir: empty path (leave the option out for the default cache)")


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


# -- a private cache --------------------------------------------------------------
# The cache holds marshal data (the warm stamp, jieba's dictionary cache), paths that are
# read back and the clean text of every corpus: only its owner may write it, and nobody
# else reads it. Folders are made 0700, files 0600 (mkstemp, open_exclusive).

def not_private(path: str | os.PathLike) -> str | None:
    """Why ``path`` may not serve as a cache folder (another user owns it or may write it),
    or None: it is private, or does not exist yet (make_private_dir creates it 0700)."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        return None  # cannot be stat'ed: creating or writing it fails on its own
    if (st.st_mode & 0o170000) != 0o040000:
        return None  # a file: mkdir fails, the unwritable path handles it
    if st.st_uid != os.geteuid():
        return f"owned by another user (uid {st.st_uid})"
    if st.st_mode & 0o022:
        return "writable by other users"
    return None


def make_private_dir(path: str | os.PathLike) -> None:
    """Create ``path`` (and its missing parents) with mode 0700; an OSError if it is not private."""
    os.makedirs(path, 0o700, exist_ok=True)
    reason = not_private(path)
    if reason:
        raise PermissionError(f"{path} is {reason}")


_EXCLUSIVE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)


def open_exclusive(path: str | os.PathLike) -> int:
    """A new file, 0600, never one that exists nor the target of a planted link."""
    return os.open(path, _EXCLUSIVE, 0o600)


def atomic_write_bytes(path: Path, data: bytes) -> None:
    import tempfile  # ~4 ms with shutil; a warm query or a TAB writes nothing

    make_private_dir(path.parent)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)  # O_EXCL, 0600
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
    """Content hashes of corpus files, skipped when the file's stat is unchanged.

    Hashing 100 MB costs ~0.2 s on every query; a stat pre-check makes a warm query pay one
    stat per file instead. The check is size, mtime, ctime and inode: an edit that keeps
    the size and puts the mtime back (`touch -r`) still moves the ctime, and a file
    replaced by another has another inode. Losing or corrupting this file only costs a
    re-hash. ``root`` None (a cache that is not private): nothing is read or saved.
    """

    def __init__(self, root: Path | None):
        import json

        self.path = None if root is None else root / "file-hashes.json"
        try:
            self.entries = json.loads(self.path.read_text("utf-8"))
            if not isinstance(self.entries, dict):
                self.entries = {}
        except (OSError, ValueError, AttributeError):
            self.entries = {}
        self.dirty = False
        self.paths = RealPaths()

    def sha256(self, path: Path) -> str:
        st = path.stat()
        key = self.paths.real(path)
        entry = self.entries.get(key)
        seen = [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]
        if isinstance(entry, list) and len(entry) == 5 and entry[:4] == seen:
            return entry[4]
        digest = sha256_file(path)
        self.entries[key] = [*seen, digest]
        self.dirty = True
        return digest

    def save(self) -> None:
        if self.dirty and self.path is not None:
            try:
                atomic_write_json(self.path, self.entries)
            except OSError:
                pass  # a read-only cache only costs re-hashing next time
            self.dirty = False
