"""labelwidget: label data inside Jupyter with Label Studio's XML configs.

Names are imported on first use, so training scripts that only read a store or export a file
(``labelwidget.load``, ``labelwidget.export``) do not load the widget stack.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_LAZY = {
    "Annotator": ("annotator", "Annotator"),
    "agreement": ("team", "agreement"),
    "Agreement": ("team", "Agreement"),
    "Review": ("team.review", "Review"),
    "StoreWarning": ("annotator", "StoreWarning"),
    "ConfigError": ("config", "ConfigError"),
    "ConfigWarning": ("config", "ConfigWarning"),
    "LabelConfig": ("config", "LabelConfig"),
    "parse_config": ("config", "parse_config"),
    "playground": ("prototyping", "playground"),
    "Playground": ("prototyping", "Playground"),
    "DataError": ("tasks", "DataError"),
    "Prediction": ("predictions", "Prediction"),
    "load": ("store", "load"),
    "load_history": ("store", "load_history"),
    "StoreError": ("store", "StoreError"),
    "StoreLockedError": ("store", "StoreLockedError"),
    "to_label_studio": ("formats", "to_label_studio"),
    "from_label_studio": ("formats", "from_label_studio"),
    "export": ("formats", "export"),
    "ExportWarning": ("formats", "ExportWarning"),
    "FormatError": ("formats", "FormatError"),
    "read_label_studio": ("formats", "read_label_studio"),
    "formats": ("formats", "formats"),
    "to_polars": ("formats.polars_frames", "to_polars"),
    "to_hf_dataset": ("formats.hf_datasets", "to_hf_dataset"),
    "LabelStudioImportError": ("formats", "LabelStudioImportError"),
    "LabelStudioImportWarning": ("formats", "LabelStudioImportWarning"),
    "meta_from_history": ("formats", "meta_from_history"),
}

__all__ = [
    "Agreement",
    "Annotator",
    "ConfigError",
    "ConfigWarning",
    "DataError",
    "ExportWarning",
    "FormatError",
    "LabelConfig",
    "LabelStudioImportError",
    "LabelStudioImportWarning",
    "Playground",
    "Prediction",
    "Review",
    "StoreError",
    "StoreLockedError",
    "StoreWarning",
    "agreement",
    "export",
    "formats",
    "from_label_studio",
    "load",
    "load_history",
    "meta_from_history",
    "parse_config",
    "playground",
    "read_label_studio",
    "to_hf_dataset",
    "to_label_studio",
    "to_polars",
]


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module 'labelwidget' has no attribute {name!r}")
    module, attr = _LAZY[name]
    value = getattr(import_module(f".{module}", __name__), attr)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


if TYPE_CHECKING:  # pragma: no cover
    from .annotator import Annotator, StoreWarning
    from .config import ConfigError, ConfigWarning, LabelConfig, parse_config
    from .formats import (
        LabelStudioImportError,
        LabelStudioImportWarning,
        export,
        formats,
        from_label_studio,
        meta_from_history,
        read_label_studio,
        to_label_studio,
    )
    from .formats.hf_datasets import to_hf_dataset
    from .formats.polars_frames import to_polars
    from .predictions import Prediction
    from .prototyping import Playground, playground
    from .store import StoreError, StoreLockedError, load, load_history
    from .tasks import DataError
    from .team import Agreement, agreement
    from .team.review import Review
