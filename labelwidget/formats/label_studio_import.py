"""Label Studio JSON import: tasks (a file, text or list) -> the DataFrame's cells, checked
against the config; nothing is imported when anything is wrong, unless ``errors="skip"``. See
formats/label_studio.py."""

from __future__ import annotations

import io
import json
import os
import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from ..config import LabelConfig, parse_config
from ..config.columns import bind_columns
from ..files import TextProblem, decode, read_file
from ..values import finite_number, lone_surrogate, short
from .label_studio_results import MAX_LISTED, _TaskReader


@dataclass(frozen=True)
class ImportIssue:
    """One problem of a Label Studio file: which task, annotation/prediction and result."""

    task: Any  # the task's id, or None when it has none
    position: int  # index of the task in the file
    where: str | None  # "annotation 0", "prediction 1", or None for the task itself
    result: int | None  # index of the result item
    message: str

    def __str__(self) -> str:
        parts = [f"task {self.task!r}" if self.task is not None
                 else f"task #{self.position} (no id)"]
        if self.where:
            parts.append(self.where)
        if self.result is not None:
            parts.append(f"result {self.result}")
        return ", ".join(parts) + f": {self.message}"


class LabelStudioImportError(ValueError):
    """Everything wrong with a Label Studio file, raised at once; nothing was imported."""

    def __init__(self, issues: list[ImportIssue] | str, total: int | None = None):
        if isinstance(issues, str):
            self.issues: list[ImportIssue] = []
            super().__init__(issues)
            return
        self.issues = list(issues)
        total = len(self.issues) if total is None else total
        lines = [f"  {issue}" for issue in self.issues[:MAX_LISTED]]
        if total > MAX_LISTED:
            lines.append(f"  ... and {total - MAX_LISTED} more")
        noun = "problem" if total == 1 else "problems"
        super().__init__(
            f"the Label Studio tasks have {total} {noun}; nothing was imported "
            "(errors='skip' imports the other tasks and reports these):\n" + "\n".join(lines)
        )


class LabelStudioImportWarning(UserWarning):
    """``errors="skip"`` left tasks out; the message lists them."""


@dataclass
class LabelStudioImport:
    """What :func:`read_label_studio` found.

    ``df``: one row per task (index = task id), data columns, then one column per control.
    ``meta``: task id -> annotation metadata (``completed_by``, ``created_at``, ``updated_at``,
    ``lead_time``, ``was_cancelled``, ``id``, ``result_ids`` and any other field of the
    annotation, plus ``task_fields``: the task's own fields such as ``agreement``); pass it
    back as ``to_label_studio(df, config, meta=...)`` or to the other exports to reproduce them.
    ``predictions``: task id -> list of ``{"values": {control: cell}, "model_version", "score",
    ...}`` (the ``predictions=`` argument of ``to_label_studio``).
    ``skipped``: the problems of the tasks left out with ``errors="skip"`` (else empty).
    """

    df: pd.DataFrame
    meta: dict[Any, dict] = field(default_factory=dict)
    predictions: dict[Any, list[dict]] = field(default_factory=dict)
    skipped: list[ImportIssue] = field(default_factory=list)

    @property
    def skipped_tasks(self) -> list:
        """Ids (or ``#position`` for tasks without id) of the tasks left out."""
        seen: dict = {}
        for issue in self.skipped:
            key = issue.task if issue.task is not None else f"#{issue.position}"
            seen.setdefault(key, None)
        return list(seen)


_TASK_KEYS = {"id", "data", "annotations", "completions", "predictions", "meta", "created_at",
              "updated_at", "inner_id", "total_annotations", "cancelled_annotations",
              "total_predictions", "comment_count", "unresolved_comment_count",
              "last_comment_updated_at", "project", "updated_by", "file_upload", "comment_authors",
              "annotators", "drafts", "is_labeled", "overlap", "agreement", "storage_filename"}


# Keys of a task that are neither its data nor what labelwidget reads from it.
_READ_KEYS = ("id", "data", "annotations", "completions", "predictions")


def _task_fields(task: Mapping) -> dict:
    """Task-level fields kept for export (``agreement``, Label Studio's task ``meta`` ...):
    every key of the task but its id, data, annotations and predictions. A task without
    ``data`` is its own data, and only Label Studio's own task keys are fields then."""
    if "data" in task:
        return {k: v for k, v in task.items() if k not in _READ_KEYS}
    return {k: v for k, v in task.items() if k in _TASK_KEYS and k not in _READ_KEYS}


def _load_tasks(source) -> list:
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


def _shown_id(task: Any) -> Any:
    """The task's id when it can be one (a whole number or text), else None: a list or dict
    id is reported by the task's position, never used as a key."""
    task_id = task.get("id") if isinstance(task, Mapping) else None
    if isinstance(task_id, str) or (isinstance(task_id, int) and not isinstance(task_id, bool)):
        return task_id
    return None


def _latest(annotations: list[tuple[int, dict]]) -> tuple[int, dict] | None:
    best = None
    best_key = None
    for position, annotation in annotations:
        stamp = annotation.get("updated_at") or annotation.get("created_at") or ""
        key = (str(stamp), position)
        if best_key is None or key >= best_key:
            best, best_key = (position, annotation), key
    return best


def _by(annotation: Mapping, annotator) -> bool:
    who = annotation.get("completed_by")
    if isinstance(who, Mapping):
        candidates = {who.get("email"), who.get("id"), who.get("username")}
    else:
        candidates = {who}
    candidates |= {str(c) for c in list(candidates) if c is not None}
    return annotator in candidates or str(annotator) in candidates


def _meta_of(annotation: Mapping, result_ids: dict) -> dict:
    meta = {k: v for k, v in annotation.items() if k not in ("result", "completed_by")}
    meta["completed_by"] = annotation.get("completed_by")
    origins = {item.get("origin") for item in annotation.get("result") or []
               if isinstance(item, Mapping)}
    if len(origins) == 1 and None not in origins:  # one origin per annotation, as we write it
        meta["origin"] = origins.pop()
    if result_ids:
        meta["result_ids"] = result_ids
    return meta


def read_label_studio(
    source,
    config,
    *,
    annotator=None,
    annotations: str = "latest",
    errors: str = "raise",
    columns: Mapping[str, str] | None = None,
) -> LabelStudioImport:
    """Read Label Studio tasks into a DataFrame plus metadata, predictions and a report.

    ``source``: a list of task dicts, one task dict, or a path to a JSON export (the legacy
    ``completions`` key is read like ``annotations``; a task without ``data`` is its own data,
    as Label Studio's import accepts; tasks without ids get 0, 1, 2 ... when none has one).
    ``annotations="latest"`` keeps, per task, the latest (``updated_at``, then ``created_at``,
    then file order) annotation that is not cancelled; a task whose annotations are all
    cancelled keeps empty cells and ``meta[task]["was_cancelled"] = True``.
    ``annotator=`` keeps only annotations whose ``completed_by`` is that user (id, email, or
    name). ``annotations="all"`` gives one row per annotation, indexed by (task id,
    annotation index in the task); tasks without annotations are left out.
    ``errors="raise"`` (default) raises :class:`LabelStudioImportError` listing every problem
    with its task id, annotation and result index, and imports nothing; ``errors="skip"``
    leaves out each task with a problem and lists them in ``skipped``.
    ``columns={control: column}`` names the column of a control named like a data key it
    reads (default ``<name>_label``, with a ConfigWarning), as ``Annotator(columns=)`` does.
    """
    if annotations not in ("latest", "all"):
        raise ValueError(f"annotations must be 'latest' or 'all', got {annotations!r}")
    if errors not in ("raise", "skip"):
        raise ValueError(f"errors must be 'raise' or 'skip', got {errors!r}")
    config = bind_columns(parse_config(config), columns)
    tasks = _load_tasks(source)
    reader = _TaskReader(config)
    issues: list[ImportIssue] = []
    has_ids = any(isinstance(t, Mapping) and t.get("id") is not None for t in tasks)
    seen_ids: dict[Any, int] = {}

    rows: list[tuple[Any, dict, dict]] = []  # (index label, data, cells)
    meta: dict[Any, dict] = {}
    predictions: dict[Any, list[dict]] = {}

    def read_task(position: int, task: Any) -> None:
        task_issues: list[ImportIssue] = []
        task_id = task.get("id") if isinstance(task, Mapping) else None
        shown_id = _shown_id(task)

        def report(where, result_index, message, _id=shown_id, _pos=position,
                   _out=task_issues):
            _out.append(ImportIssue(_id, _pos, where, result_index, message))

        if not isinstance(task, Mapping):
            report(None, None, f"must be an object, got {type(task).__name__}")
            issues.extend(task_issues)
            return
        if task_id is None and has_ids:
            report(None, None, "has no id while other tasks have one")
        elif task_id is not None:
            if shown_id is None:
                report(None, None, f"id {short(task_id)} must be a whole number or text "
                                   "(as Label Studio's task ids are)")
            elif task_id in seen_ids:
                report(None, None, f"repeats the id of task #{seen_ids[task_id]}")
            else:
                seen_ids[task_id] = position
        label = task_id if has_ids else position

        data = task["data"] if "data" in task else {k: v for k, v in task.items()
                                                     if k not in _TASK_KEYS}
        if not isinstance(data, Mapping):
            report(None, None, f"'data' must be an object, got {type(data).__name__}")
            data = {}
        data = dict(data)
        invalid = lone_surrogate(data)
        if invalid is not None:
            report(None, None, f"text is not valid Unicode in data{invalid}; it could not be "
                               "saved or exported")
        for column in config.columns:
            if column not in data:
                report(None, None, f"data has no {column!r} (the config reads ${column}); "
                                   f"data keys: {', '.join(map(str, data)) or 'none'}")
        for name in config.controls:
            if config.column(name) in data:
                report(None, None, f"data key {config.column(name)!r} is the DataFrame column "
                                   f"of the control {name!r}; give the control another "
                                   "column with columns=")

        listed = task.get("annotations", task.get("completions")) or []
        if not isinstance(listed, list):
            report(None, None, "'annotations' must be a list")
            listed = []
        candidates = []
        for j, annotation in enumerate(listed):
            if not isinstance(annotation, Mapping):
                report(f"annotation {j}", None, "must be an object")
                continue
            if annotator is not None and not _by(annotation, annotator):
                continue
            candidates.append((j, annotation))

        chosen: list[tuple[int, dict]]
        if annotations == "all":
            chosen = candidates
        else:
            live = [(j, a) for j, a in candidates
                    if not (a.get("was_cancelled") or a.get("skipped"))]
            pick = _latest(live) or _latest(candidates)
            chosen = [pick] if pick is not None else []

        task_rows = []
        task_meta = {}
        for j, annotation in chosen:
            cancelled = bool(annotation.get("was_cancelled") or annotation.get("skipped"))
            if cancelled and annotations == "latest":
                cells, ids = {}, {}  # a skip: the task stays unlabeled (as in Label Studio)
            else:
                cells, ids = reader.cells(
                    annotation.get("result", []), data,
                    lambda k, m, _j=j: report(f"annotation {_j}", k, m))
                # A submitted annotation without a result for a control left it empty: that
                # is an answer ("" or []), unlike a task nobody annotated (None).
                if not cancelled:
                    cells = {**{n: c.empty_answer() for n, c in config.controls.items()},
                             **cells}
            key = (label, j) if annotations == "all" else label
            entry = _meta_of(annotation, ids)
            invalid = lone_surrogate(entry)
            if invalid is not None:
                report(f"annotation {j}", None, f"text is not valid Unicode at {invalid}")
            if entry.get("lead_time") is not None:
                try:
                    entry["lead_time"] = finite_number(entry["lead_time"], "lead_time")
                except ValueError as exc:
                    report(f"annotation {j}", None, str(exc))
            if cancelled:
                entry["was_cancelled"] = True
            entry.pop("skipped", None)
            fields = _task_fields(task)
            if fields:
                entry["task_fields"] = fields
            task_meta[key] = entry
            task_rows.append((key, cells))
        if annotations == "latest" and not chosen:
            task_rows.append((label, {}))

        task_predictions = []
        for j, prediction in enumerate(task.get("predictions") or []):
            if not isinstance(prediction, Mapping):
                report(f"prediction {j}", None, "must be an object")
                continue
            cells, ids = reader.cells(prediction.get("result", []), data,
                                      lambda k, m, _j=j: report(f"prediction {_j}", k, m))
            kept = {k: v for k, v in prediction.items() if k != "result"}
            kept["values"] = cells
            if ids:
                kept["result_ids"] = ids
            task_predictions.append(kept)

        if task_issues:
            issues.extend(task_issues)
            return
        for key, cells in task_rows:
            rows.append((key, data, cells))
        meta.update(task_meta)
        if task_predictions:
            predictions[label] = task_predictions

    for position, task in enumerate(tasks):
        try:
            read_task(position, task)
        except Exception as exc:  # whatever is malformed in a task, only that task is left out
            issues.append(ImportIssue(_shown_id(task), position, None, None,
                                      f"is malformed ({type(exc).__name__}: "
                                      f"{short(str(exc), 200)})"))

    if issues and errors == "raise":
        raise LabelStudioImportError(issues)
    df = _frame(config, rows, all_annotations=annotations == "all", positional=not has_ids)
    return LabelStudioImport(df=df, meta=meta, predictions=predictions,
                             skipped=issues if errors == "skip" else [])


def _text_safe(make, values, **options):
    """pandas 3 keeps inferred text in Arrow when pyarrow is installed, and Arrow refuses a
    lone surrogate with a UnicodeEncodeError: such text stays in an object column, so it
    reaches the checks that name its task and column instead of failing here."""
    try:
        return make(values, **options)
    except UnicodeEncodeError:
        return make(values, **{**options, "dtype": object})


def _frame(config: LabelConfig, rows, *, all_annotations: bool,
           positional: bool = False) -> pd.DataFrame:
    keys = [key for key, _, _ in rows]
    if positional and not all_annotations and keys == list(range(len(keys))):
        # Tasks without ids are numbered by position: a RangeIndex says so, and a store
        # reopened on them finds each task by its data (labelwidget/matching.py).
        index = pd.RangeIndex(len(keys), name="id")
    elif all_annotations:
        levels = [_text_safe(pd.Index, [key[i] for key in keys]) for i in (0, 1)]
        index = pd.MultiIndex.from_arrays(levels, names=["id", "annotation"]) if keys else \
            pd.MultiIndex.from_arrays([[], []], names=["id", "annotation"])
    else:
        index = _text_safe(pd.Index, keys, name="id", dtype=object if not keys else None)
    columns: dict[str, None] = {}
    for _, data, _ in rows:
        columns.update(dict.fromkeys(data))
    for column in config.columns:  # no tasks (or all skipped): still a frame Annotator takes
        columns.setdefault(column, None)
    frame: dict[str, pd.Series] = {}
    for column in columns:
        values = [data.get(column) for _, data, _ in rows]
        if not values or any(isinstance(v, (list, dict)) for v in values):
            frame[column] = pd.Series(values, index=index, dtype=object)
        else:
            frame[column] = _text_safe(pd.Series, values, index=index)
    for name in config.controls:
        frame[config.column(name)] = pd.Series([cells.get(name) for _, _, cells in rows],
                                               index=index, dtype=object)
    return pd.DataFrame(frame, index=index)


def from_label_studio(source, config, *, annotator=None, annotations: str = "latest",
                      errors: str = "raise", columns: Mapping[str, str] | None = None,
                      ) -> pd.DataFrame:
    """Label Studio tasks (list, task dict or JSON file path) as a DataFrame: the data
    columns, then one column per control tag. See :func:`read_label_studio` for the options,
    the metadata and the predictions; with ``errors="skip"`` a
    :class:`LabelStudioImportWarning` lists the tasks left out."""
    result = read_label_studio(source, config, annotator=annotator, annotations=annotations,
                               errors=errors, columns=columns)
    if result.skipped:
        tasks = result.skipped_tasks
        lines = [f"  {issue}" for issue in result.skipped[:MAX_LISTED]]
        if len(result.skipped) > MAX_LISTED:
            lines.append(f"  ... and {len(result.skipped) - MAX_LISTED} more")
        warnings.warn(
            f"skipped {len(tasks)} task(s) with problems: {tasks[:MAX_LISTED]}\n"
            + "\n".join(lines),
            LabelStudioImportWarning,
            stacklevel=2,
        )
    return result.df
