"""The two ways `corpus` runs a command line, for tests that must hold on both.

entry.main first asks corpus_tui.cli.fast, which runs the common command lines without
importing click, and hands everything else to click. ``FAST`` is that order, in a form
CliRunner can invoke; ``cli`` is click alone. Tests parametrized over ``PATHS`` check the
two give the same stdout, stderr and exit code.
"""

from __future__ import annotations

from corpus_tui.cli import fast as fastcli
from corpus_tui.cli.commands import cli


class FastFirst:
    """Duck-types click.Command.main for CliRunner.invoke: fastcli, then click if it declines."""

    def __init__(self) -> None:
        self.ran_fast: list[list[str]] = []
        self.declined: list[list[str]] = []

    def main(self, args=(), prog_name=None, **extra):
        argv = list(args)
        if fastcli.parse(argv) is not None:
            self.ran_fast.append(argv)
            fastcli.run(argv)  # ends with SystemExit, as click's standalone mode does
        self.declined.append(argv)
        return cli.main(args=argv, prog_name=prog_name, **extra)


FAST = FastFirst()
PATHS = {"click": cli, "fast": FAST}
