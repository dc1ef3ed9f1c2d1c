"""The `corpus` command. A TAB (cli.fast_complete) and the common command lines (cli.fast) are
answered before click is imported; everything else goes to click (cli)."""

from __future__ import annotations

import os
import sys


class ClosedStream:
    """sys.stdout when the shell closed it (`corpus kwic X >&-`): Python leaves None there,
    and writing to it raises what output.send reports as one error line."""

    def write(self, text: str) -> int:
        import errno

        raise OSError(errno.EBADF, "standard output is closed")

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False

    def fileno(self) -> int:
        raise ValueError("standard output is closed")


def guard_standard_fds() -> None:
    """A closed descriptor 0, 1 or 2 would be the next file opened: a lock file or an index
    file written to as if it were stdout. /dev/null takes its place."""
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            got = os.open(os.devnull, os.O_RDWR)
            if got != fd:  # cannot happen: the lowest free descriptor is this one
                os.close(got)
    if sys.stdout is None:
        sys.stdout = ClosedStream()


def main() -> None:
    if sys.stdout is None or sys.stderr is None or sys.stdin is None:
        guard_standard_fds()
    if os.environ.get("_CORPUS_COMPLETE"):
        from corpus_tui.cli.fast_complete import answer

        if answer():
            return
    elif not os.environ.get("CORPUS_TUI_CLICK_ONLY"):
        from corpus_tui.cli.fast import run

        run(sys.argv[1:])  # exits if it ran the command
    from corpus_tui.cli.commands import main as cli_main

    cli_main()
