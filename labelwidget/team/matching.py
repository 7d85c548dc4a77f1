"""Agreement on regions: spans by exact or overlapping offsets, image regions by IoU.

Two annotators' regions of one task are matched one to one, greedily by how well they match
(largest overlap or IoU first), and only when their labels are the same set. F1 of a pair of
annotators = 2 * matched / (regions of one + regions of the other); both marking nothing is
full agreement (1.0). Over many tasks the counts are summed first (micro average).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..geometry import Box, ImageSize, KeyPoint, Polygon, shape_of

# Image regions are compared in percent of the image; a square frame keeps IoU unchanged by
# the image's aspect only for boxes, so polygons and rotated boxes are compared on this grid.
_GRID = 256
_UNIT = ImageSize(100, 100)


@dataclass(frozen=True)
class Match:
    """Counts for one pair of annotators: regions of each and how many were matched."""

    left: int
    right: int
    matched: int

    def __add__(self, other: Match) -> Match:
        return Match(self.left + other.left, self.right + other.right,
                     self.matched + other.matched)

    @property
    def f1(self) -> float:
        total = self.left + self.right
        return 1.0 if total == 0 else 2 * self.matched / total


def labels_of(region: Mapping) -> frozenset:
    """A region's labels, whatever its control calls them (labels, rectanglelabels ...)."""
    found: list = []
    for key, value in region.items():
        if key.endswith("labels") and isinstance(value, list):
            found.extend(value)
    return frozenset(found)


def _greedy(scores: list[tuple[float, int, int]]) -> int:
    used_a: set[int] = set()
    used_b: set[int] = set()
    matched = 0
    for _score, i, j in sorted(scores, key=lambda s: -s[0]):
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        matched += 1
    return matched


# A Paragraphs span's place: turn * _TURN + offset, so places in one dialogue order as text does.
_TURN = 1 << 32


def span_extent(span: Mapping) -> tuple[int, int]:
    """(start, end) of a span as numbers: Text offsets; HyperText's ``globalOffsets`` (its
    ``start``/``end`` are XPaths); a Paragraphs span's turn index and offset combined."""
    glob = span.get("globalOffsets")
    if isinstance(glob, Mapping):
        return int(glob["start"]), int(glob["end"])
    start, end = span["start"], span["end"]
    if isinstance(start, str) or "startOffset" in span:
        return (int(start) * _TURN + int(span.get("startOffset") or 0),
                int(end) * _TURN + int(span.get("endOffset") or 0))
    return start, end


def match_spans(a: Sequence[Mapping], b: Sequence[Mapping], mode: str = "exact") -> Match:
    """Spans ``{"start", "end", labels}`` matched exactly (same offsets) or by any overlap."""
    if mode not in ("exact", "overlap"):
        raise ValueError(f"mode must be 'exact' or 'overlap', not {mode!r}")
    scores = []
    for i, x in enumerate(a):
        for j, y in enumerate(b):
            if labels_of(x) != labels_of(y):
                continue
            (xs, xe), (ys, ye) = span_extent(x), span_extent(y)
            if mode == "exact":
                if xs == ys and xe == ye:
                    scores.append((1.0, i, j))
            else:
                common = min(xe, ye) - max(xs, ys)
                if common > 0:
                    scores.append((float(common), i, j))
    return Match(len(a), len(b), _greedy(scores))


def iou(x: Mapping, y: Mapping) -> float:
    """Intersection over union of two image regions (percent coordinates)."""
    sx, sy = shape_of(dict(x)), shape_of(dict(y))
    if isinstance(sx, KeyPoint) or isinstance(sy, KeyPoint) or sx is None or sy is None:
        return 0.0
    if (isinstance(sx, Box) and isinstance(sy, Box) and not sx.rotation and not sy.rotation):
        bx, by = sx.normalized(), sy.normalized()
        w = min(bx.x + bx.width, by.x + by.width) - max(bx.x, by.x)
        h = min(bx.y + bx.height, by.y + by.height) - max(bx.y, by.y)
        inter = max(w, 0.0) * max(h, 0.0)
        union = bx.width * bx.height + by.width * by.height - inter
        return inter / union if union > 0 else 0.0
    px, py = _outline(sx), _outline(sy)
    xs = [p[0] for p in px + py]
    ys = [p[1] for p in px + py]
    lo_x, hi_x, lo_y, hi_y = min(xs), max(xs), min(ys), max(ys)
    if hi_x <= lo_x or hi_y <= lo_y:
        return 0.0
    gx = lo_x + (np.arange(_GRID) + 0.5) * (hi_x - lo_x) / _GRID
    gy = lo_y + (np.arange(_GRID) + 0.5) * (hi_y - lo_y) / _GRID
    px_grid, py_grid = np.meshgrid(gx, gy)
    ma, mb = _inside(px, px_grid, py_grid), _inside(py, px_grid, py_grid)
    union = np.logical_or(ma, mb).sum()
    return float(np.logical_and(ma, mb).sum() / union) if union else 0.0


def _outline(shape: Any) -> list[tuple[float, float]]:
    if isinstance(shape, Polygon):
        return list(shape.points)
    return list(shape.corners(_UNIT))


def _inside(points: list[tuple[float, float]], xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
    """Even-odd rule for every grid point at once."""
    inside = np.zeros(xs.shape, dtype=bool)
    n = len(points)
    for k in range(n):
        (x1, y1), (x2, y2) = points[k], points[k - 1]
        if y1 == y2:
            continue
        crosses = (ys >= min(y1, y2)) & (ys < max(y1, y2))
        at_x = x1 + (ys - y1) * (x2 - x1) / (y2 - y1)
        inside ^= crosses & (xs < at_x)
    return inside


def match_regions(a: Sequence[Mapping], b: Sequence[Mapping], threshold: float = 0.5,
                  keypoint_radius: float = 2.0) -> Match:
    """Image regions matched when IoU >= ``threshold`` (keypoints: within ``keypoint_radius``
    percent of the image of each other) and their labels are the same."""
    scores = []
    for i, x in enumerate(a):
        for j, y in enumerate(b):
            if labels_of(x) != labels_of(y):
                continue
            kx, ky = shape_of(dict(x)), shape_of(dict(y))
            if isinstance(kx, KeyPoint) and isinstance(ky, KeyPoint):
                d = math.hypot(kx.x - ky.x, kx.y - ky.y)
                if d <= keypoint_radius:
                    scores.append((1.0 - d / (keypoint_radius + 1e-12), i, j))
                continue
            score = iou(x, y)
            if score >= threshold and score > 0:
                scores.append((score, i, j))
    return Match(len(a), len(b), _greedy(scores))


def total(matches: Iterable[Match]) -> Match:
    out = Match(0, 0, 0)
    for m in matches:
        out = out + m
    return out
