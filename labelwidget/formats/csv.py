"""CSV in Label Studio's layout: the JSON-MIN record of each task, one row, sorted columns.

Strings are quoted, numbers are not (``QUOTE_NONNUMERIC``); lists and objects are compact
JSON text. A data column with the name of a control is renamed ``_data_<name>`` (as Label
Studio does). Two passes over the DataFrame (columns first, then rows), nothing accumulated.
"""

from __future__ import annotations

import csv as _csv
import json
from pathlib import Path

from ..config import parse_config
from ._output import atomic_file
from ._records import has_output, iter_records, raise_issues, task_fields
from .json_min import ANNOTATION_KEYS, annotation_fields, pretty_outputs


def _json_text(value) -> str:
    # Label Studio writes these with ujson: compact, and "/" escaped as "\/".
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("/", "\\/")


def _extra_fields(record) -> dict:
    """What Label Studio's converter adds to a row when the task or annotation has it: the
    task's ``agreement`` and the annotation's ``history`` (as JSON text, when not empty)."""
    out = {}
    fields = task_fields(record)
    if "agreement" in fields:
        out["agreement"] = fields["agreement"]
    history = (record.meta or {}).get("history")
    if history:
        out["history"] = _json_text(history)
    return out


def _is_chat(control) -> bool:
    return control.result_type == "chatmessage"


def transcript(messages) -> str:
    """A chat's added messages as Label Studio's converter writes ``<name>_transcript``: one
    ``role: content`` line each (``role:`` alone for an empty message)."""
    lines = []
    for message in messages:
        role, content = str(message.get("role", "")), str(message.get("content", ""))
        lines.append((f"{role}: {content}" if content else f"{role}:") if role else content)
    return "\n".join(lines)


def write_csv(df, config, path, *, meta=None, predictions=None, columns=None,
              sep: str = ",", header: bool = True) -> Path:
    """Write CSV to ``path``."""
    config = parse_config(config)
    path = Path(path)
    issues: list = []
    data_keys: dict[str, None] = {}
    outputs: set[str] = set()
    extra: set[str] = set()
    has_id = False
    controls = config.controls
    # First pass, unchecked (cells are checked while the rows are written): the columns.
    for record in iter_records(df, config, meta=meta, columns=columns, check=False):
        if record.cancelled:
            continue
        data_keys.update(dict.fromkeys(record.data))
        has_id = has_id or record.task is not None
        if record.annotated:
            outputs.update(n for n, c in record.cells.items() if has_output(controls[n], c))
            extra.update(k for k in _extra_fields(record))
            extra.update(f"{n}_transcript" for n, c in record.cells.items()
                         if _is_chat(controls[n]) and has_output(controls[n], c))
    renamed = {k: (f"_data_{k}" if k in outputs else k) for k in data_keys}
    keys = (set(ANNOTATION_KEYS) | set(renamed.values()) | outputs | extra
            | ({"id"} if has_id else set()))
    with atomic_file(path, newline="") as out:
        writer = _csv.DictWriter(out, fieldnames=sorted(keys), quoting=_csv.QUOTE_NONNUMERIC,
                                 delimiter=sep, lineterminator="\r\n")
        if header:
            writer.writeheader()
        for record in iter_records(df, config, meta=meta, columns=columns, issues=issues):
            if record.cancelled:
                continue
            row = {}
            if record.task is not None:
                row["id"] = record.task
            if record.annotated:
                for name, value in pretty_outputs(config, record).items():
                    row[name] = value if isinstance(value, str) else _json_text(value)
                    if _is_chat(controls[name]):
                        row[f"{name}_transcript"] = transcript(value)
            for key, value in record.data.items():
                row[renamed[key]] = _json_text(value) if isinstance(value, (dict, list)) \
                    else value
            fields = annotation_fields(record) if record.annotated else \
                dict.fromkeys(ANNOTATION_KEYS)
            who = fields["annotator"]
            if who is not None:  # Label Studio writes the annotator as text (an email for a user)
                fields["annotator"] = who.get("email") if isinstance(who, dict) else str(who)
            row.update(fields)
            if record.annotated:
                row.update(_extra_fields(record))
            writer.writerow(row)
        raise_issues(issues)
    return path
