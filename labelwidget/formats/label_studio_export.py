"""Label Studio JSON export: a DataFrame's rows -> tasks with annotations and predictions, and a
cell <-> its Label Studio result items (shared with JSON-MIN, CSV and the image formats). See
formats/label_studio.py."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from ..config import LabelConfig, parse_config
from ..config.columns import bind_columns
from ..config.conditions import not_submitted, region_controls_on
from ..config.relations import region_ids, relations_tag, without_lost_ends
from ._items import item_results
from ._output import atomic_file
from ._records import (
    ANNOTATION_FIELDS,
    MetaSource,
    Record,
    iter_records,
    json_value,
    raise_issues,
    stable_id,
    task_fields,
)

# Result keys that sit next to ``value`` in a Label Studio result, not inside it.
IMAGE_KEYS = ("original_width", "original_height", "image_rotation")
# ... and of an audio segment's (its per-region results repeat it, as Label Studio writes them).
MEDIA_KEYS = (*IMAGE_KEYS, "original_length")


def _to_name(control) -> str:
    return control.to_name[0] if control.to_name else control.name


def region_items(control, cell: list) -> list[dict]:
    """A region control's cell as Label Studio result items (without from_name/to_name)."""
    to_results = getattr(control, "to_results", None)
    if to_results is not None:
        return [dict(item) for item in to_results(cell)]
    items = []
    for region in cell:
        value = dict(region)
        item: dict[str, Any] = {"id": value.pop("id", None), "type": control.result_type}
        for key in IMAGE_KEYS:
            if key in value:
                item[key] = value.pop(key)
        item["value"] = value
        items.append(item)
    return items


def region_cell(control, items: list[dict]) -> list:
    """Label Studio result items of one region control -> its cell."""
    from_results = getattr(control, "from_results", None)
    if from_results is not None:
        return from_results(items)
    cell = []
    for item in items:
        region = {"id": item["id"]} if item.get("id") is not None else {}
        region.update(item["value"])
        for key in ("original_width", "original_height"):
            if key in item:
                region[key] = item[key]
        cell.append(region)
    return cell


def _region_places(config: LabelConfig, control, cells: Mapping[str, Any],
                   data=None) -> dict[str, tuple]:
    """Region id -> (object name, geometry value, item-level keys) of the regions on the
    objects a perRegion control names: Label Studio repeats the region's geometry in each of
    its per-region results. A chat message has no geometry: its result is the id and value."""
    out: dict[str, tuple] = {}
    for owner in region_controls_on(config, control.to_name):
        cell = cells.get(owner.name)
        entries = getattr(owner, "region_entries", None)
        if entries is not None:
            for rid in entries(cell if isinstance(cell, list) else [], data):
                out.setdefault(rid, (_to_name(owner), {}, {}))
            continue
        if not isinstance(cell, list):
            continue
        for item in region_items(owner, cell):
            rid = item.get("id")
            if rid is None or str(rid) in out:
                continue
            value = {k: v for k, v in item["value"].items() if not k.endswith("labels")}
            extra = {k: item[k] for k in MEDIA_KEYS if k in item}
            out[str(rid)] = (_to_name(owner), value, extra)
    return out


def per_region_items(config: LabelConfig, control, cells: Mapping[str, Any],
                     data=None) -> list[dict]:
    """A perRegion cell ``{region id: value}`` as Label Studio writes it: one result per region,
    carrying the region's id, its geometry, and the control's value (Label Studio writes the
    control's key last, so a TextArea's ``text`` list replaces a span's quoted text)."""
    places = _region_places(config, control, cells, data)
    items = []
    for rid, one in (cells.get(control.name) or {}).items():
        if rid not in places:
            continue  # a value whose region is gone is not submitted (see conditions.settle)
        to_name, geometry, extra = places[rid]
        items.append({"id": rid, "from_name": control.name, "to_name": to_name,
                      "type": control.result_type, **extra,
                      "value": {**geometry, **control.to_result(one)}})
    return items


def control_results(config: LabelConfig, name: str, control, task: Any,
                    cells: Mapping[str, Any], result_ids: Mapping[str, str] | None = None,
                    salt: str = "", data: Mapping[str, Any] | None = None) -> list[dict]:
    """The result items of one control's cell (none for an empty cell or a Relations tag,
    whose results :func:`cells_to_result` writes after every region)."""
    cell = cells.get(name)
    if cell is None or control.is_empty_answer(cell):
        return []  # Label Studio writes no result for a control left empty
    if control.scope == "relations":
        return []
    to_name = _to_name(control)
    if control.scope == "region":
        result = []
        for index, item in enumerate(region_items(control, cell)):
            if item.get("id") is None:
                item["id"] = stable_id(task, name, salt, index)
            result.append({"id": item.pop("id"), "from_name": name, "to_name": to_name,
                           "type": item.pop("type", control.result_type), **item})
        return result
    if getattr(control, "repeater", None) is not None:
        return item_results(control, cell, task, salt, result_ids)
    if control.per_region:
        return per_region_items(config, control, cells, data)
    rid = (result_ids or {}).get(name) or stable_id(task, name, salt)
    return [{"id": rid, "from_name": name, "to_name": to_name, "type": control.result_type,
             "value": control.to_result(cell)}]


def relation_results(config: LabelConfig, cells: Mapping[str, Any]) -> list[dict]:
    """The relations' result items: those whose two regions are still in the task."""
    relations = relations_tag(config)
    if relations is None:
        return []
    kept = without_lost_ends(cells.get(relations.name), region_ids(config, cells))
    return relations.to_results(kept)


def cells_to_result(config: LabelConfig, task: Any, cells: Mapping[str, Any],
                    result_ids: Mapping[str, str] | None = None, salt: str = "",
                    data: Mapping[str, Any] | None = None) -> list[dict]:
    """The ``result`` list of one annotation (or prediction) from control cells; ``data``
    (the task's) holds regions of its own (chat messages) that per-region values rate."""
    result: list[dict] = []
    for name, control in config.controls.items():
        if not_submitted(control, config, cells):
            continue  # hidden by a choice condition: set from Python or imported, not submitted
        result += control_results(config, name, control, task, cells, result_ids, salt, data)
    return result + relation_results(config, cells)


def _annotation(config: LabelConfig, record: Record, results=cells_to_result) -> dict:
    meta = dict(record.meta or {})
    meta.pop("task_fields", None)  # written at the task's level
    result_ids = meta.pop("result_ids", None)
    annotation: dict[str, Any] = {}
    if meta.get("id") is not None:
        annotation["id"] = meta["id"]
    annotation["completed_by"] = meta.get("completed_by")
    origin = meta.pop("origin", None)
    annotation["result"] = results(config, record.task, record.cells, result_ids,
                                   data=record.data)
    if origin:
        for item in annotation["result"]:
            item["origin"] = origin
    annotation["was_cancelled"] = bool(meta.get("was_cancelled", False))
    annotation["ground_truth"] = bool(meta.get("ground_truth", False))
    annotation["created_at"] = meta.get("created_at")
    annotation["updated_at"] = meta.get("updated_at", meta.get("created_at"))
    annotation["lead_time"] = meta.get("lead_time")
    for key, value in meta.items():  # anything else Label Studio gave us, kept as it was
        if key not in annotation and key not in ANNOTATION_FIELDS:
            annotation[key] = value
    return annotation


def _prediction(config: LabelConfig, record: Record, index: int, prediction: Mapping,
                results=cells_to_result) -> dict:
    values = prediction.get("values") or {}
    out: dict[str, Any] = {}
    for key, value in prediction.items():
        if key not in ("values", "result", "result_ids"):
            out[key] = json_value(value)
    out["result"] = results(config, record.task, values, prediction.get("result_ids"),
                            salt=f"prediction{index}", data=record.data)
    return out


def record_to_task(config: LabelConfig, record: Record, results=cells_to_result) -> dict:
    """One Label Studio task; ``results(config, task, cells, result_ids, salt=, data=)``
    gives each annotation's and prediction's ``result`` (see label_studio_text.py)."""
    task: dict[str, Any] = {"id": record.task, "data": record.data}
    task["annotations"] = [_annotation(config, record, results)] if record.annotated else []
    if record.predictions:
        task["predictions"] = [_prediction(config, record, i, p, results)
                               for i, p in enumerate(record.predictions)]
    for key, value in task_fields(record).items():
        task.setdefault(key, value)
    return task


def _check_predictions(config: LabelConfig, record: Record, issues: list) -> None:
    from ..tasks import DataIssue

    checked = []
    for index, prediction in enumerate(record.predictions):
        values = {}
        for name, cell in (prediction.get("values") or {}).items():
            control = config.controls.get(name)
            where = f"prediction {index}, {name}"
            if control is None:
                issues.append(DataIssue(record.task, where, "is not a control of the config"))
                continue
            if cell is None:
                continue
            try:
                values[name] = control.check_cell(json_value(cell), record.data)
            except ValueError as exc:
                issues.append(DataIssue(record.task, where, str(exc)))
        checked.append({**prediction, "values": values})
    record.predictions = checked


def checked_records(df: pd.DataFrame, config: LabelConfig, found: list, *,
                    meta: MetaSource = None, predictions: Mapping[Any, list] | None = None,
                    columns=None) -> Iterator[Record]:
    """The records of an export, cells and predictions checked (problems go to ``found``)."""
    for record in iter_records(df, config, meta=meta, predictions=predictions, columns=columns,
                               issues=found):
        if record.predictions:
            _check_predictions(config, record, found)
        yield record


def iter_label_studio(df: pd.DataFrame, config, *, meta: MetaSource = None,
                      predictions: Mapping[Any, list] | None = None, columns=None,
                      issues: list | None = None) -> Iterator[dict]:
    """Yield Label Studio tasks one by one (see :func:`to_label_studio`).

    Cells that fail their control's check are appended to ``issues`` when it is given;
    otherwise a :class:`~labelwidget.tasks.DataError` is raised after the last task.
    """
    config = bind_columns(parse_config(config))
    own = issues is None
    found: list = [] if own else issues
    for record in checked_records(df, config, found, meta=meta, predictions=predictions,
                                  columns=columns):
        yield record_to_task(config, record)
    if own:
        raise_issues(found)


def to_label_studio(df: pd.DataFrame, config, *, meta: MetaSource = None,
                    predictions: Mapping[Any, list] | None = None, columns=None) -> list[dict]:
    """Label Studio JSON tasks for the rows of ``df``, one annotation per labeled task.

    ``meta`` gives each task's annotation metadata: a mapping ``task id -> {"completed_by",
    "created_at", "updated_at", "lead_time", "was_cancelled", "id", ...}`` (``annotator`` and
    ``skipped`` are accepted for the first and fifth), a long DataFrame like
    ``Annotator.results`` or the store's ``load_history``, or a function of the task id.
    A task with metadata but no value is exported as an annotation with an empty result
    (a skip when ``was_cancelled``); a task with neither has ``annotations: []``.

    ``predictions`` maps task id -> list of ``{"values": {control: cell}, "model_version": ...,
    "score": ...}``. ``columns`` restricts ``data`` (default: every column that is not a control).
    Every cell is checked by its control first; any problem raises one ``DataError`` naming
    each row and column, and nothing is returned.
    """
    return list(iter_label_studio(df, config, meta=meta, predictions=predictions,
                                  columns=columns))


def write_label_studio(df: pd.DataFrame, config, path, *, meta: MetaSource = None,
                       predictions: Mapping[Any, list] | None = None, columns=None,
                       indent: int | None = None) -> Path:
    """Stream Label Studio JSON to ``path``: a JSON array, one task per line, written task by
    task (constant memory); the file appears only when every task was written."""
    from .label_studio_text import task_text  # it builds on this module's functions

    config = bind_columns(parse_config(config))
    found: list = []
    path = Path(path)
    with atomic_file(path) as out:
        out.write("[")
        first = True
        for record in checked_records(df, config, found, meta=meta, predictions=predictions,
                                      columns=columns):
            out.write("\n" if first else ",\n")
            # The same text as json.dumps of the task, built from its parts (much faster);
            # with an indent, json.dumps lays it out.
            text = task_text(config, record) if indent is None else None
            if text is None:
                text = json.dumps(record_to_task(config, record), ensure_ascii=False,
                                  indent=indent)
            out.write(text)
            first = False
        raise_issues(found)
        out.write("\n]\n")
    return path
