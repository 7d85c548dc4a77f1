"""The value model of image region controls: how a cell of regions (boxes, polygons,
keypoints in percent of the image) is checked, completed and turned into Label Studio results
and back. config/image_regions.py builds one per control tag (see its docstring for the cell)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from numbers import Integral
from typing import Any

from ..geometry import Box, ImageSize, shape_name
from ..values import finite_number, short, whole_number
from .region_ids import derived_region_id
from .region_quick import quick_region

# Geometry keys of each shape, in the order they are written.
SHAPE_KEYS = {
    "rectangle": ("x", "y", "width", "height", "rotation"),
    "polygon": ("points",),
    "keypoint": ("x", "y", "width"),
}
# Extra keys that belong to the Label Studio result, not to its ``value``.
RESULT_KEYS = ("score", "origin", "readonly", "hidden", "item_index")
# Out-of-range slack, in percent: exports round, and Label Studio itself lets a box touch 100.
TOLERANCE = 1e-6
ROTATED_TOLERANCE = 0.5
# An image side beyond this is a corrupt size, not an image (whole-slide scans reach ~200k).
MAX_PIXELS = 10_000_000


@dataclass
class RegionModel:
    """How one control's cells look: its shapes, its label key and allowed labels."""

    control: str  # how messages name the control: <RectangleLabels name="label">
    shapes: tuple[str, ...]  # shapes a region of this cell may have
    label_key: str | None  # "rectanglelabels", "labels", or None for a plain tool
    result_type: str
    labels: list[str] | None = None  # None: any label (options not known, e.g. dynamic)
    multiple: bool = False
    max_usages: int | None = None
    label_limits: dict[str, int] = field(default_factory=dict)

    # -- checking ----------------------------------------------------------------------------
    def check(self, value: Any) -> list[dict]:
        if isinstance(value, Mapping):
            value = [value]
        if not isinstance(value, (list, tuple)):
            raise ValueError(f"expected a list of regions (dicts), got {_short(value)}")
        out: list[dict] = []
        seen: dict[str, int] = {}
        for index, region in enumerate(value, start=1):
            checked = quick_region(self, region, MAX_PIXELS)
            if checked is None:
                if not isinstance(region, Mapping):
                    raise ValueError(f"{_region_name(index, region)}: expected a dict, got "
                                     f"{_short(region)}")
                try:
                    checked = self._check_region(region)
                except ValueError as exc:
                    raise ValueError(f"{_region_name(index, region)}: {exc}") from None
            if region.get("id") in (None, ""):
                # Identical regions without ids get distinct ids, still derived from content.
                n = 1
                while checked["id"] in seen:
                    n += 1
                    checked["id"] = _region_id({**region, "#": n})
            if checked["id"] in seen:
                raise ValueError(f"{_region_name(index, region)}: id {checked['id']!r} is also "
                                 f"the id of region {seen[checked['id']]}")
            seen[checked["id"]] = index
            out.append(checked)
        self._check_usages(out)
        return out

    def _check_region(self, region: Mapping) -> dict:
        shape = shape_name(region)
        if shape is None:
            raise ValueError(
                "has no geometry: expected x, y, width, height (box), points (polygon) or "
                "x, y (keypoint)"
            )
        if shape not in self.shapes:
            allowed = " or ".join(self.shapes)
            raise ValueError(f"is a {shape}, but {self.control} holds {allowed} regions")
        size = _original_size(region)
        geometry = _CHECKERS[shape](region, size)
        labels = self._check_labels(region)
        out: dict[str, Any] = {"id": _region_id(region)}
        out.update(geometry)
        if self.label_key is not None:
            out[self.label_key] = labels
        if size is not None:
            out["original_width"], out["original_height"] = size.width, size.height
        known = {"id", "original_width", "original_height", *SHAPE_KEYS[shape]}
        if self.label_key:
            known.add(self.label_key)
        for key, extra in region.items():
            if key not in known and key not in out:
                out[key] = extra
        return out

    def _check_labels(self, region: Mapping) -> list[str] | None:
        if self.label_key is None:
            return None
        if self.label_key not in region:
            raise ValueError(f"has no {self.label_key!r} (the list of its labels)")
        labels = region[self.label_key]
        if isinstance(labels, str):
            labels = [labels]
        if not isinstance(labels, (list, tuple)) or not all(isinstance(x, str) for x in labels):
            raise ValueError(f"{self.label_key!r} must be a list of labels, got {_short(labels)}")
        labels = list(labels)
        if not labels:
            raise ValueError(f"{self.label_key!r} is empty: a region needs a label")
        if len(set(labels)) != len(labels):
            raise ValueError(f"{self.label_key!r} lists a label twice: {labels!r}")
        if not self.multiple and len(labels) > 1:
            raise ValueError(f"has {len(labels)} labels {labels!r}, but {self.control} allows "
                             'one (set choice="multiple" for several)')
        if self.labels is not None:
            unknown = [x for x in labels if x not in self.labels]
            if unknown:
                raise ValueError(
                    f"{unknown[0]!r} is not a label of {self.control} "
                    f"(labels: {', '.join(self.labels)})"
                )
        return labels

    def _check_usages(self, regions: list[dict]) -> None:
        if self.label_key is None or not (self.label_limits or self.max_usages):
            return  # no limit to count against
        counts = Counter(label for r in regions for label in r[self.label_key])
        for label, count in counts.items():
            limit = self.label_limits.get(label, self.max_usages)
            if limit and count > limit:
                raise ValueError(f"label {label!r} is used {count} times, at most {limit} allowed "
                                 "(maxUsages)")

    # -- Label Studio results ----------------------------------------------------------------
    def to_results(self, cell: Any) -> list[dict]:
        out = []
        for region in cell or []:
            value = {k: v for k, v in region.items()
                     if k not in ("id", "original_width", "original_height", *RESULT_KEYS)}
            item: dict[str, Any] = {"id": region["id"], "type": self.result_type, "value": value}
            for key in ("original_width", "original_height", *RESULT_KEYS):
                if key in region:
                    item[key] = region[key]
            out.append(item)
        return out

    def from_results(self, items: list[dict]) -> list[dict]:
        regions = []
        for item in items:
            region: dict[str, Any] = {"id": item.get("id")} if item.get("id") else {}
            region.update(item.get("value") or {})
            for key in ("original_width", "original_height", *RESULT_KEYS):
                if item.get(key) is not None:
                    region[key] = item[key]
            regions.append(region)
        return self.check(regions)


def _number(region: Mapping, key: str, default: float | None = None) -> float:
    if key not in region or region[key] is None:
        if default is not None:
            return default
        raise ValueError(f"has no {key!r}")
    return finite_number(region[key], key)


def _in_range(key: str, value: float) -> None:
    if not -TOLERANCE <= value <= 100 + TOLERANCE:
        raise ValueError(f"{key}={value:g} is outside 0..100 (percent of the image)")


def _check_box(region: Mapping, size: ImageSize | None) -> dict:
    box = Box(*(_number(region, k) for k in ("x", "y", "width", "height")),
              _number(region, "rotation", 0.0) % 360.0)
    box = box.normalized()
    if box.rotation and (box.width < 0 or box.height < 0):
        raise ValueError(f"a rotated box needs a positive width and height, got "
                         f"width={box.width:g}, height={box.height:g}")
    _in_range("x", box.x)
    _in_range("y", box.y)
    if box.width > 100 + TOLERANCE or box.height > 100 + TOLERANCE:
        raise ValueError(f"width={box.width:g}, height={box.height:g}: more than the image")
    if not box.rotation:
        if box.x + box.width > 100 + TOLERANCE:
            raise ValueError(f"x + width = {box.x + box.width:g} is past the right edge (100)")
        if box.y + box.height > 100 + TOLERANCE:
            raise ValueError(f"y + height = {box.y + box.height:g} is past the bottom edge (100)")
    elif size is not None and not box.inside(size, ROTATED_TOLERANCE):
        raise ValueError(f"the box rotated by {box.rotation:g} degrees leaves the image")
    return {"x": box.x, "y": box.y, "width": box.width, "height": box.height,
            "rotation": _whole(box.rotation)}


def _check_polygon(region: Mapping, size: ImageSize | None) -> dict:
    points = region["points"]
    if not isinstance(points, (list, tuple)):
        raise ValueError(f"points must be a list of [x, y] pairs, got {_short(points)}")
    out = []
    for i, point in enumerate(points, start=1):
        if not isinstance(point, (list, tuple)) or len(point) != 2:
            raise ValueError(f"point {i} must be [x, y] numbers, got {_short(point)}")
        x, y = (finite_number(c, f"point {i} {axis}") for c, axis in zip(point, "xy", strict=True))
        if not (-TOLERANCE <= x <= 100 + TOLERANCE and -TOLERANCE <= y <= 100 + TOLERANCE):
            raise ValueError(f"point {i} [{x:g}, {y:g}] is outside 0..100 (percent of the image)")
        out.append([x, y])
    if len(out) < 3:
        raise ValueError(f"a polygon needs at least 3 points, got {len(out)}")
    return {"points": out}


def _check_keypoint(region: Mapping, size: ImageSize | None) -> dict:
    x, y = _number(region, "x"), _number(region, "y")
    _in_range("x", x)
    _in_range("y", y)
    out = {"x": x, "y": y}
    if region.get("width") is not None:
        width = _number(region, "width")
        if width < 0:
            raise ValueError(f"width={width:g} (the point's size) must not be negative")
        out["width"] = width
    return out


_CHECKERS = {"rectangle": _check_box, "polygon": _check_polygon, "keypoint": _check_keypoint}


def _whole(value: float) -> float | int:
    return int(value) if float(value).is_integer() else value


def _original_size(region: Mapping) -> ImageSize | None:
    w, h = region.get("original_width"), region.get("original_height")
    if w is None and h is None:
        return None
    for key, v in (("original_width", w), ("original_height", h)):
        try:
            pixels = whole_number(v, key)
        except ValueError:
            pixels = 0
        if not 0 < pixels <= MAX_PIXELS:
            raise ValueError(f"{key}={_short(v)} must be a positive whole number of pixels "
                             f"(at most {MAX_PIXELS:,})")
    return ImageSize(int(w), int(h))


def _region_id(region: Mapping) -> str:
    """The region's id; one derived from its content when it has none, so it is stable."""
    rid = region.get("id")
    if isinstance(rid, Integral) and not isinstance(rid, bool):
        return str(rid)
    if isinstance(rid, str) and rid:
        return rid
    if rid is not None:
        raise ValueError(f"id={_short(rid)} must be text or a whole number")
    return derived_region_id(region)


def _region_name(index: int, region: Any) -> str:
    rid = region.get("id") if isinstance(region, Mapping) else None
    return f"region {index} (id {rid!r})" if rid else f"region {index}"


def _short(value: Any) -> str:
    return short(value)


def with_image_size(cell: Any, width: int, height: int) -> Any:
    """The regions of an image region cell, each given the image's size where it has none:
    Label Studio records ``original_width``/``original_height`` on every image region, and
    COCO, VOC and rotated YOLO boxes need them (a size given with a region is kept)."""
    if not isinstance(cell, list):
        return cell
    return [{**region, "original_width": width, "original_height": height}
            if isinstance(region, dict) and region.get("original_width") is None
            and region.get("original_height") is None else region
            for region in cell]
