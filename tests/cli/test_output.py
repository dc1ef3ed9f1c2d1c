import io
import json

from rich.cells import cell_len as rich_cell_len

from corpus_tui.cells import cell_len, crop_left, crop_right, pad_left, pad_right
from corpus_tui.results import Table
from corpus_tui.output import for_display, write

from conftest import SEEDS


def test_cjk_is_padded_in_cells_not_characters():
    assert pad_right("中文", 4) == "中文"
    assert pad_right("中文", 6) == "中文  "
    assert pad_left("中文", 5) == " 中文"
    assert cell_len("中文ab“”") == 8


def test_left_context_is_cropped_from_its_left_edge_without_splitting_a_wide_char():
    assert crop_left("未来产业发展", 5) == "发展"
    assert pad_left("未来产业发展", 5) == " 发展"
    assert crop_right("未来产业发展", 5) == "未来"


def test_cell_width_agrees_with_rich_on_every_seed_character():
    chars = set()
    for path in SEEDS.glob("*.txt"):
        chars.update(path.read_text("utf-8"))
    chars -= {"\n", "\t", "\r"}
    disagree = {c for c in chars if cell_len(c) != rich_cell_len(c)}
    assert disagree == set()


def _render(table, fmt, **kw):
    out = io.StringIO()
    write(table, fmt, out, **kw)
    return out.getvalue()


T = Table(("term", "n", "text"), [("新赛道", 3, "a\tb"), ("[bold]x[/]", 12, "\x1b[31mred\x1b[0m")])


def test_tsv_escapes_tabs_and_controls_and_keeps_markup_literal():
    assert _render(T, "tsv") == "term\tn\ttext\n新赛道\t3\ta\\tb\n[bold]x[/]\t12\t\\x1b[31mred\\x1b[0m\n"
    assert _render(T, "tsv", header=False).startswith("新赛道\t3")


def test_csv_and_json_formats():
    assert _render(T, "csv") == 'term,n,text\n新赛道,3,a\tb\n[bold]x[/],12,\\x1b[31mred\\x1b[0m\n'
    rows = json.loads(_render(T, "json"))
    assert rows == [{"term": "新赛道", "n": 3, "text": "a\tb"}, {"term": "[bold]x[/]", "n": 12, "text": "\x1b[31mred\x1b[0m"}]
    assert "\x1b" not in _render(T, "json")
    lines = _render(T, "jsonl").splitlines()
    assert [json.loads(l)["n"] for l in lines] == [3, 12]


def test_table_aligns_in_cells_and_shows_controls_as_pictures():
    out = _render(T, "table")
    assert out == (
        "term         n  text\n"
        "新赛道       3  a b\n"
        "[bold]x[/]  12  ␛[31mred␛[0m\n"
    )


def test_bidi_and_c1_controls_never_reach_the_terminal():
    assert for_display("a\u202eb\x9bc") == "a<U+202E>b<U+009B>c"
    t = Table(("x",), [("a\u202eb\x9b",)])
    for fmt in ("table", "tsv", "csv", "json", "jsonl"):
        s = _render(t, fmt)
        assert "\u202e" not in s and "\x9b" not in s, fmt


def test_no_color_when_not_a_tty_even_with_highlight():
    t = Table(("node",), [("新赛道",)], highlight={"node": "all"})
    assert _render(t, "table") == "node\n新赛道\n"


def test_every_code_point_is_escaped_as_the_control_class_says():
    """The translate tables against the character class they replace, over the whole BMP
    and the first supplementary plane: the same characters escaped, the same way."""
    import re

    from corpus_tui.output import for_display_text, tsv_cell

    control = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
    # what a terminal is shown also makes the invisible characters visible (<U+200B>)
    shown = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029"
                       "\u200b-\u200d\u2060\ufeff\u00ad]")

    def picture(m):
        c = ord(m.group())
        return chr(0x2400 + c) if c < 0x20 else "\u2421" if c == 0x7F else f"<U+{c:04X}>"

    def code(m):
        c = ord(m.group())
        return f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}"

    chars = [chr(c) for c in range(0x20000) if not 0xD800 <= c < 0xE000]
    for i in range(0, len(chars), 4096):
        text = "新" + "|".join(chars[i:i + 4096])
        flat = text.replace("\t", " ").replace("\r", " ").replace("\n", " ")
        assert for_display(text) == shown.sub(picture, flat)
        assert for_display_text(text) == shown.sub(picture, text.replace("\r", "\n"))
        tsv = text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
        assert tsv_cell(text) == control.sub(code, tsv)
        line = json.dumps({"x": text}, ensure_ascii=False)
        out = io.StringIO()
        write(Table(("x",), [(text,)]), "jsonl", out)
        assert out.getvalue() == control.sub(lambda m: f"\\u{ord(m.group()):04x}", line) + "\n"
