"""The installed version of a tokenizer package, and where the domain dictionary lives, for
the cache key. Apart from tokenize.py (re, pathlib, functools) because a warm query checks
the version on every run (index/stamp.py): an upgraded jieba must not reuse an index."""

from __future__ import annotations

import os
import sys

_VERSIONS: dict[str, str] = {}


def package_userdict_str() -> str:
    # __file__ rather than importlib.resources: the same file, ~2 ms less import.
    return os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "data", "userdict.txt")


def _canonical(name: str) -> str:
    """re.sub(r"[-_.]+", "_", name).lower(), without re."""
    out: list[str] = []
    for ch in name.lower():
        if ch in "-_.":
            if not out or out[-1] != "_":
                out.append("_")
        else:
            out.append(ch)
    return "".join(out)


def tokenizer_version(name: str = "jieba") -> str:
    """The installed version of the tokenizer package, as importlib.metadata.version gives it.

    Read from the name of its .dist-info/.egg-info folder on sys.path (one listdir per
    path entry, ~0.3 ms) instead of importlib.metadata (~10 ms of imports); importlib.metadata
    only as a fallback. Remembered for the life of the process.
    """
    if name not in _VERSIONS:
        _VERSIONS[name] = _find_version(name)
    return _VERSIONS[name]


def _find_version(name: str) -> str:
    want = _canonical(name)
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for fn in names:
            if fn.endswith(".dist-info") or fn.endswith(".egg-info"):
                stem = fn.rsplit(".", 1)[0]
                dist, sep, ver = stem.partition("-")
                if sep and _canonical(dist) == want:
                    if fn.endswith(".egg-info"):
                        ver = ver.split("-py", 1)[0]
                    return ver
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return "unknown"
