"""Every regular expression, compile and match, is bounded in time and memory
(query/regex_match.py; docs/RELIABILITY.md, C): past a bound one error line and exit 2,
and the results within the bounds are those of the `regex` module itself."""

from __future__ import annotations

import os
import threading

import pytest
import regex

from corpus_tui.query import regex_match, search
from corpus_tui.query.search import QueryError, find
from reliability_support import cli_path, one_line, run  # noqa: F401

pytestmark = pytest.mark.usefixtures("cli_path")

NESTED = "(?:(?:(?:a{100}){100}){100}){100}"


def no_child_left() -> bool:
    try:
        return os.waitpid(-1, os.WNOHANG) == (0, 0) and False
    except ChildProcessError:
        return True


@pytest.mark.parametrize("pattern, size", [("a{1000000000}", "1,000,000,000"), (NESTED, "100,000,000"),
                                           ("(?:x{1000}){1000}", "1,000,000")])
def test_a_pattern_that_would_take_all_memory_to_compile_is_refused_first(fixture_corpus, session_cache,
                                                                           pattern, size):
    result = run(["kwic", pattern, "--regex"], fixture_corpus, session_cache)
    assert result.exit_code == 2 and result.stdout == ""
    assert one_line(result) == (f"regular expression {pattern!r} expands to about {size} items "
                                "(counted repeats multiply); at most 100,000: simplify it")


def test_expansion_counts_repeats_of_groups_and_classes():
    assert regex_match.expansion("未来产业") == 4
    assert regex_match.expansion("a{3}b") == 4
    assert regex_match.expansion("[a-z{]{10}") == 10
    assert regex_match.expansion(r"\d{2,5}") == 5
    assert regex_match.expansion("x{,7}") == 7
    assert regex_match.expansion("a{b}") == 4  # not a repeat: literal braces
    assert regex_match.expansion("(?:ab){3}(?P<x>c){2}(?<=d)") == 9


def test_a_long_literal_is_stopped_by_the_time_limit(seed_index, monkeypatch):
    """10 000 characters: it ran past 60 s on the bundled corpus, the regex module's own
    timeout= never firing."""
    monkeypatch.setattr(search, "REGEX_TIMEOUT", 0.2)
    pattern = "产" * 10_000
    for args in (["kwic", pattern, "--regex"], ["kwic", pattern, "--regex", "--count"], ["search", pattern, "-e"]):
        result = run(args)
        assert result.exit_code == 2
        assert one_line(result) == f"regular expression {pattern[:57] + '...'!r} took longer than 0.2 s; simplify it"
    assert no_child_left()


def test_matching_past_the_memory_bound_is_one_error(fixture_corpus, session_cache, cli_path):
    """The bound is what the child maps beyond what it held when it began: a small process,
    as `corpus` is (a test process holds freed memory it could reuse). MEMORY lowered to
    8 MB; compiling a{90000} takes about 25 MB."""
    import subprocess
    import sys

    code = ("import sys; from corpus_tui.query import regex_match; regex_match.MEMORY = 8 << 20\n"
            "from corpus_tui.cli.entry import main; sys.argv[0] = 'corpus'; main()")
    env = dict(os.environ, CORPUS_TUI_CACHE=str(session_cache))
    env.pop("CORPUS_TUI_CLICK_ONLY", None)
    if cli_path == "click":
        env["CORPUS_TUI_CLICK_ONLY"] = "1"
    for extra in ([], ["--count"]):
        r = subprocess.run([sys.executable, "-c", code, "kwic", "a{90000}", "--regex", *extra, "--corpus",
                            str(fixture_corpus)], capture_output=True, text=True, env=env, timeout=120)
        assert r.returncode == 2 and r.stdout == ""
        assert r.stderr == "corpus: error: regular expression 'a{90000}' needs more than 8 MB of memory; simplify it\n"


def test_the_memory_bound_holds_in_a_started_child_too(seed_index, monkeypatch):
    monkeypatch.setattr(regex_match, "MEMORY", 8 << 20)
    raised = []

    def work():
        try:
            list(find(seed_index, "a{90000}", "regex"))
        except QueryError as exc:
            raised.append(str(exc))

    t = threading.Thread(target=work)
    t.start()
    t.join()
    assert raised == ["regular expression 'a{90000}' needs more than 8 MB of memory; simplify it"]


@pytest.mark.parametrize("threaded", [False, True], ids=["forked", "started"])
def test_matches_equal_the_regex_module_and_no_child_is_left(seed_index, threaded):
    spans = [(0, seed_index.n_chars)]
    expected = [m.span() for m in regex.compile("未来.{0,3}业|新[^，。]{1,4}", regex.VERSION0).finditer(seed_index.text)]
    got: list = []

    def work():
        got.extend(find(seed_index, "未来.{0,3}业|新[^，。]{1,4}", "regex", spans=spans))

    if threaded:  # another thread runs: the child is a fresh interpreter, as in the TUI
        t = threading.Thread(target=work)
        t.start()
        t.join()
    else:
        work()
    assert got == expected and len(got) > 300
    stopped = find(seed_index, ".", "regex", spans=spans)
    assert next(stopped) == (0, 1)
    stopped.close()  # a reader that stops early (kwic --limit) ends the child
    assert no_child_left()


def test_invalid_patterns_keep_their_message(seed_index):
    with pytest.raises(QueryError, match=r"^invalid regular expression '新\(赛': missing \) at position 3$"):
        list(find(seed_index, "新(赛", "regex"))


def test_a_token_pattern_regex_is_checked_before_it_compiles(fixture_corpus, session_cache):
    result = run(["kwic", '[word="a{1000000000}"]', "--cql"], fixture_corpus, session_cache)
    assert result.exit_code == 2
    assert one_line(result).endswith("regular expression 'a{1000000000}' expands to about 1,000,000,000 items "
                                     "(counted repeats multiply); at most 100,000: simplify it")
