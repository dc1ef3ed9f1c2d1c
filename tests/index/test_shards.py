"""An index saved as shards and a manifest (index/shards/): opened, it is the plain index
array for array, byte for byte, and every query command prints exactly what it prints over
the plain index of the same corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import REPO
from reliability_support import write_index
from corpus_tui.cli.commands import cli
from corpus_tui.corpus.catalog import load_catalog
from corpus_tui.corpus.options import CorpusOptions
from corpus_tui.index import build
from corpus_tui.index.open import open_index


def _contents(idx) -> dict:
    """Everything a query can read of an opened index."""
    out = {k: bytes(memoryview(v).cast("B")) for k, v in idx.arrays.items() if k != "offsets"}
    out["clean text"] = bytes(idx._text_bytes or b"")
    out["vocab"], out["tags"], out["forms"] = idx.vocab, idx.tags, idx.forms()
    out["docs"] = [[getattr(d, f) for f in d.__slots__] for d in idx.docs]
    out["articles"] = [[getattr(a, f) for f in a.__slots__] for a in idx.articles]
    out["chars"], out["offsets_len"] = idx.meta["chars"], idx.meta["offsets_len"]
    return out


def _open(root: Path, cache: Path, **options):
    idx = open_index(CorpusOptions(corpus=str(root), cache_dir=str(cache), **options), rebuild=True)
    try:
        return _contents(idx), idx.path
    finally:
        idx.close()


def _edges(root: Path) -> Path:
    """Seams at their worst: empty files first and last in a shard, two in a row, a file
    that cannot be read (a shard of no document), whitespace only, no final newline, CRLF."""
    root.mkdir(parents=True, exist_ok=True)
    texts = {"a.txt": "新赛道观察。\n未来产业正在兴起！\n人工智能……\n", "e1.txt": "", "e2.txt": "  \n",
             "bad.txt": None, "b.txt": "现代化产业体系建设\r\n需要耐心资本。\r\n2026 年 4 月,5G 网络\r\n最后一句没有换行",
             "c.txt": "第一段。\n\n第二段“引语。”\n……\n" * 40 + "结尾句号。", "e3.txt": "", "d.txt": "未来产业。\n\n第二段",
             "last.txt": ""}
    for name, text in texts.items():
        if text is None:
            (root / name).write_bytes(b"\x00\x01binary\x00" * 20)
        else:
            (root / name).write_text(text, encoding="utf-8", newline="")
    write_index(root, [f"| {n.split('.')[0]} | {n} | t |  |" for n in texts])
    return root


def _unreadable(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for n in "xyz":
        (root / f"{n}.txt").write_bytes(b"\x00\x01binary\x00" * 20)
    write_index(root, [f"| {n} | {n}.txt | t |  |" for n in "xyz"])
    return root


@pytest.mark.parametrize("corpus", ["seeds", "edges", "unreadable"])
def test_a_sharded_index_opens_as_the_plain_index_byte_for_byte(corpus, tmp_path, monkeypatch):
    root = {"seeds": lambda p: REPO, "edges": _edges, "unreadable": _unreadable}[corpus](tmp_path / "c")
    plain, _ = _open(root, tmp_path / "plain")
    files = len(load_catalog(root).documents)
    for size in (1, 2, 3, 4):
        sharded, folder = _open(root, tmp_path / f"s{size}", shard_size=size)
        assert (folder / "shard-001").is_dir() == (size < files)  # else one shard: the plain folder
        assert [k for k in plain if plain[k] != sharded[k]] == [], size
    # pieces of files from two worker processes, merged into shards
    monkeypatch.setattr(build, "_MIN_PIECE", 64)
    monkeypatch.setattr(build, "_PIECES_PER_WORKER", 8)
    sharded, _ = _open(root, tmp_path / "split", shard_size=2, jobs=2)
    assert [k for k in plain if plain[k] != sharded[k]] == []


def test_the_manifest_lists_the_shards_and_their_documents(tmp_path):
    _, folder = _open(REPO, tmp_path, shard_size=2)
    meta = json.loads((folder / "meta.json").read_text("utf-8"))
    assert [(s["folder"], s["docs"]) for s in meta["shards"]] == [
        ("shard-000", ["xsd-liaowang", "wlcy-jiangsu"]),
        ("shard-001", ["wlcy-citic", "xsd-jiangxi"]),
        ("shard-002", ["xdh-opeds"]),
    ]
    assert [s["char_base"] for s in meta["shards"]] == [0, meta["shards"][0]["chars"] + 1,
                                                         meta["shards"][0]["chars"] + meta["shards"][1]["chars"] + 2]
    inner = json.loads((folder / "shard-001" / "meta.json").read_text("utf-8"))
    assert [d["id"] for d in inner["docs"]] == ["wlcy-citic", "xsd-jiangxi"] and inner["docs"][0]["char_start"] == 0


QUERIES = [
    ["kwic", "未来产业"],
    ["kwic", "新赛道", "--sort", "1R", "--tsv"],
    ["kwic", "产业", "--count"],
    ["kwic", "产业", "--count", "--group", "未来产业"],
    ["kwic", "新赛道", "--sample", "5", "--seed", "7"],
    ["search", "新赛道", "--json"],
    ["search", "现代化", "--count"],
    ["search", "--regex", "未来.{2}", "--tsv"],
    ["freq", "--top", "40", "--tsv"],
    ["freq", "--by", "group", "--top", "5"],
    ["cooc", "未来产业", "--top", "20", "--tsv"],
    ["diff", "--a", "group=新赛道", "--b", "group=未来产业", "--top", "15", "--tsv"],
    ["diff", "--terms", "新赛道", "未来产业", "--top", "5"],
    ["trend", "新赛道", "未来产业", "--by", "month"],
    ["show", "xsd-jiangxi", "--line", "5"],
    ["list", "--tsv"],
]


@pytest.fixture(scope="module")
def caches(tmp_path_factory):
    plain, sharded = tmp_path_factory.mktemp("plain"), tmp_path_factory.mktemp("sharded")
    runner = CliRunner()
    assert runner.invoke(cli, ["index", "--corpus", str(REPO), "--cache-dir", str(plain)]).exit_code == 0
    r = runner.invoke(cli, ["index", "--corpus", str(REPO), "--cache-dir", str(sharded), "--shard-size", "2"])
    assert r.exit_code == 0, r.output
    return plain, sharded


@pytest.mark.parametrize("args", QUERIES, ids=lambda a: " ".join(a))
def test_every_query_over_shards_prints_what_it_prints_over_the_plain_index(caches, args):
    runner = CliRunner()
    got = []
    for cache in caches:
        for _ in range(2):  # the full open, then the warm reopen from its stamp
            r = runner.invoke(cli, [args[0], "--corpus", str(REPO), "--cache-dir", str(cache), *args[1:]])
            got.append((r.exit_code, r.stdout, r.stderr))
    assert got[0][0] in (0, 1) and got[0][1]
    assert got == [got[0]] * 4


def test_a_damaged_shard_is_rebuilt(tmp_path):
    runner = CliRunner()
    base = ["--corpus", str(REPO), "--cache-dir", str(tmp_path)]
    assert runner.invoke(cli, ["index", *base, "--shard-size", "2"]).exit_code == 0
    want = runner.invoke(cli, ["kwic", "未来产业", *base]).stdout
    (folder,) = [p for p in (tmp_path / "index").iterdir() if p.is_dir()]
    path = folder / "shard-001" / "tokens.i32"
    data = bytearray(path.read_bytes())
    data[100] ^= 0xFF
    path.write_bytes(bytes(data))
    r = runner.invoke(cli, ["kwic", "未来产业", *base])
    assert r.stdout == want
    assert "is unusable (tokens.i32 does not match its checksum); rebuilding" in r.stderr
