"""Where suggestions come from, all normalised to :class:`Prediction` lists per task.

A source has one method, ``predict(tasks) -> list[list[Prediction]]``, where ``tasks`` is a
list of ``(task id, row)`` pairs (``row.get(column)`` reads the task's data); the Annotator
calls it in batches ahead of the task on screen.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Protocol

import pandas as pd

from ..config import LabelConfig
from ..tasks import is_missing, plain
from .model import Prediction


class PredictionSource(Protocol):
    def predict(self, tasks: list[tuple[Any, Any]]) -> list[list[Prediction]]: ...


def _as_prediction(item: Any, default_version: str | None = None) -> Prediction:
    if isinstance(item, Prediction):
        return item
    if isinstance(item, Mapping) and "values" in item:
        return Prediction.from_dict(item)
    if isinstance(item, Mapping):  # a bare {control: cell}
        return Prediction(values=dict(item), model_version=default_version)
    raise TypeError(f"a suggestion is a Prediction or a {{control: cell}} dict, got {item!r}")


def _as_list(item: Any, default_version: str | None = None) -> list[Prediction]:
    if item is None:
        return []
    if isinstance(item, (list, tuple)):
        return [_as_prediction(i, default_version) for i in item]
    return [_as_prediction(item, default_version)]


class ColumnSource:
    """Suggested cells stored in DataFrame columns: ``{control: column}`` (and a score column)."""

    def __init__(self, columns: Mapping[str, str], score: str | None = None,
                 model_version: str = "dataframe"):
        self.columns = dict(columns)
        self.score = score
        self.model_version = model_version

    def predict(self, tasks):
        out = []
        for _task, row in tasks:
            values = {}
            for control, column in self.columns.items():
                cell = plain(row.get(column))
                if not is_missing(cell):
                    values[control] = cell
            if not values:
                out.append([])
                continue
            score = row.get(self.score) if self.score else None
            out.append([Prediction(values, None if is_missing(score) else float(score),
                                   self.model_version)])
        return out


class MappingSource:
    """Predictions given up front: ``{task id: [Prediction | {"values", "score", ...}]}``."""

    def __init__(self, predictions: Mapping[Any, Any]):
        self.predictions = {k: _as_list(v) for k, v in predictions.items()}

    def predict(self, tasks):
        return [list(self.predictions.get(task, [])) for task, _row in tasks]


class CallableSource:
    """``predict(rows) -> suggestions``: ``rows`` is a DataFrame of the batch's data columns;
    it returns one item per row (a {control: cell} dict, a Prediction, a list of them, or None)."""

    def __init__(self, fn: Callable, columns: list[str], model_version: str | None = None):
        self.fn = fn
        self.columns = columns
        self.model_version = model_version or getattr(fn, "__name__", "callable")

    def predict(self, tasks):
        rows = pd.DataFrame([{c: row.get(c) for c in self.columns} for _task, row in tasks],
                            index=[task for task, _row in tasks])
        answers = list(self.fn(rows))
        if len(answers) != len(tasks):
            raise ValueError(f"predict(rows) returned {len(answers)} suggestions for "
                             f"{len(tasks)} rows")
        return [_as_list(a, self.model_version) for a in answers]


def as_source(obj: Any, config: LabelConfig, df: pd.DataFrame) -> PredictionSource:
    """Normalise what the user passed as ``predictions=`` into a source."""
    if hasattr(obj, "predict") and not isinstance(obj, type) and callable(obj.predict) \
            and isinstance(obj, (ColumnSource, MappingSource, CallableSource)):
        return obj
    if isinstance(obj, str) and obj in df.columns and len(config.controls) == 1:
        return ColumnSource({next(iter(config.controls)): obj})
    if isinstance(obj, Mapping) and obj and all(k in config.controls for k in obj) \
            and all(isinstance(v, str) and v in df.columns for v in obj.values()):
        return ColumnSource(obj)
    if isinstance(obj, Mapping):
        return MappingSource(obj)
    if callable(obj):
        return CallableSource(obj, list(df.columns))
    if hasattr(obj, "predict"):
        return obj
    raise TypeError(
        "predictions= takes a column name, {control: column}, {task id: [predictions]}, "
        f"a callable predict(rows), or a prediction source; got {type(obj).__name__}")
