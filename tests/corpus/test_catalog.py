import os
from pathlib import Path

import pytest

from corpus_tui.corpus.catalog import CatalogError, load_catalog, parse_index, parse_ranges, resolve_root

from conftest import REPO, SEEDS


def test_bundled_index_lists_the_five_seeds_with_their_articles():
    cat = load_catalog(REPO)
    assert sorted(d.path.name for d in cat.documents) == sorted(p.name for p in SEEDS.glob("*.txt"))
    per_file = {d.id: len(cat.articles_of(d.id)) for d in cat.documents}
    by_name = {d.path.name[:3]: per_file[d.id] for d in cat.documents}
    assert by_name == {"000": 0, "001": 7, "002": 0, "003": 3, "004": 4}
    assert cat.groups == ["新赛道", "未来产业", "现代化产业体系"] or set(cat.groups) == {"新赛道", "未来产业", "现代化产业体系"}
    assert [p for p in cat.problems if p.severity == "error"] == []


def test_articles_inherit_group_and_outlet_from_their_file(fixture_corpus):
    cat = load_catalog(fixture_corpus)
    b1, b2 = cat.article("beta-1"), cat.article("beta-2")
    assert (b1.group, b1.outlet, b1.ranges) == ("未来产业", "乙刊", ((1, 5),))
    assert (b2.group, b2.outlet, b2.date) == ("未来产业", "丙报", "2026-03")
    assert cat.document("beta").authors == ("李四", "王五")
    assert cat.outlets == ["丙报", "乙刊", "甲报"]


def _index(rows: str, articles: str = "") -> str:
    text = "## Files\n\n| id | file | title | group |\n|---|---|---|---|\n" + rows
    if articles:
        text += "\n## Articles\n\n| id | file | lines | title |\n|---|---|---|---|\n" + articles
    return text


def test_problems_name_their_index_line_and_the_rest_stays_usable(tmp_path):
    (tmp_path / "a.txt").write_text("甲", encoding="utf-8")
    (tmp_path / "b.txt").write_text("乙", encoding="utf-8")
    (tmp_path / "stray.txt").write_text("丙", encoding="utf-8")
    text = _index(
        "| a | a.txt | A | g |\n"          # line 5: fine
        "| a | b.txt | dup | g |\n"        # line 6: duplicate id
        "| m | missing.txt | M | g |\n"    # line 7: missing file
        "| x | ../outside.txt | X | g |\n" # line 8: leaves the folder
        "| y | /etc/passwd | Y | g |\n"    # line 9: absolute
        "| z | b.txt | too | many | cells |\n"  # line 10: malformed
        "| b | b.txt | B | g |\n",          # line 11: fine
        "| a1 | a | 1-x | bad range |\n"     # line 17
        "| a2 | nope | 1-2 | no file |\n",   # line 18
    )
    (tmp_path / "INDEX.md").write_text(text, encoding="utf-8")
    cat = load_catalog(tmp_path)
    assert [d.id for d in cat.documents] == ["a", "b"]
    got = [(p.line, p.severity, p.message.split(";")[0]) for p in cat.problems]
    assert got == [
        (6, "error", "duplicate id 'a' (first on line 5)"),
        (7, "error", "m: file missing.txt is listed but missing"),
        (8, "error", "x: '../outside.txt' leaves the corpus folder"),
        (9, "error", "y: absolute path '/etc/passwd' refused"),
        (10, "error", "row has 5 cells, header has 4"),
        (17, "error", "a1: lines '1-x' is not like 12-40 or 31-49,69-73"),
        (18, "error", "a2: file id 'nope' is not a listed, present file"),
        (None, "warning", "stray.txt is not listed in INDEX.md"),
    ]


def test_symlink_pointing_out_of_the_corpus_is_refused(tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text("外", encoding="utf-8")
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "link.txt").symlink_to(outside)
    (root / "INDEX.md").write_text(_index("| l | link.txt | L | g |\n"), encoding="utf-8")
    cat = load_catalog(root)
    assert cat.documents == ()
    assert "leaves the corpus folder" in cat.problems[0].message


def test_folder_without_index_is_catalogued_from_its_txt_files(tmp_path):
    (tmp_path / "x y.txt").write_text("一", encoding="utf-8")
    (tmp_path / "deep").mkdir()
    (tmp_path / "deep" / "z.txt").write_text("二", encoding="utf-8")
    cat = load_catalog(tmp_path)
    assert [(d.id, d.file, d.title) for d in cat.documents] == [("deep-z", "deep/z.txt", "z"), ("x-y", "x y.txt", "x y")]


def test_line_ranges_accept_lists():
    assert parse_ranges("31-49,69-73") == ((31, 49), (69, 73))
    assert parse_ranges("7") == ((7, 7),)
    assert parse_ranges("9-3") is None
    assert parse_ranges("") is None


def test_corpus_location_order(tmp_path, monkeypatch):
    (tmp_path / "INDEX.md").write_text("", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert resolve_root(None) == tmp_path
    other = tmp_path / "other"
    other.mkdir()
    monkeypatch.setenv("CORPUS_TUI_CORPUS", str(other))
    assert resolve_root(None) == other
    assert resolve_root(str(tmp_path)) == tmp_path
    with pytest.raises(CatalogError, match="corpus folder not found"):
        resolve_root(str(tmp_path / "nope"))


def test_parser_raises_only_its_own_error_type_on_garbage(tmp_path):
    for text in ["|", "| id |\n|---|\n| |", "## Articles\n| id | file | lines |\n| a | b |", "\x00|||\n|id|file|\n|a|../../x|"]:
        cat = parse_index(text, tmp_path)
        assert cat.documents == ()


def test_real_paths_match_path_resolve(tmp_path):
    """RealPaths (one lstat a file) gives what Path.resolve() gives, symlinks included."""
    from corpus_tui.corpus.paths import RealPaths

    real = tmp_path / "real"
    (real / "sub").mkdir(parents=True)
    (real / "sub" / "a.txt").write_text("一", encoding="utf-8")
    (real / "b.txt").write_text("二", encoding="utf-8")
    (tmp_path / "dirlink").symlink_to(real)
    (real / "sub" / "filelink.txt").symlink_to(real / "b.txt")
    (real / "loop1.txt").symlink_to(real / "loop2.txt")
    (real / "loop2.txt").symlink_to(real / "loop1.txt")
    (real / "dangling.txt").symlink_to(real / "nowhere.txt")
    cases = [real / "sub" / "a.txt", tmp_path / "dirlink" / "sub" / "a.txt", tmp_path / "dirlink" / "sub" / "filelink.txt",
             tmp_path / "dirlink" / "sub" / ".." / "b.txt", tmp_path / "dirlink" / "missing.txt",
             tmp_path / "dirlink" / "sub" / "..", real / "dangling.txt", tmp_path / "nodir" / "x.txt",
             real / "sub" / "a.txt" / "under-a-file.txt"]
    paths = RealPaths()
    for p in cases:
        assert paths.real(p) == str(p.resolve()), p
        assert paths.is_file(p) == p.is_file(), p
    with pytest.raises(RuntimeError):
        (real / "loop1.txt").resolve()
    with pytest.raises(RuntimeError):
        paths.real(real / "loop1.txt")
    with pytest.raises(ValueError):
        paths.real(str(real / "nul\0.txt"))


def test_unlisted_txt_files_are_found_beside_listed_ones(tmp_path):
    (tmp_path / "texts").mkdir()
    for name in ("a.txt", "b.txt", ".hidden.txt", "c.TXT", "notes.md"):
        (tmp_path / "texts" / name).write_text("一", encoding="utf-8")
    (tmp_path / "texts" / "d.txt").mkdir()  # a folder named like a text is not a text
    (tmp_path / "INDEX.md").write_text(_index("| a | texts/a.txt | A | g |\n"), encoding="utf-8")
    cat = load_catalog(tmp_path)
    assert [p.message for p in cat.problems] == [
        "texts/.hidden.txt is not listed in INDEX.md; not indexed",
        "texts/b.txt is not listed in INDEX.md; not indexed",
        "texts/c.TXT is not listed in INDEX.md; not indexed",
        "texts/notes.md is not listed in INDEX.md; not indexed"]


def test_the_corpus_user_dictionary_is_neither_a_text_nor_a_stray_file(tmp_path):
    # userdict.txt beside INDEX.md holds jieba words (README); only the root's is special.
    (tmp_path / "sub").mkdir()
    for name in ("a.txt", "userdict.txt", "sub/userdict.txt"):
        (tmp_path / name).write_text("一 5 n\n", encoding="utf-8")
    assert [d.file for d in load_catalog(tmp_path).documents] == ["a.txt", "sub/userdict.txt"]
    (tmp_path / "INDEX.md").write_text(_index("| a | a.txt | A | g |\n"), encoding="utf-8")
    assert [p.message for p in load_catalog(tmp_path).problems] == []
    (tmp_path / "b.txt").write_text("一", encoding="utf-8")
    assert [p.message for p in load_catalog(tmp_path).problems] == ["b.txt is not listed in INDEX.md; not indexed"]


def test_resolve_root_str_names_the_folder_resolve_root_names(tmp_path, monkeypatch):
    """TAB completion's pathlib-free resolve_root_str agrees with resolve_root, errors too."""
    from corpus_tui.corpus.root import resolve_root_str

    (tmp_path / "home" / "corpus").mkdir(parents=True)
    (tmp_path / "home" / "corpus" / "INDEX.md").write_text(_index(""), encoding="utf-8")
    (tmp_path / "home" / "link").symlink_to(tmp_path / "home" / "corpus")
    (tmp_path / "home" / "a.txt").write_text("一", encoding="utf-8")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.chdir(tmp_path / "home")
    for given in ("corpus", "corpus/", "./corpus", "~/corpus", "link", "link/../corpus", "corpus/INDEX.md",
                  str(tmp_path / "home" / "corpus")):
        assert os.path.realpath(resolve_root_str(given)) == str(resolve_root(given).resolve()), given
        monkeypatch.setenv("CORPUS_TUI_CORPUS", given)
        assert os.path.realpath(resolve_root_str(None)) == str(resolve_root(None).resolve()), given
        monkeypatch.delenv("CORPUS_TUI_CORPUS")
    for given in ("missing", "a.txt"):
        with pytest.raises(CatalogError) as via_str:
            resolve_root_str(given)
        with pytest.raises(CatalogError) as via_path:
            resolve_root(given)
        assert str(via_str.value) == str(via_path.value)
