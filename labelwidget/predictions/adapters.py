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
:class:`Prediction` objects for ``Annotator.set_predictions`` or a DataFrame column. Each family
lives in its own module (predictions/classifiers.py, token_classification.py, detections.py);
every name is importable from here.
"""

from .classifiers import (
    SklearnSource,
    features_of,
    model_name,
    proba_predictions,
    sklearn_predictions,
)
from .detections import DetectionSource, detection_boxes, detection_list
from .token_classification import TokenClassificationSource, token_classification_spans

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
