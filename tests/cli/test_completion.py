"""Shell completion: click's protocol, the shipped scripts, and the three real shells.

Layer 1 speaks click's own protocol (`_CORPUS_COMPLETE=bash_complete` / `zsh_complete` with
COMP_WORDS and COMP_CWORD) through CliRunner and asserts exact candidate lists. Layer 2 checks
completions/ is what click generates today. Layer 3 runs each shell's own completion machinery
on the shipped scripts, with the venv's `corpus` on PATH and a cache holding a built index:

- bash: bash-completion's loader (`_comp_load`, `__load_completion` before 2.12) finds the script at the documented
  install place `~/.local/share/bash-completion/completions/corpus` and registers it; the test
  then sets COMP_WORDS/COMP_CWORD/COMP_LINE/COMP_POINT, calls the registered function as bash
  would (`_corpus_completion corpus CUR PREV`) and prints COMPREPLY. `compopt` only works while
  readline is completing, so it is replaced by a function that prints its arguments: that is
  how the dir/file completion types show up.
- fish: the script sits at `~/.config/fish/completions/corpus.fish` (XDG_CONFIG_HOME), fish
  autoloads it, and `complete -C "LINE"` prints what TAB would offer.
- zsh: an interactive zsh runs inside a pseudo-terminal (zsh/zpty module) with `compinit`
  and completions/ on $fpath, so compinit autoloads `_corpus` by its `#compdef corpus` line.
  The driver types LINE and TAB; `compadd` is wrapped to record every candidate the
  completion system adds (from `_describe`, plain `compadd` and `_path_files` alike), and a
  `comppostfuncs` hook marks the end of the completion. No screen scraping.

The real-shell tests skip when a shell is missing; .ci/run installs bash, zsh, fish and
bash-completion, so they run in CI.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from conftest import REPO
from corpus_tui.cli import completion
from corpus_tui.cli.commands import cli
from corpus_tui.cli.shell import SCRIPT_NAMES, SHELLS, completion_script
from corpus_tui.corpus.catalog import load_catalog

COMPLETIONS = REPO / "completions"
BIN = Path(sys.executable).parent
BASE_COMMANDS = {"completion", "index", "kwic", "list", "search", "show", "tui"}


# -- helpers ----------------------------------------------------------------------


def _comp_words(line: str) -> tuple[str, int]:
    """COMP_WORDS and COMP_CWORD as a shell passes them for the cursor at the end of LINE."""
    words = shlex.split(line)
    return line, len(words) if line.endswith(" ") else len(words) - 1


def click_complete(line: str, shell: str = "bash", **env) -> list[tuple[str, ...]]:
    """Ask click as the shell script would; returns (type, value[, help]) tuples in order."""
    words, cword = _comp_words(line)
    env = {"_CORPUS_COMPLETE": f"{shell}_complete", "COMP_WORDS": words, "COMP_CWORD": str(cword),
           "CORPUS_TUI_CORPUS": str(REPO), **env}
    result = CliRunner().invoke(cli, prog_name="corpus", env=env)
    assert result.exit_code == 0, (result.output, result.exception)
    assert result.stderr == ""
    out = result.stdout
    if shell == "bash":
        return [tuple(item.split(",", 1)) for item in out.splitlines() if item]  # none: one empty line
    lines = out.strip("\n").splitlines()  # zsh: type, value, help ("_" = none) on three lines
    return [tuple(lines[i:i + 3]) for i in range(0, len(lines), 3)]


def values(line: str, **env) -> list[str]:
    return [item[1] for item in click_complete(line, **env)]


def visible_commands() -> list[str]:
    ctx = click.Context(cli, info_name="corpus")
    return [n for n in cli.list_commands(ctx) if not cli.get_command(ctx, n).hidden]


def ids_with_prefix(prefix: str) -> list[str]:
    cat = load_catalog(REPO)
    return [x.id for x in [*cat.documents, *cat.articles] if x.id.startswith(prefix)]


@pytest.fixture()
def empty_cache(tmp_path) -> Path:
    cache = tmp_path / "empty-cache"
    cache.mkdir()
    return cache


# -- layer 1: click's protocol ------------------------------------------------------


def test_subcommands():
    got = values("corpus ")
    assert got == visible_commands()
    assert BASE_COMMANDS <= set(got)
    assert values("corpus k") == ["kwic"]


def test_options_of_kwic():
    assert values("corpus kwic --f") == ["--format"]
    opts = values("corpus kwic --")
    assert {"--format", "--sort", "--group", "--doc", "--outlet", "--corpus", "--cache-dir",
            "--userdict", "--width", "--tsv", "--json"} <= set(opts)


def test_choice_values_complete():
    assert values("corpus kwic --format ") == ["table", "tsv", "csv", "json", "jsonl"]
    assert values("corpus kwic --format j") == ["json", "jsonl"]
    assert values("corpus completion ") == ["bash", "zsh", "fish"]


def test_period_values_complete():
    assert values("corpus trend --by ") == ["year", "quarter", "month"]
    assert values("corpus first --by m") == ["month"]
    assert values("corpus trend --per ") == ["10k", "million"]
    assert values("corpus freq --by ") == ["file", "article", "outlet", "group", "year", "quarter", "month"]
    assert {"--since", "--until"} <= set(values("corpus kwic --"))


def test_sort_keys():
    from corpus_tui.query.search import SORT_KEYS

    assert completion.SORT_KEYS == SORT_KEYS  # the copy that spares query.search's import
    assert values("corpus kwic --sort 1") == ["1L", "1R", "1L1R", "1R2R", "1L2L"]


def test_ids_from_index_md():
    expected = ids_with_prefix("wlcy")
    assert len(expected) > 2
    assert values("corpus show wlcy") == expected
    assert values("corpus kwic 未来 --doc xdh-opeds-") == ids_with_prefix("xdh-opeds-")


def test_ids_carry_titles_for_zsh_and_fish():
    items = {v: h for _t, v, h in click_complete("corpus show wlcy-c", shell="zsh")}
    assert items == {"wlcy-citic": "《前瞻布局和发展未来产业》重要讲话精神学习体会 · 未来产业"}


def test_groups_and_outlets_with_chinese_prefixes():
    assert values("corpus kwic --group 未") == ["未来产业"]
    assert values("corpus search x --group ") == load_catalog(REPO).groups
    assert values("corpus kwic --outlet 光") == ["光明日报"]


def test_terms_by_chinese_prefix_most_frequent_first(seed_index):
    items = click_complete("corpus kwic 未来", shell="zsh")
    words = [v for _t, v, _h in items]
    freqs = [int(h.removeprefix("freq ")) for _t, _v, h in items]
    assert words[0] == "未来产业"
    assert all(w.startswith("未来") for w in words)
    assert freqs == sorted(freqs, reverse=True)
    vocab_freq = dict(zip(seed_index.vocab, seed_index.arrays["freq"]))
    assert all(vocab_freq[w] == f for w, f in zip(words, freqs))
    # the second term, and search takes terms too
    assert values("corpus kwic 未来产业 新赛")[0] == "新赛道"
    assert values("corpus search 新质")[0] == "新质生产力"


def test_terms_empty_prefix_is_the_most_frequent_words(seed_index):
    got = values("corpus kwic ")
    assert 0 < len(got) <= completion.MAX_TERMS
    assert all(any(ch.isalnum() for ch in w) for w in got)  # no punctuation


def test_terms_honour_cache_dir_option(seed_index, session_cache, empty_cache):
    assert values("corpus kwic 未来", CORPUS_TUI_CACHE=str(empty_cache)) == []
    got = values(f"corpus kwic --cache-dir {session_cache} 未来", CORPUS_TUI_CACHE=str(empty_cache))
    assert got[0] == "未来产业"


def test_no_index_no_terms_no_error_and_nothing_built(empty_cache):
    assert click_complete("corpus kwic 未来", CORPUS_TUI_CACHE=str(empty_cache)) == []
    assert list(empty_cache.iterdir()) == []  # completion never builds an index


@pytest.mark.parametrize("pointer", [b"", b"../../etc\n\xe6\x9c\xaa\xe6\x9d\xa5\t3\n", b"nosuchkey\n\xe6\x9c\xaa\xe6\x9d\xa5\t3\n",
                                     b"\xff\xfe\n", b".hidden\n"])
def test_broken_pointer_gives_no_terms(tmp_path, pointer):
    from corpus_tui.index.open import pointer_path

    cache = tmp_path / "cache"
    (cache / "index").mkdir(parents=True)
    pointer_path(cache, REPO).write_bytes(pointer)
    assert completion.latest_index_folder(REPO, cache) is None
    assert click_complete("corpus kwic 未来", CORPUS_TUI_CACHE=str(cache)) == []


def test_pointer_to_a_removed_index_gives_no_terms(tmp_path, seed_index, session_cache):
    cache = tmp_path / "cache"
    shutil.copytree(session_cache / "index", cache / "index")
    assert click_complete("corpus kwic 未来", CORPUS_TUI_CACHE=str(cache)) != []
    folder = completion.latest_index_folder(REPO, cache)
    os.remove(os.path.join(folder, "meta.json"))
    assert click_complete("corpus kwic 未来", CORPUS_TUI_CACHE=str(cache)) == []


def test_pointer_lists_the_printable_terms_of_the_index_with_their_frequencies(seed_index, session_cache):
    from corpus_tui.index.open import pointer_path

    lines = pointer_path(session_cache, REPO).read_text("utf-8").split("\n")
    freq = seed_index.arrays["freq"]
    expected = sorted((w, freq[i]) for i, w in enumerate(seed_index.vocab)
                      if w.isprintable() and any(c.isalnum() for c in w) and not w.isdigit())
    assert lines[0] == seed_index.key and lines[-1] == ""
    assert [(w, int(f)) for w, _, f in (ln.rpartition("\t") for ln in lines[1:-1])] == expected
    assert lines[1:-1] == sorted(lines[1:-1])


def test_pointer_agrees_with_core_index(seed_index, session_cache):
    from corpus_tui.index.open import latest_index_folder

    assert completion.latest_index_folder(REPO, session_cache) == str(latest_index_folder(REPO, session_cache))
    assert completion.latest_index_folder(REPO, session_cache) is not None


def test_missing_corpus_gives_nothing(tmp_path):
    assert click_complete(f"corpus show --corpus {tmp_path / 'nope'} w") == []
    assert click_complete(f"corpus kwic --corpus {tmp_path / 'nope'} 未") == []


def test_callbacks_never_print(capsys):
    ctx = click.Context(cli, info_name="corpus")
    assert completion.complete("no-such-kind", ctx, "x") == []
    assert completion.complete("ids", ctx, "wlcy") != []
    assert capsys.readouterr() == ("", "")


def test_paths_complete_as_dir_and_file():
    assert click_complete("corpus kwic --corpus ") == [("dir", "")]
    assert click_complete("corpus index --cache-dir /t") == [("dir", "/t")]
    assert click_complete("corpus kwic --userdict ") == [("file", "")]


PROBE = """
import runpy, sys
sys.argv = ["corpus"]
try:
    runpy.run_module("corpus_tui", run_name="__main__")
except SystemExit:
    pass
sys.stderr.write("\\nMODULES=" + ",".join(sorted(sys.modules)) + "\\n")
"""


def test_completion_imports_nothing_heavy(seed_index, session_cache):
    """A TAB never imports jieba, rich or textual, nor the index/query/tokenizer modules.

    Checked in a fresh interpreter through sys.modules (`-X importtime` misses modules loaded
    by importlib.import_module, which is how cli.py loads its command modules).
    """
    env = {**os.environ, "CORPUS_TUI_CACHE": str(session_cache), "CORPUS_TUI_CORPUS": str(REPO),
           "_CORPUS_COMPLETE": "bash_complete"}
    for line in ("corpus kwic 未来", "corpus show wlcy", "corpus kwic --sort ", "corpus kwic --group 未", "corpus "):
        words, cword = _comp_words(line)
        proc = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=60,
                              env={**env, "COMP_WORDS": words, "COMP_CWORD": str(cword)})
        assert proc.returncode == 0, proc.stderr
        rows = proc.stdout.splitlines()
        assert rows and all(row.startswith(("plain,", "dir,", "file,")) for row in rows), (line, rows)
        loaded = set(proc.stderr.rsplit("MODULES=", 1)[1].strip().split(","))
        assert "corpus_tui.cli.completion" in loaded or line == "corpus "
        assert not {m.split(".")[0] for m in loaded} & {"jieba", "rich", "textual"}, line
        assert not loaded & {"corpus_tui.index.saved", "corpus_tui.query.search", "corpus_tui.tokens.tokenizer"}, line


# -- layer 2: the shipped scripts ---------------------------------------------------


@pytest.mark.parametrize("shell", SHELLS)
def test_shipped_scripts_are_current(shell):
    shipped = (COMPLETIONS / SCRIPT_NAMES[shell]).read_text(encoding="utf-8")
    assert shipped == completion_script(cli, shell), "completions/ is stale: run completions/generate.sh"


@pytest.mark.parametrize("shell", SHELLS)
def test_completion_command_prints_what_click_prints(shell):
    runner = CliRunner()
    ours = runner.invoke(cli, ["completion", shell], prog_name="corpus")
    clicks = runner.invoke(cli, [], prog_name="corpus", env={"_CORPUS_COMPLETE": f"{shell}_source"})
    assert ours.exit_code == clicks.exit_code == 0
    assert ours.stdout == clicks.stdout == completion_script(cli, shell)
    assert "_CORPUS_COMPLETE" in ours.stdout


def test_completion_command_help_says_where_to_install():
    out = CliRunner().invoke(cli, ["completion", "--help"], prog_name="corpus").stdout
    for place in ("~/.local/share/bash-completion/completions/corpus", "_corpus", "fpath",
                  "~/.config/fish/completions/corpus.fish"):
        assert place in out
    bad = CliRunner().invoke(cli, ["completion", "tcsh"], prog_name="corpus")
    assert bad.exit_code == 2


# -- layer 3: real shells --------------------------------------------------------------


def _need(shell: str) -> str:
    path = shutil.which(shell)
    if path is None:
        pytest.skip(f"{shell} is not installed (.ci/run installs bash, zsh, fish and bash-completion)")
    return path


@pytest.fixture()
def shell_home(tmp_path, seed_index, session_cache):
    """A HOME with the scripts at their install places, a cwd with one dir and one file, an env."""
    home = tmp_path / "home"
    for dest, shell in ((home / ".local/share/bash-completion/completions/corpus", "bash"),
                        (home / ".config/fish/completions/corpus.fish", "fish"),
                        (home / "zfunc/_corpus", "zsh")):
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(COMPLETIONS / SCRIPT_NAMES[shell], dest)
    work = tmp_path / "work"
    (work / "adir").mkdir(parents=True)
    (work / "afile.txt").write_text("x\n", encoding="utf-8")
    env = {
        "PATH": os.pathsep.join([str(BIN), "/usr/local/bin", "/usr/bin", "/bin"]),
        "HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config"), "XDG_DATA_HOME": str(home / ".local/share"),
        "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TERM": "xterm",
        "CORPUS_TUI_CACHE": str(session_cache), "CORPUS_TUI_CORPUS": str(REPO),
    }
    return home, work, env


def _run(argv, env, cwd, **kw) -> str:
    proc = subprocess.run(argv, env=env, cwd=cwd, capture_output=True, text=True, timeout=60, **kw)
    assert proc.returncode == 0, (argv, proc.stdout, proc.stderr)
    return proc.stdout


BASH_DRIVER = r"""
source /usr/share/bash-completion/bash_completion
if declare -F _comp_load >/dev/null; then _comp_load corpus; else __load_completion corpus; fi  # 2.12+ / 2.11
complete -p corpus 2>/dev/null | grep -q -- '-F _corpus_completion corpus$' || { echo "bash-completion did not load corpus" >&2; exit 7; }
compopt() { local IFS=' '; printf 'compopt %%s\n' "$*"; }  # readline-only builtin; show its use
COMP_WORDS=(%(words)s)
COMP_CWORD=%(cword)d
COMP_LINE=%(line)s
COMP_POINT=${#COMP_LINE}
COMPREPLY=()
_corpus_completion corpus "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
printf '%%s\n' "${COMPREPLY[@]}"
"""


def bash_complete(line: str, shell_home) -> list[str]:
    bash = _need("bash")
    if not Path("/usr/share/bash-completion/bash_completion").is_file():
        pytest.skip("bash-completion is not installed (.ci/run installs it)")
    _home, work, env = shell_home
    words = shlex.split(line) + ([""] if line.endswith(" ") else [])
    script = BASH_DRIVER % {"words": " ".join(shlex.quote(w) for w in words), "cword": len(words) - 1,
                            "line": shlex.quote(line)}
    return [x for x in _run([bash, "--norc", "--noprofile", "-c", script], env, work).splitlines() if x]


def fish_complete(line: str, shell_home) -> list[str]:
    fish = _need("fish")
    _home, work, env = shell_home
    # no `source`: fish autoloads ~/.config/fish/completions/corpus.fish on first use
    out = _run([fish, "-c", f"complete -C {shlex.quote(line)}"], env, work)
    return [row.split("\t", 1)[0] for row in out.splitlines() if row]


ZSH_RC = r"""
# Interactive zsh inside the pty: compinit with the shipped _corpus on fpath; every
# candidate the completion system adds is recorded by a compadd wrapper.
PS1='> '
fpath=("$CORPUS_ZSH_FPATH" $fpath)
autoload -Uz compinit && compinit -u -D
compadd() {
  local -a __opts=("${(@)argv[1,${argv[(i)--]}-1]}")
  if (( ${__opts[(I)-[OAD]*]} )); then builtin compadd "$@"; return; fi  # a query, not an offer
  local -a __hits
  builtin compadd -A __hits "$@"
  (( $#__hits )) && print -rl -- "${(@)__hits/#/$IPREFIX}" >> "$CORPUS_ZSH_OUT"  # as inserted
  builtin compadd "$@"
}
_corpus_capture_done() { : >| "$CORPUS_ZSH_OUT.done"; }
comppostfuncs=(_corpus_capture_done)
bindkey '^I' complete-word
: >| "$CORPUS_ZSH_OUT.ready"
"""

ZSH_DRIVER = r"""
# zsh -f drive.zsh LINE: run an interactive zsh in a pseudo-terminal, type LINE and TAB,
# wait for the end of completion (comppostfuncs), print the recorded candidates.
zmodload zsh/zpty zsh/zselect || exit 3
local line=$1 out=$CORPUS_ZSH_OUT chunk
rm -f -- $out $out.ready $out.done
zpty z zsh -d -i
integer i=0
while (( i++ < 600 )) && [[ ! -e $out.ready ]]; do zpty -rt z chunk; zselect -t 5; done
[[ -e $out.ready ]] || { print -u2 "zsh did not start"; zpty -d z; exit 4 }
zpty -w -n z "$line"$'\t'
i=0
while (( i++ < 1200 )) && [[ ! -e $out.done ]]; do zpty -rt z chunk; zselect -t 5; done
zpty -d z
[[ -e $out.done ]] || { print -u2 "completion did not finish"; exit 5 }
[[ -e $out ]] && cat -- $out
exit 0
"""


def zsh_complete(line: str, shell_home) -> list[str]:
    zsh = _need("zsh")
    home, work, env = shell_home
    zdot = home / "zdot"
    zdot.mkdir(exist_ok=True)
    (zdot / ".zshrc").write_text(textwrap.dedent(ZSH_RC), encoding="utf-8")
    driver = home / "drive.zsh"
    driver.write_text(ZSH_DRIVER, encoding="utf-8")
    env = {**env, "ZDOTDIR": str(zdot), "CORPUS_ZSH_FPATH": str(home / "zfunc"), "CORPUS_ZSH_OUT": str(home / "zsh-out")}
    out = _run([zsh, "-f", str(driver), line], env, work)
    return list(dict.fromkeys(x for x in out.splitlines() if x))


SHELL_DRIVERS = {"bash": bash_complete, "zsh": zsh_complete, "fish": fish_complete}


@pytest.mark.parametrize("shell", SHELLS)
def test_real_shell_subcommands_options_ids_terms(shell, shell_home):
    run = SHELL_DRIVERS[shell]
    assert sorted(run("corpus ", shell_home)) == sorted(visible_commands())
    assert run("corpus kwic --f", shell_home) == ["--format"]
    assert run("corpus kwic --format j", shell_home) == ["json", "jsonl"]
    got_ids = run("corpus show wlcy", shell_home)
    assert sorted(got_ids) == sorted(ids_with_prefix("wlcy"))
    assert run("corpus kwic --group 未", shell_home) == ["未来产业"]
    terms = run("corpus kwic 未来", shell_home)
    assert "未来产业" in terms and all(t.startswith("未来") for t in terms), terms
    assert sorted(terms) == sorted(values("corpus kwic 未来"))
    # bash: `complete -o nosort`; zsh: compadd -V; fish: --keep-order: most frequent first
    assert terms[0] == "未来产业"
    assert got_ids == ids_with_prefix("wlcy")


@pytest.mark.parametrize("shell", SHELLS)
def test_real_shell_option_equals_value_keeps_what_was_typed(shell, shell_home):
    run = SHELL_DRIVERS[shell]
    got = run("corpus kwic --doc=xsd-jiangxi-", shell_home)
    expected = [i for i in ids_with_prefix("xsd-jiangxi-")]
    # bash breaks words at "=" itself (COMP_WORDBREAKS) and replaces only the value
    assert got == (expected if shell == "bash" else [f"--doc={i}" for i in expected])


@pytest.mark.parametrize("shell", ["zsh", "fish"])
def test_real_shell_diff_sides_and_terms(shell, shell_home):
    run = SHELL_DRIVERS[shell]
    assert run("corpus diff --a gr", shell_home) == ["group="]
    assert run("corpus diff --b group=未", shell_home) == ["group=未来产业"]
    assert run("corpus diff --a group=新赛道,未", shell_home) == ["group=新赛道,未来产业"]
    assert run("corpus diff --terms 新赛", shell_home)[0] == "新赛道"


@pytest.mark.parametrize("shell", SHELLS)
def test_real_shell_paths(shell, shell_home):
    run = SHELL_DRIVERS[shell]
    dirs = run("corpus kwic --corpus a", shell_home)
    files = run("corpus kwic --userdict a", shell_home)
    if shell == "bash":  # the script hands paths to readline: compopt -o dirnames / -o default
        assert dirs == ["compopt -o dirnames"]
        assert files == ["compopt -o default"]
    else:
        assert [d.rstrip("/") for d in dirs] == ["adir"]
        assert sorted(f.rstrip("/") for f in files) == ["adir", "afile.txt"]


def test_same_texts_in_another_folder_complete_terms_after_first_use(tmp_path, seed_index, session_cache):
    """A fresh clone finds the index its texts already have (the key ignores the path), so
    no build runs there; its first command must still leave the pointer TAB reads."""
    from corpus_tui.corpus.options import CorpusOptions
    from corpus_tui.index.open import open_index

    clone = tmp_path / "clone"
    shutil.copytree(REPO / "seeds", clone / "seeds")
    shutil.copy2(REPO / "INDEX.md", clone / "INDEX.md")
    env = {"CORPUS_TUI_CORPUS": str(clone)}
    assert values("corpus kwic 未来", **env) == []  # nothing has run in the clone yet
    idx = open_index(CorpusOptions(corpus=str(clone), cache_dir=str(session_cache)))
    assert idx.path == seed_index.path  # the existing index, not a new build
    assert values("corpus kwic 未来", **env)[0] == "未来产业"


HOSTILE_TITLES = ("| id | file | title | group |\n|---|---|---|---|\n"
                  "| t1 | a.txt | 甲\x1b]0;pwned\x07乙 | g |\n| t2 | b.txt | 丙, 丁, 戊 | g |\n")


@pytest.fixture()
def titled_corpus(tmp_path):
    root = tmp_path / "titled"
    root.mkdir()
    (root / "INDEX.md").write_text(HOSTILE_TITLES, encoding="utf-8")
    for name in ("a.txt", "b.txt"):
        (root / name).write_text("新赛道。\n", encoding="utf-8")
    return root


@pytest.mark.parametrize("shell", SHELLS)
def test_titles_reach_the_shell_without_control_characters(shell, titled_corpus, session_cache):
    env = {**os.environ, "_CORPUS_COMPLETE": f"{shell}_complete", "CORPUS_TUI_CORPUS": str(titled_corpus),
           "CORPUS_TUI_CACHE": str(session_cache), "COMP_WORDS": "corpus show t", "COMP_CWORD": "2" if shell != "fish" else "t"}
    for extra in ({}, {"CORPUS_TUI_CLICK_ONLY": "1"}):  # the fast answer and click's
        out = subprocess.run([str(BIN / "corpus")], env={**env, **extra}, capture_output=True, text=True).stdout
        assert "\x1b" not in out and "\x07" not in out
        if shell != "bash":  # bash shows no descriptions
            assert "甲␛]0;pwned␇乙 · g" in out


def test_fish_shows_a_description_with_commas_whole(shell_home, titled_corpus):
    fish = _need("fish")
    _home, work, env = shell_home
    out = _run([fish, "-c", "complete -C 'corpus show t2'"], {**env, "CORPUS_TUI_CORPUS": str(titled_corpus)}, work)
    assert out.splitlines() == ["t2\t丙, 丁, 戊 · g"]
