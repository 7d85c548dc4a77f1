"""Model suggestions: sources normalised to Label Studio-style predictions. No Jupyter imports.

See :mod:`labelwidget.predictions.sources` for where predictions come from and
:mod:`labelwidget.predictions.adapters` for common model outputs (scikit-learn classifiers,
token classification, detection)."""

from .model import Prediction
from .sources import (
    CallableSource,
    ColumnSource,
    LabelStudioModelSource,
    MappingSource,
    MLBackendError,
    MLBackendSource,
    PredictionError,
    PredictionSource,
    PredictionWarning,
    as_source,
    label_studio_prediction,
    predictions_from_label_studio,
    result_to_values,
)

__all__ = ["CallableSource", "ColumnSource", "LabelStudioModelSource", "MLBackendError",
           "MLBackendSource", "MappingSource", "Prediction", "PredictionError",
           "PredictionSource", "PredictionWarning", "as_source", "label_studio_prediction",
           "predictions_from_label_studio", "result_to_values"]
