"""<Relations>/<Relation>: the relations cell, config errors, Label Studio JSON round trips
(checked by Label Studio's SDK), and a region deleted taking its relations with it."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from label_studio_sdk.label_interface import LabelInterface

import labelwidget as lw
from labelwidget.config import ConfigError, parse_config
from labelwidget.formats.label_studio import LabelStudioImportError, to_label_studio
from tests.corpus import templates_dir

CONFIG = """<View>
  <Relations choice="multiple">
    <Relation value="works_for"/><Relation value="knows"/>
  </Relations>
  <Text name="text" value="$text"/>
  <Labels name="ner" toName="text"><Label value="PER"/><Label value="ORG"/></Labels>
  <Image name="img" value="$image"/>
  <RectangleLabels name="box" toName="img"><Label value="Face"/></RectangleLabels>
</View>"""

SPANS = [{"id": "s1", "start": 0, "end": 5, "text": "Alice", "labels": ["PER"]},
         {"id": "s2", "start": 16, "end": 20, "text": "Acme", "labels": ["ORG"]}]
BOX = {"id": "b1", "x": 10.0, "y": 10.0, "width": 20.0, "height": 30.0, "rotation": 0,
       "rectanglelabels": ["Face"], "original_width": 100, "original_height": 80}


def frame():
    return pd.DataFrame({"text": ["Alice works for Acme.", "Bob"],
                         "image": ["https://example.com/a.jpg"] * 2})


def annotator(df=None):
    return lw.Annotator(frame() if df is None else df, CONFIG)


def test_the_column_is_named_after_the_tag_or_relations():
    assert "relations" in parse_config(CONFIG).controls
    named = CONFIG.replace('<Relations choice="multiple">', '<Relations name="links">')
    assert "links" in parse_config(named).controls


def test_relations_between_spans_and_across_objects_land_in_the_column():
    df = frame()
    ann = annotator(df)
    ann.set("ner", SPANS)
    ann.set("box", [BOX])
    ann.set("relations", [
        {"from_id": "s1", "to_id": "s2", "labels": ["works_for", "knows"]},
        {"from_id": "s1", "to_id": "b1", "direction": "bi"},
    ])
    ann.submit()
    assert df.at[0, "relations"] == [
        {"from_id": "s1", "to_id": "s2", "direction": "right", "labels": ["works_for", "knows"]},
        {"from_id": "s1", "to_id": "b1", "direction": "bi", "labels": []},
    ]


@pytest.mark.parametrize(("value", "message"), [
    ([{"from_id": "s1", "to_id": "zz"}], r"relation 0: to_id 'zz' matches no region of the task "
                                         r"\(region ids: s1, s2\)"),
    ([{"from_id": "s1", "to_id": "s2", "direction": "up"}], r"direction must be one of right, left, bi"),
    ([{"from_id": "s1", "to_id": "s2", "labels": ["hates"]}], r"'hates' is not a relation label"),
    ([{"from_id": "s1", "to_id": "s1"}], r"links region 's1' to itself"),
    ([{"from_id": "s1", "to_id": "s2"}, {"from_id": "s1", "to_id": "s2"}], r"again"),
])
def test_a_bad_relation_is_refused_by_name(value, message):
    ann = annotator()
    ann.set("ner", SPANS)
    with pytest.raises(ValueError, match=message):
        ann.set("relations", value)


def test_single_choice_allows_one_label():
    config = CONFIG.replace(' choice="multiple"', "")
    ann = lw.Annotator(frame(), config)
    ann.set("ner", SPANS)
    with pytest.raises(ValueError, match=r'allows one \(choice="single"\)'):
        ann.set("relations", [{"from_id": "s1", "to_id": "s2", "labels": ["works_for", "knows"]}])


def test_deleting_a_region_deletes_its_relations():
    df = frame()
    ann = annotator(df)
    ann.set("ner", SPANS)
    ann.set("box", [BOX])
    ann.set("relations", [{"from_id": "s1", "to_id": "s2"}, {"from_id": "s1", "to_id": "b1"}])
    ann.set("ner", SPANS[:1])  # s2 deleted
    assert ann.values["relations"] == [
        {"from_id": "s1", "to_id": "b1", "direction": "right", "labels": []}]
    widget = ann._compiled.part_of("relations").widget
    assert widget.value["relations"] == ann.values["relations"]  # the browser is told
    ann.submit()
    assert df.at[0, "relations"] == [
        {"from_id": "s1", "to_id": "b1", "direction": "right", "labels": []}]


def test_a_browser_edit_that_deletes_a_region_drops_its_relations():
    ann = annotator()
    ann.set("ner", SPANS)
    ann.set("relations", [{"from_id": "s1", "to_id": "s2"}])
    spans = ann._compiled.part_of("ner").widget
    spans.value = {"ner": SPANS[:1]}  # as the browser's edit arrives
    assert ann.values["relations"] == []


def test_label_studio_round_trip_is_equal_and_valid_for_the_sdk():
    df = frame()
    ann = annotator(df)
    ann.set("ner", SPANS)
    ann.set("box", [BOX])
    ann.set("relations", [{"from_id": "s2", "to_id": "s1", "direction": "left",
                           "labels": ["works_for"]},
                          {"from_id": "b1", "to_id": "s1", "direction": "bi"}])
    ann.submit()
    tasks = ann.to_label_studio()
    result = tasks[0]["annotations"][0]["result"]
    relations = [r for r in result if r["type"] == "relation"]
    assert [{k: r[k] for k in ("from_id", "to_id", "type", "direction", "labels")}
            for r in relations] == [
        {"from_id": "s2", "to_id": "s1", "type": "relation", "direction": "left",
         "labels": ["works_for"]},
        {"from_id": "b1", "to_id": "s1", "type": "relation", "direction": "bi", "labels": []}]
    assert all("from_name" not in r for r in relations)  # as Label Studio writes them
    interface = LabelInterface(CONFIG)
    for task in tasks:
        for annotation in task["annotations"]:
            assert interface.validate_annotation(annotation), annotation
    back = lw.from_label_studio(tasks, CONFIG)
    assert back.at[0, "relations"] == df.at[0, "relations"]
    assert back.at[1, "relations"] is None or pd.isna(back.at[1, "relations"])


def test_the_relation_extraction_template_imports_and_exports_its_example():
    path = templates_dir() / "natural-language-processing" / "relation-extraction.xml"
    xml = path.read_text()
    example = json.loads(xml.split("<!--", 1)[1].rsplit("-->", 1)[0])
    task = {"id": 7, "data": example["data"], "annotations": example["annotations"]}
    df = lw.from_label_studio([task], xml)
    assert df.at[7, "relations"] == [
        {"from_id": "a-ubmF-dP2", "to_id": "dQ_pmsrWsm", "direction": "right",
         "labels": ["org:founded_by"]},
        {"from_id": "a-ubmF-dP2", "to_id": "IpmpOMj0vw", "direction": "right", "labels": []},
        {"from_id": "a-ubmF-dP2", "to_id": "Q-zXcdacte", "direction": "right",
         "labels": ["org:founded"]}]
    out = to_label_studio(df, xml)
    mine = [r for r in out[0]["annotations"][0]["result"] if r["type"] == "relation"]
    theirs = [r for r in example["annotations"][0]["result"] if r["type"] == "relation"]
    assert mine == theirs
    assert LabelInterface(xml).validate_annotation(out[0]["annotations"][0])


def test_an_imported_relation_to_no_region_names_task_and_result():
    tasks = [{"id": 3, "data": {"text": "Alice works for Acme.", "image": "a.jpg"},
              "annotations": [{"result": [
                  {"id": "s1", "from_name": "ner", "to_name": "text", "type": "labels",
                   "value": {"start": 0, "end": 5, "text": "Alice", "labels": ["PER"]}},
                  {"from_id": "nope", "to_id": "s1", "type": "relation", "direction": "right"},
              ]}]}]
    with pytest.raises(LabelStudioImportError,
                       match=r"task 3, annotation 0, result 1: relation: from_id 'nope' matches "
                             r"no region of the task \(region ids: s1\)"):
        lw.from_label_studio(tasks, CONFIG)


def test_a_relation_without_a_relations_tag_is_named():
    config = CONFIG.replace('<Relations choice="multiple">\n    <Relation value="works_for"/>'
                            '<Relation value="knows"/>\n  </Relations>', "")
    tasks = [{"id": 1, "data": {"text": "Alice", "image": "a.jpg"}, "annotations": [{"result": [
        {"from_id": "a", "to_id": "b", "type": "relation", "direction": "right"}]}]}]
    with pytest.raises(LabelStudioImportError, match=r"result 0: a relation between regions, but the config "
                                        r"has no <Relations> tag"):
        lw.from_label_studio(tasks, config)


def test_a_relation_outside_relations_is_a_config_error_naming_line_and_tag():
    config = """<View>
  <Text name="text" value="$text"/>
  <Labels name="ner" toName="text"><Label value="PER"/></Labels>
  <Relation value="knows"/>
</View>"""
    with pytest.raises(ConfigError, match=r'line 4: <Relation> value="knows" must be inside '
                                          r"<Relations>"):
        parse_config(config)


def test_relations_without_region_controls_is_a_config_error():
    config = """<View>
  <Relations><Relation value="knows"/></Relations>
  <Text name="text" value="$text"/>
  <Choices name="c" toName="text"><Choice value="a"/></Choices>
</View>"""
    with pytest.raises(ConfigError, match=r'line 2: <Relations name="relations"> links regions, '
                                          r"but the config has no region control"):
        parse_config(config)


def test_a_prefilled_relation_to_no_region_is_a_data_error_naming_row_and_column():
    df = frame()
    df["ner"] = pd.Series([SPANS, None], dtype=object)
    df["relations"] = pd.Series([[{"from_id": "s1", "to_id": "gone"}], None], dtype=object)
    with pytest.raises(lw.DataError, match=r"relations.*to_id 'gone' matches no region"):
        annotator(df)


def test_a_prefilled_relation_without_direction_or_labels_exports_as_label_studio_would():
    df = frame()
    df["ner"] = pd.Series([SPANS, None], dtype=object)
    df["relations"] = pd.Series([[{"from_id": "s1", "to_id": "s2"}], None], dtype=object)
    annotator(df)  # binds: the cell is valid
    result = to_label_studio(df, CONFIG)[0]["annotations"][0]["result"]
    assert [r for r in result if r["type"] == "relation"] == [
        {"from_id": "s1", "to_id": "s2", "type": "relation", "direction": "right", "labels": []}]
