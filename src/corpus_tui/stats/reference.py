"""Keyness against a reference corpus: `corpus diff --ref DIR|FILE`.

The reference is another corpus folder (its index is built and cached like any corpus, with
the same tokenizer options) or a frequency list, one ``word<TAB>count`` a line as conc's
ListCorpus takes one. A is this corpus or a part of it. Terms are compared as strings, so the
two vocabularies need not share ids; the keyness table is the one of ``corpus diff --a/--b``
(keyness_of_counts), with every measure.

N of the reference follows the corpus rule: every token but punctuation (unless kept). For a
list that is the sum of its counts without the punctuation entries. A list's words are folded
like the corpus text (full-width letters, spaces between Chinese characters), and entries
that fold to the same word are added.

Tokens only compare when both sides were cut the same way: the tokenizer, its version, HMM,
the normaliser and the user dictionaries of the two indexes are compared and every
difference is said; a list's tokenizer is unknown, and the output says that too.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from corpus_tui.corpus import normalize
from corpus_tui.index.saved import CorpusIndex
from corpus_tui.query.search import Selection
from corpus_tui.records import Record
from corpus_tui.stats import significance as S
from corpus_tui.stats.compare import LL_FORMS, SECTIONS, KeynessResult, _counts, keyness_of_counts
from corpus_tui.stats.frequency import StatsError, TermFilter, VocabFlags, token_ranges
from corpus_tui.stats.measures import keyness_ll
from corpus_tui.tokens.stoplist import is_number, is_punct

# What must agree for two indexes' tokens to be comparable, and how to name each part.
MATCH_PARTS = (("tokenizer", "tokenizer"), ("tokenizer_version", "tokenizer version"), ("hmm", "HMM"),
               ("normalizer", "normaliser"), ("userdicts", "user dictionaries"))


class Reference(Record):
    """The reference side: word -> count, N, and where it came from."""

    __slots__ = ("kind", "path", "counts", "n_words", "entries", "index")

    def __init__(self, kind: str, path: str, counts: dict[str, int], n_words: int, entries: int,
                 index: CorpusIndex | None = None):
        self.kind = kind  # "corpus" or "list"
        self.path, self.counts, self.n_words, self.entries, self.index = path, counts, n_words, entries, index


def read_frequency_list(path: str, keep_punct: bool = False) -> Reference:
    """A ``word<TAB>count`` file (UTF-8; a space may stand for the tab; blank lines, a header line
    and '#' comments skipped, though "#<TAB>3" counts the word #)."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise StatsError(f"--ref {path}: not UTF-8 text; a frequency list is word<TAB>count lines") from None
    except OSError as e:
        raise StatsError(f"--ref {path}: {e.strerror or e}") from None
    counts: Counter = Counter()
    entries = 0
    seen_data = False
    for k, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        word, sep, count = line.rpartition("\t")
        if not sep:
            word, _, count = line.strip().rpartition(" ")
        count = count.strip()
        if line.startswith("#") and not (sep and count.isdigit()):  # a comment; "#<TAB>3" counts the word #
            continue
        if not count.isdigit() or not word.strip():
            if not seen_data and not count.isdigit():  # a header such as "word<TAB>count"
                seen_data = True
                continue
            raise StatsError(f"--ref {path}:{k}: expected word<TAB>count, got {line[:40]!r}")
        seen_data = True
        folded = normalize.fold(word.strip())
        if folded:
            counts[folded] += int(count)
            entries += 1
    if not counts:
        raise StatsError(f"--ref {path}: no word<TAB>count lines")
    n = sum(v for w, v in counts.items() if keep_punct or not is_punct(w))
    if n == 0:
        raise StatsError(f"--ref {path}: the counts sum to 0 word tokens")
    return Reference("list", path, dict(counts), n, entries)


def reference_from_index(idx: CorpusIndex, path: str, filt: TermFilter) -> Reference:
    """The whole reference corpus as word -> count; N as for any corpus."""
    flags = VocabFlags(idx, filt)
    freq = idx.freq.tolist()
    vocab = idx.vocab
    counts = {vocab[i]: f for i, f in enumerate(freq) if f}
    n = sum(freq) - (0 if filt.keep_punct else sum(freq[i] for i in flags.punct_ids))
    if n == 0:
        raise StatsError(f"--ref {path}: the reference corpus has no word tokens")
    return Reference("corpus", path, counts, n, len(counts), idx)


def mismatches(a: CorpusIndex, ref: Reference) -> list[str]:
    """What differs between the two indexes' tokenization, in words; [] when all agree."""
    if ref.index is None:
        return []
    pa, pb = a.meta.get("key_parts", {}), ref.index.meta.get("key_parts", {})
    out = []
    for key, name in MATCH_PARTS:
        va, vb = pa.get(key), pb.get(key)
        if va != vb:
            show = (lambda v: ", ".join(v) if v else "none") if key == "userdicts" else (lambda v: str(v))
            out.append(f"{name}: {show(va)} here, {show(vb)} in the reference")
    return out


def _allowed(word: str, filt: TermFilter) -> bool:
    """The term filters on a word the target corpus has no id for (POS aside)."""
    if is_punct(word) and not filt.keep_punct:
        return False
    if is_number(word) and not is_punct(word) and not filt.keep_numbers:
        return False
    return word not in filt.stopwords and len(word) >= filt.min_len


def keyness_against(idx: CorpusIndex, sel_a: Selection, ref: Reference, filt: TermFilter = TermFilter(),
                    form: str = "4term", min_freq: int = 3, top: int | None = 20, max_p: float | None = None,
                    sections: tuple[str, ...] = SECTIONS, correct: str | None = None) -> KeynessResult:
    """Keyness of A (``sel_a`` of this corpus; empty = all of it) against the reference."""
    if form not in LL_FORMS:
        raise StatsError(f"unknown log-likelihood form {form!r}; choose from {', '.join(LL_FORMS)}")
    if correct is not None and correct not in S.CORRECTIONS:
        raise StatsError(f"unknown correction {correct!r}; choose from {', '.join(S.CORRECTIONS)}")
    if filt.pos and ref.kind == "list":
        raise StatsError("--pos needs part-of-speech tags: a frequency list has none (give a corpus folder)")
    ra = token_ranges(idx, sel_a)
    if not ra:
        raise StatsError("A selects no text")
    flags = VocabFlags(idx, filt)
    ca = _counts(idx, ra)
    c, d = flags.n_words(ca), ref.n_words
    if c == 0:
        raise StatsError("A has no word tokens")
    excluded = flags.excluded_ids()
    check = filt.min_len > 1 or bool(filt.pos)
    vocab = idx.vocab
    counts_a = {vocab[i]: n for i, n in ca.items() if i not in excluded and (not check or flags.ok(i))}
    banned = {vocab[i] for i in ca if vocab[i] not in counts_a}  # A's ids filtered out: the same word on B
    ref_flags = VocabFlags(ref.index, filt) if ref.index is not None else None
    ref_excluded = ref_flags.excluded_ids() if ref_flags is not None else set()
    cands = []
    for w, a in counts_a.items():
        b = ref.counts.get(w, 0)
        if a >= min_freq or b >= min_freq:
            cands.append((w, a, b, keyness_ll(a, b, c, d, form)))
    for w, b in ref.counts.items():
        if b < min_freq or w in counts_a or w in banned:
            continue
        if ref_flags is not None:
            i = ref.index.word_id(w)
            if i in ref_excluded or (check and not ref_flags.ok(i)):
                continue
        elif not _allowed(w, filt):
            continue
        cands.append((w, 0, b, keyness_ll(0, b, c, d, form)))
    return keyness_of_counts(cands, c, d, form, min_freq, top, max_p, sections, correct, 0)
