"""DataFrame rows -> export records: task id, data, checked cells, annotation metadata.

Every exporter reads the DataFrame through :func:`iter_records`, one task at a time, so an
export holds one task's output in memory, never the whole file. No Jupyter imports here.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterator, Mapping
from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import numpy as np
import pandas as pd

from ..config import LabelConfig
from ..config.columns import bind_columns
from ..config.region_ids import derived_region_id
from ..config.tags import texts_checked
from ..tasks import MAX_LISTED, DataError, DataIssue, invalid_texts, is_missing, plain
from ..values import finite_number, lone_surrogate

# Annotation fields of a Label Studio task that ``meta`` may set (all optional).
ANNOTATION_FIELDS = ("id", "completed_by", "created_at", "updated_at", "lead_time",
                     "was_cancelled", "ground_truth")
# Rows read from the DataFrame, converted and checked at a time (their records are held
# together, so this bounds the memory of an export). Small because pandas 3 keeps text in
# Arrow when pyarrow is installed (datasets brings it): reading a chunk then makes a Python
# copy of every text in it, which object columns never needed.
CHUNK = 128
# Names used by Annotator.results / the store's history for the same things.
META_ALIASES = {"annotator": "completed_by", "skipped": "was_cancelled"}


@dataclass
class Record:
    """One task, ready to be written: what every exporter consumes."""

    position: int
    task: Any  # the DataFrame index label, as plain JSON
    data: dict[str, Any]  # data columns (JSON values)
    cells: dict[str, Any]  # control name -> checked cell, None when unlabeled
    meta: dict[str, Any] | None = None  # annotation metadata (normalised, see normalize_meta)
    predictions: list[dict] = field(default_factory=list)

    @property
    def labeled(self) -> bool:
        return any(cell is not None for cell in self.cells.values())

    @property
    def annotated(self) -> bool:
        """True when the task has an annotation to export (a value, or metadata such as a skip)."""
        return self.labeled or self.meta is not None

    @property
    def cancelled(self) -> bool:
        return bool(self.meta and self.meta.get("was_cancelled"))


def task_fields(record: Record) -> dict[str, Any]:
    """Task-level fields given with the annotation metadata (``meta[task]["task_fields"]``,
    as :func:`read_label_studio` keeps them: ``agreement``, Label Studio's task ``meta`` ...)."""
    fields = (record.meta or {}).get("task_fields")
    return fields if isinstance(fields, dict) else {}


# -- JSON values --------------------------------------------------------------------------------


def json_value(value: Any) -> Any:
    """A DataFrame value as plain JSON: numpy scalars unwrapped, NaN/NA -> None, times as ISO."""
    kind = type(value)
    if value is None or kind is str or kind is int or kind is bool:
        return value
    if kind is float:
        return None if math.isnan(value) or math.isinf(value) else value
    if kind is list:
        return [json_value(v) for v in value]
    if kind is dict:
        return {k if type(k) is str else str(k): json_value(v) for k, v in value.items()}
    return _json_value_slow(value)


def _json_value_slow(value: Any) -> Any:
    value = plain(value)
    if isinstance(value, (list, tuple)):
        return [json_value(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): json_value(v) for k, v in value.items()}
    if isinstance(value, (pd.Timestamp, datetime, date)):
        return None if pd.isna(value) else value.isoformat()
    if isinstance(value, pd.Timedelta):
        return None if pd.isna(value) else value.total_seconds()
    if isinstance(value, float):
        return None if math.isnan(value) or math.isinf(value) else float(value)
    if isinstance(value, (str, int, bool)):
        return value
    if is_missing(value):
        return None
    return str(value)


def _shallow_data(data_values, offset, task, issues) -> dict:
    """The row's data when a cell nests too deeply to convert: that cell is named and left
    out (an export must not die of a RecursionError)."""
    data = {}
    for column, values in data_values.items():
        try:
            data[column] = json_value(values[offset])
        except RecursionError:
            data[column] = None
            if issues is not None:
                issues.append(DataIssue(task, column, "nests lists/dicts too deeply to export"))
    return data


#: A result's id when it has none: the same task and control give the same id in every export.
stable_id = derived_region_id


# -- metadata -----------------------------------------------------------------------------------

MetaSource = Mapping[Any, Mapping[str, Any]] | pd.DataFrame | Callable[[Any], Any] | None


def normalize_meta(entry: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """One task's annotation metadata with Label Studio's field names and JSON values."""
    if entry is None:
        return None
    out: dict[str, Any] = {}
    for key, value in entry.items():
        key = META_ALIASES.get(key, key)
        if key == "result":
            continue
        kind = type(value)
        if key == "result_ids":
            out[key] = dict(value or {})
        elif value is None or kind is str or kind is int or kind is bool:
            out[key] = value  # what json_value gives them, without the call (once per task)
        else:
            out[key] = json_value(value)
    lead = out.get("lead_time")
    if lead is not None and not (type(lead) is float and math.isfinite(lead)):
        out["lead_time"] = finite_number(float(lead) if isinstance(lead, str) else lead,
                                         "lead_time")
    if "was_cancelled" in out:
        out["was_cancelled"] = bool(out["was_cancelled"])
    return out


def meta_from_history(frame: pd.DataFrame) -> dict[Any, dict[str, Any]]:
    """Annotation metadata per task from a long event table: ``Annotator.results`` (columns
    task, kind, annotator, created_at, lead_time, ...; one row per control of an event) or
    the store's ``load_history`` (the same ``kind``), in time order. A results table saved
    before the column was named ``kind`` (it was ``event``) is read too.

    Per task, over the submits and skips still in effect (an ``undo`` takes back the latest
    one): ``completed_by`` is the annotator of the latest, ``created_at`` the time of the first,
    ``updated_at`` of the latest, ``lead_time`` their sum (Label Studio accumulates it), and
    ``was_cancelled`` is true when the latest is a skip. A task whose every event was undone
    has no metadata.
    """
    if "task" not in frame.columns:
        raise ValueError("meta as a DataFrame needs a 'task' column (like Annotator.results)")
    kind_column = "kind" if "kind" in frame.columns else ("event" if "event" in frame.columns
                                                          else None)
    n = len(frame)
    columns = {c: frame[c].tolist() for c in frame.columns}
    blank = [None] * n
    kinds = columns[kind_column] if kind_column else ["submit"] * n
    times = columns.get("created_at", blank)
    seqs = columns.get("seq", blank)
    who = columns.get("annotator", blank)
    leads = columns.get("lead_time", blank)
    origins = columns.get("origin", blank)
    events: dict[Any, list[tuple[str, str | None, Any, float | None]]] = {}
    previous = None
    for i in range(n):
        task = plain(columns["task"][i])
        created = _time_text(times[i])
        key = (task, kinds[i], created, seqs[i])
        if key == previous:
            continue  # another control's row of the same event
        previous = key
        stack = events.setdefault(task, [])
        if kinds[i] == "undo":
            if stack:
                stack.pop()
            continue
        if kinds[i] in ("submit", "skip"):
            lead = json_value(leads[i])
            stack.append((kinds[i], created, json_value(who[i]),
                          None if lead is None else float(lead), json_value(origins[i])))
    out: dict[Any, dict[str, Any]] = {}
    for task, stack in events.items():
        if not stack:
            continue
        kind, updated, annotator, _, origin = stack[-1]
        leads_known = [step[3] for step in stack if step[3] is not None]
        out[task] = {"completed_by": annotator, "created_at": stack[0][1], "updated_at": updated,
                     "lead_time": sum(leads_known) if leads_known else None,
                     "was_cancelled": kind == "skip"}
        if origin == "review":  # a reviewer's ground truth: Label Studio marks the annotation
            out[task]["ground_truth"] = True
            origin = "manual"  # results carry Label Studio's own origins only
        if origin:  # manual / prediction / prediction-changed, per result in Label Studio
            out[task]["origin"] = origin
    return out


def _time_text(value: Any) -> str | None:
    if is_missing(value):
        return None
    if isinstance(value, (pd.Timestamp, datetime)):
        text = value.isoformat()
        return text[:-6] + "Z" if text.endswith("+00:00") else text
    return str(value)


def meta_lookup(meta: MetaSource) -> Callable[[Any], dict[str, Any] | None]:
    """Turn the ``meta=`` argument into task -> normalised metadata (or None)."""
    if meta is None:
        return lambda task: None
    if isinstance(meta, pd.DataFrame):
        meta = meta_from_history(meta)
    if isinstance(meta, Mapping):
        table = meta
        return lambda task: normalize_meta(table.get(task))
    if callable(meta):
        return lambda task: normalize_meta(meta(task))
    raise TypeError(
        "meta must be a mapping task -> annotation metadata, a DataFrame like "
        f"Annotator.results, or a function of the task id; got {type(meta).__name__}"
    )


# -- iteration ----------------------------------------------------------------------------------


def data_columns(df: pd.DataFrame, config: LabelConfig, columns=None) -> list[str]:
    """Columns written as task data: ``columns`` if given, else every non-control column."""
    if columns is not None:
        missing = [c for c in columns if c not in df.columns]
        if missing:
            raise KeyError(f"data columns not in the DataFrame: {', '.join(map(str, missing))}")
        return list(columns)
    controls = set(config.control_columns)
    return [c for c in df.columns if c not in controls]


def _column_values(series: pd.Series | np.ndarray) -> list:
    if isinstance(series, np.ndarray):
        return series.tolist()
    if series.dtype == object:
        return series.to_numpy().tolist()
    return series.tolist()


def iter_records(
    df: pd.DataFrame,
    config: LabelConfig,
    *,
    meta: MetaSource = None,
    predictions: Mapping[Any, list] | None = None,
    columns=None,
    issues: list[DataIssue] | None = None,
    check: bool = True,
) -> Iterator[Record]:
    """Yield one :class:`Record` per row of ``df``, cells checked by their control.

    A cell that fails its control's check is recorded in ``issues`` (row and column named) and
    exported as None; callers raise :class:`DataError` at the end when ``issues`` is not empty,
    so an export either writes everything or nothing (see :func:`raise_issues`).
    ``check=False`` yields the cells unchecked (as plain JSON), for a quick look ahead.
    """
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"tasks must be a pandas DataFrame, got {type(df).__name__}")
    if isinstance(df.index, pd.MultiIndex):
        raise TypeError("the DataFrame index is the task id: a MultiIndex cannot be exported")
    if not df.index.is_unique:
        dupes = df.index[df.index.duplicated()].unique().tolist()[:5]
        raise DataError([DataIssue(None, None,
                                   f"the index must be unique (it is the task id); "
                                   f"repeated: {dupes}")])
    lookup = meta_lookup(meta)
    config = bind_columns(config)
    names = data_columns(df, config, columns)
    controls = config.controls
    present = {n: config.column(n) for n in controls if config.column(n) in df.columns}
    predictions = predictions or {}
    # Rows are read a chunk at a time, so nothing of the size of the DataFrame is copied;
    # within a chunk, cells are converted and checked a column at a time (see _cell_column).
    part = _ColumnParts(df)
    for first in range(0, len(df), CHUNK):
        part.first = first
        tasks = [json_value(task) for task in df.index[first:first + CHUNK].tolist()]
        late: dict[int, list[DataIssue]] = {}  # issues of a row, given out with that row
        rows = _data_rows(part, names, tasks, check, issues, late)
        cells_by_name = {
            name: (_cell_column(control, _column_values(part[present[name]]), rows, tasks,
                                check, late, present[name])
                   if name in present else None)
            for name, control in controls.items()
        }
        for offset, (task, data) in enumerate(zip(tasks, rows, strict=True)):
            if issues is not None and offset in late:
                issues.extend(late[offset])
            cells = {name: None if column is None else column[offset]
                     for name, column in cells_by_name.items()}
            yield Record(first + offset, task, data, cells, lookup(task),
                         _predictions(predictions.get(task)))


class _ColumnParts:
    """``part[column]``: the column's values in the chunk of rows from ``first``. An object
    column's numpy array is taken once (a view, not a copy) and sliced, without pandas
    indexing per chunk; any other column (Arrow text, numbers) is sliced as a Series, so
    the chunk's texts are the only copies made (see CHUNK)."""

    def __init__(self, df: pd.DataFrame):
        self.df, self.first, self._kept = df, 0, {}

    def __getitem__(self, column):
        kept = self._kept.get(column)
        if kept is None:
            series = self.df[column]
            kept = self._kept[column] = (series.to_numpy() if isinstance(series, pd.Series)
                                         and series.dtype == object else series)
        if isinstance(kept, np.ndarray):
            return kept[self.first:self.first + CHUNK]
        return kept.iloc[self.first:self.first + CHUNK]


def _data_rows(part: _ColumnParts, names: list, tasks: list, check: bool, issues,
               late) -> list:
    """The data dicts of a chunk's rows (plain JSON values)."""
    data_values = {str(c): _column_values(part[c]) for c in names}
    invalid: dict[int, list[str]] = {}
    if check:
        # Data changed since it was bound (or never bound): text no file can hold is
        # named, and left out of the record so the rest can still be written and checked.
        for column in names:
            for offset, where in invalid_texts(part[column]):
                invalid.setdefault(offset, []).append(str(column))
                if issues is not None:
                    issues.append(DataIssue(tasks[offset], str(column),
                                            f"text is not valid Unicode at {where}"))
    rows = []
    for offset, task in enumerate(tasks):
        try:
            data = {c: json_value(v[offset]) for c, v in data_values.items()}
        except RecursionError:
            data = _shallow_data(data_values, offset, task, late.setdefault(offset, []))
        for column in invalid.get(offset, ()):
            data[column] = None
        rows.append(data)
    return rows


def _cell_column(control, values: list, rows: list, tasks: list, check: bool, late,
                 column_name) -> list:
    """One control's cells of a chunk, as plain JSON, checked against the control when
    ``check`` (a failing cell becomes None and its issue goes to ``late``).

    A column of plain JSON cells is converted and scanned for lone surrogates as one JSON
    text, not cell by cell (its missing cells are None). Any other column (NaN, pd.NA, numpy
    values, a bad text) goes cell by cell."""
    converted = _plain_json_column(values)
    if converted is None:
        converted = [None if value is None or (
            not isinstance(value, (list, dict, tuple, np.ndarray)) and is_missing(value))
            else json_value(value) for value in values]
        checked_texts = False
    else:
        checked_texts = True
    if not check:
        return converted
    out: list = [None] * len(converted)
    with texts_checked() if checked_texts else nullcontext():
        for offset, value in enumerate(converted):
            if value is None:
                continue
            try:
                out[offset] = control.check_cell(value, rows[offset])
            except ValueError as exc:
                late.setdefault(offset, []).append(DataIssue(tasks[offset], column_name,
                                                             str(exc)))
    return out


def _plain_json_column(values: list) -> list | None:
    """A column's cells as they are when they are JSON already (each check builds its own
    copy of the cell), scanned for lone surrogates as one JSON text; None when a cell is not
    JSON (NaN, infinity, pd.NA, numpy arrays) or a text in it is not valid Unicode, and the
    column goes through :func:`json_value` cell by cell."""
    try:
        text = json.dumps(values, ensure_ascii=False, allow_nan=False, check_circular=False)
    except (TypeError, ValueError, RecursionError):
        return None
    return values if lone_surrogate(text) is None else None


def _predictions(entry) -> list[dict]:
    """A task's predictions as ``{"values", "score", "model_version", ...}`` dicts: accepts a
    list or a single one, dicts or ``labelwidget.Prediction`` objects."""
    if entry is None:
        return []
    if isinstance(entry, Mapping) or hasattr(entry, "to_dict"):
        entry = [entry]
    return [dict(p.to_dict()) if hasattr(p, "to_dict") else dict(p) for p in entry]


def has_output(control, cell) -> bool:
    """Whether a cell gives Label Studio results (an empty answer, "" or [], gives none)."""
    return cell is not None and not control.is_empty_answer(cell)


def raise_issues(issues: list[DataIssue]) -> None:
    if issues:
        raise DataError(issues[:MAX_LISTED], len(issues))
