"""Region geometry as Label Studio stores it: percent (0-100) of the original image.

Value objects for the three region shapes, with the conversions and tests the rest of the
package needs: percent <-> original pixels, clamping into the image, hit testing. No Jupyter
imports; ``js/_geometry.js`` implements the same rules for the browser.

Conventions (Label Studio's): ``x``/``y`` are the top-left corner *before* rotation; a box's
``rotation`` is in degrees, clockwise on screen (y grows downwards), about that corner. Rotation
is applied in pixel space, so the same percent box looks different on images of different
aspect ratios, exactly as in Label Studio.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .values import finite_number

Point = tuple[float, float]


@dataclass(frozen=True)
class ImageSize:
    """Size of the original image, in pixels."""

    width: int
    height: int

    def __post_init__(self) -> None:
        if self.width <= 0 or self.height <= 0:
            raise ValueError(f"an image size must be positive, got {self.width}x{self.height}")


def clamp(value: float, low: float, high: float) -> float:
    return low if value < low else high if value > high else value


def to_pixels(percent: float, extent: float) -> float:
    """A percent of ``extent`` (the image width or height) as pixels."""
    return percent * extent / 100.0


def to_percent(pixels: float, extent: float) -> float:
    """Pixels along ``extent`` (the image width or height) as a percent of it."""
    return pixels * 100.0 / extent


def rotate(point: Point, origin: Point, degrees: float) -> Point:
    """``point`` turned by ``degrees`` clockwise on screen (y down) about ``origin``."""
    if not degrees:
        return point
    theta = math.radians(degrees)
    cos, sin = math.cos(theta), math.sin(theta)
    dx, dy = point[0] - origin[0], point[1] - origin[1]
    return (origin[0] + dx * cos - dy * sin, origin[1] + dx * sin + dy * cos)


@dataclass(frozen=True)
class Box:
    """A rectangle in percent of the image; ``rotation`` in degrees about (x, y)."""

    x: float
    y: float
    width: float
    height: float
    rotation: float = 0.0

    @classmethod
    def from_pixels(cls, left: float, top: float, width: float, height: float,
                    size: ImageSize, rotation: float = 0.0) -> Box:
        return cls(to_percent(left, size.width), to_percent(top, size.height),
                   to_percent(width, size.width), to_percent(height, size.height), rotation)

    @classmethod
    def from_corners(cls, a: Point, b: Point) -> Box:
        """The unrotated box spanned by two opposite corners, in either order."""
        return cls(min(a[0], b[0]), min(a[1], b[1]), abs(a[0] - b[0]), abs(a[1] - b[1]))

    def pixels(self, size: ImageSize) -> tuple[float, float, float, float]:
        """(left, top, width, height) in original pixels, before rotation."""
        return (to_pixels(self.x, size.width), to_pixels(self.y, size.height),
                to_pixels(self.width, size.width), to_pixels(self.height, size.height))

    def corners(self, size: ImageSize) -> list[Point]:
        """The four corners in pixels, rotated: top-left, top-right, bottom-right, bottom-left."""
        left, top, w, h = self.pixels(size)
        origin = (left, top)
        return [rotate(p, origin, self.rotation)
                for p in ((left, top), (left + w, top), (left + w, top + h), (left, top + h))]

    def contains(self, point: Point, size: ImageSize) -> bool:
        """Whether ``point`` (pixels) lies inside the box or on its edge."""
        left, top, w, h = self.pixels(size)
        u, v = rotate(point, (left, top), -self.rotation)
        eps = 1e-9 * max(size.width, size.height)
        return left - eps <= u <= left + w + eps and top - eps <= v <= top + h + eps

    def normalized(self) -> Box:
        """The same unrotated box with a non-negative width and height (some exports carry a
        negative height for a box drawn upwards). A rotated box is returned unchanged."""
        if (self.width >= 0 and self.height >= 0) or self.rotation:
            return self
        return Box.from_corners((self.x, self.y), (self.x + self.width, self.y + self.height))

    def clamped(self) -> Box:
        """The part of the (unrotated) box inside the image, 0-100 on both axes.

        A rotated box is returned unchanged: cropping it would change its shape.
        """
        if self.rotation or self.inside(tolerance=0.0):
            return self
        box = self.normalized()
        left, right = clamp(box.x, 0.0, 100.0), clamp(box.x + box.width, 0.0, 100.0)
        top, bottom = clamp(box.y, 0.0, 100.0), clamp(box.y + box.height, 0.0, 100.0)
        return Box(left, top, right - left, bottom - top, 0.0)

    def moved_inside(self) -> Box:
        """The same-sized (unrotated) box shifted the least so that it lies inside the image."""
        box = self.normalized()
        w, h = min(box.width, 100.0), min(box.height, 100.0)
        return Box(clamp(box.x, 0.0, 100.0 - w), clamp(box.y, 0.0, 100.0 - h), w, h,
                   box.rotation)

    def inside(self, size: ImageSize | None = None, tolerance: float = 1e-6) -> bool:
        """Whether the whole box lies in the image (rotated corners need the image size)."""
        if self.rotation and size is not None:
            return all(
                -tolerance <= to_percent(px, size.width) <= 100 + tolerance
                and -tolerance <= to_percent(py, size.height) <= 100 + tolerance
                for px, py in self.corners(size)
            )
        return (
            self.width >= 0 and self.height >= 0
            and -tolerance <= self.x and self.x + self.width <= 100 + tolerance
            and -tolerance <= self.y and self.y + self.height <= 100 + tolerance
        )

    def area(self, size: ImageSize) -> float:
        _, _, w, h = self.pixels(size)
        return abs(w * h)


@dataclass(frozen=True)
class Polygon:
    """A closed polygon; ``points`` in percent of the image."""

    points: tuple[Point, ...]

    @classmethod
    def of(cls, points: Iterable[Sequence[float]]) -> Polygon:
        return cls(tuple((float(p[0]), float(p[1])) for p in points))

    def pixels(self, size: ImageSize) -> list[Point]:
        return [(to_pixels(x, size.width), to_pixels(y, size.height)) for x, y in self.points]

    def contains(self, point: Point, size: ImageSize) -> bool:
        """Even-odd rule on the pixel outline; a point on an edge counts as inside."""
        pts = self.pixels(size)
        if len(pts) < 3:
            return False
        px, py = point
        inside = False
        j = len(pts) - 1
        for i in range(len(pts)):
            (xi, yi), (xj, yj) = pts[i], pts[j]
            if _on_segment(point, (xi, yi), (xj, yj)):
                return True
            if (yi > py) != (yj > py):
                cross_x = xi + (py - yi) * (xj - xi) / (yj - yi)
                if px < cross_x:
                    inside = not inside
            j = i
        return inside

    def clamped(self) -> Polygon:
        """Every vertex pulled into the image."""
        return Polygon(tuple((clamp(x, 0.0, 100.0), clamp(y, 0.0, 100.0))
                             for x, y in self.points))

    def bounds(self) -> Box:
        xs = [p[0] for p in self.points]
        ys = [p[1] for p in self.points]
        return Box(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))

    def area(self, size: ImageSize) -> float:
        pts = self.pixels(size)
        twice = sum(pts[i - 1][0] * p[1] - p[0] * pts[i - 1][1] for i, p in enumerate(pts))
        return abs(twice) / 2.0


@dataclass(frozen=True)
class KeyPoint:
    """A point in percent of the image."""

    x: float
    y: float

    def pixels(self, size: ImageSize) -> Point:
        return (to_pixels(self.x, size.width), to_pixels(self.y, size.height))

    def near(self, point: Point, size: ImageSize, radius: float) -> bool:
        """Whether ``point`` (pixels) is within ``radius`` pixels of the keypoint."""
        kx, ky = self.pixels(size)
        return math.hypot(point[0] - kx, point[1] - ky) <= radius

    def clamped(self) -> KeyPoint:
        return KeyPoint(clamp(self.x, 0.0, 100.0), clamp(self.y, 0.0, 100.0))


def _on_segment(p: Point, a: Point, b: Point, eps: float = 1e-9) -> bool:
    cross = (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0])
    scale = max(1.0, abs(b[0] - a[0]) + abs(b[1] - a[1]))
    if abs(cross) > eps * scale * scale:
        return False
    return (min(a[0], b[0]) - eps <= p[0] <= max(a[0], b[0]) + eps
            and min(a[1], b[1]) - eps <= p[1] <= max(a[1], b[1]) + eps)


def shape_name(value) -> str | None:
    """Which shape a Label Studio region ``value`` is, from its keys: ``"polygon"`` (it has
    points), ``"rectangle"`` (x, y and a height), ``"keypoint"`` (x and y; a keypoint's width is
    its radius), else None. The one rule for the config, the formats, the gallery and team
    agreement; ``shapeOf`` in js/_geometry.js reads a value the same way."""
    if "points" in value:
        return "polygon"
    if "x" in value and "y" in value:
        return "rectangle" if "height" in value else "keypoint"
    return None


def shape_of(value: dict):
    """The geometry of a Label Studio region ``value`` (Box, Polygon or KeyPoint), or None.
    A coordinate that is missing or no finite number raises ValueError naming it."""
    def num(key: str, default: float | None = None) -> float:
        if default is not None and not value.get(key):
            return default
        if key not in value:
            raise ValueError(f"a {shape_name(value)} needs {key!r}")
        return finite_number(value[key], key)

    shape = shape_name(value)
    if shape == "polygon":
        return Polygon(tuple((finite_number(p[0], "x"), finite_number(p[1], "y"))
                             for p in value["points"]))
    if shape == "rectangle":
        return Box(num("x"), num("y"), num("width"), num("height"), num("rotation", 0.0))
    if shape == "keypoint":
        return KeyPoint(num("x"), num("y"))
    return None


def oriented_size(image) -> tuple[int, int]:
    """Width and height of a PIL image as a browser shows it: EXIF orientations 5-8 swap them.

    Regions are percent of this size (Label Studio's ``original_width``/``original_height``),
    so the widget, its stores and every export must read it the same way.
    """
    w, h = image.size
    try:
        orientation = image.getexif().get(0x0112, 1)
    except Exception:  # a broken EXIF block: browsers ignore it too
        orientation = 1
    return (h, w) if orientation in (5, 6, 7, 8) else (w, h)
