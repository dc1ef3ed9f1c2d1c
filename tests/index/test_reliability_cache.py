"""Cache faults, concurrency, Ctrl-C, and a corpus folder nobody writes (docs/RELIABILITY.md, E and F).

Damaged caches are copies of one index built per module. Real processes
(`python -m corpus_tui`) are used where the operating system matters: two builds at once,
SIGINT in the middle of a build.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from corpus_tui.corpus.catalog import load_catalog
from corpus_tui.index.saved import load_saved
from reliability_support import cli_path, no_traceback, one_line, run, tree_hashes, warnings_of

from conftest import write_fixture

QUERY = ["kwic", "新赛道", "--tsv"]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = write_fixture(tmp_path_factory.mktemp("cache-corpus"))
    cache = tmp_path_factory.mktemp("golden-cache")
    first = run(QUERY, root, cache)
    assert first.exit_code == 0 and first.stderr == ""
    (folder,) = index_folders(cache)
    return root, cache, folder.name, first.stdout


def index_folders(cache: Path) -> list[Path]:
    return sorted(p for p in (cache / "index").iterdir() if p.is_dir() and not p.name.startswith("."))


def leftovers(cache: Path) -> list[str]:
    return sorted(p.name for p in (cache / "index").iterdir() if p.name.startswith("."))


def copy_cache(built, tmp_path) -> tuple[Path, Path]:
    root, cache, key, _ = built
    dst = tmp_path / "cache"
    shutil.copytree(cache, dst)
    return dst, dst / "index" / key


def _truncate(name):
    def damage(folder: Path):
        p = folder / name
        p.write_bytes(p.read_bytes()[: p.stat().st_size // 2])
    return damage


def _write(name, data: bytes):
    def damage(folder: Path):
        (folder / name).write_bytes(data)
    return damage


def _flip(name, at: int = 1001, bit: int = 0x40):
    """One byte changed, the size kept (and the mtime put back, as `touch -r` would)."""
    def damage(folder: Path):
        p = folder / name
        st = p.stat()
        data = bytearray(p.read_bytes())
        data[min(at, len(data) - 1)] ^= bit
        p.write_bytes(bytes(data))
        os.utime(p, ns=(st.st_atime_ns, st.st_mtime_ns))
    return damage


def _clean_garbage(folder: Path):
    p = folder / "clean.txt"
    p.write_bytes(b"\xff" * p.stat().st_size)


def _clean_other_char(folder: Path):
    """Still UTF-8, another character of the same size: no decoder can see it."""
    p = folder / "clean.txt"
    text = p.read_bytes()
    i = text.index("赛".encode())
    p.write_bytes(text[:i] + "塞".encode() + text[i + 3:])


def _edit_meta(**changes):
    def damage(folder: Path):
        meta = json.loads((folder / "meta.json").read_text("utf-8"))
        meta.update(changes)
        (folder / "meta.json").write_text(json.dumps(meta), "utf-8")
    return damage


def _unreadable(name):
    def damage(folder: Path):  # a folder where a file should be: unreadable even for root
        (folder / name).unlink()
        (folder / name).mkdir()
    return damage


FAULTS = {
    "truncated tokens.i32": (_truncate("tokens.i32"), "tokens.i32 has the wrong size"),
    "truncated clean.txt": (_truncate("clean.txt"), "clean.txt is truncated"),
    "truncated meta.json": (_truncate("meta.json"), "JSONDecodeError: "),
    "truncated vocab.json": (_truncate("vocab.json"), "UnicodeDecodeError: "),  # cut inside a character
    "meta.json not UTF-8": (_write("meta.json", b"\xff\xfe\x00garbage"), "UnicodeDecodeError: "),
    "meta.json a list": (_write("meta.json", b"[]"), "meta.json is not an object"),
    "vocab.json wrong shape": (_write("vocab.json", b"[1, 2]"), "vocabulary does not match"),
    "foreign format version": (_edit_meta(format=999), "foreign or outdated index format"),
    "foreign docs records": (_edit_meta(docs=[{"id": "x", "from_the_future": 1}]), "TypeError: "),
    "other byte order": (_edit_meta(byteorder="big" if sys.byteorder == "little" else "little"),
                         "index written on a machine of the other byte order"),
    "unreadable vocab.json": (_unreadable("vocab.json"), "IsADirectoryError: "),
    "unreadable freq.i32": (_unreadable("freq.i32"), "freq.i32 has the wrong size"),
    "flipped byte in tokens.i32": (_flip("tokens.i32"), "tokens.i32 does not match its checksum"),
    "flipped byte in tstarts.i32": (_flip("tstarts.i32", 400), "tstarts.i32 does not match its checksum"),
    "flipped byte in cs_counts.i32": (_flip("cs_counts.i32", 3, 0x7F), "cs_counts.i32 does not match its checksum"),
    "flipped byte in linestarts.i32": (_flip("linestarts.i32", 6), "linestarts.i32 does not match its checksum"),
    "clean.txt garbage of the right size": (_clean_garbage, "clean.txt does not match its checksum"),
    "clean.txt, another character of its size": (_clean_other_char, "clean.txt does not match its checksum"),
}


@pytest.mark.parametrize("fault", list(FAULTS))
def test_damaged_cache_is_rebuilt_with_one_warning(built, tmp_path, fault):
    root, _, key, expected = built
    damage, reason = FAULTS[fault]
    cache, folder = copy_cache(built, tmp_path)
    damage(folder)
    result = run(QUERY, root, cache)
    assert result.exit_code == 0
    (msg,) = warnings_of(result)
    prefix = f"cached index {folder} is unusable ("
    assert msg.startswith(prefix + reason) and msg.endswith("); rebuilding"), msg
    assert result.stdout == expected
    assert [f.name for f in index_folders(cache)] == [key] and leftovers(cache) == []
    load_saved(folder, load_catalog(root), key).close()  # the rebuilt index is whole
    again = run(QUERY, root, cache)
    assert again.exit_code == 0 and again.stderr == "" and again.stdout == expected


def test_corrupt_hash_cache_costs_only_a_rehash(built, tmp_path):
    root, _, _, expected = built
    cache, _ = copy_cache(built, tmp_path)
    for junk in (b"\x00\x01garbage", b"[1,2,3]", b'{"x": [1, 2]}'):
        (cache / "file-hashes.json").write_bytes(junk)
        result = run(QUERY, root, cache)
        assert result.exit_code == 0 and result.stderr == "" and result.stdout == expected


def test_read_only_cache_falls_back_to_memory(built, tmp_path):
    """The cache path lies under a regular file, so mkdir fails (NotADirectoryError) even for
    root, for whom chmod-based read-only folders are writable."""
    root, _, _, expected = built
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file", encoding="utf-8")
    cache = blocker / "cache"
    result = run(QUERY, root, cache)
    assert result.exit_code == 0
    assert warnings_of(result) == [
        f"cache dir {cache} is not writable (NotADirectoryError); working from an index in memory"]
    assert result.stdout == expected
    index = run(["index"], root, cache)
    assert index.exit_code == 0 and "index: (in memory)\n" in index.stdout
    assert blocker.read_text(encoding="utf-8") == "a file"


# --------------------------------------------------------------------------- real processes

def corpus_proc(*args, cache: Path, **kw) -> subprocess.Popen:
    env = dict(os.environ, CORPUS_TUI_CACHE=str(cache))
    return subprocess.Popen([sys.executable, "-m", "corpus_tui", *args], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, **kw)


def test_two_concurrent_index_processes_leave_one_valid_index(tmp_path):
    root = write_fixture(tmp_path / "corpus")
    cache = tmp_path / "cache"
    procs = [corpus_proc("index", "--corpus", str(root), cache=cache) for _ in range(2)]
    procs.append(corpus_proc("kwic", "新赛道", "--tsv", "--corpus", str(root), cache=cache))
    outs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], outs
    (folder,) = index_folders(cache)
    pids = {p.pid for p in procs}
    for _, err in outs:  # silent, or one line saying which process it waited for: whichever of
        # the three took the lock first (the kwic builds the index too when it wins the race)
        assert err == "" or re.fullmatch(
            rf"corpus: warning: waiting for the index lock {re.escape(str(cache))}/index/{folder.name}\.lock, "
            rf"held by process (\d+) \(corpus_tui (?:index --corpus|kwic 新赛道)\) \(building this index\)\n",
            err), err
        assert err == "" or int(re.search(r"process (\d+)", err).group(1)) in pids
    assert leftovers(cache) == []
    assert {out.splitlines()[1] for out, _ in outs[:2]} == {f"index: {folder}"}
    load_saved(folder, load_catalog(root), folder.name).close()
    assert outs[2][0] == run(QUERY, root, cache).stdout


def _holds_lock(pid: int, lock: Path) -> bool:
    try:
        return any(os.readlink(f"/proc/{pid}/fd/{fd}") == str(lock) for fd in os.listdir(f"/proc/{pid}/fd"))
    except OSError:
        return False


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc to see the build lock")
def test_ctrl_c_during_a_rebuild_keeps_the_previous_index(tmp_path):
    root = tmp_path / "corpus"
    root.mkdir()
    seeds = ("新赛道与未来产业相互促进。", "各地正在积极开辟新赛道，培育未来产业的新动能。",
             "加快发展新质生产力，推动科技创新和产业创新深度融合。\n")
    text = "".join(seeds) * (3_500_000 // len("".join(seeds).encode()))  # ~3.5 MB: a build of a few seconds (1.5 MB took under a second once the cut got faster)
    (root / "m.txt").write_text(text, encoding="utf-8")
    (root / "INDEX.md").write_text("## Files\n\n| id | file |\n|---|---|\n| m | m.txt |\n", encoding="utf-8")
    cache = tmp_path / "cache"
    assert run(["index"], root, cache).exit_code == 0
    (folder,) = index_folders(cache)
    before = tree_hashes(folder)
    corpus_before = tree_hashes(root)

    # SIGINT as a terminal gives it: a runner that starts the suite in the background
    # (`cmd &` in a script) leaves SIGINT ignored, and Python then never raises
    # KeyboardInterrupt (the build simply finished: exit 0).
    proc = corpus_proc("index", "--rebuild", "--corpus", str(root), cache=cache,
                       preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    lock = cache / "index" / f"{folder.name}.lock"
    deadline = time.monotonic() + 60
    while not _holds_lock(proc.pid, lock):  # the build runs under this lock
        assert proc.poll() is None and time.monotonic() < deadline, proc.communicate()
        time.sleep(0.02)
    time.sleep(0.5)  # inside build_index (jieba loading or cutting)
    assert proc.poll() is None, "the build finished before the signal: make the corpus larger"
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert "Traceback" not in err and err.strip() == "" and out == ""
    assert tree_hashes(folder) == before  # the previous index, byte for byte
    assert index_folders(cache) == [folder] and leftovers(cache) == []
    load_saved(folder, load_catalog(root), folder.name).close()
    result = run(["kwic", "新质生产力", "--count", "--tsv"], root, cache)
    assert result.exit_code == 0 and result.stderr == ""
    assert tree_hashes(root) == corpus_before


# --------------------------------------------------------------------------- corpus never written

def test_no_command_writes_to_the_corpus_folder_stats_and_error_paths(tmp_path):
    """tests/test_hygiene.py covers list/show/kwic/search/index; this adds freq/cooc/diff, the
    error paths, a damaged cache and a read-only cache."""
    root = write_fixture(tmp_path / "corpus")
    before = tree_hashes(root)
    names = sorted(p.name for p in root.rglob("*"))
    cache = tmp_path / "cache"
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    commands = [
        ["freq"], ["freq", "--by", "article", "--ngram", "2", "--json"], ["cooc", "新赛道"],
        ["cooc", "--matrix", "新赛道", "未来产业"], ["diff", "--a", "group=新赛道", "--b", "group=未来产业"],
        ["diff", "--terms", "新赛道", "未来产业"], ["diff", "--terms", "新赛道", "未来产业", "--sources"],
        ["kwic", "新(赛", "--regex"], ["kwic", ""], ["show", "nope"], ["freq", "--doc", "nope"],
        ["kwic", "新赛道", "--format", "xml"], ["list", "--encoding", "klingon"],
        ["search", "新赛道", "--terms-from", str(tmp_path / "missing.txt")],
    ]
    for args in commands:
        result = run(args, root, cache)
        assert result.exit_code in (0, 1, 2), (args, result.stderr)
        no_traceback(result)
    (folder,) = index_folders(cache)
    (folder / "tokens.i32").write_bytes(b"")  # damaged: rebuilt
    assert run(["freq"], root, cache).exit_code == 0
    assert run(["freq"], root, blocker / "cache").exit_code == 0  # read-only: in memory
    assert tree_hashes(root) == before
    assert sorted(p.name for p in root.rglob("*")) == names
