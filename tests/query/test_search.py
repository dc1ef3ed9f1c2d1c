"""Search and KWIC on the bundled corpus and the fixture: every hit found, at the raw line."""

import re

import pytest

from corpus_tui.query.search import QueryError, Selection, find, kwic, search, sort_key

from conftest import SEEDS


def _raw_count(term: str) -> int:
    """Independent count: raw files with page markers and all whitespace removed."""
    n = 0
    for path in SEEDS.glob("*.txt"):
        text = re.sub(r"\n[ \t]*---[ \t]*\n", "\n", path.read_text("utf-8"))
        n += re.sub(r"\s+", "", text).count(term)
    return n


@pytest.mark.parametrize("term", ["未来产业", "新赛道", "新质生产力", "现代化产业体系", "人工智能"])
def test_surface_search_finds_every_occurrence_including_cut_ones(seed_index, term):
    assert len(list(find(seed_index, term))) == _raw_count(term)


@pytest.mark.parametrize("term, doc_prefix, line", [
    ("未来产业", "002", 8),      # 未来\n产业
    ("未来产业", "002", 141),    # 未来\n\n产业
    ("现代化产业体系", "002", 108),  # 现代化产业体\n\n系
    ("实质性", "001", 38),       # 实|---|质性
    ("战略需求", "001", 50),
    ("科技创新和产业创新", "001", 86),
])
def test_terms_cut_by_wraps_and_page_markers_are_reported_at_their_starting_raw_line(seed_index, term, doc_prefix, line):
    lines = kwic(seed_index, term)
    found = {(c.hit.file.split("/")[-1][:3], c.hit.line) for c in lines}
    assert (doc_prefix, line) in found
    for c in lines:
        assert c.node == term


def test_raw_line_and_column_point_at_the_term(seed_index):
    for c in kwic(seed_index, "新赛道"):
        raw_lines = (SEEDS.parent / c.hit.file).read_text("utf-8").split("\n")
        assert raw_lines[c.hit.line - 1][c.hit.column - 1] == "新"


def test_query_is_folded_like_the_text(fixture_index):
    # the text has a half-width comma after 新赛道; either width in the query matches it
    assert len(list(find(fixture_index, "新赛道,培育"))) == 1
    assert len(list(find(fixture_index, "新赛道，培育"))) == 1
    # stray spaces in the text ("2026 年") and in the query are both removed
    assert len(list(find(fixture_index, "2026年"))) == 1
    assert len(list(find(fixture_index, "2026 年"))) == 1


def test_word_mode_matches_whole_tokens_only(seed_index):
    surface = list(find(seed_index, "产业"))
    word = list(find(seed_index, "产业", mode="word"))
    assert 0 < len(word) < len(surface)
    for s, e in word:
        assert seed_index.token_at(s) >= 0 and seed_index.tstarts[seed_index.token_at(s)] == s


def test_regex_mode_and_its_errors(seed_index):
    hits = list(find(seed_index, r"未来产业(?:发展|集群)", mode="regex"))
    assert len(hits) == _raw_count("未来产业发展") + _raw_count("未来产业集群")
    with pytest.raises(QueryError, match=r"invalid regular expression .*missing \) at position 5"):
        list(find(seed_index, "未来(产业", mode="regex"))


def test_catastrophic_regex_is_stopped_by_the_time_limit(seed_index, monkeypatch):
    import corpus_tui.query.search as q

    monkeypatch.setattr(q, "REGEX_TIMEOUT", 0.05)
    with pytest.raises(QueryError, match="took longer than"):
        list(find(seed_index, r"(\w+\w+)+。$", mode="regex"))


@pytest.mark.parametrize("bad", ["", "   ", "\u200b"])
def test_empty_queries_are_usage_errors(seed_index, bad):
    with pytest.raises(QueryError):
        list(find(seed_index, bad))


def test_selection_by_group_article_and_outlet(fixture_index):
    assert len(list(find(fixture_index, "新赛道"))) == 7
    assert len(list(find(fixture_index, "新赛道", sel=Selection(groups=("未来产业",))))) == 2
    assert len(list(find(fixture_index, "新赛道", sel=Selection(ids=("beta-2",))))) == 1
    assert len(list(find(fixture_index, "新赛道", sel=Selection(outlets=("丙报",))))) == 1
    with pytest.raises(QueryError, match="unknown document or article id 'nope'"):
        list(find(fixture_index, "新赛道", sel=Selection(ids=("nope",))))


def test_kwic_sort_by_first_right_token(seed_index):
    lines = kwic(seed_index, "新赛道", sort="1R")
    key = sort_key(seed_index, "1R")
    keys = [key((c.hit.start, c.hit.end)) for c in lines]
    assert keys == sorted(keys)
    assert len(lines) == _raw_count("新赛道")


def test_kwic_context_widths_are_in_cells(seed_index):
    from corpus_tui.cells import cell_len

    for c in kwic(seed_index, "未来产业", width=10, limit=50):
        assert cell_len(c.left) <= 10 and cell_len(c.right) <= 10


def test_kwic_token_context(fixture_index):
    lines = kwic(fixture_index, "耐心资本", tokens=1, width=None)
    assert [(c.left, c.node, c.right) for c in lines] == [("需要", "耐心资本", "。")]


def test_search_all_and_any(fixture_index):
    both, _ = search(fixture_index, ["新赛道", "未来产业"], require_all=True)
    either, counts = search(fixture_index, ["新赛道", "未来产业"], require_all=False)
    assert len(both) < len(either)
    assert all("新赛道" in h.sentence and "未来产业" in h.sentence for h in both)
    assert counts["alpha"] >= 3


def test_a_small_text_decoded_once_gives_what_the_byte_path_gives(session_cache, monkeypatch):
    """Below DECODE_ALL_BYTES a slice decodes the whole text once; 100 MB corpora keep the
    byte path (offsets through the charbytes checkpoints). Both must give the same KWIC,
    counts and slices: the byte path is forced here on the bundled corpus."""
    import random

    from corpus_tui.index import saved as index_module
    from corpus_tui.corpus.options import CorpusOptions
    from corpus_tui.index.open import open_index
    from corpus_tui.query.search import count_by_doc_of

    opts = CorpusOptions(cache_dir=str(session_cache))
    decoded = open_index(opts)
    monkeypatch.setattr(index_module, "DECODE_ALL_BYTES", 0)
    on_bytes = open_index(opts)
    text = decoded.text
    for term in ("新赛道", "未来产业", "人工智能", "，", "的", "产业体系"):
        for sort, width, tokens in (("doc", 30, None), ("1L", 8, None), ("1R", None, 3)):
            a = kwic(on_bytes, term, sort=sort, width=width, tokens=tokens)
            b = kwic(decoded, term, sort=sort, width=width, tokens=tokens)
            assert [(c.hit, c.left, c.node, c.right) for c in a] == [(c.hit, c.left, c.node, c.right) for c in b]
        assert count_by_doc_of(on_bytes, term) == count_by_doc_of(decoded, term)
    rng = random.Random(5)
    for _ in range(500):
        i = rng.randrange(len(text))
        j = min(len(text), i + rng.randrange(200))
        assert on_bytes.slice(i, j) == text[i:j]
    assert on_bytes.text_buffer is not None and decoded.text_buffer is None
