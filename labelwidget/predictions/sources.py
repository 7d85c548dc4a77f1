"""Where suggestions come from, all normalised to :class:`Prediction` lists per task.

A source has one method, ``predict(tasks) -> list[list[Prediction]]``, where ``tasks`` is a
list of ``(task id, row)`` pairs (``row.get(column)`` reads the task's data); the Annotator
calls it in batches ahead of the task on screen. Sources:

* :class:`ColumnSource`: suggested cells in DataFrame columns (and a score column);
* :class:`MappingSource`: predictions known up front, ``{task id: [predictions]}`` (what
  ``read_label_studio(...).predictions`` holds);
* :class:`CallableSource`: ``predict(rows) -> suggestions``, called in batches;
* :class:`LabelStudioModelSource`: an object with the Label Studio ML backend contract,
  ``predict(tasks, context=None)`` on Label Studio tasks ``{"id", "data"}``, answering Label
  Studio predictions (``{"result", "score", "model_version"}``) or a ``ModelResponse``;
* :class:`MLBackendSource`: the URL of a running ML backend (``POST {url}/predict``).

:func:`as_source` picks one from what the user passed as ``predictions=``. The two ML backend
sources live in predictions/backends.py, reading Label Studio predictions in
predictions/label_studio.py; every name is importable from here too.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

import pandas as pd

from ..config import LabelConfig
from ..tasks import is_missing, plain
from .backends import LabelStudioModelSource, MLBackendError, MLBackendSource
from .label_studio import (
    LabelStudioPredictions,
    _warn_skipped,
    label_studio_prediction,
    predictions_from_label_studio,
    result_to_values,
)
from .messages import PredictionError, PredictionWarning
from .model import Prediction, PredictionSource, plain_score

# -- sources -------------------------------------------------------------------------------------


def _as_prediction(item: Any, default_version: str | None, config: LabelConfig | None,
                   data: Any, where: str) -> Prediction:
    if isinstance(item, Mapping) and "values" in item:
        item = Prediction.from_dict(item)
    if isinstance(item, Prediction):
        if item.model_version is None and default_version is not None:
            return replace(item, model_version=default_version)
        return item
    if isinstance(item, Mapping) and "result" in item:
        if config is None:
            raise TypeError(f"{where}: a Label Studio prediction ('result' items) needs the "
                            "labeling config to be read")
        return label_studio_prediction(config, item, data, where, default_version)
    if isinstance(item, Mapping):  # a bare {control: cell}
        return Prediction(values=dict(item), model_version=default_version)
    raise TypeError(f"{where}: a suggestion is a Prediction, a {{control: cell}} dict or a "
                    f"Label Studio prediction, got {item!r}")


def _as_list(item: Any, default_version: str | None = None, config: LabelConfig | None = None,
             data: Any = None, where: str = "a suggestion") -> list[Prediction]:
    if item is None:
        return []
    if isinstance(item, (list, tuple)):
        return [_as_prediction(one, default_version, config, data, f"{where}, prediction {i}")
                for i, one in enumerate(item)]
    return [_as_prediction(item, default_version, config, data, where)]


class ColumnSource(PredictionSource):
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
            score = plain_score(row.get(self.score)) if self.score else None
            out.append([Prediction(values, score, self.model_version)])
        return out


class MappingSource(PredictionSource):
    """Predictions given up front: ``{task id: [Prediction | {"values", "score", ...} |
    {"result", "score", ...}]}`` (Label Studio ``result`` items need ``config``)."""

    def __init__(self, predictions: Mapping[Any, Any], config: LabelConfig | None = None,
                 model_version: str | None = None,
                 problems: Mapping[Any, list[str]] | None = None):
        self.predictions = {plain(k): _as_list(v, model_version, config, None, f"task {k!r}")
                            for k, v in predictions.items()}
        # task id -> predictions left out of ``predictions``, reported on that task
        self.problems = {plain(k): list(v) for k, v in (problems or {}).items()}

    def predict(self, tasks):
        answers = [list(self.predictions.get(task, [])) for task, _row in tasks]
        by_task = {i: self.problems[task] for i, (task, _row) in enumerate(tasks)
                   if task in self.problems}
        if by_task:
            problems = [p for ps in by_task.values() for p in ps]
            raise PredictionError(problems, answers, "predictions left out", by_task)
        return answers


class CallableSource(PredictionSource):
    """``predict(rows) -> suggestions``: ``rows`` is a DataFrame of the batch's data columns
    (index = task ids); it returns one item per row: a {control: cell} dict, a Prediction, a
    Label Studio prediction ``{"result", "score", "model_version"}``, a list of them, or None."""

    def __init__(self, fn: Callable, columns: list[str], model_version: str | None = None,
                 config: LabelConfig | None = None):
        self.fn = fn
        self.columns = list(columns)
        self.model_version = model_version or getattr(fn, "__name__", "callable")
        self.config = config

    def predict(self, tasks):
        rows = pd.DataFrame([{c: row.get(c) for c in self.columns} for _task, row in tasks],
                            index=[task for task, _row in tasks], columns=self.columns)
        answers = self.fn(rows)
        answers = list(answers) if answers is not None else []
        if len(answers) != len(tasks):
            raise ValueError(f"predict(rows) returned {len(answers)} suggestions for "
                             f"{len(tasks)} rows")
        return [_as_list(a, self.model_version, self.config, row, f"task {task!r}")
                for (task, row), a in zip(tasks, answers, strict=True)]


# -- what the user passed -> a source ------------------------------------------------------------


def _data_columns(config: LabelConfig, df: pd.DataFrame) -> list[str]:
    controls = set(config.control_columns)
    return [c for c in df.columns if c not in controls]


def _check_ids(predictions: Mapping, df: pd.DataFrame, what: str) -> None:
    if not predictions or not len(df):
        return
    if not any(task in df.index for task in predictions):
        ids = ", ".join(repr(t) for t in list(predictions)[:5])
        index = ", ".join(repr(plain(t)) for t in df.index[:5])
        raise ValueError(f"none of the {len(predictions)} task ids of {what} is in the "
                         f"DataFrame index (ids: {ids} ...; index: {index} ...)")


def _is_url(text: str) -> bool:
    return text.startswith(("http://", "https://"))


def as_source(obj: Any, config: LabelConfig, df: pd.DataFrame) -> PredictionSource:
    """Normalise what the user passed as ``predictions=`` into a source:

    * a prediction source (subclass of :class:`PredictionSource`);
    * a column name (one control) or ``{control: column}``;
    * ``{task id: [predictions]}`` (:class:`Prediction`, ``{"values", ...}`` or Label Studio
      ``{"result", ...}`` dicts);
    * what ``read_label_studio`` returns, Label Studio task dicts with ``predictions``, or the
      path of a Label Studio JSON export;
    * the URL of a running Label Studio ML backend (``http://localhost:9090``);
    * a scikit-learn classifier (one Choices control and one data column);
    * an object with the Label Studio ML backend contract ``predict(tasks, context=None)``;
    * a callable ``predict(rows) -> suggestions``.
    """
    from ..formats.label_studio import LabelStudioImport

    columns = _data_columns(config, df)
    if isinstance(obj, PredictionSource):
        bind = getattr(obj, "bind", None)
        return bind(config, columns) if callable(bind) else obj
    if isinstance(obj, LabelStudioImport):
        _check_ids(obj.predictions, df, "the Label Studio import's predictions")
        return MappingSource(obj.predictions, config)
    if isinstance(obj, Path) or (isinstance(obj, str) and obj.lower().endswith(".json")
                                 and obj not in df.columns):
        found = predictions_from_label_studio(obj, config)
        _check_ids(found, df, f"{obj}")
        _warn_skipped(found, f"the predictions in {obj}")
        return MappingSource(found, problems=found.problems)
    if isinstance(obj, str):
        if _is_url(obj):
            return MLBackendSource(obj, config, columns)
        if obj in df.columns and len(config.controls) == 1:
            return ColumnSource({next(iter(config.controls)): obj})
        if obj in df.columns:
            raise ValueError(f"predictions={obj!r}: the config has {len(config.controls)} "
                             "controls; say which column suggests which control: "
                             "{control: column}")
        raise ValueError(f"predictions={obj!r} is not a column of the DataFrame (columns: "
                         f"{', '.join(map(str, df.columns))}), an http(s):// URL of an ML "
                         "backend, nor a .json file of Label Studio tasks")
    if isinstance(obj, Mapping) and obj and all(k in config.controls for k in obj) \
            and all(isinstance(v, str) and v in df.columns for v in obj.values()):
        return ColumnSource(obj)
    if isinstance(obj, Mapping):
        _check_ids(obj, df, "predictions=")
        return MappingSource(obj, config)
    if isinstance(obj, (list, tuple)) and obj and all(isinstance(t, Mapping) for t in obj):
        found = predictions_from_label_studio(list(obj), config)
        _check_ids(found, df, "the Label Studio tasks")
        _warn_skipped(found, "the predictions of the Label Studio tasks")
        return MappingSource(found, problems=found.problems)
    if callable(obj) and hasattr(obj, "tokenizer") and hasattr(obj, "model"):
        raise TypeError(
            f"predictions={type(obj).__name__}(...): a Hugging Face pipeline answers in its own "
            "shape; wrap it: labelwidget.predictions.adapters.TokenClassificationSource("
            "pipeline, control, column)")
    if hasattr(obj, "predict_proba") and hasattr(obj, "predict"):
        from .adapters import SklearnSource

        return SklearnSource.for_config(obj, config, df)
    if callable(getattr(obj, "predict", None)) and not isinstance(obj, type):
        return LabelStudioModelSource(obj, config, columns)
    if callable(obj):
        return CallableSource(obj, columns, config=config)
    raise TypeError(
        "predictions= takes a column name, {control: column}, {task id: [predictions]}, Label "
        "Studio tasks or read_label_studio(...), an ML backend URL, a model with "
        f"predict(tasks, context=None), or a callable predict(rows); got {type(obj).__name__}")


__all__ = ["CallableSource", "ColumnSource", "LabelStudioModelSource", "LabelStudioPredictions",
           "MLBackendError", "MLBackendSource", "MappingSource", "PredictionError",
           "PredictionWarning", "as_source", "label_studio_prediction",
           "predictions_from_label_studio", "result_to_values"]
