"""A base for plain slotted records, shared by the index and the statistics core.

Creating an @dataclass class costs ~1–1.5 ms at import (its methods are built with exec),
paid by every warm query and TAB, and `import dataclasses` ~5 ms more. Small values that
must not change because they are shared (selections, segments cached on the index,
filters and windows used as default arguments) are collections.namedtuple subclasses with
``__slots__ = ()`` and their fields' types in comments: typing.NamedTuple would import
`typing` (~4 ms) and compile every annotation. Everything built fresh for one caller (rows,
results, tables) is a Record: ~0.01 ms a class.
"""

from __future__ import annotations


class Record:
    """A slotted record with dataclass-style == and repr (and, like a dataclass with eq, no hash)."""

    __slots__ = ()

    def __eq__(self, other):
        return type(other) is type(self) and all(getattr(self, f) == getattr(other, f) for f in self.__slots__)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(" + ", ".join(f"{f}={getattr(self, f)!r}" for f in self.__slots__) + ")"
