"""Real PDF, DOCX and HTML files made by the tests, with the plain text they hold.

reportlab's built-in CID font STSong-Light writes Chinese without a font file (the glyphs
are the viewer's; the text layer is exact); python-docx writes the DOCX; the HTML pages
carry a site's menus, breadcrumbs, side bar, share buttons and footer around the article.
"""

from __future__ import annotations

import datetime
import html
import io

from pathlib import Path

SEEDS = Path(__file__).resolve().parents[2] / "seeds"

HEADER = "中信建投证券 行业深度报告"


def seed_paragraphs(name: str = "000", limit: int | None = None) -> list[str]:
    path = next(SEEDS.glob(f"{name}_*.txt"))
    paras = [line.strip() for line in path.read_text("utf-8").splitlines() if line.strip() and line.strip() != "---"]
    return paras[:limit] if limit else paras


CLOSING = "。，、；：？！”’）》」』"


def wrapped(paragraphs: list[str], width: int = 38) -> list[str]:
    """The paragraphs cut into lines of ``width`` characters, as a PDF sets them: a closing
    mark never starts a line (it hangs at the end of the line before, as typesetters do)."""
    lines = []
    for p in paragraphs:
        i = 0
        while i < len(p):
            j = i + width
            while j < len(p) and p[j] in CLOSING:
                j += 1
            lines.append(p[i:j])
            i = j
    return lines


def make_pdf(paragraphs: list[str], *, lines_per_page: int = 30, header: str | None = HEADER, page_numbers: bool = True,
             title: str = "", encrypt: str | None = None) -> tuple[bytes, list[tuple[int, int, str]]]:
    """A PDF of the wrapped paragraphs, a running header and a page number on every page.
    Returns the bytes and, for every body line, (page, line number on the page as drawn from
    the top, counting the header as line 1 when there is one, text)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1, encrypt=encrypt)
    if title:
        c.setTitle(title)
    width, height = A4
    lines = wrapped(paragraphs)
    drawn = []
    for k, start in enumerate(range(0, len(lines), lines_per_page), 1):
        first = 1
        if header:
            c.setFont("STSong-Light", 9)
            c.drawString(60, height - 40, header)
            first = 2
        c.setFont("STSong-Light", 12)
        y = height - 80
        for n, line in enumerate(lines[start:start + lines_per_page]):
            c.drawString(60, y, line)
            drawn.append((k, first + n, line))
            y -= 18
        if page_numbers:
            c.setFont("STSong-Light", 9)
            c.drawString(width / 2, 30, f"- {k} -")
        c.showPage()
    c.save()
    return buf.getvalue(), drawn


def make_image_pdf(pages: int = 2) -> bytes:
    """A 'scanned' PDF: drawings only, no text layer."""
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, invariant=1)
    for _ in range(pages):
        c.rect(50, 50, 300, 400, fill=1)
        c.showPage()
    c.save()
    return buf.getvalue()


def make_docx(paragraphs: list[str], *, headings: dict[int, str] | None = None, title: str = "",
              table: list[list[str]] | None = None, created: datetime.datetime | None = None) -> bytes:
    """A DOCX; ``created`` replaces the creation date python-docx's template carries (2013)."""
    import docx

    document = docx.Document()
    document.core_properties.created = created or datetime.datetime(2024, 5, 6, 9, 30)
    if title:
        document.core_properties.title = title
    for i, para in enumerate(paragraphs):
        if headings and i in headings:
            document.add_heading(headings[i], level=1)
        document.add_paragraph(para)
    if table:
        t = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for k, value in enumerate(row):
                t.cell(r, k).text = value
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


NAV = ["首页", "政策", "解读", "新闻发布", "互动交流", "服务", "数据"]
FOOTER = "版权所有：中国政府网 | 主办单位：国务院办公厅"


def make_html(title: str, paragraphs: list[str], *, headings: dict[int, str] | None = None, charset: str = "utf-8",
              date: str = "2024-03-05", classless_nav: bool = False) -> str:
    links = "".join(f'<li><a href="/p{i}">{t}</a></li>' for i, t in enumerate(NAV))
    nav = f"<ul>{links}</ul>" if classless_nav else f'<div class="header"><div class="logo">中国政府网</div><ul class="nav">{links}</ul></div>'
    body = []
    for i, para in enumerate(paragraphs):
        if headings and i in headings:
            body.append(f"<h2>{html.escape(headings[i])}</h2>")
        body.append(f"<p>\n  {html.escape(para)}\n</p>")
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="{charset}"><title>{html.escape(title)}_政策_中国政府网</title>
<meta name="PubDate" content="{date} 10:00"><style>.nav td div {{ color: red }}</style>
<script>var td = "<div class='x'>新赛道</div>";</script></head>
<body>{nav}
<div class="breadcrumb"><a href="/">首页</a> &gt; <a href="/zc">政策</a> &gt; 正文</div>
<div class="main"><div class="article"><h1>{html.escape(title)}</h1>
<div class="pages_content">{''.join(body)}</div></div>
<div class="sidebar"><h3>相关阅读</h3><ul><li><a href="/x">新赛道观察</a></li><li><a href="/y">未来产业解读</a></li></ul></div></div>
<table class="share"><tr><td>分享到微信</td><td>分享到微博</td></tr></table>
<div id="footer"><p>{FOOTER}</p></div>
</body></html>"""
