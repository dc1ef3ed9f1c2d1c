"""Bad input, part 1: encodings and the catalogue (docs/RELIABILITY.md, sections A and B).

Each corpus is built once per module in its own cache; the exact stderr lines are pinned,
and the same warnings must come back when the saved index is reused (same input, same
diagnostics, whether or not the cache was warm).
"""

from __future__ import annotations

import codecs
import os

import pytest

from reliability_support import cli_path, no_traceback, one_line, run, tsv_rows, warnings_of, write_index  # noqa: F401 (cli_path: fixture)

SENT = "新赛道与未来产业相互促进。\n各地正在积极开辟新赛道，培育未来产业的新动能。\n"
GB_TEXT = SENT * 3 + "𠮷字要四个字节。\n"  # a 4-byte GB18030 character: Python's `gbk` fails on it

# Every CLI check runs through click and through fastcli (see tests/clipaths.py).
pytestmark = pytest.mark.usefixtures("cli_path")


@pytest.fixture(scope="module")
def enc_corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("encodings")
    files = {
        "u8.txt": SENT.encode("utf-8"),
        "bom.txt": codecs.BOM_UTF8 + SENT.encode("utf-8"),
        "u16.txt": SENT.encode("utf-16"),  # with BOM
        "gb.txt": GB_TEXT.encode("gb18030"),
        "crlf.txt": SENT.replace("\n", "\r\n").encode("utf-8"),
        "empty.txt": b"",
        "short.txt": "新赛道".encode("gb18030"),  # 6 bytes: too short to guess
        "bin.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
        "u16raw.txt": SENT.encode("utf-16-le"),  # UTF-16 without a BOM
        "latin.txt": ("Qualität, Größe und Maßnahmen für die Förderung " * 3).encode("latin-1"),
    }
    for name, data in files.items():
        (root / name).write_bytes(data)
    write_index(root, [
        "| u8 | u8.txt | | |",  # line 7
        "| bom | bom.txt | | |",
        "| u16 | u16.txt | | |",
        "| gb | gb.txt | | |",
        "| crlf | crlf.txt | | |",
        "| empty | empty.txt | | |",
        "| short | short.txt | | |",
        "| short2 | short.txt | | gb18030 |",  # the encoding column overrides detection
        "| bin | bin.txt | | |",
        "| u16raw | u16raw.txt | | |",
        "| latin | latin.txt | | |",
    ])
    return root, tmp_path_factory.mktemp("enc-cache")


EXPECTED_SKIPS = [
    "short (short.txt): not UTF-8 (invalid byte at 0) and too short (6 bytes) to guess its encoding; skipped: "
    "pass --encoding (e.g. gb18030) or fill its INDEX.md encoding column",
    "bin (bin.txt): binary file (NUL bytes); skipped",
    "u16raw (u16raw.txt): looks like UTF-16 without a byte-order mark; skipped: pass --encoding utf-16-le or utf-16-be",
    "latin (latin.txt): not UTF-8 (invalid byte at 6) and not GB18030 Chinese either; skipped: "
    "pass --encoding or fill its INDEX.md encoding column",
]


def test_encodings_are_read_and_named_in_list(enc_corpus):
    root, cache = enc_corpus
    first = run(["list", "--tsv"], root, cache)
    assert first.exit_code == 0
    assert warnings_of(first) == EXPECTED_SKIPS
    rows = [(r["id"], r["encoding"], r["chars"], r["lines"]) for r in tsv_rows(first.stdout)]
    n = str(len(SENT) - 1)  # clean text: the two lines joined by one "\n", no final newline
    assert rows == [
        ("u8", "utf-8", n, "1-2"),
        ("bom", "utf-8-sig", n, "1-2"),
        ("u16", "utf-16", n, "1-2"),
        ("gb", "gb18030", str(len(GB_TEXT) - 1), "1-7"),
        ("crlf", "utf-8", n, "1-2"),
        ("empty", "utf-8", "0", "1-0"),
        ("short2", "gb18030", "3", "1-1"),
    ]
    # warm cache: the same warnings again, not silence
    second = run(["list", "--tsv"], root, cache)
    assert second.exit_code == 0 and second.stdout == first.stdout
    assert warnings_of(second) == EXPECTED_SKIPS


@pytest.mark.parametrize("doc", ["bom", "u16", "crlf"])
def test_bom_utf16_crlf_read_as_the_same_text(enc_corpus, doc):
    root, cache = enc_corpus
    plain = run(["show", "u8"], root, cache)
    other = run(["show", doc], root, cache)
    assert other.exit_code == 0 and other.stdout == plain.stdout == "新赛道与未来产业相互促进。\n各地正在积极开辟新赛道，培育未来产业的新动能。\n"
    raw = run(["show", doc, "--raw"], root, cache)
    assert raw.stdout == SENT  # no BOM, no \r: CRLF normalised on read
    no_traceback(raw)


def test_gb18030_with_four_byte_character(enc_corpus):
    root, cache = enc_corpus
    result = run(["kwic", "𠮷字", "--tsv"], root, cache)
    assert result.exit_code == 0
    (row,) = tsv_rows(result.stdout)
    assert (row["doc"], row["node"], row["location"]) == ("gb", "𠮷字", "gb.txt:7:1")


def test_crlf_lines_counted_on_newline(enc_corpus):
    root, cache = enc_corpus
    result = run(["kwic", "各地", "--doc", "crlf", "--tsv"], root, cache)
    assert [r["location"] for r in tsv_rows(result.stdout)] == ["crlf.txt:2:1"]


def test_empty_file_listed_with_zero_and_no_division_by_zero(enc_corpus):
    root, cache = enc_corpus
    for args in (["freq", "--doc", "empty", "--tsv"], ["freq", "--doc", "empty", "--by", "file", "--tsv"],
                 ["show", "empty"], ["search", "新", "--doc", "empty", "--tsv"],
                 ["diff", "--terms", "新赛道", "未来产业", "--sources", "--doc", "empty", "--tsv"]):
        result = run(args, root, cache)
        assert result.exit_code in (0, 1), (args, result.stderr)
        warnings_of(result)
    show = run(["show", "empty"], root, cache)
    assert show.exit_code == 0 and show.stdout == ""


def test_short_file_needs_encoding_option(tmp_path):
    root = tmp_path / "c"
    root.mkdir()
    (root / "short.txt").write_bytes("新赛道".encode("gb18030"))
    write_index(root, ["| short | short.txt | | |"])
    guessed = run(["list", "--tsv"], root, tmp_path / "cache")
    assert guessed.exit_code == 0
    assert warnings_of(guessed) == [EXPECTED_SKIPS[0]]
    assert tsv_rows(guessed.stdout) == []
    given = run(["list", "--tsv", "--encoding", "gb18030"], root, tmp_path / "cache")
    assert given.exit_code == 0 and warnings_of(given) == []
    (row,) = tsv_rows(given.stdout)
    assert (row["id"], row["encoding"], row["chars"]) == ("short", "gb18030", "3")
    show = run(["show", "short", "--encoding", "gb18030"], root, tmp_path / "cache")
    assert show.stdout == "新赛道\n"


def test_unknown_encoding_option_is_a_usage_error(tmp_path):
    root = tmp_path / "c"
    root.mkdir()
    (root / "a.txt").write_text(SENT, encoding="utf-8")
    write_index(root, ["| a | a.txt | | |"])
    result = run(["list", "--encoding", "klingon"], root, tmp_path / "cache")
    assert result.exit_code == 2
    assert one_line(result) == "--encoding: unknown encoding 'klingon' (e.g. utf-8, gb18030, utf-16)"
    assert result.stdout == ""


def test_wrong_encoding_column_skips_only_that_file(tmp_path):
    root = tmp_path / "c"
    root.mkdir()
    (root / "a.txt").write_text(SENT, encoding="utf-8")
    (root / "b.txt").write_text(SENT, encoding="utf-8")
    write_index(root, ["| a | a.txt | | |", "| b | b.txt | | ascii |"])
    result = run(["list", "--tsv"], root, tmp_path / "cache")
    assert result.exit_code == 0
    (msg,) = warnings_of(result)
    assert msg.startswith("b (b.txt): cannot decode as ascii: ") and msg.endswith("; skipped")
    assert [r["id"] for r in tsv_rows(result.stdout)] == ["a"]


# --------------------------------------------------------------------------- catalogue

CAT_TEXT = "新赛道与未来产业相互促进。\n第二行也提到新赛道。\n"


@pytest.fixture(scope="module")
def cat_corpus(tmp_path_factory):
    base = tmp_path_factory.mktemp("catalogue")
    root = base / "corpus"
    root.mkdir()
    (base / "outside.txt").write_text(CAT_TEXT, encoding="utf-8")
    (root / "a.txt").write_text(CAT_TEXT, encoding="utf-8")
    (root / "b.txt").write_text(CAT_TEXT, encoding="utf-8")
    (root / "stray.txt").write_text(CAT_TEXT, encoding="utf-8")
    os.symlink(base / "outside.txt", root / "link.txt")
    rows = [
        "| a | a.txt | A | |",                 # 7
        "| a | b.txt | duplicate | |",         # 8
        "| m | missing.txt | M | |",           # 9
        "| up | ../outside.txt | U | |",       # 10
        "| abs | /etc/passwd | P | |",         # 11
        "| ln | link.txt | L | |",             # 12
        "| z | b.txt | too | many | cells |",  # 13
        "| e | e\x1b[31m.txt | ESC | |",       # 14: an escape sequence in a file name
        "| b | b.txt | B | |",                 # 15
        "| bad id | b.txt | spaces | |",       # 16
    ]
    write_index(root, rows)
    with open(root / "INDEX.md", "a", encoding="utf-8") as fh:
        fh.write("\n## Articles\n\n| id | file | lines | title |\n|---|---|---|---|\n"  # 17-21
                 "| a-1 | a | 1-1 | first |\n"    # 22
                 "| a-2 | a | 1-x | bad range |\n"  # 23
                 "| a-3 | nope | 1-2 | no file |\n"  # 24
                 "| a-4 | a | 9-12 | past end |\n")  # 25
    return root, base / "cache"


EXPECTED_CATALOGUE = [
    "INDEX.md:25: article a-4: line 9 is past the end of a.txt",  # then "(N lines)": checked by prefix
    "INDEX.md:8: duplicate id 'a' (first on line 7); row refused",
    "INDEX.md:9: m: file missing.txt is listed but missing; row left out",
    "INDEX.md:10: up: '../outside.txt' leaves the corpus folder; row refused",
    "INDEX.md:11: abs: absolute path '/etc/passwd' refused; paths are relative to the corpus folder",
    "INDEX.md:12: ln: 'link.txt' leaves the corpus folder; row refused",
    "INDEX.md:13: row has 5 cells, header has 4; row refused",
    "INDEX.md:14: e: file e␛[31m.txt is listed but missing; row left out",
    "INDEX.md:16: id 'bad id' may not contain spaces or | / \\ : , =; row refused",
    "INDEX.md:23: a-2: lines '1-x' is not like 12-40 or 31-49,69-73; row refused",
    "INDEX.md:24: a-3: file id 'nope' is not a listed, present file; row refused",
    "stray.txt is not listed in INDEX.md; not indexed",
]


def test_catalogue_problems_named_with_their_line_rest_usable(cat_corpus):
    root, cache = cat_corpus
    for _ in range(2):  # cold, then warm cache: the same lines
        result = run(["list", "--tsv"], root, cache)
        assert result.exit_code == 0
        got = warnings_of(result)
        assert got[0].startswith(EXPECTED_CATALOGUE[0]) and got[1:] == EXPECTED_CATALOGUE[1:]
        assert [(r["id"], r["kind"]) for r in tsv_rows(result.stdout)] == [
            ("a", "file"), ("a-1", "article"), ("a-4", "article"), ("b", "file")]
    hits = run(["kwic", "新赛道", "--tsv", "--no-header"], root, cache)
    assert hits.exit_code == 0
    assert [l.split("\t")[-1] for l in hits.stdout.splitlines()] == ["a.txt:1:1", "a.txt:2:7", "b.txt:1:1", "b.txt:2:7"]


@pytest.mark.parametrize("doc", ["up", "abs", "ln", "m"])
def test_refused_rows_are_unknown_ids_not_readable_files(cat_corpus, doc):
    """A path leaving the corpus folder is never read, not even by `show --raw`."""
    root, cache = cat_corpus
    result = run(["show", doc, "--raw"], root, cache)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.splitlines()[-1] == (
        f"corpus: error: unknown document or article id '{doc}'; known: a, b, a-1, a-4")


def test_index_md_in_gbk_is_read_and_other_bytes_are_one_error_line(tmp_path):
    root = tmp_path / "c"
    root.mkdir()
    (root / "a.txt").write_text(CAT_TEXT, encoding="utf-8")
    index = "# 语料索引\n\n| id | file | title |\n|---|---|---|\n| a | a.txt | 新赛道与未来产业的观察 |\n"
    (root / "INDEX.md").write_bytes(index.encode("gbk"))
    result = run(["list", "--tsv"], root, tmp_path / "cache")
    assert result.exit_code == 0 and result.stderr == ""
    row = tsv_rows(result.stdout)[0]
    assert (row["id"], row["title"], row["kind"]) == ("a", "新赛道与未来产业的观察", "file")
    (root / "INDEX.md").write_bytes("| id | file | title |\n|---|---|---|\n| a | a.txt | café crème brûlée |\n".encode("latin-1") * 3)
    result = run(["list"], root, tmp_path / "cache")
    assert result.exit_code == 2 and result.stdout == ""
    assert one_line(result) == f"cannot read {root / 'INDEX.md'}: neither UTF-8 nor GB18030/GBK text; save it as UTF-8"


def test_table_without_id_column_is_one_error(tmp_path):
    root = tmp_path / "c"
    root.mkdir()
    (root / "a.txt").write_text(CAT_TEXT, encoding="utf-8")
    (root / "INDEX.md").write_text("## Files\n\n| name | file |\n|---|---|\n| a | a.txt |\n", encoding="utf-8")
    result = run(["list", "--tsv"], root, tmp_path / "cache")
    assert result.exit_code == 2 and result.stdout == ""
    assert one_line(result) == ("INDEX.md:3: the Files table's header has no 'id' column (it has: name, file); "
                                "no row of it can be read: fix the header")


def test_missing_corpus_folder_is_one_error_line(tmp_path):
    result = run(["kwic", "新赛道"], tmp_path / "nope", tmp_path / "cache")
    assert result.exit_code == 2 and result.stdout == ""
    assert one_line(result) == f"corpus folder not found: {tmp_path / 'nope'}"


@pytest.mark.parametrize("argv,shown", [
    (["kwic", "\udcff", "--count"], "b'\\xff'"),
    (["search", "新\udce8"], "b'\\xe6\\x96\\xb0\\xe8'"),
    (["cooc", "a|b\udcff"], "b'b\\xff'"),
    (["diff", "--terms", "新赛道", "\udcff"], "b'\\xff'"),
    (["freq", "--pos", "n\udcff"], "b'n\\xff'"),
])
def test_terms_that_are_not_utf8_are_one_error_line(argv, shown, fixture_corpus, session_cache, fixture_index):
    """A term typed in a non-UTF-8 locale reaches Python as lone surrogates (bytes it could
    not decode); it is named with the bytes as typed, not a UnicodeEncodeError traceback."""
    result = run(argv, fixture_corpus, session_cache)
    assert result.exit_code == 2 and result.stdout == ""
    assert one_line(result) == f"{shown} is not UTF-8 text (is the terminal's locale UTF-8?)"


def test_encoding_name_that_is_not_utf8_is_one_error_line(fixture_corpus, session_cache, fixture_index):
    result = run(["kwic", "新赛道", "--encoding", "\udcff"], fixture_corpus, session_cache)
    assert result.exit_code == 2 and result.stdout == ""
    assert one_line(result) == "--encoding: unknown encoding '\\udcff' (e.g. utf-8, gb18030, utf-16)"
