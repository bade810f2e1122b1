"""Inter-coder agreement on plain values: Cohen's κ, Krippendorff's α, observed agreement, disagreements.

No database here: :func:`reliability` takes, per coder, the value each gave each item, so the
statistics are tested against published worked examples. The coefficients come from maintained
packages (``scikit-learn``'s ``cohen_kappa_score``, the ``krippendorff`` package); this module
only lays the data out and reports what is undefined instead of raising.

How codings become values (see ``coding_selectors.agreement_values``): an *item* is a
``(unit, tag)`` pair; a coder who coded a unit with any tag of the codebook gives each tag of
the scope the value 1 (applied) or 0 (not applied) on it; a unit the coder never coded is
missing for them. Only items with values from two or more coders are pairable.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

import krippendorff
import numpy as np
from sklearn.metrics import cohen_kappa_score

Item = Hashable
Values = Mapping[str, Mapping[Any, Any]]  # coder -> item -> value (hashable both)


def _defined(value: float) -> float | None:
    return None if value is None or math.isnan(value) else float(value)


def cohen_kappa(first: Sequence[Hashable], second: Sequence[Hashable]) -> float | None:
    """Cohen's κ of two coders' values on the same items; None when undefined (one category only)."""
    if len(first) != len(second):
        raise ValueError("the two coders must give values for the same items")
    if not first:
        return None
    if len(set(first) | set(second)) < 2:
        return None  # both coders used one and the same category: κ is 0/0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return _defined(cohen_kappa_score(list(first), list(second)))


def krippendorff_alpha(matrix: Sequence[Sequence[float]]) -> float | None:
    """Krippendorff's α for nominal data, coders × items with NaN for missing; None when undefined."""
    data = np.asarray(matrix, dtype=float)
    if data.size == 0:
        return None
    pairable = (~np.isnan(data)).sum(axis=0) >= 2
    values = set(data[:, pairable][~np.isnan(data[:, pairable])].tolist())
    if not pairable.any() or len(values) < 2:
        return None  # no pairable item, or a single value everywhere: expected disagreement is 0
    return _defined(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))


def observed_agreement(matrix: Sequence[Sequence[float]]) -> float | None:
    """The share of agreeing pairs among all pairs of values given to the same item (pairable items)."""
    agree = total = 0
    for column in np.asarray(matrix, dtype=float).T:
        present = [v for v in column.tolist() if not math.isnan(v)]
        for a, b in combinations(present, 2):
            total += 1
            agree += a == b
    return agree / total if total else None


@dataclass(frozen=True)
class Disagreement:
    item: Item
    values: dict[str, Hashable]  # coder -> value, coders who coded the item only


@dataclass(frozen=True)
class Reliability:
    coders: tuple[str, ...]
    items: tuple[Item, ...]  # every item some coder gave a value
    pairable: int  # items with values from two or more coders
    alpha: float | None
    observed: float | None
    #: Cohen's κ for each pair of coders over the items both coded: ((a, b), κ, n items).
    kappas: tuple[tuple[tuple[str, str], float | None, int], ...] = ()
    disagreements: tuple[Disagreement, ...] = field(default=())

    @property
    def kappa(self) -> float | None:
        """Cohen's κ when there are exactly two coders."""
        return self.kappas[0][1] if len(self.coders) == 2 and self.kappas else None


def reliability(values: Values, coders: Sequence[str] | None = None) -> Reliability:
    """The agreement statistics of ``coders`` (default: all in ``values``) over the items they coded."""
    coders = tuple(coders if coders is not None else sorted(values))
    items = tuple(sorted({item for coder in coders for item in values.get(coder, {})}, key=repr))
    categories = sorted({v for coder in coders for v in values.get(coder, {}).values()}, key=repr)
    code = {category: float(i) for i, category in enumerate(categories)}
    matrix = [[code[values[c][i]] if i in values.get(c, {}) else math.nan for i in items] for c in coders]
    kappas = []
    for a, b in combinations(coders, 2):
        shared = [i for i in items if i in values.get(a, {}) and i in values.get(b, {})]
        kappas.append(
            ((a, b), cohen_kappa([values[a][i] for i in shared], [values[b][i] for i in shared]), len(shared))
        )
    disagreements = []
    for item in items:
        given = {c: values[c][item] for c in coders if item in values.get(c, {})}
        if len(given) >= 2 and len(set(given.values())) > 1:
            disagreements.append(Disagreement(item, given))
    pairable = sum(1 for item in items if sum(item in values.get(c, {}) for c in coders) >= 2)
    return Reliability(
        coders=coders,
        items=items,
        pairable=pairable,
        alpha=krippendorff_alpha(matrix) if coders and items else None,
        observed=observed_agreement(matrix) if coders and items else None,
        kappas=tuple(kappas),
        disagreements=tuple(disagreements),
    )
