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

REGION, SPANS, IMAGE, CLASSIFICATION, OTHER = "region", "spans", "image", "classification", \
    "other"
# Stands for a result list in the task's skeleton (see task_text).
MARKER = "\x00labelwidget result\x00"
MARKER_JSON = encode(MARKER)


def _kind(control) -> str:
    if control.scope == "region":
        if getattr(control, "to_results", None) is None:
            return OTHER
        if _plain_spans(control):
            return SPANS
        if _image_regions(control):
            return IMAGE
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


def _image_regions(control) -> bool:
    """Whether results are those of an image region control's value model, with labels."""
    from ..config.image_regions import RegionControl
    from ..config.region_model import RegionModel

    return type(control).to_results is RegionControl.to_results and \
        control.label_key is not None and type(control.model()).to_results is RegionModel.to_results


class _Prefixes(dict):
    """Control name -> (how its results are written, the text after a result's id up to
    ``"to_name"``, and up to ``"value": ``)."""

    def __init__(self, config: LabelConfig):
        super().__init__()
        self.config = config

    def __missing__(self, name: str) -> tuple[str, str, str]:
        control = self.config.controls[name]
        head = f', "from_name": {encode(name)}, "to_name": {encode(_to_name(control))}'
        self[name] = (_kind(control), head,
                      f'{head}, "type": {encode(control.result_type)}, "value": ')
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
    key = control.label_key
    stored, key_text = ("id", "start", "end", "text", key), encode_basestring(key)
    out = []
    for span in cell:
        rid = span.get("id")
        if type(rid) is not str:
            return None
        rid = encode_basestring(rid)
        labels = _labels_text(control, span.get(key))
        if labels is not None and tuple(span) == stored and type(span["start"]) is int \
                and type(span["end"]) is int and type(span["text"]) is str:
            out.append(f'{{"id": {rid}{head}{{"start": {span["start"]!r}, "end": '
                       f'{span["end"]!r}, "text": {encode_basestring(span["text"])}, '
                       f'{key_text}: {labels}}}}}')
            continue
        start = f'{{"id": {rid}, '
        text = encode(span)
        if not text.startswith(start):
            return None
        out.append(f'{{"id": {rid}{head}{{{text[len(start):]}}}')
    return out


def _value_text(control, cell) -> str:
    """The JSON of a classification's ``value``, kept per control for a cell that is a text
    or a list of texts (a task's choice is one of a few; ``to_result`` depends on the cell
    and the control's config only)."""
    kind = type(cell)
    if kind is str:
        key = cell
    elif kind is list and all(type(item) is str for item in cell):
        key = tuple(cell)
    else:
        return encode(control.to_result(cell))
    kept = control.__dict__.get("_value_texts")
    if kept is None or len(kept) > 4096:
        kept = control.__dict__["_value_texts"] = {}
    text = kept.get(key)
    if text is None:
        text = kept[key] = encode(control.to_result(cell))
    return text


def _labels_text(control, labels) -> str | None:
    """The JSON of a region's labels (a list of texts), kept per control (the labels of a
    task are a few combinations of the control's options); None for anything else."""
    kept = control.__dict__.get("_labels_texts")
    if kept is None or len(kept) > 4096:
        kept = control.__dict__["_labels_texts"] = {}
    if type(labels) is not list:
        return None
    try:
        return kept[tuple(labels)]
    except KeyError:
        if not all(type(label) is str for label in labels):
            return None
        text = kept[tuple(labels)] = encode(labels)
        return text
    except TypeError:  # not hashable: not labels
        return None


_BOX = ("id", "x", "y", "width", "height", "rotation")
_SIZE = ("original_width", "original_height")


def _stored_region_value(region, key: str, key_text: str, labels: str) -> str | None:
    """The text of a stored box's or polygon's result from its ``value`` on (``value`` and
    the original size: what the region model's results hold for it), or None when the region
    has any other shape or key (extras, a float rotation, a NaN that a check let through)."""
    keys = tuple(region)
    size = ""
    if keys[-2:] == _SIZE:
        width, height = region["original_width"], region["original_height"]
        if type(width) is not int or type(height) is not int:
            return None
        size = f', "original_width": {width!r}, "original_height": {height!r}'
        keys = keys[:-2]
    if keys[:6] == _BOX and keys[6:] == (key,):
        x, y, w, h, turn = (region["x"], region["y"], region["width"], region["height"],
                            region["rotation"])
        if not (type(x) is float and type(y) is float and type(w) is float
                and type(h) is float and type(turn) is int and x - x + y - y + w - w + h - h
                == 0.0):  # finite: a NaN or an infinity gives NaN
            return None
        return (f'{{"x": {x!r}, "y": {y!r}, "width": {w!r}, "height": {h!r}, "rotation": '
                f'{turn!r}, {key_text}: {labels}}}{size}}}')
    if keys == ("id", "points", key) and type(region["points"]) is list:
        points = []
        for point in region["points"]:
            if type(point) is not list or len(point) != 2:
                return None
            x, y = point
            if type(x) is not float or type(y) is not float or x - x + y - y != 0.0:
                return None
            points.append(f"[{x!r}, {y!r}]")
        return f'{{"points": [{", ".join(points)}], {key_text}: {labels}}}{size}}}'
    return None


def _image_texts(head: str, value_head: str, control, cell) -> list[str] | None:
    """Boxes' and polygons' results, each formatted from its fields when it is in the
    stored shape, else as :func:`_region_texts` writes it."""
    key = control.label_key
    key_text = encode_basestring(key)
    out = []
    for region in cell:
        rid, labels = region.get("id"), _labels_text(control, region.get(key))
        value = None
        if type(rid) is str and labels is not None:
            value = _stored_region_value(region, key, key_text, labels)
        if value is None:
            texts = _region_texts(head, control, [region])
            if texts is None:
                return None
            out += texts
            continue
        out.append(f'{{"id": {encode_basestring(rid)}{value_head}{value}')
    return out


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
        kind, head, value_head = prefixes[name]
        if kind == CLASSIFICATION:
            rid = (result_ids or {}).get(name) or stable_id(task, name, salt)
            out.append(f'{{"id": {_id_text(rid)}{value_head}{_value_text(control, cell)}}}')
            continue
        texts = None
        if kind == SPANS:
            texts = _span_texts(value_head, control, cell)
        elif kind == IMAGE:
            texts = _image_texts(head, value_head, control, cell)
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
