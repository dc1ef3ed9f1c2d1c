"""The zsh and fish completion scripts: click's, with their defects mended.

Registered with click when imported (cli/commands.py imports it), so that click's own
`_CORPUS_COMPLETE=zsh_source` and `zsh_complete` use them; cli/shell.py writes them to
completions/ and fast_complete answers in the same formats."""

from __future__ import annotations

from click.shell_completion import FishComplete, ZshComplete, add_completion_class


class CorpusZshComplete(ZshComplete):
    """click's zsh script with three of its defects mended: `--opt=value<TAB>` kept what was
    typed before the value (compset -P moves it out of the word being replaced); `_describe`
    sorted the candidates (compadd -V keeps the order given: most frequent term first); and
    a value with a colon needed escaping for `_describe` only (compadd -d takes it as is)."""

    source_template = r"""#compdef %(prog_name)s

%(complete_func)s() {
    local -a completions shown response
    (( ! $+commands[%(prog_name)s] )) && return 1

    # --opt=value: the candidates are values; "--opt=" stays as typed
    [[ $PREFIX == --*=* ]] && compset -P '*='
    response=("${(@f)$(env COMP_WORDS="${words[*]}" COMP_CWORD=$((CURRENT-1)) %(complete_var)s=zsh_complete %(prog_name)s)}")

    for type key descr in ${response}; do
        if [[ "$type" == "plain" ]]; then
            completions+=("$key")
            if [[ "$descr" == "_" ]]; then shown+=("$key"); else shown+=("$key  -- $descr"); fi
        elif [[ "$type" == "dir" ]]; then
            _path_files -/
        elif [[ "$type" == "file" ]]; then
            _path_files -f
        fi
    done

    (( $#completions )) && compadd -U -V unsorted -l -d shown -a completions
}

if [[ $zsh_eval_context[-1] == loadautofunc ]]; then
    # autoload from fpath, call function directly
    %(complete_func)s "$@"
else
    # eval/source/. command, register function for later
    compdef %(complete_func)s %(prog_name)s
fi
"""

    def format_completion(self, item) -> str:
        return f"{item.type}\n{item.value}\n{item.help or '_'}"


class CorpusFishComplete(FishComplete):
    """click's fish script with its defects mended: a description was cut at its first comma
    (split once, not at every comma); fish sorted the candidates (--keep-order); and
    `--opt=value<TAB>` lost "--opt=" (fish replaces the whole token: it is put back)."""

    source_template = r"""function %(complete_func)s;
    set -l response (env %(complete_var)s=fish_complete COMP_WORDS=(commandline -cp) COMP_CWORD=(commandline -t) %(prog_name)s);
    set -l before (string match -r -- '^--[^=]*=' (commandline -t); or echo '');  # one item, even empty

    for completion in $response;
        set -l metadata (string split -m 1 "," $completion);

        if test $metadata[1] = "dir";
            __fish_complete_directories $metadata[2];
        else if test $metadata[1] = "file";
            __fish_complete_path $metadata[2];
        else if test $metadata[1] = "plain";
            echo $before$metadata[2];
        end;
    end;
end;

complete --no-files --keep-order --command %(prog_name)s --arguments "(%(complete_func)s)";
"""


add_completion_class(CorpusZshComplete, "zsh")
add_completion_class(CorpusFishComplete, "fish")
