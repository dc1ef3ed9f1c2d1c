"""Run the common command lines without importing click.

`import click` costs 45-70 ms on this kind of machine, more than half of the 80 ms a warm
`corpus kwic TERM` may take end to end. The entry point asks this module first: it reads
the words with a table of every command's options, types and defaults (fast_spec.py,
generated from the click commands by `python -m corpus_tui.cli.shell`) and calls the same
action click would call (corpus_tui.actions), with the same parameters.

It only takes command lines it reads exactly as click does. Anything else returns None and
click runs the command, so every usage error, `--help`, `--version` and unusual form
(`-fx` clusters, `--`, a value that looks like an option, an option given twice, a value
click would refuse) gets click's own message. tests/cli/test_fast.py checks the parameters
against click's on many command lines and runs the CLI tests through both paths.
"""

from __future__ import annotations

import os
import sys

# command -> (module in corpus_tui.actions, function)
ACTIONS = {
    "list": ("reading", "list_cmd"),
    "show": ("reading", "show"),
    "search": ("reading", "search"),
    "kwic": ("reading", "kwic"),
    "index": ("reading", "index"),
    "tui": ("reading", "tui"),
    "freq": ("stats", "freq"),
    "cooc": ("stats", "cooc"),
    "diff": ("stats", "diff"),
    "trend": ("stats", "trend"),
    "first": ("stats", "first"),
    "init": ("catalogue", "init"),
    "check": ("catalogue", "check"),
    "dict": ("concepts", "dict_cmd"),
    "suggest": ("concepts", "suggest"),
}


def parse(argv: list[str], isatty=None) -> tuple[str, dict] | None:
    """(command, click's params for it), or None when click should read this command line."""
    if not argv:
        # `corpus` alone opens the TUI on a terminal; elsewhere click prints the help.
        tty = isatty() if isatty else (sys.stdin.isatty() and sys.stdout.isatty())
        argv = ["tui"] if tty else None
        if argv is None:
            return None
    argv = _hoisted(argv)
    if argv is None:
        return None
    name, args = argv[0], argv[1:]
    if name not in ACTIONS:
        return None
    from corpus_tui.cli.fast_spec import COMMANDS

    spec = COMMANDS.get(name)
    if spec is None:
        return None
    options = spec["options"]
    values: dict = {}
    given: set = set()
    positional: list[str] = []
    i, n = 0, len(args)
    while i < n:
        word = args[i]
        i += 1
        if word[:1] != "-" or word == "-":
            positional.append(word)
            continue
        if word == "--":
            return None
        opt, eq, inline = word.partition("=") if word[:2] == "--" else (word, "", "")
        entry = options.get(opt)
        if entry is None:
            return None
        dest, kind, how = entry
        if kind == "flag":
            if eq or dest in given:
                return None
            given.add(dest)
            values[dest] = how
            continue
        if kind == "defer":
            return None
        if kind == "values":  # an option of several values: diff --terms A B
            count, how = how
            if eq or dest in given or i + count > n:
                return None
            raws, i = args[i:i + count], i + count
            tup = tuple(convert(r, how) if r and (r[0] != "-" or r == "-") else None for r in raws)
            if None in tup:
                return None
            given.add(dest)
            values[dest] = tup
            continue
        if eq:
            raw = inline
        elif i < n:
            raw = args[i]
            i += 1
        else:
            return None
        if not raw or (raw[0] == "-" and raw != "-"):
            return None
        value = convert(raw, how)
        if value is None:
            return None
        if kind == "multi":
            values.setdefault(dest, []).append(value)
        elif dest in given:
            return None
        else:
            given.add(dest)
            values[dest] = value
    params = dict(spec["defaults"])
    for dest, value in values.items():
        params[dest] = tuple(value) if isinstance(value, list) else value  # a multiple option's values
    for dest, nargs, required, how in spec["arguments"]:
        if nargs == -1 and how == ("str",):
            if required and not positional:
                return None
            params[dest], positional = tuple(positional), []
        elif nargs == 1:
            if not positional:
                if required:
                    return None
                continue
            value = positional.pop(0)
            params[dest] = value if how == ("str",) else convert(value, how)  # `corpus dict FILE`: a path
            if params[dest] is None:
                return None
        else:
            return None
    if positional:
        return None  # click: "Got unexpected extra argument"
    return name, params


# The corpus options the group takes too (cli.options.common_options): given before the
# command they mean what they mean after it.
_COMMON = ("--corpus", "--cache-dir", "--userdict", "--encoding", "--tokenizer")


def _hoisted(argv: list[str]) -> list[str] | None:
    """``--corpus D kwic X`` -> ``kwic X --corpus D``; None for any other option before the
    command (--help, --version, a typo): click reads those. Given both before and after the
    command, the option is then given twice, which sends the line to click (where the
    command's own value wins)."""
    i, lead = 0, []
    while i < len(argv) and argv[i][:1] == "-":
        opt, eq, _ = argv[i].partition("=")
        if opt not in _COMMON:
            return None
        width = 1 if eq else 2
        if i + width > len(argv):
            return None
        lead += argv[i:i + width]
        i += width
    if i >= len(argv):
        return None if lead else argv
    return [argv[i], *argv[i + 1:], *lead] if lead else argv


def convert(raw: str, how: tuple):
    """The value as click's type would give it, or None if click might refuse or change it."""
    kind = how[0]
    if kind == "str":
        return raw
    if kind == "int":
        if not (raw.isascii() and raw.isdigit()):
            return None
        value = int(raw)
        lo, hi = how[1], how[2]
        if (lo is not None and value < lo) or (hi is not None and value > hi):
            return None
        return value
    if kind == "choice":
        return raw if raw in how[1] else None
    if kind == "path":
        file_okay, dir_okay, readable = how[1], how[2], how[3]
        try:
            st = os.stat(raw)
        except OSError:
            return raw  # click lets a path that does not exist through
        except ValueError:
            return None
        import stat

        if (not file_okay and stat.S_ISREG(st.st_mode)) or (not dir_okay and stat.S_ISDIR(st.st_mode)):
            return None
        if readable and not os.access(raw, os.R_OK):
            return None
        return raw
    return None


def run(argv: list[str]) -> bool:
    """Run the command line if fastcli reads it; False: let click run it. Never returns True:
    a command that ran ends the process with its exit code, as click's standalone mode does."""
    parsed = parse(argv)
    if parsed is None:
        return False
    name, params = parsed
    module, function = ACTIONS[name]
    import importlib

    action = getattr(importlib.import_module(f"corpus_tui.cli.actions.{module}"), function)
    sys.exit(guarded(action, params))


def guarded(action, params: dict) -> int:
    """The error boundary click's CorpusGroup gives: one line on stderr and exit 2 for a
    CorpusError, 130 on Ctrl-C, and 1 quietly when the reader of a pipe goes away."""
    from corpus_tui.errors import CorpusError, Exit

    from corpus_tui.cli.actions.common import run_action

    try:
        run_action(action, params)
    except CorpusError as exc:
        from corpus_tui.cli.actions.common import error_line

        sys.stderr.write(error_line(exc) + "\n")
        return exc.exit_code
    except KeyboardInterrupt:
        sys.stderr.write("\n")
        return Exit.INTERRUPTED
    except BrokenPipeError:
        # As click: `corpus kwic X | head` ends with exit 1 and no "Broken pipe" message.
        # Output still buffered would fail again at exit, so stdout goes to /dev/null.
        devnull = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(devnull, sys.stdout.fileno())
        except (AttributeError, ValueError, OSError):
            pass
        return 1
    return 0
