"""Common model outputs -> suggested cells, without downloading any model. No Jupyter imports.

* scikit-learn classifiers (``predict_proba`` + ``classes_``) -> Choices cells, scored by the
  class probability (:func:`proba_predictions`, :func:`sklearn_predictions`,
  :class:`SklearnSource`);
* token classification shaped like Hugging Face ``pipeline("ner", aggregation_strategy=...)``
  (``[{"entity_group", "start", "end", "score", "word"}]``) -> spans of a ``Labels`` control
  (:func:`token_classification_spans`, :class:`TokenClassificationSource`);
* detections (``xyxy`` pixels + label + score) -> boxes of a ``RectangleLabels`` control, in
  percent of the image with ``original_width``/``original_height`` (:func:`detection_boxes`,
  :class:`DetectionSource`).

The sources plug into ``Annotator(..., predictions=source)``; the functions give cells and
:class:`Prediction` objects for ``Annotator.set_predictions`` or a DataFrame column.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from ..config import LabelConfig
from ..tasks import plain
from .model import Prediction, PredictionSource

# -- scikit-learn classifiers -> Choices ---------------------------------------------------------


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


# -- token classification -> spans ---------------------------------------------------------------


def _strip_tag(entity: str) -> str:
    """``B-PER`` / ``I-PER`` / ``S-PER`` -> ``PER`` (non-aggregated pipeline output)."""
    if len(entity) > 2 and entity[1] in "-_" and entity[0] in "BIESLU":
        return entity[2:]
    return entity


def token_classification_spans(entities: Sequence[Mapping], text: str | None = None, *,
                               label_map: Mapping[str, str] | Callable | None = None,
                               min_score: float | None = None, strip: bool = True,
                               label_key: str = "labels") -> list[dict]:
    """Hugging Face token-classification output -> a Labels cell (list of spans).

    Each entity has ``start``/``end`` (character offsets, end exclusive), ``entity_group``
    (or ``entity``, whose ``B-``/``I-`` prefix is dropped) and ``score``. With ``text`` the
    span text is ``text[start:end]`` (``word`` can differ: sub-word markers, lower case), and
    with ``strip`` surrounding spaces are trimmed. ``label_map`` renames labels (an unmapped
    label is kept; map it to None to drop it); entities under ``min_score`` are dropped.
    """
    spans = []
    for i, entity in enumerate(entities):
        if not isinstance(entity, Mapping):
            raise ValueError(f"entity {i}: expected a dict with entity_group, start, end, "
                             f"score; got {type(entity).__name__}")
        group = entity.get("entity_group", entity.get("entity"))
        if group is None:
            raise ValueError(f"entity {i}: has neither 'entity_group' nor 'entity' "
                             f"(keys: {', '.join(map(str, entity))})")
        label = str(plain(group)) if "entity_group" in entity else _strip_tag(str(plain(group)))
        if label_map is not None:
            label = label_map(label) if callable(label_map) else label_map.get(label, label)
            if label is None:
                continue
        score = entity.get("score")
        score = None if score is None else float(plain(score))
        if min_score is not None and score is not None and score < min_score:
            continue
        try:
            start, end = int(plain(entity["start"])), int(plain(entity["end"]))
        except (KeyError, TypeError, ValueError):
            raise ValueError(f"entity {i} ({label}): 'start' and 'end' must be character "
                             "offsets (run the pipeline with a fast tokenizer)") from None
        if text is not None:
            if strip:
                while start < end and text[start].isspace():
                    start += 1
                while end > start and text[end - 1].isspace():
                    end -= 1
            if start >= end:
                continue
            word = text[start:end]
        else:
            word = str(entity.get("word", ""))
        span = {"start": start, "end": end, "text": word, label_key: [label]}
        if score is not None:
            span["score"] = score
        spans.append(span)
    return spans


def _mean_score(items: list[dict]) -> float | None:
    scores = [s["score"] for s in items if s.get("score") is not None]
    return float(np.mean(scores)) if scores else None


class TokenClassificationSource(PredictionSource):
    """Spans for a Labels control from a token-classification function: ``pipeline(texts)``
    gets the batch's texts (column ``column``) and returns one entity list per text, shaped
    like Hugging Face's ``pipeline("ner", aggregation_strategy="simple")``. The prediction's
    score is the mean entity score."""

    def __init__(self, pipeline: Callable, control: str, column: str, *,
                 label_map: Mapping[str, str] | Callable | None = None,
                 min_score: float | None = None, model_version: str | None = None,
                 label_key: str = "labels"):
        self.pipeline = pipeline
        self.control = control
        self.column = column
        self.label_map = label_map
        self.min_score = min_score
        self.model_version = model_version or model_name(pipeline)
        self.label_key = label_key

    def predict(self, tasks):
        texts = [row.get(self.column) or "" for _task, row in tasks]
        if not texts:
            return []
        outputs = self.pipeline([str(t) for t in texts])
        outputs = list(outputs)
        if len(texts) == 1 and outputs and isinstance(outputs[0], Mapping):
            outputs = [outputs]  # a pipeline given one text answers one flat entity list
        if len(outputs) != len(texts):
            raise ValueError(f"the token classifier returned {len(outputs)} results for "
                             f"{len(texts)} texts")
        out = []
        for (task, _row), text, entities in zip(tasks, texts, outputs, strict=True):
            try:
                spans = token_classification_spans(entities or [], str(text),
                                                   label_map=self.label_map,
                                                   min_score=self.min_score,
                                                   label_key=self.label_key)
            except ValueError as exc:
                raise ValueError(f"task {task!r}, {self.control}: {exc}") from None
            out.append([Prediction({self.control: spans}, _mean_score(spans),
                                   self.model_version)] if spans else [])
        return out


# -- detections -> boxes -------------------------------------------------------------------------


def _array(value: Any) -> np.ndarray:
    for step in ("detach", "cpu", "numpy"):  # torch tensors
        fn = getattr(value, step, None)
        if callable(fn) and not isinstance(value, np.ndarray):
            value = fn()
    return np.asarray(value)


def _first(obj: Any, names: Sequence[str]) -> Any:
    for name in names:
        if isinstance(obj, Mapping):
            if name in obj and obj[name] is not None:
                return obj[name]
        elif getattr(obj, name, None) is not None:
            return getattr(obj, name)
    return None


_BOX_KEYS = ("xyxy", "boxes", "box", "bbox_xyxy")
_LABEL_KEYS = ("labels", "label", "class_name", "class_id", "cls", "class", "category")
_SCORE_KEYS = ("scores", "score", "confidence", "conf")


def detection_list(detections: Any) -> list[tuple[list[float], Any, float | None]]:
    """``(xyxy, label, score)`` triples from common detection outputs: a list of dicts
    (``{"xyxy": [x1, y1, x2, y2], "label": ..., "score": ...}``), a dict of arrays
    (``{"xyxy"|"boxes": (n, 4), "labels"|"class_id": (n,), "scores"|"confidence": (n,)}``,
    as torchvision detectors answer), or an object with those attributes (supervision's
    ``Detections``; an ultralytics result's ``.boxes`` with ``xyxy``, ``cls``, ``conf``)."""
    if detections is None:
        return []
    if isinstance(detections, (list, tuple)) and (not detections
                                                  or isinstance(detections[0], Mapping)):
        out = []
        for i, d in enumerate(detections):
            box = _first(d, _BOX_KEYS)
            if box is None:
                raise ValueError(f"detection {i}: has no box ('xyxy': [x1, y1, x2, y2] in "
                                 f"pixels); keys: {', '.join(map(str, d))}")
            box = _array(box).astype(float).reshape(-1).tolist()
            if len(box) != 4:
                raise ValueError(f"detection {i}: a box is [x1, y1, x2, y2], got {box!r}")
            score = _first(d, _SCORE_KEYS)
            out.append((box, plain(_first(d, _LABEL_KEYS)),
                        None if score is None else float(_array(score))))
        return out
    holder = detections
    boxes_attr = getattr(detections, "boxes", None)
    if not isinstance(detections, Mapping) and boxes_attr is not None \
            and getattr(boxes_attr, "xyxy", None) is not None:
        holder = boxes_attr  # an ultralytics result
    boxes = _first(holder, _BOX_KEYS)
    if boxes is None:
        raise ValueError(f"cannot read detections from {type(detections).__name__}: expected "
                         "boxes as 'xyxy' (or 'boxes') in pixels, with labels and scores")
    boxes = _array(boxes).astype(float).reshape(-1, 4)
    labels = _first(holder, _LABEL_KEYS)
    scores = _first(holder, _SCORE_KEYS)
    labels = [None] * len(boxes) if labels is None else _array(labels).reshape(-1).tolist()
    scores = [None] * len(boxes) if scores is None else _array(scores).astype(float).reshape(-1)
    if len(labels) != len(boxes) or len(scores) != len(boxes):
        raise ValueError(f"{len(boxes)} boxes but {len(labels)} labels and {len(scores)} scores")
    return [(b.tolist(), plain(label), None if s is None else float(s))
            for b, label, s in zip(boxes, labels, scores, strict=True)]


def _names_of(detections: Any) -> Any:
    names = getattr(detections, "names", None)
    return names if isinstance(names, (Mapping, list, tuple)) else None


def detection_boxes(detections: Any, width: float, height: float, *,
                    label_map: Mapping | Sequence | Callable | None = None,
                    min_score: float | None = None,
                    label_key: str = "rectanglelabels") -> list[dict]:
    """Detections in pixels -> a RectangleLabels cell: boxes in percent of a ``width`` x
    ``height`` image, clipped to it, with ``original_width``/``original_height`` and each box's
    ``score``. Integer labels go through ``label_map`` (a dict, a list of class names, a
    function; an ultralytics result's ``names`` are used when it has them); boxes under
    ``min_score`` or without area inside the image are dropped."""
    if not width or not height or width <= 0 or height <= 0:
        raise ValueError(f"the image size must be positive pixels, got {width!r} x {height!r}")
    names = label_map if label_map is not None else _names_of(detections)
    regions = []
    for i, (box, label, score) in enumerate(detection_list(detections)):
        if min_score is not None and score is not None and score < min_score:
            continue
        if label is None:
            raise ValueError(f"detection {i}: has no label")
        if names is not None:
            label = _label(label, names)
            if label is None:
                continue
        elif not isinstance(label, str):
            label = str(label)
        if not all(math.isfinite(v) for v in box):
            raise ValueError(f"detection {i} ({label}): box {box!r} is not finite")
        x1, y1, x2, y2 = box
        x1, x2 = sorted((x1, x2))
        y1, y2 = sorted((y1, y2))
        x1, x2 = min(max(x1, 0.0), width), min(max(x2, 0.0), width)
        y1, y2 = min(max(y1, 0.0), height), min(max(y2, 0.0), height)
        box_width, box_height = (x2 - x1) / width * 100, (y2 - y1) / height * 100
        if box_width <= 0 or box_height <= 0:  # nothing left inside the image
            continue
        region = {
            "x": x1 / width * 100, "y": y1 / height * 100,
            "width": box_width, "height": box_height,
            "rotation": 0, label_key: [label],
            "original_width": int(width), "original_height": int(height),
        }
        if score is not None:
            region["score"] = score
        regions.append(region)
    return regions


def _orig_size(detections: Any) -> tuple[int, int] | None:
    shape = getattr(detections, "orig_shape", None)  # ultralytics: (height, width)
    if shape is not None and len(shape) >= 2:
        return int(shape[1]), int(shape[0])
    if isinstance(detections, Mapping):
        w = detections.get("original_width", detections.get("width"))
        h = detections.get("original_height", detections.get("height"))
        if w and h:
            return int(w), int(h)
    return None


class DetectionSource(PredictionSource):
    """Boxes for a RectangleLabels control from a detector: ``detect(images)`` gets the batch's
    image cells (column ``column``: paths or URLs) and returns one detection output per image
    (see :func:`detection_list`). The image size comes from the output (``orig_shape``, or
    ``width``/``height`` keys), else ``size`` (``(width, height)``, a function of the image
    cell, or two column names), else the local file's header. The prediction's score is the
    mean box score."""

    def __init__(self, detect: Callable, control: str, column: str, *,
                 size: tuple[int, int] | Callable | tuple[str, str] | None = None,
                 label_map: Mapping | Sequence | Callable | None = None,
                 min_score: float | None = None, model_version: str | None = None,
                 label_key: str = "rectanglelabels"):
        self.detect = detect
        self.control = control
        self.column = column
        self.size = size
        self.label_map = label_map
        self.min_score = min_score
        self.model_version = model_version or model_name(detect)
        self.label_key = label_key

    def _size(self, task, row, image, output) -> tuple[int, int]:
        found = _orig_size(output)
        if found:
            return found
        size = self.size
        if callable(size):
            return tuple(size(image))
        if isinstance(size, (list, tuple)) and len(size) == 2:
            if all(isinstance(s, str) for s in size):
                return row.get(size[0]), row.get(size[1])
            return size[0], size[1]
        from ..formats._images import image_info

        width, height, _ = image_info(image)
        if not width or not height:
            raise ValueError(f"task {task!r}, {self.control}: the size of image {image!r} is "
                             "unknown; pass size=(width, height), a function of the image, or "
                             "two size columns")
        return width, height

    def predict(self, tasks):
        images = [row.get(self.column) for _task, row in tasks]
        if not images:
            return []
        outputs = list(self.detect(images))
        if len(outputs) != len(images):
            raise ValueError(f"the detector returned {len(outputs)} results for "
                             f"{len(images)} images")
        out = []
        for (task, row), image, output in zip(tasks, images, outputs, strict=True):
            width, height = self._size(task, row, image, output)
            try:
                boxes = detection_boxes(output, width, height, label_map=self.label_map,
                                        min_score=self.min_score, label_key=self.label_key)
            except ValueError as exc:
                raise ValueError(f"task {task!r}, {self.control}: {exc}") from None
            out.append([Prediction({self.control: boxes}, _mean_score(boxes),
                                   self.model_version)] if boxes else [])
        return out


__all__ = [
    "DetectionSource",
    "SklearnSource",
    "TokenClassificationSource",
    "detection_boxes",
    "detection_list",
    "features_of",
    "model_name",
    "proba_predictions",
    "sklearn_predictions",
    "token_classification_spans",
]
