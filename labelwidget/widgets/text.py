"""Shows task text: plain Text, sanitized HyperText, or a Header with ``$column``s.
Mirrors ``js/text.js``. Task data: ``{"text": ...}`` (kind text/header), ``{"paragraphs": [...]}``
(a Text cell holding a list), ``{"html": ...}`` or, for a dialogue (kind paragraphs),
``{"turns": [{"name", "text"}], "layout", "error"?}``."""

from __future__ import annotations

import traitlets as t

from ._base import TaskWidget, bundle


class TextWidget(TaskWidget):
    _esm = bundle("text")
    name = t.Unicode().tag(sync=True)
    kind = t.Enum(["text", "html", "header", "paragraphs"], "text").tag(sync=True)
