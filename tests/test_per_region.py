"""perRegion and visibleWhen (issue 11 items 1, 2): config checks, values in the DataFrame
({region id: value}), Label Studio's submit rules, Label Studio JSON round trips checked by the
Label Studio SDK, and the rules the browser receives."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from label_studio_sdk.label_interface import LabelInterface

import labelwidget as lw
from labelwidget.config import ConfigError, parse_config
from labelwidget.widgets import ConditionWidget

TEXT = "Alice Smith works at Acme Corp."
ALICE = {"id": "a1", "start": 0, "end": 11, "text": "Alice Smith", "labels": ["PER"]}
ACME = {"id": "o1", "start": 21, "end": 30, "text": "Acme Corp", "labels": ["ORG"]}

NER = """
<View>
  <Text name="text" value="$text"/>
  <Labels name="ner" toName="text"><Label value="PER"/><Label value="ORG"/></Labels>
  <TextArea name="norm" toName="text" perRegion="true"/>
  <Choices name="gender" toName="text" perRegion="true" visibleWhen="region-selected"
           whenLabelValue="PER"><Choice value="female"/><Choice value="male"/></Choices>
  <Rating name="confidence" toName="text" perRegion="true"/>
  <Number name="age" toName="text" perRegion="true" whenLabelValue="PER"/>
  <Taxonomy name="kind" toName="text" perRegion="true">
    <Choice value="Company"><Choice value="Bank"/></Choice>
  </Taxonomy>
  <DateTime name="born" toName="text" perRegion="true" only="date"/>
</View>
"""


def ner_annotator(config=NER):
    df = pd.DataFrame({"text": [TEXT, "Second."]}, index=["t1", "t2"])
    return df, lw.Annotator(df, config)


def validate(config: str, tasks: list[dict]) -> None:
    """Every exported annotation passes Label Studio SDK's validator."""
    interface = LabelInterface(config)
    for task in tasks:
        for annotation in task.get("annotations", []):
            assert interface.validate_annotation(annotation), annotation


def config_problems(xml: str) -> list:
    with pytest.raises(ConfigError) as err:
        parse_config(xml)
    return err.value.issues


# -- config ----------------------------------------------------------------------------------


def test_per_region_controls_parse_on_every_value_control():
    config = parse_config(NER)
    per_region = [n for n, c in config.controls.items() if c.per_region]
    assert per_region == ["norm", "gender", "confidence", "age", "kind", "born"]


def test_per_region_needs_regions_on_its_object():
    [issue] = config_problems("""<View>
  <Text name="text" value="$text"/>
  <TextArea name="norm" toName="text" perRegion="true"/>
</View>""")
    assert (issue.line, issue.tag, issue.name) == (3, "TextArea", "norm")
    assert issue.message.startswith('perRegion="true" needs regions to attach values to')
    assert '<Text name="text">' in issue.message


@pytest.mark.parametrize(("attrs", "message"), [
    ('visibleWhen="choice-selected" whenTagName="sentimnet"',
     'whenTagName="sentimnet" matches no control tag (controls: ner, sentiment, c)'),
    ('visibleWhen="region-selected" whenTagName="sentiment"',
     'whenTagName="sentiment" names <Choices>, which draws no regions'),
    ('visibleWhen="region-selected" whenLabelValue="LOC"',
     'whenLabelValue="LOC": "LOC" is not a label of any region control (labels: PER, ORG)'),
    ('visibleWhen="choice-selected" whenTagName="sentiment" whenChoiceValue="Neutral"',
     'whenChoiceValue="Neutral": "Neutral" is not an option of <Choices name="sentiment"> '
     "(options: Positive, Negative)"),
    ('visibleWhen="choice-selected" whenTagName="ner"',
     'whenTagName="ner" names <Labels>; with visibleWhen="choice-selected" it must name a '
     "<Choices> or <Taxonomy>"),
    ('visibleWhen="sometimes"',
     'visibleWhen="sometimes" must be one of "region-selected", "no-region-selected", '
     '"choice-selected", "choice-unselected"'),
])
def test_visible_when_names_what_exists(attrs, message):
    issues = config_problems(f"""<View>
  <Text name="text" value="$text"/>
  <Labels name="ner" toName="text"><Label value="PER"/><Label value="ORG"/></Labels>
  <Choices name="sentiment" toName="text"><Choice value="Positive"/><Choice value="Negative"/></Choices>
  <TextArea name="c" toName="text" {attrs}/>
</View>""")
    assert [(i.line, i.tag, i.name) for i in issues] == [(5, "TextArea", "c")]
    assert issues[0].message.startswith(message), issues[0].message


def test_a_qualifier_without_visible_when_is_ignored_with_a_warning():
    with pytest.warns(lw.ConfigWarning) as caught:
        parse_config("""<View>
  <Text name="text" value="$text"/>
  <Labels name="ner" toName="text"><Label value="PER"/></Labels>
  <TextArea name="c" toName="text" whenTagName="ner"/>
</View>""")
    [issue] = [i for w in caught for i in w.message.issues]
    assert (issue.line, issue.tag, issue.attribute) == (4, "TextArea", "whenTagName")
    assert issue.message.startswith("has no effect without visibleWhen")


def test_visible_when_on_a_view_names_what_exists():
    [issue] = config_problems("""<View>
  <Text name="text" value="$text"/>
  <Choices name="sentiment" toName="text"><Choice value="Positive"/></Choices>
  <View visibleWhen="choice-selected" whenTagName="mood">
    <TextArea name="why" toName="text"/>
  </View>
</View>""")
    assert (issue.line, issue.tag) == (4, "View")
    assert issue.message.startswith('whenTagName="mood" matches no control tag')


def test_when_role_needs_a_chat():
    issues = config_problems("""<View>
  <Text name="text" value="$text"/>
  <Labels name="ner" toName="text"><Label value="PER"/></Labels>
  <TextArea name="c" toName="text" perRegion="true" whenRole="assistant"/>
</View>""")
    assert [(i.line, i.tag, i.message) for i in issues] == [
        (4, "TextArea", 'whenRole="assistant" names roles of <Chat> messages, and the config '
                        "has no <Chat>")]


# -- values ----------------------------------------------------------------------------------


def test_per_region_values_land_keyed_by_region_id():
    df, ann = ner_annotator()
    ann.set("ner", [ALICE, ACME])
    ann.set("norm", {"a1": "Alice B. Smith", "o1": "ACME Corporation"})
    ann.set("gender", {"a1": "female"})
    ann.set("confidence", {"o1": 4})
    ann.set("age", {"a1": 41})
    ann.set("kind", {"o1": [["Company", "Bank"]]})
    ann.set("born", {"a1": "1980-02-03"})
    ann.submit()
    row = df.loc["t1"]
    assert row["norm"] == {"a1": "Alice B. Smith", "o1": "ACME Corporation"}
    assert row["gender"] == {"a1": "female"}
    assert row["confidence"] == {"o1": 4}
    assert row["age"] == {"a1": 41.0}
    assert row["kind"] == {"o1": [["Company", "Bank"]]}
    assert row["born"] == {"a1": "1980-02-03"}


def test_each_region_value_is_checked_as_the_usual_cell():
    _, ann = ner_annotator()
    ann.set("ner", [ALICE])
    with pytest.raises(ValueError, match='gender: region "a1": \'other\' is not an option'):
        ann.set("gender", {"a1": "other"})
    with pytest.raises(ValueError, match=r"norm: perRegion: expected \{region id: value\}"):
        ann.set("norm", "just text")


def test_deleting_a_region_drops_its_values_at_submit():
    df, ann = ner_annotator()
    ann.set("ner", [ALICE, ACME])
    ann.set("norm", {"a1": "Alice", "o1": "ACME"})
    ann.set("ner", [ALICE])  # Acme's span deleted
    ann.submit()
    assert df.at["t1", "norm"] == {"a1": "Alice"}


def test_a_region_filter_drops_values_on_regions_it_does_not_apply_to():
    df, ann = ner_annotator()
    ann.set("ner", [ALICE, ACME])
    ann.set("age", {"a1": 41, "o1": 12})  # age applies to PER regions only (whenLabelValue)
    ann.submit()
    assert df.at["t1", "age"] == {"a1": 41.0}


def test_required_per_region_names_the_region_without_a_value():
    config = NER.replace('<TextArea name="norm" toName="text" perRegion="true"/>',
                         '<TextArea name="norm" toName="text" perRegion="true" required="true"/>')
    df, ann = ner_annotator(config)
    ann.set("ner", [ALICE, ACME])
    ann.set("norm", {"a1": "Alice"})
    with pytest.raises(ValueError) as err:
        ann.submit()
    assert str(err.value) == ("cannot submit task 't1': norm: region \"o1\" (ORG \"Acme Corp\") "
                              "needs a value")
    assert ann.values["norm"] == {"a1": "Alice"}  # nothing typed is lost
    ann.set("norm", {"a1": "Alice", "o1": "ACME"})
    ann.submit()
    assert df.at["t1", "norm"] == {"a1": "Alice", "o1": "ACME"}


def test_required_per_region_without_regions_does_not_block():
    config = NER.replace('<TextArea name="norm" toName="text" perRegion="true"/>',
                         '<TextArea name="norm" toName="text" perRegion="true" required="true"/>')
    df, ann = ner_annotator(config)
    ann.set("ner", [])
    ann.submit()
    assert df.at["t1", "ner"] == [] and df.at["t1", "norm"] is None


CHOICE_RULES = """
<View>
  <Text name="text" value="$text"/>
  <Choices name="sentiment" toName="text"><Choice value="Positive"/><Choice value="Negative"/>
  </Choices>
  <Choices name="why" toName="text" visibleWhen="choice-selected" whenTagName="sentiment"
           whenChoiceValue="Negative" required="true"><Choice value="Rude"/><Choice value="Late"/>
  </Choices>
  <View visibleWhen="choice-unselected" whenTagName="sentiment">
    <TextArea name="note" toName="text" required="true"/>
  </View>
</View>
"""


def test_a_control_hidden_by_a_choice_is_not_submitted_and_not_required():
    df = pd.DataFrame({"text": ["a", "b", "c"]})
    ann = lw.Annotator(df, CHOICE_RULES)
    ann.set("sentiment", "Positive")
    ann.set("why", "Rude")  # set, then hidden: Label Studio does not submit it
    ann.submit()
    assert df.at[0, "sentiment"] == "Positive" and df.at[0, "why"] is None
    ann.set("sentiment", "Negative")
    with pytest.raises(ValueError, match="why is required"):  # shown now, so required
        ann.submit()
    ann.set("why", "Late")
    ann.submit()
    assert df.at[1, "why"] == "Late"
    with pytest.raises(ValueError, match="note is required"):  # no choice: the View shows
        ann.submit()


# -- Label Studio JSON -----------------------------------------------------------------------


def test_spans_round_trip_through_label_studio_json():
    df, ann = ner_annotator()
    ann.set("ner", [ALICE, ACME])
    ann.set("norm", {"a1": "Alice B. Smith", "o1": "ACME Corporation"})
    ann.set("gender", {"a1": "female"})
    ann.set("kind", {"o1": [["Company", "Bank"]]})
    ann.submit()
    tasks = ann.to_label_studio()
    validate(NER, tasks)
    result = tasks[0]["annotations"][0]["result"]
    norm = sorted((r for r in result if r["from_name"] == "norm"), key=lambda r: r["id"])
    # Label Studio's per-region result: the region's id and span, plus the control's value.
    assert [(r["id"], r["to_name"], r["type"], r["value"]) for r in norm] == [
        ("a1", "text", "textarea", {"start": 0, "end": 11, "text": ["Alice B. Smith"]}),
        ("o1", "text", "textarea", {"start": 21, "end": 30, "text": ["ACME Corporation"]}),
    ]
    [gender] = [r for r in result if r["from_name"] == "gender"]
    assert gender["value"] == {"start": 0, "end": 11, "text": "Alice Smith", "choices": ["female"]}
    back = lw.from_label_studio(tasks, NER)
    for column in ("ner", "norm", "gender", "kind"):
        assert back.at["t1", column] == df.at["t1", column], column


BOXES = """
<View>
  <Image name="image" value="$image"/>
  <RectangleLabels name="boxes" toName="image"><Label value="Car"/></RectangleLabels>
  <PolygonLabels name="areas" toName="image"><Label value="Road"/></PolygonLabels>
  <KeyPointLabels name="points" toName="image"><Label value="Nose"/></KeyPointLabels>
  <TextArea name="comment" toName="image" perRegion="true"/>
  <Choices name="occluded" toName="image" perRegion="true"><Choice value="yes"/></Choices>
</View>
"""
SIZE = {"original_width": 400, "original_height": 300}
BOX = {"id": "b1", "x": 10, "y": 20, "width": 30, "height": 40, "rotation": 0,
       "rectanglelabels": ["Car"], **SIZE}
AREA = {"id": "p1", "points": [[10, 10], [50, 10], [30, 40]], "polygonlabels": ["Road"], **SIZE}
POINT = {"id": "k1", "x": 60, "y": 70, "width": 1, "keypointlabels": ["Nose"], **SIZE}


def test_image_regions_round_trip_through_label_studio_json():
    df = pd.DataFrame({"image": [np.zeros((300, 400, 3), dtype=np.uint8)]})
    ann = lw.Annotator(df, BOXES)
    ann.set("boxes", [BOX])
    ann.set("areas", [AREA])
    ann.set("points", [POINT])
    ann.set("comment", {"b1": "red car", "p1": "wet", "k1": "left nostril"})
    ann.set("occluded", {"b1": "yes"})
    ann.submit()
    assert df.at[0, "comment"] == {"b1": "red car", "p1": "wet", "k1": "left nostril"}
    tasks = ann.to_label_studio()
    validate(BOXES, tasks)
    result = tasks[0]["annotations"][0]["result"]
    by_id = {r["id"]: r for r in result if r["from_name"] == "comment"}
    assert by_id["b1"]["value"] == {"x": 10, "y": 20, "width": 30, "height": 40, "rotation": 0,
                                    "text": ["red car"]}
    assert (by_id["b1"]["original_width"], by_id["b1"]["original_height"]) == (400, 300)
    assert by_id["p1"]["value"]["points"] == [[10, 10], [50, 10], [30, 40]]
    assert by_id["k1"]["value"]["text"] == ["left nostril"]
    tasks[0]["data"]["image"] = "a.png"  # (the export carries no pixels)
    back = lw.from_label_studio(tasks, BOXES)
    for column in ("comment", "occluded"):
        assert back.at[0, column] == df.at[0, column], column
    for column in ("boxes", "areas", "points"):  # (imported regions also keep their origin)
        assert [{k: v for k, v in r.items() if k != "origin"} for r in back.at[0, column]] \
            == df.at[0, column], column


def test_an_imported_per_region_result_must_name_a_region():
    tasks = [{"id": 1, "data": {"text": TEXT}, "annotations": [{"result": [
        {"id": "a1", "from_name": "ner", "to_name": "text", "type": "labels",
         "value": {"start": 0, "end": 11, "text": "Alice Smith", "labels": ["PER"]}},
        {"id": "zz", "from_name": "norm", "to_name": "text", "type": "textarea",
         "value": {"start": 3, "end": 4, "text": ["orphan"]}},
    ]}]}]
    with pytest.raises(lw.LabelStudioImportError) as err:
        lw.from_label_studio(tasks, NER)
    text = str(err.value)
    assert "result 1" in text and '(from_name "norm")' in text
    assert "id 'zz' matches none (region ids: a1)" in text


# -- what the browser receives ---------------------------------------------------------------


def test_the_widgets_carry_their_rules():
    _, ann = ner_annotator()
    norm = ann._compiled.part_of("norm").widget
    assert norm.per_region == {"objects": ["text"], "tag": "", "options": [], "roles": []}
    gender = ann._compiled.part_of("gender").widget
    assert gender.per_region == {"objects": ["text"], "tag": "", "options": ["PER"], "roles": []}
    assert gender.visible_when["when"] == "region-selected"
    assert gender.visible_when["options"] == ["PER"]
    assert ann._compiled.part_of("ner").widget.per_region == {}


def test_a_view_with_visible_when_holds_a_condition_widget():
    df = pd.DataFrame({"text": ["a"]})
    ann = lw.Annotator(df, CHOICE_RULES)
    [condition] = [p.widget for p in ann._parts if isinstance(p.widget, ConditionWidget)]
    assert condition.visible_when["when"] == "choice-unselected"
    assert condition.visible_when["tag"] == "sentiment"
    assert condition.group == ann._group


def test_a_region_deleted_then_restored_keeps_its_value():
    df, ann = ner_annotator()
    ann.set("ner", [ALICE, ACME])
    ann.set("norm", {"a1": "Alice", "o1": "ACME"})
    ann.set("ner", [ALICE])  # deleted ...
    ann.set("ner", [ALICE, ACME])  # ... and back (an undo), before the submit
    ann.submit()
    assert df.at["t1", "norm"] == {"a1": "Alice", "o1": "ACME"}


HTML = """
<View>
  <HyperText name="page" value="$html"/>
  <HyperTextLabels name="hner" toName="page"><Label value="Person"/></HyperTextLabels>
  <TextArea name="who" toName="page" perRegion="true"/>
</View>
"""


def test_hypertext_spans_round_trip_through_label_studio_json():
    df = pd.DataFrame({"html": ["<p>Written by <b>Mallory</b> Moe.</p>"]})
    ann = lw.Annotator(df, HTML)
    span = {"id": "h1", "start": "/p[1]/b[1]/text()[1]", "startOffset": 0,
            "end": "/p[1]/text()[2]", "endOffset": 4, "text": "Mallory Moe",
            "hypertextlabels": ["Person"]}
    ann.set("hner", [span])
    ann.set("who", {"h1": "the author"})
    ann.submit()
    tasks = ann.to_label_studio()
    validate(HTML, tasks)
    [who] = [r for r in tasks[0]["annotations"][0]["result"] if r["from_name"] == "who"]
    assert who["id"] == "h1" and who["type"] == "textarea"
    assert who["value"]["start"] == "/p[1]/b[1]/text()[1]" and who["value"]["endOffset"] == 4
    assert who["value"]["text"] == ["the author"]
    back = lw.from_label_studio(tasks, HTML)
    assert back.at[0, "who"] == {"h1": "the author"}
    assert back.at[0, "hner"] == df.at[0, "hner"]


def test_json_min_and_csv_equal_label_studio_converter(tmp_path):
    import json

    import labelwidget.formats as F
    from tests.test_formats_oracle import converter_output

    df = pd.DataFrame({"text": [TEXT, "Second."]}, index=[1, 2])
    df["ner"] = pd.Series([[ALICE, ACME], None], index=df.index, dtype=object)
    df["norm"] = pd.Series([{"a1": "Alice", "o1": "ACME"}, None], index=df.index, dtype=object)
    df["kind"] = pd.Series([{"o1": [["Company"]]}, None], index=df.index, dtype=object)
    df["gender"] = pd.Series([{"a1": "female"}, None], index=df.index, dtype=object)
    tasks = F.export(df, NER, "label_studio", tmp_path / "tasks.json")
    theirs = json.loads((converter_output(NER, tasks, "JSON_MIN", tmp_path / "ls")
                         / "result.json").read_text())
    ours = json.loads(F.export(df, NER, "json_min", tmp_path / "o.json").read_text())
    assert ours[0]["norm"] == ["Alice", "ACME"] and ours[0]["gender"] == "female"
    for record in theirs:  # (README: the converter writes an unknown annotator as "None")
        record["annotator"] = None
    assert ours == theirs
    theirs_csv = (converter_output(NER, tasks, "CSV", tmp_path / "ls2") / "result.csv").read_text()
    ours_csv = F.export(df, NER, "csv", tmp_path / "o.csv").read_text()
    assert ours_csv == theirs_csv.replace('"None"', '""')


NESTED_VIEWS = """
<View>
  <Text name="text" value="$text"/>
  <Choices name="topic" toName="text" choice="single">
    <Choice value="Sports"/><Choice value="Kitchen"/>
  </Choices>
  <View visibleWhen="choice-selected" whenTagName="topic" whenChoiceValue="Kitchen">
    <Choices name="appliance" toName="text" choice="single">
      <Choice value="Kettle"/><Choice value="Toaster"/>
    </Choices>
    <View>
      <TextArea name="brand" toName="text"/>
      <Choices name="power" toName="text" visibleWhen="choice-selected"
               whenTagName="appliance" whenChoiceValue="Kettle">
        <Choice value="1kW"/><Choice value="2kW"/>
      </Choices>
    </View>
  </View>
</View>
"""


def test_a_control_in_a_view_hidden_by_a_choice_is_not_submitted_at_any_depth(tmp_path):
    df = pd.DataFrame({"text": ["a", "b"]})
    ann = lw.Annotator(df, NESTED_VIEWS, store=tmp_path / "s.sqlite")
    ann.set("topic", "Kitchen")
    ann.set("appliance", "Kettle")
    ann.set("brand", "Acme")
    ann.set("power", "2kW")
    ann.set("topic", "Sports")  # the Kitchen View hides, with the View and control inside it
    ann.submit()
    assert df.loc[0, ["topic", "appliance", "brand", "power"]].tolist() == [
        "Sports", None, None, None]
    [event] = ann._store.history(0)
    assert event.values["appliance"] is None and event.values["power"] is None
    ann.set("topic", "Kitchen")
    ann.set("appliance", "Toaster")
    ann.set("brand", "Acme")
    ann.set("power", "2kW")  # its own condition (appliance=Kettle) hides it inside a shown View
    ann.submit()
    assert df.loc[1, ["topic", "appliance", "brand", "power"]].tolist() == [
        "Kitchen", "Toaster", "Acme", None]


def test_the_export_leaves_out_controls_of_a_hidden_view():
    df = pd.DataFrame({"text": ["a"]})
    df["topic"] = ["Sports"]
    df["appliance"] = ["Kettle"]  # e.g. set in the DataFrame, never submitted through the widget
    ann = lw.Annotator(df, NESTED_VIEWS)
    [task] = ann.to_label_studio()
    names = [item["from_name"] for item in task["annotations"][0]["result"]]
    assert names == ["topic"]


def test_nested_views_nest_their_boxes_as_the_browser_rule_expects():
    """js/_visible_when.js hides a control when ``el.closest(HIDDEN)`` finds any box around it
    whose own condition widget is hidden: each View's ConditionWidget must sit directly in that
    View's box, with everything the View holds inside the same box (at any depth)."""
    import ipywidgets as ipw

    ann = lw.Annotator(pd.DataFrame({"text": ["a"]}), NESTED_VIEWS)

    def boxes(widget):
        if isinstance(widget, ipw.Box):
            yield widget
            for child in widget.children:
                yield from boxes(child)

    def inside(box):
        return {id(w) for b in boxes(box) for w in b.children}

    root = ann._compiled.root
    [outer] = [b for b in boxes(root)
               if b.children and isinstance(b.children[0], ConditionWidget)]
    assert outer.children[0].visible_when["tag"] == "topic"
    for name in ("appliance", "brand", "power"):
        assert id(ann._compiled.part_of(name).widget) in inside(outer), name
    assert id(ann._compiled.part_of("topic").widget) not in inside(outer)
