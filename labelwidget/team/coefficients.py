"""Chance-corrected agreement coefficients on plain Python values (numpy only).

Units are tasks, coders are annotators. A value is any hashable Python value (a label, a
frozenset of labels, an int rating, a float); ``None`` means the coder did not code that unit.
Each function follows the textbook definition its name gives; the tests compare every figure
with scikit-learn, statsmodels and the ``krippendorff`` package.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Sequence

import numpy as np

LEVELS = ("nominal", "ordinal", "interval")


def cohen_kappa(a: Sequence[Hashable], b: Sequence[Hashable]) -> float:
    """Cohen's kappa of two coders over the units both coded (unweighted).

    NaN when it is undefined: fewer than one shared unit, or chance agreement of 1 (both coders
    always gave the same single category), as scikit-learn's ``cohen_kappa_score`` gives it.
    """
    pairs = [(x, y) for x, y in zip(a, b, strict=True) if x is not None and y is not None]
    if not pairs:
        return float("nan")
    n = len(pairs)
    observed = sum(x == y for x, y in pairs) / n
    left = Counter(x for x, _ in pairs)
    right = Counter(y for _, y in pairs)
    expected = sum(left[c] * right[c] for c in left) / (n * n)
    if expected == 1:
        return float("nan")
    return (observed - expected) / (1 - expected)


def fleiss_kappa(units: Sequence[Sequence[Hashable]]) -> float:
    """Fleiss' kappa over units that each carry the same number (at least 2) of ratings.

    ``units`` is one list of ratings per unit (``None`` entries dropped first). Units with
    another number of ratings than the most common one are left out (Fleiss' kappa is defined
    for a fixed number of raters per unit). NaN when nothing is left or chance agreement is 1.
    """
    rated = [[v for v in u if v is not None] for u in units]
    counts = Counter(len(r) for r in rated if len(r) >= 2)
    if not counts:
        return float("nan")
    m = max(counts, key=lambda k: (counts[k], k))
    rated = [r for r in rated if len(r) == m]
    categories = sorted({v for r in rated for v in r}, key=repr)
    index = {c: i for i, c in enumerate(categories)}
    table = np.zeros((len(rated), len(categories)))
    for i, r in enumerate(rated):
        for v in r:
            table[i, index[v]] += 1
    n_units = len(rated)
    p_j = table.sum(axis=0) / (n_units * m)
    p_i = ((table * table).sum(axis=1) - m) / (m * (m - 1))
    p_bar = p_i.mean()
    p_e = float((p_j * p_j).sum())
    if p_e == 1:
        return float("nan")
    return float((p_bar - p_e) / (1 - p_e))


def krippendorff_alpha(units: Sequence[Sequence[Hashable]], level: str = "nominal") -> float:
    """Krippendorff's alpha at the ``nominal``, ``ordinal`` or ``interval`` level.

    ``units`` is one list of values per unit (``None`` = not coded). Units with fewer than two
    values are not pairable and are left out, as in Krippendorff's definition. Ordinal and
    interval values must be numbers; ordinal distances use the ranks of the values that occur.
    NaN when fewer than two pairable values exist or every value is the same.
    """
    if level not in LEVELS:
        raise ValueError(f"level must be one of {', '.join(LEVELS)}, not {level!r}")
    pairable = [[v for v in u if v is not None] for u in units]
    pairable = [u for u in pairable if len(u) >= 2]
    if not pairable:
        return float("nan")
    values = sorted({v for u in pairable for v in u}, key=(repr if level == "nominal" else float))
    if len(values) < 2:
        return float("nan")
    index = {v: i for i, v in enumerate(values)}
    k = len(values)
    # Coincidence matrix: each ordered pair of values within a unit, weighted 1 / (m_u - 1).
    o = np.zeros((k, k))
    for u in pairable:
        c = np.zeros(k)
        for v in u:
            c[index[v]] += 1
        o += (np.outer(c, c) - np.diag(c)) / (len(u) - 1)
    n_c = o.sum(axis=1)
    n = n_c.sum()
    delta = _distances(values, n_c, level)
    d_observed = (o * delta).sum() / n
    d_expected = (np.outer(n_c, n_c) * delta).sum() / (n * (n - 1))
    if d_expected == 0:
        return float("nan")
    return float(1 - d_observed / d_expected)


def _distances(values: list, n_c: np.ndarray, level: str) -> np.ndarray:
    k = len(values)
    if level == "nominal":
        return 1.0 - np.eye(k)
    if level == "interval":
        x = np.asarray(values, dtype=float)
        return (x[:, None] - x[None, :]) ** 2
    # Ordinal: the squared count of values between c and k, half of each end included.
    cum = np.concatenate([[0.0], np.cumsum(n_c)])
    delta = np.zeros((k, k))
    for c in range(k):
        for e in range(k):
            lo, hi = min(c, e), max(c, e)
            delta[c, e] = (cum[hi + 1] - cum[lo] - (n_c[lo] + n_c[hi]) / 2) ** 2
    return delta


def percent_agreement(units: Sequence[Sequence[Hashable]]) -> float:
    """Share of agreeing pairs among all coder pairs within each unit, over units with 2+ values."""
    agree = total = 0
    for u in units:
        vals = [v for v in u if v is not None]
        for i in range(len(vals)):
            for j in range(i + 1, len(vals)):
                total += 1
                agree += vals[i] == vals[j]
    return agree / total if total else float("nan")
