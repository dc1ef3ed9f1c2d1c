"""Statistics results -> Tables: the one place their columns, rounding and notes are decided.

The CLI (cli/stats_commands.py) and the TUI's statistics tabs both print these tables, so a number,
a column name or a formula note can never differ between the two front ends.
"""

from __future__ import annotations

import math

from corpus_tui.results import Table
from corpus_tui.stats.sides import SECTIONS  # noqa: F401 (the TUI and the CLI read it here)

EXPLAIN = ("o11", "o12", "o21", "o22", "e11")
COOC_COLUMNS = ("rank", "collocate", "cooc", "left", "right", "collocate_freq", "mi", "mi3", "t_score", "z_score",
                "log_dice", "ll", "p_value", "dice", "delta_p_cn", "delta_p_nc")
# The window-area table, said once for cooc and diff --terms (issue 23: not "node frequency × span").
WINDOW_AREA_TEXT = ("distinct word-token positions in the union of the node's windows: overlapping windows "
                    "count once, a window stops at its file/article end (or is the sentence); not f(n) × span")
LOG_DICE_TEXT = ("log_dice = 14 + log2(2·f(n,c)/(f(n)+f(c))) and dice = 2·f(n,c)/(f(n)+f(c)) as Rychlý 2008 / "
                 "Sketch Engine: f(n) = node occurrences, f(c) = collocate_freq, f(n,c) = cooc "
                 "(at most 14 while cooc ≤ f(n))")


def rnd(x):
    """Round a float for printing (4 decimals, the same in every format); keep ints, nan, inf."""
    if isinstance(x, float) and math.isfinite(x):
        return round(x, 4) + 0.0  # + 0.0: a -0.00001 prints 0, not -0
    return x


def rnd_p(x):
    """A p-value to 4 significant digits (4 decimals would print most keyword p-values as 0)."""
    if isinstance(x, float) and math.isfinite(x):
        return float(f"{x:.4g}")
    return x


def selection_text(docs, groups, outlets, dates=None) -> str:
    bits = [f"doc={','.join(docs)}" if docs else "", f"group={','.join(groups)}" if groups else "",
            f"outlet={','.join(outlets)}" if outlets else "", dates.describe() if dates is not None else ""]
    return " ".join(b for b in bits if b) or "whole corpus"


def freq_table(res, top, min_freq, ngram, by, filt_text, sel_text, forms: dict | None = None) -> Table:
    """The `corpus freq` table from a stats.frequency.frequencies result; ``forms``
    (stats.frequency.forms_seen) adds the forms each folded term had in the raw text."""
    cols = ["rank", "term", "freq", "per_10k", "files", "articles", "dp", "dp_norm", "juilland_d"]
    if by:
        cols += [f"freq:{p}" for p in res.parts]
    rows = [(r.rank, r.term, r.freq, rnd(r.per_10k), r.files, r.articles, rnd(r.dp), rnd(r.dp_norm),
             rnd(r.juilland_d), *r.by) for r in res.rows]
    forms = forms if ngram == 1 else None
    if forms is not None:
        cols.append("forms")
        rows = [(*row, forms.get(r.term, r.term)) for row, r in zip(rows, res.rows)]
    unit = "n-grams" if ngram > 1 else "terms"
    sizes = ", ".join(f"{p} {n}" for p, n in zip(res.parts, res.part_sizes))
    notes = (
        f"{len(rows)} of {res.total_rows} {unit} shown ({res.types} {unit} pass the filters); selection: "
        f"{sel_text}; N = {res.n_tokens} word tokens ({res.all_tokens} tokens with punctuation)",
        "per_10k = 10000·freq/N; files/articles = number of the selection's files / articles (a file without "
        f"article rows counts as one) where the term occurs ({res.n_files} files, {res.n_articles} articles)",
        f"dp = Gries' DP = ½·Σ|v_i − s_i|; dp_norm = DP/(1 − min s_i) (Lijffijt & Gries 2012, 0–1); "
        f"juilland_d = Juilland's D = 1 − CV/√(n−1) (population SD); "
        f"across {len(res.parts)} {res.dispersion_by} parts ({sizes} word tokens)",
        f"options: top={top} min_freq={min_freq} ngram={ngram} by={by or '-'}; {filt_text}",
    )
    if forms is not None:
        notes += ("scripts folded: a term counts every form that folds to it (未來產業 as 未来产业, 人工智慧 as "
                  "人工智能); forms = each form in the raw text with its count in the whole corpus",)
    return Table(tuple(cols), rows, title="", notes=notes)


def pattern_freq_table(idx, pattern, slot, sel, top, min_freq, sel_text) -> Table:
    """`corpus freq --cql PATTERN [--slot N]`: what the matches (or one slot of them) hold."""
    from corpus_tui.query.pattern_search import slot_frequencies
    from corpus_tui.query.search import selection_spans

    counts, files, matches = slot_frequencies(idx, pattern, slot, selection_spans(idx, sel))
    filled = sum(counts.values())
    ranked = sorted(((t, n) for t, n in counts.items() if n >= min_freq), key=lambda r: (-r[1], r[0]))
    total = len(ranked)
    if top:
        ranked = ranked[:top]
    rows = [(k, t, n, rnd(100 * n / filled), len(files[t])) for k, (t, n) in enumerate(ranked, 1)]
    what = (f"slot {slot} (the tokens the pattern's item {slot} took, joined by a space); {filled} matches fill it"
            if slot else "the matched tokens joined by a space")
    notes = (
        f"pattern {pattern}: {matches} matches; term = {what}; selection: {sel_text}",
        "freq = matches whose slot holds the term; percent = 100·freq / matches filling the slot; "
        "files = files where the term fills it",
        f"{len(rows)} of {total} terms shown; options: top={top} min_freq={min_freq}",
    )
    return Table(("rank", "term", "freq", "percent", "files"), rows, title="", notes=notes)


def cooc_table(idx, terms, sel, win, filt, filt_text, measure, min_freq, top, explain, docs, groups, outlets,
               correct=None, max_p=None) -> Table:
    from corpus_tui.stats.colloc import collocates

    res = collocates(idx, terms, sel, win, filt, measure, min_freq, top or None, correct=correct, max_p=max_p)
    cols = COOC_COLUMNS[:13] + (("p_adj",) if correct else ()) + COOC_COLUMNS[13:] + (EXPLAIN if explain else ())
    rows = []
    for k, c in enumerate(res.rows, 1):
        row = (k, c.term, c.cooc, c.left, c.right, c.freq, rnd(c.mi), rnd(c.mi3), rnd(c.t_score), rnd(c.z_score),
               rnd(c.log_dice), rnd(c.ll), rnd_p(c.p_value))
        if correct:
            row += (rnd_p(c.p_adj),)
        row += (rnd(c.dice), rnd(c.delta_p_cn), rnd(c.delta_p_nc))
        if explain:
            row += (c.o11, c.o12, c.o21, c.o22, rnd(c.e11))
        rows.append(row)
    unaligned = (f"; {res.unaligned} surface hits not on token boundaries (e.g. inside a longer token) not counted, "
                 "so `kwic --count` finds more" if res.unaligned else "")
    corr = (f"p_adj = p_value adjusted for m = {res.total_rows} collocates tested (cooc ≥ {min_freq}) by "
            f"{CORRECTION_TEXT[correct]}" if correct else
            f"m = {res.total_rows} collocates tested (cooc ≥ {min_freq}): --correct bonferroni|holm|fdr adjusts p")
    notes = [
        f"node {res.node}: f(n) = {res.node_freq} occurrences as whole tokens or token runs{unaligned}; selection: "
        f"{selection_text(docs, groups, outlets, sel.dates)}",
        f"window: {win.describe()}; R1 = window area = {res.window_area} ({WINDOW_AREA_TEXT}); "
        f"N = {res.n_tokens} word tokens; E11 = R1·C1/N, C1 = collocate_freq",
        "mi = log2(O11/E11); mi3 = log2(O11³/E11); t_score = (O11−E11)/√O11; z_score = (O11−E11)/√E11; "
        "ll = signed 4-cell G2 on the window table (+ attraction); p_value = its exact p, chi-square 1 d.f., "
        "erfc(√(G2/2)); delta_p_cn = ΔP(collocate|node) = O11/R1 − O21/R2, delta_p_nc = ΔP(node|collocate) = "
        "O11/C1 − O12/C2 (Gries 2013)",
        LOG_DICE_TEXT,
        corr + (f"; rows kept: {'p_adj' if correct else 'p_value'} < {max_p:g}" if max_p is not None else ""),
        f"{len(rows)} of {res.total_rows} collocates; options: measure={measure} (sort) min_freq={min_freq} top={top} "
        f"correct={correct or '-'} max_p={'-' if max_p is None else format(max_p, 'g')}; {filt_text}",
    ]
    if explain:
        notes.append("explain: O11 = co-occurrences, O12 = R1−O11, O21 = C1−O11, O22 = N−R1−C1+O11, E11 = R1·C1/N")
    return Table(cols, rows, notes=tuple(notes))


def matrix_table(idx, terms, sel, win, filt, docs, groups, outlets) -> Table:
    from corpus_tui.stats.colloc import matrix

    m = matrix(idx, terms, sel, win, filt)
    if win.region:
        unit = f"{win.region}s"
        cols = ("term", "freq", unit, *m.terms)
        note = (f"cell = number of {unit} containing both the row term and the column term; "
                f"diagonal = {unit} containing the term")
    else:
        cols = ("term", "freq", *m.terms)
        note = (f"cell = occurrences of the row term with the column term within {win.describe()} "
                "(not symmetric); diagonal = the term's frequency")
    rows = []
    for t, f, u, cells in zip(m.terms, m.freq, m.units, m.cells):
        rows.append((t, f, u, *cells) if win.region else (t, f, *cells))
    notes = (note, f"terms counted as whole tokens or token runs; selection: {selection_text(docs, groups, outlets, sel.dates)}")
    return Table(cols, rows, notes=notes)


KEYNESS_FORMULAS = (
    "p_value = exact p of |G2| from the chi-square distribution with 1 d.f., erfc(√(G2/2)); "
    "p = its band (p<0.05, p<0.01, p<0.001, p<0.0001, n.s.; of p_adj under --correct)",
    "chi2 = Pearson's chi-square N·(O11·O22 − O12·O21)²/(R1·R2·C1·C2), no Yates correction; "
    "bic = Bayes factor BIC ≈ |G2| − ln(N), N = c+d (Wilson 2013: > 2 positive, > 6 strong, > 10 very strong)",
    "log_ratio = log2((a/c)/(b/d)) with 0.5 for a zero (Hardie 2014); log_ratio_low/high = its 95 % CI, "
    "± 1.959964·SE/ln 2 with Katz's SE = √(1/a − 1/c + 1/b − 1/d), a zero taken as 0.5 there too",
    "pct_diff = 100·(a/c − b/d)/(b/d) (Gabrielatos & Marchi 2011; inf when b = 0); "
    "ell = |G2|/(N·ln(min(E1, E2))), E1 = c(a+b)/N, E2 = d(a+b)/N (Johnston et al. 2006, as Rayson's calculator; "
    "negative when min(E) < 1); simple_maths = (fpm_a + 1)/(fpm_b + 1), fpm = per million (Kilgarriff 2009); "
    "per_10k = 10000·freq/tokens",
)
CORRECTION_TEXT = {"bonferroni": "Bonferroni, min(1, m·p)", "holm": "Holm's step-down, max over j ≤ i of (m−j+1)·p_(j)",
                   "fdr": "Benjamini-Hochberg FDR, min over j ≥ i of m·p_(j)/j"}


def keyness_columns(form: str, correct, explain: bool) -> tuple[str, ...]:
    return (("section", "rank", "term", "freq_a", "freq_b", "per_10k_a", "per_10k_b", f"ll_{form}", "p_value")
            + (("p_adj",) if correct else ()) + ("p", "chi2", "bic", "log_ratio", "log_ratio_low", "log_ratio_high",
                                                 "pct_diff", "ell", "simple_maths") + (EXPLAIN if explain else ()))


def keyness_rows(res, explain: bool) -> list[tuple]:
    rows = []
    for r in res.rows:
        row = (r.section, r.rank, r.term, r.a, r.b, rnd(r.per_10k_a), rnd(r.per_10k_b), rnd(r.ll), rnd_p(r.p_value))
        if res.correct:
            row += (rnd_p(r.p_adj),)
        row += (r.p, rnd(r.chi2), rnd(r.bic), rnd(r.log_ratio), rnd(r.log_ratio_low), rnd(r.log_ratio_high),
                rnd(r.pct_diff), rnd(r.ell), rnd(r.simple_maths))
        if explain:
            row += (r.o11, r.o12, r.o21, r.o22, rnd(r.e11))
        rows.append(row)
    return rows


def keyness_notes(res, sections, a_text: str, b_text: str, filt_text: str, top, explain: bool,
                  extra: tuple[str, ...] = ()) -> list[str]:
    form, min_freq = res.form, res.min_freq
    ll_col = f"ll_{form}"
    ll_text = ("2-term (Rayson): G2 = 2·(a·ln(a/E1) + b·ln(b/E2)), E1 = c(a+b)/(c+d), E2 = d(a+b)/(c+d)"
               if form == "2term" else "4-term (Dunning): G2 = 2·Σ Oij·ln(Oij/Eij) over the 2x2 table")
    shown = ", ".join(f"{s} {sum(1 for r in res.rows if r.section == s)}/{res.counts[s]}" for s in sections)
    if res.correct:
        corr = (f"p_adj = p_value adjusted for m = {res.tested} tests (every term used ≥ {min_freq} times on a side, "
                f"one test each) by {CORRECTION_TEXT[res.correct]}")
    else:
        corr = (f"m = {res.tested} terms were tested (one test each): give --correct bonferroni|holm|fdr "
                "to adjust p for the many tests")
    notes = [
        f"A = {a_text} ({res.c} word tokens); B = {b_text} ({res.d} word tokens)"
        + (f"; WARNING: A and B share {res.overlap} tokens" if res.overlap else ""),
        *extra,
        f"{ll_col} = signed log-likelihood, {ll_text}; + = relatively more frequent in A; "
        f"p_value, bic and ell use this G2 (--ll 2term gives Rayson's calculator's figures)",
        *KEYNESS_FORMULAS,
        corr,
        f"sections (shown/total): {shown}; only A: a ≥ {min_freq} and b = 0; shared: a ≥ {min_freq} and b ≥ {min_freq}"
        + (f"; A>B and B>A keep rows with {'p_adj' if res.correct else 'p_value'} < {res.max_p:g}"
           if res.max_p is not None else ""),
        f"options: ll={form} min_freq={min_freq} top={top} correct={res.correct or '-'} "
        f"max_p={'-' if res.max_p is None else format(res.max_p, 'g')}; {filt_text}",
    ]
    if explain:
        notes.append("explain: O11 = a, O12 = b, O21 = c−a, O22 = d−b, E11 = c·(a+b)/(c+d)")
    return notes


def keyness_table(idx, sel_a, sel_b, side_a, side_b, filt, filt_text, form, min_freq, top, max_p, sections,
                   explain, correct=None) -> Table:
    from corpus_tui.stats.compare import keyness

    res = keyness(idx, sel_a, sel_b, filt, form, min_freq, top or None, max_p, tuple(sections), correct)
    a_text = " ".join(side_a)
    b_text = " ".join(side_b) if side_b else "rest of the corpus"
    notes = keyness_notes(res, sections, a_text, b_text, filt_text, top, explain)
    return Table(keyness_columns(form, correct, explain), keyness_rows(res, explain), notes=tuple(notes))


def reference_table(idx, sel_a, side_a, ref, filt, filt_text, form, min_freq, top, max_p, sections, explain,
                    correct=None) -> Table:
    """`corpus diff --ref`: keyness of A (this corpus or --a) against another corpus or a frequency list."""
    from corpus_tui.stats.reference import keyness_against, mismatches

    res = keyness_against(idx, sel_a, ref, filt, form, min_freq, top or None, max_p, tuple(sections), correct)
    a_text = " ".join(side_a) if side_a else "this corpus"
    if ref.kind == "corpus":
        b_text = f"reference corpus {ref.path}"
        diffs = mismatches(idx, ref)
        tok = ("WARNING: the two corpora were not tokenized alike, so the same word may be cut differently "
               "on each side: " + "; ".join(diffs)) if diffs else (
            "tokenizer, its version, HMM, normaliser and user dictionaries are the same on both sides")
    else:
        b_text = f"frequency list {ref.path}, {ref.entries} entries"
        tok = ("the list's tokenizer and dictionaries are unknown: its words are folded like this corpus and "
               "compared as strings; N = the sum of its counts (punctuation entries left out), so a list "
               "without its stop words or rare words has a smaller N than its corpus")
    notes = keyness_notes(res, sections, a_text, b_text, filt_text, top, explain, extra=(tok,))
    return Table(keyness_columns(form, correct, explain), keyness_rows(res, explain), notes=tuple(notes))


def termdiff_table(idx, terms, sel, win, filt, filt_text, min_freq, top, explain, docs, groups, outlets) -> Table:
    from corpus_tui.stats.compare import term_diff

    t1, t2 = [t.split("|") for t in terms]
    res = term_diff(idx, t1, t2, sel, win, filt, min_freq, top or None)
    n1, n2 = res.terms
    cols = ["group", "collocate", f"cooc:{n1}", f"cooc:{n2}", f"log_dice:{n1}", f"log_dice:{n2}", "diff",
            "collocate_freq"]
    if explain:
        cols += [f"{k}:{n}" for n in (n1, n2) for k in EXPLAIN]
    label = {"only 1": f"only {n1}", "shared": "shared", "only 2": f"only {n2}"}
    rows = []
    for r in res.rows:
        row = (label[r.group], r.collocate, r.cooc1, r.cooc2, rnd(r.log_dice1), rnd(r.log_dice2), rnd(r.diff), r.freq)
        if explain:
            row += tuple(rnd(v) for v in r.explain1 + r.explain2)
        rows.append(row)
    s1, s2, both = res.set_sizes
    r1, r2 = res.results
    notes = [
        f"{n1}: f(n) = {r1.node_freq} occurrences, window area {r1.window_area}; {n2}: f(n) = {r2.node_freq} "
        f"occurrences, window area {r2.window_area}; N = {r1.n_tokens} word tokens; "
        f"selection: {selection_text(docs, groups, outlets, sel.dates)}",
        LOG_DICE_TEXT.replace("node", "term") + f"; diff = log_dice:{n1} − log_dice:{n2} (a missing score counts as 0)",
        f"the two terms are not collocates here (a term is never in its own windows, so the other would always "
        f"look exclusive): {n2} occurs {res.mutual[0]} times in {n1}'s windows, {n1} {res.mutual[1]} times in {n2}'s",
        f"collocate sets (co-occurring ≥ {min_freq} times, the two terms left out): {n1} {s1}, {n2} {s2}, "
        f"shared {both}; overlap (Jaccard |S1∩S2|/|S1∪S2|) = {rnd(res.jaccard)}",
        f"groups (shown/total): " + ", ".join(f"{label[g]} {sum(1 for r in res.rows if r.group == g)}/{n}"
                                             for g, n in res.counts.items())
        + f"; options: window={win.describe()} min_freq={min_freq} top={top}; {filt_text}",
    ]
    if explain:
        notes.append("explain: per term O11 = co-occurrences, O12 = R1−O11, O21 = C1−O11, O22 = N−R1−C1+O11, "
                     "E11 = R1·C1/N")
    return Table(tuple(cols), rows, notes=tuple(notes))


def sources_table(idx, terms, by, sel, filt, docs, groups, outlets) -> Table:
    from corpus_tui.stats.compare import term_sources

    variants = [v for t in terms for v in t.split("|")]
    rows = [(r.term, r.source, r.tokens, r.freq, rnd(r.per_10k), rnd(r.dp), rnd(r.dp_norm), rnd(r.juilland_d),
             rnd(r.arf)) for r in term_sources(idx, variants, by, sel, filt)]
    notes = (f"sources: {by}; tokens = word tokens in the source; per_10k = 10000·freq/tokens; selection: "
             f"{selection_text(docs, groups, outlets, sel.dates)}",
             "row (all): the total, with dp = Gries' DP = ½·Σ|v_i − s_i|, dp_norm = DP/(1 − min s_i) (Lijffijt & "
             "Gries 2012) and juilland_d = Juilland's D = 1 − CV/√(n−1) across the sources; terms counted as whole "
             "tokens or token runs",
             "arf = average reduced frequency (Savický & Hlaváčová 2002) = (1/v)·Σ min(d_i, v), v = N/f, d_i the gaps "
             "between successive hits in word tokens across the selection in corpus order, the first wrapping round")
    return Table(("term", "source", "tokens", "freq", "per_10k", "dp", "dp_norm", "juilland_d", "arf"), rows,
                 notes=notes)
