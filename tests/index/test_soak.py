"""Soak: 8 readers and 2 rebuilders against one cache for a bounded time (real processes).
Every answer a reader gets is checked against the counts of the clean text; at the end the
cache holds one loadable index and no leftovers (docs/RELIABILITY.md, E)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

from corpus_tui.corpus.catalog import load_catalog
from corpus_tui.corpus.options import CorpusOptions
from corpus_tui.index.open import open_index
from corpus_tui.index.saved import load_saved

from conftest import write_fixture

SECONDS = 6.0  # the soak's length: short enough for CI, long enough for rebuilds to overlap reads

READER = r"""
import json, sys, time
from corpus_tui.corpus.options import CorpusOptions
from corpus_tui.index.open import open_index
from corpus_tui.query.search import count_by_doc_of, kwic
root, cache, until, expected = sys.argv[1], sys.argv[2], float(sys.argv[3]), json.loads(sys.argv[4])
done = 0
while time.time() < until or not done:
    idx = open_index(CorpusOptions(corpus=root, cache_dir=cache))
    got = {t: count_by_doc_of(idx, t) for t in expected}
    lines = kwic(idx, "新赛道", limit=3)
    nodes = [l.node for l in lines]
    idx.close()
    if got != expected or nodes != ["新赛道"] * 3:
        print("WRONG", got, nodes)
        sys.exit(3)
    done += 1
print(done)
"""

REBUILDER = r"""
import sys, time
from corpus_tui.corpus.options import CorpusOptions
from corpus_tui.index.open import open_index
root, cache, until = sys.argv[1], sys.argv[2], float(sys.argv[3])
done = 0
while time.time() < until or not done:
    open_index(CorpusOptions(corpus=root, cache_dir=cache), rebuild=True).close()
    done += 1
print(done)
"""


def test_eight_readers_and_two_rebuilders(tmp_path):
    root = write_fixture(tmp_path / "corpus")
    cache = tmp_path / "cache"
    idx = open_index(CorpusOptions(corpus=str(root), cache_dir=str(cache)))
    # the expected answers, from the clean text itself (str.count per document)
    expected = {t: {d.id: idx.text[d.char_start:d.char_end].count(t) for d in idx.docs
                    if idx.text[d.char_start:d.char_end].count(t)} for t in ("新赛道", "未来产业")}
    idx.close()
    until = time.time() + SECONDS
    env = dict(os.environ)
    procs = [subprocess.Popen([sys.executable, "-c", READER, str(root), str(cache), str(until), json.dumps(expected)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env) for _ in range(8)]
    procs += [subprocess.Popen([sys.executable, "-c", REBUILDER, str(root), str(cache), str(until)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env) for _ in range(2)]
    outs = [p.communicate(timeout=600) for p in procs]
    assert [p.returncode for p in procs] == [0] * 10, outs
    assert all(err == "" for _, err in outs), outs
    assert all(int(out) >= 1 for out, _ in outs)
    folders = [p for p in (cache / "index").iterdir() if p.is_dir()]
    assert [p.name for p in folders if p.name.startswith(".")] == []  # no temp or set-aside folder left
    (folder,) = folders
    load_saved(folder, load_catalog(root), folder.name).close()
