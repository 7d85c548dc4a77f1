"""scikit-learn classifiers (``predict_proba`` + ``classes_``) -> Choices cells, scored by the
class probability. No Jupyter imports."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from ..config import LabelConfig
from ..tasks import plain
from .model import Prediction, PredictionSource


def _label(value: Any, label_map: Mapping | Sequence | Callable | None) -> Any:
    value = plain(value)
    if label_map is None:  # the class as it is: a Rating's int, a Choices option's text
        return value
    if callable(label_map):
        return label_map(value)
    if isinstance(label_map, Mapping):
        return label_map.get(value, value if isinstance(value, str) else str(value))
    if isinstance(value, str):  # already a name; a list of names maps class indices
        return value
    try:
        return label_map[int(value)]
    except (IndexError, TypeError, ValueError):
        raise ValueError(f"class {value!r} has no name in label_map (it lists "
                         f"{len(label_map)} names)") from None


def proba_predictions(proba: Any, classes: Sequence, control: str, *, alternatives: int = 1,
                      multiple: bool = False, model_version: str | None = None,
                      label_map: Mapping | Sequence | Callable | None = None,
                      ) -> list[list[Prediction]]:
    """Class probabilities (``n x k``, columns in the order of ``classes``) -> per row, the
    ``alternatives`` most probable classes as predictions for ``control``, best first, each
    scored by its probability. ``multiple=True`` gives list cells (a ``choice="multiple"``
    control); ``label_map`` maps a class to its option (dict, list by index, or function)."""
    proba = np.asarray(proba, dtype=float)
    if proba.ndim != 2 or proba.shape[1] != len(classes):
        raise ValueError(f"predict_proba gave shape {proba.shape}; expected (rows, "
                         f"{len(classes)}) for the classes {list(classes)!r}")
    labels = [_label(c, label_map) for c in classes]
    top = max(1, min(int(alternatives), len(labels)))
    order = np.argsort(-proba, axis=1, kind="stable")[:, :top]
    out = []
    for row, best in zip(proba, order, strict=True):
        found = []
        for j in best:
            cell = [labels[j]] if multiple else labels[j]
            found.append(Prediction({control: cell}, float(row[j]), model_version))
        out.append(found)
    return out


def sklearn_predictions(model: Any, X: Any, control: str, *, alternatives: int = 1,
                        multiple: bool = False, model_version: str | None = None,
                        label_map: Mapping | Sequence | Callable | None = None,
                        ) -> list[list[Prediction]]:
    """A fitted scikit-learn classifier's suggestions for the rows of ``X``: its most probable
    class(es) as ``control``'s cell, scored by ``predict_proba``."""
    classes = getattr(model, "classes_", None)
    if classes is None:
        raise ValueError(f"{type(model).__name__} has no classes_: fit it first")
    return proba_predictions(model.predict_proba(X), list(classes), control,
                             alternatives=alternatives, multiple=multiple,
                             model_version=model_version or model_name(model),
                             label_map=label_map)


def model_name(model: Any) -> str:
    """A short name for a model: the last step of a pipeline, else its class name."""
    steps = getattr(model, "steps", None)
    if steps:
        return type(steps[-1][1]).__name__
    return type(model).__name__


def features_of(features: str | Sequence[str] | Callable, rows: pd.DataFrame) -> Any:
    """The model input for ``rows``: one column as a list, several as a DataFrame, or what a
    function of the rows returns."""
    if callable(features):
        return features(rows)
    if isinstance(features, str):
        return rows[features].tolist()
    return rows[list(features)]


class SklearnSource(PredictionSource):
    """A fitted classifier's suggestions for a Choices control. ``features``: the data column
    the model reads (a list of its values goes to ``predict_proba``), a list of columns (a
    DataFrame), or a function ``rows -> X``."""

    def __init__(self, model: Any, control: str, features: str | Sequence[str] | Callable, *,
                 alternatives: int = 1, multiple: bool = False,
                 model_version: str | None = None,
                 label_map: Mapping | Sequence | Callable | None = None):
        self.model = model
        self.control = control
        self.features = features
        self.alternatives = alternatives
        self.multiple = multiple
        self.model_version = model_version
        self.label_map = label_map

    @classmethod
    def for_config(cls, model: Any, config: LabelConfig, df: pd.DataFrame, **options):
        """The source for a config with one Choices control reading one data column."""
        choices = [t for t in config.controls.values() if t.result_type == "choices"]
        columns = [c for c in config.columns if c in df.columns]
        if len(choices) != 1 or len(columns) != 1:
            raise ValueError(
                f"predictions={type(model).__name__}(...): a classifier can suggest labels on "
                "its own only for one Choices control reading one data column (this config "
                f"has {len(choices)} Choices and reads {len(columns)} columns); use "
                "labelwidget.predictions.adapters.SklearnSource(model, control, features) or "
                "Annotator.learn(model, control, features=...)")
        tag = choices[0]
        return cls(model, tag.name, columns[0], multiple=bool(getattr(tag, "multiple", False)),
                   **options)

    def predict(self, tasks):
        columns = self.features if isinstance(self.features, (list, tuple)) else None
        if isinstance(self.features, str):
            columns = [self.features]
        data = [{c: row.get(c) for c in columns} if columns else _RowDict(row)
                for _task, row in tasks]
        rows = pd.DataFrame(data, index=[task for task, _row in tasks])
        if not len(rows):
            return []
        return sklearn_predictions(self.model, features_of(self.features, rows), self.control,
                                   alternatives=self.alternatives, multiple=self.multiple,
                                   model_version=self.model_version, label_map=self.label_map)


class _RowDict(dict):
    """A row view as a dict of every column it holds (for a features function)."""

    def __init__(self, row):
        frame = getattr(row, "_df", None)
        if frame is not None:
            super().__init__({c: row.get(c) for c in frame.columns})
        else:
            super().__init__(dict(row))
