"""Association, keyness and dispersion measures: pure functions of counts.

Every function names its formula and source, as in reference/statistics.md. Logarithms
are natural (ln) inside log-likelihood and base 2 everywhere else. Nothing here knows about
the corpus: callers pass counts, so each value can be checked by hand from the 2x2 table.

Notation. Collocation: O11 co-occurrences, R1 = O11 + O12 (node side), C1 = O11 + O21
(collocate side), N = O11 + O12 + O21 + O22, E11 = R1*C1/N. Keyness of a term: a = its
frequency in A (c tokens), b = its frequency in B (d tokens); the 2x2 table is
O11 = a, O12 = b, O21 = c - a, O22 = d - b.

Undefined values are ``float('nan')`` (printed empty, JSON null); an unbounded value is
``float('inf')`` (printed "inf"). No value is silently clamped.
"""

from __future__ import annotations

import math

NAN = float("nan")
INF = float("inf")

# Critical values of chi-square with 1 degree of freedom (Rayson's log-likelihood wizard).
P_BANDS = ((15.13, "p<0.0001"), (10.83, "p<0.001"), (6.63, "p<0.01"), (3.84, "p<0.05"))


def _xlnx_over(o: float, e: float) -> float:
    """o·ln(o/e), with 0·ln(0/e) = 0 (the limit)."""
    return o * math.log(o / e) if o > 0 else 0.0


# -- expected frequencies -----------------------------------------------------------

def expected(r1: float, c1: float, n: float) -> float:
    """E11 = R1·C1/N, the co-occurrence frequency expected under independence."""
    return r1 * c1 / n if n else NAN


def table_from_margins(o11: int, r1: int, c1: int, n: int) -> tuple[int, int, int, int]:
    """(O11, O12, O21, O22) from O11 and the margins: O12 = R1−O11, O21 = C1−O11, O22 = N−R1−C1+O11."""
    return o11, r1 - o11, c1 - o11, n - r1 - c1 + o11


def keyness_table(a: int, b: int, c: int, d: int) -> tuple[int, int, int, int]:
    """(O11, O12, O21, O22) = (a, b, c−a, d−b): term in A, term in B, rest of A, rest of B."""
    return a, b, c - a, d - b


# -- log-likelihood ------------------------------------------------------------------

def ll_2term(a: float, b: float, c: float, d: float) -> float:
    """Log-likelihood G2, 2-term form (Rayson & Garside 2000; conc; Sketch Engine keywords).

    E1 = c(a+b)/(c+d), E2 = d(a+b)/(c+d), G2 = 2·(a·ln(a/E1) + b·ln(b/E2)); a zero count adds 0.
    Unsigned.
    """
    if c + d == 0 or a + b == 0:
        return 0.0
    e1 = c * (a + b) / (c + d)
    e2 = d * (a + b) / (c + d)
    return 2.0 * (_xlnx_over(a, e1) + _xlnx_over(b, e2))


def ll_4term(o11: float, o12: float, o21: float, o22: float) -> float:
    """Log-likelihood G2, 4-term form (Dunning 1993; AntConc "Log-Likelihood (4-term)", Wordless, quanteda).

    G2 = 2·Σ Oij·ln(Oij/Eij) over the four cells, Eij = Ri·Cj/N. Unsigned.
    """
    r1, r2 = o11 + o12, o21 + o22
    c1, c2 = o11 + o21, o12 + o22
    n = r1 + r2
    if n == 0:
        return 0.0
    total = 0.0
    for o, r, c in ((o11, r1, c1), (o12, r1, c2), (o21, r2, c1), (o22, r2, c2)):
        if o > 0:
            total += o * math.log(o * n / (r * c))
    return max(0.0, 2.0 * total)


def sign_by_direction(g2: float, a: float, b: float, c: float, d: float) -> float:
    """+G2 when a/c > b/d (the term is relatively more frequent in A), −G2 when less, G2 when equal.
    A zero stays unsigned (an empty side's G2 = 0 printed "0", not "-0")."""
    ra = a / c if c else 0.0
    rb = b / d if d else 0.0
    return -g2 if ra < rb and g2 else g2


def keyness_ll(a: int, b: int, c: int, d: int, form: str = "4term") -> float:
    """Signed log-likelihood of a term in A (a of c tokens) against B (b of d tokens).

    ``form`` is "4term" (Dunning, 4-cell) or "2term" (Rayson, 2-cell). Positive = key in A.
    """
    if form == "4term":
        g2 = ll_4term(*keyness_table(a, b, c, d))
    elif form == "2term":
        g2 = ll_2term(a, b, c, d)
    else:
        raise ValueError(f"unknown log-likelihood form {form!r}")
    return sign_by_direction(g2, a, b, c, d)


def collocation_ll(o11: int, o12: int, o21: int, o22: int) -> float:
    """Signed 4-cell G2 for collocation: + when O11 > E11 (attraction), − when O11 < E11 (repulsion)."""
    g2 = ll_4term(o11, o12, o21, o22)
    n = o11 + o12 + o21 + o22
    e11 = expected(o11 + o12, o11 + o21, n)
    return -g2 if o11 < e11 else g2


def p_band(g2: float) -> str:
    """Significance band of |G2| at 1 d.f.: 3.84 p<0.05, 6.63 p<0.01, 10.83 p<0.001, 15.13 p<0.0001; else "n.s."."""
    g = abs(g2)
    for crit, label in P_BANDS:
        if g >= crit:
            return label
    return "n.s."


# -- effect sizes for keyness --------------------------------------------------------

def log_ratio(a: float, b: float, c: float, d: float, zero: float = 0.5) -> float:
    """Log Ratio (Hardie 2014): log2((a/c)/(b/d)); a zero frequency is replaced by ``zero`` (0.5)."""
    if c <= 0 or d <= 0:
        return NAN
    a = a if a > 0 else zero
    b = b if b > 0 else zero
    return math.log2((a / c) / (b / d))


def pct_diff(a: float, b: float, c: float, d: float) -> float:
    """%DIFF (Gabrielatos & Marchi 2011): 100·(a/c − b/d)/(b/d). inf when b = 0 < a; nan when both are 0."""
    if c <= 0 or d <= 0:
        return NAN
    na, nb = a / c, b / d
    if nb == 0:
        return INF if na > 0 else NAN
    return 100.0 * (na - nb) / nb


def simple_maths(a: float, b: float, c: float, d: float, k: float = 1.0) -> float:
    """Simple maths (Kilgarriff 2009): (fpm_A + k)/(fpm_B + k), fpm = frequency per million, k = 1."""
    if c <= 0 or d <= 0:
        return NAN
    return (a / c * 1e6 + k) / (b / d * 1e6 + k)


def per_10k(f: float, n: float) -> float:
    """Relative frequency per 10 000 tokens: 10 000·f/n."""
    return 10000.0 * f / n if n else NAN


# -- association measures for collocation ---------------------------------------------

def mi(o11: float, e11: float) -> float:
    """Pointwise mutual information (Church & Hanks 1990): log2(O11/E11). −inf when O11 = 0."""
    if o11 <= 0:
        return -INF
    return math.log2(o11 / e11)


def mi3(o11: float, e11: float) -> float:
    """MI3 (Daille 1994; Oakes 1998): log2(O11³/E11). Not WordSmith's "MI3"."""
    if o11 <= 0:
        return -INF
    return math.log2(o11 ** 3 / e11)


def t_score(o11: float, e11: float) -> float:
    """t-score (Church et al. 1991): (O11 − E11)/√O11. nan when O11 = 0."""
    if o11 <= 0:
        return NAN
    return (o11 - e11) / math.sqrt(o11)


def z_score(o11: float, e11: float) -> float:
    """z-score (Dennis 1965; Berry-Rogghe 1973): (O11 − E11)/√E11."""
    if e11 <= 0:
        return NAN
    return (o11 - e11) / math.sqrt(e11)


def dice(o11: float, r1: float, c1: float) -> float:
    """Dice coefficient: 2·O11/(R1 + C1), range 0–1 (Sketch Engine prints it ×100)."""
    if r1 + c1 <= 0:
        return NAN
    return 2.0 * o11 / (r1 + c1)


def log_dice(o11: float, r1: float, c1: float) -> float:
    """logDice (Rychlý 2008): 14 + log2(2·O11/(R1 + C1)); maximum 14; −inf when O11 = 0."""
    if o11 <= 0 or r1 + c1 <= 0:
        return -INF
    return 14.0 + math.log2(2.0 * o11 / (r1 + c1))


def delta_p(o11: float, o12: float, o21: float, o22: float) -> float:
    """ΔP (Gries 2013), collocate given node: O11/R1 − O21/R2."""
    r1, r2 = o11 + o12, o21 + o22
    if r1 <= 0 or r2 <= 0:
        return NAN
    return o11 / r1 - o21 / r2


def min_sensitivity(o11: float, r1: float, c1: float) -> float:
    """Minimum sensitivity (Pedersen 1998): min(O11/R1, O11/C1)."""
    if r1 <= 0 or c1 <= 0:
        return NAN
    return min(o11 / r1, o11 / c1)


def jaccard(x: set, y: set) -> float:
    """Jaccard overlap of two sets: |X ∩ Y| / |X ∪ Y|; nan when both are empty."""
    union = x | y
    if not union:
        return NAN
    return len(x & y) / len(union)


# -- dispersion -----------------------------------------------------------------------

def gries_dp(counts: list[float], sizes: list[float]) -> float:
    """Gries' DP (Gries 2008): ½·Σ|v_i − s_i|, v_i = part i's share of the term's hits,
    s_i = part i's share of all tokens. 0 = spread like the corpus; near 1 = all in one small part.
    nan when the term never occurs or the parts are empty.
    """
    f, total = sum(counts), sum(sizes)
    if f <= 0 or total <= 0:
        return NAN
    return 0.5 * sum(abs(v / f - s / total) for v, s in zip(counts, sizes))


def gries_dp_norm(counts: list[float], sizes: list[float]) -> float:
    """DPnorm (Lijffijt & Gries 2012): DP / (1 − min(s_i)), so the maximum is 1."""
    dp = gries_dp(counts, sizes)
    total = sum(sizes)
    if dp != dp:
        return NAN
    smin = min(s / total for s in sizes)
    return dp / (1.0 - smin) if smin < 1 else NAN


def juilland_d(counts: list[float], sizes: list[float]) -> float:
    """Juilland's D (Juilland & Chang-Rodríguez 1964): 1 − CV/√(n − 1).

    CV = population standard deviation / mean of the per-part relative frequencies
    count_i/size_i. Range 0–1 (1 = perfectly even). nan with fewer than two parts or no hits.
    """
    pairs = [(c, s) for c, s in zip(counts, sizes) if s > 0]
    n = len(pairs)
    if n < 2:
        return NAN
    rel = [c / s for c, s in pairs]
    mean = sum(rel) / n
    if mean <= 0:
        return NAN
    sd = math.sqrt(sum((x - mean) ** 2 for x in rel) / n)
    return 1.0 - (sd / mean) / math.sqrt(n - 1)


def arf(positions: list[int], n: int) -> float:
    """Average reduced frequency (Savický & Hlaváčová 2002): (1/v)·Σ min(d_i, v), v = N/f,
    d_i the gaps between successive hits, the first gap wrapping round the end (circular).
    ``positions`` are token offsets 0..N−1 in ascending order.
    """
    f = len(positions)
    if f == 0 or n <= 0:
        return 0.0
    v = n / f
    gaps = [positions[0] + n - positions[-1]]
    gaps.extend(positions[i] - positions[i - 1] for i in range(1, f))
    return sum(min(g, v) for g in gaps) / v


def doc_freq(counts: list[float]) -> int:
    """Document frequency: the number of parts where the term occurs."""
    return sum(1 for c in counts if c > 0)
