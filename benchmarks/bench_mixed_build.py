"""Build time of a ~10 MB mixed corpus: the seeds' sentences resampled (fixed seed) into
equal shares of .txt, .pdf, .docx and .html files.

    .venv/bin/python benchmarks/bench_mixed_build.py [MB] [--tokenizer rjieba]

Prints the text size per format, the time `corpus init` takes, a cold `corpus index` (empty
cache: every PDF, DOCX and page extracted), and `corpus index --rebuild` with the
extractions cached (what an edit of INDEX.md or a new user dictionary costs).
"""

from __future__ import annotations

import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "corpus"))

from made_documents import make_docx, make_html, make_pdf, seed_paragraphs  # noqa: E402

FILE_BYTES = 250_000  # UTF-8 bytes of text a file


def paragraphs(rng: random.Random, sentences: list[str], size: int) -> list[str]:
    out, n = [], 0
    while n < size:
        para = "".join(rng.choice(sentences) for _ in range(rng.randint(2, 6)))
        out.append(para)
        n += len(para.encode())
    return out


def main() -> None:
    args = sys.argv[1:]
    mb = float(args[0]) if args and not args[0].startswith("-") else 10.0
    extra = args[args.index("--tokenizer"):args.index("--tokenizer") + 2] if "--tokenizer" in args else []
    rng = random.Random(16)
    text = "".join(p for k in ("000", "001", "002", "003", "004") for p in seed_paragraphs(k))
    sentences = [s for s in re.findall(r"[^。！？]*[。！？]", text) if len(s) > 4]
    root = Path(tempfile.mkdtemp(prefix="mixed-")) / "corpus"
    root.mkdir()
    cache = root.parent / "cache"
    total = {"txt": 0, "pdf": 0, "docx": 0, "html": 0}
    n_files = max(4, round(mb * 1e6 / FILE_BYTES))
    t0 = time.perf_counter()
    for i in range(n_files):
        kind = ("txt", "pdf", "docx", "html")[i % 4]
        paras = paragraphs(rng, sentences, FILE_BYTES)
        total[kind] += sum(len(p.encode()) for p in paras)
        path = root / kind / f"{2020 + i % 6}-{1 + i % 12:02d}-{1 + i % 28:02d}-{kind}{i}.{kind}"
        path.parent.mkdir(exist_ok=True)
        if kind == "txt":
            path.write_text("\n".join(paras) + "\n", "utf-8")
        elif kind == "pdf":
            path.write_bytes(make_pdf(paras, lines_per_page=40)[0])
        elif kind == "docx":
            path.write_bytes(make_docx(paras))
        else:
            path.write_text(make_html(f"文章{i}", paras), "utf-8")
    made = time.perf_counter() - t0
    print(f"corpus: {root} ({n_files} files, made in {made:.1f} s)")
    print("text MB per format: " + ", ".join(f"{k} {v / 1e6:.2f}" for k, v in total.items()),
          f"(total {sum(total.values()) / 1e6:.2f})")
    corpus = [sys.executable, "-m", "corpus_tui"]
    env_cmd = ["--cache-dir", str(cache), *extra]
    for label, argv in (("corpus init", [*corpus, "init", str(root)]),
                        ("corpus index, cold", [*corpus, "index", "--corpus", str(root), *env_cmd]),
                        ("corpus index --rebuild, extractions cached", [*corpus, "index", "--rebuild", "--corpus", str(root), *env_cmd])):
        t0 = time.perf_counter()
        done = subprocess.run(argv, capture_output=True, text=True)
        took = time.perf_counter() - t0
        if done.returncode:
            raise SystemExit(f"{label} failed: {done.stderr}")
        print(f"{label}: {took:.2f} s")


if __name__ == "__main__":
    main()
