"""Label Studio JSON tasks written as text from their parts: the same characters as
``json.dumps(record_to_task(...), ensure_ascii=False)`` without building every result as a
dict first (issue 15 item 7: building the dicts cost more than serialising them).

A result is joined from a prefix kept per control (``"from_name"``, ``"to_name"``, ``"type"``)
and the JSON of its id and value; a region's value is cut out of the JSON of the item its
control gives. A control whose items do not have the expected shape (a region without an id,
an item without its type), per-region and repeated controls, relations, and a task whose
results carry an ``origin`` are serialised from the dicts the general path builds, so the text
is always that of :func:`record_to_task`. tests/test_export_text.py compares the two.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

from ..config import LabelConfig
from ._records import Record, stable_id
from .label_studio_export import _to_name, control_results, record_to_task, relation_results

_ENCODER = json.JSONEncoder(ensure_ascii=False)


def _fastest_encoder() -> Callable[[Any], str]:
    """``json.dumps(value, ensure_ascii=False)`` without making an encoder per call: CPython's
    C encoder made once (its signature is private, so the result is probed against json.dumps;
    the JSONEncoder's own ``encode`` is used when it differs or is missing)."""
    try:
        from json.encoder import c_make_encoder, encode_basestring

        make = c_make_encoder(None, _ENCODER.default, encode_basestring, None, ": ", ", ",
                              False, False, True)
        probe = {"a": [1, 2.5, -0.0, None, True, "é\n\"", {"1": []}], "": 1e300, "n": 1e-7}
        if "".join(make(probe, 0)) == json.dumps(probe, ensure_ascii=False):
            return lambda value: "".join(make(value, 0))
    except Exception:  # any surprise: the documented encoder instead
        pass
    return _ENCODER.encode


encode = _fastest_encoder()
encode_basestring = json.encoder.encode_basestring  # a text's JSON, as json.dumps writes it

REGION, SPANS, CLASSIFICATION, OTHER = "region", "spans", "classification", "other"
# Stands for a result list in the task's skeleton (see task_text).
MARKER = "\x00labelwidget result\x00"
MARKER_JSON = encode(MARKER)


def _kind(control) -> str:
    if control.scope == "region":
        if getattr(control, "to_results", None) is None:
            return OTHER
        if _plain_spans(control):
            return SPANS
        return REGION
    if control.scope == "relations" or getattr(control, "repeater", None) is not None \
            or control.per_region:
        return OTHER
    return CLASSIFICATION


def _plain_spans(control) -> bool:
    """Whether a result's value is the span without its id (SpanControl's own results)."""
    from ..config.spans import Labels, SpanControl

    kind = type(control)
    if kind.to_result is not SpanControl.to_result:
        return False
    if isinstance(control, Labels):
        return kind.to_results is Labels.to_results and not control.on_image \
            and not control.on_audio
    return kind.to_results is SpanControl.to_results


class _Prefixes(dict):
    """Control name -> (how its results are written, the text after a result's id: up to
    ``"to_name"`` for a region, up to ``"value": `` for spans and a classification)."""

    def __init__(self, config: LabelConfig):
        super().__init__()
        self.config = config

    def __missing__(self, name: str) -> tuple[str, str]:
        control = self.config.controls[name]
        kind = _kind(control)
        head = f', "from_name": {encode(name)}, "to_name": {encode(_to_name(control))}'
        if kind in (CLASSIFICATION, SPANS):
            head += f', "type": {encode(control.result_type)}, "value": '
        self[name] = (kind, head)
        return self[name]


def _prefixes(config: LabelConfig) -> _Prefixes:
    kept = config.__dict__.get("_result_prefixes")
    if kept is None or kept.config is not config:
        kept = config.__dict__["_result_prefixes"] = _Prefixes(config)
    return kept


def _id_text(rid) -> str:
    return encode_basestring(rid) if type(rid) is str else encode(rid)


def _span_texts(head: str, control, cell: list) -> list[str] | None:
    """Spans' results: the value is the span without its id. A span in the stored shape
    (id, start, end, text, labels: what the span check gives) is formatted from its fields;
    any other is cut out of the span's JSON (the id comes first in a checked span); None when
    a span is neither."""
    stored = ("id", "start", "end", "text", control.label_key)
    labels_text = _labels_texts(control)
    out = []
    for span in cell:
        rid, labels = span.get("id"), span.get(control.label_key)
        if type(rid) is not str:
            return None
        rid = encode_basestring(rid)
        if type(labels) is list and tuple(span) == stored and type(span["start"]) is int \
                and type(span["end"]) is int and type(span["text"]) is str:
            try:
                known = labels_text[tuple(labels)]
            except KeyError:
                known = labels_text[tuple(labels)] = \
                    f', {encode_basestring(control.label_key)}: {encode(labels)}}}}}'
            out.append(f'{{"id": {rid}{head}{{"start": {span["start"]!r}, "end": '
                       f'{span["end"]!r}, "text": {encode_basestring(span["text"])}{known}')
            continue
        start = f'{{"id": {rid}, '
        text = encode(span)
        if not text.startswith(start):
            return None
        out.append(f'{{"id": {rid}{head}{{{text[len(start):]}}}')
    return out


def _labels_texts(control) -> dict:
    """Labels (a tuple) -> the end of a span's result text, kept per control (the labels of
    a task are a few combinations of the control's options)."""
    kept = control.__dict__.get("_labels_texts")
    if kept is None or len(kept) > 4096:
        kept = control.__dict__["_labels_texts"] = {}
    return kept


def _region_texts(head: str, control, cell) -> list[str] | None:
    """A region control's results as text, or None when an item is not ``{"id", "type",
    ...rest}`` with an id: the result is ``{"id", "from_name", "to_name", "type", ...rest}``,
    so the rest is cut out of the item's JSON after its id and type."""
    out = []
    for item in control.to_results(cell):
        rid, kind = item.get("id"), item.get("type")
        if rid is None or kind is None or "from_name" in item or "to_name" in item:
            return None
        rid, kind = _id_text(rid), _id_text(kind)
        start = f'{{"id": {rid}, "type": {kind}, '
        text = encode(item)
        if not text.startswith(start):
            return None
        out.append(f'{{"id": {rid}{head}, "type": {kind}, {text[len(start):]}')
    return out


def result_texts(config: LabelConfig, task: Any, cells: Mapping[str, Any],
                 result_ids: Mapping[str, str] | None = None, salt: str = "",
                 data: Mapping[str, Any] | None = None) -> list[str]:
    """The JSON text of each item :func:`cells_to_result` gives, in the same order."""
    prefixes = _prefixes(config)
    out: list[str] = []
    for name, control in config.controls.items():
        cell = cells.get(name)
        if cell is None or control.is_empty_answer(cell):
            continue
        kind, head = prefixes[name]
        if kind == CLASSIFICATION:
            rid = (result_ids or {}).get(name) or stable_id(task, name, salt)
            out.append(f'{{"id": {_id_text(rid)}{head}{encode(control.to_result(cell))}}}')
            continue
        texts = None
        if kind == SPANS:
            texts = _span_texts(head, control, cell)
        elif kind == REGION:
            texts = _region_texts(head, control, cell)
        if texts is None:
            texts = [encode(item) for item in control_results(
                config, name, control, task, cells, result_ids, salt, data)]
        out += texts
    return out + [encode(item) for item in relation_results(config, cells)]


def _marker(*args, **kwargs) -> str:
    return MARKER


def task_text(config: LabelConfig, record: Record) -> str | None:
    """``json.dumps(record_to_task(config, record), ensure_ascii=False)``, or None for a task
    whose results carry an ``origin`` (written by the general path).

    The task is serialised once with a marker for each result list, then each marker is
    replaced by its results' text. A task whose own data holds the marker's text is
    written by the general path too (the markers found must be exactly those put in)."""
    if record.meta and record.meta.get("origin"):
        return None
    lists = []
    if record.annotated:
        lists.append((record.cells, (record.meta or {}).get("result_ids"), ""))
    for index, prediction in enumerate(record.predictions):
        lists.append((prediction.get("values") or {}, prediction.get("result_ids"),
                      f"prediction{index}"))
    pieces = encode(record_to_task(config, record, _marker)).split(MARKER_JSON)
    if len(pieces) != len(lists) + 1:
        return None
    out = [pieces[0]]
    for (cells, ids, salt), after in zip(lists, pieces[1:], strict=True):
        texts = result_texts(config, record.task, cells, ids, salt, record.data)
        out += ["[", ", ".join(texts), "]", after]
    return "".join(out)
