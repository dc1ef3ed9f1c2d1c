"""Shared pieces of the click front end: option decorators, the error boundary, warnings.

Kept apart from cli.py so each command stays a few lines: options are declared once and
reused, which keeps their names, help and completion identical across commands.
"""

from __future__ import annotations

import sys

import click

from corpus_tui.cli.actions.common import error_line
from corpus_tui.errors import CorpusError, Exit
from corpus_tui.output import FORMATS, for_display


def _usage_line(exc: click.UsageError) -> str:
    hint = f" (see '{exc.ctx.command_path} --help')" if exc.ctx is not None else ""
    return f"corpus: error: {for_display(exc.format_message())}{hint}"


class CorpusGroup(click.Group):
    """The error boundary: a CorpusError or a usage error is one line on stderr and exit 2,
    never a traceback. Messages may quote corpus text (ids, file names), so control
    characters are made visible before they reach the terminal."""

    # command name -> the module whose register(group) adds it: imported only when that
    # command runs (or --help lists them all), so `corpus kwic` never builds the stats commands.
    lazy: dict[str, str] = {}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *self.lazy})

    def get_command(self, ctx: click.Context, name: str):
        if name not in self.commands and name in self.lazy:
            import importlib

            importlib.import_module(self.lazy[name]).register(self)
        return self.commands.get(name)

    def load_all(self) -> dict[str, click.Command]:
        """Every command by name, the lazy ones imported (for the docs and tests)."""
        for name in self.lazy:
            self.get_command(None, name)
        return self.commands

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except click.exceptions.NoArgsIsHelpError:
            raise
        except click.UsageError as exc:  # the group's own options: `corpus --bogus`
            click.echo(_usage_line(exc), err=True)
            ctx.exit(exc.exit_code)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except CorpusError as exc:
            click.echo(error_line(exc), err=True)
            ctx.exit(exc.exit_code)
        except click.exceptions.NoArgsIsHelpError:
            raise
        except click.UsageError as exc:  # a subcommand's options or arguments, unknown commands
            click.echo(_usage_line(exc), err=True)
            ctx.exit(exc.exit_code)
        except KeyboardInterrupt:
            # 130 like a shell; no "Aborted!" and no traceback on Ctrl-C.
            sys.stderr.write("\n")
            ctx.exit(Exit.INTERRUPTED)


def _complete(kind: str):
    def callback(ctx, param, incomplete):
        from corpus_tui.cli import completion  # light: reads INDEX.md and the cached vocabulary

        return completion.complete(kind, ctx, incomplete)

    callback.completion_kind = kind  # read by cli.shell.completion_spec
    return callback


# The same tuple as tokens.tokenizer.TOKENIZERS, copied so `--help` and TAB never import the
# tokenizer module; tests/tokens/test_tokenizer_rjieba.py fails if the two drift apart.
TOKENIZERS = ("jieba", "rjieba")
SCRIPT_MODES = ("fold", "exact")  # tokens.tokenizer.SCRIPT_MODES, copied for the same reason
def _corpus_option_decls():
    return [
        click.option("--corpus", "corpus", metavar="DIR", type=click.Path(file_okay=False),
                     help="Corpus folder with an INDEX.md (default: $CORPUS_TUI_CORPUS, ./INDEX.md, the bundled corpus)."),
        click.option("--cache-dir", metavar="DIR", type=click.Path(file_okay=False),
                     help="Where indexes are kept (default: $CORPUS_TUI_CACHE or the user cache dir)."),
        click.option("--userdict", metavar="FILE", type=click.Path(dir_okay=False),
                     help="An extra jieba user dictionary (word [freq] [tag] per line)."),
        click.option("--encoding", metavar="NAME", help="Read every corpus file with this encoding (e.g. gb18030)."),
        click.option("--tokenizer", type=click.Choice(TOKENIZERS), default=None,
                     help="jieba (default) or rjieba (jieba-rs, ~20x faster builds, same tokens on the bundled "
                          "corpus; pip install 'corpus-tui[rjieba]'). Each has its own index."),
        click.option("--script", type=click.Choice(SCRIPT_MODES), default=None,
                     help="fold (default): Traditional and Simplified text meet on a Simplified view, so 未来产业 "
                          "finds 未來產業 and 人工智能 finds 人工智慧; exact: each script as written. Each has its own index."),
    ]


# The corpus options' parameter names (cli.actions.common.CORPUS_PARAMS), for the group.
COMMON = ("corpus", "cache_dir", "userdict", "encoding", "tokenizer", "script")


def common_options(f):
    """The corpus options on the group itself, so they also work before the command:
    `corpus --corpus DIR kwic 新赛道`. A command's own option wins over the group's."""
    for opt in reversed(_corpus_option_decls()):
        f = opt(f)
    return f


def corpus_options(f):
    """--corpus, --cache-dir, --userdict, --encoding, --tokenizer, --script: which corpus, which index.
    A value not given to the command is taken from the group (given before the command)."""
    import functools

    @functools.wraps(f)
    def command(**params):
        ctx = click.get_current_context(silent=True)
        root = ctx.find_root() if ctx is not None else None
        if root is not None and root is not ctx:
            for name in COMMON:
                if params.get(name) is None and root.params.get(name) is not None:
                    params[name] = root.params[name]
        return f(**params)

    for opt in reversed(_corpus_option_decls()):
        command = opt(command)
    return command


def selection_options(f):
    opts = [
        click.option("--doc", "docs", multiple=True, metavar="ID", shell_complete=_complete("ids"),
                     help="Only this file or article id (repeatable)."),
        click.option("--group", "groups", multiple=True, metavar="G", shell_complete=_complete("groups"),
                     help="Only files/articles of this group (repeatable)."),
        click.option("--outlet", "outlets", multiple=True, metavar="O", shell_complete=_complete("outlets"),
                     help="Only files/articles from this outlet (repeatable)."),
        click.option("--since", metavar="DATE",
                     help="Only documents dated DATE or later (2025, 2026-04, 2026-01-06); a date must lie wholly "
                          "inside the range (2026 is not since 2026-02), undated documents are left out."),
        click.option("--until", metavar="DATE", help="Only documents dated DATE or earlier (partial dates as --since)."),
    ]
    for opt in reversed(opts):
        f = opt(f)
    return f


def output_options(f):
    """--format and its shortcuts, --no-header, --meta: the same on every command printing rows."""
    opts = [
        click.option("--format", "-f", "fmt", type=click.Choice(FORMATS), default=None,
                     help="Output format (default: table)."),
        click.option("--tsv", "fmt", flag_value="tsv", help="Shortcut for --format tsv."),
        click.option("--csv", "fmt", flag_value="csv", help="Shortcut for --format csv."),
        click.option("--json", "fmt", flag_value="json", help="Shortcut for --format json."),
        click.option("--jsonl", "--nl", "fmt", flag_value="jsonl", help="Shortcut for --format jsonl (one JSON object a line)."),
        click.option("--no-header", is_flag=True, help="Leave out the header row (table, tsv, csv)."),
        click.option("--meta", is_flag=True,
                     help="Add provenance: corpus hash, tokenizer, dictionaries, options (a '# ' block first; a leading {\"_meta\":…} line in jsonl; json: {\"_meta\":…, \"rows\": […]})."),
    ]
    for opt in reversed(opts):
        f = opt(f)
    return f


def dict_option(f):
    """--dict FILE: a dictionary whose @category names stand for its entries in query terms."""
    return click.option("--dict", "dict_file", metavar="FILE", type=click.Path(dir_okay=False),
                        help="A dictionary (quanteda YAML or LIWC .dic): a term @category (or @parent/child) "
                             "stands for its entries, as corpus dict counts them.")(f)


def coding_options(f):
    """--codes, --codebook, --coder: where codings are kept, which codes exist, who codes."""
    opts = [
        click.option("--codes", "codes", metavar="FILE", type=click.Path(dir_okay=False),
                     help="The codes file (SQLite; default: codes.sqlite3 in the user data folder, "
                          "$XDG_DATA_HOME/corpus-tui). Never inside the corpus folder."),
        click.option("--codebook", "codebook", metavar="FILE", type=click.Path(dir_okay=False),
                     help="The codebook (TOML; default: ./codebook.toml, else the user config folder's)."),
        click.option("--coder", "coder", metavar="NAME", help="Who codes (default: the login name)."),
    ]
    for opt in reversed(opts):
        f = opt(f)
    return f


def kwic_coding_options(f):
    """kwic's filters by code: --code, --uncoded, and the coding options."""
    f = coding_options(f)
    f = click.option("--uncoded", is_flag=True, help="Only lines not coded yet (by --coder, else by anyone).")(f)
    return click.option("--code", "code", metavar="CODE",
                        help="Only lines coded CODE (by --coder, else by anyone); adds a codes column.")(f)


def sample_options(f):
    """--sample, --seed, --max-per-doc: a reproducible random sample of KWIC lines."""
    opts = [
        click.option("--sample", type=click.IntRange(min=1), metavar="N",
                     help="A reproducible random sample of N lines a term (drawn before --code/--uncoded and --limit; "
                          "in the TUI the size of the sample the r key draws, default 200)."),
        click.option("--seed", type=click.IntRange(min=0), metavar="S",
                     help="The sample's seed (default 0): the same seed gives the same lines."),
        click.option("--max-per-doc", type=click.IntRange(min=1), metavar="K",
                     help="A sample takes at most K lines from one document."),
    ]
    for opt in reversed(opts):
        f = opt(f)
    return f


def search_mode_options(f):
    opts = [
        click.option("--regex", "-e", "mode", flag_value="regex", help="TERM is a regular expression on the clean text."),
        click.option("--word", "-w", "mode", flag_value="word", help="Match whole tokens only."),
        click.option("--cql", "mode", flag_value="pattern",
                     help="TERM is a token pattern: '[pos=\"v\"] \"新赛道\"' (CQP syntax, see the README)."),
        click.option("--surface", "mode", flag_value="surface", default=True,
                     help="Match the string anywhere in the clean text (default)."),
    ]
    for opt in reversed(opts):
        f = opt(f)
    return f
