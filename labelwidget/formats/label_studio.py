"""Label Studio JSON: DataFrame <-> tasks with annotations and predictions.

Export: one task per row (``id`` = index label, ``data`` = the data columns, ``annotations``
with one annotation holding a ``result`` item per labeled control, or per region of a region
control). Import: the latest non-cancelled annotation per task (or one annotator's, or all of
them), checked against the config; nothing is imported when anything is wrong, unless
``errors="skip"``, which drops the tasks with problems and reports each one.

The export lives in formats/label_studio_export.py, the import in
formats/label_studio_import.py (what it reports: formats/label_studio_report.py; the tasks it
reads: formats/label_studio_tasks.py); every name is importable from here.
"""

from .label_studio_export import (
    IMAGE_KEYS,
    MEDIA_KEYS,
    cells_to_result,
    iter_label_studio,
    per_region_items,
    record_to_task,
    region_cell,
    region_items,
    to_label_studio,
    write_label_studio,
)
from .label_studio_import import from_label_studio, read_label_studio
from .label_studio_report import (
    ImportIssue,
    LabelStudioImport,
    LabelStudioImportError,
    LabelStudioImportWarning,
)

__all__ = [
    "IMAGE_KEYS",
    "MEDIA_KEYS",
    "ImportIssue",
    "LabelStudioImport",
    "LabelStudioImportError",
    "LabelStudioImportWarning",
    "cells_to_result",
    "from_label_studio",
    "iter_label_studio",
    "per_region_items",
    "read_label_studio",
    "record_to_task",
    "region_cell",
    "region_items",
    "to_label_studio",
    "write_label_studio",
]
