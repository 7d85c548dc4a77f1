"""<Table>: a task's dict shown as key/value rows, labeled by whole-task controls; bad cells
are said in the widget (row and column) while every other task stays labelable."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest
from label_studio_sdk.label_interface import LabelInterface

import labelwidget as lw
from labelwidget.config import ConfigError, parse_config
from tests.corpus import templates_dir

TABLE = """<View>
  <Table name="table" value="$item"/>
  <Choices name="choice" toName="table">
    <Choice value="Correct"/><Choice value="Incorrect"/>
  </Choices>
</View>"""

CARD = {"Card number": 18799210, "First name": "Max", "Last name": "Nobel"}


def table_widget(ann):
    return next(p.widget for p in ann._compiled.parts if type(p.widget).__name__ == "TableWidget")


def shown(ann):
    widget = table_widget(ann)
    return widget.tasks[widget.task]["data"]


def test_a_dict_cell_is_shown_as_key_value_rows_in_its_order():
    df = pd.DataFrame({"item": pd.Series([CARD], dtype=object)})
    ann = lw.Annotator(df, TABLE)
    assert shown(ann) == {"rows": [["Card number", "18799210"], ["First name", "Max"],
                                   ["Last name", "Nobel"]]}


def test_nested_values_show_as_json_and_a_json_text_cell_as_its_dict():
    df = pd.DataFrame({"item": pd.Series(
        ['{"name": "Ann", "tags": ["a", "b"], "ok": true, "none": null}'], dtype=object)})
    ann = lw.Annotator(df, TABLE)
    assert shown(ann) == {"rows": [["name", "Ann"], ["tags", '["a", "b"]'], ["ok", "true"],
                                   ["none", ""]]}


@pytest.mark.parametrize(("cell", "message"), [
    ("not json", r"the 'item' cell of task 1 is not a dict of keys and values \(JSON that "
                 r"does not parse: 'not json'\)"),
    ([1, 2], r"the 'item' cell of task 1 must be a dict of keys and values, got list \[1, 2\]"),
    (None, r"the 'item' cell of task 1 is empty: no table to show"),
])
def test_a_bad_cell_is_said_in_the_widget_and_other_tasks_stay_labelable(cell, message):
    df = pd.DataFrame({"item": pd.Series([CARD, cell, {"a": 1}], dtype=object)})
    ann = lw.Annotator(df, TABLE)
    ann.set("choice", "Correct")
    ann.submit()
    assert ann.current == 1
    data = shown(ann)
    assert data["rows"] == []
    assert re.fullmatch(message, data["error"])
    ann.set("choice", "Incorrect")
    with pytest.raises(ValueError, match=r"cannot submit task 1: its data cannot be shown \("
                                         + message):
        ann.submit()
    ann.skip()
    ann.set("choice", "Incorrect")
    ann.submit()
    assert list(df["choice"]) == ["Correct", None, "Incorrect"]


def test_label_studio_round_trip_is_equal_and_valid_for_the_sdk():
    df = pd.DataFrame({"item": pd.Series([CARD, {"x": "y"}], dtype=object)})
    ann = lw.Annotator(df, TABLE)
    ann.set("choice", "Incorrect")
    ann.submit()
    tasks = ann.to_label_studio()
    assert tasks[0]["data"] == {"item": CARD}
    result = tasks[0]["annotations"][0]["result"]
    assert [(r["from_name"], r["to_name"], r["type"], r["value"]) for r in result] == [
        ("choice", "table", "choices", {"choices": ["Incorrect"]})]
    interface = LabelInterface(TABLE)
    assert interface.validate_annotation(tasks[0]["annotations"][0])
    back = lw.from_label_studio(tasks, TABLE)
    assert back.at[0, "item"] == CARD
    assert back.at[0, "choice"] == "Incorrect"


def test_the_tabular_data_template_builds_on_label_studios_example_table():
    xml = (templates_dir() / "structured-data-parsing" / "tabular-data.xml").read_text()
    df = pd.DataFrame({"item": pd.Series([CARD], dtype=object)})  # the SDK's sample Table
    ann = lw.Annotator(df, xml)
    assert shown(ann)["rows"][0] == ["Card number", "18799210"]
    ann.set("choice", "Correct")
    ann.submit()
    assert LabelInterface(xml).validate_annotation(ann.to_label_studio()[0]["annotations"][0])


def test_a_table_cell_read_back_from_csv_is_shown(tmp_path):
    df = pd.DataFrame({"item": pd.Series([CARD], dtype=object)})
    df["item"] = df["item"].map(json.dumps)
    path = tmp_path / "tasks.csv"
    df.to_csv(path, index=False)
    ann = lw.Annotator(pd.read_csv(path), TABLE)
    assert shown(ann)["rows"][1] == ["First name", "Max"]


def test_value_type_url_is_not_supported_yet():
    with pytest.raises(ConfigError, match=r'line 1: <Table name="t"> not supported yet: '
                                          r'attribute valueType="url"'):
        parse_config('<View><Table name="t" value="$u" valueType="url"/></View>')


@pytest.mark.parametrize(("fmt", "name"), [("JSON_MIN", "result.json"), ("CSV", "result.csv")])
def test_json_min_and_csv_equal_label_studios_converter(tmp_path, fmt, name):
    from label_studio_sdk.converter import Converter

    import labelwidget.formats as F

    df = pd.DataFrame({"item": pd.Series([CARD, {"a": [1, 2]}, {"b": None}], dtype=object)})
    ann = lw.Annotator(df, TABLE)
    ann.set("choice", "Correct")
    ann.submit()
    ann.set("choice", "Incorrect")
    ann.submit()
    meta = {t: {"completed_by": 1, "id": 100 + t, "created_at": "2024-01-01T10:00:00.000000Z",
                "lead_time": 1.5} for t in (0, 1)}
    tasks = F.export(df, TABLE, "label_studio", tmp_path / "tasks.json", meta=meta)
    Converter(TABLE, project_dir=None, download_resources=False).convert(
        str(tasks), str(tmp_path / "ls"), fmt, is_dir=False)
    ours = F.export(df, TABLE, fmt.lower(), tmp_path / f"ours-{name}", meta=meta)
    theirs = tmp_path / "ls" / name
    if fmt == "CSV":
        assert ours.read_bytes() == theirs.read_bytes()
    else:
        assert json.loads(ours.read_text()) == json.loads(theirs.read_text())
