"""Reading corpus files: bytes -> str with the encoding named, never guessed silently.

Order matters: a BOM first (UTF-16 text is full of NUL bytes), then NUL bytes mean binary,
then strict UTF-8, then GB18030 (a superset of GBK/GB2312; Python's `gbk` fails on 4-byte
characters) only when the bytes are long enough to judge and decode to mostly CJK.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from corpus_tui.errors import CorpusError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_MIN_GUESS_BYTES = 64


class DecodeError(CorpusError):
    """A file that cannot be read as text; the file is skipped, the run goes on."""


def decode(data: bytes, encoding: str | None = None, name: str = "file") -> tuple[str, str]:
    """Return (text, encoding used). Raises DecodeError with a hint naming the file."""
    if encoding:
        try:
            return data.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError) as exc:
            raise DecodeError(f"{name}: cannot decode as {encoding}: {exc}; skipped") from None
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError as exc:
                raise DecodeError(f"{name}: has a {enc} byte-order mark but {exc.reason} at byte {exc.start}; skipped") from None
    if b"\x00" in data:
        if _looks_utf16(data):
            raise DecodeError(f"{name}: looks like UTF-16 without a byte-order mark; skipped: pass --encoding utf-16-le or utf-16-be")
        raise DecodeError(f"{name}: binary file (NUL bytes); skipped")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    if len(data) >= _MIN_GUESS_BYTES:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError:
            text = None
        if text is not None and _mostly_cjk(text):
            return text, "gb18030"
    if len(data) < _MIN_GUESS_BYTES:
        raise DecodeError(
            f"{name}: not UTF-8 (invalid byte at {utf8_error.start}) and too short ({len(data)} bytes) to "
            "guess its encoding; skipped: pass --encoding (e.g. gb18030) or fill its INDEX.md encoding column"
        )
    raise DecodeError(
        f"{name}: not UTF-8 (invalid byte at {utf8_error.start}) and not GB18030 Chinese either; skipped: "
        "pass --encoding or fill its INDEX.md encoding column"
    )


def read_text(path: Path, encoding: str | None = None, name: str | None = None) -> tuple[str, str]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DecodeError(f"{name or path}: cannot read: {exc.strerror}") from None
    return decode(data, encoding, name or str(path))


def _looks_utf16(data: bytes) -> bool:
    """NUL bytes that are really UTF-16 without a BOM: either every other byte is NUL (ASCII
    text), or (Chinese text, NULs only in its newlines and digits) one byte order decodes
    to printable text. Binary data has runs of NULs, which decode to U+0000, not printable."""
    sample = data[:4096]
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    if max(even, odd) > len(sample) // 4 and min(even, odd) < len(sample) // 50 + 1:
        return True
    sample = sample[: len(sample) // 2 * 2]
    for enc in ("utf-16-le", "utf-16-be"):
        text = sample.decode(enc, errors="replace")
        if sum(c != "\ufffd" and (c.isprintable() or c in "\r\n\t") for c in text) > 0.95 * len(text):
            return True
    return False


def _mostly_cjk(text: str) -> bool:
    """Decoded GB18030 that reads as Chinese, not mojibake: mostly CJK among the non-ASCII
    characters, and most ideographs among the 3755 common ones (GB2312 level 1). Latin-1
    text decoded as GB18030 also gives "CJK", but rare characters (ä+t -> 鋞)."""
    letters = [c for c in text if not c.isspace() and not c.isascii()]
    if not letters:
        return False
    cjk = sum(1 for c in letters if "\u3000" <= c <= "\u9fff" or "\uff00" <= c <= "\uffef")
    if cjk / len(letters) <= 0.7:
        return False
    ideographs = [c for c in letters if "\u4e00" <= c <= "\u9fff"]
    if not ideographs:
        return True
    return sum(map(_common_hanzi, ideographs)) >= 0.6 * len(ideographs)


def _common_hanzi(c: str) -> bool:
    try:
        lead = c.encode("gb2312")[0]
    except UnicodeEncodeError:
        return False
    return 0xB0 <= lead <= 0xD7
