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
from html.parser import HTMLParser
from typing import Any

import nh3

from ..values import text_of, whole_number
from .attributes import Attr
from .region_ids import derived_region_id, new_region_id
from .registry import registry
from .tags import ControlTag, OptionTag

# Keys of a HyperText span, left to _check_span when they turn up on a Text span.
_OFFSET_KEYS = ("startOffset", "endOffset", "globalOffsets", "htmllabels")


# -- offsets ------------------------------------------------------------------------------------
def index_to_utf16(text: str, index: int) -> int:
    """The UTF-16 offset (what JavaScript counts) of the Python string index ``index``."""
    return index + sum(1 for ch in text[:index] if ord(ch) > 0xFFFF)


def utf16_to_index(text: str, offset: int) -> int:
    """The Python string index of UTF-16 offset ``offset``; raises ValueError when the offset
    falls inside a surrogate pair or beyond the text."""
    units = 0
    for i, ch in enumerate(text):
        if units == offset:
            return i
        units += 2 if ord(ch) > 0xFFFF else 1
        if units > offset:
            raise ValueError(f"UTF-16 offset {offset} splits the character {ch!r} at index {i}")
    if units == offset:
        return len(text)
    raise ValueError(f"UTF-16 offset {offset} is beyond the text ({units} UTF-16 units)")


def same_text(shown: str, actual: str, *, html: bool = False) -> bool:
    """Whether a span's ``text`` is the text at its offsets, whitespace aside.

    Label Studio's editor writes ``text`` from the browser's selection, which collapses runs of
    whitespace (``"4   cm"`` becomes ``"4 cm"``, ``"\r\n"`` a ``"\n"``), keeps or drops
    whitespace at the ends and, in HyperText, adds line breaks between blocks that the
    document's text does not have; the offsets point at the data, and its SDK does not compare
    the two. So a Text span's ``text`` may differ from the text at its offsets in the length of
    each run of whitespace and in whitespace at either end (the same words, split alike); a
    HyperText span's also in whitespace between any two characters (the same characters once
    all whitespace is removed). The offsets win: the cell's ``text`` becomes what they cover.
    """
    if shown == actual:
        return True
    if html:
        return "".join(shown.split()) == "".join(actual.split())
    return shown.split() == actual.split()


# -- HyperText: the document as the browser sees it ------------------------------------------
def sanitize_html(markup: str) -> str:
    """HyperText is data, never code: no scripts, no event handlers, no javascript: URLs."""
    return nh3.clean(markup, url_schemes={"http", "https", "mailto"},
                     link_rel="noopener noreferrer nofollow")


_VOID = frozenset(("area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link",
                   "meta", "param", "source", "track", "wbr"))
_DROP_FIRST_NEWLINE = frozenset(("pre", "listing", "textarea"))


class HtmlText:
    """The text nodes of sanitized HTML, in document order, as a browser's DOM holds them.

    ``text`` is the document's text content; ``nodes`` lists ``(xpath, start, end)`` with the
    code-point range of each text node in ``text``. XPaths are relative to the root container,
    Label Studio style: ``/p[1]/b[1]/text()[1]`` (1-based, counted among same-named siblings).
    An XPath may also name an element (``/p[2]``, or ``/`` for the root): its offset then counts
    characters of that element's text content, as the ``xpath-range`` library that Label
    Studio's editor serializes selections with reads it.
    """

    def __init__(self, markup: str):
        parser = _TextNodes()
        parser.feed(markup)
        parser.close()
        parser.flush()
        parser.close_elements(0)
        self.nodes: list[tuple[str, int, int]] = parser.nodes
        self.text = "".join(parser.chunks)
        self._by_xpath = {x: (s, e) for x, s, e in self.nodes}
        self._elements = {"/": (0, len(self.text)), **parser.elements}

    def to_global(self, xpath: str, offset: int) -> int:
        path = _normal_xpath(xpath)
        where = self._by_xpath.get(path)
        what = "the text node"
        if where is None:
            where = self._elements.get(path)
            what = "the element"
        if where is None:
            kind = "text node" if path.rsplit("/", 1)[-1].startswith("text()") else "element"
            raise ValueError(f"the document has no {kind} {xpath!r}")
        start, end = where
        if not 0 <= offset <= end - start:
            raise ValueError(
                f"offset {offset} is outside {what} {xpath!r} ({end - start} characters)"
            )
        return start + offset

    def to_node(self, index: int, *, end: bool) -> tuple[str, int]:
        """(xpath, offset) of a global index: a start prefers the node beginning there, an end
        the node ending there."""
        best = None
        for xpath, start, stop in self.nodes:
            if start <= index <= stop:
                if end and start < index:
                    return xpath, index - start
                if not end and index < stop:
                    return xpath, index - start
                best = best or (xpath, index - start)
        if best is None:
            raise ValueError(f"offset {index} is outside the document's text ({len(self.text)})")
        return best


def _normal_xpath(xpath: str) -> str:
    parts = [p for p in xpath.strip().split("/") if p]
    out = []
    for part in parts:
        out.append(part if part.endswith("]") else f"{part}[1]")
    return "/" + "/".join(p.lower() if not p.startswith("text()") else p for p in out)


class _TextNodes(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        # Stack of (tag, xpath, counts of child names)
        self.stack: list[tuple[str, str, Counter]] = [("", "", Counter())]
        self.nodes: list[tuple[str, int, int]] = []
        # Element xpath -> (start, end) of its text content; open elements -> their start.
        self.elements: dict[str, tuple[int, int]] = {}
        self.opened: dict[str, int] = {}
        self.chunks: list[str] = []
        self.pending: list[str] = []
        self.length = 0
        self.drop_newline = False

    def flush(self):
        if not self.pending:
            return
        data = "".join(self.pending)
        self.pending = []
        if not data:
            return
        _, path, counts = self.stack[-1]
        counts["text()"] += 1
        size = len(data)
        self.nodes.append((f"{path}/text()[{counts['text()']}]", self.length, self.length + size))
        self.chunks.append(data)
        self.length += size

    def handle_starttag(self, tag, attrs):
        self.flush()
        tag = tag.lower()
        _, path, counts = self.stack[-1]
        counts[tag] += 1
        xpath = f"{path}/{tag}[{counts[tag]}]"
        self.drop_newline = tag in _DROP_FIRST_NEWLINE
        if tag in _VOID:
            self.elements[xpath] = (self.length, self.length)
        else:
            self.stack.append((tag, xpath, Counter()))
            self.opened[xpath] = self.length

    def close_elements(self, depth: int) -> None:
        """Close the open elements from ``depth`` up (depth 0, the root, is never closed)."""
        for _, xpath, _ in self.stack[max(depth, 1):]:
            self.elements[xpath] = (self.opened.pop(xpath), self.length)
        del self.stack[max(depth, 1):]

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag.lower() not in _VOID and len(self.stack) > 1:
            self.flush()
            self.close_elements(len(self.stack) - 1)

    def handle_endtag(self, tag):
        self.flush()
        self.drop_newline = False
        tag = tag.lower()
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth][0] == tag:
                self.close_elements(depth)
                return

    def handle_data(self, data):
        if self.drop_newline:
            self.drop_newline = False
            if data.startswith("\r\n"):
                data = data[2:]
            elif data.startswith("\n"):
                data = data[1:]
        if data:
            self.pending.append(data)


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
                raise ValueError(f"{_describe(i, checked)}: id {checked['id']!r} is also the id "
                                 f"of span {previous}")
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
        for key in ("start", "end"):
            if key not in span:
                raise ValueError(f"span {i}: missing {key!r} ({_keys(span)})")
            span[key] = _whole(span[key], f"span {i}: {key}")
        start, end = span["start"], span["end"]
        if start < 0 or start >= end:
            raise ValueError(f"{_describe(i, span)}: start must be at least 0 and less than end")
        shown = span.get("text")
        if shown is not None and not isinstance(shown, str):
            raise ValueError(f"{_describe(i, span)}: text must be a string, got {shown!r}")
        if text is None:
            return
        if end > len(text):
            raise ValueError(f"{_describe(i, span)}: end {end} is beyond the text "
                             f"({len(text)} characters){_utf16_hint(text, span)}")
        actual = text[start:end]
        if shown is None or same_text(shown, actual):
            span["text"] = actual
        else:
            raise ValueError(f"{_describe(i, span)}: the task's text at {start}:{end} is "
                             f"{actual!r}, not {shown!r}{_utf16_hint(text, span)}")

    def _check_html_offsets(self, i, span, doc):
        has_paths = all(k in span for k in ("start", "end", "startOffset", "endOffset"))
        glob = span.get("globalOffsets")
        if not has_paths and glob is None:
            raise ValueError(f"span {i}: needs start/end XPaths with startOffset/endOffset, or "
                             f"globalOffsets ({_keys(span)})")
        if has_paths:
            for key in ("start", "end"):
                if not isinstance(span[key], str):
                    raise ValueError(f"span {i}: {key} must be an XPath like "
                                     f"'/p[1]/text()[1]', got {span[key]!r}")
            for key in ("startOffset", "endOffset"):
                span[key] = _whole(span[key], f"span {i}: {key}")
                if span[key] < 0:
                    raise ValueError(f"span {i}: {key} must be at least 0")
        if glob is not None:
            if not isinstance(glob, Mapping) or "start" not in glob or "end" not in glob:
                raise ValueError(f"span {i}: globalOffsets must be {{'start': int, 'end': int}}, "
                                 f"got {glob!r}")
            glob = {"start": _whole(glob["start"], f"span {i}: globalOffsets.start"),
                    "end": _whole(glob["end"], f"span {i}: globalOffsets.end")}
            if glob["start"] < 0 or glob["start"] >= glob["end"]:
                raise ValueError(f"span {i}: globalOffsets start must be at least 0 and less "
                                 "than end")
            span["globalOffsets"] = glob
        shown = span.get("text")
        if shown is not None and not isinstance(shown, str):
            raise ValueError(f"span {i}: text must be a string, got {shown!r}")
        if doc is None:
            return
        where = f"span {i}" + (f" {shown!r}" if shown is not None else "")
        try:
            if has_paths:
                start = doc.to_global(span["start"], span["startOffset"])
                end = doc.to_global(span["end"], span["endOffset"])
                if glob is not None and (glob["start"], glob["end"]) != (start, end):
                    raise ValueError(
                        f"globalOffsets {glob['start']}:{glob['end']} disagree with the XPaths, "
                        f"which give {start}:{end}"
                    )
            else:
                start, end = glob["start"], glob["end"]
                if end > len(doc.text):
                    raise ValueError(f"globalOffsets end {end} is beyond the document's text "
                                     f"({len(doc.text)} characters)")
                span["start"], span["startOffset"] = doc.to_node(start, end=False)
                span["end"], span["endOffset"] = doc.to_node(end, end=True)
        except ValueError as exc:
            raise ValueError(f"{where}: {exc}") from None
        if start >= end:
            raise ValueError(f"{where}: the span is empty or ends before it starts")
        span["globalOffsets"] = {"start": start, "end": end}
        actual = doc.text[start:end]
        if shown is None or same_text(shown, actual, html=True):
            span["text"] = actual
        else:
            raise ValueError(f"{where}: the document's text there is {actual!r}, not {shown!r}")

    def _check_labels(self, i, span):
        key = self.label_key
        labels = span.get(key)
        if labels is None:
            raise ValueError(f"{_describe(i, span)}: missing {key!r} ({_keys(span)})")
        if isinstance(labels, str):
            labels = [labels]
        if not isinstance(labels, (list, tuple)) or not all(isinstance(x, str) for x in labels):
            raise ValueError(f"{_describe(i, span)}: {key} must be a list of labels, "
                             f"got {labels!r}")
        labels = list(labels)
        if not labels and not self.attrs["allowEmpty"]:
            raise ValueError(f"{_describe(i, span)}: has no label")
        if len(set(labels)) != len(labels):
            raise ValueError(f"{_describe(i, span)}: lists a label twice: {labels!r}")
        if len(labels) > 1 and not self.multiple:
            raise ValueError(f"{_describe(i, span)}: has {len(labels)} labels {labels!r}, but "
                             f'<{self.tag_name} name="{self.name}"> allows one (choice="single")')
        allowed = self.allowed()
        for label in labels:
            if label not in allowed:
                raise ValueError(f"{_describe(i, span)}: {label!r} is not a label of "
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


def _whole(value, what: str) -> int:
    return whole_number(value, what)


def _keys(span: Mapping) -> str:
    return "keys: " + ", ".join(map(str, span)) if span else "an empty dict"


def _describe(i: int, span: Mapping) -> str:
    ident = f" (id {span['id']!r})" if span.get("id") else ""
    where = f" [{span.get('start')}:{span.get('end')}]"
    shown = f" {span['text']!r}" if isinstance(span.get("text"), str) else ""
    return f"span {i}{ident}{where}{shown}"


def _utf16_hint(text: str, span: Mapping) -> str:
    """Explain offsets that only fit when read as JavaScript's UTF-16 units."""
    try:
        start = utf16_to_index(text, span["start"])
        end = utf16_to_index(text, span["end"])
    except (ValueError, TypeError):
        return ""
    shown = span.get("text")
    if start == span["start"] and end == span["end"]:
        return ""
    if shown is None or text[start:end] == shown:
        return (f" (these look like UTF-16 offsets as JavaScript counts them; labelwidget uses "
                f"Python string indices: {start}:{end})")
    return ""
