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


class IndexLock:
    """acquire(timeout) / release(); a TimeoutError (an OSError) if another process holds
    the lock for longer than ``timeout`` seconds."""

    def __init__(self, path: str):
        self.path = path
        self._fd: int | None = None
        self._other = None

    def acquire(self, timeout: float) -> None:
        if fcntl is None:
            from filelock import FileLock, Timeout

            self._other = FileLock(self.path)
            try:
                self._other.acquire(timeout=timeout)
            except Timeout:
                raise TimeoutError(f"{self.path} is held by another process") from None
            return
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    os.close(fd)
                    raise TimeoutError(f"{self.path} is held by another process") from None
                time.sleep(POLL)
            except BaseException:
                os.close(fd)
                raise
            else:
                self._fd = fd
                return

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
