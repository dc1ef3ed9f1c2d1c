"""Dictionary files (quanteda YAML, LIWC .dic) and the leftmost-longest entry automaton,
each count checked against a brute-force scan written independently below."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus_tui.errors import CorpusError
from corpus_tui.stats.dictionary import DictionaryError, EntryMatcher, parse_liwc, parse_yaml, read_dictionary

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "src" / "corpus_tui" / "data" / "policy_concepts.yml"
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def brute_force(text: str, entries: list[str]) -> dict[str, int]:
    """Scan left to right; at each position take the longest entry (trailing '*' dropped,
    ASCII letters compared in lower case) that starts there, count it, jump past it."""
    keys = {}
    for e in entries:
        s = e[:-1] if e.endswith("*") else e
        keys.setdefault(s.lower(), []).append(e)
    low = text.lower()
    counts = {e: 0 for e in entries}
    i = 0
    while i < len(low):
        best = max((k for k in keys if low.startswith(k, i)), key=len, default=None)
        if best is None:
            i += 1
            continue
        for e in keys[best]:
            counts[e] += 1
        i += len(best)
    return counts


def entry_counts(m: EntryMatcher, text: str, spans=None) -> dict[str, int]:
    kc = m.key_counts(text, spans)
    return {e: kc[k] for e, k in zip(m.entries, m.key_of)}


def test_longest_entry_first_never_overlapping():
    m = EntryMatcher(["产业", "未来产业", "未来", "印度", "印度尼西亚"])
    text = "发展未来产业，印度尼西亚与印度的产业"
    assert entry_counts(m, text) == {"产业": 1, "未来产业": 1, "未来": 0, "印度": 1, "印度尼西亚": 1}
    assert [(m.keys[k], a, b) for k, a, b in m.find(text)] == [
        ("未来产业", 2, 6), ("印度尼西亚", 7, 12), ("印度", 13, 15), ("产业", 16, 18)]


def test_leftmost_match_wins_over_a_longer_later_one():
    # 高质量 starts first, so 质量发展体系 (longer, but starting inside it) is not counted
    m = EntryMatcher(["高质量", "质量发展体系", "发展"])
    assert entry_counts(m, "高质量发展体系") == {"高质量": 1, "质量发展体系": 0, "发展": 1}


def test_prefix_mark_and_latin_case():
    m = EntryMatcher(["产业*", "产业", "AI", "ai*"])
    # 产业* and 产业 share one pattern, so do AI and ai*: both credited, a category summing
    # its distinct keys counts each stretch once
    assert entry_counts(m, "产业链 AI ai Ai 产业") == {"产业*": 2, "产业": 2, "AI": 3, "ai*": 3}
    assert len(m.keys) == 2


def test_spans_and_offsets():
    m = EntryMatcher(["新赛道"])
    text = "新赛道\n新赛道和新赛道"
    assert m.find(text, 4) == [(0, 4, 7), (0, 8, 11)]
    assert m.key_counts(text, [(0, 3), (8, 11)]) == [2]
    assert m.key_counts(text, [(1, 9)]) == [1]


def test_fold_applies_to_entries():
    m = EntryMatcher(["２０２６ 年"], fold=lambda s: s.replace("２", "2").replace("０", "0").replace("６", "6").replace(" ", ""))
    assert m.keys == ["2026年"]


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
def test_example_dictionary_on_the_seed_texts_matches_brute_force(path):
    d = read_dictionary(str(EXAMPLE))
    text = path.read_text(encoding="utf-8")
    m = EntryMatcher(d.entries)
    got = entry_counts(m, text)
    assert got == brute_force(text, list(d.entries))
    for cat in d.categories:  # a category is the sum over its entries
        kc = m.key_counts(text)
        assert sum(kc[k] for k in m.category_keys(cat)) == sum(got[e] for e in cat.entries)


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet="产业未来新赛道aAb*", max_size=40),
       entries=st.lists(st.text(alphabet="产业未来新赛道aAb", min_size=1, max_size=4), min_size=1, max_size=6, unique=True))
def test_matches_brute_force_on_random_texts(text, entries):
    m = EntryMatcher(entries)
    assert entry_counts(m, text) == brute_force(text, entries)
    found = m.find(text)
    assert all(b1 <= a2 for (_, _, b1), (_, a2, _) in zip(found, found[1:]))  # never overlapping


def test_yaml_nested_categories_and_scalars_kept_as_written():
    d = parse_yaml("""
# comment
innovation:
  tech: [科技创新, 自主创新]
  industry:
    - 产业创新
    - sub: [no, 2026]
new_tracks: 新赛道
""", "t.yml")
    assert [(c.name, c.entries, c.depth) for c in d.categories] == [
        ("innovation", ("科技创新", "自主创新", "产业创新", "no", "2026"), 0),
        ("innovation/tech", ("科技创新", "自主创新"), 1),
        ("innovation/industry", ("产业创新", "no", "2026"), 1),
        ("innovation/industry/sub", ("no", "2026"), 2),
        ("new_tracks", ("新赛道",), 0),
    ]
    assert d.entries == ("科技创新", "自主创新", "产业创新", "no", "2026", "新赛道")
    assert d.category("innovation/tech").line == 4


@pytest.mark.parametrize("text, message", [
    ("a: [x]\na: [y]\n", "dictionary t.yml:2: category 'a' given twice (first at line 1)"),
    ("a:\nb: [x]\n", "dictionary t.yml:1: category 'a' has no entries"),
    ("- x\n- y\n", "dictionary t.yml:1: the top level must map category names to entries (name: [entry, ...])"),
    ("a: [x*y]\n", "dictionary t.yml:1: entry 'x*y': '*' may only end an entry (a prefix)"),
    ("a/b: [x]\n", "dictionary t.yml:1: category name 'a/b' contains '/', which separates nested categories"),
    ("a: [[x]]\n", "dictionary t.yml:1: a list inside a list; give entries or name: [entries]"),
    ("a: ['']\n", "dictionary t.yml:1: empty entry"),
    ("", "dictionary t.yml: empty file"),
])
def test_yaml_problems_are_one_line(text, message):
    with pytest.raises(CorpusError) as exc:
        parse_yaml(text, "t.yml")
    assert str(exc.value) == message
    assert "\n" not in str(exc.value)


def test_yaml_syntax_error_names_line_and_column():
    with pytest.raises(CorpusError) as exc:
        parse_yaml("a: [x]\nb: [x, y\n", "t.yml")
    # the wording is libyaml's or PyYAML's own; the place is ours
    assert str(exc.value).startswith("dictionary t.yml:3:1: not valid YAML: ")
    assert "expected ',' or ']'" in str(exc.value) and "\n" not in str(exc.value)


LIWC = """%
1\tinnovation
2\tindustry
%
科技创新\t1
产业创新\t1\t2
产业*\t2
kind of\t1
"""


def test_liwc_categories_and_entries():
    d = parse_liwc(LIWC, "t.dic")
    assert [(c.name, c.entries) for c in d.categories] == [
        ("innovation", ("科技创新", "产业创新", "kind of")), ("industry", ("产业创新", "产业*"))]
    spaced = parse_liwc("%\n1 a\n%\nx 1\ny 1\n", "s.dic")
    assert spaced.categories[0].entries == ("x", "y")


@pytest.mark.parametrize("text, message", [
    ("1\ta\n%\n", "dictionary t.dic:1: a LIWC .dic starts with a line '%'"),
    ("%\n1\ta\n\n", "dictionary t.dic: the category list opened at line 1 never closes with '%'"),
    ("%\na\tb\n%\n", "dictionary t.dic:2: a category line is 'number name', not 'a\\tb'"),
    ("%\n1\ta\n1\tb\n%\n", "dictionary t.dic:3: category number 1 given twice"),
    ("%\n1\ta\n%\nx\t2\n", "dictionary t.dic:4: category number 2 is not in the category list"),
    ("%\n1\ta\n%\nlike\t02/10\n", "dictionary t.dic:4: LIWC's conditional categories (02/10) are not supported"),
    ("%\n1\ta\n%\nx\n", "dictionary t.dic:4: entry 'x' names no category number"),
    ("%\n1\ta\n2\tb\n%\nx\t1\n", "dictionary t.dic:3: category 'b' has no entries"),
])
def test_liwc_problems_are_one_line(text, message):
    with pytest.raises(CorpusError) as exc:
        parse_liwc(text, "t.dic")
    assert str(exc.value) == message


def test_read_dictionary_by_name_and_by_content(tmp_path):
    (tmp_path / "a.dic").write_text(LIWC, encoding="utf-8")
    (tmp_path / "b.txt").write_text(LIWC, encoding="utf-8")
    (tmp_path / "c.txt").write_text("x: [y]\n", encoding="utf-8")
    (tmp_path / "d.yml").write_bytes("x: [y]\n".encode("gb18030") + "新".encode("gb18030"))
    assert read_dictionary(str(tmp_path / "a.dic")).format == "liwc"
    assert read_dictionary(str(tmp_path / "b.txt")).format == "liwc"
    assert read_dictionary(str(tmp_path / "c.txt")).format == "yaml"
    with pytest.raises(CorpusError, match=r"d.yml:2: not UTF-8 text \(byte 7\)"):
        read_dictionary(str(tmp_path / "d.yml"))
    with pytest.raises(CorpusError, match="--dict: no such file"):
        read_dictionary(str(tmp_path / "none.yml"))


def test_unknown_category_names_close_ones():
    d = read_dictionary(str(EXAMPLE))
    with pytest.raises(CorpusError, match=r"has no category '创新/科技'; did you mean 创新/科技创新"):
        d.category("创新/科技")


def test_liwc_entries_and_category_names_as_dictionaries_write_them():
    d = parse_liwc("\n\n%\n1\tpolicy tools\t(LIWC2015 note)\n2 industry\n%\n"
                   "COVID 19\t1\n\n2026\t1\n"
                   "kind of 1 2\n", "t.dic")
    # a name after a tab keeps its spaces and drops a further column; an entry ending in a
    # number keeps it when the line is tab-separated; an entry all digits stays an entry;
    # a blank line between entries ends nothing; space-separated words before the numbers
    # are one entry
    assert [(c.name, c.entries, c.line) for c in d.categories] == [
        ("policy tools", ("COVID 19", "2026", "kind of"), 4), ("industry", ("kind of",), 5)]


@pytest.mark.parametrize("text, message", [
    ("", "dictionary t.dic:1: a LIWC .dic starts with a line '%'"),
    ("\n \n", "dictionary t.dic:3: a LIWC .dic starts with a line '%'"),
    ("\n\nx\n", "dictionary t.dic:3: a LIWC .dic starts with a line '%'"),
    ("\n\n%\n1\ta\n", "dictionary t.dic: the category list opened at line 3 never closes with '%'"),
    ("\n%\n1\ta/b\n%\n", "dictionary t.dic:3: category name 'a/b' contains '/', which separates nested categories"),
    ("%\n1\ta\n%\nx*y\t1\n", "dictionary t.dic:4: entry 'x*y': '*' may only end an entry (a prefix)"),
    ("%\n1\ta\n%\nkind of\n", "dictionary t.dic:4: entry 'kind of' names no category number"),
    ("%\n1\ta\n%\nlike\t1\t134(02 02)53\n",
     "dictionary t.dic:4: LIWC's conditional categories (1 134(02 02)53) are not supported"),
])
def test_liwc_problems_name_the_line_of_the_file(text, message):
    with pytest.raises(CorpusError) as exc:
        parse_liwc(text, "t.dic")
    assert str(exc.value) == message


def test_text_parsed_without_a_file_name_is_named_by_its_format():
    with pytest.raises(CorpusError, match=r"^dictionary <dic>:1: a LIWC \.dic starts with a line '%'$"):
        parse_liwc("x\t1\n")
    with pytest.raises(CorpusError, match=r"^dictionary <yaml>: empty file$"):
        parse_yaml("")


def test_an_unknown_category_lists_up_to_three_close_names_or_the_first_eight():
    d = read_dictionary(str(EXAMPLE))  # nine categories
    with pytest.raises(CorpusError) as exc:
        d.category("创新/科技")
    assert str(exc.value) == (f"dictionary {EXAMPLE} has no category '创新/科技'; "
                              "did you mean 创新/科技创新, 创新, 创新/产业创新?")
    with pytest.raises(CorpusError) as exc:
        d.category("zzz")
    assert str(exc.value) == (f"dictionary {EXAMPLE} has no category 'zzz'; it has "
                              "创新, 创新/科技创新, 创新/产业创新, 新赛道, 未来产业, 未来产业/方向, 未来产业/技术, 产业体系")
    four = parse_yaml("tech1: [a]\ntech2: [b]\ntech3: [c]\ntech4: [d]\n", "t.yml")
    with pytest.raises(CorpusError) as exc:
        four.category("tech")
    assert str(exc.value) == "dictionary t.yml has no category 'tech'; did you mean tech4, tech3, tech2?"


def test_the_shipped_dictionary_by_name_and_a_local_file_of_that_name(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for name in ("policy_concepts", "policy_concepts.yml"):
        d = read_dictionary(name)
        assert (d.source, d.names()[0], len(d.names())) == ("policy_concepts.yml (shipped)", "创新", 9)
    (tmp_path / "policy_concepts.yml").write_text("本地: [新赛道]\n", encoding="utf-8")
    d = read_dictionary("policy_concepts.yml")  # a file in the working folder comes first
    assert (d.source, d.names()) == ("policy_concepts.yml", ["本地"])
    with pytest.raises(CorpusError, match="--dict: no such file"):
        read_dictionary(str(tmp_path / "sub" / "policy_concepts"))  # a path is never the shipped one
    with pytest.raises(CorpusError, match="--dict: no such file"):
        read_dictionary("stopwords.txt")  # another file of the package is no dictionary
    assert read_dictionary(str(EXAMPLE)).source == str(EXAMPLE)


def test_a_dic_file_is_read_as_liwc_whatever_it_holds(tmp_path):
    for name in ("a.dic", "B.DIC"):
        path = tmp_path / name
        path.write_text("x: [y]\n", encoding="utf-8")
        with pytest.raises(DictionaryError) as exc:
            read_dictionary(str(path))
        assert str(exc.value) == f"dictionary {path}:1: a LIWC .dic starts with a line '%'"
    with pytest.raises(DictionaryError, match="--dict: no such file"):
        read_dictionary(str(tmp_path / "none.dic"))


def test_a_dictionary_is_named_by_its_path_and_read_by_its_suffix(tmp_path):
    for name, text, fmt in (("a.dic", LIWC, "liwc"), ("b.txt", LIWC, "liwc"), ("c.txt", "x: [y]\n", "yaml"),
                            ("d.yaml", "x: [y]\n", "yaml")):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        d = read_dictionary(str(path))
        assert (d.source, d.format) == (str(path), fmt)
    for name in ("e.yml", "f.YAML", "g.yaml"):  # a YAML suffix is never sniffed as LIWC
        path = tmp_path / name
        path.write_text(LIWC, encoding="utf-8")
        with pytest.raises(DictionaryError) as exc:
            read_dictionary(str(path))
        assert str(exc.value).startswith(f"dictionary {path}:") and "not valid YAML" in str(exc.value)
    blank = tmp_path / "blank.txt"
    blank.write_text("\n  \n", encoding="utf-8")
    with pytest.raises(DictionaryError) as exc:
        read_dictionary(str(blank))
    assert str(exc.value) == f"dictionary {blank}: empty file"


@pytest.mark.parametrize("text, message", [
    ("? [a, b]\n: [x]\n", "dictionary t.yml:1: a category name must be a plain string"),
    ("a:\n  b/c: [x]\n", "dictionary t.yml:2: category name 'b/c' contains '/', which separates nested categories"),
    ("b: [ok]\na: x*y\n", "dictionary t.yml:2: entry 'x*y': '*' may only end an entry (a prefix)"),
])
def test_yaml_problems_in_names_and_single_entries_name_their_line(text, message):
    with pytest.raises(DictionaryError) as exc:
        parse_yaml(text, "t.yml")
    assert str(exc.value) == message
