"""The cluster build (`corpus index --dask`, index/dask_run.py) on a real Dask LocalCluster of
two worker processes: the bundled corpus built there gives the same index files, byte for
byte, and the same query output as a build on one machine; a bad address, an unreachable
scheduler or Dask not installed is one line on stderr and exit 2.

Everything that imports distributed runs in a child process: its event-loop thread outlives
the client, and a process with a second thread may not fork (index/helper_process.py)."""

from __future__ import annotations

import contextlib
import json
import socket
import subprocess
import sys
from importlib.util import find_spec
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import REPO
from corpus_tui.cli.commands import cli

pytestmark = pytest.mark.skipif(find_spec("distributed") is None, reason="needs dask's distributed (the test extra)")


def _files(folder: Path) -> dict[str, bytes]:
    """Every file of a built index; meta.json without when and how long it was built and
    with how many workers, verified.json (file stats) left out."""
    out = {p.name: p.read_bytes() for p in folder.iterdir() if p.name != "verified.json"}
    meta = json.loads(out.pop("meta.json"))
    for k in ("built", "build_seconds", "jobs"):
        meta.pop(k)
    out["meta.json"] = json.dumps(meta, sort_keys=True).encode()
    return out


def _index_folder(cache: Path) -> Path:
    (folder,) = [p for p in (cache / "index").iterdir() if p.is_dir() and not p.name.startswith(".")]
    return folder


def _corpus(cache: Path, *args: str):
    return CliRunner().invoke(cli, [args[0], "--corpus", str(REPO), "--cache-dir", str(cache), *args[1:]])


QUERIES = (["kwic", "未来产业", "--tsv"], ["freq", "--limit", "30", "--tsv"], ["search", "新赛道", "--json"])


@pytest.fixture(scope="module")
def one_machine(tmp_path_factory):
    """The bundled corpus built by one process: its files and its answers to QUERIES."""
    cache = tmp_path_factory.mktemp("one-machine")
    assert _corpus(cache, "index", "--rebuild", "--jobs", "1").exit_code == 0
    return _files(_index_folder(cache)), [_corpus(cache, *q).output for q in QUERIES]


@contextlib.contextmanager
def _port_taken(port: int):
    """Hold ``port`` for the block; if something else already holds it, so much the better."""
    sock = socket.socket()
    try:
        sock.bind(("0.0.0.0", port))
        sock.listen()
    except OSError:
        pass
    try:
        yield
    finally:
        sock.close()


def _child(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "corpus_tui", *args], capture_output=True, text=True, timeout=300)


def test_a_build_on_a_local_cluster_of_two_workers_is_the_same_index(tmp_path, one_machine):
    files, answers = one_machine
    cache = tmp_path / "cache"
    with _port_taken(8787):  # Dask's default HTTP port, as when another cluster runs on the machine
        r = _child("index", "--corpus", str(REPO), "--cache-dir", str(cache), "--dask", "local:2")
    assert r.returncode == 0, r.stderr
    assert r.stderr == ""  # the cluster's own logging and port warnings stay out of stderr
    assert "files: 5  articles: 14  characters: 87860  tokens: 45475  types: 5296" in r.stdout
    got = _files(_index_folder(cache))
    assert sorted(got) == sorted(files)
    assert [name for name in sorted(files) if got[name] != files[name]] == []
    assert json.loads((_index_folder(cache) / "meta.json").read_text("utf-8"))["jobs"] == 2
    assert [_corpus(cache, *q).output for q in QUERIES] == answers


SCHEDULER_BUILD = """
import sys
if __name__ == "__main__":
    import distributed
    from corpus_tui.corpus.options import CorpusOptions
    from corpus_tui.index import build
    from corpus_tui.index.open import open_index

    build._MIN_PIECE, build._PIECES_PER_WORKER = 64, 8  # every file in several pieces
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1, host="127.0.0.1",
                                  dashboard_address=None) as cluster:
        idx = open_index(CorpusOptions(corpus=sys.argv[1], cache_dir=sys.argv[2], dask=cluster.scheduler_address),
                         rebuild=True)
        with distributed.Client(cluster, set_as_default=False) as client:
            ran = client.run(lambda: __import__("corpus_tui.index.dask_run").index.dask_run._SET_UP is not None)
    print(sorted(ran.values()), idx.path)
"""


def test_pieces_of_files_on_a_running_scheduler_merge_into_the_same_index(tmp_path, one_machine):
    """A scheduler's tcp:// address (a LocalCluster started by the child stands in for a
    cluster), every file cut into several pieces that land on both workers."""
    r = subprocess.run([sys.executable, "-c", SCHEDULER_BUILD, str(REPO), str(tmp_path)], capture_output=True,
                       text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    ran, folder = r.stdout.split("] ")
    assert ran == "[True, True"  # both workers tokenized
    assert _files(Path(folder.strip())) == one_machine[0]


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_an_unreachable_scheduler_is_one_line_and_exit_2(tmp_path):
    address = f"tcp://127.0.0.1:{_closed_port()}"
    r = _child("index", "--corpus", str(REPO), "--cache-dir", str(tmp_path), "--rebuild", "--dask", address)
    assert (r.returncode, r.stdout) == (2, "")
    assert r.stderr == f"corpus: error: --dask {address}: no Dask scheduler answered there within 5 s\n"


@pytest.mark.parametrize("address, message", [
    ("10.0.0.5:8786", "not a scheduler address; give tcp://HOST:PORT (e.g. tcp://10.0.0.5:8786) or local:N"),
    ("http://host:8786", "not a scheduler address; give tcp://HOST:PORT (e.g. tcp://10.0.0.5:8786) or local:N"),
    ("tcp://host:99999", "not a scheduler address; give tcp://HOST:PORT (e.g. tcp://10.0.0.5:8786) or local:N"),
    ("local:0", "local:N needs N workers, 1 to 64 (e.g. local:2)"),
    ("local:two", "local:N needs N workers, 1 to 64 (e.g. local:2)"),
])
def test_a_bad_address_is_one_line_and_exit_2(tmp_path, address, message):
    r = _corpus(tmp_path, "index", "--dask", address)
    assert (r.exit_code, r.stdout, r.stderr) == (2, "", f"corpus: error: --dask {address}: {message}\n")
    assert not (tmp_path / "index").exists()  # refused before anything was read or built


def test_dask_not_installed_is_one_line_and_exit_2(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # what find_spec and import see without it
    r = _corpus(tmp_path, "index", "--rebuild", "--dask", "local:2")
    assert (r.exit_code, r.stdout) == (2, "")
    assert r.stderr == "corpus: error: --dask: Dask is not installed; pip install 'corpus-tui[dask]'\n"


def test_jobs_and_dask_do_not_go_together(tmp_path):
    r = _corpus(tmp_path, "index", "--jobs", "2", "--dask", "local:2")
    assert (r.exit_code, r.stderr) == (2, "corpus: error: --jobs and --dask do not go together "
                                          "(with --dask local:N, N is the number of workers)\n")
