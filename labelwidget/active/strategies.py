"""How an active learner orders the unlabeled tasks: uncertainty scores of a model's class
probabilities (higher = ask first), and a share of random tasks against sampling bias."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np


def least_confidence(proba: np.ndarray) -> np.ndarray:
    """1 - the probability of the most likely class."""
    return 1.0 - proba.max(axis=1)


def margin(proba: np.ndarray) -> np.ndarray:
    """1 - (best - second best probability): small margins first."""
    if proba.shape[1] < 2:
        return np.zeros(len(proba))
    top2 = np.sort(proba, axis=1)[:, -2:]
    return 1.0 - (top2[:, 1] - top2[:, 0])


def entropy(proba: np.ndarray) -> np.ndarray:
    """Shannon entropy of the class probabilities (nats)."""
    p = np.clip(proba, 1e-12, 1.0)
    return -(proba * np.log(p)).sum(axis=1)


STRATEGIES: dict[str, Callable[[np.ndarray], np.ndarray]] = {
    "least_confidence": least_confidence,
    "margin": margin,
    "entropy": entropy,
}


def uncertainty(proba: Any, strategy: str | Callable = "least_confidence") -> np.ndarray:
    """Scores (higher = ask first) for class probabilities ``proba`` (rows x classes)."""
    proba = np.asarray(proba, dtype=float)
    if proba.ndim != 2:
        raise ValueError(f"predict_proba must give rows x classes, got shape {proba.shape}")
    fn = STRATEGIES[strategy] if isinstance(strategy, str) else strategy
    scores = np.asarray(fn(proba), dtype=float).reshape(-1)
    if len(scores) != len(proba):
        raise ValueError(f"the scoring function gave {len(scores)} scores for "
                         f"{len(proba)} tasks")
    return scores


def mix_random(ranked: np.ndarray, share: float, rng: np.random.Generator
               ) -> tuple[np.ndarray, np.ndarray]:
    """Replace about ``share`` of the slots of ``ranked`` by tasks drawn at random from it;
    the others keep their ranked order. Returns (order, the positions drawn at random)."""
    ranked = np.asarray(ranked)
    n = len(ranked)
    if share <= 0 or n < 2:
        return ranked, ranked[:0]
    slots = rng.random(n) < share
    m = int(slots.sum())
    if m == 0:
        return ranked, ranked[:0]
    picks = rng.choice(n, size=m, replace=False)
    rest = np.ones(n, dtype=bool)
    rest[picks] = False
    out = np.empty_like(ranked)
    out[slots] = ranked[picks]
    out[~slots] = ranked[rest]
    return out, ranked[picks]
