"""Exports check cells through fast paths (issue 15 item 7): a column scanned as one JSON text,
spans already in the stored shape, option lists kept per control. These tests pin that the
fast paths give what the careful paths give, and that anything unusual still reaches the
careful path with its message (row and column named)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import labelwidget as lw
import labelwidget.formats as F
from labelwidget.config import parse_config
from labelwidget.config.tags import texts_checked
from labelwidget.formats._records import CHUNK, iter_records
from labelwidget.values import lone_surrogate

TEXT = """<View>
  <Text name="text" value="$text"/>
  <Labels name="ner" toName="text" choice="multiple">
    <Label value="PER"/><Label value="ORG" alias="org"/></Labels>
  <Choices name="sentiment" toName="text"><Choice value="Positive"/><Choice value="Negative"/>
  </Choices>
</View>"""
BROKEN = "half \ud83d of an emoji"


def frame(texts, ner, sentiment=None) -> pd.DataFrame:
    df = pd.DataFrame({"text": texts})
    df["ner"] = pd.Series(ner, dtype=object)
    df["sentiment"] = pd.Series(sentiment or [None] * len(texts), dtype=object)
    return df


def test_lone_surrogate_is_found_with_its_path_in_json_and_in_other_values():
    assert lone_surrogate({"a": [1, "ok", {"b": "fine"}]}) is None
    assert lone_surrogate([{"x": 1.5, "y": float("nan")}]) is None  # NaN: still JSON text
    where = lone_surrogate({"a": [1, "ok", {"b": BROKEN}]})
    assert where.startswith("['a'][2]['b'] character 5")
    # not JSON (a tuple key, a numpy array): the careful walk still finds it
    assert "character 5" in lone_surrogate({(1, 2): [BROKEN]})
    assert lone_surrogate({(1, 2): ["fine"], "n": np.int64(3)}) is None
    assert "key" in lone_surrogate({BROKEN: 1})


def test_options_are_kept_and_stay_those_of_the_config():
    config = parse_config(TEXT)
    ner = config.controls["ner"]
    first = ner.options()
    assert [o.value for o in first] == ["PER", "ORG"]
    first.append("not an option")  # a caller's list is its own
    assert [o.value for o in ner.options()] == ["PER", "ORG"]
    assert ner.allowed() == ["PER", "org"]
    assert config.controls["sentiment"].allowed(["Mixed"]) == ["Positive", "Negative", "Mixed"]


def test_a_bad_text_in_one_cell_names_its_row_and_column_and_no_file_is_written(tmp_path):
    n = CHUNK + 5  # the bad cell in the second chunk
    texts = [f"Alice {i}" for i in range(n)]
    ner = [[{"id": f"s{i}", "start": 0, "end": 5, "labels": ["PER"]}] for i in range(n)]
    ner[CHUNK + 2][0]["note"] = BROKEN
    sentiment = ["Positive"] * n
    sentiment[3] = BROKEN
    df = frame(texts, ner, sentiment)
    path = tmp_path / "out.json"
    with pytest.raises(lw.DataError) as info:
        F.export(df, TEXT, "label_studio", path)
    message = str(info.value)
    assert "row 3" in message and "'sentiment'" in message
    assert f"row {CHUNK + 2}" in message and "'ner'" in message
    assert "not valid Unicode" in message
    assert message.index("row 3") < message.index(f"row {CHUNK + 2}")  # rows in order
    assert not path.exists()


def test_issues_come_row_by_row_whatever_the_control():
    df = frame(["Alice", "Bob"],
               [[{"id": "a", "start": 0, "end": 5, "labels": ["LOC"]}], None],
               ["Mixed", "Neutral"])
    issues: list = []
    records = list(iter_records(df, parse_config(TEXT), issues=issues))
    assert [(i.row, i.column) for i in issues] == [(0, "ner"), (0, "sentiment"),
                                                   (1, "sentiment")]
    assert all(r.cells == {"ner": None, "sentiment": None} for r in records)


def test_cells_that_are_not_plain_json_are_converted_cell_by_cell():
    """NaN for a missing cell, numpy values, tuples: the column takes the careful path and
    gives the same cells as a plain column."""
    df = frame(["Alice met Bob", "Bob"],
               [({"id": "a", "start": np.int64(0), "end": 5, "labels": ("PER",),
                  "score": np.float64(0.5)},), float("nan")],
               ["Positive", float("nan")])
    tasks = F.to_label_studio(df, TEXT)
    result = tasks[0]["annotations"][0]["result"]
    assert result[0]["value"] == {"start": 0, "end": 5, "text": "Alice", "labels": ["PER"],
                                  "score": 0.5}
    assert type(result[0]["value"]["score"]) is float
    assert result[1]["value"] == {"choices": ["Positive"]}
    assert tasks[1]["annotations"] == []


def test_a_span_with_extra_keys_keeps_them_after_the_stored_ones():
    df = frame(["Alice met Bob"],
               [[{"labels": ["PER"], "score": 0.9, "end": 5, "id": "a", "start": 0}]])
    (record,) = iter_records(df, parse_config(TEXT))
    (span,) = record.cells["ner"]
    assert list(span) == ["id", "start", "end", "text", "labels", "score"]
    assert span["text"] == "Alice"


# Spans as they come: mostly well formed, sometimes not (offsets, labels, ids, text).
TEXT_OF_TASK = "Alice met Bob in Paris"
span_strategy = st.fixed_dictionaries(
    {"start": st.one_of(st.integers(-2, 25), st.just(1.0), st.just(True)),
     "end": st.integers(-1, 26),
     "labels": st.one_of(st.lists(st.sampled_from(["PER", "org", "ORG", "LOC", 3]),
                                  max_size=3),
                         st.just("PER"))},
    optional={"id": st.one_of(st.text(max_size=3), st.integers(0, 3), st.none()),
              "text": st.one_of(st.none(), st.sampled_from(["Alice", "Bob", "Alice ", "x"])),
              "score": st.floats(0, 1),
              "startOffset": st.integers(0, 3)},
)


@settings(max_examples=300, deadline=None)
@given(span_strategy)
def test_the_quick_span_check_agrees_with_the_careful_one(span):
    ner = parse_config(TEXT).controls["ner"]
    allowed = ner._allowed_set()
    quick = ner._quick_span(dict(span), TEXT_OF_TASK, allowed)
    try:
        careful = ner._check_span(0, dict(span), TEXT_OF_TASK)
    except ValueError:
        careful = None
    if quick is not None:  # the quick path never accepts what the careful one refuses
        assert quick == careful
        assert list(quick) == list(careful)


def test_check_value_scans_text_once_and_still_refuses_a_bad_text():
    ner = parse_config(TEXT).controls["ner"]
    bad = [{"id": "a", "start": 0, "end": 5, "labels": ["PER"], "note": BROKEN}]
    with pytest.raises(ValueError, match="not valid Unicode"):
        ner.check_value(bad, {"text": "Alice"})
    with texts_checked():  # a caller that scanned the column already
        assert ner.check_value(bad, {"text": "Alice"})[0]["note"] == BROKEN
    with pytest.raises(ValueError, match="not valid Unicode"):  # and the flag is reset
        ner.check_value(bad, {"text": "Alice"})


def test_export_of_many_chunks_equals_task_by_task(tmp_path):
    n = 2 * CHUNK + 7
    texts = [f"Alice met Bob {i}" for i in range(n)]
    ner = [[{"id": f"s{i}", "start": 0, "end": 5, "labels": ["PER"]},
            {"id": f"t{i}", "start": 10, "end": 13, "labels": ["org", "PER"]}]
           if i % 3 else None for i in range(n)]
    sentiment = [("Positive", "Negative", None)[i % 3] for i in range(n)]
    df = frame(texts, ner, sentiment)
    tasks = F.to_label_studio(df, TEXT)
    assert len(tasks) == n
    for i in (0, 1, CHUNK, n - 1):
        one = F.to_label_studio(df.iloc[i:i + 1], TEXT)[0]
        assert tasks[i] == one
    assert tasks[1]["annotations"][0]["result"][1]["value"]["text"] == "Bob"
    assert not any(isinstance(v, float) and math.isnan(v) for t in tasks
                   for v in t["data"].values())


def test_an_image_control_keeps_its_value_model_unless_labels_come_from_a_column():
    config = parse_config("""<View><Image name="image" value="$image"/>
      <RectangleLabels name="box" toName="image"><Label value="Car"/></RectangleLabels>
      <RectangleLabels name="dyn" toName="image" value="$options"/>
      <Labels name="tags" toName="image"><Label value="Old"/></Labels></View>""")
    box, dyn, tags = (config.controls[n] for n in ("box", "dyn", "tags"))
    assert box.model() is box.model()
    assert box.model().labels == ["Car"]
    assert tags._image_model() is tags._image_model()
    assert dyn.model({"options": ["Bus"]}).labels == ["Bus"]
    assert dyn.model({"options": ["Van"]}).labels == ["Van"]  # read from each row
    region = {"x": 1, "y": 2, "width": 3, "height": 4, "rectanglelabels": ["Bus"]}
    with pytest.raises(ValueError, match="'Bus' is not a label of"):
        box.check_value([region])
    assert dyn.check_value([region], {"options": ["Bus"]})[0]["rectanglelabels"] == ["Bus"]
