"""Hostile input through the public API (issue 14): every bad value, file, config or frame gets
a clear error naming the offending thing (file, row, column, task, attribute), never a
traceback from inside the library nor a silently wrong value; and the annotations made
before it are still in the DataFrame, in the store, and still export.

Inputs that could take the interpreter down (deep nesting) run in a subprocess.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import labelwidget as lw

CONFIG = """<View>
  <Text name="text" value="$text"/>
  <Choices name="sentiment" toName="text">
    <Choice value="Café" hotkey="1"/><Choice value="Bad" hotkey="2"/>
  </Choices>
  <Rating name="stars" toName="text"/>
  <Number name="score" toName="text" min="0" max="10"/>
  <TextArea name="note" toName="text"/>
</View>"""

BOXES = """<View>
  <Image name="image" value="$image"/>
  <RectangleLabels name="box" toName="image"><Label value="Car"/></RectangleLabels>
</View>"""

HUGE = 10**400  # an int no float can hold
GIANT = 10**5000  # beyond Python's own int <-> str limit (4300 digits)


def reviews() -> pd.DataFrame:
    return pd.DataFrame({"text": ["great", "awful", "meh", "fine"]},
                        index=pd.Index([10, 11, 12, 13], name="review"))


@pytest.fixture
def session(tmp_path):
    """An Annotator with a store and two submitted tasks: the work that must survive."""
    store = tmp_path / "labels.sqlite"
    ann = lw.Annotator(reviews(), CONFIG, store=str(store), annotator="me")
    ann.set("sentiment", "Café")
    ann.set("stars", 4)
    ann.submit()
    ann.set("sentiment", "Bad")
    ann.set("note", "too slow")
    ann.submit()
    yield ann, store
    ann.close()


EXPECTED = {10: {"sentiment": "Café", "stars": 4}, 11: {"sentiment": "Bad", "note": "too slow"}}


def assert_safe(ann, store: Path, tmp_path: Path) -> None:
    """The two submits of ``session`` are in the DataFrame, in the store, and export."""
    for task, values in EXPECTED.items():
        for control, value in values.items():
            assert ann.df.at[task, control] == value
    stored = lw.load(store)
    for task, values in EXPECTED.items():
        for control, value in values.items():
            assert stored.at[task, control] == value
    exported = {t["id"]: t for t in ann.to_label_studio()}
    for task, values in EXPECTED.items():
        results = {r["from_name"]: r["value"] for r in exported[task]["annotations"][0]["result"]}
        assert results["sentiment"] == {"choices": [values["sentiment"]]}
    # ... and a file can be written from them.
    path = ann.export("label_studio", tmp_path / "export.json")
    written = json.loads(path.read_text(encoding="utf-8"))
    assert {t["id"] for t in written if t["annotations"]} >= set(EXPECTED)


def raises(kind, *needles):
    """pytest.raises that also checks the message names each of ``needles``."""

    class _Check:
        def __enter__(self):
            self.ctx = pytest.raises(kind)
            self.info = self.ctx.__enter__()
            return self.info

        def __exit__(self, *exc):
            handled = self.ctx.__exit__(*exc)
            if handled:
                message = str(self.info.value)
                for needle in needles:
                    assert needle in message, f"{needle!r} not in {message!r}"
            return handled

    return _Check()


# -- 1. numbers too large for a float -------------------------------------------------------------


@pytest.mark.parametrize("control, value", [("stars", HUGE), ("score", HUGE), ("score", -HUGE),
                                            ("score", GIANT), ("stars", GIANT)],
                         ids=["stars-huge", "score-huge", "score-minus-huge", "score-giant",
                              "stars-giant"])
def test_a_huge_int_is_refused_by_name(session, tmp_path, control, value):
    ann, store = session
    with raises(ValueError, control, "too large"):
        ann.set(control, value)
    assert_safe(ann, store, tmp_path)


def test_huge_numbers_in_label_studio_json_name_the_task_and_result(session, tmp_path):
    ann, store = session
    text = ('[{"id": 7, "data": {"text": "x"}, "annotations": [{"result": [{"from_name": '
            '"score", "to_name": "text", "type": "number", "value": {"number": '
            + "9" * 500 + '}}]}]}]')
    with raises(lw.LabelStudioImportError, "task 7", "result 0", "score", "too large"):
        lw.from_label_studio(text, CONFIG)
    boxes = [{"id": 3, "data": {"image": "a.png"}, "annotations": [{"result": [
        {"from_name": "box", "to_name": "image", "type": "rectanglelabels",
         "value": {"x": HUGE, "y": 0, "width": 1, "height": 1, "rectanglelabels": ["Car"]}},
        {"from_name": "box", "to_name": "image", "type": "rectanglelabels",
         "original_width": GIANT, "original_height": 10,
         "value": {"x": 1, "y": 0, "width": 1, "height": 1, "rectanglelabels": ["Car"]}},
        {"from_name": "box", "to_name": "image", "type": "rectanglelabels",
         "value": {"points": [[HUGE, 1], [2, 2], [3, 1]], "rectanglelabels": ["Car"]}},
    ]}]}]
    with raises(lw.LabelStudioImportError, "task 3", "result 0", "x=", "result 1",
                "original_width", "too large") as info:
        lw.from_label_studio(boxes, BOXES)
    assert len(info.value.issues) >= 2
    lead = [{"id": 4, "data": {"text": "x"}, "annotations": [{"lead_time": HUGE, "result": []}]}]
    with raises(lw.LabelStudioImportError, "task 4", "annotation 0", "lead_time"):
        lw.from_label_studio(lead, CONFIG)
    assert_safe(ann, store, tmp_path)


def test_a_huge_or_nan_prefilled_cell_is_a_data_error_naming_row_and_column():
    df = reviews()
    df["score"] = pd.Series([None, HUGE, None, None], index=df.index, dtype=object)
    with raises(lw.DataError, "row 11", "'score'", "too large"):
        lw.Annotator(df, CONFIG)
