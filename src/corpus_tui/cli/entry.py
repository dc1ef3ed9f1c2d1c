"""The `corpus` command. A TAB (cli.fast_complete) and the common command lines (cli.fast) are
answered before click is imported; everything else goes to click (cli)."""

from __future__ import annotations

import os
import sys


def main() -> None:
    if os.environ.get("_CORPUS_COMPLETE"):
        from corpus_tui.cli.fast_complete import answer

        if answer():
            return
    elif not os.environ.get("CORPUS_TUI_CLICK_ONLY"):
        from corpus_tui.cli.fast import run

        run(sys.argv[1:])  # exits if it ran the command
    from corpus_tui.cli.commands import main as cli_main

    cli_main()
