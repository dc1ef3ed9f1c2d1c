"""The second audit's cache cases (docs/RELIABILITY.md, E and I): a cache another user owns
or can write, planted links, a rewritten stamp, an edit that keeps size and mtime, leaked
temp folders, workers orphaned by a killed build, a lock a query must wait for."""

from __future__ import annotations

import marshal
import os
import re
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from corpus_tui.index import stamp
from corpus_tui.index.lock import IndexLock
from reliability_support import no_traceback, run, tsv_rows, warnings_of

from conftest import FIXTURE_A, write_fixture


def count_of(result, term: str = "未来产业") -> dict:
    no_traceback(result)
    return {r["term"]: int(r["hits"]) for r in tsv_rows(result.stdout)}.get(term)


def index_folders(cache: Path) -> list[Path]:
    return sorted(p for p in (cache / "index").iterdir() if p.is_dir() and not p.name.startswith("."))


@pytest.fixture
def fresh(tmp_path, monkeypatch, session_cache):
    monkeypatch.setattr(stamp, "RACY_NS", 0)  # stamps saved at once: the corpus was just written
    cache = tmp_path / "cache"
    if (session_cache / "jieba").is_dir():  # jieba's dictionary cache, not built again for every test
        shutil.copytree(session_cache / "jieba", cache / "jieba")
        for p in (cache, cache / "jieba", *(cache / "jieba").iterdir()):
            p.chmod(0o700 if p.is_dir() else 0o600)
    return write_fixture(tmp_path / "corpus"), cache


def test_the_cache_is_private(fresh):
    root, cache = fresh
    assert run(["kwic", "新赛道", "--count"], root, cache).exit_code == 0
    modes = {str(p.relative_to(cache)): stat.S_IMODE(p.lstat().st_mode) for p in [cache, *cache.rglob("*")]}
    assert stat.S_IMODE(cache.stat().st_mode) == 0o700
    wrong = {p: oct(m) for p, m in modes.items()
             if m != (0o700 if (cache / p).is_dir() else 0o600)}
    assert wrong == {}
    assert any(p.endswith(".stamp") for p in modes) and any(p.endswith("verified.json") for p in modes)


@pytest.mark.skipif(os.geteuid() != 0, reason="chown to another user needs root (CI runs as root)")
@pytest.mark.parametrize("how, reason", [("owner", "owned by another user (uid 54321)"),
                                         ("mode", "writable by other users")])
def test_a_cache_another_user_owns_or_can_write_is_not_used(fresh, how, reason):
    root, cache = fresh
    expected = run(["kwic", "新赛道", "--tsv"], root, cache).stdout
    (cache / "index").chmod(0o777) if how == "mode" else os.chown(cache, 54321, 54321)
    before = sorted((str(p), p.lstat().st_mtime_ns) for p in cache.rglob("*"))
    result = run(["kwic", "新赛道", "--tsv"], root, cache)
    assert warnings_of(result) == [f"cache dir {cache} is {reason}; not used: working from an index in memory"]
    assert result.stdout == expected and result.exit_code == 0
    assert sorted((str(p), p.lstat().st_mtime_ns) for p in cache.rglob("*")) == before  # nothing written


def test_planted_links_are_never_followed(fresh, tmp_path):
    root, cache = fresh
    assert run(["kwic", "新赛道"], root, cache).exit_code == 0
    (folder,) = index_folders(cache)
    victim = tmp_path / "victim"
    victim.write_text("secret", encoding="utf-8")
    victim.chmod(0o600)
    for name in ("file-hashes.json", f"index/latest-x.terms"):
        target = cache / name
        target.unlink(missing_ok=True)
        target.symlink_to(victim)
    (cache / "index" / f"{folder.name}.lock").unlink()
    (cache / "index" / f"{folder.name}.lock").symlink_to(victim)
    (root / "a.txt").write_text(FIXTURE_A + "未来产业\n", encoding="utf-8")  # a new key: a build, a lock, a new hash
    result = run(["kwic", "未来产业", "--count", "--tsv"], root, cache)
    assert result.exit_code == 0
    assert victim.read_text(encoding="utf-8") == "secret" and stat.S_IMODE(victim.stat().st_mode) == 0o600


def _rewrite_stamp(cache: Path, change) -> None:
    (path,) = (cache / "index").glob("warm-*.stamp")
    data = list(marshal.loads(path.read_bytes()))
    change(data)
    path.write_bytes(marshal.dumps(tuple(data)))


def test_a_rewritten_stamp_is_not_trusted(fresh, tmp_path):
    root, cache = fresh
    secret = tmp_path / "shadow"
    secret.write_text("root:secret-hash\n", encoding="utf-8")
    raw = (root / "a.txt").read_text(encoding="utf-8")
    assert run(["show", "alpha", "--raw"], root, cache).stdout == raw
    assert run(["show", "alpha", "--raw"], root, cache).stdout == raw  # the stamp is written and used

    def outside(data):  # alpha's file now outside the corpus, with a true signature of it
        cat = list(data[4])
        cat[2] = [tuple(d[:2]) + (str(secret),) + tuple(d[3:]) if d[0] == "alpha" else d for d in cat[2]]
        data[4] = tuple(cat)
        data[2] = list(data[2]) + [(str(secret), stamp.signature(str(secret)))]

    def no_checks(data):
        outside(data)
        data[2] = []

    for change in (outside, no_checks):
        _rewrite_stamp(cache, change)
        result = run(["show", "alpha", "--raw"], root, cache)
        assert result.exit_code == 0 and result.stdout == raw and "secret" not in result.stdout


def test_an_edit_that_keeps_size_and_mtime_is_seen(fresh):
    root, cache = fresh
    a = root / "a.txt"
    assert count_of(run(["kwic", "未来产业", "--count", "--tsv", "--doc", "alpha"], root, cache)) == 2
    assert count_of(run(["kwic", "未来产业", "--count", "--tsv", "--doc", "alpha"], root, cache)) == 2
    st = a.stat()
    edited = FIXTURE_A.replace("新赛道需要", "未来产业要")  # same length in bytes
    assert len(edited.encode()) == st.st_size
    time.sleep(0.01)
    a.write_text(edited, encoding="utf-8")
    os.utime(a, ns=(st.st_atime_ns, st.st_mtime_ns))  # touch -r: size and mtime as before
    assert (a.stat().st_size, a.stat().st_mtime_ns) == (st.st_size, st.st_mtime_ns)
    assert count_of(run(["kwic", "未来产业", "--count", "--tsv", "--doc", "alpha"], root, cache)) == 3


def test_an_unusable_cache_leaves_no_temp_folder(fresh, tmp_path, monkeypatch):
    root, _ = fresh
    scratch = tmp_path / "tmpdir"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    for _ in range(2):
        result = run(["kwic", "新赛道", "--count"], root, blocker / "cache")
        assert result.exit_code == 0
    assert list(scratch.iterdir()) == []


def test_a_killed_builds_temp_folders_are_removed_by_the_next_build(fresh):
    root, cache = fresh
    assert run(["index"], root, cache).exit_code == 0
    (folder,) = index_folders(cache)
    for name in (f".{folder.name}.tmp-999999", f".{folder.name}.old-999999"):
        (cache / "index" / name).mkdir()
        (cache / "index" / name / "tokens.i32").write_bytes(b"\0" * 64)
    assert run(["index", "--rebuild"], root, cache).exit_code == 0
    assert sorted(p.name for p in (cache / "index").iterdir() if p.name.startswith(".")) == []


# --------------------------------------------------------------------------- real processes

def corpus_proc(*args, cache: Path, **kw) -> subprocess.Popen:
    env = dict(os.environ, CORPUS_TUI_CACHE=str(cache))
    return subprocess.Popen([sys.executable, "-m", "corpus_tui", *args], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, **kw)


def children_of(pid: int) -> set[int]:
    out = set()
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                with open(f"/proc/{name}/stat", encoding="utf-8") as fh:
                    fields = fh.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid and fields[0] != "Z":
                out.add(int(name))
    return out


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="prctl(PR_SET_PDEATHSIG) is Linux's")
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_workers_die_with_a_killed_build(tmp_path, sig):
    root = tmp_path / "corpus"
    root.mkdir()
    line = "新赛道与未来产业相互促进。各地正在积极开辟新赛道，培育未来产业的新动能。\n"
    for k in range(4):  # four files, so both workers get pieces
        (root / f"m{k}.txt").write_text(line * (1_200_000 // len(line.encode())), encoding="utf-8")
    (root / "INDEX.md").write_text("## Files\n\n| id | file |\n|---|---|\n"
                                   + "".join(f"| m{k} | m{k}.txt |\n" for k in range(4)), encoding="utf-8")
    cache = tmp_path / "cache"
    proc = corpus_proc("index", "--jobs", "2", "--corpus", str(root), cache=cache)
    deadline = time.monotonic() + 60
    while len(children_of(proc.pid)) < 2:  # the two workers (and the side job, if any)
        assert proc.poll() is None and time.monotonic() < deadline, proc.communicate()
        time.sleep(0.02)
    kids = children_of(proc.pid)
    proc.send_signal(sig)
    proc.communicate(timeout=60)
    deadline = time.monotonic() + 20
    while any(alive(k) for k in kids):
        assert time.monotonic() < deadline, f"orphaned workers still running: {[k for k in kids if alive(k)]}"
        time.sleep(0.05)
    (lock_path,) = (cache / "index").glob("*.lock")
    lock = IndexLock(str(lock_path))
    lock.acquire(timeout=0)  # free: the next query builds at once, without waiting
    lock.release()


def test_a_query_that_waits_for_the_lock_says_who_holds_it(tmp_path):
    root = write_fixture(tmp_path / "corpus")
    cache = tmp_path / "cache"
    assert run(["index"], root, cache).exit_code == 0
    (folder,) = index_folders(cache)
    shutil.rmtree(folder)  # the next query must build, under the lock
    for p in (cache / "index").glob("warm-*.stamp"):
        p.unlink()
    lock = IndexLock(str(cache / "index" / f"{folder.name}.lock"))
    lock.acquire(timeout=0)
    try:
        proc = corpus_proc("kwic", "新赛道", "--count", "--tsv", "--corpus", str(root), cache=cache)
        line = proc.stderr.readline()
        assert re.fullmatch(rf"corpus: warning: waiting for the index lock {re.escape(lock.path)}, held by "
                            rf"process {os.getpid()} \(.+\) \(building this index\)\n", line), line
        assert proc.poll() is None  # still waiting
    finally:
        lock.release()
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0 and err == "" and out.startswith("term\thits")


@pytest.mark.parametrize("name", ["tokens.i32", "sents.i32"])
def test_a_flipped_byte_behind_a_good_stamp_is_rebuilt(fresh, name):
    root, cache = fresh
    first = run(["kwic", "新赛道", "--tsv", "--sort", "1L"], root, cache)
    assert run(["kwic", "新赛道", "--tsv", "--sort", "1L"], root, cache).stdout == first.stdout  # stamped
    (folder,) = index_folders(cache)
    p = folder / name
    st = p.stat()
    data = bytearray(p.read_bytes())
    data[41] ^= 0x7F
    p.write_bytes(bytes(data))
    os.utime(p, ns=(st.st_atime_ns, st.st_mtime_ns))
    result = run(["kwic", "新赛道", "--tsv", "--sort", "1L"], root, cache)
    assert warnings_of(result) == [f"cached index {folder} is unusable ({name} does not match its checksum); rebuilding"]
    assert result.stdout == first.stdout
    assert run(["kwic", "新赛道", "--tsv", "--sort", "1L"], root, cache).stderr == ""
