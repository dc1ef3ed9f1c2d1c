"""`corpus suggest` on the bundled corpus cut without the shipped domain dictionary: its
multi-token terms come back among the first suggestions."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
USERDICT = ROOT / "src" / "corpus_tui" / "data" / "userdict.txt"


@pytest.fixture(scope="module")
def plain_idx(tmp_path_factory):
    """The bundled corpus indexed with jieba's own dictionary only."""
    from corpus_tui.corpus.options import CorpusOptions
    from corpus_tui.index.open import open_index
    from corpus_tui.tokens import tokenizer as tokenize

    tmp = tmp_path_factory.mktemp("plain")
    empty = tmp / "empty.txt"
    empty.write_text("", encoding="utf-8")
    mp = pytest.MonkeyPatch()
    mp.setattr(tokenize, "package_userdict", lambda: empty)
    try:
        yield open_index(CorpusOptions(corpus=str(ROOT), cache_dir=str(tmp / "cache")))
    finally:
        mp.undo()


def test_removed_domain_terms_come_back(plain_idx):
    from corpus_tui.tokens.stoplist import load_stopwords
    from corpus_tui.stats.suggest import corpus_suggestions

    idx = plain_idx
    domain = [line.split()[0] for line in USERDICT.read_text(encoding="utf-8").splitlines()]
    out = corpus_suggestions(idx, stopwords=load_stopwords())
    # the domain terms the plain tokenizer splits, by how often they occur as a token run
    vocab = set(idx.vocab)
    split = [t for t in domain if t not in vocab and idx.text.count(t) >= 3]
    split.sort(key=lambda t: (-idx.text.count(t), t))
    top50 = [s.term for s in out[:50]]
    back = [t for t in split[:20] if t in top50]
    assert len(back) == 17, (len(back), [t for t in split[:20] if t not in top50])
    assert top50[:5] == ["未来产业", "科技创新", "产业发展", "新赛道", "新质生产力"]
    assert sum(t in domain for t in top50) == 29  # most of the first 50 are domain terms
    # every row's numbers are what the index says
    first = out[0]
    assert first.tokens == ("未来", "产业")
    ids = [idx.word_id(w) for w in first.tokens]
    toks = idx.tokens.tolist()
    sents = idx.sents.tolist()
    occ = [i for i in range(len(toks) - 1) if toks[i] == ids[0] and toks[i + 1] == ids[1] and sents[i] == sents[i + 1]]
    assert first.freq == len(occ)
    assert first.docs == len({idx.doc_at(idx.tstarts[i]).id for i in occ})
