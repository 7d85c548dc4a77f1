"""The config's CSS (already scoped and sanitized by ``compile/styles.py``), put into the page
as a ``<style>`` element that takes no room. Mirrors ``js/style.js``."""

from __future__ import annotations

import anywidget
import ipywidgets as ipw
import traitlets as t

from ._base import bundle


class StyleWidget(anywidget.AnyWidget):
    _esm = bundle("style")
    css = t.Unicode("").tag(sync=True)

    def __init__(self, **kwargs):
        kwargs.setdefault("layout", ipw.Layout(display="none"))  # a <style> takes no room
        super().__init__(**kwargs)
