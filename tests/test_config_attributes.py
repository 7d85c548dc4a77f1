"""Label Studio's attributes: each one Label Studio documents or reads is built, accepted and
ignored with a ConfigWarning, or refused as "not supported yet"; an attribute nobody knows is a
ConfigWarning with a did-you-mean (issue 11, item 5)."""

from __future__ import annotations

import warnings

import pytest

import labelwidget as lw
from labelwidget.config import ConfigError, ConfigWarning, parse_config
from labelwidget.formats._images import categories

# Every attribute Label Studio's tag reference (labelstud.io/tags) documents, or its interface
# reads from the tag (the tag models of label-studio-frontend), for each tag labelwidget builds;
# with a value Label Studio accepts. Written out here, not taken from labelwidget, so a new
# attribute that falls through to "unknown" fails this test.
CONTROL_COMMON = {
    "required": "true", "requiredMessage": "say it", "visibleWhen": "region-selected",
    "whenTagName": "text", "whenLabelValue": "A", "whenChoiceValue": "A", "perRegion": "true",
    "perItem": "true", "readonly": "true", "displayMode": "region-list",
}
LABEL_STUDIO = {
    "Choices": {**CONTROL_COMMON, "choice": "multiple", "showInline": "true",
                "layout": "select", "value": "$options", "allowNested": "true"},
    "Choice": {"value": "B", "selected": "true", "alias": "b", "style": "color: red",
               "hotkey": "b", "html": "B in bold", "hint": "the letter B", "color": "#f00"},
    "Taxonomy": {**CONTROL_COMMON, "apiUrl": "https://example.com/t.json", "leafsOnly": "true",
                 "showFullPath": "true", "pathSeparator": " > ", "maxUsages": "2",
                 "maxWidth": "300", "minWidth": "100", "dropdownWidth": "200",
                 "placeholder": "pick", "legacy": "true", "labeling": "true",
                 "value": "$options"},
    "TextArea": {**CONTROL_COMMON, "value": "prefilled", "label": "Notes",
                 "placeholder": "type", "maxSubmissions": "2", "editable": "true",
                 "skipDuplicates": "true", "transcription": "true", "rows": "3",
                 "showSubmitButton": "true", "allowSubmit": "true"},
    "Rating": {**CONTROL_COMMON, "maxRating": "10", "defaultValue": "0", "size": "large",
               "icon": "heart", "hotkey": "r"},
    "Number": {**CONTROL_COMMON, "min": "0", "max": "10", "step": "1", "defaultValue": "3",
               "hotkey": "n", "slider": "false"},
    "DateTime": {**CONTROL_COMMON, "only": "date", "format": "%Y-%m-%d",
                 "min": "2020-01-01", "max": "2030-01-01", "step": "1",
                 "defaultValue": "2021-01-01", "hotkey": "d"},
    "Labels": {"choice": "multiple", "maxUsages": "3", "showInline": "false", "opacity": "0.5",
               "fillColor": "#f00", "strokeColor": "#0f0", "strokeWidth": "2",
               "fillOpacity": "0.3", "groupDepth": "2", "allowEmpty": "true",
               "value": "$options"},
    "Label": {"value": "B", "selected": "true", "maxUsages": "2", "hint": "the letter B",
              "hotkey": "b", "alias": "b", "showAlias": "true", "aliasStyle": "opacity: 0.6",
              "size": "small", "background": "#f00", "selectedColor": "#fff",
              "granularity": "word", "groupCanContain": "A", "html": "B in bold",
              "category": "7", "model_index": "0"},
    "RectangleLabels": {"choice": "multiple", "maxUsages": "3", "showInline": "true",
                        "opacity": "0.5", "fillColor": "#f00", "strokeColor": "#0f0",
                        "strokeWidth": "2", "canRotate": "false", "smart": "true",
                        "smartOnly": "true"},
    "PolygonLabels": {"choice": "multiple", "maxUsages": "3", "showInline": "true",
                      "opacity": "0.5", "fillColor": "#f00", "strokeColor": "#0f0",
                      "strokeWidth": "2", "pointSize": "small", "pointStyle": "circle",
                      "snap": "pixel", "smart": "true", "smartOnly": "true"},
    "KeyPointLabels": {"choice": "multiple", "maxUsages": "3", "showInline": "true",
                       "opacity": "0.5", "fillColor": "#f00", "strokeColor": "#0f0",
                       "strokeWidth": "2", "snap": "pixel", "smart": "true",
                       "smartOnly": "true"},
    "Pairwise": {"selectionStyle": "background: #eee", "leftClass": "left",
                 "rightClass": "right"},
    "Text": {"valueType": "url", "saveTextResult": "no", "encoding": "base64",
             "selectionEnabled": "false", "highlightColor": "#ff0", "showLabels": "true",
             "granularity": "sentence"},
    "HyperText": {"valueType": "url", "inline": "true", "saveTextResult": "no",
                  "encoding": "base64", "selectionEnabled": "false",
                  "clickableLinks": "true", "highlightColor": "#ff0", "showLabels": "true",
                  "granularity": "paragraph"},
    "Image": {"valueList": "$images", "smoothing": "false", "width": "100%",
              "maxWidth": "750px", "zoom": "true", "negativeZoom": "true", "zoomBy": "1.5",
              "grid": "true", "gridSize": "20", "gridColor": "#eee", "zoomControl": "true",
              "brightnessControl": "true", "contrastControl": "true", "rotateControl": "true",
              "crosshair": "true", "horizontalAlignment": "center",
              "verticalAlignment": "center", "defaultZoom": "original",
              "crossOrigin": "anonymous"},
    "View": {"style": "display: flex", "className": "box", "visibleWhen": "region-selected",
             "whenTagName": "image", "whenLabelValue": "A", "whenChoiceValue": "A"},
    "Header": {"value": "Hello", "size": "3", "style": "color: red", "underline": "true"},
}

# Each tag on line 5 of a config that gives it what it needs.
HOSTS = {
    "Choices": '<Choices name="c" toName="text" {}><Choice value="A"/></Choices>',
    "Choice": '<Choices name="c" toName="text"><Choice value="A"/><Choice {}/></Choices>',
    # (an option other than value= gets value="B" too, below)
    "Taxonomy": '<Taxonomy name="c" toName="text" {}><Choice value="A"/></Taxonomy>',
    "TextArea": '<TextArea name="c" toName="text" {}/>',
    "Rating": '<Rating name="c" toName="text" {}/>',
    "Number": '<Number name="c" toName="text" {}/>',
    "DateTime": '<DateTime name="c" toName="text" {}/>',
    "Labels": '<Labels name="c" toName="text" {}><Label value="A"/></Labels>',
    "Label": '<Labels name="c" toName="text"><Label value="A"/><Label {}/></Labels>',
    "RectangleLabels": '<RectangleLabels name="c" toName="image" {}><Label value="A"/>'
                       "</RectangleLabels>",
    "PolygonLabels": '<PolygonLabels name="c" toName="image" {}><Label value="A"/>'
                     "</PolygonLabels>",
    "KeyPointLabels": '<KeyPointLabels name="c" toName="image" {}><Label value="A"/>'
                      "</KeyPointLabels>",
    "Pairwise": '<Pairwise name="c" toName="text,text2" {}/>',
    "Text": '<Text name="t3" value="$t3" {}/>',
    "HyperText": '<HyperText name="t3" value="$t3" {}/>',
    "Image": '<Image name="t3" value="$t3" {}/>',
    "View": "<View {}><Header value=\"x\"/></View>",
    "Header": "<Header {}/>",
}


# A qualifier of visibleWhen means something only beside the condition it narrows.
QUALIFIED = {"whenTagName": 'visibleWhen="region-selected" ',
             "whenLabelValue": 'visibleWhen="region-selected" ',
             "whenChoiceValue": 'visibleWhen="choice-selected" whenTagName="cc" '}


# Values that name what the host config below has: its region control and its label.
NAMED = {"whenTagName": "spans", "whenLabelValue": "S"}


def host(tag: str, attribute: str, value: str) -> str:
    value = NAMED.get(attribute, value)
    attrs = QUALIFIED.get(attribute, "") + f'{attribute}="{value}"'
    if tag in ("Choice", "Label") and attribute != "value":
        attrs = f'value="B" {attrs}'
    return ("<View>\n  <Text name=\"text\" value=\"$text\"/>\n"
            "  <Text name=\"text2\" value=\"$text2\"/>\n  <Image name=\"image\" value=\"$image\"/>\n"
            f"  {HOSTS[tag].format(attrs)}\n"
            # A region control, so that perRegion and visibleWhen's region conditions apply.
            '  <Labels name="spans" toName="text"><Label value="S"/></Labels>\n'
            '  <Choices name="cc" toName="text"><Choice value="A"/></Choices>\n'
            "</View>")


def parse(xml: str):
    """(config or ConfigError, the ConfigWarnings raised)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            result = parse_config(xml)
        except ConfigError as error:
            result = error
    return result, [w.message for w in caught if isinstance(w.message, ConfigWarning)]


CASES = [pytest.param(tag, attribute, value, id=f"{tag}.{attribute}")
         for tag, attributes in LABEL_STUDIO.items() for attribute, value in attributes.items()]


@pytest.mark.parametrize(("tag", "attribute", "value"), CASES)
def test_every_label_studio_attribute_is_built_ignored_or_not_supported_yet(tag, attribute,
                                                                           value):
    result, caught = parse(host(tag, attribute, value))
    notes = [issue for w in caught for issue in w.issues]
    assert not [n for n in notes if "unknown attribute" in n.message], notes
    if isinstance(result, ConfigError):  # refused: only as "not supported yet", by name
        for issue in result.issues:
            assert (issue.line, issue.tag) == (5, tag)
            assert issue.message.startswith("not supported yet: "), issue
            assert f'{attribute.lower()}="' in issue.message.lower(), issue
        return
    ignored = [n for n in notes if n.attribute == attribute]
    if ignored:  # ignored: named once, with its line, tag and a reason
        assert [(n.line, n.tag) for n in ignored] == [(5, tag)]
        assert ignored[0].message


def test_ml_backend_attributes_are_ignored_with_one_warning_that_says_why():
    xml = """<View>
  <Image name="image" value="$image"/>
  <RectangleLabels name="box" toName="image" model_score_threshold="0.25" model_path="m.pt" model_obb="true">
    <Label value="Car" predicted_values="car,truck"/>
  </RectangleLabels>
  <Choices name="kind" toName="image" score_threshold="0.3" botsort_track_high_thresh="0.2">
    <Choice value="Street"/>
  </Choices>
</View>"""
    with pytest.warns(ConfigWarning) as caught:
        config = parse_config(xml)
    assert set(config.controls) == {"box", "kind"}
    [warning] = [w.message for w in caught]
    assert str(warning) == (
        "labelwidget ignores 6 attributes of the labeling config:\n"
        "  read by Label Studio's ML backends, not by the labeling interface:\n"
        '    model_score_threshold (line 3 <RectangleLabels name="box">)\n'
        '    model_path (line 3 <RectangleLabels name="box">)\n'
        '    model_obb (line 3 <RectangleLabels name="box">)\n'
        "    predicted_values (line 4 <Label>)\n"
        '    score_threshold (line 6 <Choices name="kind">)\n'
        '    botsort_track_high_thresh (line 6 <Choices name="kind">)')


def test_pairwise_left_and_right_class_are_ignored():
    xml = """<View>
  <Text name="a" value="$a"/><Text name="b" value="$b"/>
  <Pairwise name="better" toName="a,b" leftClass="text1" rightClass="text2"/>
</View>"""
    with pytest.warns(ConfigWarning, match=r"declared by Label Studio's interface but never "
                      r"used by it:\n    leftClass \(line 3 <Pairwise name=\"better\">\)\n"
                      r"    rightClass \(line 3 <Pairwise name=\"better\">\)"):
        config = parse_config(xml)
    assert config["better"].check_value("left") == "left"


def test_a_keypoint_model_index_is_ignored_and_a_label_category_numbers_coco_categories():
    xml = """<View>
  <Image name="image" value="$image"/>
  <KeyPointLabels name="points" toName="image"><Label value="eye" model_index="0"/></KeyPointLabels>
  <RectangleLabels name="box" toName="image">
    <Label value="Car" category="7"/><Label value="Bus"/>
  </RectangleLabels>
</View>"""
    with pytest.warns(ConfigWarning, match=r"COCO keypoint export.*\n    model_index \(line 3"):
        config = parse_config(xml)
    assert categories([config["box"]]) == [{"id": 7, "name": "Car"}, {"id": 0, "name": "Bus"}]


def test_many_attributes_that_only_style_label_studio_are_grouped_in_one_warning():
    headers = "\n".join(f'  <Header value="h{i}" style="color: red" size="{i}"/>'
                        for i in range(5))
    xml = f'<View>\n  <Text name="text" value="$text"/>\n{headers}\n</View>'
    with pytest.warns(ConfigWarning) as caught:
        parse_config(xml)
    [warning] = [w.message for w in caught]
    assert len(warning.issues) == 10
    assert str(warning) == (
        "labelwidget ignores 10 attributes of the labeling config:\n"
        "  how Label Studio looks; labelwidget draws its own way:\n"
        "    style (line 3 <Header>, line 4 <Header>, line 5 <Header> and 2 more)\n"
        "    size (line 3 <Header>, line 4 <Header>, line 5 <Header> and 2 more)")


def test_a_config_with_nothing_to_ignore_warns_nothing():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        parse_config('<View><Text name="text" value="$text"/>'
                     '<Choices name="c" toName="text" showInline="true"><Choice value="A"/>'
                     "</Choices></View>")


def test_a_typo_in_a_required_attribute_warns_with_the_fix_and_fails_on_the_missing_one():
    xml = '<View>\n  <Text name="text" value="$text"/>\n  <Choices name="c" toNmae="text">' \
          '<Choice value="A"/></Choices>\n</View>'
    with pytest.warns(ConfigWarning, match=r'line 3: <Choices name="c"> unknown attribute '
                      r'toNmae="text" \(did you mean toName\?\)'), \
            pytest.raises(ConfigError, match=r'line 3: <Choices name="c"> needs toName='):
        parse_config(xml)


@pytest.mark.parametrize(("typo", "meant"), [
    ("perRegon", "perRegion"),  # a Label Studio attribute labelwidget refuses
    ("strokeColour", "strokeColor"),  # one it ignores
    ("choise", "choice"),  # one of the tag's own
])
def test_did_you_mean_suggests_label_studio_spellings(typo, meant):
    _, caught = parse(host("Labels", typo, "x"))
    [issue] = [i for w in caught for i in w.issues]
    assert issue.message == (f'unknown attribute {typo}="x" (did you mean {meant}?); '
                             "Label Studio ignores it too")


def test_an_unknown_attribute_without_a_near_name_has_no_suggestion():
    _, caught = parse(host("Labels", "frobnicate", "1"))
    [issue] = [i for w in caught for i in w.issues]
    assert issue.message == 'unknown attribute frobnicate="1"; Label Studio ignores it too'


def test_the_warning_points_at_the_line_that_built_the_annotator():
    import pandas as pd

    df = pd.DataFrame({"text": ["a"]})
    xml = ('<View><Text name="text" value="$text"/>'
           '<Choices name="c" toName="text" hint="pick one"><Choice value="A"/></Choices></View>')
    with pytest.warns(ConfigWarning) as caught:
        lw.Annotator(df, xml)
    assert caught[0].filename == __file__


def test_allow_nested_builds_either_way_and_true_stores_paths():
    base = '<View><Text name="text" value="$text"/><Choices name="c" toName="text" ' \
           'value="$options" allowNested="{}"/></View>'
    assert not parse_config(base.format("false")).controls["c"].nested
    nested = parse_config(base.format("true")).controls["c"]
    assert nested.nested  # tests/test_nested_choices.py: what a person labels then
    assert nested.to_result(["A", "A1"]) == {"choices": [["A", "A1"]]}


def test_save_text_result_no_is_ignored_with_what_labelwidget_stores_instead():
    with pytest.warns(ConfigWarning, match=r"span cells and exports always carry the span's "
                                           r"text:\n    saveTextResult \(line 1 <Text"):
        parse_config('<View><Text name="text" value="$text" saveTextResult="no"/></View>')


def test_a_preselected_choice_is_shown_on_unlabeled_tasks_and_submitted_unless_changed():
    import pandas as pd

    df = pd.DataFrame({"text": ["a", "b", "c"]})
    ann = lw.Annotator(df, '<View><Text name="text" value="$text"/>'
                           '<Choices name="c" toName="text" choice="multiple">'
                           '<Choice value="A"/><Choice value="B" selected="true"/>'
                           '<Choice value="C" selected="true"/></Choices></View>')
    assert ann.values == {"c": ["B", "C"]}
    assert df["c"].isna().all()  # shown, not labeled until submitted
    ann.submit()
    assert df.at[0, "c"] == ["B", "C"]
    ann.set("c", ["A"])
    ann.submit()
    assert df.at[1, "c"] == ["A"]


def test_an_option_html_is_ignored_with_what_is_shown_instead():
    with pytest.warns(ConfigWarning, match=r"labelwidget shows the option's value as text \(the "
                      r"value is what is stored either way\):\n    html \(line 1 <Choice>\)"):
        config = parse_config('<View><Text name="text" value="$text"/><Choices name="c" '
                              'toName="text"><Choice value="A" html="&lt;b&gt;A&lt;/b&gt;"/>'
                              "</Choices></View>")
    assert config["c"].check_value("A") == "A"


@pytest.mark.parametrize(("tag", "attribute", "value"), [
    ("Header", "underline", "true"), ("Label", "showAlias", "true"),
    ("Label", "selectedColor", "#fff"), ("TextArea", "transcription", "true"),
    ("HyperText", "showLabels", "true"), ("Rating", "icon", "heart"),
])
def test_what_only_changes_label_studios_look_is_named_as_such(tag, attribute, value):
    result, caught = parse(host(tag, attribute, value))
    assert not isinstance(result, ConfigError)
    [note] = [i for w in caught for i in w.issues]
    assert (note.line, note.tag, note.attribute, note.message) == (
        5, tag, attribute, "how Label Studio looks; labelwidget draws its own way")
