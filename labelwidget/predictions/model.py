"""A model's suggestion for one task, in the cell format of the DataFrame. No Jupyter imports."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Prediction:
    """Suggested cells for one task (``{control name: cell}``), as Label Studio stores a
    prediction: with the model's ``score`` and ``model_version``."""

    values: Mapping[str, Any]
    score: float | None = None
    model_version: str | None = None
    meta: Mapping[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict:
        """The ``{"values", "score", "model_version"}`` form the formats package reads."""
        out: dict[str, Any] = {"values": dict(self.values)}
        if self.score is not None:
            out["score"] = self.score
        if self.model_version is not None:
            out["model_version"] = self.model_version
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Prediction:
        return cls(values=dict(data.get("values") or {}), score=data.get("score"),
                   model_version=data.get("model_version"))
