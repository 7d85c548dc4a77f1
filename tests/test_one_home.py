"""One home per rule (issue 15 item 3): where two copies of a rule disagreed, the one left
behaves as the rule says everywhere it is asked."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

import labelwidget as lw
from labelwidget.config import parse_config
from labelwidget.config.region_ids import ID_ALPHABET, derived_region_id, new_region_id
from labelwidget.formats._images import _shape
from labelwidget.geometry import shape_name, shape_of
from labelwidget.widgets.palette import PALETTE

JS = Path(__file__).resolve().parent.parent / "js"
LS_ID = re.compile(r"^[A-Za-z0-9_-]{10}$")


# -- shape detection ------------------------------------------------------------------------------
# The config read {x, y, height} (no width) as a box and refused it for its missing width; the
# exports read it as a keypoint; the gallery and team agreement raised a bare KeyError.
@pytest.mark.parametrize(("value", "shape"), [
    ({"points": [[1, 1], [5, 1], [5, 5]]}, "polygon"),
    ({"x": 1, "y": 2, "width": 3, "height": 4}, "rectangle"),
    ({"x": 1, "y": 2, "height": 4}, "rectangle"),
    ({"x": 1, "y": 2, "width": 0.5}, "keypoint"),  # a keypoint's width is its radius
    ({"x": 1, "y": 2}, "keypoint"),
    ({"height": 4}, None),
])
def test_every_reader_of_a_region_sees_the_same_shape(value, shape):
    assert shape_name(value) == shape
    assert _shape(value) == (None if shape is None else f"{shape}labels")


def test_a_box_without_width_is_refused_by_name_everywhere():
    config = parse_config('<View><Image name="i" value="$i"/><RectangleLabels name="b" '
                          'toName="i"><Label value="Car"/></RectangleLabels></View>')
    region = {"x": 1, "y": 2, "height": 4, "rectanglelabels": ["Car"]}
    with pytest.raises(ValueError, match="width"):
        config.controls["b"].check_value([region])
    with pytest.raises(ValueError, match="needs 'width'"):
        shape_of(region)


# -- region ids -----------------------------------------------------------------------------------
# Image regions without ids got 10 hex digits, exports another hash, spans a third; the image
# editor drew ids from 62 characters, the span editor from Label Studio's 64.
def test_python_and_the_browser_make_ids_from_one_alphabet():
    js = (JS / "_ids.js").read_text()
    assert re.search(r'ID_CHARS = "([^"]+)"', js).group(1) == ID_ALPHABET
    assert len(set(ID_ALPHABET)) == 64
    for other in JS.glob("*.js"):
        if other.name != "_ids.js":
            assert "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz" not in other.read_text(), \
                f"{other.name} makes ids of its own"
    ids = {new_region_id() for _ in range(500)}
    assert len(ids) == 500 and all(LS_ID.match(i) for i in ids)


def test_derived_ids_look_like_label_studios_and_are_stable():
    config = parse_config('<View><Image name="i" value="$i"/><RectangleLabels name="b" '
                          'toName="i"><Label value="Car"/></RectangleLabels></View>')
    box = {"x": 1, "y": 2, "width": 3, "height": 4, "rectanglelabels": ["Car"]}
    first = config.controls["b"].check_value([box, dict(box)])
    again = config.controls["b"].check_value([box, dict(box)])
    assert [r["id"] for r in first] == [r["id"] for r in again]
    assert len({r["id"] for r in first}) == 2  # identical regions still get distinct ids
    assert all(LS_ID.match(r["id"]) for r in first)
    # A derived id never depends on the id it replaces.
    assert derived_region_id("b", {**box, "id": None}) == derived_region_id("b", box)
    df = pd.DataFrame({"text": ["a b"], "sentiment": ["Good"]})
    ann = lw.Annotator(df, '<View><Text name="text" value="$text"/><Choices name="sentiment" '
                           'toName="text"><Choice value="Good"/></Choices></View>')
    ids = [r["id"] for t in (ann.to_label_studio(), ann.to_label_studio())
           for r in t[0]["annotations"][0]["result"]]
    assert ids[0] == ids[1] and LS_ID.match(ids[0])


# -- options read from a $column -----------------------------------------------------------------
# Choices read a single {"value": ...} cell as its keys and refused a number; region labels read
# the same cell as one option.
def test_a_column_of_options_is_read_alike_by_choices_and_region_labels():
    config = parse_config(
        '<View><Image name="i" value="$i"/><Text name="t" value="$t"/>'
        '<Choices name="c" toName="t" value="$opts"/>'
        '<RectangleLabels name="b" toName="i" value="$opts"/></View>')
    choices, boxes = config.controls["c"], config.controls["b"]
    for cell, options in [({"value": "Red", "html": "<b>Red</b>"}, ["Red"]), (7, ["7"]),
                          (["Red", {"value": "Blue"}], ["Red", "Blue"]), (None, [])]:
        row = {"opts": cell}
        assert choices.dynamic_options(row) == options
        assert boxes.dynamic_labels(row) == options
    row = {"opts": {"value": "Red"}}
    assert choices.check_value("Red", row) == "Red"
    box = {"x": 1, "y": 2, "width": 3, "height": 4, "rectanglelabels": ["Red"]}
    assert boxes.check_value([box], row)[0]["rectanglelabels"] == ["Red"]


# -- option specs --------------------------------------------------------------------------------
# Relations told the browser its options without their hotkey; every other widget with it.
def test_every_widget_is_told_of_options_alike():
    config = '''<View>
      <Text name="text" value="$text"/>
      <Labels name="ner" toName="text"><Label value="PER" hotkey="p" background="red"/></Labels>
      <Choices name="c" toName="text"><Choice value="Good" alias="good" hotkey="g"/></Choices>
      <Relations><Relation value="knows" hotkey="k" background="blue"/></Relations>
      <Image name="img" value="$img"/>
      <RectangleLabels name="b" toName="img"><Label value="Car" hotkey="c"/></RectangleLabels>
    </View>'''
    ann = lw.Annotator(pd.DataFrame({"text": ["Ann knows Bob"], "img": [None]}), config)
    specs = {}
    for part in ann._parts:
        w = part.widget
        for group in getattr(w, "groups", None) or []:
            specs[group["name"]] = group["options"][0]
        for control in getattr(w, "region_controls", None) or []:
            specs[control["name"]] = control["options"][0]
        if hasattr(w, "options") and getattr(w, "name", None) in ("c", "relations"):
            specs[w.name] = w.options[0]
    core = ("value", "label", "hotkey", "background")
    assert {k: specs["ner"][k] for k in core} == {"value": "PER", "label": "PER", "hotkey": "p",
                                                   "background": "red"}
    assert {k: specs["c"][k] for k in core} == {"value": "good", "label": "Good", "hotkey": "g",
                                                 "background": ""}
    assert {k: specs["relations"][k] for k in core} == {"value": "knows", "label": "knows",
                                                        "hotkey": "k", "background": "blue"}
    assert {k: specs["b"][k] for k in core} == {"value": "Car", "label": "Car", "hotkey": "c",
                                                 "background": ""}


# -- the colour palette --------------------------------------------------------------------------
# The gallery and the image editor coloured the 6th label #42d4f4, the span editor #16a2b8, and
# only the span editor had 12 colours.
def test_one_palette_for_the_gallery_and_every_widget():
    js = (JS / "_palette.js").read_text()
    listed = re.search(r"PALETTE = \[([^\]]*)\]", js).group(1)
    assert tuple(re.findall(r'"(#[0-9a-f]{6})"', listed)) == PALETTE
    for other in JS.glob("*.js"):
        if other.name != "_palette.js":
            assert PALETTE[0] not in other.read_text(), f"{other.name} has a palette of its own"
    from labelwidget.gallery import _label_colors

    config = parse_config('<View><Image name="i" value="$i"/><RectangleLabels name="b" '
                          'toName="i">' + "".join(f'<Label value="L{n}"/>' for n in range(13))
                          + "</RectangleLabels></View>")
    colors = _label_colors([config.controls["b"]])
    assert [colors[("b", f"L{n}")] for n in range(13)] == [*PALETTE, PALETTE[0]]
