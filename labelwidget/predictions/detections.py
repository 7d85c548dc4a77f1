"""Detections (``xyxy`` pixels + label + score) -> boxes of a ``RectangleLabels`` control, in
percent of the image with ``original_width``/``original_height``. No Jupyter imports."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np

from ..tasks import plain
from .classifiers import _label, model_name
from .model import Prediction, PredictionSource
from .token_classification import _mean_score


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
