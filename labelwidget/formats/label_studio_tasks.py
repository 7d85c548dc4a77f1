"""Label Studio tasks as given to an import: a list, one task dict, JSON text or bytes, a file
path or a file object, read into a list of task dicts (or a LabelStudioImportError naming what
is wrong with the source), and which keys of a task are its own fields."""

from __future__ import annotations

import io
import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..files import TextProblem, decode, read_file
from .label_studio_report import LabelStudioImportError

TASK_KEYS = {"id", "data", "annotations", "completions", "predictions", "meta", "created_at",
              "updated_at", "inner_id", "total_annotations", "cancelled_annotations",
              "total_predictions", "comment_count", "unresolved_comment_count",
              "last_comment_updated_at", "project", "updated_by", "file_upload", "comment_authors",
              "annotators", "drafts", "is_labeled", "overlap", "agreement", "storage_filename"}


# Keys of a task that are neither its data nor what labelwidget reads from it.
_READ_KEYS = ("id", "data", "annotations", "completions", "predictions")


def task_fields(task: Mapping) -> dict:
    """Task-level fields kept for export (``agreement``, Label Studio's task ``meta`` ...):
    every key of the task but its id, data, annotations and predictions. A task without
    ``data`` is its own data, and only Label Studio's own task keys are fields then."""
    if "data" in task:
        return {k: v for k, v in task.items() if k not in _READ_KEYS}
    return {k: v for k, v in task.items() if k in TASK_KEYS and k not in _READ_KEYS}


def load_tasks(source) -> list:
    """The list of task dicts from a list, one task dict, a JSON file path or a file object."""
    if isinstance(source, Mapping):
        return [source]
    if isinstance(source, (list, tuple)):
        return list(source)
    if isinstance(source, (str, os.PathLike)):
        text = str(source)
        if isinstance(source, str) and (text.lstrip("\ufeff \t\r\n")[:1] in ("[", "{")
                                        or "\n" in text.strip() or len(text) > 4096):
            return _parse_json(text, "the JSON text")  # JSON, not a file name
        path = Path(source)
        return _parse_json(read_file(path, "Label Studio JSON file"), f"the file {path}")
    if isinstance(source, io.IOBase) or hasattr(source, "read"):
        name = getattr(source, "name", None)
        return _parse_json(source.read(), f"the file {name!r}" if name else "the file")
    if isinstance(source, (bytes, bytearray)):
        return _parse_json(bytes(source), "the JSON bytes")
    raise TypeError("expected Label Studio tasks as a list of dicts, a task dict, a JSON file "
                    f"path or a file object; got {type(source).__name__}")


def _parse_json(text, where: str) -> list:
    if isinstance(text, bytes):
        try:
            text = decode(text, where)
        except TextProblem as exc:
            raise LabelStudioImportError(f"{exc}; nothing was imported") from None
    text = text.removeprefix("\ufeff")  # a BOM left by a text-mode read
    try:
        loaded = json.loads(text)
    except json.JSONDecodeError as exc:
        raise LabelStudioImportError(
            f"{where} is not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}; "
            "nothing was imported"
        ) from None
    except RecursionError:
        raise LabelStudioImportError(
            f"{where} nests JSON arrays/objects too deeply to be Label Studio tasks; "
            "nothing was imported") from None
    except ValueError as exc:  # e.g. an integer of more than 4300 digits
        raise LabelStudioImportError(
            f"{where} holds a value Python cannot read ({exc}); nothing was imported") from None
    if isinstance(loaded, dict):
        return [loaded]
    if not isinstance(loaded, list):
        raise LabelStudioImportError(
            f"{where} holds a JSON {type(loaded).__name__}; Label Studio tasks are a JSON list "
            "of task objects"
        )
    return loaded


def shown_task_id(task: Any) -> Any:
    """The task's id when it can be one (a whole number or text), else None: a list or dict
    id is reported by the task's position, never used as a key."""
    task_id = task.get("id") if isinstance(task, Mapping) else None
    if isinstance(task_id, str) or (isinstance(task_id, int) and not isinstance(task_id, bool)):
        return task_id
    return None
