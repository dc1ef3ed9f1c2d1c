"""Property-based tests (hypothesis) for the invariants docs/RELIABILITY.md relies on.

tests/corpus/test_normalize.py checks the same invariants on the seed texts and hand-made cases
(test_offsets_properties_on_seeds, test_fold_idempotent, test_fold_of_clean_text_is_identity_on_seeds);
here they hold for generated text. Runs are bounded (max_examples, no deadline) and the
index-level properties reuse the session's fixture index, built once.
"""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from corpus_tui.corpus.catalog import CatalogError, parse_index
from corpus_tui.corpus.normalize import clean, fold
from corpus_tui.query.search import Selection, fold_query, kwic
from corpus_tui.stats.frequency import TermFilter, frequencies

from test_normalize import _check_offsets

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

# Characters the normaliser treats specially: CJK, full-width forms, half/full-width
# punctuation, blanks (ideographic space, NBSP, tab), zero-width characters, CR/LF, page
# markers, Latin letters and digits, an astral ideograph.
ALPHABET = st.sampled_from(list(
    "新赛道未来产业发展的。，、；：？！“”（）()[],.;:!? \u3000\u00a0\t\u200b\u200d\ufeff\u00ad"
    "ＡＢｃ１２３０abcXYZ0129%-—…\r\n") + ["---", "\n\n", "𠮷", "\r\n"])
RAW = st.lists(ALPHABET, max_size=120).map("".join)


@SETTINGS
@given(RAW)
def test_offset_map_round_trips(raw):
    """Each clean character comes from a raw position holding it or what folds to it."""
    _check_offsets(raw, clean(raw))


@SETTINGS
@given(RAW)
def test_fold_is_idempotent(s):
    assert fold(fold(s)) == fold(s)


@SETTINGS
@given(RAW)
def test_clean_text_is_already_folded(raw):
    """The query is folded like the text: folding clean text changes nothing."""
    text = clean(raw).text
    assert fold(text) == text


@SETTINGS
@given(data=st.data())
def test_kwic_nodes_equal_the_query(fixture_index, data):
    text = fixture_index.text
    start = data.draw(st.integers(0, len(text) - 1))
    length = data.draw(st.integers(1, 6))
    query = text[start:start + length]
    assume("\n" not in query and query.strip())
    lines = kwic(fixture_index, query, "surface", width=8)
    needle = fold_query(query)
    assert lines, query  # a substring of the text is always found
    assert all(line.node == needle for line in lines)
    assert len(lines) == text.count(needle) or needle * 2 in text  # non-overlapping count


@SETTINGS
@given(ids=st.sets(st.sampled_from(["alpha", "beta", "beta-1", "beta-2"])))
def test_frequencies_sum_to_the_token_count(fixture_index, ids):
    keep_all = TermFilter(keep_punct=True, keep_numbers=True)
    result = frequencies(fixture_index, Selection(ids=tuple(sorted(ids))), keep_all)
    assert sum(r.freq for r in result.rows) == result.n_tokens == result.all_tokens


def test_index_frequency_array_matches_the_tokens(fixture_index):
    counts = Counter(fixture_index.tokens)
    assert [fixture_index.freq[i] for i in range(len(fixture_index.vocab))] == [
        counts[i] for i in range(len(fixture_index.vocab))]
    assert sum(fixture_index.freq) == fixture_index.n_tokens


INDEX_ALPHABET = st.sampled_from(list("|#- \t\n:abz.txtid/\\,=~*`") + [
    "| id | file |", "| id | file | lines |", "## Files", "## Articles", "|---|---|", "a.txt", "../", "/etc/",
    "1-2", "3-1", "0", "99999999999999999999", "\x00", "\ud800", "\x1b[31m", "新", "\u202e", "|||", "..", "~root",
    "x" * 300])


@pytest.fixture(scope="module")
def index_root(tmp_path_factory):
    root = tmp_path_factory.mktemp("parse")
    (root / "a.txt").write_text("新赛道\n", encoding="utf-8")
    (root / "sub").mkdir()
    return root


CELL = st.lists(INDEX_ALPHABET, max_size=4).map("".join).map(lambda c: c.replace("|", "").replace("\n", ""))
HEADER = st.sampled_from(["| id | file | title | encoding |", "| id | file | lines | title |", "| file | title |",
                          "| id | file |", "| ID | File | Lines |"])
TABLE = st.tuples(st.sampled_from(["## Files\n", "## Articles\n", "# x\n", ""]), HEADER,
                  st.lists(st.lists(CELL, min_size=1, max_size=5), max_size=8)).map(
    lambda t: t[0] + t[1] + "\n|---|---|\n" + "".join("| " + " | ".join(r) + " |\n" for r in t[2]))
INDEX_TEXT = st.one_of(st.lists(INDEX_ALPHABET, max_size=60).map("".join),
                       st.lists(TABLE, min_size=1, max_size=3).map("\n".join))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(INDEX_TEXT)
def test_index_parser_raises_only_its_own_error(index_root, text):
    try:
        cat = parse_index(text, index_root)
    except CatalogError:
        return
    for p in cat.problems:
        assert p.line is None or 1 <= p.line <= text.count("\n") + 1 + text.count("\r")
    assert len({d.id for d in cat.documents}) == len(cat.documents)
    for d in cat.documents:
        assert d.path.resolve().is_relative_to(index_root.resolve())
