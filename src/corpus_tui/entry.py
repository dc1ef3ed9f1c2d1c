"""The `corpus` command: a TAB is answered before click is imported (see fastcomplete)."""

from __future__ import annotations

import os


def main() -> None:
    if os.environ.get("_CORPUS_COMPLETE"):
        from corpus_tui.fastcomplete import answer

        if answer():
            return
    from corpus_tui.cli import main as cli_main

    cli_main()
