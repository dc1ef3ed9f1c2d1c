"""The pattern parser: what each piece of syntax means, and errors that name the column."""

from __future__ import annotations

import pytest

from corpus_tui.errors import CorpusError, Exit
from corpus_tui.query.pattern import (MAX_REPEAT, OPEN_REPEAT, Bool, Cond, Group, Item, PatternError, Token,
                                      max_len, min_len, parse)


def test_a_string_is_a_word_test_and_brackets_hold_attribute_tests():
    pat = parse('[pos="v"] "新赛道"')
    assert pat.within is None
    assert pat.items == (
        Item(Token(Cond("pos", "=", "v", "", 7), 1), 1, 1, 1),
        Item(Token(Cond("word", "=", "新赛道", "", 12), 11), 1, 1, 11),
    )


def test_boolean_operators_bind_not_then_and_then_or():
    test = parse('[word="a" | pos="v" & !word="b"]').items[0].atom.test
    assert test == Bool("|", (Cond("word", "=", "a", "", 8),
                              Bool("&", (Cond("pos", "=", "v", "", 18),
                                         Bool("!", (Cond("word", "=", "b", "", 30),))))))
    assert parse('[(word="a" | pos="v") & word!="b"]').items[0].atom.test.op == "&"


@pytest.mark.parametrize("text, bounds", [
    ('"a"?', (0, 1)), ('"a"*', (0, OPEN_REPEAT)), ('"a"+', (1, 1 + OPEN_REPEAT)),
    ('"a"{3}', (3, 3)), ('"a"{2,5}', (2, 5)), ('"a"{2,}', (2, 2 + OPEN_REPEAT)), ('"a"{,4}', (0, 4)),
    ('"a" {1, 3}', (1, 3)),
])
def test_repetition_is_always_bounded(text, bounds):
    it = parse(text + ' "b"').items[0]
    assert (it.min, it.max) == bounds


def test_any_token_groups_and_alternatives():
    pat = parse('"未来产业" []{0,15} "人工智能" within s')
    assert pat.within == "s"
    assert pat.items[1] == Item(Token(None, 8), 0, 15, 8)
    assert (min_len(pat.items), max_len(pat.items)) == (2, 17)
    top = parse('"a" | "b" "c"').items
    assert len(top) == 1 and isinstance(top[0].atom, Group)
    assert [len(alt) for alt in top[0].atom.alternatives] == [1, 2]
    grouped = parse('("开辟" | "抢占"){1,2} "新赛道" within paragraph')
    assert grouped.within == "p" and grouped.items[0].max == 2
    assert (min_len(grouped.items), max_len(grouped.items)) == (2, 3)


def test_flags_and_escaped_quotes():
    assert parse('"a.b"%l').items[0].atom.test == Cond("word", "=", "a.b", "l", 2)
    assert parse('"ab"%c').items[0].atom.test.flags == "c"
    assert parse(r'"say \"x\""').items[0].atom.test.value == 'say "x"'
    assert parse("'单引号'").items[0].atom.test.value == "单引号"


@pytest.mark.parametrize("text, column, words", [
    ('[pos="v" "新赛道"', 10, "expected ']' to close the [ at column 1"),
    ('[pos="v"', 9, "found the end"),
    ('"新赛道" ]', 7, "unexpected ']'"),
    ('"新赛道', 1, "not closed"),
    ('[foo="x"]', 2, "unknown attribute 'foo'"),
    ('[word "x"]', 7, "expected = or != after word"),
    ('[word=x]', 7, "expected a quoted value"),
    ('[word="(新"]', 10, "invalid regular expression"),
    ('"a"{3,1}', 4, "upper bound is below"),
    (f'"a"{{0,{MAX_REPEAT + 1}}}', 7, "over the limit"),
    ('"a" within x', 12, "after within"),
    ('"a" within s "b"', 14, "nothing may follow"),
    ('within s', 1, "within needs a pattern"),
    ('[]?', 1, "can match no token"),
    ('"a" ? ?', 7, "repeats nothing"),
    ('("a" "b"', 9, "to close the ( at column 1"),
    ('"a" )', 5, "no group is open"),
    ('"a"%q', 4, "unknown flag"),
    ('""', 1, "empty string"),
    ('[pos="v"%l]', 7, "%l is for word values"),
    ('"a" | ', 7, "expected a token here"),
])
def test_a_pattern_that_does_not_parse_names_its_column(text, column, words):
    with pytest.raises(PatternError) as info:
        parse(text)
    err = info.value
    assert err.column == column
    assert words in str(err)
    assert str(err).startswith(f"pattern {text!r}: column {column}: ")
    assert isinstance(err, CorpusError) and err.exit_code == Exit.USAGE  # one line, exit 2


@pytest.mark.parametrize("text", ["", "   ", None])
def test_an_empty_pattern_is_a_usage_error(text):
    with pytest.raises(PatternError, match="empty pattern"):
        parse(text)


def test_a_pattern_too_large_once_written_out_is_refused():
    with pytest.raises(PatternError, match="too large"):
        parse('(' + ' '.join(['[]{0,100}'] * 6) + '){100} "a"')
