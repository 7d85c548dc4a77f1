"""The playground's XML editor (CodeMirror in the browser). Mirrors ``js/playground.js``.

The browser owns typing: it sends the text (``source``) about 100 ms after the last key and
draws the ``problems`` Python found at their lines. Picking a template or opening a file is a
custom message (``TemplateMsg``, ``OpenMsg``) that Python turns into a public method of the
Playground.
"""

from __future__ import annotations

import anywidget
import traitlets as t

from ._base import STATIC, bundle
from ._contract import spec, specs
from ._messages import OpenMsg, TemplateMsg
from ._specs import EditorStatus, Problem


class EditorWidget(anywidget.AnyWidget):
    _esm = bundle("playground")
    _css = STATIC / "labelwidget.css"
    source = t.Unicode("").tag(sync=True)
    problems = specs(Problem)
    templates = t.List(t.Unicode()).tag(sync=True)
    #: what the widget beside shows
    status = spec(EditorStatus)
    debounce = t.Int(100).tag(sync=True)  # ms after the last key before the text is sent

    #: Messages the browser sends (Python sends none).
    from_browser = (TemplateMsg, OpenMsg)
    to_browser = ()
