"""Model suggestions: sources normalised to Label Studio-style predictions. No Jupyter imports."""

from .model import Prediction
from .sources import CallableSource, ColumnSource, MappingSource, PredictionSource, as_source

__all__ = ["CallableSource", "ColumnSource", "MappingSource", "Prediction", "PredictionSource",
           "as_source"]
