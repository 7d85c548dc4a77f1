"""Region geometry: percent <-> pixels, clamping and hit testing (labelwidget/geometry.py)."""

import math

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from labelwidget.geometry import (
    Box,
    ImageSize,
    KeyPoint,
    Polygon,
    clamp,
    rotate,
    shape_of,
    to_percent,
    to_pixels,
)

sizes = st.builds(ImageSize, st.integers(1, 8000), st.integers(1, 8000))
percent = st.floats(0, 100, allow_nan=False)
anything = st.floats(-1000, 1000, allow_nan=False)
angles = st.floats(0, 360, allow_nan=False, exclude_max=True)


NO_ROTATION = st.just(0.0)


@st.composite
def boxes(draw, rotation=NO_ROTATION):
    x, y = draw(percent), draw(percent)
    w = draw(st.floats(0, 100 - x, allow_nan=False))
    h = draw(st.floats(0, 100 - y, allow_nan=False))
    return Box(x, y, w, h, draw(rotation))


@given(st.floats(0, 1e5, allow_nan=False), st.integers(1, 10_000))
def test_pixels_and_percent_are_inverse(pixels, extent):
    assert math.isclose(to_pixels(to_percent(pixels, extent), extent), pixels,
                        rel_tol=1e-12, abs_tol=1e-9)


@given(boxes(rotation=angles), sizes)
def test_box_from_its_pixels_is_the_same_box(box, size):
    again = Box.from_pixels(*box.pixels(size), size, rotation=box.rotation)
    for a, b in zip((again.x, again.y, again.width, again.height), (box.x, box.y, box.width,
                                                                    box.height), strict=True):
        assert math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-9)


def test_percent_of_a_600x403_image():
    size = ImageSize(600, 403)
    box = Box.from_pixels(30, 51.584, 195, 180.947, size)
    assert math.isclose(box.x, 5.0) and math.isclose(box.width, 32.5)
    assert math.isclose(box.y, 12.8) and math.isclose(box.height, 44.9)


@given(anything, anything, anything, anything)
def test_clamped_box_lies_inside_the_image(x, y, w, h):
    box = Box(x, y, w, h).clamped()
    assert 0 <= box.x <= 100 and 0 <= box.y <= 100
    assert box.width >= 0 and box.height >= 0
    assert box.x + box.width <= 100 + 1e-9 and box.y + box.height <= 100 + 1e-9
    assert box.clamped() == box  # clamping twice changes nothing


@given(boxes())
def test_a_box_inside_is_not_changed_by_clamping(box):
    assert box.clamped() == box
    assert box.inside()


@given(anything, anything, st.floats(0, 150, allow_nan=False), st.floats(0, 150, allow_nan=False))
def test_moved_inside_keeps_the_size_when_it_fits(x, y, w, h):
    box = Box(x, y, w, h).moved_inside()
    assert box.inside()
    assert math.isclose(box.width, min(w, 100)) and math.isclose(box.height, min(h, 100))


def test_negative_sizes_are_flipped():
    assert Box(50, 60, -10, -20).normalized() == Box(40, 40, 10, 20)
    rotated = Box(50, 60, -10, 5, 30)
    assert rotated.normalized() == rotated


@given(boxes(rotation=angles), sizes)
def test_box_contains_its_centre_and_corners(box, size):
    assume(box.width > 0 and box.height > 0)
    corners = box.corners(size)
    cx = sum(p[0] for p in corners) / 4
    cy = sum(p[1] for p in corners) / 4
    assert box.contains((cx, cy), size)
    for corner in corners:
        assert box.contains(corner, size)


@given(boxes(), sizes, st.floats(0.01, 50, allow_nan=False))
def test_box_does_not_contain_points_beyond_its_edges(box, size, gap):
    left, top, w, h = box.pixels(size)
    assert not box.contains((left + w + gap, top + h / 2), size)
    assert not box.contains((left - gap, top + h / 2), size)
    assert not box.contains((left + w / 2, top + h + gap), size)


@given(boxes(), sizes)
def test_an_unrotated_box_as_a_polygon_has_the_same_inside(box, size):
    assume(box.width > 1 and box.height > 1)
    polygon = Polygon(((box.x, box.y), (box.x + box.width, box.y),
                       (box.x + box.width, box.y + box.height), (box.x, box.y + box.height)))
    left, top, w, h = box.pixels(size)
    for fx, fy in ((0.5, 0.5), (0.1, 0.9), (1.2, 0.5), (0.5, -0.2)):
        point = (left + fx * w, top + fy * h)
        assert polygon.contains(point, size) == box.contains(point, size)
    assert math.isclose(polygon.area(size), box.area(size), rel_tol=1e-9, abs_tol=1e-6)


@given(st.floats(-720, 720, allow_nan=False), anything, anything)
def test_rotation_keeps_distances_and_undoes(angle, x, y):
    origin = (3.0, -4.0)
    turned = rotate((x, y), origin, angle)
    assert math.isclose(math.dist(turned, origin), math.dist((x, y), origin), rel_tol=1e-9,
                        abs_tol=1e-9)
    back = rotate(turned, origin, -angle)
    assert math.isclose(back[0], x, abs_tol=1e-7) and math.isclose(back[1], y, abs_tol=1e-7)


def test_rotated_box_corners_turn_clockwise_about_the_top_left():
    corners = Box(10, 20, 30, 40, 90).corners(ImageSize(100, 200))
    expected = [(10, 40), (10, 70), (-70, 70), (-70, 40)]
    for (x, y), (ex, ey) in zip(corners, expected, strict=True):
        assert math.isclose(x, ex, abs_tol=1e-9) and math.isclose(y, ey, abs_tol=1e-9)


def test_inside_checks_rotated_corners_with_the_image_size():
    size = ImageSize(100, 100)
    assert Box(40, 10, 20, 20, 45).inside(size)
    assert not Box(10, 10, 20, 20, 45).inside(size)  # its lower-left corner swings out
    assert not Box(90, 10, 20, 5, 45).inside(size)


@given(st.lists(st.tuples(anything, anything), min_size=3, max_size=12))
def test_clamped_polygon_lies_inside(points):
    clamped = Polygon(tuple(points)).clamped()
    assert all(0 <= x <= 100 and 0 <= y <= 100 for x, y in clamped.points)


def test_polygon_hit_testing_concave_and_edges():
    size = ImageSize(100, 100)
    # A "U": the notch between the arms is outside.
    u = Polygon.of([[0, 0], [30, 0], [30, 100], [20, 100], [20, 20], [10, 20], [10, 100],
                    [0, 100]])
    assert u.contains((5, 50), size)
    assert not u.contains((15, 50), size)
    assert u.contains((15, 10), size)
    assert u.contains((30, 50), size)  # on an edge
    assert not Polygon.of([[0, 0], [1, 1]]).contains((0.5, 0.5), size)


def test_polygon_bounds():
    assert Polygon.of([[10, 50], [40, 20], [30, 70]]).bounds() == Box(10, 20, 30, 50)


@given(percent, percent, sizes, st.floats(0.5, 20, allow_nan=False))
def test_keypoint_is_near_itself_and_not_far_away(x, y, size, radius):
    point = KeyPoint(x, y)
    px, py = point.pixels(size)
    assert point.near((px, py), size, radius)
    assert point.near((px + radius * 0.99, py), size, radius)
    assert not point.near((px + radius * 1.01, py), size, radius)


def test_keypoint_clamped():
    assert KeyPoint(-3, 120).clamped() == KeyPoint(0, 100)


def test_clamp():
    assert clamp(5, 0, 3) == 3 and clamp(-1, 0, 3) == 0 and clamp(2, 0, 3) == 2


def test_image_size_must_be_positive():
    with pytest.raises(ValueError, match="positive"):
        ImageSize(0, 10)


def test_shape_of_a_region_value():
    assert shape_of({"x": 1, "y": 2, "width": 3, "height": 4, "rotation": 5}) == Box(1, 2, 3, 4, 5)
    assert shape_of({"points": [[1, 2], [3, 4], [5, 6]]}) == Polygon(((1, 2), (3, 4), (5, 6)))
    assert shape_of({"x": 1, "y": 2, "width": 0.5}) == KeyPoint(1, 2)
    assert shape_of({"start": 0}) is None
