"""Label Studio's JSON-MIN: one flat record per annotated task (data, id, one key per control).

Same shape as Label Studio's converter writes: a single chosen option or a single text is a
plain string, other values are Label Studio ``value`` objects, regions are a list of ``value``
objects with ``original_width``/``original_height`` (no region id). Cancelled tasks are left
out; tasks without annotation appear with their data only.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..config import LabelConfig, parse_config
from ._items import item_results
from ._output import atomic_file
from ._records import Record, has_output, iter_records, raise_issues, task_fields
from .label_studio import per_region_items, region_items

ANNOTATION_KEYS = ("annotator", "annotation_id", "created_at", "updated_at", "lead_time")


def pretty_outputs(config: LabelConfig, record: Record) -> dict[str, Any]:
    """Control name -> its JSON-MIN value, for the controls that have a value."""
    out: dict[str, Any] = {}
    for name, control in config.controls.items():
        cell = record.cells.get(name)
        if not has_output(control, cell):
            continue
        if control.scope == "relations":
            out[name] = [dict(r) for r in cell]
            continue
        if control.scope == "region":
            values = []
            for item in region_items(control, cell):
                value = dict(item["value"])
                if control.result_type == "chatmessage":  # the message itself, as LS writes it
                    value = dict(value["chatmessage"])
                for key in ("original_width", "original_height"):
                    if key in item:
                        value[key] = item[key]
                values.append(value)
            out[name] = values
            continue
        if getattr(control, "repeater", None) is not None:
            out.update(_item_outputs(control, cell, record))
            continue
        if control.per_region:
            out[name] = _per_region_output(control, config, record.cells, record.data)
            continue
        value = control.to_result(cell)
        if control.tag_name == "Choices" and len(value["choices"]) == 1:
            out[name] = value["choices"][0]
        elif control.tag_name == "TextArea" and len(value["text"]) == 1:
            out[name] = value["text"][0]
        elif control.tag_name in ("Choices", "TextArea"):
            out[name] = value
        else:
            out[name] = [value]
    return out


def _per_region_output(control, config: LabelConfig, cells, data=None) -> Any:
    """A perRegion control as Label Studio's converter writes it: each region's result value
    (region geometry + the control's key), a one-choice Choices or one-text TextArea shortened
    to that text, and a lone Choices/TextArea result to the value itself."""
    out = []
    for item in per_region_items(config, control, cells, data):
        value = dict(item["value"])
        for key in ("original_width", "original_height"):
            if key in item:
                value[key] = item[key]
        if control.tag_name == "Choices" and len(value.get("choices") or []) == 1:
            out.append(value["choices"][0])
        elif control.tag_name == "TextArea" and len(value.get("text") or []) == 1:
            out.append(value["text"][0])
        else:
            out.append(value)
    return out[0] if control.tag_name in ("Choices", "TextArea") and len(out) == 1 else out


def _item_outputs(control, cell, record: Record) -> dict[str, Any]:
    """A control inside a Repeater (or perItem) as Label Studio's converter writes it: each
    result under its from_name (``action_2``; perItem: one name, a list), shortened as a
    perRegion control's values are."""
    grouped: dict[str, list] = {}
    for item in item_results(control, cell, record.task, "", None):
        grouped.setdefault(item["from_name"], []).append(item["value"])
    out = {}
    for name, values in grouped.items():
        short = []
        for value in values:
            if control.tag_name == "Choices" and len(value.get("choices") or []) == 1:
                short.append(value["choices"][0])
            elif control.tag_name == "TextArea" and len(value.get("text") or []) == 1:
                short.append(value["text"][0])
            else:
                short.append(value)
        out[name] = short[0] if len(short) == 1 and control.tag_name in ("Choices",
                                                                          "TextArea") else short
    return out


def annotation_fields(record: Record) -> dict[str, Any]:
    """Who, when and how long, and the task's ``agreement`` when it has one (Label Studio's
    converter writes it for annotated tasks)."""
    meta = record.meta or {}
    who = meta.get("completed_by")
    out = {
        "annotator": who.get("email") if isinstance(who, dict) else who,
        "annotation_id": meta.get("id"),
        "created_at": meta.get("created_at"),
        "updated_at": meta.get("updated_at", meta.get("created_at")),
        "lead_time": meta.get("lead_time"),
    }
    fields = task_fields(record)
    if "agreement" in fields:
        out["agreement"] = fields["agreement"]
    return out


def min_record(config: LabelConfig, record: Record) -> dict[str, Any]:
    out = dict(record.data)
    if record.task is not None:
        out["id"] = record.task
    if record.annotated:
        out.update(pretty_outputs(config, record))
        out.update(annotation_fields(record))
    else:
        out.update(dict.fromkeys(ANNOTATION_KEYS))
    return out


def write_json_min(df, config, path, *, meta=None, predictions=None, columns=None,
                   indent: int | None = None) -> Path:
    """Write JSON-MIN to ``path`` (a JSON array, one record per line unless ``indent`` is
    given), streaming one task at a time."""
    config = parse_config(config)
    path = Path(path)
    issues: list = []
    with atomic_file(path) as out:
        out.write("[")
        first = True
        for record in iter_records(df, config, meta=meta, columns=columns, issues=issues):
            if record.cancelled:
                continue
            out.write("\n" if first else ",\n")
            out.write(json.dumps(min_record(config, record), ensure_ascii=False, indent=indent))
            first = False
        out.write("\n]\n")
        raise_issues(issues)
    return path
