"""Span labeling on Text, HyperText and Paragraphs (NER, dialogues). Mirrors
``js/text_spans.js``.

One widget shows an object tag and every span control (Labels, HyperTextLabels,
ParagraphLabels) on it; its ``value`` is ``{control name: [span, ...]}`` in the cell format of
DESIGN.md section 2. The browser owns the gesture (select, label, click, delete) and sends the
finished spans.

``kind``: ``"text"`` (task data ``{"text": ...}``, shown as text, whitespace kept) or ``"html"``
(task data ``{"html": ...}``, HTML already sanitized) or ``"paragraphs"`` (a dialogue: task data
``{"turns": [{"name", "text"}], "layout", "error"?}``; spans in turn index + offsets).
``groups``: one per span control (``SpanGroup`` in ``_specs.py``; ``label_key`` is
``labels``, ``hypertextlabels`` or ``paragraphlabels``).
"""

from __future__ import annotations

import traitlets as t

from ._base import TaskWidget, bundle
from ._contract import specs
from ._specs import SpanGroup


class TextSpansWidget(TaskWidget):
    _esm = bundle("text_spans")
    name = t.Unicode().tag(sync=True)
    kind = t.Enum(["text", "html", "paragraphs"], "text").tag(sync=True)
    granularity = t.Enum(["symbol", "word", "paragraph"], "symbol").tag(sync=True)
    groups = specs(SpanGroup)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.controls = tuple(g["name"] for g in self.groups)
