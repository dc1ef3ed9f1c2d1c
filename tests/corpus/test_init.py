"""`corpus init` as a library: the INDEX.md written for a folder of real files, and the
rules that keep a hand-edited INDEX.md safe (--force, --dry-run, --update)."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus_tui.corpus.catalog import parse_index
from corpus_tui.corpus.rawtext import decode
from corpus_tui.corpus.init import init_corpus
from corpus_tui.errors import CorpusError

from made_documents import make_docx, make_html, make_image_pdf, make_pdf, seed_paragraphs

HEADER = "| id | file | title | outlet | date | authors | group | encoding | notes |"


def make_folder(root: Path) -> Path:
    (root / "政策").mkdir(parents=True)
    (root / "reports").mkdir()
    (root / "web").mkdir()
    (root / ".hidden").mkdir()
    (root / "2024-03-05-jiangxi.txt").write_text("竞逐新赛道，江西怎么做？\n\n" + "\n".join(seed_paragraphs("003", 4)) + "\n", "utf-8")
    (root / "政策" / "关于未来产业的意见.md").write_bytes(
        ("前言\n\n# 关于加快未来产业发展的意见\n\n发布时间：2024年1月29日\n\n" + "\n".join(seed_paragraphs("002", 6))).encode("gb18030"))
    (root / "reports" / "20240601_report.pdf").write_bytes(make_pdf(seed_paragraphs("000", 8), title="低空经济报告")[0])
    (root / "reports" / "scan.pdf").write_bytes(make_image_pdf(2))
    (root / "web" / "page.html").write_text(make_html("竞逐新赛道", seed_paragraphs("003", 3), date="2025-11-02"), "utf-8")
    (root / "opeds.docx").write_bytes(make_docx(seed_paragraphs("004", 5), headings={0: "现代化产业体系评论"}))
    (root / ".hidden" / "x.txt").write_text("新赛道", "utf-8")
    (root / "userdict.txt").write_text("新赛道 1000\n", "utf-8")
    (root / "notes.xyz").write_text("新赛道", "utf-8")
    return root


def rows_of(text: str) -> list[str]:
    lines = text.split("\n")
    start = lines.index(HEADER)
    end = lines.index("", start)
    return lines[start + 2:end]


def test_init_writes_one_row_a_file_with_title_date_group_encoding(tmp_path):
    root = make_folder(tmp_path / "corpus")
    result = init_corpus(root, decode)
    text = (root / "INDEX.md").read_text("utf-8")
    assert result.written and result.text == text
    assert rows_of(text) == [
        "| 2024-03-05-jiangxi | 2024-03-05-jiangxi.txt | 竞逐新赛道，江西怎么做？ |  | 2024-03-05 |  |  | utf-8 |  |",
        "| opeds | opeds.docx | 现代化产业体系评论 |  | 2024-05-06 |  |  |  | date from the metadata |",
        "| 20240601-report | reports/20240601_report.pdf | 低空经济报告 |  | 2024-06-01 |  | reports |  |  |",
        "| scan | reports/scan.pdf | scan |  |  |  | reports |  | no text: no text layer in its 2 pages (a scanned PDF? run OCR first, e.g. ocrmypdf) |",
        "| page | web/page.html | 竞逐新赛道 |  | 2025-11-02 |  | web | utf-8 | date from the metadata |",
        "| doc-1 | 政策/关于未来产业的意见.md | 关于加快未来产业发展的意见 |  | 2024-01-29 |  | 政策 | gb18030 | date from a line of the text |",
    ]
    assert result.warnings == ("reports/scan.pdf: no text layer in its 2 pages (a scanned PDF? run OCR first, "
                               "e.g. ocrmypdf); skipped",)
    catalog = parse_index(text, root, root / "INDEX.md")
    assert [p for p in catalog.problems if p.severity == "error"] == []
    assert [d.id for d in catalog.documents] == ["2024-03-05-jiangxi", "opeds", "20240601-report", "scan", "page", "doc-1"]
    assert catalog.document("doc-1").encoding == "gb18030" and catalog.document("page").group == "web"


def test_init_never_overwrites_without_force_and_dry_run_writes_nothing(tmp_path):
    root = make_folder(tmp_path / "c")
    (root / "INDEX.md").write_text("# mine\n", "utf-8")
    with pytest.raises(CorpusError, match=r"INDEX\.md exists; --update adds the new files and keeps your edits"):
        init_corpus(root, decode)
    dry = init_corpus(root, decode, dry_run=True)
    assert not dry.written and (root / "INDEX.md").read_text("utf-8") == "# mine\n"
    assert len(rows_of(dry.text)) == 6
    forced = init_corpus(root, decode, force=True)
    assert forced.written and (root / "INDEX.md").read_text("utf-8") == dry.text
    assert sorted(p.name for p in root.iterdir()) == sorted(
        ["2024-03-05-jiangxi.txt", "INDEX.md", "opeds.docx", "reports", "web", "政策", ".hidden", "userdict.txt", "notes.xyz"])


def test_update_keeps_hand_edits_adds_new_files_reports_gone_ones(tmp_path):
    root = make_folder(tmp_path / "c")
    init_corpus(root, decode)
    edited = (root / "INDEX.md").read_text("utf-8").replace(
        "| opeds | opeds.docx | 现代化产业体系评论 |  |", "| opeds | opeds.docx | 四篇评论（手改） | 光明日报 |")
    assert "四篇评论（手改）" in edited
    edited += "\nMy own notes stay.\n"
    (root / "INDEX.md").write_text(edited, "utf-8")
    (root / "web" / "page.html").unlink()
    (root / "new").mkdir()
    (root / "new" / "opeds.txt").write_text("新赛道\n", "utf-8")
    result = init_corpus(root, decode, update=True)
    text = (root / "INDEX.md").read_text("utf-8")
    assert result.added == 1
    assert rows_of(text)[-1] == "| opeds-2 | new/opeds.txt | 新赛道 |  |  |  | new | utf-8 |  |"
    assert text.replace(rows_of(text)[-1] + "\n", "") == edited
    line = edited.split("\n").index(next(r for r in rows_of(edited) if "web/page.html" in r)) + 1
    assert result.gone == (f"INDEX.md:{line}: web/page.html is gone; its row is kept (delete it by hand if it is no "
                           "longer wanted)",)
    again = init_corpus(root, decode, update=True)
    assert again.added == 0 and not again.written


def test_update_reads_and_keeps_a_gbk_index_with_crlf(tmp_path):
    root = tmp_path / "c"
    root.mkdir()
    (root / "a.txt").write_text("新赛道观察\n", "utf-8")
    index = ("# 语料\r\n\r\n## Files\r\n\r\n| id | file | title | group |\r\n|---|---|---|---|\r\n"
             "| a | a.txt | 新赛道观察（手写） | 新赛道 |\r\n\r\n说明：手写的索引。\r\n")
    (root / "INDEX.md").write_bytes(index.encode("gb18030"))
    (root / "b.txt").write_text("未来产业研究\n", "utf-8")
    result = init_corpus(root, decode, update=True)
    assert result.added == 1
    assert (root / "INDEX.md").read_bytes().decode("gb18030") == index.replace(
        "手写） | 新赛道 |\r\n", "手写） | 新赛道 |\r\n| b | b.txt | 未来产业研究 |  |\r\n")


def test_init_of_a_missing_folder_or_both_force_and_update(tmp_path):
    with pytest.raises(CorpusError, match="is not a folder"):
        init_corpus(tmp_path / "nope", decode)
    with pytest.raises(CorpusError, match="choose one"):
        init_corpus(tmp_path, decode, force=True, update=True)


@pytest.mark.parametrize("text, iso", [
    ("2024-03-05 报告", "2024-03-05"), ("20240305_x", "2024-03-05"), ("2024_3_5", "2024-03-05"),
    ("二〇二四年三月五日", "2024-03-05"), ("二〇二五年十二月三十一日", "2025-12-31"), ("2023年2月", "2023-02"),
    ("2023年2月29日", ""), ("000_52e3b34853073898", ""), ("v2024.3", ""), ("2024.03.05", "2024-03-05"),
    ("202413", ""), ("12024-01-01", ""), ("第2024-13号", ""),
])
def test_dates_found_in_names_and_lines(text, iso):
    from corpus_tui.corpus.extract.dates import iso_date

    assert iso_date(text) == iso


def test_date_line_near_the_top_or_the_closing_date():
    from corpus_tui.corpus.extract.dates import date_in_text

    body = ["关于加快发展的意见", "各省、自治区：", "现将有关事项通知如下。文件编号2019年第5号不是日期行，这一行很长很长很长很长很长。"] + ["正文。"] * 40
    assert date_in_text(body) == ""
    assert date_in_text(body + ["国务院办公厅", "2024年3月5日"]) == "2024-03-05"
    assert date_in_text(["标题", "发布时间：2023-11-02 来源：新华社 作者：某某某某某某某某某"] + body) == "2023-11-02"
