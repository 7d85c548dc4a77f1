"""The quick check of a stored image region (config/region_quick.py) gives exactly what the
careful check gives, and leaves everything else (and every message) to the careful check."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from labelwidget.config import parse_config
from labelwidget.config.region_model import MAX_PIXELS
from labelwidget.config.region_quick import quick_region

CONFIG = """<View><Image name="image" value="$image"/>
  <RectangleLabels name="box" toName="image"><Label value="Car"/><Label value="Bike"/>
  </RectangleLabels>
  <PolygonLabels name="poly" toName="image" choice="multiple"><Label value="Road"/>
    <Label value="Lane"/></PolygonLabels>
  <Rectangle name="plain" toName="image"/>
</View>"""

odd_number = st.sampled_from([math.nan, math.inf, -math.inf, True, None, "5", -0.0, -1e-9,
                              100.0, 10**400])
number = st.one_of(st.floats(0, 100), st.integers(0, 100), odd_number)
ids = st.one_of(st.sampled_from(["a", "", "b1"]), st.integers(0, 3), st.none())
points = st.one_of(
    st.lists(st.one_of(st.lists(number, min_size=2, max_size=2), st.tuples(number, number),
                       st.lists(number, max_size=3)), max_size=5),
    st.just("no"))
box_labels = st.one_of(st.lists(st.sampled_from(["Car", "Bike", "Bus", 3]), max_size=3),
                       st.just("Car"))
polygon_labels = st.lists(st.sampled_from(["Road", "Lane", "Bus"]), max_size=3)
extras = {
    "rotation": st.sampled_from([0, 0.0, -0.0, 90, None, True, math.nan]),
    "original_width": st.sampled_from([640, 0, -1, 640.0, MAX_PIXELS + 1, True, None]),
    "original_height": st.sampled_from([480, 480.0, None]),
    "score": st.floats(0, 1), "readonly": st.booleans(),
}
# Mostly regions close to the stored shape (so the quick path is taken), some far from it.
region = st.one_of(
    st.fixed_dictionaries({"id": ids, "x": number, "y": number, "width": number,
                           "height": number, "rectanglelabels": box_labels},
                          optional={**extras, "points": points, "polygonlabels": polygon_labels}),
    st.fixed_dictionaries({"id": ids, "points": points, "polygonlabels": polygon_labels},
                          optional={**extras, "x": number, "rectanglelabels": box_labels}),
    st.fixed_dictionaries({}, optional={"id": ids, "x": number, "y": number, "width": number,
                                        "height": number, "points": points, **extras}),
)


def careful(model, value):
    try:
        return model._check_region(value)
    except (ValueError, TypeError, KeyError, OverflowError):
        return None


@settings(max_examples=1500, deadline=None)
@given(st.sampled_from(["box", "poly", "plain"]), region)
def test_the_quick_region_check_agrees_with_the_careful_one(name, value):
    model = parse_config(CONFIG).controls[name].model()
    quick = quick_region(model, dict(value), MAX_PIXELS)
    if quick is not None:  # never accepts what the careful check refuses, nor differs
        expected = careful(model, dict(value))
        assert quick == expected
        assert list(quick) == list(expected)
        assert [type(v) for v in quick.values()] == [type(v) for v in expected.values()]


def test_stored_regions_take_the_quick_path_and_the_rest_still_get_messages():
    box = parse_config(CONFIG).controls["box"]
    stored = {"id": "a", "x": 1, "y": 2.5, "width": 3, "height": 4, "rotation": 0,
              "rectanglelabels": ["Car"], "original_width": 640, "original_height": 480,
              "score": 0.5}
    quick = quick_region(box.model(), stored, MAX_PIXELS)
    assert quick == {"id": "a", "x": 1.0, "y": 2.5, "width": 3.0, "height": 4.0,
                     "rotation": 0, "rectanglelabels": ["Car"], "original_width": 640,
                     "original_height": 480, "score": 0.5}
    assert type(quick["x"]) is float
    poly = parse_config(CONFIG).controls["poly"]
    assert quick_region(poly.model(), {"id": "p", "points": [[0, 0], [1, 0], [1, 1]],
                                       "polygonlabels": ["Road"]}, MAX_PIXELS) is not None
    with pytest.raises(ValueError, match=r"region 1 \(id 'a'\): x \+ width = 101"):
        box.check_value([{**stored, "x": 98}])
    with pytest.raises(ValueError, match=r"region 2 .*also the id of region 1"):
        box.check_value([stored, stored])
    with pytest.raises(ValueError, match="'Bus' is not a label"):
        box.check_value([{**stored, "rectanglelabels": ["Bus"]}])
