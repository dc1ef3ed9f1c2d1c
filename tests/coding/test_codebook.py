"""The codebook: TOML in, codes out; every mistake one line naming the file and the code."""

from __future__ import annotations

import pytest

from corpus_tui.coding import codebook
from corpus_tui.coding.codebook import Code, CodebookError


def test_the_example_is_a_valid_codebook_of_three_codes():
    book = codebook.parse(codebook.EXAMPLE, "codebook.toml")
    assert book.codes == (
        Code("积极", 1, "the term framed as an opportunity"),
        Code("谨慎", 2, "the term framed with caution: risks, limits, conditions"),
        Code("中性", 3, "the term named without a judgement"),
    )
    assert book.by_key(2).name == "谨慎"
    assert book.by_key(9) is None
    assert book.by_name("中性").key == 3


def test_init_writes_the_example_once(tmp_path):
    path = codebook.write_example(tmp_path / "codebook.toml")
    assert path.read_text(encoding="utf-8") == codebook.EXAMPLE
    assert codebook.load(path).names == ("积极", "谨慎", "中性")
    path.write_text('[[code]]\nname = "x"\nkey = 1\n', encoding="utf-8")
    with pytest.raises(CodebookError) as err:
        codebook.write_example(path)
    assert str(err.value) == f"{path} exists; edit it, or overwrite it with --force"
    assert codebook.load(path).names == ("x",)  # kept
    codebook.write_example(path, force=True)
    assert codebook.load(path).names == ("积极", "谨慎", "中性")


BAD = [
    ('[[code]]\nname = "a"\nkey = 1\n[[code]]\nname = "b"\nkey = 1\n',
     "cb.toml: code 2 ('b'): key 1 is already used by 'a'"),
    ('[[code]]\nname = "a"\nkey = 1\n[[code]]\nname = "a"\nkey = 2\n',
     "cb.toml: code 2 ('a'): the name is already used by code 1"),
    ('[[code]]\nname = "a"\nkey = 10\n', "cb.toml: code 1 ('a'): key 10 is not a digit 1-9"),
    ('[[code]]\nname = "a"\nkey = 0\n', "cb.toml: code 1 ('a'): key 0 is not a digit 1-9"),
    ('[[code]]\nname = "a"\nkey = "1"\n', "cb.toml: code 1 ('a'): key '1' is not a digit 1-9"),
    ('[[code]]\nname = "a"\nkey = true\n', "cb.toml: code 1 ('a'): key True is not a digit 1-9"),
    ('[[code]]\nname = "a"\n', "cb.toml: code 1 ('a'): needs a key (1-9)"),
    ('[[code]]\nkey = 1\n', "cb.toml: code 1: needs a name (a non-empty string)"),
    ('[[code]]\nname = "  "\nkey = 1\n', "cb.toml: code 1: needs a name (a non-empty string)"),
    ('[[code]]\nname = "a\\tb"\nkey = 1\n',
     "cb.toml: code 1 ('a\\tb'): the name has a tab, newline, control character or edge space"),
    ('[[code]]\nname = "a"\nkey = 1\ncolour = "red"\n',
     "cb.toml: code 1 ('a'): unknown field 'colour'; a code has name, key and description"),
    ('[[code]]\nname = "a"\nkey = 1\ndescription = 3\n', "cb.toml: code 1 ('a'): description must be a string"),
    ('title = "x"\n[[code]]\nname = "a"\nkey = 1\n',
     "cb.toml: unknown table or key 'title'; a codebook has only [[code]] tables"),
    ('', "cb.toml: no [[code]] table; see `corpus code init` for an example"),
    ('[code]\nname = "a"\n', "cb.toml: `code` must be an array of tables, written [[code]]"),
    ('[[code]]\nname = 积极\n',
     "cb.toml: not valid TOML: Invalid value (at line 2, column 8)"),
]


@pytest.mark.parametrize(("text", "message"), BAD)
def test_every_mistake_is_one_line_naming_file_and_code(text, message):
    with pytest.raises(CodebookError) as err:
        codebook.parse(text, "cb.toml")
    assert str(err.value) == message
    assert "\n" not in str(err.value)


def test_description_whitespace_is_folded_to_one_line():
    book = codebook.parse('[[code]]\nname = "a"\nkey = 4\ndescription = """two\n  lines"""\n')
    assert book.codes == (Code("a", 4, "two lines"),)


def test_unknown_code_names_the_known_ones():
    book = codebook.parse(codebook.EXAMPLE, "cb.toml")
    with pytest.raises(CodebookError) as err:
        book.by_name("消极")
    assert str(err.value) == "unknown code '消极'; the codebook cb.toml has: 积极, 谨慎, 中性"


def test_load_reports_a_missing_or_undecodable_file(tmp_path):
    with pytest.raises(CodebookError) as err:
        codebook.load(tmp_path / "none.toml")
    assert str(err.value) == f"codebook not found: {tmp_path / 'none.toml'} (write an example with: corpus code init)"
    bad = tmp_path / "gbk.toml"
    bad.write_bytes('[[code]]\nname = "积极"\nkey = 1\n'.encode("gbk"))
    with pytest.raises(CodebookError) as err:
        codebook.load(bad)
    assert str(err.value) == f"codebook {bad}:2: not UTF-8 text (byte 17); convert it, e.g. iconv -f gb18030 -t utf-8"
    with pytest.raises(CodebookError) as err:
        codebook.load("/dev/zero")
    assert str(err.value) == "codebook: /dev/zero is larger than 1 MB"


def test_locate_prefers_option_then_working_folder_then_user_config(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    work = tmp_path / "work"
    work.mkdir()
    config = tmp_path / "config" / "corpus-tui" / "codebook.toml"
    with pytest.raises(CodebookError) as err:
        codebook.locate(None, work)
    assert str(err.value) == (f"no codebook: none given with --codebook, no codebook.toml here nor at {config} "
                              "(write one with: corpus code init)")
    codebook.write_example(config)
    assert codebook.locate(None, work) == config
    codebook.write_example(work / "codebook.toml")
    assert codebook.locate(None, work) == work / "codebook.toml"
    assert codebook.locate(tmp_path / "other.toml", work) == tmp_path / "other.toml"
