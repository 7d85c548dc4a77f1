"""Region control tags on Image: RectangleLabels/Rectangle, PolygonLabels/Polygon,
KeyPointLabels/KeyPoint (DESIGN.md section 2); the value model they share is
config/region_model.py.

A cell is a list of Label Studio region ``value`` payloads, coordinates in percent (0-100) of
the original image, each with a stable ``id`` and, when known, ``original_width`` and
``original_height``::

    [{"id": "a1b2c3d4e5", "x": 5.0, "y": 12.8, "width": 32.5, "height": 44.9, "rotation": 0,
      "rectanglelabels": ["Car"], "original_width": 600, "original_height": 403}]

A ``*Labels`` tag stores its labels under its own key (``rectanglelabels``, ...). A plain tool
(``Rectangle``) stores geometry only; paired with a generic ``<Labels>`` on the same Image, the
Labels column holds the same regions (same ``id``) with their geometry and ``labels``, as Label
Studio's split format does. :func:`image_labels_model` gives that Labels tag its value model.

``rotation`` of a box is kept as given (pre-filled or imported boxes); labelwidget does not
offer a rotation handle, whatever ``canRotate`` says.
"""

from __future__ import annotations

from typing import ClassVar

from .attributes import COLUMN_RE, Attr
from .column_options import column_options
from .region_model import RegionModel
from .registry import registry
from .tags import ControlTag

# -- the tags -----------------------------------------------------------------------------------


class RegionControl(ControlTag):
    """A control that draws regions of one shape on an Image."""

    shape: ClassVar[str] = "rectangle"
    label_key: ClassVar[str | None] = None
    labels_objects = ("Image",)
    scope = "region"
    attributes = (
        Attr("snap", "enum", "none", choices=("pixel", "none")),
        Attr("value"),
    )

    @property
    def dynamic_column(self) -> str | None:
        """Column holding per-task labels, from ``value="$column"``."""
        value = self.attrs.get("value")
        return value[1:] if value and COLUMN_RE.match(value) else None

    def check(self, config, issues):
        super().check(config, issues)
        value = self.attrs.get("value")
        if value is not None and not self.dynamic_column:
            issues.add(self, f'value="{value}" must name a data column as $column')
        if value is not None and self.label_key is None:
            issues.add(self, f'<{self.tag_name}> has no labels, so value="{value}" means nothing')

    def allowed(self, dynamic: list[str] | None = None) -> list[str]:
        return [*self.stored_options(), *(dynamic or ())]

    def dynamic_labels(self, row) -> list[str] | None:
        """Per-task labels from the ``$column`` cell of ``row`` (None when not known)."""
        return column_options(row, self.dynamic_column)

    def model(self, row=None) -> RegionModel:
        if not self.dynamic_column:
            return _kept_model(self, self._build_model)
        return self._build_model(row)

    def _build_model(self, row=None) -> RegionModel:
        labels = None
        if self.label_key is not None:
            dynamic = self.dynamic_labels(row)
            labels = None if self.dynamic_column and dynamic is None else self.allowed(dynamic)
        return RegionModel(
            control=_who(self),
            shapes=(self.shape,),
            label_key=self.label_key,
            result_type=self.result_type,
            labels=labels,
            multiple=self.attrs.get("choice") == "multiple",
            max_usages=self.attrs.get("maxUsages"),
            label_limits=_label_limits(self),
        )

    # -- value model ----------------------------------------------------------------------------
    def empty(self):
        return None

    def empty_answer(self):
        return []

    def check_value(self, value, row=None):
        return self.model(row).check(value)

    def to_results(self, cell) -> list[dict]:
        """Label Studio results ``{"id", "type", "value", "original_width", ...}`` of a cell."""
        return self.model().to_results(cell)

    def from_results(self, items: list[dict]) -> list[dict]:
        """A cell from this control's Label Studio results (their ``value`` and ``id``)."""
        return self.model().from_results(items)

    def to_result(self, value):
        """The Label Studio ``value`` payload of one region."""
        return self.model().to_results([value])[0]["value"]

    def from_result(self, payload):
        """One region from a Label Studio ``value`` payload."""
        return self.model().check([payload])[0]


def _who(tag: ControlTag) -> str:
    return f'<{tag.tag_name} name="{tag.name}">' if tag.name else f"<{tag.tag_name}>"


def _label_limits(tag: ControlTag) -> dict[str, int]:
    limits = {}
    for option in tag.options():
        limit = option.attrs.get("maxUsages")
        if limit:
            limits[option.stored] = limit
    return limits


class LabeledRegionControl(RegionControl):
    """A region control with its own labels (``<Label>`` children)."""

    attributes = (
        Attr("choice", "enum", "single", choices=("single", "multiple")),
        Attr("maxUsages", "int"),
        Attr("showInline", "bool", True, aliases=("showInLine",)),
        Attr("canRotate", "bool", True),
    )
    allowed_children = ("Label", "View", "Header")

    def check(self, config, issues):
        super().check(config, issues)
        max_usages = self.attrs.get("maxUsages")
        if max_usages is not None and max_usages < 1:
            issues.add(self, f'maxUsages="{max_usages}" must be at least 1')
        if not self.options() and not self.dynamic_column:
            issues.add(self, 'has no <Label> options (add <Label value="..."/> or value="$column")')


@registry.register("RectangleLabels")
class RectangleLabels(LabeledRegionControl):
    shape = "rectangle"
    label_key = result_type = "rectanglelabels"


@registry.register("Rectangle")
class Rectangle(RegionControl):
    shape = "rectangle"
    result_type = "rectangle"
    attributes = (Attr("canRotate", "bool", True),)


@registry.register("PolygonLabels")
class PolygonLabels(LabeledRegionControl):
    shape = "polygon"
    label_key = result_type = "polygonlabels"


@registry.register("Polygon")
class Polygon(RegionControl):
    shape = "polygon"
    result_type = "polygon"


@registry.register("KeyPointLabels")
class KeyPointLabels(LabeledRegionControl):
    shape = "keypoint"
    label_key = result_type = "keypointlabels"


@registry.register("KeyPoint")
class KeyPoint(RegionControl):
    shape = "keypoint"
    result_type = "keypoint"


REGION_TAGS = (RectangleLabels, Rectangle, PolygonLabels, Polygon, KeyPointLabels, KeyPoint)
TOOL_TAGS = (Rectangle, Polygon, KeyPoint)


# -- a generic <Labels> on an Image -------------------------------------------------------------


def image_labels_model(tag: ControlTag, row=None) -> RegionModel:
    """The value model of a ``<Labels>`` tag whose target is an Image (Label Studio's split
    format: the region's geometry, any shape, plus ``labels``; same ``id`` as the region in the
    tool's column). The span tags' ``Labels`` delegates here when it labels an Image::

        def check_value(self, value, row=None):
            if self.on_image:
                return image_labels_model(self, row).check(value)
    """
    dynamic = getattr(tag, "dynamic_column", None)
    if not dynamic:
        return _kept_model(tag, lambda: _build_labels_model(tag))
    return _build_labels_model(tag, row)


def _kept_model(tag: ControlTag, build) -> RegionModel:
    """A control's value model, built once (every cell of an export is checked with it): the
    model depends only on the tag's attributes and options unless labels come from a column."""
    options = tag.stored_options()
    kept = tag.__dict__.get("_region_model")
    if kept is None or kept[0] is not options:
        kept = (options, build())
        tag._region_model = kept
    return kept[1]


def _build_labels_model(tag: ControlTag, row=None) -> RegionModel:
    dynamic = getattr(tag, "dynamic_column", None)
    labels = [o.stored for o in tag.options()]
    if dynamic:
        from_cell = column_options(row, dynamic)
        labels = None if from_cell is None else labels + from_cell
    return RegionModel(
        control=_who(tag),
        shapes=("rectangle", "polygon", "keypoint"),
        label_key="labels",
        result_type="labels",
        labels=labels,
        multiple=tag.attrs.get("choice") == "multiple",
        max_usages=tag.attrs.get("maxUsages"),
        label_limits=_label_limits(tag),
    )
