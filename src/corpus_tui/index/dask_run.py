"""Building on a Dask cluster (`corpus index --dask ADDRESS`): the per-file work the local
worker processes do (index.worker.process_doc) submitted to a distributed.Client instead,
the pieces merged by index.build in catalogue order as they arrive, so the index is the
same, byte for byte, as a build on one machine.

ADDRESS is a running scheduler's (`tcp://host:8786`, `tls://…`) or `local:N`: a
distributed.LocalCluster of N single-threaded worker processes started for this build
and stopped after it. Workers elsewhere must see the corpus files at the same paths
(shared storage) and have this package installed.

dask and distributed (~2 s of imports on a 2-core machine) are imported here only, and only
by a build that asks for them: not on start-up, `--help`, completion or a query
(tests/test_hygiene.py).
"""

from __future__ import annotations

import threading

from corpus_tui.errors import CorpusError

LOCAL = "local:"
SCHEMES = ("tcp", "tls", "ucx", "inproc")
MAX_LOCAL_WORKERS = 64
CONNECT_TIMEOUT = 5  # seconds to reach the scheduler, and for it to have a worker
IN_FLIGHT_PER_WORKER = 2  # pieces queued per worker thread: each is ~4x its text in arrays


def check_address(address: str) -> tuple[str, int] | tuple[str, str]:
    """("local", N) or ("remote", address); CorpusError for anything else, or when dask
    is not installed. Imports nothing of dask's (a spec lookup)."""
    text = address.strip()
    if text.startswith(LOCAL):
        n = text[len(LOCAL):]
        if not n.isdigit() or not 1 <= int(n) <= MAX_LOCAL_WORKERS:
            raise CorpusError(f"--dask {address}: local:N needs N workers, 1 to {MAX_LOCAL_WORKERS} (e.g. local:2)")
        found = ("local", int(n))
    else:
        scheme, sep, rest = text.partition("://")
        host, colon, port = rest.rpartition(":")
        if not sep or scheme not in SCHEMES or not colon or not host or not port.isdigit() or not 0 < int(port) < 65536:
            raise CorpusError(f"--dask {address}: not a scheduler address; give tcp://HOST:PORT "
                              "(e.g. tcp://10.0.0.5:8786) or local:N")
        found = ("remote", text)
    from importlib.util import find_spec

    if find_spec("distributed") is None:
        raise CorpusError("--dask: Dask is not installed; pip install 'corpus-tui[dask]'")
    return found


class DaskPool:
    """A distributed.Client for one build (and the LocalCluster it runs on, for local:N);
    a context manager, closed with everything it started."""

    def __init__(self, address: str, setup: tuple):
        """``setup``: index.worker.init_worker's arguments (tokenizer spec, jieba cache
        folder, extraction cache), applied once in every worker process."""
        kind, target = check_address(address)
        self.address, self.setup = address, setup
        self.cluster = self.client = None
        self._quiet = _QuietLogs()
        self._quiet.__enter__()
        try:
            import distributed
        except ImportError as exc:  # installed but broken (a missing dependency of its own)
            self.close()
            raise CorpusError(f"--dask: Dask cannot be imported ({exc})") from None
        self._distributed = distributed
        try:
            self._connect(kind, target)
        except BaseException:
            self.close()
            raise
        self.slots = max(1, sum(self.client.nthreads().values()))

    def _connect(self, kind: str, target) -> None:
        distributed, address = self._distributed, self.address
        if kind == "local":
            import logging

            try:
                self.cluster = distributed.LocalCluster(
                    n_workers=target, processes=True, threads_per_worker=1, host="127.0.0.1",
                    dashboard_address=None, memory_limit=0, silence_logs=logging.ERROR,
                    # the scheduler's HTTP server (health, metrics) still binds 8787 without a
                    # dashboard, and warns on stderr when another cluster holds it: any free port
                    scheduler_kwargs={"dashboard_address": "127.0.0.1:0"})
            except (OSError, RuntimeError, TimeoutError) as exc:
                raise CorpusError(f"--dask {address}: could not start a local Dask cluster ({_reason(exc)})") from None
            target = self.cluster
        try:
            self.client = distributed.Client(target, timeout=CONNECT_TIMEOUT, set_as_default=False)
        except (OSError, TimeoutError):
            raise CorpusError(f"--dask {address}: no Dask scheduler answered there within {CONNECT_TIMEOUT} s") from None
        try:
            self.client.wait_for_workers(1, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError):
            raise CorpusError(f"--dask {address}: the scheduler has no workers (none joined within "
                              f"{CONNECT_TIMEOUT} s)") from None

    def __enter__(self) -> DaskPool:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        for part in (self.client, self.cluster):
            if part is not None:
                try:
                    part.close()
                except (OSError, TimeoutError, RuntimeError):
                    pass
        self.client = self.cluster = None
        self._quiet.__exit__()

    def results(self, calls: list[tuple]):
        """Run ``index.worker.process_doc(*call)`` for every call, at most a few per worker
        thread in flight (the rest wait here, not in the cluster's memory); yield each
        result as it comes, in no particular order."""
        distributed, client, setup = self._distributed, self.client, self.setup
        from itertools import islice

        pending = iter(calls)

        def submit(call):
            return client.submit(_piece, setup, *call, pure=False)

        window = self.slots * IN_FLIGHT_PER_WORKER
        running = distributed.as_completed([submit(c) for c in islice(pending, window)],
                                           with_results=True, loop=client.loop)
        try:
            for _future, result in running:
                nxt = next(pending, None)
                if nxt is not None:
                    running.add(submit(nxt))
                yield result
        except (OSError, TimeoutError) as exc:
            raise CorpusError(f"--dask {self.address}: lost the cluster during the build "
                              f"({_reason(exc)})") from None
        except distributed.client.FutureCancelledError:
            raise CorpusError(f"--dask {self.address}: the cluster cancelled the build "
                              "(a worker died or the scheduler restarted)") from None


_SET_UP = None  # the setup this worker process was initialised with
_LOCK = threading.Lock()  # a worker running several threads tokenizes one piece at a time


def _piece(setup: tuple, *call):
    """Runs on a Dask worker: index.worker.process_doc(*call), the worker initialised first
    for ``setup`` (once per process, again only if a later build sends another)."""
    global _SET_UP
    from corpus_tui.index.worker import init_worker, process_doc

    with _LOCK:
        if _SET_UP != setup:
            init_worker(*setup)
            _SET_UP = setup
        return process_doc(*call)


def _reason(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text[:200] if text else type(exc).__name__


class _QuietLogs:
    """distributed logs worker starts, closed streams and retries at INFO and WARNING on
    stderr; during a build only its errors may reach the user (stderr is diagnostics)."""

    NAMES = ("distributed", "tornado", "asyncio")

    def __init__(self):
        self.saved: list = []

    def __enter__(self):
        import logging

        self.saved = [(logging.getLogger(n), logging.getLogger(n).level) for n in self.NAMES]
        for logger, _ in self.saved:
            logger.setLevel(logging.ERROR)

    def __exit__(self, *exc):
        for logger, level in self.saved:
            logger.setLevel(level)
        self.saved = []
