"""<List>/<Ranker>/<Bucket>: the ranker cell (Label Studio's value.ranker), config and data
errors, the browser's edits and submits, and Label Studio JSON round trips checked by Label
Studio's SDK."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from label_studio_sdk.label_interface import LabelInterface

import labelwidget as lw
from labelwidget.config import ConfigError, parse_config
from labelwidget.formats.label_studio import LabelStudioImportError, to_label_studio
from tests.corpus import templates_dir

RANK = """<View>
  <Text name="prompt" value="$prompt"/>
  <List name="answers" value="$items" title="Answers"/>
  <Ranker name="rank" toName="answers"/>
</View>"""

BUCKETS = """<View>
  <List name="answers" value="$items" title="Answers"/>
  <Ranker name="pick" toName="answers">
    <Bucket name="good" title="Good"/>
    <Bucket name="bad" title="Bad"/>
  </Ranker>
</View>"""

ITEMS = [{"id": "a1", "title": "A", "body": "first answer"},
         {"id": "a2", "title": "B", "body": "second answer"},
         {"id": "a3", "title": "C", "body": "third answer"}]


def frame(n=2):
    return pd.DataFrame({"prompt": [f"question {i}" for i in range(n)],
                         "items": pd.Series([ITEMS] * n, dtype=object)})


def bucket_frame():
    return pd.DataFrame({"items": pd.Series([ITEMS, ITEMS[:2]], dtype=object)})


def browser_edit(ann, control, value):
    """What the browser sends after a drag or a key move (the same path as a comm message)."""
    widget = ann._compiled.part_of(control).widget
    widget.value = {control: value}


def sdk_valid(config, tasks):
    interface = LabelInterface(config)
    for task in tasks:
        for annotation in task["annotations"]:
            assert interface.validate_annotation(annotation), annotation


def test_a_ranking_lands_in_the_column_as_label_studio_writes_it():
    df = frame()
    ann = lw.Annotator(df, RANK)
    ann.set("rank", {"rank": ["a3", "a1", "a2"]})
    ann.submit()
    assert df.at[0, "rank"] == {"rank": ["a3", "a1", "a2"]}
    assert df.at[1, "rank"] is None


def test_an_untouched_ranking_submitted_from_python_records_the_order_shown():
    df = frame()
    ann = lw.Annotator(df, RANK)
    assert ann.values["rank"] == {"rank": ["a1", "a2", "a3"]}  # shown before any move
    assert df.at[0, "rank"] is None  # not labeled until submitted
    ann.submit()
    assert df.at[0, "rank"] == {"rank": ["a1", "a2", "a3"]}


def test_a_browser_drag_is_what_a_submit_records():
    df = frame()
    ann = lw.Annotator(df, RANK)
    browser_edit(ann, "rank", {"rank": ["a2", "a1", "a3"]})
    ann.submit()
    assert df.at[0, "rank"] == {"rank": ["a2", "a1", "a3"]}


def test_the_widget_gets_the_items_and_its_columns():
    ann = lw.Annotator(bucket_frame(), BUCKETS)
    widget = ann._compiled.part_of("pick").widget
    assert widget.columns == [{"name": "_", "title": ""}, {"name": "good", "title": "Good"},
                              {"name": "bad", "title": "Bad"}]
    assert widget.default_column == "_"
    payload = widget.tasks[widget.task]
    assert [i["id"] for i in payload["data"]["items"]] == ["a1", "a2", "a3"]
    assert payload["data"]["items"][0]["title"] == "A"


def test_buckets_keep_every_column_and_unsorted_items_stay_in_the_list():
    df = bucket_frame()
    ann = lw.Annotator(df, BUCKETS)
    ann.set("pick", {"good": ["a2"]})  # a partial value, as Label Studio may import one
    ann.submit()
    assert df.at[0, "pick"] == {"_": ["a1", "a3"], "good": ["a2"], "bad": []}


def test_a_default_bucket_holds_the_items_not_moved():
    config = BUCKETS.replace('<Bucket name="bad" title="Bad"/>',
                             '<Bucket name="bad" title="Bad" default="true"/>')
    df = bucket_frame()
    ann = lw.Annotator(df, config)
    widget = ann._compiled.part_of("pick").widget
    assert [c["name"] for c in widget.columns] == ["good", "bad"]  # no "_" column
    assert widget.default_column == "bad"
    ann.set("pick", {"good": ["a1"]})
    ann.submit()
    assert df.at[0, "pick"] == {"good": ["a1"], "bad": ["a2", "a3"]}


@pytest.mark.parametrize(("value", "message"), [
    ({"rank": ["a1", "a1", "a2", "a3"]}, r"item 'a1' is in 'rank' and again in 'rank'"),
    ({"rank": ["a1", "zz", "a2", "a3"]}, r"item 'zz' is not an item of the task's list"),
    ({"rank": ["a1", "a2"]}, r"a ranking orders every item: 'a3' missing"),
    ({"best": ["a1"]}, r"'best' is not a column of <Ranker name=\"rank\"> \(columns: rank\)"),
    (["a1", "a2", "a3"], r"expected a dict of column -> item ids"),
    ({"rank": "a1"}, r"'rank': expected a list of item ids"),
])
def test_a_bad_ranking_is_refused_by_name(value, message):
    ann = lw.Annotator(frame(), RANK)
    with pytest.raises(ValueError, match=message):
        ann.set("rank", value)


def test_label_studio_round_trip_is_equal_and_valid_for_the_sdk():
    df = frame()
    ann = lw.Annotator(df, RANK)
    ann.set("rank", {"rank": ["a3", "a1", "a2"]})
    ann.submit()
    tasks = ann.to_label_studio()
    result = tasks[0]["annotations"][0]["result"]
    assert [(r["from_name"], r["to_name"], r["type"], r["value"]) for r in result] == [
        ("rank", "answers", "ranker", {"ranker": {"rank": ["a3", "a1", "a2"]}})]
    sdk_valid(RANK, tasks)
    back = lw.from_label_studio(tasks, RANK)
    assert back.at[0, "rank"] == df.at[0, "rank"]
    assert back.at[1, "rank"] is None or pd.isna(back.at[1, "rank"])


def test_buckets_round_trip_and_are_valid_for_the_sdk():
    df = bucket_frame()
    ann = lw.Annotator(df, BUCKETS)
    ann.set("pick", {"good": ["a3", "a1"], "bad": ["a2"]})
    ann.submit()
    ann.set("pick", {"bad": ["a2"]})
    ann.submit()
    tasks = ann.to_label_studio()
    values = [t["annotations"][0]["result"][0]["value"] for t in tasks]
    assert values == [{"ranker": {"_": [], "good": ["a3", "a1"], "bad": ["a2"]}},
                      {"ranker": {"_": ["a1"], "good": [], "bad": ["a2"]}}]
    sdk_valid(BUCKETS, tasks)
    back = lw.from_label_studio(tasks, BUCKETS)
    assert list(back["pick"]) == list(df["pick"])


def test_the_llm_ranker_template_builds_on_its_example_and_exports_valid_json():
    path = templates_dir() / "generative-ai" / "llm-ranker.xml"
    xml = path.read_text()
    example = json.loads(xml.rsplit("<!--", 1)[1].rsplit("-->", 1)[0])
    df = lw.from_label_studio([{"id": 1, "data": example["data"]}], xml)
    ann = lw.Annotator(df, xml)
    ids = [i["id"] for i in example["data"]["items"]]
    ann.set("rank", {"relevant_results": ids[:2], "biased_results": [ids[1 + 1]]})
    ann.submit()
    assert df.at[1, "rank"] == {"_": ids[3:], "relevant_results": ids[:2],
                                "biased_results": [ids[2]]}
    out = to_label_studio(df, xml)
    sdk_valid(xml, out)


def test_an_imported_ranking_of_unknown_items_names_task_and_result():
    tasks = [{"id": 4, "data": {"prompt": "q", "items": ITEMS}, "annotations": [{"result": [
        {"from_name": "rank", "to_name": "answers", "type": "ranker",
         "value": {"ranker": {"rank": ["a1", "a2", "nope"]}}}]}]}]
    with pytest.raises(LabelStudioImportError, match=r"task 4, annotation 0, result 0.*"
                                                     r"item 'nope' is not an item"):
        lw.from_label_studio(tasks, RANK)


def test_a_prefilled_bad_ranking_is_a_data_error_naming_row_and_column():
    df = frame()
    df["rank"] = pd.Series([{"rank": ["a1", "x"]}, None], dtype=object)
    with pytest.raises(lw.DataError, match=r"row 0, column 'rank': item 'x' is not an "
                                          r"item of the task's list \(items: a1, a2, a3\)"):
        lw.Annotator(df, RANK)


def test_items_without_ids_are_said_in_the_widget_and_other_tasks_stay_labelable():
    df = frame(3)
    df.at[1, "items"] = [{"title": "no id"}, {"id": "b", "title": "B"}]
    ann = lw.Annotator(df, RANK)
    widget = ann._compiled.part_of("rank").widget
    ann.set("rank", {"rank": ["a1", "a2", "a3"]})
    ann.submit()  # task 0
    assert ann.current == 1
    error = widget.tasks[widget.task]["data"]["error"]
    assert error == "the 'items' cell: item 0 has no id (each item needs a text id), got " \
                    "{'title': 'no id'}"
    with pytest.raises(ValueError, match=r"cannot submit task 1: its data cannot be shown "
                                         r"\(the 'items' cell: item 0 has no id"):
        ann.submit()
    ann.skip()
    ann.set("rank", {"rank": ["a2", "a3", "a1"]})
    ann.submit()  # task 2
    assert df.at[0, "rank"] == {"rank": ["a1", "a2", "a3"]}
    assert df.at[2, "rank"] == {"rank": ["a2", "a3", "a1"]}


def test_a_list_cell_read_from_csv_as_json_text_is_shown():
    df = pd.DataFrame({"prompt": ["q"], "items": [json.dumps(ITEMS)]})
    ann = lw.Annotator(df, RANK)
    widget = ann._compiled.part_of("rank").widget
    assert [i["id"] for i in widget.tasks[widget.task]["data"]["items"]] == ["a1", "a2", "a3"]
    with pytest.raises(ValueError, match=r"item 'zz' is not an item of the task's list"):
        ann.set("rank", {"rank": ["a1", "a2", "zz"]})


def test_html_of_an_item_is_sanitized():
    items = [{"id": "x", "html": "<img src='https://e.org/a.png' onerror='alert(1)'>"
                                 "<script>alert(2)</script>"}]
    df = pd.DataFrame({"prompt": ["q"], "items": pd.Series([items], dtype=object)})
    ann = lw.Annotator(df, RANK)
    widget = ann._compiled.part_of("rank").widget
    html = widget.tasks[widget.task]["data"]["items"][0]["html"]
    assert "onerror" not in html and "script" not in html and "https://e.org/a.png" in html


def test_a_list_without_ranker_is_shown_and_produces_no_column():
    config = """<View>
  <List name="answers" value="$items" title="Answers"/>
  <Choices name="ok" toName="answers"><Choice value="fine"/></Choices>
</View>"""
    df = pd.DataFrame({"items": pd.Series([ITEMS], dtype=object)})
    ann = lw.Annotator(df, config)
    assert set(ann.values) == {"ok"}


@pytest.mark.parametrize(("config", "message"), [
    ('<View><List name="l" value="$items"/><Bucket name="b"/>'
     '<Choices name="c" toName="l"><Choice value="x"/></Choices></View>',
     r'line 1: <Bucket name="b"> must be inside <Ranker>'),
    ('<View><List name="l" value="$items"/>\n<Ranker name="r" toName="l">\n'
     '<Bucket name="b" default="true"/>\n<Bucket name="c" default="true"/></Ranker></View>',
     r'line 4: <Bucket name="c"> default="true" again \(the bucket on line 3'),
    ('<View><List name="l" value="$items"/>\n<Ranker name="r" toName="l">\n'
     '<Bucket name="b"/>\n<Bucket name="b"/></Ranker></View>',
     r'line 4: <Bucket name="b"> name="b" is already a bucket on line 3'),
    ('<View><List name="l" value="$items"/>\n<Ranker name="r" toName="l">\n'
     '<Bucket title="no name"/></Ranker></View>',
     r'line 3: <Bucket> needs a name="..."'),
    ('<View><List name="l" value="$items"/>\n<Ranker name="r" toName="l">\n'
     '<Bucket name="_"/></Ranker></View>',
     r'line 3: <Bucket name="_"> name="_" is the list\'s own column'),
    ('<View><Text name="t" value="$text"/>\n<Ranker name="r" toName="t"/></View>',
     r'line 2: <Ranker name="r"> cannot label <Text name="t">: <Ranker> labels <List>'),
])
def test_config_errors_name_line_and_tag(config, message):
    with pytest.raises(ConfigError, match=message):
        parse_config(config)


@pytest.mark.parametrize(("config", "fmt", "name"), [
    (RANK, "JSON_MIN", "result.json"), (RANK, "CSV", "result.csv"),
    (BUCKETS, "JSON_MIN", "result.json"), (BUCKETS, "CSV", "result.csv")])
def test_json_min_and_csv_equal_label_studios_converter(tmp_path, config, fmt, name):
    from label_studio_sdk.converter import Converter

    import labelwidget.formats as F

    df = frame(3) if config is RANK else bucket_frame()
    control = "rank" if config is RANK else "pick"
    df[control] = pd.Series([None] * len(df), dtype=object)
    df.at[0, control] = ({"rank": ["a3", "a1", "a2"]} if config is RANK
                         else {"_": ["a1", "a3"], "good": ["a2"], "bad": []})
    meta = {0: {"completed_by": 1, "id": 100, "created_at": "2024-01-01T10:00:00.000000Z",
                "lead_time": 1.5}}
    tasks = F.export(df, config, "label_studio", tmp_path / "tasks.json", meta=meta)
    Converter(config, project_dir=None, download_resources=False).convert(
        str(tasks), str(tmp_path / "ls"), fmt, is_dir=False)
    ours = F.export(df, config, fmt.lower(), tmp_path / f"ours-{name}", meta=meta)
    theirs = tmp_path / "ls" / name
    if fmt == "CSV":
        assert ours.read_bytes() == theirs.read_bytes()
    else:
        assert json.loads(ours.read_text()) == json.loads(theirs.read_text())


def test_a_ranking_survives_the_store_and_lw_load(tmp_path):
    store = tmp_path / "labels.sqlite"
    ann = lw.Annotator(bucket_frame(), BUCKETS, store=store)
    ann.set("pick", {"good": ["a3", "a1"]})
    ann.submit()
    ann.close()
    again = bucket_frame()
    lw.Annotator(again, BUCKETS, store=store)
    assert again.at[0, "pick"] == {"_": ["a2"], "good": ["a3", "a1"], "bad": []}
    assert lw.load(store).loc[0, "pick"] == {"_": ["a2"], "good": ["a3", "a1"], "bad": []}


def test_the_cheat_sheet_lists_the_moves():
    ann = lw.Annotator(bucket_frame(), BUCKETS)
    rows = {key: what for key, what in ann.toolbar.help}
    assert rows["alt+arrowup / alt+arrowdown"] == "pick: move the focused item up / down"
    assert rows["alt+1 / alt+2 / alt+3"] == "pick: move it to that column (1 = first)"
    ranked = {key for key, _ in lw.Annotator(frame(), RANK).toolbar.help}
    assert "alt+arrowleft / alt+arrowright" not in ranked  # one column: nowhere to move to
