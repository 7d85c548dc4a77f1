"""Shows a task's image. Mirrors ``js/image.js``. Task data: ``{"src": url, "error": text}``."""

from __future__ import annotations

import traitlets as t

from ._base import TaskWidget, bundle


class ImageWidget(TaskWidget):
    _esm = bundle("image")
    name = t.Unicode().tag(sync=True)
