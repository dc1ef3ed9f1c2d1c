"""Extraction of real PDF, DOCX and HTML files made here: the text a user searches, the
places a hit names, and one clear reason for a file without text."""

from __future__ import annotations

import io
import zipfile

import pytest

from corpus_tui.corpus.normalize import clean
from corpus_tui.corpus.extract import Extraction, ExtractionError, extract, kind_of, location
from corpus_tui.corpus.extract.pages import strip_repeated

from made_documents import FOOTER, HEADER, NAV, make_docx, make_html, make_image_pdf, make_pdf, seed_paragraphs

TERMS = ("新赛道", "人工智能", "新能源汽车", "低空经济", "未来产业")


def hits(text: str) -> dict[str, int]:
    """Hits as search finds them: on the clean text (wraps joined, blanks folded)."""
    cleaned = clean(text).text
    return {t: cleaned.count(t) for t in TERMS}


def test_kind_follows_the_suffix():
    assert [kind_of(n) for n in ("a.PDF", "b.docx", "c.htm", "d.html", "e.md", "f.txt", "g.doc", "h")] == \
        ["pdf", "docx", "html", "html", "markdown", "text", None, None]


def test_pdf_text_counts_as_the_plain_text_and_loses_headers_and_page_numbers():
    paras = seed_paragraphs("000")
    data, drawn = make_pdf(paras)
    got = extract(data, "report.pdf")
    plain = "\n".join(paras)
    assert hits(got.text) == hits(plain)
    assert hits(plain)["新赛道"] == 36  # the term is really there, cut by wraps more than once
    pages = drawn[-1][0]
    assert pages > 3
    assert HEADER not in got.text and "- 2 -" not in got.text
    assert got.dropped == 2 * pages
    assert got.text.split("\n") == [line.rstrip() for _, _, line in drawn]


def test_pdf_location_names_the_page_and_the_line_a_reader_counts():
    data, drawn = make_pdf(seed_paragraphs("000"))
    got = extract(data, "report.pdf")
    lines = got.text.split("\n")
    for i in (0, 29, 30, 31, len(lines) - 1):
        page, number, text = drawn[i]
        assert lines[i] == text.rstrip()
        col = 5
        assert got.location(i + 1, col) == f"p{page}:{number}:{col}"
    # the header is line 1 of every page, so the first body line is line 2
    assert got.location(31, 1) == "p2:2:1"


def test_pdf_without_header_numbers_from_one():
    data, drawn = make_pdf(seed_paragraphs("003", 6), header=None, page_numbers=False, lines_per_page=10)
    got = extract(data, "a.pdf")
    assert got.dropped == 0
    assert got.pages[:2] == ((1, 1), (11, 1))
    assert got.location(12, 3) == "p2:2:3"


def test_pdf_title_from_its_metadata():
    data, _ = make_pdf(seed_paragraphs("003", 3), title="Microsoft Word - 竞逐新赛道.docx")
    assert extract(data, "a.pdf").title == "竞逐新赛道"


def test_scanned_pdf_is_one_reason_naming_the_file():
    with pytest.raises(ExtractionError) as err:
        extract(make_image_pdf(3), "scans/page.pdf")
    assert str(err.value) == ("scans/page.pdf: no text layer in its 3 pages (a scanned PDF? run OCR first, "
                              "e.g. ocrmypdf); skipped")


def test_encrypted_pdf_is_one_reason_naming_the_file():
    data, _ = make_pdf(seed_paragraphs("003", 3), encrypt="secret")
    with pytest.raises(ExtractionError) as err:
        extract(data, "locked.pdf")
    assert str(err.value) == "locked.pdf: encrypted PDF (a password is needed to open it); skipped"


@pytest.mark.parametrize("data, reason", [
    (b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\n%%EOF", "corrupt or truncated PDF (PDFium: data format error)"),
    (b"<html>not a pdf</html>", "not a PDF (no %PDF header)"),
])
def test_corrupt_pdf_is_one_reason(data, reason):
    with pytest.raises(ExtractionError) as err:
        extract(data, "bad.pdf")
    assert str(err.value) == f"bad.pdf: {reason}; skipped"


def test_docx_paragraphs_headings_and_tables():
    paras = seed_paragraphs("004", 12)
    data = make_docx(paras, headings={0: "现代化产业体系", 6: "二、科技金融"}, title="四篇评论",
                     table=[["指标", "数值"], ["新赛道", "12"]])
    got = extract(data, "opeds.docx")
    lines = got.text.split("\n")
    assert lines[0] == "# 现代化产业体系"
    assert lines[1:7] == paras[:6]
    assert lines[7] == "# 二、科技金融"
    assert lines[-2:] == ["指标\t数值", "新赛道\t12"]
    assert got.title == "四篇评论" and got.pages == ()
    assert hits("\n".join(lines[:-2])) == hits("\n".join(paras))


def test_docx_hits_equal_the_plain_text_on_a_whole_seed():
    paras = seed_paragraphs("000")
    assert hits(extract(make_docx(paras), "a.docx").text) == hits("\n".join(paras))


def test_corrupt_and_empty_docx_are_one_reason_each():
    data = make_docx(["新赛道"])
    broken = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(broken, "w") as dst:
        for item in src.infolist():
            if item.filename != "word/document.xml":
                dst.writestr(item, src.read(item))
    with pytest.raises(ExtractionError, match=r"^a\.docx: corrupt DOCX \(KeyError"):
        extract(broken.getvalue(), "a.docx")
    with pytest.raises(ExtractionError, match=r"^b\.docx: not a DOCX \(not a zip archive\); skipped$"):
        extract(b"hello", "b.docx")
    with pytest.raises(ExtractionError, match=r"^c\.docx: an encrypted DOCX or an old binary Word file"):
        extract(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "c.docx")
    with pytest.raises(ExtractionError, match=r"^d\.docx: no text in the DOCX body"):
        extract(make_docx([]), "d.docx")


def test_html_keeps_headings_and_paragraphs_and_drops_the_site():
    paras = seed_paragraphs("003", 5)
    page = make_html("竞逐新赛道，江西怎么做？", paras, headings={2: "紧紧依托现有产业嵌入新赛道"})
    got = extract(page.encode("utf-8"), "page.html")
    assert got.text.split("\n") == ["# 竞逐新赛道，江西怎么做？", *paras[:2], "## 紧紧依托现有产业嵌入新赛道", *paras[2:]]
    assert got.title == "竞逐新赛道，江西怎么做？"
    assert got.date == "2024-03-05" and got.encoding == "utf-8"
    for boiler in (*NAV, "相关阅读", "分享到", FOOTER, "var td", "color"):
        assert boiler not in got.text or boiler in "".join(paras)


def test_html_navigation_without_class_names_goes_by_link_density():
    got = extract(make_html("标题很长的一篇文章", ["正文一段。"], classless_nav=True).encode(), "a.html")
    assert got.text.split("\n") == ["# 标题很长的一篇文章", "正文一段。"]


def test_html_in_gbk_is_decoded_as_gb18030():
    paras = seed_paragraphs("000", 4)
    page = make_html("江西观察", paras, charset="gb2312").encode("gb18030")
    got = extract(page, "gbk.htm")
    assert got.encoding == "gb18030"
    assert hits(got.text) == hits("\n".join(paras))


def test_html_hits_equal_the_plain_text_on_a_whole_seed():
    paras = seed_paragraphs("004")
    got = extract(make_html("四篇评论", paras).encode(), "a.html")
    assert hits(got.text) == hits("\n".join(paras)) and hits(got.text)["人工智能"] == 22


def test_html_without_body_text_is_one_reason():
    with pytest.raises(ExtractionError, match=r"^e\.html: no text in the page's body"):
        extract(b"<html><head><title>x</title><script>var a=1</script></head><body><nav><a>1</a></nav></body></html>",
                "e.html")


def test_repeated_headers_footers_and_page_numbers_go_body_repeats_stay():
    body = ["甲段", "乙段", "丙段"]
    pages = [["报告 第一章", "", f"正文{body[k]}", "口号", f"结尾{body[k]}", f"第 {k} 页"] for k in range(3)]
    kept, dropped = strip_repeated(pages)
    assert dropped == 6
    assert kept == [(2, ["", f"正文{body[k]}", "口号", f"结尾{body[k]}"]) for k in range(3)]
    # two pages: a page number alone goes, a first line that differs stays
    kept, dropped = strip_repeated([["甲", "一段", "二段", "三段", "1"], ["乙", "四段", "五段", "六段", "2"]])
    assert kept == [(1, ["甲", "一段", "二段", "三段"]), (1, ["乙", "四段", "五段", "六段"])] and dropped == 2


def test_location_without_pages_is_line_and_column():
    assert location((), 7, 3) == "7:3"
    assert Extraction("a\nb", "docx").location(2, 1) == "2:1"
    assert location(((1, 1), (4, 3), (4, 1)), 4, 2) == "p3:1:2"  # page 2 had no text
