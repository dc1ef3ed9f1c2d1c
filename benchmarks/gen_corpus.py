"""Scale corpora for the benchmarks: the seed sentences resampled with a fixed random seed.

    python benchmarks/gen_corpus.py OUTDIR --mb 10 [--seed 20260101] [--vocab zipf|seeds]

The sentences of the bundled seeds/*.txt (lines joined within a file, split after 。！？)
are drawn with replacement by random.Random(seed) and written as paragraphs of 2-6
sentences, one paragraph a line, into files of at most 2 MB (at least 4 files, so a
2-process build has work for both workers), with an INDEX.md whose files fall into three
groups. The same seed, size and vocabulary always give the same bytes.

--vocab seeds (the first mode, the default of ``generate``): the sentences as they are,
so the vocabulary is the seeds' (about 5 000 types) at any size and vocabulary-bound costs
are optimistic. --vocab zipf (the default of this command and of benchmarks/run.py): each
sentence's names, rare nouns, numbers and Latin words are drawn from growing Zipfian
lexicons (benchmarks/vocabulary.py), so new types keep appearing as in a real archive
(at 100 MB the index holds 216 720 types, jieba's count, where the seeds mode has ~5 000).
Never committed: the benchmark writes these into a temp folder.
"""

from __future__ import annotations

import argparse
import random
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
GROUPS = ("新赛道", "未来产业", "现代化产业体系")
_SPLIT = re.compile(r"(?<=[。！？])")
_MARKER = re.compile(r"^\s*(?:-\s*){3,}$")


def seed_sentences(seeds: Path = SEEDS) -> list[str]:
    out: list[str] = []
    for path in sorted(seeds.glob("*.txt")):
        lines = [ln.strip() for ln in path.read_text("utf-8").splitlines()]
        text = "".join(ln for ln in lines if ln and not _MARKER.match(ln) and not ln.startswith("#"))
        out.extend(s for s in (p.strip() for p in _SPLIT.split(text)) if len(s) >= 4)
    return out


VOCABS = ("seeds", "zipf")


def generate(outdir: Path, megabytes: float, seed: int = 20260101, vocab: str = "seeds") -> Path:
    """Write OUTDIR/INDEX.md and OUTDIR/texts/*.txt (about ``megabytes`` MB of UTF-8); return OUTDIR.

    Skipped when OUTDIR already holds a corpus made with the same size, seed and vocabulary."""
    if vocab not in VOCABS:
        raise ValueError(f"vocab must be one of {VOCABS}")
    stamp = outdir / ".generated"
    want = f"{megabytes} {seed}" + ("" if vocab == "seeds" else f" {vocab}")
    if stamp.is_file() and stamp.read_text() == want:
        return outdir
    rng = random.Random(seed)
    sentences = seed_sentences()
    if vocab == "zipf":
        from vocabulary import Vocabulary

        outdir.mkdir(parents=True, exist_ok=True)
        draw = Vocabulary(sentences, seed, cache_dir=outdir).sentence
    else:
        def draw(rng: random.Random) -> str:
            return rng.choice(sentences)
    target = int(megabytes * 1_000_000)
    n_files = max(4, -(-target // 2_000_000))
    per_file = target // n_files
    texts = outdir / "texts"
    texts.mkdir(parents=True, exist_ok=True)
    for old in texts.glob("*.txt"):
        old.unlink()
    rows = []
    for f in range(n_files):
        lines, size = [], 0
        while size < per_file:
            para = "".join(draw(rng) for _ in range(rng.randint(2, 6)))
            lines.append(para)
            size += len(para.encode("utf-8")) + 1
        name = f"texts/s{f:03d}.txt"
        (outdir / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
        rows.append(f"| s{f:03d} | {name} | synthetic {f} |  |  |  | {GROUPS[f % 3]} |  |")
    index = [
        f"# Synthetic corpus: {megabytes} MB of resampled seed sentences (seed {seed}, vocabulary {vocab})",
        "",
        "## Files",
        "",
        "| id | file | title | outlet | date | authors | group | notes |",
        "|---|---|---|---|---|---|---|---|",
        *rows,
        "",
    ]
    (outdir / "INDEX.md").write_text("\n".join(index), encoding="utf-8")
    stamp.write_text(want)
    return outdir


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("outdir", type=Path)
    ap.add_argument("--mb", type=float, required=True)
    ap.add_argument("--seed", type=int, default=20260101)
    ap.add_argument("--vocab", choices=VOCABS, default="zipf",
                    help="zipf: growing Zipfian lexicons of names, nouns, numbers (default); seeds: the seeds' words only")
    args = ap.parse_args()
    out = generate(args.outdir, args.mb, args.seed, args.vocab)
    size = sum(p.stat().st_size for p in (out / "texts").glob("*.txt"))
    print(f"{out}: {size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
