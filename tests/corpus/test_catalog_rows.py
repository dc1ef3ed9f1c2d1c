"""What the catalogue makes of each INDEX.md row and of a folder without INDEX.md: the exact
documents and articles, every problem with its INDEX.md line and severity, ids derived
from file names, and the paths a change of which must rebuild the catalogue."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus_tui.corpus.catalog import CatalogError, is_text_name, load_catalog, parse_index, parse_ranges
from corpus_tui.corpus.documents import Article, Document

SIX = "一\n二\n三\n四\n五\n六\n七\n八\n九\n十\n十一\n十二\n"


def write(root: Path, index: str | bytes, *names: str) -> Path:
    for name in names:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(SIX, "utf-8")
    data = index.encode("utf-8") if isinstance(index, str) else index
    (root / "INDEX.md").write_bytes(data)
    return root


def located(cat) -> list[tuple[str, str]]:
    return [(p.severity, p.located) for p in cat.problems]


# -- rows of the Files table --------------------------------------------------------------

def test_a_full_files_row_is_read_cell_by_cell(tmp_path):
    index = ("# 语料\n\n## Files\n\n"
             "| id | file | title | outlet | date | authors | group | notes | encoding |\n"
             "|:---|:---:|---:|---|---|---|---|---|---|\n"
             "| d1 | texts/a.txt | 标题甲 | 甲报 | 2024-03-05 | 张三；李四、 王五 ; | 新赛道 | 备注 | gbk |\n"
             "| d2 | b.txt | 乙 |  |  |  |  |  |  |\n")
    root = write(tmp_path, index, "texts/a.txt", "b.txt")
    cat = load_catalog(root)
    assert cat.documents == (
        Document(id="d1", file="texts/a.txt", location=str(root / "texts/a.txt"), title="标题甲", outlet="甲报",
                 date="2024-03-05", authors=("张三", "李四", "王五"), group="新赛道", notes="备注", encoding="gbk", line=7),
        Document(id="d2", file="b.txt", location=str(root / "b.txt"), title="乙", outlet="", date="", authors=(),
                 group="", notes="", encoding=None, line=8),
    )
    assert cat.problems == ()
    assert cat.index_md == str(root / "INDEX.md") and cat.folder == str(root)
    # what decides this catalogue: INDEX.md, each row's path, each folder searched for strays
    assert cat.watched == (str(root / "INDEX.md"), str(root / "b.txt"), str(root / "texts/a.txt"),
                           str(root), str(root / "texts"))


def test_rows_without_a_trailing_pipe_and_a_table_named_by_its_section(tmp_path):
    # a row may leave out the outer pipes; "## files" names the table in any case
    index = "## files\n| id | file\n| --- | ---\n| a | a.txt\n| b | b.txt |\n"
    cat = load_catalog(write(tmp_path, index, "a.txt", "b.txt"))
    assert [(d.id, d.file, d.line) for d in cat.documents] == [("a", "a.txt", 4), ("b", "b.txt", 5)]


def test_a_table_under_another_heading_is_read_by_its_header(tmp_path):
    index = ("# 说明\n\n| 名称 | 说明 |\n|---|---|\n| x | y |\n\n"
             "## 文件列表\n\n| id | file |\n|---|---|\n| a | a.txt |\n\n"
             "## 篇目\n\n| id | file | lines |\n|---|---|---|\n| a-1 | a | 2-3 |\n")
    cat = load_catalog(write(tmp_path, index, "a.txt"))
    assert [d.id for d in cat.documents] == ["a"]
    assert [(a.id, a.doc_id, a.ranges, a.line) for a in cat.articles] == [("a-1", "a", ((2, 3),), 17)]
    assert cat.problems == ()


def test_a_paragraph_ends_a_table(tmp_path):
    # a row after a line of prose starts a new table: it is read as that table's header
    index = "## Files\n\n| id | file |\n|---|---|\n| a | a.txt |\n\n后面是说明。\n| b | b.txt |\n| c | a.txt |\n"
    with pytest.raises(CatalogError) as err:
        load_catalog(write(tmp_path, index, "a.txt", "b.txt"))
    assert str(err.value).startswith("INDEX.md:8: the Files table's header has no 'id' and 'file' column (it has: b, b.txt)")


@pytest.mark.parametrize("row, message", [
    ("|  | a.txt |", "INDEX.md:5: empty id; row refused"),
    ("| a b | a.txt |", "INDEX.md:5: id 'a b' may not contain spaces or | / \\ : , =; row refused"),
    ("| a/b | a.txt |", "INDEX.md:5: id 'a/b' may not contain spaces or | / \\ : , =; row refused"),
    ("| a=1 | a.txt |", "INDEX.md:5: id 'a=1' may not contain spaces or | / \\ : , =; row refused"),
    ("| a |  |", "INDEX.md:5: a: empty file cell; row refused"),
    ("| a | ~/a.txt |", "INDEX.md:5: a: absolute path '~/a.txt' refused; paths are relative to the corpus folder"),
    ("| a | nul\x00.txt |", "INDEX.md:5: a: cannot resolve 'nul\\x00.txt' (bad characters, too long or a loop); "
                            "row refused"),
    ("| a | sub |", "INDEX.md:5: a: file sub is listed but missing; row left out"),
])
def test_each_refused_files_row_is_one_error_on_its_line(tmp_path, row, message):
    (tmp_path / "sub").mkdir()
    cat = parse_index(f"## Files\n\n| id | file |\n|---|---|\n{row}\n| ok | a.txt |\n", write(tmp_path, "", "a.txt"))
    assert [d.id for d in cat.documents] == ["ok"]
    assert located(cat) == [("error", message)]


def test_a_header_missing_two_columns_names_both(tmp_path):
    with pytest.raises(CatalogError) as err:
        parse_index("x\n\n## Files\n| name | path | file-ish |\n|---|---|---|\n| a | a.txt | x |\n", tmp_path)
    assert str(err.value) == ("INDEX.md:4: the Files table's header has no 'id' and 'file' column (it has: name, path, "
                              "file-ish); no row of it can be read: fix the header")


def test_problems_come_in_index_line_order_then_the_unlisted_files(tmp_path):
    index = ("## Articles\n\n| id | file | lines |\n|---|---|---|\n"
             "| a-1 | a | 3-1 |\n| a-2 | a | 1-1 |\n\n"
             "## Files\n\n| id | file | date |\n|---|---|---|\n| a | a.txt | 2024年 |\n| a | b.txt | |\n")
    cat = load_catalog(write(tmp_path, index, "a.txt", "b.txt", "c.txt"))
    assert located(cat) == [
        ("warning", "INDEX.md:5: a-1: lines '3-1' has a reversed range; read as 1-3"),
        ("warning", "INDEX.md:5: a-1: lines 1-3 overlap article a-2's 1-1 (INDEX.md:6)"),
        ("warning", "INDEX.md:12: a: date '2024年' read as 2024 (ISO dates: YYYY, YYYY-MM or YYYY-MM-DD)"),
        ("error", "INDEX.md:13: duplicate id 'a' (first on line 12); row refused"),
        ("warning", "c.txt is not listed in INDEX.md; not indexed"),  # b.txt is: its row's error names it
    ]


def test_a_date_that_is_no_date_keeps_the_row_undated(tmp_path):
    index = "## Files\n\n| id | file | date |\n|---|---|---|\n| a | a.txt | 明年春天 |\n| b | b.txt |  2024-05  |\n"
    cat = load_catalog(write(tmp_path, index, "a.txt", "b.txt"))
    assert [(d.id, d.date) for d in cat.documents] == [("a", ""), ("b", "2024-05")]
    assert [(p.severity, p.line) for p in cat.problems] == [("warning", 5)]
    assert cat.problems[0].message.startswith("a: ") and cat.problems[0].message.endswith("; read as undated")


# -- rows of the Articles table -----------------------------------------------------------

ARTS = "## Files\n\n| id | file | outlet | date | group |\n|---|---|---|---|---|\n| a | a.txt | 甲报 | 2024-01 | 新赛道 |\n\n"


def test_an_article_takes_its_own_cells_or_its_files(tmp_path):
    index = ARTS + ("## Articles\n\n| id | file | lines | title | authors | outlet | date | group |\n"
                    "|---|---|---|---|---|---|---|---|\n"
                    "| a-1 | a | 1-3, 7 – 9 | 一篇 | 甲;乙 | 乙刊 | 2024-02-03 | 未来产业 |\n"
                    "| a-2 | a | 10 |  |  |  |  |  |\n")
    cat = load_catalog(write(tmp_path, index, "a.txt"))
    assert cat.articles == (
        Article(id="a-1", doc_id="a", ranges=((1, 3), (7, 9)), title="一篇", authors=("甲", "乙"), outlet="乙刊",
                date="2024-02-03", group="未来产业", line=11),
        Article(id="a-2", doc_id="a", ranges=((10, 10),), title="", authors=(), outlet="甲报", date="2024-01",
                group="新赛道", line=12),
    )
    assert cat.problems == ()


def test_refused_article_rows(tmp_path):
    index = ARTS + ("## Articles\n\n| id | file | lines |\n|---|---|---|\n"
                    "| a | a | 1-2 |\n"     # line 11: the id is the file's
                    "| a-1 | a | 0-2 |\n"   # line 12: lines count from 1
                    "| a-2 | x | 1-2 |\n"   # line 13
                    "| a-3 | a |  |\n")     # line 14
    cat = load_catalog(write(tmp_path, index, "a.txt"))
    assert cat.articles == ()
    assert located(cat) == [
        ("error", "INDEX.md:11: duplicate id 'a' (first on line 5); row refused"),
        ("error", "INDEX.md:12: a-1: lines '0-2' is not like 12-40 or 31-49,69-73; row refused"),
        ("error", "INDEX.md:13: a-2: file id 'x' is not a listed, present file; row refused"),
        ("error", "INDEX.md:14: a-3: lines '' is not like 12-40 or 31-49,69-73; row refused"),
    ]


def test_touching_ranges_overlap_adjacent_ones_do_not(tmp_path):
    index = ARTS + ("## Articles\n\n| id | file | lines |\n|---|---|---|\n"
                    "| a-1 | a | 1-3 |\n| a-2 | a | 4-6 |\n| a-3 | a | 6-8 |\n")
    cat = load_catalog(write(tmp_path, index, "a.txt"))
    assert located(cat) == [("warning", "INDEX.md:13: a-3: lines 6-8 overlap article a-2's 4-6 (INDEX.md:12)")]


def test_a_range_inside_a_long_one_overlaps_it_whatever_sorts_between(tmp_path):
    index = ARTS + ("## Articles\n\n| id | file | lines |\n|---|---|---|\n"
                    "| a-1 | a | 1-10 |\n| a-2 | a | 2-3 |\n| a-3 | a | 5-6 |\n| a-4 | a | 11-12 |\n")
    cat = load_catalog(write(tmp_path, index, "a.txt"))
    assert located(cat) == [
        ("warning", "INDEX.md:12: a-2: lines 2-3 overlap article a-1's 1-10 (INDEX.md:11)"),
        ("warning", "INDEX.md:13: a-3: lines 5-6 overlap article a-1's 1-10 (INDEX.md:11)"),
    ]


def test_line_ranges():
    assert parse_ranges(" 3 - 5 ,8") == ((3, 5), (8, 8))
    assert parse_ranges("3–5") == ((3, 5),)
    assert parse_ranges("40-12") is None
    assert parse_ranges("40-12", reversed_ok=True) == ((40, 12),)
    assert parse_ranges("1-1") == ((1, 1),)
    for bad in ("0", "0-3", "3-0", "1,,2", "a-b", "1-2-3", "-3"):
        assert parse_ranges(bad) is None, bad
        assert parse_ranges(bad, reversed_ok=True) is None, bad


# -- reading INDEX.md ---------------------------------------------------------------------

def test_a_gbk_index_is_read(tmp_path):
    index = "## Files\n\n| id | file | title |\n|---|---|---|\n| a | a.txt | 发展新质生产力的重要论述与实践路径研究 |\n"
    cat = load_catalog(write(tmp_path, index.encode("gbk"), "a.txt"))
    assert [d.title for d in cat.documents] == ["发展新质生产力的重要论述与实践路径研究"]


def test_an_index_that_is_no_text_is_one_error(tmp_path):
    write(tmp_path, b"\x00\x01\x02 binary")
    with pytest.raises(CatalogError) as err:
        load_catalog(tmp_path)
    assert str(err.value) == (f"cannot read {tmp_path / 'INDEX.md'}: neither UTF-8 nor GB18030/GBK text; "
                              "save it as UTF-8")


def test_an_unreadable_index_is_one_error(tmp_path, monkeypatch):
    write(tmp_path, "")

    def refuse(self):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", refuse)
    with pytest.raises(CatalogError) as err:
        load_catalog(tmp_path)
    assert str(err.value) == f"cannot read {tmp_path / 'INDEX.md'}: Permission denied"


def test_parse_index_without_a_file_has_no_index_path(tmp_path):
    cat = parse_index("", tmp_path)
    assert (cat.index_md, cat.documents, cat.problems, cat.watched) == (None, (), (), (str(tmp_path),))


# -- a folder without INDEX.md ------------------------------------------------------------

def test_ids_derived_from_file_names_stay_unique(tmp_path):
    for name in ("x.txt", "x.md", "x.pdf", "a b.txt", "a-b.txt", "a_b.txt", "---.txt", "++.md", "未来 产业.txt",
                 "sub/x.txt", ".git/y.txt", ".hidden.txt", "sub/.h/z.txt", "userdict.txt", "sub/userdict.txt",
                 "README.md", "Index.MD", "notes.doc"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("一", "utf-8")
    cat = load_catalog(tmp_path)
    got = [(d.id, d.file, d.title) for d in cat.documents]
    assert got == [
        ("doc", "++.md", "++"),
        ("doc-2", "---.txt", "---"),
        ("a-b", "a b.txt", "a b"),
        ("a-b-2", "a-b.txt", "a-b"),
        ("a_b", "a_b.txt", "a_b"),
        ("sub-userdict", "sub/userdict.txt", "userdict"),
        ("sub-x", "sub/x.txt", "x"),
        ("x", "x.md", "x"),
        ("x-2", "x.pdf", "x"),
        ("x-3", "x.txt", "x"),
        ("未来-产业", "未来 产业.txt", "未来 产业"),
    ]
    assert all(d.location == str(tmp_path / d.file) for d in cat.documents)
    assert (cat.index_md, cat.articles, cat.problems) == (None, (), ())


def test_a_derived_id_that_another_file_already_has(tmp_path):
    for name in ("a b.txt", "a-b.txt", "a-b-2.txt"):
        (tmp_path / name).write_text("一", "utf-8")
    assert [(d.id, d.file) for d in load_catalog(tmp_path).documents] == [
        ("a-b", "a b.txt"), ("a-b-2", "a-b-2.txt"), ("a-b-3", "a-b.txt")]


def test_an_empty_folder_is_one_warning(tmp_path):
    (tmp_path / "a.doc").write_text("x", "utf-8")
    cat = load_catalog(tmp_path)
    assert cat.documents == ()
    assert located(cat) == [("warning", f"no INDEX.md and no .txt files in {tmp_path}")]


def test_text_names():
    assert [n for n in ("a.txt", "b.TXT", "c.Md", "d.htm", "e.HTML", "f.docx", "g.pdf") if is_text_name(n)] == [
        "a.txt", "b.TXT", "c.Md", "d.htm", "e.HTML", "f.docx", "g.pdf"]
    for name in (".txt", "txt", "a.doc", "a.txt.bak", "INDEX.md", "index.MD", "README.md", "readme.MD"):
        assert not is_text_name(name), name
    assert is_text_name("README.txt") and is_text_name("x.index.md")


# -- tables with only the required columns, and other spellings -----------------------------

def test_a_table_with_only_the_required_columns_leaves_every_other_field_empty(tmp_path):
    index = ("|id|file|\n|--|--|\n|a|a.txt|\n\n"
             "## Articles\n| id | file | lines |\n|---|---|---|\n| a-1 | a | 2 |\n")
    root = write(tmp_path, index, "a.txt")
    cat = load_catalog(root)
    assert cat.documents == (Document(id="a", file="a.txt", location=str(root / "a.txt"), title="", outlet="",
                                      date="", authors=(), group="", notes="", encoding=None, line=3),)
    assert cat.articles == (Article(id="a-1", doc_id="a", ranges=((2, 2),), title="", authors=(), outlet="",
                                    date="", group="", line=8),)
    assert cat.problems == ()


def test_an_articles_date_is_noted_on_its_own_line(tmp_path):
    index = ARTS + "## Articles\n\n| id | file | lines | date |\n|---|---|---|---|\n| a-1 | a | 1-2 | 2024年3月 |\n"
    cat = load_catalog(write(tmp_path, index, "a.txt"))
    assert cat.articles[0].date == "2024-03"
    assert located(cat) == [
        ("warning", "INDEX.md:11: a-1: date '2024年3月' read as 2024-03 (ISO dates: YYYY, YYYY-MM or YYYY-MM-DD)")]


def test_equal_ranges_overlap_the_one_listed_first(tmp_path):
    index = ARTS + ("## Articles\n\n| id | file | lines |\n|---|---|---|\n"
                    "| b-1 | a | 1-3 |\n| a-1 | a | 1-3 |\n"
                    "| c-1 | a | 5-9 |\n| c-2 | a | 6-9 |\n| c-3 | a | 7-8 |\n")
    cat = load_catalog(write(tmp_path, index, "a.txt"))
    assert located(cat) == [
        ("warning", "INDEX.md:12: a-1: lines 1-3 overlap article b-1's 1-3 (INDEX.md:11)"),
        ("warning", "INDEX.md:14: c-2: lines 6-9 overlap article c-1's 5-9 (INDEX.md:13)"),
        ("warning", "INDEX.md:15: c-3: lines 7-8 overlap article c-1's 5-9 (INDEX.md:13)"),
    ]


def test_the_target_of_a_listed_link_is_no_stray_file(tmp_path):
    (tmp_path / "target.txt").write_text(SIX, "utf-8")
    (tmp_path / "link.txt").symlink_to(tmp_path / "target.txt")
    cat = load_catalog(write(tmp_path, "## Files\n| id | file |\n|---|---|\n| l | link.txt |\n"))
    assert [d.id for d in cat.documents] == ["l"]
    assert cat.problems == ()


def test_refused_absolute_paths_are_not_watched(tmp_path):
    index = "## Files\n| id | file |\n|---|---|\n| a | a.txt |\n| b | /etc/hostname |\n| c | ~/c.txt |\n| d | d.txt |\n"
    root = write(tmp_path, index, "a.txt")
    cat = load_catalog(root)
    assert cat.watched == (str(root / "INDEX.md"), str(root / "a.txt"), str(root / "d.txt"), str(root))


def test_a_derived_id_keeps_its_letters(tmp_path):
    for name in ("X光.txt", "-x-.md", "XX.txt"):
        (tmp_path / name).write_text("一", "utf-8")
    cat = load_catalog(tmp_path)
    assert [(d.id, d.file) for d in cat.documents] == [("x", "-x-.md"), ("XX", "XX.txt"), ("X光", "X光.txt")]
    assert cat.folder == str(tmp_path)


def test_two_reversed_ranges_are_read_back_as_one_list(tmp_path):
    index = ARTS + "## Articles\n\n| id | file | lines |\n|---|---|---|\n| a-1 | a | 4-2,9-7 |\n"
    cat = load_catalog(write(tmp_path, index, "a.txt"))
    assert cat.articles[0].ranges == ((2, 4), (7, 9))
    assert located(cat) == [("warning", "INDEX.md:11: a-1: lines '4-2,9-7' has a reversed range; read as 2-4,7-9")]
