"""`corpus completion bash|zsh|fish`: print the shell completion script.

The script is exactly what click prints for `_CORPUS_COMPLETE={shell}_source corpus`; the
files shipped in completions/ are written by `write_scripts` (completions/generate.sh) and a
test fails when they are stale. The dynamic values (ids, groups, outlets, terms) come from
the `shell_complete=` callbacks in corpus_tui.completion.
"""

from __future__ import annotations

from pathlib import Path

import click
from click.shell_completion import get_completion_class

PROG_NAME = "corpus"
COMPLETE_VAR = "_CORPUS_COMPLETE"
SHELLS = ("bash", "zsh", "fish")
# Where each shell's script is shipped in the source tree (completions/<name>).
SCRIPT_NAMES = {"bash": "corpus.bash", "zsh": "_corpus", "fish": "corpus.fish"}


def completion_script(cli: click.Command, shell: str) -> str:
    """Exactly the text `_CORPUS_COMPLETE={shell}_source corpus` prints."""
    cls = get_completion_class(shell)
    if cls is None:
        raise ValueError(f"no completion support for shell {shell!r}")
    return cls(cli, {}, PROG_NAME, COMPLETE_VAR).source()


def write_scripts(folder: str | Path, cli: click.Command | None = None) -> list[Path]:
    """Write completions/corpus.bash, _corpus and corpus.fish; returns the paths written."""
    if cli is None:
        from corpus_tui.cli import cli
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for shell in SHELLS:
        path = folder / SCRIPT_NAMES[shell]
        path.write_text(completion_script(cli, shell), encoding="utf-8", newline="\n")
        written.append(path)
    return written


def register(cli: click.Group) -> None:
    @cli.command("completion")
    @click.argument("shell", type=click.Choice(SHELLS))
    def completion(shell: str) -> None:
        """Print the TAB-completion script for SHELL (bash, zsh or fish).

        Completes commands, options, choices, document ids, groups, outlets and the terms
        of the last built index (build one with `corpus index`).

        \b
        Examples (install where the shell looks for it, then open a new shell):
          bash  corpus completion bash > ~/.local/share/bash-completion/completions/corpus
          zsh   corpus completion zsh > ~/.zfunc/_corpus
                (with fpath=(~/.zfunc $fpath) before compinit in ~/.zshrc; any fpath dir works)
          fish  corpus completion fish > ~/.config/fish/completions/corpus.fish

        \b
        Or load it into the current shell only:
          eval "$(corpus completion bash)"
        """
        click.echo(completion_script(cli, shell), nl=False)


if __name__ == "__main__":  # python -m corpus_tui.cli_shell [FOLDER]: regenerate completions/
    import sys

    for p in write_scripts(sys.argv[1] if len(sys.argv) > 1 else "completions"):
        print(p)
