"""Pattern matching checked against an independent brute-force scan of the arrays.

The scan below shares nothing with query/pattern_match.py but the parsed tree: it tries
every start and every end with a plain recursive matcher and Python's `re`, and applies
the rule the matcher promises (earliest start, then the shortest match, no overlap, no
match across a document, a span or, with `within`, a sentence or paragraph)."""

from __future__ import annotations

import re
from array import array

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from corpus_tui.query.pattern import Bool, Cond, PatternError, Token, parse
from corpus_tui.query.pattern_match import TokenArrays, compile_pattern

# -- the brute-force scan ------------------------------------------------------------


def _cond_ok(c: Cond, word: str, tag: str) -> bool:
    if c.attr == "word":
        if "l" in c.flags:
            hit = word == c.value
        else:
            hit = re.fullmatch(c.value, word, re.IGNORECASE if "c" in c.flags else 0) is not None
    else:
        hit = re.match(c.value, tag) is not None
    return hit if c.op == "=" else not hit


def _test_ok(test, word: str, tag: str) -> bool:
    if test is None:
        return True
    if isinstance(test, Cond):
        return _cond_ok(test, word, tag)
    if test.op == "!":
        return not _test_ok(test.parts[0], word, tag)
    results = [_test_ok(p, word, tag) for p in test.parts]
    return all(results) if test.op == "&" else any(results)


def _word_tag(arr: TokenArrays, t: int) -> tuple[str, str]:
    v = arr.tokens[t]
    tag = arr.tags[arr.token_tags[t]] if arr.token_tags is not None else arr.tags[v]
    return arr.vocab[v], tag


def _seq_ends(items, t: int, limit: int, arr) -> set:
    ends = {t}
    for it in items:
        ends = {x for p in ends for x in _item_ends(it, p, limit, arr)}
    return ends


def _item_ends(it, t: int, limit: int, arr) -> set:
    out = {t} if it.min == 0 else set()
    frontier = {t}
    for rep in range(1, it.max + 1):
        frontier = {x for p in frontier for x in _atom_ends(it.atom, p, limit, arr)}
        if rep >= it.min:
            out |= frontier
    return out


def _atom_ends(atom, t: int, limit: int, arr) -> set:
    if isinstance(atom, Token):
        return {t + 1} if t < limit and _test_ok(atom.test, *_word_tag(arr, t)) else set()
    return set().union(*(_seq_ends(alt, t, limit, arr) for alt in atom.alternatives))


def _longest(items) -> int:
    """Tokens a match can take at most (to stop the walk below early; any larger bound works)."""
    total = 0
    for it in items:
        atom = it.atom
        total += it.max * (1 if isinstance(atom, Token) else max(_longest(alt) for alt in atom.alternatives))
    return total


def brute_force(text: str, arr: TokenArrays, spans=None) -> list[tuple[int, int]]:
    pat = parse(text)
    reach = _longest(pat.items)
    n = len(arr.tokens)
    docs = set(arr.doc_starts or ())
    region = {"s": arr.sents, "p": arr.paras}.get(pat.within)
    out = []
    for a, b in spans if spans is not None else [(0, n)]:
        last = a
        for s in range(a, b):
            if s < last:
                continue
            limit = s + 1  # one past the last token that shares s's document, span and region
            while limit < min(b, s + reach) and limit not in docs and (region is None or region[limit] == region[s]):
                limit += 1
            ends = [e for e in _seq_ends(pat.items, s, limit, arr) if e > s]
            if ends:
                out.append((s, min(ends)))
                last = min(ends)
    return out


# -- examples with exact answers --------------------------------------------------------

# 各地 正在 积极 开辟 新赛道 ， 抢占 新赛道 的 先机 。 | 培育 未来产业 和 人工智能
WORDS = ["各地", "正在", "积极", "开辟", "新赛道", "，", "抢占", "的", "先机", "。", "培育", "未来产业", "和", "人工智能"]
TAGS = ["r", "d", "ad", "v", "n", "x", "v", "uj", "n", "x", "vn", "n", "c", "n"]
IDS = [0, 1, 2, 3, 4, 5, 6, 4, 7, 8, 9, 10, 11, 12, 13]
SENTS = [0] * 11 + [1] * 4


def _example(**kw) -> TokenArrays:
    return TokenArrays(IDS, WORDS, TAGS, sents=SENTS, paras=[0] * 15, **kw)


def _found(text: str, arr: TokenArrays, spans=None) -> list:
    return list(compile_pattern(text, arr).find(spans))


def test_every_verb_right_before_the_literal():
    arr = _example()
    assert _found('[pos="v"] "新赛道"', arr) == [(3, 5), (6, 8)]
    assert _found('[pos="v"]', arr) == [(3, 4), (6, 7), (11, 12)]  # v matches vn, as --pos does
    assert _found('[pos="n"]', arr) == [(4, 5), (7, 8), (9, 10), (12, 13), (14, 15)]  # n never matches vn
    assert _found('[pos="v$"]', arr) == [(3, 4), (6, 7)]
    assert _found('[pos="a"]', arr) == [(2, 3)]


def test_gaps_are_shortest_and_within_keeps_a_sentence():
    arr = _example()
    assert _found('"新赛道" []{0,3} "新赛道"', arr) == [(4, 8)]
    assert _found('"开辟" []* "未来产业"', arr) == [(3, 13)]
    assert _found('"开辟" []* "未来产业" within s', arr) == []
    assert _found('"开辟" []* "未来产业" within p', arr) == [(3, 13)]
    assert _found('[pos="n"] []{0,10} "人工智能"', arr) == [(4, 15)]


def test_alternatives_negation_and_regex_on_the_word():
    arr = _example()
    assert _found('("开辟" | "抢占") "新赛道"', arr) == [(3, 5), (6, 8)]
    assert _found('[word="新.*" & word!="新赛道"]', arr) == []
    assert _found('[word="未来.*|人工.*"]', arr) == [(12, 13), (14, 15)]
    assert _found('[pos="n" & !word="新赛道"]', arr) == [(9, 10), (12, 13), (14, 15)]
    assert _found('"不存在"', arr) == []


def test_no_match_crosses_a_document_or_a_span():
    arr = _example(doc_starts=[0, 4])
    assert _found('[pos="v"] "新赛道"', arr) == [(6, 8)]
    assert _found('[pos="v"] "新赛道"', _example(), spans=[(0, 4), (4, 15)]) == [(6, 8)]
    assert _found('[pos="v"] "新赛道"', _example(), spans=[(5, 8)]) == [(6, 8)]


def test_slots_are_the_tokens_each_item_took():
    m = compile_pattern('[pos="v"] []{0,2} "新赛道"', _example())
    assert list(m.find()) == [(3, 5), (6, 8)]
    assert m.slots(3, 5) == [(3, 4), (4, 4), (4, 5)]
    m = compile_pattern('[]{0,3} "先机"', _example())
    assert list(m.find()) == [(6, 10)]
    assert m.slots(6, 10) == [(6, 9), (9, 10)]


def test_the_rarest_required_literal_is_the_anchor():
    freq = [1] * len(WORDS)
    freq[4] = 2
    m = compile_pattern('[pos="v"] "新赛道" "的"?', _example(freq=freq))
    assert m.anchor == (1, [4], 2)
    m = compile_pattern('"开辟"? "新赛道" "的"', _example(freq=freq))
    assert m.anchor == (2, [7], 1)
    # no literal: the required tests run over the vocabulary, the rarer one anchors
    assert compile_pattern('[pos="v"] [] [pos="n"]', _example(freq=freq)).anchor == (0, [3, 6, 10], 3)
    assert compile_pattern('[]{1,2} "新赛道"?', _example()).anchor is None


def test_words_are_folded_as_the_index_folded_them():
    fold = {"ａ": "a", "（": "("}.get
    arr = TokenArrays([0, 1], ["a", "(x"], ["eng", "x"])
    m = compile_pattern('"ａ" [word="（x"]', arr, fold=lambda s: "".join(fold(c, c) for c in s))
    assert list(m.find()) == [(0, 2)]


def test_half_width_punctuation_matches_the_full_width_token_beside_chinese():
    from corpus_tui.corpus.fold import fold

    arr = TokenArrays([0, 1, 2], ["培育", "，", "未来产业"], ["vn", "x", "n"])
    assert fold(",") == ","  # alone a comma stays half-width; beside Chinese text it folds
    for text in ('"培育" "," "未来产业"', '"培育" "，" "未来产业"'):
        assert list(compile_pattern(text, arr, fold=fold).find()) == [(0, 3)]
    assert list(compile_pattern('[word!=","]', arr, fold=fold).find()) == [(0, 1), (2, 3)]


def test_within_needs_the_ids_and_a_slow_regex_is_stopped(monkeypatch):
    with pytest.raises(PatternError, match="no paragraph ids"):
        compile_pattern('"a" within p', TokenArrays([0], ["a"], ["x"]))
    from corpus_tui.query import pattern_token

    monkeypatch.setattr(pattern_token, "REGEX_TIMEOUT", 0.05)
    word = "产" * 34 + "!"  # ~2 s for this regex to fail
    with pytest.raises(PatternError, match="took longer"):
        list(compile_pattern('[word="(产|产产)+$"]', TokenArrays([0], [word], ["x"])).find())


def test_the_int32_buffer_of_a_memory_map_is_searched_in_place(tmp_path):
    import gc
    import mmap

    from corpus_tui.query.pattern_match import _int32_buffer

    path = tmp_path / "tokens.i32"
    path.write_bytes(array("i", IDS).tobytes())
    with open(path, "rb") as fh:
        mm = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
    tokens = memoryview(mm).cast("i")
    assert _int32_buffer(tokens) is mm  # no copy of the ids
    assert _found('[pos="v"] "新赛道"', TokenArrays(tokens, WORDS, TAGS, sents=SENTS)) == [(3, 5), (6, 8)]
    del tokens
    gc.collect()  # a compiled pattern's closures form a cycle that holds the view
    mm.close()


def test_an_id_straddling_two_tokens_is_not_a_hit():
    # 0x0100 then 0x0005 0x00: bytes 01 00 00 00 | 00 01 ... contain id 256's pattern misaligned
    vocab = [f"w{i}" for i in range(300)]
    tokens = array("i", [0x0100 * 0 + 1, 256, 5, 0])
    arr = TokenArrays(tokens, vocab, ["x"] * 300)
    for wid in (0, 1, 5, 256):
        assert _found(f'"w{wid}"', arr) == [(t, t + 1) for t, v in enumerate(tokens) if v == wid]


# -- properties ---------------------------------------------------------------------

VOCAB = ["新", "赛道", "新赛道", "开辟", "抢占", "的", "a", "A", "ab", "。"]
TAGSET = ["n", "nr", "v", "vd", "vn", "a", "uj", "x", "eng"]
WORD_VALUES = ["新赛道", "的", "a", "不在", "新.*", ".", "a|ab", "[新赛]+", "A", "赛道"]
POS_VALUES = ["n", "v", "vn", "v$", "a", "x|eng", "u"]


def _conds():
    word = st.tuples(st.sampled_from(["=", "!="]), st.sampled_from(WORD_VALUES), st.sampled_from(["", "%c", "%l"]))
    pos = st.tuples(st.sampled_from(["=", "!="]), st.sampled_from(POS_VALUES))
    return st.one_of(word.map(lambda w: f'word{w[0]}"{w[1]}"{w[2]}'),
                     pos.map(lambda p: f'pos{p[0]}"{p[1]}"'))


def _tests():
    return st.recursive(_conds(), lambda inner: st.one_of(
        st.tuples(inner, st.sampled_from(["&", "|"]), inner).map(lambda t: f"({t[0]} {t[1]} {t[2]})"),
        inner.map(lambda t: f"!{t}")), max_leaves=4)


def _atoms():
    base = st.one_of(
        st.sampled_from(WORD_VALUES).map(lambda w: f'"{w}"'),
        _tests().map(lambda t: f"[{t}]"),
        st.just("[]"),
    )
    return st.recursive(base, lambda inner: st.lists(st.lists(inner, min_size=1, max_size=2).map(" ".join),
                                                      min_size=1, max_size=3).map(lambda alts: "(" + " | ".join(alts) + ")"),
                        max_leaves=4)


QUANTS = ["", "", "", "?", "*", "+", "{2}", "{0,2}", "{1,3}", "{2,}"]


@st.composite
def patterns(draw):
    items = draw(st.lists(st.tuples(_atoms(), st.sampled_from(QUANTS)), min_size=1, max_size=4))
    text = " ".join(a + q for a, q in items)
    within = draw(st.sampled_from(["", " within s", " within p"]))
    return text + within


@st.composite
def corpora(draw):
    n = draw(st.integers(0, 40))
    tokens = draw(st.lists(st.integers(0, len(VOCAB) - 1), min_size=n, max_size=n))
    cuts = sorted(draw(st.sets(st.integers(1, max(1, n - 1)), max_size=8))) if n > 1 else []
    sents, k = [], 0
    for t in range(n):
        while k < len(cuts) and cuts[k] <= t:
            k += 1
        sents.append(k)
    para_of = draw(st.lists(st.integers(0, 3), min_size=len(cuts) + 1, max_size=len(cuts) + 1))
    paras, acc = [], []
    run = 0
    for i, p in enumerate(sorted(para_of)):
        acc.append(p)
    paras = [acc[s] for s in sents]
    docs = sorted({0, *draw(st.sets(st.integers(0, max(0, n - 1)), max_size=3))}) if draw(st.booleans()) else None
    per_token = draw(st.booleans())
    if per_token:
        token_tags = draw(st.lists(st.integers(0, len(TAGSET) - 1), min_size=n, max_size=n))
        tags = TAGSET
    else:
        token_tags = None
        tags = draw(st.lists(st.sampled_from(TAGSET), min_size=len(VOCAB), max_size=len(VOCAB)))
    container = draw(st.sampled_from([list, lambda xs: array("i", xs)]))
    freq = [tokens.count(i) for i in range(len(VOCAB))] if draw(st.booleans()) else None
    del run
    return TokenArrays(container(tokens), VOCAB, tags, token_tags, sents, paras, docs, freq)


@st.composite
def spans_of(draw, n):
    if draw(st.booleans()) or n == 0:
        return None
    cuts = sorted(draw(st.sets(st.integers(0, n), min_size=2, max_size=6)))
    pairs = [(cuts[i], cuts[i + 1]) for i in range(0, len(cuts) - 1, 2)]
    return pairs


def _parses(text: str) -> bool:
    try:
        parse(text)
    except PatternError:
        return False
    return True


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(patterns(), corpora(), st.data())
def test_matches_equal_the_brute_force_scan(text, arr, data):
    assume(_parses(text))
    spans = data.draw(spans_of(len(arr.tokens)))
    m = compile_pattern(text, arr)
    found = list(m.find(spans))
    assert found == brute_force(text, arr, spans)
    pat = m.pattern
    for s, e in found:
        slots = m.slots(s, e)
        assert slots is not None and slots[0][0] == s and slots[-1][1] == e
        for (a, b), it in zip(slots, pat.items):
            assert b in _item_ends(it, a, e, arr)
