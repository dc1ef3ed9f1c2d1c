"""`corpus diff --ref DIR|FILE`: keyness of the bundled corpus against another corpus folder or
a word<TAB>count list, every measure checked against SciPy from the counts `corpus freq`
gives for each side; the tokenizer/dictionary comparison said in the notes."""

from __future__ import annotations

import math

import pytest
from click.testing import CliRunner
from scipy import stats as sps

from corpus_tui.stats import frequency as stats
from corpus_tui.query.search import Selection
from corpus_tui.tokens.stoplist import load_stopwords
from corpus_tui.stats.reference import keyness_against, read_frequency_list, reference_from_index

from conftest import REPO, write_fixture

STOP = stats.TermFilter(load_stopwords(None))
NONE = stats.TermFilter()


def counts(idx, filt, sel=Selection()):
    res = stats.frequencies(idx, sel, filt, top=None)
    return {r.term: r.freq for r in res.rows}, res.n_tokens


@pytest.fixture(scope="module")
def ref(fixture_index, fixture_corpus):
    return reference_from_index(fixture_index, str(fixture_corpus), STOP)


def test_against_a_corpus_folder(seed_index, fixture_index, ref):
    ca, c = counts(seed_index, STOP)
    cb, d = counts(fixture_index, STOP)
    assert ref.n_words == d
    res = keyness_against(seed_index, Selection(), ref, STOP, min_freq=2, top=None, correct="bonferroni")
    assert (res.c, res.d) == (c, d)
    tested = {t for t in set(ca) | set(cb) if ca.get(t, 0) >= 2 or cb.get(t, 0) >= 2}
    assert res.tested == len(tested)
    assert {r.term for r in res.rows if r.section == "only B"} == {t for t in tested if ca.get(t, 0) == 0}
    for r in res.rows:
        a, b = ca.get(r.term, 0), cb.get(r.term, 0)
        assert (r.a, r.b) == (a, b)
        obs = [[a, b], [c - a, d - b]]
        g2, p = sps.chi2_contingency(obs, correction=False, lambda_="log-likelihood")[:2]
        assert abs(r.ll) == pytest.approx(g2, rel=1e-9, abs=1e-8)
        assert r.p_value == pytest.approx(p, rel=1e-8, abs=1e-8)
        assert r.p_adj == pytest.approx(min(1.0, p * len(tested)), rel=1e-8, abs=1e-8)
        assert r.chi2 == pytest.approx(sps.chi2_contingency(obs, correction=False)[0], rel=1e-9)
        assert r.bic == pytest.approx(g2 - math.log(c + d), rel=1e-9, abs=1e-8)
        assert r.log_ratio == pytest.approx(math.log2(((a or 0.5) / c) / ((b or 0.5) / d)), rel=1e-12)


def test_a_part_of_this_corpus(seed_index, ref):
    sel = Selection(groups=("新赛道",))
    ca, c = counts(seed_index, STOP, sel)
    res = keyness_against(seed_index, sel, ref, STOP, min_freq=2, top=None)
    assert res.c == c
    assert all(r.a == ca.get(r.term, 0) for r in res.rows)


def test_a_frequency_list_of_a_corpus_gives_that_corpus_table(seed_index, fixture_index, fixture_corpus, tmp_path):
    full, _ = counts(fixture_index, NONE.__class__(frozenset(), True, True))  # every token, punctuation too
    path = tmp_path / "ref.tsv"
    path.write_text("word\tcount\n# the fixture corpus\n" + "".join(f"{w}\t{n}\n" for w, n in full.items()),
                    encoding="utf-8")
    listed = read_frequency_list(str(path))
    assert (listed.kind, listed.entries) == ("list", len(full))
    corpus = reference_from_index(fixture_index, str(fixture_corpus), STOP)
    assert listed.n_words == corpus.n_words
    a = keyness_against(seed_index, Selection(), listed, STOP, min_freq=2, top=None)
    b = keyness_against(seed_index, Selection(), corpus, STOP, min_freq=2, top=None)
    assert [(r.section, r.term, r.a, r.b, r.ll) for r in a.rows] == [(r.section, r.term, r.a, r.b, r.ll) for r in b.rows]


def test_list_words_are_folded_and_added(tmp_path):
    path = tmp_path / "ref.tsv"
    path.write_text("ＡＩ\t2\nAI\t3\n发展 4\n。\t9\n", encoding="utf-8")
    ref = read_frequency_list(str(path))
    assert ref.counts == {"AI": 5, "发展": 4, "。": 9}
    assert ref.n_words == 9  # punctuation is not a word token


def run(*args):
    from corpus_tui.cli.commands import cli

    return CliRunner().invoke(cli, ["diff", *args])


def test_cli_says_whether_tokenization_matches(cache_dir, fixture_corpus, tmp_path):
    base = ["--corpus", str(REPO), "--cache-dir", cache_dir, "--top", "2", "--min-freq", "2"]
    same = run("--ref", str(fixture_corpus), *base)
    assert same.exit_code == 0, same.output
    assert "B = reference corpus" in same.output
    assert "tokenizer, its version, HMM, normaliser and user dictionaries are the same on both sides" in same.output
    other = write_fixture(tmp_path / "other")
    (other / "userdict.txt").write_text("新赛道观察 10\n", encoding="utf-8")
    diff = run("--ref", str(other), *base)
    assert diff.exit_code == 0, diff.output
    assert "WARNING: the two corpora were not tokenized alike" in diff.output and "user dictionaries" in diff.output
    listed = tmp_path / "ref.tsv"
    listed.write_text("发展\t10\n未来产业\t3\n", encoding="utf-8")
    out = run("--ref", str(listed), *base, "--tsv").output
    assert out.splitlines()[0].split("\t")[:9] == ["section", "rank", "term", "freq_a", "freq_b", "per_10k_a",
                                                  "per_10k_b", "ll_4term", "p_value"]
    lst = run("--ref", str(listed), *base).output
    assert "frequency list" in lst and "tokenizer and dictionaries are unknown" in lst


@pytest.mark.parametrize("args,message", [
    (["--ref", "/nonexistent/ref"], "no such corpus folder or frequency list"),
    (["--ref", "BAD", "--b", "group=新赛道"], "--ref is side B"),
    (["--ref", "BAD", "--pos", "n"], "--pos needs part-of-speech tags"),
])
def test_cli_errors_are_one_line(cache_dir, tmp_path, args, message):
    bad = tmp_path / "bad.tsv"
    bad.write_text("发展\t10\n", encoding="utf-8")
    args = [str(bad) if a == "BAD" else a for a in args]
    res = run(*args, "--corpus", str(REPO), "--cache-dir", cache_dir)
    assert res.exit_code == 2
    assert message in res.output and "Traceback" not in res.output


def test_cli_bad_list_line(cache_dir, tmp_path):
    bad = tmp_path / "bad.tsv"
    bad.write_text("word\tcount\n发展\t10\n未来产业 三\n", encoding="utf-8")
    res = run("--ref", str(bad), "--corpus", str(REPO), "--cache-dir", cache_dir)
    assert res.exit_code == 2 and f"{bad}:3: expected word<TAB>count" in res.output
