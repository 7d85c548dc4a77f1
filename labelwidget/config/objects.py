"""Layout and object tags: View, Header, Style, Text, HyperText, Image."""

from __future__ import annotations

import re

from .attributes import COLUMN_IN_TEXT_RE, Attr
from .conditions import CONDITION_ATTRS, check_conditions
from .item_lists import bind_image_list
from .registry import registry
from .tags import ObjectTag, Tag, ViewTag

_FLEX_ROW = re.compile(r"display\s*:\s*(inline-)?flex", re.I)
_FLEX_COLUMN = re.compile(r"flex-direction\s*:\s*column", re.I)


@registry.register("View")
class View(ViewTag):
    attributes = (Attr("style"), Attr("className"), Attr("name"), *CONDITION_ATTRS)

    def check(self, config, issues):
        check_conditions(self, config, issues)

    @property
    def direction(self) -> str:
        """'row' when the View's inline style lays children out side by side, else 'column'."""
        style = self.attrs.get("style") or ""
        if _FLEX_ROW.search(style) and not _FLEX_COLUMN.search(style):
            return "row"
        return "column"


@registry.register("Header")
class Header(Tag):
    """A heading; its text is ``value`` or the element's text, and may contain ``$column``."""

    keeps_text = True
    attributes = (Attr("value"), Attr("name"))

    @property
    def content(self) -> str:
        value = self.attrs.get("value")
        return value if value is not None else self.text.strip()

    @property
    def columns(self) -> list[str]:
        return COLUMN_IN_TEXT_RE.findall(self.content)


@registry.register("Style")
class Style(Tag):
    """CSS of the labeling interface: applied inside the widget only (compile/styles.py)."""

    keeps_text = True


# Label Studio's; labelwidget selects by symbol or word.
GRANULARITIES = ("symbol", "word", "sentence", "paragraph")


class TextObject(ObjectTag):
    """Text and HyperText: what both read of Label Studio's attributes."""

    attributes = (Attr("valueType", "enum", "text", choices=("text", "url")),
                  Attr("saveTextResult", "enum", "yes", choices=("yes", "no", "none")))

    def check(self, config, issues):
        super().check(config, issues)
        if self.attrs.get("valueType") == "url":
            issues.add(self, f"not supported yet: attribute {self.quote('valuetype')}")
        if self.attrs.get("granularity") in ("sentence", "paragraph"):
            issues.add(self, f"not supported yet: attribute {self.quote('granularity')}")
        if self.attrs.get("saveTextResult") != "yes":
            issues.note(self, "span cells and exports always carry the span's text",
                        self.spelling("savetextresult"))


@registry.register("Text")
class Text(TextObject):
    attributes = (Attr("granularity", "enum", "symbol", choices=GRANULARITIES),)


@registry.register("HyperText")
class HyperText(TextObject):
    attributes = (Attr("granularity", "enum", "symbol", choices=GRANULARITIES),)


@registry.register("Image")
class Image(ObjectTag):
    # The image editor always zooms (Ctrl+wheel) and has its zoom buttons.
    attributes = (Attr("zoom", "bool", True), Attr("zoomControl", "bool", True),
                  Attr("valueList", "source"))
    #: valueList: the list of images it pages through (config/item_lists.py).
    item_list = None

    def check(self, config, issues):
        super().check(config, issues)
        bind_image_list(self, config, issues)
