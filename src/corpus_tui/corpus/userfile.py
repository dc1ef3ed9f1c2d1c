"""Small text files a user names on the command line: a codebook, a concept dictionary, a
list of terms. Each is read with a bound (a mistyped /dev/zero or a 2 GB log must fail in
a line, not fill the memory), decoded as UTF-8 with a byte order mark allowed, and every
failure is a CorpusError a user can act on."""

from __future__ import annotations

import os
import sys

from corpus_tui.errors import CorpusError


def read_user_text(path: str | os.PathLike, what: str, limit: int, *, error: type[CorpusError] = CorpusError,
                   missing: str = "", too_large: str = "") -> str:
    """The text of ``path`` (``-`` reads stdin). ``what`` names the file in messages (an
    option, or a kind of file); ``missing``/``too_large`` replace or extend the message for
    those two cases, where a caller knows the way out (``corpus code init``, a term limit)."""
    shown = os.fspath(path)
    try:
        if shown == "-":
            stream = getattr(sys.stdin, "buffer", None)
            data = stream.read(limit + 1) if stream is not None else sys.stdin.read(limit + 1).encode("utf-8")
        else:
            with open(shown, "rb") as fh:
                data = fh.read(limit + 1)
    except FileNotFoundError:
        raise error(missing or f"{what}: no such file: {shown}") from None
    except OSError as exc:
        raise error(f"{what}: cannot read {shown}: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise error(f"{what}: {shown} is larger than {_size(limit)}{too_large}")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise error(f"{what} {shown}:{line}: not UTF-8 text (byte {exc.start}); "
                    "convert it, e.g. iconv -f gb18030 -t utf-8") from None


def _size(limit: int) -> str:
    if limit >= 1 << 20:
        return f"{limit >> 20} MB"
    return f"{limit >> 10} KB" if limit >= 1 << 10 else f"{limit} bytes"
