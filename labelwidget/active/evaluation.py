"""How good an active learner's model is, measured on the labels so far, and the helpers a fit
needs (rows of any model input, a fresh copy of the model, BLAS threads kept in check)."""

from __future__ import annotations

import contextlib
import copy
from collections import Counter
from typing import Any

import numpy as np
import pandas as pd


def _take(X: Any, index: np.ndarray) -> Any:
    """Rows ``index`` (positions) of a model input: list, DataFrame/Series, array, sparse."""
    if isinstance(X, (pd.DataFrame, pd.Series)):
        return X.iloc[index]
    if isinstance(X, (list, tuple)):
        return [X[i] for i in index]
    return X[index]


def _clone(model: Any) -> Any:
    try:
        from sklearn.base import clone

        return clone(model)
    except Exception:  # not a scikit-learn estimator (or sklearn missing): a deep copy
        return copy.deepcopy(model)


def _thread_limit(threads: int | None):
    """Limit BLAS/OpenMP threads while fitting (threadpoolctl ships with scikit-learn):
    small fits on many threads are slower, and they starve the kernel's own thread."""
    if threads is None:
        return contextlib.nullcontext()
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:
        return contextlib.nullcontext()
    return threadpool_limits(limits=int(threads))


def _predict_labels(model: Any, X: Any) -> np.ndarray:
    classes = np.asarray(model.classes_)
    return classes[np.asarray(model.predict_proba(X)).argmax(axis=1)]


def _folds(y: np.ndarray, k: int, rng: np.random.Generator) -> np.ndarray:
    """A fold number per sample, stratified: each class is spread evenly over the folds."""
    fold = np.empty(len(y), dtype=int)
    start = int(rng.integers(k))
    for label in pd.unique(y):
        members = np.flatnonzero(y == label)
        members = members[rng.permutation(len(members))]
        fold[members] = (np.arange(len(members)) + start) % k
        start = (start + len(members)) % k
    return fold


def evaluate(model: Any, X: Any, y: np.ndarray, *, evaluation: str | None, folds: int,
             holdout: float, seed: int | None) -> tuple[float | None, int | None, str]:
    """Accuracy of ``model`` on the labels ``y`` of ``X`` (stratified ``folds``-fold
    cross-validation, or a stratified ``holdout`` share held out), the number of labels it was
    measured on, and why there is none when there are too few labels."""
    if evaluation is None:
        return None, None, ""
    rng = np.random.default_rng(None if seed is None else seed + len(y))
    counts = Counter(y.tolist())
    if evaluation == "holdout":
        test = np.zeros(len(y), dtype=bool)
        for label, count in counts.items():
            if count < 2:
                continue
            members = np.flatnonzero(y == label)
            k = max(1, round(count * holdout))
            test[rng.choice(members, size=min(k, count - 1), replace=False)] = True
        if not test.any():
            return None, None, "too few labels to hold some out"
        splits = [test]
    else:
        k = min(folds, len(y))
        if k < 2:
            return None, None, "too few labels to cross-validate"
        fold = _folds(y, k, rng)
        splits = [fold == i for i in range(k)]
    right = total = 0
    for test in splits:
        train = ~test
        if len(set(y[train].tolist())) < 2 or not test.any():
            continue
        model = _clone(model)
        model.fit(_take(X, np.flatnonzero(train)), y[train])
        predicted = _predict_labels(model, _take(X, np.flatnonzero(test)))
        right += int((predicted == y[test]).sum())
        total += int(test.sum())
    if not total:
        return None, None, "too few labels per class to evaluate"
    return right / total, total, ""
