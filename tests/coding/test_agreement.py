"""Agreement: Cohen's kappa and Krippendorff's alpha against worked examples from the
literature and against independent implementations (scikit-learn, the `krippendorff` package)."""

from __future__ import annotations

import math
import random

import krippendorff
import numpy as np
import pytest
from sklearn.metrics import cohen_kappa_score

from corpus_tui.coding.agreement import cohen_kappa, krippendorff_alpha


def test_kappa_of_the_textbook_two_by_two():
    # Wikipedia "Cohen's kappa", worked example: 50 proposals, both yes 20, A yes B no 5,
    # A no B yes 10, both no 15: p_o = 0.7, p_e = 0.5·0.6 + 0.5·0.4 = 0.5, kappa = 0.4.
    pairs = [("yes", "yes")] * 20 + [("yes", "no")] * 5 + [("no", "yes")] * 10 + [("no", "no")] * 15
    k = cohen_kappa(pairs)
    assert (k.kappa, k.observed, k.expected, k.n) == (pytest.approx(0.4, abs=1e-15), 0.7, 0.5, 50)
    assert k.values == ("no", "yes")
    assert k.table == {("no", "no"): 15, ("no", "yes"): 10, ("yes", "no"): 5, ("yes", "yes"): 20}


def test_kappa_equals_scikit_learn_on_random_codings():
    rng = random.Random(18)
    for trial in range(40):
        n = rng.randint(2, 60)
        codes = ["积极", "谨慎", "中性", "积极+谨慎"][: rng.randint(2, 4)]
        a = [rng.choice(codes) for _ in range(n)]
        b = [x if rng.random() < 0.6 else rng.choice(codes) for x in a]
        expected = cohen_kappa_score(a, b)
        got = cohen_kappa(list(zip(a, b))).kappa
        if math.isnan(expected):
            assert got is None
        else:
            assert got == pytest.approx(expected, rel=1e-12, abs=1e-12)


def test_kappa_is_undefined_when_both_coders_always_gave_one_value():
    k = cohen_kappa([("积极", "积极")] * 5)
    assert (k.kappa, k.observed, k.expected) == (None, 1.0, 1.0)
    with pytest.raises(ValueError):
        cohen_kappa([])


# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", example C: four observers,
# twelve units, missing values; nominal alpha = 0.743.
N = None
K2011 = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, N, N, N],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, N, 3],
    [N, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, N],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, N],
]
# Krippendorff (1980), the reliability data of the `krippendorff` package's README: nominal 0.691.
K1980 = [
    [N, N, N, N, N, 3, 4, 1, 2, 1, 1, 3, 3, N, 3],
    [1, N, 2, 1, 3, 3, 4, 3, N, N, N, N, N, N, N],
    [N, N, 2, 1, 3, 4, 4, N, 2, 1, 1, 3, 3, N, 4],
]


def _units(by_coder):
    return list(zip(*by_coder))


def test_alpha_of_krippendorffs_own_examples():
    a = krippendorff_alpha(_units(K2011))
    assert round(a.alpha, 3) == 0.743
    # by hand: n = 40 pairable values, Σ_{c≠k} o_ck = 8, Σ n_c² = 9² + 13² + 10² + 5² + 3² = 384 (values 1-5):
    # alpha = 1 − 39·8/(40² − 384) = 113/152
    assert a.alpha == pytest.approx(113 / 152, rel=1e-15)
    assert (a.pairable, a.units, a.coders) == (40, 11, 4)  # unit 12 has one value: not pairable
    assert a.observed == pytest.approx(0.2, rel=1e-15)
    assert round(krippendorff_alpha(_units(K1980)).alpha, 3) == 0.691


def _reference_alpha(by_coder):
    data = np.array([[np.nan if v is None else float(v) for v in row] for row in by_coder])
    return krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")


def test_alpha_equals_the_krippendorff_package_with_missing_values():
    assert krippendorff_alpha(_units(K2011)).alpha == pytest.approx(_reference_alpha(K2011), rel=1e-12)
    rng = random.Random(1818)
    for trial in range(40):
        coders, units = rng.randint(2, 5), rng.randint(3, 40)
        truth = [rng.randint(1, 4) for _ in range(units)]
        by_coder = [[None if rng.random() < 0.2 else (t if rng.random() < 0.7 else rng.randint(1, 4))
                     for t in truth] for _ in range(coders)]
        values = {v for row in zip(*by_coder) if sum(x is not None for x in row) >= 2 for v in row if v is not None}
        if len(values) < 2:
            continue  # alpha undefined; tested below
        assert krippendorff_alpha(_units(by_coder)).alpha == pytest.approx(_reference_alpha(by_coder), rel=1e-9)


def test_alpha_of_two_coders_without_missing_values_is_not_kappa():
    # A: a 15, b 5; B: a 10, b 10; 15 of 20 agree. kappa: p_o = 0.75, p_e = 0.75·0.5 + 0.25·0.5
    # = 0.5, kappa = 0.5. alpha pools the marginals (n_a = 25, n_b = 15 of n = 40) and corrects
    # for the sample: 1 − (n − 1)·Σ_{c≠k} o_ck/(n² − Σ n_c²) = 1 − 39·10/(1600 − 625 − 225) = 0.48.
    pairs = [("a", "a")] * 10 + [("a", "b")] * 5 + [("b", "b")] * 5
    assert cohen_kappa(pairs).kappa == pytest.approx(0.5, rel=1e-15)
    a = krippendorff_alpha(pairs)
    assert a.alpha == pytest.approx(0.48, rel=1e-15)
    assert a.alpha == pytest.approx(_reference_alpha([[1] * 15 + [2] * 5, [1] * 10 + [2] * 10]), rel=1e-12)


def test_alpha_is_undefined_when_every_value_is_the_same():
    assert krippendorff_alpha([("a", "a", None), ("a", None, "a")]).alpha is None
    with pytest.raises(ValueError):
        krippendorff_alpha([("a", None), (None, "b")])
