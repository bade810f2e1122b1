"""Agreement coefficients against worked examples with published values (no database)."""

from __future__ import annotations

import math

import pytest

from research.coding_agreement import cohen_kappa, krippendorff_alpha, observed_agreement, reliability

N = math.nan

# Krippendorff, K. (2011). "Computing Krippendorff's Alpha-Reliability". Annenberg School for
# Communication, University of Pennsylvania, Departmental Papers (ASC) 43, section C: four
# observers, twelve units, missing values; published result for nominal data: α = 0.743.
KRIPPENDORFF_C = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, N, N, N],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, N, 3],
    [N, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, N],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, N],
]
# Same paper, section A: two observers, ten units, binary data; published result α = 0.095.
KRIPPENDORFF_A = [
    [0, 1, 0, 0, 0, 0, 0, 0, 1, 0],
    [1, 1, 1, 0, 0, 1, 0, 0, 0, 0],
]


def test_krippendorff_alpha_nominal_with_missing_values_matches_the_published_0_743():
    assert round(krippendorff_alpha(KRIPPENDORFF_C), 3) == 0.743


def test_krippendorff_alpha_binary_two_observers_matches_the_published_0_095():
    assert round(krippendorff_alpha(KRIPPENDORFF_A), 3) == 0.095


def test_cohen_kappa_matches_the_worked_example():
    # Worked example of Wikipedia's "Cohen's kappa" article ("Simple example"): 50 grant proposals
    # read by two readers, yes/yes 20, yes/no 5, no/yes 10, no/no 15. By hand: p_o = 35/50 = 0.7,
    # p_e = 0.5 × 0.6 + 0.5 × 0.4 = 0.5, κ = (0.7 − 0.5) / (1 − 0.5) = 0.4.
    a = ["yes"] * 25 + ["no"] * 25
    b = ["yes"] * 20 + ["no"] * 5 + ["yes"] * 10 + ["no"] * 15
    assert cohen_kappa(a, b) == pytest.approx(0.4)


def test_observed_agreement_counts_pairs_within_units():
    # Section A: 6 of the 10 units agree.
    assert observed_agreement(KRIPPENDORFF_A) == pytest.approx(0.6)
    # one unit, three coders 1, 1, 2: one agreeing pair of three.
    assert observed_agreement([[1], [1], [2]]) == pytest.approx(1 / 3)


def test_undefined_coefficients_are_none_not_errors():
    assert cohen_kappa([1, 1, 1], [1, 1, 1]) is None  # one category: κ is 0/0
    assert krippendorff_alpha([[1, 1], [1, 1]]) is None
    assert krippendorff_alpha([[1, N], [N, 2]]) is None  # nothing pairable
    assert observed_agreement([[1, N], [N, 2]]) is None


def test_reliability_lays_out_coders_items_and_disagreements():
    values = {
        "ann": {"u1": 1, "u2": 0, "u3": 1},
        "bob": {"u1": 1, "u2": 1, "u3": 1, "u4": 0},
        "cy": {"u2": 1, "u4": 0},
    }
    result = reliability(values, ["ann", "bob"])
    assert result.pairable == 3  # u4 only bob among these two
    assert [d.item for d in result.disagreements] == ["u2"]
    assert result.disagreements[0].values == {"ann": 0, "bob": 1}
    assert result.observed == pytest.approx(2 / 3)
    assert result.kappa == pytest.approx(0.0)  # ann's 0 on u2 against bob's all-1: no better than chance
    three = reliability(values)
    assert three.coders == ("ann", "bob", "cy")
    assert three.kappa is None and len(three.kappas) == 3
    assert three.alpha is not None


def test_reliability_from_the_published_matrix_gives_the_published_alpha():
    values = {
        f"coder{r}": {u: v for u, v in enumerate(row) if not math.isnan(v)} for r, row in enumerate(KRIPPENDORFF_C)
    }
    assert round(reliability(values).alpha, 3) == 0.743
