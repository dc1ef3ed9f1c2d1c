"""The pattern parser's answers written out: every error message a user reads, whole, with
its column; the bounds each repetition means; where the limits are."""

from __future__ import annotations

import pytest

from corpus_tui.query.pattern import (MAX_STATES, OPEN_REPEAT, Bool, Cond, Group, Item, PatternError, Token,
                                      is_literal, max_len, min_len, parse)


@pytest.mark.parametrize("text, message", [
    ('[pos="v" "新赛道"', "column 10: expected ']' to close the [ at column 1, found '\"'"),
    ('[pos="v"', "column 9: expected ']' to close the [ at column 1, found the end"),
    ('"a" ]', "column 5: unexpected ']': a token is \"word\", [...] or (...)"),
    ('"a" x', "column 5: unexpected 'x': a token is \"word\", [...] or (...)"),
    ('"a" withinx', "column 5: unexpected 'w': a token is \"word\", [...] or (...)"),
    ('"a" )', "column 5: unexpected ')' (no group is open)"),
    ('"a"{}', "column 4: a repetition needs a number: {n}, {m,n}, {m,} or {,n}"),
    ('"a"{0}', "column 4: {0} repeats nothing: drop the token or give a bound above 0"),
    ('"a"{,0}', "column 4: {0} repeats nothing: drop the token or give a bound above 0"),
    ('"a"{3,1}', "column 4: repetition {3,1}: the upper bound is below the lower one"),
    ('"a"{101}', "column 5: repetition bound 101 is over the limit of 100"),
    ('"a"{2', "column 6: expected '}' to close the { at column 4, found the end"),
    ('"a"??', "column 5: '?' repeats nothing here: it follows another repetition"),
    ('"a"+*', "column 5: '*' repeats nothing here: it follows another repetition"),
    ('[(word="a"]', "column 11: expected ')' to close the ( at column 2, found ']'"),
    ('[word="a" &]', "column 12: expected an attribute test such as word=\"...\" or pos=\"v\", found ']'"),
    ('[word="a" |', "column 12: expected an attribute test such as word=\"...\" or pos=\"v\", found the end"),
    ('[=', "column 2: expected an attribute test such as word=\"...\" or pos=\"v\", found '='"),
    ('[word_x="a"]', "column 2: unknown attribute 'word_x': use word or pos"),
    ('[Word="a"]', "column 2: unknown attribute 'Word': use word or pos"),
    ('[pos "v"]', "column 6: expected = or != after pos"),
    ('[pos!=v]', "column 7: expected a quoted value after pos!="),
    ('"a" within', "column 11: after within: s (sentence) or p (paragraph)"),
    ('"a" within sentences', "column 12: after within: s (sentence) or p (paragraph)"),
    ('"a" within s "b"', "column 14: nothing may follow the within clause"),
    ('within s', "column 1: within needs a pattern before it"),
    ('"a" | ', "column 7: expected a token here: \"word\", [...] or (...)"),
    ('"a" | | "b"', "column 7: expected a token: \"word\", [...] or (...), found '|'"),
    ('( )', "column 3: expected a token: \"word\", [...] or (...), found ')'"),
    ('("a" "b"', "column 9: expected ')' to close the ( at column 1, found the end"),
    ('"a\\', "column 1: the string opened at column 1 is not closed"),
    ("'a", "column 1: the string opened at column 1 is not closed"),
    ('"a"%', "column 4: unknown flag after the string: %c (ignore case) or %l (literal)"),
    ('"a"%cx', "column 4: unknown flag after the string: %c (ignore case) or %l (literal)"),
    ('"b" ""', "column 5: an empty string matches no token"),
    ('[pos="v"%l]', "column 7: %l is for word values; a pos value is a tag prefix"),
    ('[word="ab(c"]', "column 12: invalid regular expression 'ab(c': missing )"),
    ('"(a"', "column 4: invalid regular expression '(a': missing )"),
    ('[word=")a"]', "column 8: invalid regular expression ')a': unbalanced parenthesis"),  # at the value's start
    ('"a"{X}', "column 5: expected '}' to close the { at column 4, found 'X'"),
    ('[word="a{100001}"]', "column 8: regular expression 'a{100001}' expands to about 100,001 items (counted "
                           "repeats multiply); at most 100,000: simplify it"),
    ('[word="a{1000000000}"]', "column 8: regular expression 'a{1000000000}' expands to about 1,000,000,000 "
                               "items (counted repeats multiply); at most 100,000: simplify it"),
    ('[]?', "column 1: the pattern can match no token at all: at least one token must be required"),
    ('"a"{,}', "column 1: the pattern can match no token at all: at least one token must be required"),
])
def test_every_error_message_whole(text, message):
    with pytest.raises(PatternError) as info:
        parse(text)
    assert str(info.value) == f"pattern {text!r}: {message}"
    assert info.value.column == int(message.split(":")[0].split()[1])


@pytest.mark.parametrize("text, bounds", [
    ('"a"{100}', (100, 100)),               # the largest bound a user may write
    ('"a"{ 3 }', (3, 3)),
    ('"a"{3,}', (3, 3 + OPEN_REPEAT)),
    ('"a"{,}', None),                        # {0,50}: refused above, it may match nothing
    ('"a"{,1}', None),
    ('"a"{1,1}', (1, 1)),
    ('"a"{0,1}', None),
])
def test_repetition_bounds_at_their_limits(text, bounds):
    if bounds is None:
        with pytest.raises(PatternError, match="can match no token"):
            parse(text)
        (it,) = parse(text + ' "b"').items[:1]
        assert it.min == 0
        return
    (it,) = parse(text).items
    assert (it.min, it.max) == bounds


def test_a_pattern_of_exactly_the_state_limit_is_taken_one_more_is_refused():
    at_limit = " ".join(["[]{0,100}"] * (MAX_STATES // 100 - 1)) + ' "a"{100}'
    assert len(parse(at_limit).items) == MAX_STATES // 100
    with pytest.raises(PatternError) as info:
        parse(at_limit + ' "b"')
    assert info.value.reason == (f"the pattern is too large once its repetitions are written out "
                                 f"(over {MAX_STATES} token tests): lower the bounds")
    # a group counts the tests of all its alternatives, times its repeats
    assert parse('("a" | "b" "c"){100} ' + " ".join(['[]{0,100}'] * 46) + ' "d"{99}').within is None
    with pytest.raises(PatternError, match="too large"):
        parse('("a" | "b" "c"){100} ' + " ".join(['[]{0,100}'] * 47) + ' "d"')


def test_lengths_of_groups_take_their_shortest_and_longest_alternative():
    items = parse('("a" | "b" "c" "d")+ "e" ("f" "g" | "h"){2}').items
    assert min_len(items) == 1 + 1 + 2
    assert max_len(items) == 3 * (1 + OPEN_REPEAT) + 1 + 2 * 2
    assert (min_len(parse('"a" "b"{0,3}').items), max_len(parse('"a" "b"{0,3}').items)) == (1, 4)


def test_within_and_what_may_follow_it():
    for text, region in [('"a" within  sentence', "s"), ('"a"within s', "s"), ('"a" within s ', "s"),
                         ('"a" within paragraph', "p"), ('"a" within p', "p"), ('"a"', None)]:
        assert parse(text).within == region, text
    assert parse('"a" within s').text == '"a" within s'


def test_strings_escapes_and_flags():
    assert parse(r'"a\.b"').items[0].atom.test == Cond("word", "=", r"a\.b", "", 2)   # the regex escape is kept
    assert parse(r"'it\'s'").items[0].atom.test.value == "it's"
    assert [it.atom.test.value for it in parse("'it''s'").items] == ["it", "s"]  # two strings
    assert parse('"a"%cl').items[0].atom.test.flags == "cl"
    assert parse('"a"%c%l').items[0].atom.test.flags == "cl"
    assert parse('[pos!="n"]').items[0].atom.test == Cond("pos", "!=", "n", "", 8)
    assert parse('[!!word="a"]').items[0].atom.test == Bool("!", (Bool("!", (Cond("word", "=", "a", "", 10),)),))
    assert parse('[ ]').items == (Item(Token(None, 1), 1, 1, 1),)
    assert parse('"a" "b" | "c"').items == (Item(Group((
        (Item(Token(Cond("word", "=", "a", "", 2), 1), 1, 1, 1), Item(Token(Cond("word", "=", "b", "", 6), 5), 1, 1, 5)),
        (Item(Token(Cond("word", "=", "c", "", 12), 11), 1, 1, 11),)), 1), 1, 1, 1),)


@pytest.mark.parametrize("cond, literal", [
    (Cond("word", "=", "新赛道", "", 1), True),
    (Cond("word", "=", "新.道", "", 1), False),      # . is regex syntax
    (Cond("word", "=", "新.道", "l", 1), True),      # unless %l
    (Cond("word", "=", "新赛道", "c", 1), False),    # case folding is a regex test
    (Cond("word", "=", "a|b", "", 1), False),
    (Cond("word", "=", "a\\b", "", 1), False),
    (Cond("pos", "=", "v", "", 1), False),
])
def test_which_word_tests_are_plain_lookups(cond, literal):
    assert parse('[word="a{100000}"]').items[0].atom.test.value == "a{100000}"  # the expansion limit itself
    assert is_literal(cond) is literal


def test_more_syntax_read_exactly():
    assert parse('[(word="a")&pos="v"]').items[0].atom.test == Bool("&", (Cond("word", "=", "a", "", 9),
                                                                          Cond("pos", "=", "v", "", 18)))
    assert parse("[word='a']").items[0].atom.test == Cond("word", "=", "a", "", 8)
    assert parse('"(a"%l').items[0].atom.test == Cond("word", "=", "(a", "l", 2)  # literal: no regex check
    long = "a" * 100_001  # a literal word is no regular expression: no expansion limit
    assert parse(f'"{long}"').items[0].atom.test.value == long
    assert (parse('"a"{,} "b"').items[0].min, parse('"a"{,} "b"').items[0].max) == (0, OPEN_REPEAT)
    for text, message in [('"a"X', "column 4: unexpected 'X': a token is \"word\", [...] or (...)"),
                          ('"a\\"', "column 1: the string opened at column 1 is not closed")]:
        with pytest.raises(PatternError) as info:
            parse(text)
        assert str(info.value) == f"pattern {text!r}: {message}"
