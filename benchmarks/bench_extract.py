"""Extraction speed and CJK correctness per format, ours beside the candidates measured.

    .venv/bin/python benchmarks/bench_extract.py        # pdfminer.six / trafilatura if installed

The documents are the bundled seeds' paragraphs made into a PDF (reportlab, STSong-Light),
a DOCX (python-docx) and 28 HTML pages with a site around the article (tests/corpus/
made_documents.py). MB/s counts the UTF-8 bytes of the extracted text (and of the file for
PDF); best of 3. "ideographs" compares the CJK ideographs extracted with the source's.
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "corpus"))

from made_documents import make_docx, make_html, make_pdf, seed_paragraphs  # noqa: E402

from corpus_tui.corpus.extract import extract  # noqa: E402

_HAN = re.compile(r"[\u4e00-\u9fff]")


def best(fn, n=3):
    out, times = None, []
    for _ in range(n):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return out, min(times)


def report(fmt, name, text, seconds, file_bytes, source):
    mb = len(text.encode()) / 1e6
    han, want = len(_HAN.findall(text)), len(_HAN.findall(source))
    print(f"| {fmt} | {name} | {seconds * 1000:.0f} | {mb / seconds:.2f} | {file_bytes / 1e6 / seconds:.2f} | {han} / {want} |")


def main() -> None:
    paras = [p for k in ("000", "001", "002", "003", "004") for p in seed_paragraphs(k)]
    source = "\n".join(paras)
    print("| format | extractor | ms | MB/s of text | MB/s of file | ideographs got / source |")
    print("|---|---|---:|---:|---:|---:|")
    pdf, _ = make_pdf(paras, lines_per_page=40)
    got, t = best(lambda: extract(pdf, "a.pdf").text)
    report("PDF", "pypdfium2 (ours)", got, t, len(pdf), source)
    try:
        import io

        from pdfminer.high_level import extract_text
        got, t = best(lambda: extract_text(io.BytesIO(pdf)))
        report("PDF", "pdfminer.six", got, t, len(pdf), source)
    except ImportError:
        pass
    docx_bytes = make_docx(paras, headings={i: f"第{i}部分" for i in range(0, len(paras), 30)})
    got, t = best(lambda: extract(docx_bytes, "a.docx").text)
    report("DOCX", "python-docx, style table (ours)", got, t, len(docx_bytes), source)

    def naive():
        import io

        import docx
        return "\n".join(p.style.name + p.text for p in docx.Document(io.BytesIO(docx_bytes)).paragraphs)
    got, t = best(naive, 1)
    report("DOCX", "python-docx, paragraph.style", got, t, len(docx_bytes), source)
    pages = [make_html(f"文章{k}", paras[k:k + 40], headings={0: "一、总体要求"}).encode() for k in range(0, len(paras), 40)]
    size = sum(map(len, pages))
    got, t = best(lambda: "\n".join(extract(p, "a.html").text for p in pages))
    report("HTML", "selectolax/lexbor (ours)", got, t, size, source)
    try:
        import trafilatura
        got, t = best(lambda: "\n".join(trafilatura.extract(p, output_format="markdown", favor_recall=True) or "" for p in pages))
        report("HTML", "trafilatura (markdown)", got, t, size, source)
    except ImportError:
        pass


if __name__ == "__main__":
    main()
