"""The registry of tag classes: XML tag name -> class, matched case-insensitively."""

from __future__ import annotations

# Tags Label Studio has and labelwidget does not build yet: a config using them gets
# "not supported yet" instead of "unknown tag", so the user knows it is not a typo.
LABEL_STUDIO_TAGS = frozenset(
    name.lower()
    for name in (
        "Audio", "AudioPlus", "Bucket", "BrushLabels", "Brush", "Channel", "Chat", "Collapse",
        "Custom", "DateTime", "Ellipse", "EllipseLabels", "Filter", "HyperText", "HyperTextLabels",
        "Image", "KeyPoint", "KeyPointLabels", "Labels", "List", "MagicWand", "Number", "OcrLabels",
        "Pairwise", "Paragraphs", "ParagraphLabels", "Pdf", "Polygon", "PolygonLabels", "Ranker",
        "Rating", "Rectangle", "RectangleLabels", "Relation", "Relations", "Repeater", "ReactCode",
        "Shortcut", "Style", "Table", "Taxonomy", "Text", "TextArea", "TimeSeries",
        "TimeSeriesLabels", "TimelineLabels", "Video", "VideoRectangle", "View", "Vector",
        "VectorLabels", "Header", "Choices", "Choice", "Label", "Markdown",
    )
)


class TagRegistry:
    """Maps XML tag names to tag classes; a registry object, not a module-level dict."""

    def __init__(self) -> None:
        self._classes: dict[str, type] = {}

    def register(self, *names: str):
        """Class decorator: ``@registry.register("Choices")``."""

        def decorate(cls):
            for name in names or (cls.__name__,):
                self._classes[name.lower()] = cls
                cls.tag_name = cls.__dict__.get("tag_name", name)
            return cls

        return decorate

    def get(self, name: str):
        return self._classes.get(name.lower())

    def known(self) -> list[str]:
        return sorted({cls.tag_name for cls in self._classes.values()})

    def is_label_studio_tag(self, name: str) -> bool:
        return name.lower() in LABEL_STUDIO_TAGS

    def __contains__(self, name: str) -> bool:
        return name.lower() in self._classes


registry = TagRegistry()
