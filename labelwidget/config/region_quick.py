"""The quick check of an image region (box or polygon) already in its stored shape, the
common case of an export or a reload: what :meth:`RegionModel._check_region` gives for it,
without the conversions and messages the careful check needs for anything else. It answers
None for every other region, which then takes the careful path (issue 15 item 7).
tests/test_region_quick.py checks that the two agree."""

from __future__ import annotations

from typing import Any

# The keys of a stored region that are not extras (besides its label key).
_BOX_KEYS = frozenset(("id", "original_width", "original_height", "x", "y", "width", "height",
                       "rotation"))
_POLYGON_KEYS = frozenset(("id", "original_width", "original_height", "points"))


def _number(value: Any) -> bool:
    kind = type(value)
    return kind is float or kind is int  # not a bool, not a numpy scalar


def _box(region: dict) -> dict | None:
    """An unrotated box inside the image (a NaN or an infinity fails a comparison)."""
    x, y, w, h = region.get("x"), region.get("y"), region.get("width"), region.get("height")
    if not (_number(x) and _number(y) and _number(w) and _number(h)):
        return None
    if not (0 <= x <= 100 and 0 <= y <= 100 and 0 <= w <= 100 and 0 <= h <= 100
            and x + w <= 100 and y + h <= 100):
        return None
    rotation = region.get("rotation")
    if rotation is not None and (not _number(rotation) or rotation != 0):
        return None
    return {"x": float(x), "y": float(y), "width": float(w), "height": float(h), "rotation": 0}


def _polygon(region: dict) -> dict | None:
    points = region.get("points")
    if type(points) is not list or len(points) < 3:
        return None
    out = []
    for point in points:
        if type(point) is not list or len(point) != 2:
            return None
        x, y = point
        if not (_number(x) and _number(y) and 0 <= x <= 100 and 0 <= y <= 100):
            return None
        out.append([float(x), float(y)])
    return {"points": out}


def quick_region(model, region: Any, max_pixels: int) -> dict | None:
    """The checked region, or None when it needs the careful check."""
    if type(region) is not dict:
        return None
    rid = region.get("id")
    if type(rid) is not str or not rid:
        return None
    if "points" in region:
        geometry, known = (_polygon(region), _POLYGON_KEYS) if "polygon" in model.shapes \
            else (None, None)
    elif "height" in region and "rectangle" in model.shapes:
        geometry, known = _box(region), _BOX_KEYS
    else:
        return None
    if geometry is None:
        return None
    width, height = region.get("original_width"), region.get("original_height")
    if (width is not None or height is not None) and (
            type(width) is not int or type(height) is not int
            or not (0 < width <= max_pixels and 0 < height <= max_pixels)):
        return None
    key = model.label_key
    out = {"id": rid, **geometry}
    if key is not None:
        labels = region.get(key)
        if type(labels) is not list or not labels:
            return None
        if len(labels) > 1 and (not model.multiple or len(set(labels)) != len(labels)):
            return None
        allowed = model.labels
        for label in labels:
            if type(label) is not str or (allowed is not None and label not in allowed):
                return None
        out[key] = list(labels)
    if width is not None:
        out["original_width"], out["original_height"] = width, height
    for extra, value in region.items():
        if extra not in known and extra != key and extra not in out:
            out[extra] = value
    return out
