"""INDEX.md checked like code: a header without a required column is one error naming its
line; reversed and overlapping article ranges are one warning each with INDEX.md:LINE."""

from __future__ import annotations

import pytest

from corpus_tui.corpus.catalog import CatalogError, load_catalog

FILES = "# c\n\n## Files\n\n| id | file | title |\n|---|---|---|\n| a | a.txt | A |\n| b | b.txt | B |\n"


def corpus(tmp_path, index: str):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("一\n二\n三\n四\n五\n六\n", "utf-8")
    (tmp_path / "INDEX.md").write_text(index, "utf-8")
    return tmp_path


@pytest.mark.parametrize("header, line, message", [
    ("| id | flie | title |", 5, "the Files table's header has no 'file' column (it has: id, flie, title)"),
    ("| ident | file | title |", 5, "the Files table's header has no 'id' column (it has: ident, file, title)"),
])
def test_a_misspelt_files_header_is_one_error_naming_line_and_column(tmp_path, header, line, message):
    rows = "".join(f"| d{i} | a.txt | T |\n" for i in range(40))
    corpus(tmp_path, f"# c\n\n## Files\n\n{header}\n|---|---|---|\n{rows}")
    with pytest.raises(CatalogError) as err:
        load_catalog(tmp_path)
    assert str(err.value) == f"INDEX.md:{line}: {message}; no row of it can be read: fix the header"


def test_an_articles_header_without_lines_is_one_error(tmp_path):
    corpus(tmp_path, FILES + "\n## Articles\n\n| id | file | line |\n|---|---|---|\n| a-1 | a | 1-2 |\n")
    with pytest.raises(CatalogError, match=r"^INDEX\.md:12: the Articles table's header has no 'lines' column "
                                           r"\(it has: id, file, line\)"):
        load_catalog(tmp_path)


def test_reversed_and_overlapping_ranges_are_one_warning_each(tmp_path):
    arts = ("| a-1 | a | 4-2 |\n"       # line 14: reversed, read as 2-4
            "| a-2 | a | 3-5 |\n"       # line 15: overlaps a-1
            "| a-3 | a | 6,6 |\n"       # line 16: overlaps itself
            "| b-1 | b | 1-3 |\n")      # line 17: fine (another file)
    cat = load_catalog(corpus(tmp_path, FILES + "\n## Articles\n\n| id | file | lines |\n|---|---|---|\n" + arts))
    assert [a.ranges for a in cat.articles] == [((2, 4),), ((3, 5),), ((6, 6), (6, 6)), ((1, 3),)]
    assert [p.located for p in cat.problems] == [
        "INDEX.md:14: a-1: lines '4-2' has a reversed range; read as 2-4",
        "INDEX.md:15: a-2: lines 3-5 overlap article a-1's 2-4 (INDEX.md:14)",
        "INDEX.md:16: a-3: lines 6-6 overlap its own range 6-6 (INDEX.md:16)",
    ]
    assert {p.severity for p in cat.problems} == {"warning"}


def test_unlisted_files_of_every_format_are_reported(tmp_path):
    corpus(tmp_path, FILES)
    for name in ("c.pdf", "d.DOCX", "e.html", "f.htm", "g.md", "h.doc", "i.png"):
        (tmp_path / name).write_bytes(b"x")
    assert [p.message for p in load_catalog(tmp_path).problems] == [
        f"{n} is not listed in INDEX.md; not indexed" for n in ("c.pdf", "d.DOCX", "e.html", "f.htm", "g.md")]


def test_a_folder_without_index_takes_every_format(tmp_path):
    for name in ("a.txt", "b.md", "sub/c.pdf", "d.docx", "e.html", "f.png"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_bytes(b"x")
    cat = load_catalog(tmp_path)
    assert [(d.id, d.file) for d in cat.documents] == [
        ("a", "a.txt"), ("b", "b.md"), ("d", "d.docx"), ("e", "e.html"), ("sub-c", "sub/c.pdf")]


def test_the_start_path_knows_the_same_suffixes_as_the_extractors():
    from corpus_tui.corpus.extract import SUFFIXES
    from corpus_tui.corpus.root import TEXT_SUFFIXES

    assert sorted(TEXT_SUFFIXES) == sorted(SUFFIXES)


def test_a_date_not_in_iso_form_is_read_with_a_note(tmp_path):
    index = ("# c\n\n## Files\n\n| id | file | title | date |\n|---|---|---|---|\n"
             "| a | a.txt | A | 2023年2月 |\n| b | b.txt | B | 2024-03 |\n")
    cat = load_catalog(corpus(tmp_path, index))
    assert [d.date for d in cat.documents] == ["2023-02", "2024-03"]
    assert [p.located for p in cat.problems] == [
        "INDEX.md:7: a: date '2023年2月' read as 2023-02 (ISO dates: YYYY, YYYY-MM or YYYY-MM-DD)"]
