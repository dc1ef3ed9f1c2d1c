"""The lock that keeps two processes from building the same index at once.

On POSIX an advisory flock on `<key>.lock`, what filelock's UnixFileLock takes (the two
interoperate), without importing filelock: its import costs 50-80 ms (typing, inspect,
logging), paid by every build. Elsewhere filelock does it.
"""

from __future__ import annotations

import os
import time

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None

POLL = 0.05


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


class IndexLock:
    """acquire(timeout) / release(); a TimeoutError (an OSError) if another process holds
    the lock for longer than ``timeout`` seconds."""

    def __init__(self, path: str):
        self.path = path
        self._fd: int | None = None
        self._other = None

    def acquire(self, timeout: float, waiting=None) -> None:
        """``waiting(holder)`` is called once if the lock is taken: who holds it, for a
        message (a query that waits must say so, not hang silently)."""
        if fcntl is None:
            from filelock import FileLock, Timeout

            self._other = FileLock(self.path)
            try:
                self._other.acquire(timeout=timeout)
            except Timeout:
                raise TimeoutError(f"{self.path} is held by another process") from None
            return
        # No link followed: a link planted in the cache must not make us create or lock its target.
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0), 0o600)
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if waiting is not None and timeout > 0:
                    waiting(self.holder())
                    waiting = None
                if time.monotonic() >= deadline:
                    os.close(fd)
                    raise TimeoutError(f"{self.path} is held by another process") from None
                time.sleep(POLL)
            except BaseException:
                os.close(fd)
                raise
            else:
                self._fd = fd
                try:  # who holds it, for the message of a process that waits (holder)
                    os.ftruncate(fd, 0)
                    os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
                except OSError:
                    pass
                return

    def holder(self) -> str:
        """The process that took the lock last, as a message can name it."""
        try:
            with open(self.path, "rb") as fh:
                pid = int(fh.read(32).split()[0])
        except (OSError, ValueError, IndexError):
            return "another process"
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as fh:
                words = fh.read(4096).split(b"\0")
        except OSError:
            return f"process {pid}" if _alive(pid) else f"process {pid}, which has ended (a child it left holds it)"
        words = [w.decode("utf-8", "replace") for w in words if w]
        if words and "python" in os.path.basename(words[0]):
            words = words[1:]  # the script it runs names it better
            if words[:1] == ["-m"]:
                words = words[1:]
        shown = " ".join([os.path.basename(words[0]), *words[1:3]]) if words else "?"
        return f"process {pid} ({shown})"

    def release(self) -> None:
        if self._other is not None:
            self._other.release()
            self._other = None
        if self._fd is not None:
            try:
                fcntl.flock(self._fd, fcntl.LOCK_UN)
            finally:
                os.close(self._fd)
                self._fd = None
