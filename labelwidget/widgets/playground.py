"""The playground's XML editor (CodeMirror in the browser). Mirrors ``js/playground.js``.

The browser owns typing: it sends the text (``source``) about 100 ms after the last key and
draws the ``problems`` Python found at their lines. Picking a template or opening a file is a
custom message (``{"kind": "template", "name"}``, ``{"kind": "open", "path"}``) that Python turns
into a public method of the Playground.
"""

from __future__ import annotations

import anywidget
import traitlets as t

from ._base import STATIC, bundle


class EditorWidget(anywidget.AnyWidget):
    _esm = bundle("playground")
    _css = STATIC / "labelwidget.css"
    source = t.Unicode("").tag(sync=True)
    #: ``[{"line": int | None, "message": str, "severity": "error" | "warning"}]``
    problems = t.List(t.Dict()).tag(sync=True)
    templates = t.List(t.Unicode()).tag(sync=True)
    #: what the widget beside shows: ``{"kind": "ok" | "error", "text": str}``
    status = t.Dict().tag(sync=True)
    debounce = t.Int(100).tag(sync=True)  # ms after the last key before the text is sent
