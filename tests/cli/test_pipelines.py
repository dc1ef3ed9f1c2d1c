"""The CLI in real shell pipelines: composes, ends quietly under `head`, no colour in pipes."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

BIN = Path(sys.executable).parent


def sh(cmd: str, env_extra: dict | None = None, **kw) -> subprocess.CompletedProcess:
    env = dict(os.environ, PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", **(env_extra or {}))
    return subprocess.run(["bash", "-o", "pipefail", "-c", cmd], capture_output=True, text=True, env=env, timeout=120, **kw)


@pytest.fixture(autouse=True)
def built(seed_index):
    return seed_index


def test_freq_terms_feed_kwic_counts():
    r = sh("corpus freq --top 20 --format tsv --no-header | cut -f2 | corpus kwic --terms-from - --count --tsv")
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0] == "term\thits\tfiles\tper_file"
    freq_terms = sh("corpus freq --top 20 --tsv --no-header | cut -f2").stdout.split()
    assert [l.split("\t")[0] for l in lines[1:]] == freq_terms
    # surface hits include every whole-token hit, so each count is at least the token frequency
    freqs = [int(x) for x in sh("corpus freq --top 20 --tsv --no-header | cut -f3").stdout.split()]
    assert all(int(l.split("\t")[1]) >= f for l, f in zip(lines[1:], freqs))


def test_head_ends_quietly():
    for cmd in ("corpus kwic 发展 | head -1", "corpus search 产业 --tsv | head -2", "corpus freq --top 0 | head -1",
                "corpus show wlcy-jiangsu | head -1"):
        r = sh(cmd)
        assert r.stderr == "", (cmd, r.stderr)
        assert len(r.stdout.splitlines()) in (1, 2), cmd


def test_output_sorted_by_shell_sort_is_deterministic():
    a = sh("corpus kwic 新赛道 --tsv --no-header | sort").stdout
    b = sh("corpus kwic 新赛道 --tsv --no-header | sort").stdout
    assert a == b and a.count("\n") > 100


def test_no_colour_codes_in_pipes_or_under_no_color():
    assert "\x1b" not in sh("corpus kwic 新赛道 --limit 3 | cat").stdout
    script = sh("command -v script").stdout.strip()
    if script:
        tty = sh(f"{script} -qc 'corpus kwic 新赛道 --limit 1' /dev/null")
        assert "\x1b[1;31m" in tty.stdout  # on a terminal the node is highlighted …
        no = sh(f"{script} -qc 'corpus kwic 新赛道 --limit 1' /dev/null", {"NO_COLOR": "1"})
        assert "\x1b" not in no.stdout  # … unless NO_COLOR is set


def test_python_dash_m_entry_point():
    r = subprocess.run([sys.executable, "-m", "corpus_tui", "kwic", "耐心资本", "--count", "--tsv", "--no-header"],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0 and r.stdout.startswith("耐心资本\t")
