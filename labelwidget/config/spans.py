"""Span labeling tags: ``Labels``/``Label`` on Text and HyperText, ``HyperTextLabels``.

A cell (DESIGN.md section 2) is a list of Label Studio ``value`` payloads, one per span, each
with a stable ``id``:

* on ``<Text>``: ``{"id", "start", "end", "text", "labels": [...]}`` where ``start``/``end`` are
  Python string indices (code points, not the UTF-16 units browsers count), end exclusive, so
  ``text[start:end] == span["text"]``;
* on ``<HyperText>``: ``{"id", "start", "end", "startOffset", "endOffset", "globalOffsets":
  {"start", "end"}, "text", "hypertextlabels": [...]}`` (``"labels"`` for ``<Labels>``), where
  ``start``/``end`` are XPaths of text nodes relative to the HyperText's root, as Label Studio
  writes them (``/p[1]/b[1]/text()[1]``), ``startOffset``/``endOffset`` are offsets inside those
  text nodes and ``globalOffsets`` index the text content of the whole document. All offsets
  count code points here too. The document is the HTML as shown: sanitized by
  :func:`sanitize_html` and parsed the way a browser parses it. Either the XPaths with their
  offsets or ``globalOffsets`` suffice; :meth:`check_value` fills in the other.

Other keys of a span (``score``, ...) are kept as they are.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping
from typing import Any

from ..values import text_of
from .attributes import Attr
from .hypertext import HtmlText, sanitize_html
from .region_ids import derived_region_id, new_region_id
from .registry import registry
from .span_offsets import (
    check_html_offsets,
    check_text_offsets,
    describe_span,
    span_keys,
)
from .tags import ControlTag, OptionTag

# Keys of a HyperText span, left to _check_span when they turn up on a Text span.
_OFFSET_KEYS = ("startOffset", "endOffset", "globalOffsets", "htmllabels")


# -- tags -----------------------------------------------------------------------------------------
@registry.register("Label")
class Label(OptionTag):
    """One label of a Labels group (or of RectangleLabels and the other region controls)."""

    attributes = (
        Attr("maxUsages", "int", aliases=("maxUsage",)),
        Attr("granted", "bool", False),
        # Label Studio's converter numbers COCO/YOLO categories by it (formats/_images.py).
        Attr("category"),
    )


class SpanControl(ControlTag):
    """A control whose regions are spans of a Text or HyperText."""

    attributes = (
        Attr("choice", "enum", "single", choices=("single", "multiple")),
        Attr("maxUsages", "int", aliases=("maxUsage",)),
        Attr("showInline", "bool", True, aliases=("showInLine",)),
        Attr("allowEmpty", "bool", False),
        Attr("value"),
        # Label Studio's audio templates put hotkey= on <Labels>; it binds nothing there, so it
        # is accepted and ignored (kept out of the hotkey checks under another name).
        Attr("groupHotkey", aliases=("hotkey",)),
    )
    allowed_children = ("Label", "View", "Header")
    scope = "region"
    labels_objects = ("Text", "HyperText")
    # Label Studio also labels these with <Labels> (with Rectangle, Polygon ... or timelines).
    planned_objects = ("Image", "Audio", "AudioPlus", "Video")
    label_key = "labels"
    target = None  # the ObjectTag labeled; set by check()

    @property
    def multiple(self) -> bool:
        return self.attrs["choice"] == "multiple"

    @property
    def on_html(self) -> bool:
        return self.target is not None and self.target.tag_name == "HyperText"

    def check(self, config, issues):
        super().check(config, issues)
        if "value" in self.raw_attrs:
            issues.add(self, "not supported yet: dynamic labels (value=\"$column\" on <"
                             f"{self.tag_name}>)")
        if len(self.to_name) > 1:
            issues.add(self, f'toName="{",".join(self.to_name)}" must name one object tag')
        targets = [config.objects.get(n) for n in self.to_name]
        self.target = targets[0] if targets and targets[0] is not None else None
        if not self.options():
            issues.add(self, 'has no <Label> options (add <Label value="..."/>)')
        seen: dict[str, Any] = {}
        for option in self.options():
            if not option.value:
                issues.add(option, 'needs value="..." (the label\'s name)')
            elif option.stored in seen:
                issues.add(option, f'value="{option.stored}" is already a label of <'
                                   f'{self.tag_name} name="{self.name}"> '
                                   f"(line {seen[option.stored].line})")
            else:
                seen[option.stored] = option
        for key, value in (("maxUsages", self.attrs.get("maxUsages")),):
            if value is not None and value < 1:
                issues.add(self, f'{key}="{value}" must be at least 1')
        for option in self.options():
            value = option.attrs.get("maxUsages")
            if value is not None and value < 1:
                issues.add(option, f'maxUsages="{value}" must be at least 1')

    # -- what the widget needs -------------------------------------------------------------------
    def label_limits(self) -> dict[str, int]:
        """Stored label -> the most spans that may carry it in one task."""
        default = self.attrs.get("maxUsages")
        out = {}
        for option in self.options():
            limit = option.attrs.get("maxUsages") or default
            if limit:
                out[option.stored] = limit
        return out

    def allowed(self) -> list[str]:
        return list(self.stored_options())

    # -- value model -------------------------------------------------------------------------------
    def document(self, row) -> str | HtmlText | None:
        """The text (or parsed HTML) this control labels in ``row``; None without a row."""
        if row is None or self.target is None:
            return None
        column = self.target.column
        raw = self.target.literal if column is None else row.get(column)
        text = text_of(raw)
        return HtmlText(sanitize_html(text)) if self.on_html else text

    def empty_answer(self):
        return []

    def check_value(self, value, row=None):
        if type(value) is not list:
            value = self._as_list(value)
        document = self.document(row)
        out = []
        ids: dict[str, int] = {}
        quick = isinstance(document, str) and not self.on_html
        allowed = self._allowed_set() if quick else None
        for i, span in enumerate(value):
            checked = self._quick_span(span, document, allowed) if quick else None
            if checked is None:
                checked = self._check_span(i, span, document)
            previous = ids.get(checked["id"])
            if previous is not None:
                raise ValueError(f"{describe_span(i, checked)}: id {checked['id']!r} is also "
                                 f"the id of span {previous}")
            ids[checked["id"]] = i
            out.append(checked)
        limits = self._limits()
        if not limits:
            return out
        counts = Counter(label for span in out for label in span[self.label_key])
        for label, limit in limits.items():
            if counts[label] > limit:
                raise ValueError(f"{label!r} is used on {counts[label]} spans, at most {limit} "
                                 "allowed (maxUsages)")
        return out

    @staticmethod
    def _as_list(value) -> list | tuple:
        if isinstance(value, str):
            try:
                value = json.loads(value)
            except json.JSONDecodeError:
                raise ValueError(f"expected a list of spans, got the text {value[:60]!r}") from None
        if isinstance(value, Mapping):
            value = [value]
        if not isinstance(value, (list, tuple)):
            raise ValueError(f"expected a list of spans (dicts), got {type(value).__name__}")
        return value

    def _limits(self) -> dict[str, int]:
        options = self.stored_options()
        cached = self.__dict__.get("_limits_cached")
        if cached is None or cached[0] is not options:
            cached = (options, self.label_limits())
            self._limits_cached = cached
        return cached[1]

    def _quick_span(self, span, text: str, allowed: frozenset) -> dict | None:
        """The checked span when it is already in the stored shape (int offsets inside the
        text, its text or none, an id, known labels), else None: the common case of an export
        or a reload, without building the messages ``_check_span`` gives for anything else."""
        key = self.label_key
        if type(span) is not dict:
            return None
        start, end, labels, ident = span.get("start"), span.get("end"), span.get(key), \
            span.get("id")
        if type(start) is not int or type(end) is not int or type(labels) is not list \
                or type(ident) is not str or not ident or not labels:
            return None
        if start < 0 or start >= end or end > len(text):
            return None
        actual = text[start:end]
        shown = span.get("text")
        if shown is not None and shown != actual:
            return None
        if len(labels) > 1 and (not self.multiple or len(set(labels)) != len(labels)):
            return None
        for label in labels:
            if type(label) is not str or label not in allowed:
                return None
        out = {"id": ident, "start": start, "end": end, "text": actual, key: list(labels)}
        if len(span) > len(out) - (shown is None):
            if any(k in span for k in _OFFSET_KEYS):
                return None  # HyperText offsets on a Text span: ordered by _check_span
            for k, v in span.items():
                if k not in out:
                    out[k] = v
        return out

    def _allowed_set(self) -> frozenset:
        options = self.stored_options()
        cached = self.__dict__.get("_allowed_frozen")
        if cached is None or cached[0] is not options:
            cached = (options, frozenset(options))
            self._allowed_frozen = cached
        return cached[1]

    def _check_span(self, i: int, span, document) -> dict:
        if not isinstance(span, Mapping):
            raise ValueError(f"span {i}: expected a dict with start, end and "
                             f"{self.label_key}, got {span!r}")
        span = dict(span)
        if "htmllabels" in span and self.label_key not in span:  # Label Studio's older name
            span[self.label_key] = span.pop("htmllabels")
        if self.on_html:
            self._check_html_offsets(i, span, document)
        else:
            self._check_text_offsets(i, span, document)
        self._check_labels(i, span)
        ident = span.get("id")
        if ident is None or ident == "":
            span["id"] = derived_region_id(self.name, i, span)
        elif not isinstance(ident, str):
            span["id"] = str(ident)
        order = ("id", "start", "end", "startOffset", "endOffset", "globalOffsets", "text",
                 self.label_key)
        return {**{k: span[k] for k in order if k in span}, **span}

    def _check_text_offsets(self, i, span, text):
        check_text_offsets(i, span, text)

    def _check_html_offsets(self, i, span, doc):
        check_html_offsets(i, span, doc)

    def _check_labels(self, i, span):
        key = self.label_key
        labels = span.get(key)
        if labels is None:
            raise ValueError(f"{describe_span(i, span)}: missing {key!r} ({span_keys(span)})")
        if isinstance(labels, str):
            labels = [labels]
        if not isinstance(labels, (list, tuple)) or not all(isinstance(x, str) for x in labels):
            raise ValueError(f"{describe_span(i, span)}: {key} must be a list of labels, "
                             f"got {labels!r}")
        labels = list(labels)
        if not labels and not self.attrs["allowEmpty"]:
            raise ValueError(f"{describe_span(i, span)}: has no label")
        if len(set(labels)) != len(labels):
            raise ValueError(f"{describe_span(i, span)}: lists a label twice: {labels!r}")
        if len(labels) > 1 and not self.multiple:
            raise ValueError(f"{describe_span(i, span)}: has {len(labels)} labels {labels!r}, but "
                             f'<{self.tag_name} name="{self.name}"> allows one (choice="single")')
        allowed = self.allowed()
        for label in labels:
            if label not in allowed:
                raise ValueError(f"{describe_span(i, span)}: {label!r} is not a label of "
                                 f"{self.name} (labels: {', '.join(allowed)})")
        span[key] = labels

    # -- Label Studio results ------------------------------------------------------------------
    def to_result(self, value):
        """One span -> its Label Studio ``value`` payload (the region ``id`` goes beside it)."""
        return {k: v for k, v in value.items() if k != "id"}

    def from_result(self, payload):
        """A Label Studio ``value`` payload -> one span (without its ``id``)."""
        span = dict(payload)
        if "htmllabels" in span and self.label_key not in span:
            span[self.label_key] = span.pop("htmllabels")
        return span

    def to_results(self, cell) -> list[dict]:
        """A cell -> Label Studio result items ``{"id", "type", "value"}`` (one per span; the
        caller adds ``from_name``/``to_name``)."""
        if cell is None:
            return []
        return [{"id": span["id"], "type": self.result_type, "value": self.to_result(span)}
                for span in cell]

    def from_results(self, items) -> list[dict]:
        """Label Studio result items (dicts with ``id`` and ``value``) -> a cell."""
        out = []
        for item in items:
            span = self.from_result(item["value"])
            span = {"id": item.get("id") or new_region_id(), **span}
            out.append(span)
        return out


@registry.register("Labels")
class Labels(SpanControl):
    """Spans on Text/HyperText; on an Image, the labels of regions drawn by a Rectangle,
    Polygon or KeyPoint tool (Label Studio's generic pairing: the image-region value model)."""

    result_type = "labels"
    labels_objects = ("Text", "HyperText", "Image", "Audio")
    planned_objects = ("Video", "Paragraphs")

    @property
    def on_image(self) -> bool:
        return self.target is not None and self.target.tag_name == "Image"

    @property
    def on_audio(self) -> bool:
        """Segments in seconds on an Audio (or AudioPlus, the same tag class)."""
        return self.target is not None and self.target.tag_name == "Audio"

    def _image_model(self, row=None):
        from .image_regions import image_labels_model

        return image_labels_model(self, row)

    def _audio_model(self):
        from .audio import SegmentModel

        return SegmentModel(self)

    def check_value(self, value, row=None):
        if self.on_image:
            return self._image_model(row).check(value)
        if self.on_audio:
            return self._audio_model().check(value)
        return super().check_value(value, row)

    def to_results(self, cell) -> list[dict]:
        if self.on_image:
            return self._image_model().to_results(cell)
        if self.on_audio:
            return self._audio_model().to_results(cell)
        return super().to_results(cell)

    def from_results(self, items) -> list[dict]:
        if self.on_image:
            return self._image_model().from_results(items)
        if self.on_audio:
            return self._audio_model().from_results(items)
        return super().from_results(items)


@registry.register("HyperTextLabels")
class HyperTextLabels(SpanControl):
    result_type = "hypertextlabels"
    labels_objects = ("HyperText",)
    planned_objects = ()
    label_key = "hypertextlabels"
