"""A base for plain slotted records, shared by the index and the statistics core.

Creating an @dataclass class costs ~1–1.5 ms at import (its methods are built with exec),
paid by every warm query and TAB; a slotted class with a hand-written __init__ costs ~15 µs.
Immutable records are typing.NamedTuple instead (~0.15 ms, and hashable like a frozen
dataclass); this base is for the mutable ones and those a NamedTuple cannot express.
"""

from __future__ import annotations


class Record:
    """A slotted record with dataclass-style == and repr (and, like a dataclass with eq, no hash)."""

    __slots__ = ()

    def __eq__(self, other):
        return type(other) is type(self) and all(getattr(self, f) == getattr(other, f) for f in self.__slots__)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(" + ", ".join(f"{f}={getattr(self, f)!r}" for f in self.__slots__) + ")"
