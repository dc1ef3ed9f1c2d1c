"""Work for the second CPU: a forked child that starts now and answers one question later.

A build of a small corpus runs in one process, and jieba's dictionary load and the
tokenizing leave the second CPU idle; the part-of-speech table (jieba's 350 000-line
dictionary parsed again, ~150 ms) does not need the tokens until the very end. A side job
prepares it in a child from the start; at the end the parent sends the question (the
vocabulary) and reads the answer (the tags), both marshalled through pipes with a length
in front, so neither side waits for an end of file another process might hold open.

The parent loses nothing if the child fails: ``ask`` returns None and the caller does the
work itself. No fork while another thread runs (the TUI builds in a worker thread; a fork
copies only the calling thread, so a lock another thread held would stay held in the
child) or with a single CPU.
"""

from __future__ import annotations

import marshal
import os
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Callable


def can_fork() -> bool:
    """Two CPUs for this process and no other thread."""
    if not hasattr(os, "fork"):
        return False
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    threading = sys.modules.get("threading")  # not imported: no thread but this one
    return cpus >= 2 and (threading is None or threading.active_count() == 1)


PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int) -> None:
    """Called first in every child a build or a query starts: the child is killed when its
    parent dies, whatever killed the parent (kill -9, SIGTERM, SIGHUP). An orphaned build
    worker stayed blocked on its pipe holding the index lock (inherited with the fork), and
    the next query waited for it. Linux: prctl(PR_SET_PDEATHSIG); then, since the parent
    may have died before that call, a parent that is already gone ends the child at once.
    Elsewhere only that check."""
    import signal

    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:
        os._exit(1)


class SideJob:
    __slots__ = ("pid", "to_child", "from_child")

    def __init__(self, pid: int, to_child: int, from_child: int):
        self.pid, self.to_child, self.from_child = pid, to_child, from_child

    def ask(self, question):
        """Send ``question``, return the child's answer, or None if the child failed."""
        try:
            _send(self.to_child, question)
            answer = _receive(self.from_child)
            _, status = os.waitpid(self.pid, 0)
            self.pid = None
            return answer if status == 0 else None
        except (OSError, EOFError, ValueError, TypeError):
            return None
        finally:
            self.close()

    def close(self) -> None:
        """Close the pipes and end the child if it still runs (the build failed or was cut short)."""
        for fd in (self.to_child, self.from_child):
            if fd is not None:
                try:
                    os.close(fd)
                except OSError:
                    pass
        self.to_child = self.from_child = None
        if self.pid is not None:
            import signal

            try:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            except OSError:
                pass
            self.pid = None


def start(prepare: Callable[[], object], answer: Callable[[object, object], object],
          check: bool = True) -> SideJob | None:
    """Fork a child that runs ``prepare()`` at once, then waits for a question and replies
    ``answer(prepared, question)``; None when this process should not fork (``check``:
    can_fork() decides; False: the caller did) or the fork failed."""
    if check and not can_fork():
        return None
    try:
        down_r, down_w = os.pipe()
    except OSError:
        return None
    try:
        up_r, up_w = os.pipe()
    except OSError:
        os.close(down_r)
        os.close(down_w)
        return None
    parent = os.getpid()
    try:
        pid = os.fork()
    except OSError:
        for fd in (down_r, down_w, up_r, up_w):
            os.close(fd)
        return None
    if pid == 0:
        _child(prepare, answer, down_r, down_w, up_r, up_w, parent)
    os.close(down_r)
    os.close(up_w)
    return SideJob(pid, down_w, up_r)


def _child(prepare, answer, down_r: int, down_w: int, up_r: int, up_w: int, parent: int) -> None:
    """Never returns. Ctrl-C is the parent's to handle: the child ignores it and ends when
    the parent closes its pipe or kills it. No exit handler runs, no inherited stdio buffer
    is flushed, nothing is printed."""
    code = 1
    try:
        import signal

        signal.signal(signal.SIGINT, signal.SIG_IGN)
        die_with_parent(parent)
        os.close(down_w)
        os.close(up_r)
        prepared = prepare()
        question = _receive(down_r)
        _send(up_w, answer(prepared, question))
        code = 0
    except BaseException:
        pass
    finally:
        os._exit(code)


def _send(fd: int, obj) -> None:
    data = marshal.dumps(obj)
    view = memoryview(len(data).to_bytes(8, "little") + data)
    while view:
        view = view[os.write(fd, view):]


def _receive(fd: int):
    size = int.from_bytes(_read_exactly(fd, 8), "little")
    return marshal.loads(_read_exactly(fd, size))


def _read_exactly(fd: int, n: int) -> bytes:
    chunks, got = [], 0
    while got < n:
        chunk = os.read(fd, min(n - got, 1 << 20))
        if not chunk:
            raise EOFError("side job pipe closed early")
        chunks.append(chunk)
        got += len(chunk)
    return b"".join(chunks)
