"""jieba's prefix dictionary (Tokenizer.FREQ and total), made as Tokenizer.initialize()
makes it, in less time.

initialize() reads its cache with marshal.load(file), which pulls the ~500 000 strings
through the file object one small read at a time (0.55 s quiet, ~2 s on a loaded machine);
marshal.loads of the file's bytes gives the same dict in a quarter of that. Without a
cache it parses dict.txt a line and a prefix at a time (gen_pfdict, ~1.1 s); the same dict
comes from C-level splits and maps in ~0.7 s. Only the default dictionary: like jieba,
its cache is used as is (a custom dictionary's cache needs jieba's mtime check), and
anything unexpected is left to jieba.
"""

from __future__ import annotations

import marshal
import os
from pathlib import Path


def jieba_dict_file() -> Path:
    """jieba's main dictionary (dict.txt), found without importing jieba."""
    from importlib.util import find_spec

    spec = find_spec("jieba")
    if spec is None or not spec.origin:
        raise ModuleNotFoundError("jieba")
    return Path(spec.origin).parent / "dict.txt"


def initialize(t, cache: Path) -> None:
    """Initialise jieba Tokenizer ``t`` whose cache file is ``cache``."""
    if t.dictionary is not None or t.initialized:
        t.initialize()
        return
    if _load(t, cache):
        return
    built = _build()
    if built is None:
        t.initialize()  # parses dict.txt and writes the cache
        return
    t.FREQ, t.total = built
    t.initialized = True
    _save(cache, built)


def _load(t, cache: Path) -> bool:
    try:
        freq, total = marshal.loads(cache.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return False
    if not isinstance(freq, dict) or not isinstance(total, int):
        return False
    t.FREQ, t.total = freq, total
    t.initialized = True
    return True


def _build() -> tuple[dict, int] | None:
    """gen_pfdict of jieba's dict.txt: every word with its frequency (the last line of a
    word wins), every prefix of a word that is not itself a word with 0, total the sum of
    the frequencies of all lines. None unless every line is plain "word freq tag"."""
    from bisect import bisect_right
    from itertools import chain, repeat
    from operator import getitem

    try:
        data = jieba_dict_file().read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError, ModuleNotFoundError):
        return None
    # Exactly two spaces in every line, no empty field, nothing jieba's bytes.strip() would
    # remove: then splitting on " " gives jieba's line.split(' ')[:2] for every line.
    if not data.endswith("\n") or any(c in data for c in "\r\t\v\f"):
        return None
    lines = data[:-1].split("\n")
    if list(map(str.count, lines, repeat(" "))).count(2) != len(lines):
        return None
    fields = data[:-1].replace("\n", " ").split(" ")
    if "" in fields:
        return None
    words = fields[0::3]
    try:
        freqs = list(map(int, fields[1::3]))
    except ValueError:
        return None
    by_len = sorted(words, key=len)
    lens = list(map(len, by_len))
    freq = dict.fromkeys(chain.from_iterable(
        map(getitem, by_len[bisect_right(lens, k):], repeat(slice(0, k))) for k in range(1, lens[-1])), 0)
    freq.update(zip(words, freqs))
    return freq, sum(freqs)


def _save(cache: Path, built: tuple[dict, int]) -> None:
    """Write the cache as initialize() does (marshal of (FREQ, total), renamed into place)."""
    import tempfile

    try:
        fd, tmp = tempfile.mkstemp(dir=cache.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                marshal.dump(built, fh)
            os.replace(tmp, cache)
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError:
        pass  # like jieba: no cache, built again next time
