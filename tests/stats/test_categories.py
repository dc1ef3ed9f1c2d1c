"""`corpus dict`'s counts on the bundled corpus against a brute-force scan of each file's
clean text, and its dispersion against the formula computed here."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from corpus_tui.stats.categories import category_spans, dict_table
from corpus_tui.stats.dictionary import parse_yaml, read_dictionary

from test_dictionary import EXAMPLE, brute_force

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def idx(tmp_path_factory):
    from corpus_tui.corpus.options import CorpusOptions
    from corpus_tui.index.open import open_index

    return open_index(CorpusOptions(corpus=str(ROOT), cache_dir=str(tmp_path_factory.mktemp("cache"))))


def word_tokens(idx, a, b):
    from corpus_tui.tokens.stoplist import is_punct

    return sum(1 for t in idx.tokens[a:b].tolist() if not is_punct(idx.vocab[t]))


def test_category_counts_by_file_match_brute_force(idx):
    d = read_dictionary(str(EXAMPLE))
    table = dict_table(idx, d, by="file")
    files = [doc.id for doc in idx.docs]
    assert table.columns == ("category", "entries", "freq", "per_10k", "files", "articles", "dp", "juilland_d",
                             *(f"freq:{f}" for f in files))
    per_file = {doc.id: brute_force(idx.text[doc.char_start:doc.char_end], list(d.entries)) for doc in idx.docs}
    sizes = [word_tokens(idx, doc.tok_start, doc.tok_end) for doc in idx.docs]
    n = sum(sizes)
    rows = {r[0]: r for r in table.rows}
    assert list(rows) == [c.name for c in d.categories]
    for cat in d.categories:
        counts = [sum(per_file[f][e] for e in cat.entries) for f in files]
        row = rows[cat.name]
        assert row[1] == len(cat.entries)
        assert row[2] == sum(counts)
        assert list(row[8:]) == counts
        assert row[3] == round(10000 * sum(counts) / n, 4)
        assert row[4] == sum(1 for c in counts if c)
        f = sum(counts)
        dp = 0.5 * sum(abs(c / f - s / n) for c, s in zip(counts, sizes))
        assert row[6] == round(dp, 4)
        rel = [c / s for c, s in zip(counts, sizes)]
        mean = sum(rel) / len(rel)
        cv = math.sqrt(sum((x - mean) ** 2 for x in rel) / len(rel)) / mean
        assert row[7] == round(1 - cv / math.sqrt(len(rel) - 1), 4)


def test_longest_first_on_the_corpus(idx):
    d = parse_yaml("a: [产业]\nb: [未来产业]\nc: [产业, 未来产业]\n", "t.yml")
    rows = {r[0]: r[2] for r in dict_table(idx, d).rows}
    n_future = idx.text.count("未来产业")
    n_industry = idx.text.count("产业")
    # 产业 inside 未来产业 is counted once, for 未来产业
    assert rows == {"a": n_industry - n_future, "b": n_future, "c": n_industry}


def test_entries_breakdown_and_category_spans(idx):
    d = read_dictionary(str(EXAMPLE))
    table = dict_table(idx, d, entries=True)
    assert table.columns[:3] == ("category", "entry", "freq")
    expected = brute_force(idx.text, list(d.entries))
    assert [(r[0], r[1], r[2]) for r in table.rows] == [
        (c.name, e, expected[e]) for c in d.categories for e in c.own]
    spans = category_spans(idx, d, "新赛道")
    assert len(spans) == sum(expected[e] for e in d.category("新赛道").entries)
    assert all(idx.text[a:b] in d.category("新赛道").entries for a, b in spans)


def test_selection(idx):
    from corpus_tui.query.search import Selection

    d = read_dictionary(str(EXAMPLE))
    table = dict_table(idx, d, Selection(groups=("新赛道",)), by="group")
    docs = [doc for doc in idx.docs if idx.catalog.document(doc.id).group == "新赛道"]
    expected = {e: 0 for e in d.entries}
    for doc in docs:
        for e, c in brute_force(idx.text[doc.char_start:doc.char_end], list(d.entries)).items():
            expected[e] += c
    rows = {r[0]: r for r in table.rows}
    assert table.columns[-1] == "freq:新赛道"
    for cat in d.categories:
        assert rows[cat.name][2] == rows[cat.name][-1] == sum(expected[e] for e in cat.entries)
