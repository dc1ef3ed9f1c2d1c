"""Significance, Bayes factors, effect sizes and corrections for many tests: pure functions of counts.

Standard library only (no SciPy at run time): the chi-square tail with 1 degree of freedom is
``math.erfc``. Each function names its formula and source, as in reference/statistics.md, so a
printed value can be recomputed by hand; tests/stats/test_significance.py checks each one
against SciPy or statsmodels.

Keyness notation (Rayson's calculator): a = the term's frequency in A of c tokens, b = in B of
d tokens; the 2x2 table is O11 = a, O12 = b, O21 = c - a, O22 = d - b; N = c + d.
Collocation notation: O11 co-occurrences, R1 = O11 + O12, C1 = O11 + O21, N the table total.

Undefined values are ``float('nan')``; no value is silently clamped.
"""

from __future__ import annotations

import math

NAN = float("nan")
INF = float("inf")

# The 97.5 % quantile of the standard normal (scipy.stats.norm.ppf(0.975)), for 95 % intervals.
Z95 = 1.959963984540054

CORRECTIONS = ("bonferroni", "holm", "fdr")


# -- tests on the 2x2 table ----------------------------------------------------------------

def chi_square(o11: float, o12: float, o21: float, o22: float) -> float:
    """Pearson's chi-square on the 2x2 table, without Yates' correction:
    N·(O11·O22 − O12·O21)² / (R1·R2·C1·C2). nan when a margin is 0 (no test is defined)."""
    r1, r2, c1, c2 = o11 + o12, o21 + o22, o11 + o21, o12 + o22
    n = r1 + r2
    denom = r1 * r2 * c1 * c2
    if denom <= 0:
        return NAN
    # Integers stay exact up to the final division (a 100 MB corpus makes N·det² ~1e30).
    return n * (o11 * o22 - o12 * o21) ** 2 / denom


def chi2_p(x: float) -> float:
    """Upper-tail p of a chi-square statistic with 1 degree of freedom: erfc(√(x/2)).

    Applies to G2 (log-likelihood) and to Pearson's chi-square alike; a signed G2 is taken
    by its size. 1 for 0; nan for nan.
    """
    if x != x:
        return NAN
    return math.erfc(math.sqrt(abs(x) / 2.0))


def bic(g2: float, n: float) -> float:
    """Bayes factor approximation BIC (Wilson 2013) for 1 degree of freedom: |G2| − ln(N).

    N is the table total (c + d for keyness). Wilson's reading: > 2 positive, > 6 strong,
    > 10 very strong evidence against "no difference"; < 0 evidence for it.
    """
    if n <= 0 or g2 != g2:
        return NAN
    return abs(g2) - math.log(n)


def ell(g2: float, a: float, b: float, c: float, d: float) -> float:
    """ELL, effect size for log-likelihood (Johnston, Berry & Mielke 2006), as Rayson's
    log-likelihood calculator computes it: |G2| / (N·ln(min(E1, E2))), N = c + d,
    E1 = c(a+b)/N, E2 = d(a+b)/N (the 2-term expected counts of the term).

    The denominator changes sign at min(E) = 1: then ELL is negative (min(E) < 1) or
    undefined (nan, min(E) = 1), exactly as in the calculator; no value is clamped.
    """
    n = c + d
    if n <= 0 or a + b <= 0 or g2 != g2:
        return NAN
    emin = min(c * (a + b) / n, d * (a + b) / n)
    if emin <= 0:
        return NAN
    ln = math.log(emin)
    if ln == 0:
        return NAN
    return abs(g2) / (n * ln)


def log_ratio_ci(a: float, b: float, c: float, d: float, zero: float = 0.5,
                 z: float = Z95) -> tuple[float, float]:
    """95 % confidence interval of Log Ratio (Hardie 2014), in log2 units.

    Katz et al. (1978) standard error of the log risk ratio, SE = √(1/a − 1/c + 1/b − 1/d);
    the interval is log2((a/c)/(b/d)) ± z·SE/ln 2, z = 1.959964. A zero frequency is replaced
    by ``zero`` (0.5) in both the ratio and the SE, the replacement Log Ratio itself makes, so
    the interval always contains the printed Log Ratio. (nan, nan) when c or d is 0.
    """
    if c <= 0 or d <= 0:
        return NAN, NAN
    a = a if a > 0 else zero
    b = b if b > 0 else zero
    lr = math.log2((a / c) / (b / d))
    half = z * math.sqrt(max(0.0, 1.0 / a - 1.0 / c + 1.0 / b - 1.0 / d)) / math.log(2.0)
    return lr - half, lr + half


# -- many tests ------------------------------------------------------------------------------

def adjust(pvalues: list[float], method: str) -> list[float]:
    """p-values adjusted for m simultaneous tests, m = the number of non-nan values.

    bonferroni: min(1, m·p). holm (Holm 1979, step-down): the i-th smallest p becomes
    max over j ≤ i of min(1, (m − j + 1)·p_(j)). fdr (Benjamini & Hochberg 1995): the i-th
    smallest becomes min over j ≥ i of min(1, m·p_(j)/j). nan stays nan and is not counted.
    The result is in the input's order.
    """
    if method not in CORRECTIONS:
        raise ValueError(f"unknown correction {method!r}; choose from {', '.join(CORRECTIONS)}")
    idx = sorted((i for i, p in enumerate(pvalues) if p == p), key=lambda i: pvalues[i])
    m = len(idx)
    out = [NAN] * len(pvalues)
    if method == "bonferroni":
        for i in idx:
            out[i] = min(1.0, pvalues[i] * m)
    elif method == "holm":
        run = 0.0
        for rank, i in enumerate(idx):
            run = max(run, min(1.0, (m - rank) * pvalues[i]))
            out[i] = run
    else:
        run = 1.0
        for rank in range(m - 1, -1, -1):
            i = idx[rank]
            run = min(run, pvalues[i] * m / (rank + 1))
            out[i] = run
    return out


# -- association ------------------------------------------------------------------------------

def delta_p(o11: float, o12: float, o21: float, o22: float) -> tuple[float, float]:
    """ΔP (Gries 2013) both ways: (collocate given node, node given collocate) =
    (O11/R1 − O21/R2, O11/C1 − O12/C2). Each is nan when one of its margins is 0."""
    r1, r2, c1, c2 = o11 + o12, o21 + o22, o11 + o21, o12 + o22
    given_node = o11 / r1 - o21 / r2 if r1 > 0 and r2 > 0 else NAN
    given_coll = o11 / c1 - o12 / c2 if c1 > 0 and c2 > 0 else NAN
    return given_node, given_coll


def dice(f_nc: float, f_n: float, f_c: float) -> float:
    """Dice (Smadja et al. 1996) as Sketch Engine's logDice uses it: 2·f(n,c)/(f(n) + f(c)),
    f(n) and f(c) the node's and the collocate's frequencies (Sketch Engine prints it ×100)."""
    if f_n + f_c <= 0:
        return NAN
    return 2.0 * f_nc / (f_n + f_c)


def log_dice(f_nc: float, f_n: float, f_c: float) -> float:
    """logDice (Rychlý 2008; Sketch Engine, LancsBox): 14 + log2(2·f(n,c)/(f(n) + f(c))),
    f(n) the node's frequency (not the window area), f(c) the collocate's. 14 when the two
    always occur together; independent of the corpus size. −inf when f(n,c) = 0."""
    if f_nc <= 0 or f_n + f_c <= 0:
        return -INF
    return 14.0 + math.log2(2.0 * f_nc / (f_n + f_c))
