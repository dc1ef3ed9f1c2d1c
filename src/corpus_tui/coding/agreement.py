"""Agreement between coders on nominal codes: Cohen's kappa and Krippendorff's alpha.

Both are computed in exact fractions and given as floats, so a test can compare them with an
independent computation to the last digit.

- Cohen's kappa (two coders; the units both coded): κ = (p_o − p_e)/(1 − p_e), p_o the share
  of units with the same value, p_e = Σ_c (a_c/n)·(b_c/n) from each coder's own marginals.
  Undefined (None) when p_e = 1: both coders gave one and the same value to every unit.
- Krippendorff's alpha (nominal; any number of coders; a coder may miss units): α = 1 − D_o/D_e
  from the coincidence matrix o_ck = Σ_u (pairs c-k in unit u)/(m_u − 1) over the units with
  m_u ≥ 2 values: D_o = Σ_{c≠k} o_ck / n, D_e = Σ_{c≠k} n_c·n_k / (n(n − 1)), n the pairable
  values. Undefined (None) when every pairable value is the same (D_e = 0).
"""

from __future__ import annotations

from collections import Counter
from fractions import Fraction

from collections import namedtuple

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Iterable, Sequence


class Kappa(namedtuple("Kappa", "kappa observed expected n values table")):
    __slots__ = ()
    # kappa: float | None     None when p_e = 1
    # observed: float         p_o
    # expected: float         p_e
    # n: int                  units both coders coded
    # values: tuple[str, ...] every value either coder gave, sorted
    # table: dict[tuple[str, str], int]  (value of A, value of B) -> units; zero cells left out


class Alpha(namedtuple("Alpha", "alpha observed expected pairable units coders")):
    __slots__ = ()
    # alpha: float | None     None when D_e = 0
    # observed: float         D_o
    # expected: float         D_e
    # pairable: int           n, the values in units with at least two values
    # units: int              units with at least two values
    # coders: int             the width of the data (values per unit, missing included)


def cohen_kappa(pairs: Iterable[tuple[str, str]]) -> Kappa:
    """Kappa over (value of coder A, value of coder B) pairs, one pair per unit."""
    pairs = list(pairs)
    n = len(pairs)
    if n == 0:
        raise ValueError("no unit was coded by both coders")
    table = Counter(pairs)
    a = Counter(x for x, _ in pairs)
    b = Counter(y for _, y in pairs)
    p_o = Fraction(sum(k for (x, y), k in table.items() if x == y), n)
    p_e = sum((Fraction(a[c] * b[c], n * n) for c in a), Fraction(0))
    kappa = None if p_e == 1 else float((p_o - p_e) / (1 - p_e))
    return Kappa(kappa, float(p_o), float(p_e), n, tuple(sorted(set(a) | set(b))), dict(sorted(table.items())))


def krippendorff_alpha(units: Iterable[Sequence[str | None]]) -> Alpha:
    """Nominal alpha over units, each a row of one value per coder (None where a coder gave none)."""
    n_c: Counter = Counter()
    disagree = Fraction(0)  # Σ_{c≠k} o_ck
    pairable = width = n_units = 0
    for row in units:
        width = max(width, len(row))
        values = [v for v in row if v is not None]
        m = len(values)
        if m < 2:
            continue
        counts = Counter(values)
        disagree += Fraction(m * m - sum(k * k for k in counts.values()), m - 1)
        n_c.update(counts)
        pairable += m
        n_units += 1
    if pairable == 0:
        raise ValueError("no unit has values from two coders")
    d_o = disagree / pairable
    d_e = Fraction(pairable * pairable - sum(k * k for k in n_c.values()), pairable * (pairable - 1))
    alpha = None if d_e == 0 else float(1 - d_o / d_e)
    return Alpha(alpha, float(d_o), float(d_e), pairable, n_units, width)
