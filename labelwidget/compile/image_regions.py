"""Region controls on an Image -> one ImageRegionsWidget per Image.

Every region control that targets the Image (RectangleLabels, Rectangle, PolygonLabels,
Polygon, KeyPointLabels, KeyPoint, and a generic ``<Labels>`` paired with those tools) is drawn
by the same widget, whose value is ``{control name: [regions]}``.
"""

from __future__ import annotations

from ..config.image_regions import REGION_TAGS, TOOL_TAGS, LabeledRegionControl, RegionControl
from ..config.objects import Image
from ..images import ImageStore
from ..widgets import ImageRegionsWidget
from ..widgets._specs import OptionSpec, RegionControlSpec
from ..widgets._task_payloads import ImageData
from .base import Part, builders
from .objects import _source, region_builders
from .options import option_spec

TOOL_NAMES = ", ".join(f"<{t.tag_name}>" for t in TOOL_TAGS)


def label_specs(tag) -> list[OptionSpec]:
    return [
        OptionSpec(
            **option_spec(o),
            max_usages=o.attrs.get("maxUsages") or None,
            selected=bool(o.attrs.get("selected")),
        )
        for o in tag.options()
    ]


def control_spec(tag) -> RegionControlSpec:
    """What the browser needs to know of one region control."""
    if isinstance(tag, REGION_TAGS):
        kind = "labels" if isinstance(tag, LabeledRegionControl) else "tool"
        shape, label_key = tag.shape, tag.label_key
    else:  # a generic <Labels>: labels for the regions the tools draw
        kind, shape, label_key = "generic", None, "labels"
    raw = tag.raw_attrs
    return RegionControlSpec(
        name=tag.name,
        tag=tag.tag_name,
        kind=kind,
        shape=shape,
        label_key=label_key,
        options=label_specs(tag),
        choice=tag.attrs.get("choice") or "single",
        max_usages=tag.attrs.get("maxUsages") or None,
        snap=tag.attrs.get("snap") or "none",
        color=raw.get("strokecolor") or raw.get("fillcolor") or "",
        required=bool(tag.attrs.get("required")),
        required_message=tag.attrs.get("requiredMessage") or "",
        dynamic=bool(getattr(tag, "dynamic_column", None)),
    )


def _image_cell(tag: Image, row):
    """The image cell of a task as stored: a numpy array or PIL image must not be converted to
    plain lists (slow, and it loses the object the image cache knows), so a row that offers
    ``raw(column)`` is read through it."""
    if tag.column is None:
        return tag.literal
    raw = getattr(row, "raw", None)
    return raw(tag.column) if callable(raw) else _source(tag, row)


def build_image_regions(tag: Image, controls, ctx, images: ImageStore | None = None):
    """The editor of ``tag`` for its region ``controls``; with no controls, a display-only
    view of the image (zoom and pan, binary transport and prefetch, nothing to draw)."""
    usable = []
    for control in controls:
        if isinstance(control, REGION_TAGS) or control.tag_name == "Labels":
            usable.append(control)
        else:
            ctx.refuse(control, f"not supported yet: <{control.tag_name}> regions on <Image>")
    if controls and not usable:
        return None  # every control was refused: the config error says why
    tools = [c for c in usable if isinstance(c, TOOL_TAGS)]
    for control in usable:
        if control.tag_name == "Labels" and not tools:
            ctx.refuse(control, f'labels regions on <Image name="{tag.name}"> but nothing draws '
                                f"them: add a tool ({TOOL_NAMES}) with the same toName, or use "
                                "<RectangleLabels>/<PolygonLabels>/<KeyPointLabels>")
    widget = ImageRegionsWidget(name=tag.name, region_controls=[control_spec(c) for c in usable],
                                images=images or ImageStore())
    dynamic = [c for c in usable if getattr(c, "dynamic_column", None)]

    def data(row) -> ImageData:
        out = widget.describe(_image_cell(tag, row))
        if dynamic:
            options = {}
            for c in dynamic:
                if hasattr(c, "dynamic_labels"):
                    options[c.name] = c.dynamic_labels(row) or []
                elif hasattr(c, "dynamic_options"):
                    options[c.name] = c.dynamic_options(row) or []
            out["options"] = options
        return out

    def problem(row) -> str | None:
        return widget.describe(_image_cell(tag, row)).get("error")

    return Part(widget, controls=tuple(usable), data=data, problem=problem)


region_builders[Image] = build_image_regions


@builders.register(RegionControl)
def build_region_control(tag: RegionControl, ctx):
    """No widget of its own: its labels and tool show in the editor of the Image it targets."""
    return None
