"""Label Studio JSON import: tasks (a file, text or list) -> the DataFrame's cells, checked
against the config; nothing is imported when anything is wrong, unless ``errors="skip"``. See
formats/label_studio.py; the tasks it reads: formats/label_studio_tasks.py; what it reports:
formats/label_studio_report.py."""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from typing import Any

import pandas as pd

from ..config import LabelConfig, parse_config
from ..config.columns import bind_columns
from ..values import finite_number, lone_surrogate, short
from .label_studio_report import (
    ImportIssue,
    LabelStudioImport,
    LabelStudioImportError,
    LabelStudioImportWarning,
)
from .label_studio_results import MAX_LISTED, _TaskReader
from .label_studio_tasks import TASK_KEYS, load_tasks, shown_task_id, task_fields


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
    tasks = load_tasks(source)
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
        shown_id = shown_task_id(task)

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
                                                     if k not in TASK_KEYS}
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
            fields = task_fields(task)
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
            issues.append(ImportIssue(shown_task_id(task), position, None, None,
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
