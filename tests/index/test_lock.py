"""index/lock.py: one holder at a time, across processes, and the same lock filelock takes."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from corpus_tui.index.lock import IndexLock

HOLD = """
import sys, time
from corpus_tui.index.lock import IndexLock
lock = IndexLock(sys.argv[1]); lock.acquire(timeout=5)
print("held", flush=True); time.sleep(float(sys.argv[2])); lock.release()
"""


def hold_in_another_process(path, seconds: float, code: str = HOLD):
    proc = subprocess.Popen([sys.executable, "-c", code, str(path), str(seconds)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "held"
    return proc


def test_a_held_lock_times_out_then_is_taken_once_released(tmp_path):
    path = tmp_path / "k.lock"
    holder = hold_in_another_process(path, 1.0)
    lock = IndexLock(str(path))
    with pytest.raises(TimeoutError):
        lock.acquire(timeout=0.2)
    t0 = time.monotonic()
    lock.acquire(timeout=10)  # waits for the holder's release
    assert time.monotonic() - t0 > 0.3
    holder.wait(timeout=10)
    lock.release()
    lock.acquire(timeout=0)  # free again: taken at once
    lock.release()


def test_filelock_and_this_lock_exclude_each_other(tmp_path):
    pytest.importorskip("filelock")
    path = tmp_path / "k.lock"
    with_filelock = HOLD.replace("from corpus_tui.index.lock import IndexLock",
                                 "from filelock import FileLock as IndexLock")
    holder = hold_in_another_process(path, 0.8, with_filelock)
    with pytest.raises(TimeoutError):
        IndexLock(str(path)).acquire(timeout=0.2)
    holder.wait(timeout=10)


def test_a_lock_in_a_folder_that_cannot_hold_it_is_an_os_error(tmp_path):
    (tmp_path / "file").write_text("x")
    with pytest.raises(OSError):
        IndexLock(str(tmp_path / "file" / "k.lock")).acquire(timeout=1)
