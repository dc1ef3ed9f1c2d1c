"""Regular expressions bounded in time and memory, compile and match both.

The `regex` module's timeout= covers matching only, and not all of it: `a{1000000000}`
took 24 GB to compile, a 10 000-character literal ran past 60 s of matching, and neither
could be stopped from inside the process. So a pattern is first checked (its expanded
size, below), then compiled and matched in a child process with an address-space limit,
which the parent kills when the time is up. The parent stays small and alive: one error
line in the CLI, a status message in the TUI.

The child is forked when this process has no other thread (the CLI: ~5 ms), otherwise
started fresh (`python -c`, the TUI's worker threads: a fork copies only the calling
thread, and a lock another one held would stay held). It sends its matches back through
a pipe in frames: a tag byte, a length, a payload (R ready, M matches as int64 pairs,
X an error, D done).
"""

from __future__ import annotations

import os
import struct
import sys

from corpus_tui.errors import QueryError

TIMEOUT = 2.0  # seconds of the child's work, from its start of compiling
MEMORY = 512 << 20  # bytes the child may add to what it holds when it starts compiling
MAX_EXPANSION = 100_000  # a{100000} compiles in ~0.07 s and 40 MB; a{1000000} 0.6 s and 270 MB
START_TIMEOUT = 60.0  # a fresh interpreter on a loaded machine: not the pattern's time

_HEADER = struct.Struct("<cI")

# The child's code, self-contained (the standard library and `regex`): a fresh interpreter
# runs it with `python -c`, a forked child with exec.
CHILD = r'''
import os, struct, sys

def _send(out, tag, payload=b""):
    data = struct.pack("<cI", tag, len(payload)) + payload
    while data:
        data = data[os.write(out, data):]

def _limit(budget, seconds):
    # Memory: what the child holds now plus the budget. CPU: the parent kills the child
    # when its time is up; the CPU limit also ends one whose parent died meanwhile.
    try:
        import resource
        with open("/proc/self/statm") as fh:
            held = int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        resource.setrlimit(resource.RLIMIT_AS, (held + budget, held + budget))
        cpu = int(resource.getrusage(resource.RUSAGE_SELF).ru_utime + resource.getrusage(resource.RUSAGE_SELF).ru_stime)
        resource.setrlimit(resource.RLIMIT_CPU, (cpu + int(seconds) + 2, cpu + int(seconds) + 3))
    except (ImportError, OSError, ValueError):
        pass

def serve(pattern, text, spans, out, budget, seconds):
    import json
    from array import array
    import regex
    _limit(budget, seconds)
    _send(out, b"R")
    found = None
    try:
        try:
            rx = regex.compile(pattern, regex.VERSION0)
        except regex.error as exc:
            _send(out, b"X", json.dumps({"kind": "invalid", "msg": getattr(exc, "msg", str(exc)),
                                         "pos": getattr(exc, "pos", None)}).encode())
            return
        found = array("q")
        for a, b in spans:
            for m in rx.finditer(text, a, b):
                s, e = m.span()
                if e > s:
                    found.append(s)
                    found.append(e)
                    if len(found) >= 16384:
                        _send(out, b"M", found.tobytes())
                        del found[:]
        if found:
            _send(out, b"M", found.tobytes())
        _send(out, b"D")
    except (MemoryError, OverflowError, RecursionError):
        found = None  # frees what the matches held, for the message to be sent
        _send(out, b"X", b'{"kind": "memory"}')

def main():
    import json
    job = json.loads(sys.stdin.buffer.readline())
    if job["path"] is not None:
        with open(job["path"], "rb") as fh:
            data = fh.read()
    else:
        data = sys.stdin.buffer.read(job["size"])
    text = data.decode("utf-8")
    del data
    serve(job["pattern"], text, job["spans"], 1, job["budget"], job["seconds"])
'''


RegexError = QueryError


def check_pattern(pattern: str) -> None:
    """Refuse a pattern whose counted repeats expand past MAX_EXPANSION before anything
    compiles it: `a{1000000000}` or nested repeats would take all memory to compile."""
    if not pattern or not pattern.strip():
        raise RegexError("empty regular expression")
    size = expansion(pattern)
    if size > MAX_EXPANSION:
        raise RegexError(f"regular expression {_shown(pattern)} expands to about {size:,} items "
                         f"(counted repeats multiply); at most {MAX_EXPANSION:,}: simplify it")


def expansion(p: str) -> int:
    """An upper bound of the size a regex compiles to: every item counted once, times the
    counts of the repeats around it ({m}, {m,n}, {,n}); * + ? count once."""
    stack = [0]
    last = 0
    i, n = 0, len(p)
    while i < n:
        c = p[i]
        if c == "\\":
            i += 2
            atom = 1
        elif c == "[":
            j = i + 1
            if j < n and p[j] == "^":
                j += 1
            if j < n and p[j] == "]":
                j += 1
            while j < n and p[j] != "]":
                j += 2 if p[j] == "\\" else 1
            i = j + 1
            atom = 1
        elif c == "(":
            stack.append(0)
            i += 1
            if p[i:i + 1] == "?":  # the group's kind is no item: (?: (?= (?<= (?P<name> (?i)
                if p[i:i + 3] in ("?<=", "?<!"):
                    i += 3
                elif p[i:i + 3] in ("?P<", "?P=") or p[i:i + 2] == "?<":
                    close = p.find(">", i)
                    i = close + 1 if close > 0 else i + 2
                else:
                    i += 2
            last = 0
            continue
        elif c == ")":
            atom = max(stack.pop() if len(stack) > 1 else 0, 1)
            i += 1
        elif c == "{":
            count, end = _repeat(p, i)
            if count is None:
                atom, i = 1, i + 1  # a literal brace
            else:
                stack[-1] += last * (count - 1) if count else -last
                last *= count
                i = end
                continue
        else:
            atom = 1
            i += 1
        stack[-1] += atom
        last = atom
    return sum(stack)


def _repeat(p: str, i: int) -> tuple[int | None, int]:
    """The largest count of the repeat `{...}` at p[i] and the index after it, or None."""
    j = p.find("}", i)
    if j < 0:
        return None, i
    inner = p[i + 1:j].replace(" ", "")
    lo, comma, hi = inner.partition(",")
    if not (lo.isdigit() or (comma and not lo)) or (hi and not hi.isdigit()) or not (lo or hi):
        return None, i
    if not lo.isascii() or not hi.isascii():
        return None, i
    return int(hi or lo), j + 1


def _shown(pattern: str) -> str:
    return repr(pattern if len(pattern) <= 60 else pattern[:57] + "...")


def matches(idx, pattern: str, spans: list[tuple[int, int]], timeout: float = TIMEOUT):
    """Yield (start, end) of every non-empty match of ``pattern`` in the clean text's
    ``spans`` (code points), in order, computed by a bounded child; RegexError past a bound
    (``timeout`` seconds of its work, MEMORY bytes)."""
    check_pattern(pattern)
    job = _Job(idx, pattern, spans, timeout)
    try:
        yield from job.read()
    finally:
        job.stop()


def _no_other_thread() -> bool:
    threading = sys.modules.get("threading")
    return hasattr(os, "fork") and (threading is None or threading.active_count() == 1)


class _Job:
    def __init__(self, idx, pattern: str, spans, timeout: float):
        self.pattern, self.pid, self.proc, self.done, self.timeout = pattern, None, None, False, timeout
        self.buf = bytearray()
        if _no_other_thread():
            import regex  # noqa: F401 -- imported once here, not again by every child

            text = idx.text
            r, w = os.pipe()
            pid = os.fork()
            if pid == 0:  # the child: never returns
                code = 1
                try:
                    os.close(r)
                    ns: dict = {}
                    exec(CHILD, ns)
                    ns["serve"](pattern, text, spans, w, MEMORY, timeout)
                    code = 0
                finally:
                    os._exit(code)
            os.close(w)
            self.pid, self.fd = pid, r
            return
        import subprocess

        folder = getattr(idx, "folder", None)
        path = os.path.join(folder, "clean.txt") if folder else None
        data = None if path else idx.text.encode("utf-8")
        job = {"pattern": pattern, "spans": [list(s) for s in spans], "path": path,
               "size": len(data) if data is not None else 0, "budget": MEMORY, "seconds": timeout}
        import json

        self.proc = subprocess.Popen([sys.executable, "-c", CHILD + "\nmain()\n"],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.fd = self.proc.stdout.fileno()
        try:
            self.proc.stdin.write(json.dumps(job).encode("utf-8") + b"\n")
            if data is not None:
                self.proc.stdin.write(data)
            self.proc.stdin.close()
        except OSError:
            pass  # the child ended early: read() reports it

    def read(self):
        import time

        self.deadline = time.monotonic() + START_TIMEOUT
        self.waited = 0.0
        started = False
        while True:
            tag, payload = self._frame(started)
            if tag == b"R":
                started = True
            elif tag == b"M":
                from array import array

                found = array("q")
                found.frombytes(payload)
                for k in range(0, len(found), 2):
                    yield found[k], found[k + 1]
            elif tag == b"D":
                self.done = True
                return
            elif tag == b"X":
                raise self._error(payload)
            else:
                raise RegexError(f"regular expression {_shown(self.pattern)} could not be run "
                                 "(the process matching it ended early); simplify it")

    def _frame(self, started: bool) -> tuple[bytes, bytes]:
        head = self._take(_HEADER.size, started)
        if head is None:
            return b"", b""
        tag, size = _HEADER.unpack(head)
        payload = self._take(size, started) if size else b""
        return tag, payload if payload is not None else b""

    def _take(self, n: int, started: bool) -> bytes | None:
        import select
        import time

        while len(self.buf) < n:
            if started:
                left = self.timeout - self.waited
            else:
                left = self.deadline - time.monotonic()
            if left <= 0:
                raise RegexError(f"regular expression {_shown(self.pattern)} took longer than {self.timeout:g} s; simplify it")
            t0 = time.monotonic()
            ready, _, _ = select.select([self.fd], [], [], left)
            if started:
                self.waited += time.monotonic() - t0
            if not ready:
                continue
            chunk = os.read(self.fd, 1 << 20)
            if not chunk:
                return None
            self.buf += chunk
        out = bytes(self.buf[:n])
        del self.buf[:n]
        return out

    def _error(self, payload: bytes) -> RegexError:
        import json

        info = json.loads(payload.decode("utf-8"))
        if info.get("kind") == "invalid":
            pos = f" at position {info['pos']}" if info.get("pos") is not None else ""
            return RegexError(f"invalid regular expression {self.pattern!r}: {info['msg']}{pos}")
        return RegexError(f"regular expression {_shown(self.pattern)} needs more than {MEMORY >> 20} MB "
                          "of memory; simplify it")

    def stop(self) -> None:
        """End the child (still running if the caller stopped reading early) and reap it."""
        import signal

        if self.pid is not None:
            try:
                os.close(self.fd)
            except OSError:
                pass
            if not self.done:
                try:
                    os.kill(self.pid, signal.SIGKILL)
                except OSError:
                    pass
            try:
                os.waitpid(self.pid, 0)
            except ChildProcessError:
                pass
        elif self.proc is not None:
            if not self.done:
                self.proc.kill()
            self.proc.wait()
            self.proc.stdout.close()
