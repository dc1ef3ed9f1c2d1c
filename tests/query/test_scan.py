"""query.scan: counts in byte ranges equal bytes.count of each range, in one process or two."""

from __future__ import annotations

import os
import random
import threading

import pytest

from corpus_tui.query import scan
LINES = ["新赛道和未来产业", "哈哈哈哈哈", "人工智能+", "未来产业未来产业", "", "abc"]


def _text(seed: int, n: int = 4000) -> bytes:
    rng = random.Random(seed)
    return "\n".join(rng.choice(LINES) * rng.randint(1, 3) for _ in range(n)).encode("utf-8")


def _ranges(rng: random.Random, size: int, k: int) -> list[tuple[int, int]]:
    cuts = sorted(rng.randrange(size + 1) for _ in range(2 * k))
    return list(zip(cuts[0::2], cuts[1::2]))


@pytest.mark.parametrize("needle", ["未来产业", "哈哈", "哈", "+", "a"])
@pytest.mark.parametrize("parallel", [False, True])
def test_counts_equal_bytes_count_of_each_range(monkeypatch, needle, parallel):
    monkeypatch.setattr(scan, "PIECE", 64)  # many pieces cut at line ends, and long-line fallbacks
    nb = needle.encode("utf-8")
    for seed in range(20):
        buf = _text(seed)
        rng = random.Random(seed)
        ranges = _ranges(rng, len(buf), rng.randint(1, 6))
        assert scan.count_in_ranges(buf, nb, ranges, parallel=parallel) == [buf[a:b].count(nb) for a, b in ranges]


def test_a_line_longer_than_the_pieces_is_counted_by_finds(monkeypatch):
    monkeypatch.setattr(scan, "PIECE", 16)
    buf = ("哈" * 1000 + "\n" + "未来产业" * 50).encode("utf-8")
    for needle in ("哈哈", "哈哈哈", "未来产业"):
        nb = needle.encode("utf-8")
        assert scan.count_in_ranges(buf, nb, [(0, len(buf)), (3, len(buf) - 5)], parallel=False) == [
            buf.count(nb), buf[3:len(buf) - 5].count(nb)]


def test_halves_cover_the_ranges_and_cut_after_a_newline():
    buf = _text(7)
    ranges = [(0, 1000), (1500, len(buf) - 10), (len(buf) - 5, len(buf))]
    first, second = scan.halves(buf, ranges)
    pieces = first + second
    joined = {}
    for i, a, b in pieces:
        joined.setdefault(i, []).append((a, b))
    assert {i: (spans[0][0], spans[-1][1]) for i, spans in joined.items()} == dict(enumerate(ranges))
    assert all(x[1] == y[0] for spans in joined.values() for x, y in zip(spans, spans[1:]))
    i, a, _ = second[0]
    assert buf[a - 1:a] == b"\n"
    size = sum(b - a for a, b in ranges)
    assert abs(sum(b - a for _, a, b in first) - size / 2) < 200  # lines here are < 200 bytes


def test_a_failed_child_leaves_its_half_to_the_parent(monkeypatch):
    if not hasattr(os, "fork"):
        pytest.skip("no fork")

    parent, count_range = os.getpid(), scan.count_range

    def failing_in_the_child(*args):
        if os.getpid() != parent:
            os._exit(3)
        return count_range(*args)

    monkeypatch.setattr(scan, "count_range", failing_in_the_child)
    buf = _text(3)
    nb = "未来产业".encode("utf-8")
    ranges = [(0, len(buf) // 3), (len(buf) // 3, len(buf))]
    assert scan.count_in_ranges(buf, nb, ranges, parallel=True) == [buf[a:b].count(nb) for a, b in ranges]


def test_no_fork_while_another_thread_runs():
    stop = threading.Event()
    worker = threading.Thread(target=stop.wait)
    worker.start()
    try:
        assert scan.can_fork() is False
    finally:
        stop.set()
        worker.join()


def test_a_needle_with_a_newline_is_refused():
    with pytest.raises(ValueError):
        scan.count_in_ranges(b"a\nb", b"a\nb", [(0, 3)])
