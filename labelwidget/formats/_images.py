"""What COCO, YOLO and VOC share: the image regions of a task, categories, box geometry."""

from __future__ import annotations

import contextlib
import math
import os
from dataclasses import dataclass
from typing import Any

from ..config import LabelConfig
from ..geometry import oriented_size, shape_name
from ._records import Record
from .label_studio import region_items

# Region kinds the box formats write, keyed by the label key of the Label Studio value.
RECTANGLE, POLYGON, KEYPOINT = "rectanglelabels", "polygonlabels", "keypointlabels"


class FormatError(ValueError):
    """The config or the tasks cannot be written in the asked format (says why)."""


class ExportWarning(UserWarning):
    """An export left tasks out (the message lists them and says why)."""


def unsized_message(fmt: str, tasks: list, listed: int = 20,
                    regions: dict | None = None) -> str:
    """What a box format left out for want of an image size; ``regions``: task -> the ids of
    its regions without one (named, so the user knows which cells to fix)."""
    shown = ", ".join(map(repr, tasks[:listed])) + (" ..." if len(tasks) > listed else "")
    which = ""
    if regions:
        which = "; regions without a size: " + "; ".join(
            f"task {task!r}: {', '.join(map(repr, regions.get(task) or []))}"
            for task in tasks[:listed] if regions.get(task))
    return (f"{fmt} export left out {len(tasks)} task(s) whose image size is unknown: "
            f"{shown} (their regions have no original_width/original_height and the image is "
            f"not a readable local file; Label Studio's converter leaves them out too{which}). "
            "Give each region its image's size in pixels, e.g. "
            '{"x": 10, "y": 20, "width": 30, "height": 40, "rectanglelabels": ["Car"], '
            '"original_width": 640, "original_height": 480} in the cell or in Annotator.set(); '
            "an Annotator fills them itself when it can read the image (a path, bytes, an "
            "array or a PIL image)")


def unsized_regions(regions: list) -> list:
    """The ids of the regions that carry no image size."""
    return [r.id for r in regions if not (r.width and r.height)]


def image_controls(config: LabelConfig, fmt: str) -> tuple[list, str]:
    """The region controls on one <Image> and that image's data column, or FormatError."""
    controls = []
    objects: dict[str, Any] = {}
    for control in config.controls.values():
        if control.scope != "region" or not control.to_name:
            continue
        target = config.objects.get(control.to_name[0])
        if target is None or target.tag_name != "Image":
            continue
        controls.append(control)
        objects[target.name] = target
    if not controls:
        listed = ", ".join(f"<{c.tag_name} name={c.name!r}>" for c in config.controls.values())
        raise FormatError(f"{fmt} export needs RectangleLabels or PolygonLabels on an <Image>; "
                          f"this config has controls: {listed or 'none'}")
    if len(objects) > 1:
        raise FormatError(
            f"{fmt} export writes one image per task; this config labels several images: "
            + ", ".join(objects)
        )
    image = next(iter(objects.values()))
    if image.column is None:
        raise FormatError(f'{fmt} export needs <Image name="{image.name}"> to read its '
                          'value from a $column')
    return controls, image.column


def categories(controls) -> list[dict]:
    """Categories of the box formats: the labels of the image region controls (alias when
    set), in id order. A label's ``category="N"`` attribute fixes its id; the others get the
    free ids from 0 in label-name order (Label Studio's converter rule)."""
    fixed: dict[str, int] = {}
    names: dict[str, None] = {}
    for control in controls:
        if control.tag_name == "KeyPointLabels":
            continue
        for option in control.options():
            names.setdefault(option.stored)
            raw = option.attrs.get("category", option.raw_attrs.get("category"))
            if raw is not None and option.stored not in fixed:
                with contextlib.suppress(TypeError, ValueError):
                    fixed[option.stored] = int(raw)
    out = [{"id": i, "name": n} for n, i in fixed.items()]
    used = set(fixed.values())
    free = (i for i in range(len(names) + len(used) + 1) if i not in used)
    for name in sorted(n for n in names if n not in fixed):
        out.append({"id": next(free), "name": name})
    return out


@dataclass
class Region:
    kind: str  # RECTANGLE | POLYGON | KEYPOINT
    labels: list[str]
    value: dict  # the Label Studio value (percent coordinates)
    width: float | None  # original image size in pixels, when known
    height: float | None
    id: Any = None  # the region's id (named when its size is missing)


LABEL_KEYS = (RECTANGLE, POLYGON, KEYPOINT, "labels")


_RESULT_TYPES = {"rectangle": RECTANGLE, "polygon": POLYGON, "keypoint": KEYPOINT}


def _shape(value: dict) -> str | None:
    return _RESULT_TYPES.get(shape_name(value))


def regions_of(controls, record: Record) -> list[Region]:
    """The task's image regions, control by control, in cell order (the shape is read from
    the geometry keys, the labels from the first label key present)."""
    out = []
    for control in controls:
        cell = record.cells.get(control.name)
        if not cell:
            continue
        for item in region_items(control, cell):
            value = item["value"]
            kind = _shape(value)
            if kind is None:
                continue
            labels = next((value[k] for k in LABEL_KEYS if value.get(k)), [])
            out.append(Region(kind, list(labels), value, item.get("original_width"),
                              item.get("original_height"), item.get("id")))
    return out


def local_image(path: Any) -> str | None:
    """``path`` when it names a local image file (not a URL), else None."""
    if not isinstance(path, str) or "://" in path or path.startswith("/data/"):
        return None
    return path if os.path.isfile(path) else None


def image_info(path: Any) -> tuple[int | None, int | None, int | None]:
    """(width, height, bands) of a local image file, read from its header; Nones otherwise."""
    local = local_image(path)
    if local is None:
        return None, None, None
    try:
        from PIL import Image

        with Image.open(local) as img:
            width, height = oriented_size(img)
            return width, height, len(img.getbands())
    except Exception:  # an unreadable file is reported as having no size, like a URL
        return None, None, None


def image_size(path: Any, regions: list[Region]) -> tuple[Any, Any]:
    """Image size: the original size stored with the regions, else the local file's."""
    for region in regions:
        if region.width and region.height:
            return region.width, region.height
    width, height, _ = image_info(path)
    return width, height


def box_pixels(value: dict, width: float, height: float) -> tuple[float, float, float, float]:
    """Axis-aligned (x, y, w, h) in pixels of a Label Studio rectangle (percent of the image,
    rotated by ``rotation`` degrees clockwise about its top-left corner). Rotation is applied
    in pixels; an unrotated box is converted exactly as Label Studio's converter does."""
    x = value["x"] * width / 100
    y = value["y"] * height / 100
    w = value["width"] * width / 100
    h = value["height"] * height / 100
    angle = value.get("rotation") or 0
    if not angle:
        return x, y, w, h
    cos, sin = math.cos(math.radians(angle)), math.sin(math.radians(angle))
    xs = [x + dx * cos - dy * sin for dx, dy in ((0, 0), (w, 0), (w, h), (0, h))]
    ys = [y + dx * sin + dy * cos for dx, dy in ((0, 0), (w, 0), (w, h), (0, h))]
    left, top = min(xs), min(ys)
    return left, top, max(xs) - left, max(ys) - top


def box_percent(value: dict, width, height) -> tuple[float, float, float, float]:
    """(x, y, w, h) in percent of the image, rotation resolved to the enclosing box (needs the
    image size for a rotated box; an unrotated one is returned as stored)."""
    angle = value.get("rotation") or 0
    if not angle or not width or not height:
        return value["x"], value["y"], value["width"], value["height"]
    x, y, w, h = box_pixels(value, width, height)
    return x / width * 100, y / height * 100, w / width * 100, h / height * 100
