"""Answer a TAB before click is imported.

Importing click costs ~35-45 ms on this kind of machine, most of a 40 ms budget for a
completion request. Every TAB runs `corpus` with `_CORPUS_COMPLETE=<shell>_complete`, so
the entry point asks this module first. It walks the words typed so far through a table of
the commands and options (corpus_tui.cli.completion_spec, generated from the click commands by
`python -m corpus_tui.cli.shell`) and prints exactly what click's shell completion would.

Anything it is not sure to read as click does (`--opt=value`, `-fx` clusters, `--`, values
that look like options, unknown words, options of more than one value) makes it return None
and the caller falls back to click. tests/cli/test_fast_complete.py checks the table against the
click commands and the answers against click's on many command lines in all three shells.
"""

from __future__ import annotations

import os
import sys

from corpus_tui.cli.completion_spec import COMMANDS, GROUP

SHELLS = ("bash", "zsh", "fish")
_WHITESPACE = " \t\r\n"  # shlex's, not str.split()'s: U+3000 belongs to a word


def answer(environ=os.environ, out=None) -> bool:
    """Print the candidates for the request in ``environ``; False: let click answer it."""
    shell, _, action = environ.get("_CORPUS_COMPLETE", "").partition("_")
    if action != "complete" or shell not in SHELLS:
        return False
    try:
        args, incomplete = completion_args(shell, environ)
        items = resolve(args, incomplete)
    except (KeyError, ValueError):
        return False
    if items is None:
        return False
    text = "\n".join(format_item(shell, *item) for item in items) + "\n"
    (out or sys.stdout.buffer).write(text.encode("utf-8", "surrogateescape"))
    return True


def split_words(text: str) -> list[str]:
    """click.shell_completion.split_arg_string: shlex for quotes and escapes, else a plain split."""
    if any(c in text for c in "'\"\\"):
        import shlex

        lex = shlex.shlex(text, posix=True)
        lex.whitespace_split = True
        lex.commenters = ""
        out: list[str] = []
        try:
            out.extend(lex)
        except ValueError:
            out.append(lex.token)
        return out
    words, word = [], []
    for ch in text:
        if ch in _WHITESPACE:
            if word:
                words.append("".join(word))
                word = []
        else:
            word.append(ch)
    if word:
        words.append("".join(word))
    return words


def completion_args(shell: str, environ) -> tuple[list[str], str]:
    """(complete words after the program name, the word being completed), as click reads them."""
    cwords = split_words(environ["COMP_WORDS"])
    if shell == "fish":
        incomplete = environ["COMP_CWORD"]
        if incomplete:
            incomplete = split_words(incomplete)[0]
        args = cwords[1:]
        if incomplete and args and args[-1] == incomplete:
            args.pop()
        return args, incomplete
    cword = int(environ["COMP_CWORD"])
    args = cwords[1:cword]
    incomplete = cwords[cword] if cword < len(cwords) else ""
    return args, incomplete


def format_item(shell: str, kind: str, value: str, help_: str | None) -> str:
    if shell == "bash":
        return f"{kind},{value}"
    if shell == "zsh":  # compadd -d in the shipped script: the value as is (cli/shell_scripts.py)
        return f"{kind}\n{value}\n{help_ or '_'}"
    if help_:
        return f"{kind},{value}\t" + help_.replace("\n", "\\n").replace("\t", " ")
    return f"{kind},{value}"


Item = tuple  # (type, value, help)


def resolve(args: list[str], incomplete: str) -> list[Item] | None:
    """Candidates as (type, value, help); None when click must decide."""
    if incomplete == "=":
        incomplete = ""
    elif incomplete.startswith("-") and "=" in incomplete:
        return None
    if not args:  # the command name, or the group's own options
        items = [("plain", name, short) for name, short in GROUP["commands"].items() if name.startswith(incomplete)]
        return items + _option_names(GROUP["options"], set(), incomplete)
    spec = COMMANDS.get(args[0])
    if spec is None:
        return None
    walked = _walk(spec, args[1:])
    if walked is None:
        return None
    given, values, positional, pending = walked
    if incomplete.startswith("-"):
        return _option_names(spec["options"], given, incomplete)
    if pending is not None:
        return _values(pending[7], values, incomplete)
    left = len(positional)
    for _name, nargs, completer in spec["arguments"]:
        if nargs == -1:
            return _values(completer, values, incomplete)
        if left < nargs:
            return _values(completer, values, incomplete) if left == 0 else None
        left -= nargs
    if left:
        return None  # more words than arguments: click's error path
    return _option_names(spec["options"], given, incomplete)


def _walk(spec: dict, words: list[str]):
    """Options given, their values (last wins), positional words, and an option still
    waiting for its value; None at anything outside the plain grammar."""
    by_name = {name: opt for opt in spec["options"] for name in (*opt[0], *opt[1])}
    given: set[str] = set()
    values: dict[str, str] = {}
    positional: list[str] = []
    pending = None
    for word in words:
        if pending is not None:
            if word.startswith("-"):
                return None
            values[pending[2]] = word
            given.add(pending[2])
            pending = None
        elif word.startswith("-"):
            opt = by_name.get(word)
            if opt is None or opt[3] > 1:
                return None
            if opt[3] == 1:
                pending = opt
            else:
                given.add(opt[2])
        else:
            positional.append(word)
    return given, values, positional, pending


def _option_names(options, given: set[str], incomplete: str) -> list[Item]:
    """click's Command.shell_complete: option names, only for a word that starts with a
    non-alphanumeric character; an option already given is offered again only if it repeats."""
    if not incomplete or incomplete[0].isalnum():
        return []
    out = []
    for opts, secondary, dest, _nargs, multiple, hidden, help_, _completer in options:
        if hidden or (not multiple and dest in given):
            continue
        out.extend(("plain", name, help_) for name in (*opts, *secondary) if name.startswith(incomplete))
    return out


def _values(completer, values: dict, incomplete: str) -> list[Item] | None:
    if completer is None:
        return []
    kind = completer[0]
    if kind == "choice":
        _, choices, case_sensitive = completer
        if case_sensitive:
            return [("plain", c, None) for c in choices if c.startswith(incomplete)]
        low = incomplete.lower()
        return [("plain", c, None) for c in choices if c.lower().startswith(low)]
    if kind in ("file", "dir"):
        return [(kind, incomplete, None)]
    if kind == "cb":
        from corpus_tui.cli.completion import candidates

        params = {"corpus": values.get("corpus"), "cache_dir": values.get("cache_dir")}
        return [("plain", v, h) for v, h in candidates(completer[1], params, incomplete)]
    return None
