"""DPnorm in `corpus freq` and DPnorm/ARF in `diff --terms --sources`, recomputed on the bundled
corpus from a plain scan of the token stream (no corpus_tui counting code)."""

from __future__ import annotations

import pytest

from corpus_tui.stats import compare
from corpus_tui.stats import frequency as stats
from corpus_tui.tokens.stoplist import is_punct, load_stopwords

STOP = stats.TermFilter(load_stopwords(None))


def token_stream(idx):
    """The corpus's tokens in order as (word, file, word offset or None for punctuation):
    punctuation takes no place among the word tokens."""
    vocab = idx.vocab
    out, n = [], 0
    for d in idx.docs:
        for t in idx.tokens[d.tok_start:d.tok_end].tolist():
            w = vocab[t]
            out.append((w, d.id, None if is_punct(w) else n))
            n += not is_punct(w)
    return out, n


def hits(stream, term):
    """Word offsets of ``term`` as one token or a run of two or three tokens in one file, left
    to right, never overlapping."""
    out, k = [], 0
    while k < len(stream):
        for n in (1, 2, 3):
            run = stream[k:k + n]
            if "".join(w for w, _, _ in run) == term and len({f for _, f, _ in run}) == 1:
                out.append(run[0][2])
                k += n
                break
        else:
            k += 1
    return out


def arf(pos, n):
    v = n / len(pos)
    gaps = [pos[0] + n - pos[-1]] + [b - a for a, b in zip(pos, pos[1:])]
    return sum(min(g, v) for g in gaps) / v


@pytest.mark.parametrize("term", ["新赛道", "未来产业", "发展"])
def test_sources_dp_norm_and_arf(seed_index, term):
    stream, n_words = token_stream(seed_index)
    pos = hits(stream, term)
    file_of = {p: f for _, f, p in stream if p is not None}
    rows = compare.term_sources(seed_index, [term], "file", filt=STOP)
    total = rows[-1]
    assert (total.source, total.freq, total.tokens) == ("(all)", len(pos), n_words)
    assert total.arf == pytest.approx(arf(pos, n_words), rel=1e-12)
    files = [r for r in rows[:-1]]
    sizes = [r.tokens for r in files]
    counts = [sum(1 for p in pos if file_of[p] == r.source) for r in files]
    assert [r.freq for r in files] == counts
    dp = 0.5 * sum(abs(c / len(pos) - s / n_words) for c, s in zip(counts, sizes))
    assert total.dp_norm == pytest.approx(dp / (1 - min(sizes) / n_words), rel=1e-12)


def test_freq_dp_norm(seed_index):
    res = stats.frequencies(seed_index, filt=STOP, top=5, by="file")
    smin = min(res.part_sizes) / sum(res.part_sizes)
    for r in res.rows:
        assert r.dp_norm == pytest.approx(r.dp / (1 - smin), rel=1e-12)
        assert 0 <= r.dp_norm <= 1
