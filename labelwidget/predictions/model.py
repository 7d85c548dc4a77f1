"""A model's suggestion for one task, in the cell format of the DataFrame, and the base class of
the sources that make them (here so that ``sources`` and ``adapters`` both subclass it without
importing each other). No Jupyter imports."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

# Keys of the ``{"values", "score", "model_version", ...}`` form that are not metadata.
_OWN_KEYS = ("values", "score", "model_version", "result")


def plain_score(score: Any) -> float | None:
    """A score as a plain float (numpy scalars, strings of numbers); None when missing."""
    if score is None:
        return None
    if isinstance(score, bool):
        raise ValueError(f"a prediction's score must be a number, got {score!r}")
    try:
        value = float(score)
    except (TypeError, ValueError):
        raise ValueError(f"a prediction's score must be a number, got {score!r}") from None
    return None if math.isnan(value) else value


@dataclass(frozen=True)
class Prediction:
    """Suggested cells for one task (``{control name: cell}``), as Label Studio stores a
    prediction: with the model's ``score`` and ``model_version``. ``meta`` keeps whatever else
    came with it (a Label Studio prediction's ``id``, ``result_ids``, ``created_at`` ...)."""

    values: Mapping[str, Any]
    score: float | None = None
    model_version: str | None = None
    meta: Mapping[str, Any] = field(default_factory=dict)

    def to_dict(self, meta: bool = False) -> dict:
        """The ``{"values", "score", "model_version"}`` form the formats package reads
        (``predictions=`` of ``to_label_studio``); ``meta=True`` adds the metadata keys, so an
        export reproduces the prediction ids read from Label Studio."""
        out: dict[str, Any] = {}
        if meta:
            out.update({k: v for k, v in self.meta.items() if k not in _OWN_KEYS})
        out["values"] = dict(self.values)
        if self.score is not None:
            out["score"] = self.score
        if self.model_version is not None:
            out["model_version"] = self.model_version
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Prediction:
        """From the ``{"values", "score", "model_version", ...}`` form (what
        ``read_label_studio`` gives per task); other keys go to ``meta``."""
        version = data.get("model_version")
        return cls(values=dict(data.get("values") or {}), score=plain_score(data.get("score")),
                   model_version=None if version is None else str(version),
                   meta={k: v for k, v in data.items() if k not in _OWN_KEYS})


class PredictionSource:
    """Base class of prediction sources: subclass it and implement :meth:`predict`."""

    def predict(self, tasks: list[tuple[Any, Any]]) -> list[list[Prediction]]:
        raise NotImplementedError
