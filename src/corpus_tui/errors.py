"""Exit codes and the one exception type a user can cause.

Exit codes follow grep/ripgrep so `corpus` composes with `&&`, `||` and `if`.
"""

from __future__ import annotations


class Exit:
    """Plain ints, not an IntEnum: `enum` costs ~3 ms of every TAB and query start."""

    FOUND = 0
    NOT_FOUND = 1
    USAGE = 2
    OUTPUT = 74  # sysexits' EX_IOERR: stdout could not be written (a full disk, a closed stdout)
    INTERRUPTED = 130


class CorpusError(Exception):
    """A problem the user can fix (bad option, unknown id, unreadable corpus).

    Front ends print it as one line on stderr and exit with ``Exit.USAGE``; never a traceback.
    """

    exit_code = Exit.USAGE


class OutputError(CorpusError):
    """The results could not be written to stdout: not "nothing found" (1), not a usage error (2)."""

    exit_code = Exit.OUTPUT


class QueryError(CorpusError):
    """A query that cannot run as given: an unknown id, an empty term, a regex past its bounds."""
