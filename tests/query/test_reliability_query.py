"""Bad input, part 2: queries and options, hostile text (docs/RELIABILITY.md, sections C and D).

Every failure is exit 2 and one `corpus: error:` line; hostile corpus text comes out
literally in every command and format, with no raw terminal control anywhere in stdout or
stderr; a 10 MB single line never comes out whole.
"""

from __future__ import annotations

import json

import pytest

from corpus_tui.cells import cell_len
from reliability_support import RAW_CONTROL, cli_path, no_traceback, one_line, run, tsv_rows, warnings_of  # noqa: F401 (cli_path: fixture)

from conftest import write_fixture

# Every CLI check runs through click and through fastcli (see tests/clipaths.py).
pytestmark = pytest.mark.usefixtures("cli_path")


@pytest.fixture(scope="module")
def fx(tmp_path_factory):
    root = write_fixture(tmp_path_factory.mktemp("q-fixture"))
    cache = tmp_path_factory.mktemp("q-cache")
    assert run(["index"], root, cache).exit_code == 0
    return root, cache


ERRORS = [
    (["kwic", ""], "empty query: give a term to search for"),
    (["kwic", "   "], "empty query: give a term to search for"),
    (["search", "\t"], "empty query: give a term to search for"),
    (["kwic", "\u200b"], "query '\\u200b' is empty once invisible characters are removed"),
    (["search"], "give a TERM or --terms-from FILE"),
    (["kwic", "新(赛", "--regex"], "invalid regular expression '新(赛': missing ) at position 3"),
    (["kwic", "[", "-e"], "invalid regular expression '[': unterminated character set at position 1"),
    (["kwic", "新赛道", "--doc", "nope"], "unknown document or article id 'nope'; known: alpha, beta, beta-1, beta-2"),
    (["kwic", "新赛道", "--group", "nope"], "unknown group 'nope'; known: 新赛道, 未来产业"),
    (["search", "新赛道", "--outlet", "nope"], "unknown outlet 'nope'; known: 丙报, 乙刊, 甲报"),
    (["show", "nope"], "unknown document or article id 'nope'; known: alpha, beta, beta-1, beta-2"),
    (["freq", "--doc", "beta-9"], "unknown document or article id 'beta-9'; known: alpha, beta, beta-1, beta-2"),
    (["kwic", "新赛道", "--width", "5", "--tokens", "3"], "--width and --tokens exclude each other"),
    (["kwic", "新赛道", "--sort", "9X"], "unknown --sort '9X'; choose from doc, 1L, 2L, 3L, 1R, 2R, 3R, 1L1R, 1R2R, 1L2L, node"),
    (["freq", "--stopwords", "x.txt", "--no-stopwords"], "--stopwords and --no-stopwords exclude each other"),
    (["cooc"], "give a NODE (or TERMs with --matrix)"),
    (["diff"], "give --a KEY=V (and optionally --b), --ref DIR|FILE, or --terms TERM1 TERM2"),
    (["diff", "--a", "colour=red"], "--a takes doc=ID, group=G or outlet=O (comma lists allowed), or since=DATE, "
                                      "until=DATE; not 'colour=red'"),
    (["diff", "--terms", "新赛道", "未来产业", "--a", "doc=alpha"], "--terms and --a/--b exclude each other"),
    (["kwic", "新赛道", "--format", "xml"],
     "Invalid value for '--format' / '-f': 'xml' is not one of 'table', 'tsv', 'csv', 'json', 'jsonl'. "
     "(see 'corpus kwic --help')"),
    (["kwic", "新赛道", "--limit", "-1"], "Invalid value for '--limit': -1 is not in the range x>=1. (see 'corpus kwic --help')"),
    (["show"], "Missing argument 'ID'. (see 'corpus show --help')"),
    (["lst"], "No such command 'lst'. Did you mean 'list'? (see 'corpus --help')"),
    (["kwic", "新赛道", "--bogus"], "No such option '--bogus'. Did you mean '--corpus'? (see 'corpus kwic --help')"),
    (["kwic", "新赛道", "--sort", "\x1b[2J\u202e"],
     "unknown --sort '\\x1b[2J\\u202e'; choose from doc, 1L, 2L, 3L, 1R, 2R, 3R, 1L1R, 1R2R, 1L2L, node"),
    (["show", "\x1b]0;owned\x07"], "unknown document or article id '\\x1b]0;owned\\x07'; known: alpha, beta, beta-1, beta-2"),
]


@pytest.mark.parametrize("args,message", ERRORS, ids=[" ".join(a) for a, _ in ERRORS])
def test_usage_errors_are_one_line_exit_2(fx, args, message):
    root, cache = fx
    result = run([args[0], *args[1:]], root if args[0] != "lst" else None, cache if args[0] != "lst" else None)
    assert result.exit_code == 2
    assert one_line(result) == message
    assert result.stdout == ""
    assert not RAW_CONTROL.search(result.stderr)


def test_line_past_the_end_is_one_line(fx):
    root, cache = fx
    result = run(["show", "alpha", "--line", "99"], root, cache)
    assert result.exit_code == 2 and result.stdout == ""
    msg = one_line(result)
    assert msg.startswith("alpha has ") and msg.endswith(" lines; --line 99 is past its end")


def test_click_usage_error_of_the_group_is_one_line():
    result = run(["--bogus"])
    assert result.exit_code == 2
    # the group takes the corpus options (corpus --corpus DIR kwic X), so click suggests the nearest
    assert one_line(result) == "No such option '--bogus'. Did you mean '--corpus'? (see 'corpus --help')"


def test_catastrophic_regex_stops_with_a_message(fx, monkeypatch):
    """`(产|产)+$` backtracks exponentially on 30 产; the `regex` module's timeout stops it."""
    import corpus_tui.query.search as query

    monkeypatch.setattr(query, "REGEX_TIMEOUT", 0.2)  # the real limit is 2 s; same code path
    root, cache = fx
    catroot = root.parent / "q-cat"
    catroot.mkdir(exist_ok=True)
    (catroot / "cat.txt").write_text("产" * 30 + "品。\n", encoding="utf-8")
    for cmd in (["kwic"], ["search"], ["kwic", "--count"]):
        result = run([cmd[0], "(产|产)+$", "--regex", *cmd[1:]], catroot, cache)
        assert result.exit_code == 2, result.stderr
        assert one_line(result) == "regular expression '(产|产)+$' took longer than 0.2 s; simplify it"
        assert result.stdout == ""


def test_query_longer_than_any_text_is_not_found(fx):
    root, cache = fx
    result = run(["kwic", "新赛道" * 5000, "--tsv"], root, cache)
    assert result.exit_code == 1
    assert result.stdout == "term\tdoc\tarticle\tfile\tline\tcolumn\tstart\tend\tleft\tnode\tright\tlocation\n"
    assert result.stderr == ""
    search = run(["search", "新赛道" * 5000, "--count", "--tsv"], root, cache)
    assert search.exit_code == 1 and search.stderr == ""


def test_control_characters_in_the_query(fx):
    root, cache = fx
    for q in ("\x1b[31m", "\x07", "新\x00赛"):
        for fmt in ("table", "tsv", "json"):
            result = run(["kwic", q, "-f", fmt, "--meta"], root, cache)
            assert result.exit_code == 1, (q, result.stderr)
            no_traceback(result)
            assert not RAW_CONTROL.search(result.stdout + result.stderr)


# --------------------------------------------------------------------------- hostile text

HOSTILE = ("开头[bold]粗[/]与[link=https://evil.example]链接[/link]，"
           "\x1b[31m红\x1b[0m\x1b]0;owned\x07\x1b]8;;https://evil.example\x1b\\点\x1b]8;;\x1b\\"
           "\x9b2J新赛道\u202eabc\u202c\u2066x\u2069未来\u200b产业\u200f在这里。\n"
           "第二行[red]新赛道[/red]\x08\x7f结束。\n")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    (root / "h.txt").write_text(HOSTILE, encoding="utf-8")
    (root / "INDEX.md").write_text(
        "# hostile\n\n## Files\n\n| id | file | title | outlet | group |\n|---|---|---|---|---|\n"
        "| h | h.txt | [bold]标题[/]\x1b[5m | [i]源\u202e | 组 |\n"
        "| gone | \x1b[2Jgone.txt | x | y | z |\n", encoding="utf-8")
    cache = tmp_path_factory.mktemp("hostile-cache")
    assert run(["index"], root, cache).exit_code == 0
    return root, cache


HOSTILE_COMMANDS = [
    ["list"], ["search", "新赛道"], ["search", "[bold]"], ["kwic", "新赛道"], ["kwic", "[bold]"],
    ["kwic", "\x1b[31m"], ["kwic", "新赛道", "--tokens", "3"], ["freq", "--keep-punct", "--keep-numbers", "--no-stopwords"],
    ["freq", "--ngram", "2", "--keep-punct", "--no-stopwords"], ["cooc", "新赛道", "--min-freq", "1"],
    ["cooc", "--matrix", "新赛道", "未来"], ["diff", "--terms", "新赛道", "未来", "--min-freq", "1"],
]


@pytest.mark.parametrize("fmt", ["table", "tsv", "csv", "json", "jsonl"])
@pytest.mark.parametrize("args", HOSTILE_COMMANDS, ids=[" ".join(a) for a in HOSTILE_COMMANDS])
def test_hostile_text_never_reaches_the_terminal_raw(hostile, args, fmt):
    root, cache = hostile
    result = run([*args, "-f", fmt, "--meta"], root, cache)
    assert result.exit_code in (0, 1), result.stderr
    assert warnings_of(result) == ["INDEX.md:8: gone: file ␛[2Jgone.txt is listed but missing; row left out"]
    assert not RAW_CONTROL.search(result.stdout), [c for c in result.stdout if RAW_CONTROL.match(c)]
    assert not RAW_CONTROL.search(result.stderr)
    if fmt == "json":  # --meta: one document {"_meta": ..., "rows": [...]}, escaped, still valid JSON
        assert {"_meta", "rows"} <= set(json.loads(result.stdout))
    if fmt == "jsonl":
        meta, rest = result.stdout.split("\n", 1)  # --meta: a leading {"_meta": ...} record
        assert "_meta" in json.loads(meta)
        for line in rest.splitlines():
            json.loads(line)  # escaped, still valid JSON that round-trips the text


@pytest.mark.parametrize("raw", [False, True])
def test_hostile_text_shown_literally_by_show(hostile, raw):
    root, cache = hostile
    result = run(["show", "h", *(["--raw"] if raw else [])], root, cache)
    assert result.exit_code == 0
    assert not RAW_CONTROL.search(result.stdout)
    out = result.stdout
    assert "[bold]粗[/]与[link=https://evil.example]链接[/link]" in out
    if raw:
        assert "␛[31m红␛[0m␛]0;owned␇" in out and "<U+009B>2J" in out
    else:  # escape sequences are no text: the clean view drops them (issue 16, point 6)
        assert "，红点新赛道" in out and "␛" not in out and "<U+009B>" not in out
    assert "<U+202E>abc<U+202C>" in out
    assert "第二行[red]新赛道[/red]␈\u2421结束。" in out


def test_hostile_text_round_trips_exactly_in_json(hostile):
    """JSON escapes controls (\\u001b, \\u009b, \\u202e) yet decodes to the exact corpus text."""
    root, cache = hostile
    result = run(["kwic", "新赛道", "--json", "--width", "200"], root, cache)
    rows = json.loads(result.stdout)
    first = rows[0]
    assert first["left"].endswith("[/link]，红点")  # the escape sequences are gone from the clean text
    assert first["right"].startswith("\u202eabc\u202c\u2066x\u2069未来产业\u200f在这里。")  # ZWSP folded out
    listing = json.loads(run(["list", "--json"], root, cache).stdout)
    assert (listing[0]["title"], listing[0]["outlet"]) == ("[bold]标题[/]\x1b[5m", "[i]源\u202e")


def test_hostile_text_tsv_and_table_use_visible_escapes(hostile):
    root, cache = hostile
    tsv = tsv_rows(run(["list", "--tsv"], root, cache).stdout)
    assert tsv[0]["title"] == "[bold]标题[/]\\x1b[5m" and tsv[0]["outlet"] == "[i]源\\u202e"
    table = run(["list"], root, cache).stdout
    assert "[bold]标题[/]␛[5m" in table


# --------------------------------------------------------------------------- a 10 MB line

@pytest.fixture(scope="module")
def long_line(tmp_path_factory):
    """One 10 MB line (no sentence end) with two hits. Dashes: jieba cuts them fast (~3 s in all)."""
    root = tmp_path_factory.mktemp("longline")
    half = "—" * (10_000_000 // 2 // 3)
    (root / "long.txt").write_text(half + "新赛道" + half + "新赛道\n", encoding="utf-8")
    (root / "INDEX.md").write_text("## Files\n\n| id | file |\n|---|---|\n| long | long.txt |\n", encoding="utf-8")
    assert (root / "long.txt").stat().st_size >= 10_000_000
    cache = tmp_path_factory.mktemp("longline-cache")
    assert run(["index"], root, cache).exit_code == 0
    return root, cache


@pytest.mark.parametrize("fmt", ["table", "tsv", "csv", "json", "jsonl"])
def test_ten_mb_line_kwic_is_bounded_by_the_width(long_line, fmt):
    root, cache = long_line
    result = run(["kwic", "新赛道", "--width", "20", "-f", fmt], root, cache)
    assert result.exit_code == 0 and result.stderr == ""
    assert len(result.stdout) < 2000
    assert max(cell_len(l) for l in result.stdout.splitlines()) <= 300  # 2 x 20 cells + columns
    if fmt == "tsv":
        rows = tsv_rows(result.stdout)
        assert [(cell_len(r["left"]), r["node"], cell_len(r["right"])) for r in rows] == [(20, "新赛道", 20), (20, "新赛道", 0)]


@pytest.mark.parametrize("fmt", ["table", "tsv", "json"])
def test_ten_mb_line_search_sentence_is_cropped(long_line, fmt):
    root, cache = long_line
    result = run(["search", "新赛道", "-f", fmt], root, cache)
    assert result.exit_code == 0 and result.stderr == ""
    assert len(result.stdout) < 3000
    if fmt == "tsv":
        (row,) = tsv_rows(result.stdout)  # one sentence (the whole line) holding both hits
        assert len(row["sentence"]) == 400 and "新赛道" in row["sentence"]
        assert row["location"] == "long.txt:1:1666667"
