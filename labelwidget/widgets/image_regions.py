"""Boxes, polygons and keypoints drawn on a task's image. Mirrors ``js/image_regions.js``.

One widget per Image handles every region control that targets it; ``value`` is
``{control name: [regions]}`` (Label Studio value payloads, see ``config/image_regions.py``).
The browser owns every gesture (draw, select, move, resize, delete, relabel, zoom, pan) and
sends the finished regions as ``value``.

Task data: ``{"image": {"key", "width", "height"}}`` (the bytes follow in an ``image`` message
when the browser asks for the key), ``{"url": ...}`` (the browser loads it) or
``{"error": ...}``; plus ``{"options": {control: [values]}}`` for options read from a column
(``ImageData``). ``region_controls`` describes the controls (``RegionControlSpec``).
"""

from __future__ import annotations

from typing import Any

import traitlets as t

from ._base import TaskWidget, bundle
from ._contract import message, specs
from ._messages import ImageMsg, ImagesMsg
from ._specs import RegionControlSpec


class ImageRegionsWidget(TaskWidget):
    _esm = bundle("image_regions")
    name = t.Unicode().tag(sync=True)
    region_controls = specs(RegionControlSpec)
    # Tallest the drawing area grows (CSS pixels) before the image is scaled down to fit.
    max_height = t.Int(620).tag(sync=True)

    def __init__(self, images=None, **kwargs):
        """``images``: resolves cells to image keys and keys to bytes (``describe(cell)``,
        ``get(key)``); by default a fresh ``labelwidget.images.ImageStore``."""
        super().__init__(**kwargs)
        if images is None:
            from ..images import ImageStore

            images = ImageStore()
        self.images = images
        self.controls = tuple(c["name"] for c in self.region_controls)
        self.on_msg(self._on_custom)

    def describe(self, value: Any) -> dict:
        """The task data naming the image of a cell (see the module docstring)."""
        return self.images.describe(value)

    #: Messages the browser sends, and those this widget answers with.
    from_browser = (ImagesMsg,)
    to_browser = (ImageMsg,)

    def _on_custom(self, _widget, content, _buffers) -> None:
        asked: ImagesMsg | None = message(content, ImagesMsg)
        for key in asked["keys"] if asked else []:
            self.send_image(str(key))

    def send_image(self, key: str) -> None:
        """Send the bytes of an image named in a task payload, or why it cannot be shown."""
        try:
            loaded = self.images.get(key)
        except KeyError:
            self.send(ImageMsg(type="image", key=key, error="this image is no longer known to "
                               "the kernel; show the task again"))
            return
        except ValueError as exc:  # ImageProblem: unreadable since it was described
            self.send(ImageMsg(type="image", key=key, error=str(exc)))
            return
        self.send(ImageMsg(type="image", key=key, mime=loaded.mime, width=loaded.width,
                           height=loaded.height), buffers=[loaded.data])
