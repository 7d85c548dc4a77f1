"""Span labeling headless: Labels/Label/HyperTextLabels tags, the span value model (code-point
offsets, HyperText XPaths), the span widget and its builder, Annotator end to end."""

from __future__ import annotations

import json
import random
import subprocess
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import labelwidget as lw
from labelwidget.compile import compile_config
from labelwidget.config import ConfigError, parse_config
from labelwidget.config.hypertext import HtmlText, sanitize_html
from labelwidget.config.region_ids import derived_region_id
from labelwidget.config.span_offsets import index_to_utf16, utf16_to_index
from labelwidget.widgets import TextSpansWidget
from tests.corpus import templates_dir

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = templates_dir()

NER = """
<View>
  <Labels name="ner" toName="text">
    <Label value="PER" hotkey="p" background="red"/>
    <Label value="ORG" hotkey="o" alias="Organization"/>
    <Label value="LOC" hotkey="l" maxUsages="1"/>
  </Labels>
  <Text name="text" value="$text"/>
</View>
"""

HTML = """
<View>
  <HyperTextLabels name="hner" toName="page" choice="multiple">
    <Label value="Title"/><Label value="Person"/>
  </HyperTextLabels>
  <HyperText name="page" value="$html"/>
</View>
"""


def ner():
    return parse_config(NER).controls["ner"]


def span(start, end, text=None, labels=("PER",), **extra):
    out = {"start": start, "end": end, "labels": list(labels), **extra}
    if text is not None:
        out["text"] = text
    return out


# -- config ---------------------------------------------------------------------------------------
def test_labels_attributes_are_parsed():
    config = parse_config("""
<View>
  <Text name="t" value="$text" granularity="word"/>
  <Labels name="a" toName="t" choice="multiple" maxUsages="3" showInline="false">
    <Label value="X" alias="x1" hotkey="x" background="#123456" selected="true" maxUsages="1"/>
    <Label value="Y"/>
  </Labels>
</View>""")
    tag = config.controls["a"]
    assert tag.scope == "region"
    assert tag.multiple
    assert tag.attrs["showInline"] is False
    assert tag.allowed() == ["x1", "Y"]
    assert tag.label_limits() == {"x1": 1, "Y": 3}
    assert tag.target is config.objects["t"]
    option = tag.options()[0]
    assert option.attrs["selected"] is True and option.hotkey == "x"


def test_label_studio_maxusage_spelling_is_accepted():
    config = parse_config("""<View><Text name="t" value="$x"/>
<Labels name="a" toName="t"><Label value="Answer" maxUsage="1"/></Labels></View>""")
    assert config.controls["a"].label_limits() == {"Answer": 1}


def test_hotkey_on_labels_is_accepted_and_ignored():
    config = parse_config("""<View><Text name="t" value="$x"/>
<Labels name="a" toName="t" hotkey="ctrl+enter"><Label value="A" hotkey="a"/></Labels></View>""")
    assert config.controls["a"].hotkeys() == {"a": "A"}


def test_labels_on_video_is_not_supported_yet():
    with pytest.raises(ConfigError) as info:
        parse_config('<View><Video name="v" value="$v"/><Labels name="a" toName="v">'
                     '<Label value="A"/></Labels></View>')
    assert "not supported yet: <Video>" in [i.message for i in info.value.issues]


def test_labels_on_an_image_label_regions_drawn_by_a_tool():
    config = parse_config('<View><Image name="i" value="$img"/><Labels name="a" toName="i">'
                          '<Label value="A"/></Labels><Rectangle name="box" toName="i"/></View>')
    labels = config.controls["a"]
    assert labels.on_image
    region = {"id": "r1", "x": 10.0, "y": 10.0, "width": 20.0, "height": 20.0, "rotation": 0,
              "labels": ["A"], "original_width": 100, "original_height": 100}
    with pytest.raises(ValueError, match="'B'"):
        labels.check_value([{**region, "labels": ["B"]}])
    assert labels.check_value([region])[0]["labels"] == ["A"]


@pytest.mark.parametrize("xml, message", [
    ('<View><Text name="t" value="$x"/><Labels name="a" toName="t"/></View>',
     'has no <Label> options'),
    ('<View><Text name="t" value="$x"/><HyperTextLabels name="a" toName="t">'
     '<Label value="A"/></HyperTextLabels></View>',
     'cannot label <Text name="t">: <HyperTextLabels> labels <HyperText>'),
    ('<View><Text name="t" value="$x"/><Labels name="a" toName="t" value="$labels">'
     '<Label value="A"/></Labels></View>',
     "not supported yet: dynamic labels"),
    ('<View><Text name="t" value="$x"/><Labels name="a" toName="t">'
     '<Label value="A"/><Label value="A"/></Labels></View>',
     'value="A" is already a label of <Labels name="a">'),
    ('<View><Text name="t" value="$x"/><Labels name="a" toName="t" choice="both">'
     '<Label value="A"/></Labels></View>',
     'choice="both" must be one of "single", "multiple"'),
    ('<View><Text name="t" value="$x"/><Labels name="a" toName="t">'
     '<Label value="A" maxUsages="0"/></Labels></View>',
     'maxUsages="0" must be at least 1'),
    ('<View><Text name="t" value="$x"/><Text name="u" value="$y"/><Labels name="a" '
     'toName="t,u"><Label value="A"/></Labels></View>',
     'toName="t,u" must name one object tag'),
])
def test_config_problems_are_named(xml, message):
    with pytest.raises(ConfigError) as info:
        parse_config(xml)
    assert message in str(info.value)


SPAN_TEMPLATES = [
    "natural-language-processing/named-entity-recognition.xml",
    "natural-language-processing/question-answering.xml",
    "conversational-ai/coreference-resolution-and-entity-linking.xml",
    "community-contributions/ner-tagging-invoices-bio-format.xml",
    "community-contributions/html-ner-tagging-person-and-organization.xml",
    "structured-data-parsing/html-entity-recognition.xml",
]


@pytest.mark.parametrize("template", SPAN_TEMPLATES)
def test_label_studio_span_templates_compile(template):
    config = parse_config((TEMPLATES / template).read_text(encoding="utf-8"))
    compiled = compile_config(config, "g")
    span_controls = [c for c in config.controls.values() if c.scope == "region"]
    assert span_controls
    for control in span_controls:
        assert isinstance(compiled.part_of(control.name).widget, TextSpansWidget)


def example(template: str) -> tuple:
    """(config, example task) of a template: the task is the JSON comment after the config."""
    xml = (TEMPLATES / template).read_text(encoding="utf-8")
    comment = xml[xml.rindex("<!--") + 4:xml.rindex("-->")]
    return parse_config(xml), json.loads(comment, strict=False)


def test_template_example_annotations_pass_check_value():
    """The example annotations shipped in Label Studio's templates are valid cells."""
    for template in ("natural-language-processing/named-entity-recognition.xml",
                     "natural-language-processing/question-answering.xml"):
        config, task = example(template)
        for item in task["annotations"][0]["result"]:
            tag = config.controls[item["from_name"]]
            cell = tag.from_results([item])
            assert tag.check_value(cell, task["data"]) == cell


# -- value model: Text --------------------------------------------------------------------------
def test_check_value_fills_text_and_a_stable_id():
    cell = ner().check_value([span(0, 5)], {"text": "Alice met Bob"})
    assert cell == [{"id": cell[0]["id"], "start": 0, "end": 5, "text": "Alice",
                     "labels": ["PER"]}]
    again = ner().check_value([span(0, 5)], {"text": "Alice met Bob"})
    assert again[0]["id"] == cell[0]["id"] == derived_region_id("ner", 0, cell[0])


def test_check_value_keeps_ids_and_extra_keys():
    cell = ner().check_value([span(0, 5, "Alice", id="abc", score=0.9)], {"text": "Alice"})
    assert cell[0]["id"] == "abc" and cell[0]["score"] == 0.9


def test_check_value_accepts_json_text_and_whole_floats():
    cell = ner().check_value(json.dumps([span(0.0, 5.0, "Alice")]), {"text": "Alice"})
    assert (cell[0]["start"], cell[0]["end"]) == (0, 5)


@pytest.mark.parametrize("cell, message", [
    ([span(0, 5, "Alice", labels=["CITY"])],
     "span 0 [0:5] 'Alice': 'CITY' is not a label of ner (labels: PER, Organization, LOC)"),
    ([span(0, 5, "Alice", labels=["PER", "LOC"])], "allows one (choice=\"single\")"),
    ([span(0, 5, "Alice", labels=[])], "span 0 [0:5] 'Alice': has no label"),
    ([span(5, 5)], "span 0 [5:5]: start must be at least 0 and less than end"),
    ([span(-1, 3)], "start must be at least 0"),
    ([span(10, 40)], "span 0 [10:40]: end 40 is beyond the text (17 characters)"),
    ([span(0, 3, "Bob")], "span 0 [0:3] 'Bob': the task's text at 0:3 is 'Ali', not 'Bob'"),
    ([span(0, 1.5)], "span 0: end must be a whole number, got 1.5"),
    ([span(True, 3)], "span 0: start must be a whole number"),
    ([{"start": 0, "labels": ["PER"]}], "span 0: missing 'end'"),
    ([span(0, 5, "Alice", id="x"), span(10, 13, "Bob", id="x")],
     "span 1 (id 'x') [10:13] 'Bob': id 'x' is also the id of span 0"),
    ([span(0, 5, "Alice", labels=["LOC"]), span(10, 13, "Bob", labels=["LOC"])],
     "'LOC' is used on 2 spans, at most 1 allowed (maxUsages)"),
    ("not json", "expected a list of spans, got the text 'not json'"),
    (42, "expected a list of spans (dicts), got int"),
    ([[0, 5, "PER"]], "span 0: expected a dict with start, end and labels"),
])
def test_check_value_names_the_span(cell, message):
    with pytest.raises(ValueError) as info:
        ner().check_value(cell, {"text": "Alice met Bob Ray"})
    assert message in str(info.value)


def test_utf16_offsets_get_a_hint():
    text = "😀 Alice"
    with pytest.raises(ValueError) as info:
        ner().check_value([span(3, 8, "Alice")], {"text": text})
    assert "look like UTF-16 offsets" in str(info.value)
    assert "Python string indices: 2:7" in str(info.value)


def test_check_value_without_row_checks_structure_only():
    assert ner().check_value([span(3, 8, "whatever")])[0]["text"] == "whatever"


def test_alias_is_what_is_stored():
    cell = ner().check_value([span(0, 4, "Acme", labels=["Organization"])], {"text": "Acme"})
    assert cell[0]["labels"] == ["Organization"]
    with pytest.raises(ValueError, match="'ORG' is not a label"):
        ner().check_value([span(0, 4, "Acme", labels=["ORG"])], {"text": "Acme"})


# -- offsets (hypothesis) -----------------------------------------------------------------------------
CHARS = st.one_of(
    st.characters(codec="utf-8", exclude_categories=("Cs",)),
    st.sampled_from(["😀", "👍🏽", "🇫🇷", "𝔘", "e\u0301", "中", "東京", "\n", "\r\n", "  ", "\t",
                     "a", "Z", " ", "é", "ß"]),
)
TEXTS = st.lists(CHARS, max_size=40).map("".join)


def js_units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@given(TEXTS, st.data())
def test_utf16_and_code_points_round_trip(text, data):
    i = data.draw(st.integers(0, len(text)))
    u = index_to_utf16(text, i)
    assert u == js_units(text[:i])
    assert utf16_to_index(text, u) == i


@given(TEXTS, st.data())
def test_utf16_offset_inside_a_pair_is_refused(text, data):
    inside = [index_to_utf16(text, i) + 1 for i, ch in enumerate(text) if ord(ch) > 0xFFFF]
    if inside:
        with pytest.raises(ValueError, match="splits the character"):
            utf16_to_index(text, data.draw(st.sampled_from(inside)))


@given(TEXTS, st.data())
@settings(max_examples=200)
def test_random_selections_become_spans_that_round_trip(text, data):
    """A browser selection (UTF-16 units, outside surrogate pairs) -> code points -> a span
    that check_value accepts, whose text is the selected text, and that survives to_results/
    from_results and JSON."""
    if not text:
        return
    bounds = sorted(data.draw(st.lists(st.integers(0, len(text)), min_size=2, max_size=2)))
    if bounds[0] == bounds[1]:
        return
    u0, u1 = index_to_utf16(text, bounds[0]), index_to_utf16(text, bounds[1])
    selected = text.encode("utf-16-le")[2 * u0:2 * u1].decode("utf-16-le")
    start, end = utf16_to_index(text, u0), utf16_to_index(text, u1)
    tag = ner()
    cell = tag.check_value([span(start, end, selected)], {"text": text})
    assert text[cell[0]["start"]:cell[0]["end"]] == selected == cell[0]["text"]
    results = tag.to_results(cell)
    assert results[0]["type"] == "labels" and results[0]["id"] == cell[0]["id"]
    back = tag.from_results(json.loads(json.dumps(results)))
    assert tag.check_value(back, {"text": text}) == cell


def test_js_offset_map_agrees_with_python():
    """js/_offsets.js converts exactly as Python counts (one node process, 300 random texts)."""
    rng = random.Random(3)
    alphabet = ["a", "é", "e\u0301", "😀", "👍🏽", "𝔘", "中", "\n", " ", "🇫🇷", "\u200d", "ﬁ"]
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randrange(30))) for _ in range(300)]
    script = (
        "import { offsetMap } from './js/_offsets.js';"
        "import { readFileSync } from 'node:fs';"
        "const texts = JSON.parse(readFileSync(0, 'utf8'));"
        "console.log(JSON.stringify(texts.map((t) => { const m = offsetMap(t);"
        " const cps = []; for (let c = 0; c <= m.cpLength; c++) cps.push(m.u16Of(c));"
        " return [m.cpLength, cps]; })));"
    )
    out = subprocess.run(["node", "--input-type=module", "-e", script], input=json.dumps(texts),
                         capture_output=True, text=True, cwd=ROOT, check=True, timeout=60)
    for text, (length, u16s) in zip(texts, json.loads(out.stdout), strict=True):
        assert length == len(text)
        assert u16s == [index_to_utf16(text, i) for i in range(len(text) + 1)]


# -- value model: HyperText --------------------------------------------------------------------------
PAGE = ("<h3>Quarterly <b>report</b></h3><p>By Mallory&nbsp;Moe &amp; Co.</p>"
        "<table><tr><td>Trent</td></tr></table><pre>\ncode  kept</pre>text after")


def test_html_text_nodes_follow_the_browser_dom():
    doc = HtmlText(sanitize_html(PAGE))
    assert doc.text == "Quarterly reportBy Mallory\xa0Moe & Co.Trentcode  kepttext after"
    assert [x for x, _, _ in doc.nodes] == [
        "/h3[1]/text()[1]", "/h3[1]/b[1]/text()[1]", "/p[1]/text()[1]",
        "/table[1]/tbody[1]/tr[1]/td[1]/text()[1]", "/pre[1]/text()[1]", "/text()[1]",
    ]


def html_tag():
    return parse_config(HTML).controls["hner"]


def test_hypertext_span_from_xpaths_gets_global_offsets():
    row = {"html": PAGE}
    cell = html_tag().check_value([{
        "start": "/h3[1]/text()[1]", "end": "/h3[1]/b[1]/text()[1]", "startOffset": 0,
        "endOffset": 6, "hypertextlabels": ["Title"]}], row)
    assert cell[0]["globalOffsets"] == {"start": 0, "end": 16}
    assert cell[0]["text"] == "Quarterly report"


def test_hypertext_span_from_global_offsets_gets_xpaths():
    doc = HtmlText(sanitize_html(PAGE))
    start = doc.text.index("Trent")
    cell = html_tag().check_value(
        [{"globalOffsets": {"start": start, "end": start + 5}, "htmllabels": ["Person"]}],
        {"html": PAGE})
    got = cell[0]
    assert got["start"] == got["end"] == "/table[1]/tbody[1]/tr[1]/td[1]/text()[1]"
    assert (got["startOffset"], got["endOffset"]) == (0, 5)
    assert got["hypertextlabels"] == ["Person"] and "htmllabels" not in got


def test_label_studio_hypertext_example_is_valid():
    config, task = example("structured-data-parsing/html-entity-recognition.xml")
    tag = config.controls["ner"]
    cell = tag.from_results(task["annotations"][0]["result"])
    checked = tag.check_value(cell, task["data"])
    assert [s["text"] for s in checked] == ["Preannotated data for templates", "niklub",
                                            "No description provided."]


@pytest.mark.parametrize("item, message", [
    ({"start": "/h3[1]/text()[1]", "end": "/h9[1]/text()[1]", "startOffset": 0, "endOffset": 1,
      "hypertextlabels": ["Title"]}, "the document has no text node '/h9[1]/text()[1]'"),
    ({"start": "/h3[1]/text()[1]", "end": "/h3[1]/text()[1]", "startOffset": 0, "endOffset": 40,
      "hypertextlabels": ["Title"]}, "offset 40 is outside the text node"),
    ({"start": "/h3[1]/text()[1]", "end": "/h3[1]/text()[1]", "startOffset": 0, "endOffset": 4,
      "text": "Nope", "hypertextlabels": ["Title"]}, "the document's text there is 'Quar'"),
    ({"start": "/h3[1]/text()[1]", "end": "/h3[1]/text()[1]", "startOffset": 0, "endOffset": 4,
      "globalOffsets": {"start": 1, "end": 4}, "hypertextlabels": ["Title"]},
     "globalOffsets 1:4 disagree with the XPaths, which give 0:4"),
    ({"hypertextlabels": ["Title"]}, "needs start/end XPaths with startOffset/endOffset"),
    ({"start": 0, "end": 4, "startOffset": 0, "endOffset": 4, "hypertextlabels": ["Title"]},
     "start must be an XPath"),
])
def test_hypertext_problems_are_named(item, message):
    with pytest.raises(ValueError) as info:
        html_tag().check_value([item], {"html": PAGE})
    assert message in str(info.value)


def test_labels_on_hypertext_store_labels_key():
    config = parse_config("""<View><HyperText name="h" value="$html"/>
<Labels name="l" toName="h"><Label value="A"/></Labels></View>""")
    cell = config.controls["l"].check_value(
        [{"globalOffsets": {"start": 0, "end": 9}, "labels": ["A"]}], {"html": PAGE})
    assert cell[0]["text"] == "Quarterly" and cell[0]["start"] == "/h3[1]/text()[1]"


# -- Label Studio's SDK as the oracle --------------------------------------------------------------
def test_results_pass_label_studios_validation():
    from label_studio_sdk.label_interface import LabelInterface

    for xml, tag_name, cell, data in (
        (NER, "ner", [span(0, 5, "Alice", id="r1")], {"text": "Alice"}),
        (HTML, "hner", [{"globalOffsets": {"start": 0, "end": 9},
                         "hypertextlabels": ["Title", "Person"], "id": "r2"}], {"html": PAGE}),
    ):
        config = parse_config(xml)
        tag = config.controls[tag_name]
        checked = tag.check_value(cell, data)
        result = [{**r, "from_name": tag.name, "to_name": tag.to_name[0]}
                  for r in tag.to_results(checked)]
        interface = LabelInterface(xml)
        assert interface.validate_annotation({"result": result}), result


# -- widget and builder ------------------------------------------------------------------------
SEVERAL = """
<View>
  <Text name="text" value="$text" granularity="word"/>
  <Labels name="ner" toName="text"><Label value="PER" hotkey="p" selected="true"/></Labels>
  <Labels name="pos" toName="text" choice="multiple" showInline="false" required="true"
          requiredMessage="tag a verb">
    <Label value="VERB" hotkey="v" maxUsages="2"/>
  </Labels>
  <Choices name="sentiment" toName="text"><Choice value="Positive"/></Choices>
  <TextArea name="note" toName="text"/>
</View>
"""


def test_one_span_widget_serves_every_labels_group_of_a_text():
    config = parse_config(SEVERAL)
    compiled = compile_config(config, "g1")
    part = compiled.part_of("ner")
    assert part is compiled.part_of("pos")
    widget = part.widget
    assert isinstance(widget, TextSpansWidget)
    assert widget.controls == ("ner", "pos")
    assert (widget.kind, widget.granularity, widget.group) == ("text", "word", "g1")
    assert widget.groups[0]["options"] == [{"value": "PER", "label": "PER", "hotkey": "p",
                                            "background": "", "selected": True, "max_usages": None}]
    pos = widget.groups[1]
    assert (pos["choice"], pos["show_inline"], pos["required"], pos["required_message"]) == (
        "multiple", False, True, "tag a verb")
    assert pos["options"][0]["max_usages"] == 2
    assert part.data({"text": "a  b"}) == {"text": "a  b"}  # whitespace kept as is
    # An empty cell is marked, so the widget says so and refuses to submit it as done.
    assert part.data({"text": None}) == {"text": "", "empty": "text"}
    assert part.data({"text": float("nan")}) == {"text": "", "empty": "text"}
    assert part.data({"text": " \n"}) == {"text": " \n", "empty": "text"}


def test_hypertext_data_is_sanitized_for_the_span_widget():
    compiled = compile_config(parse_config(HTML), "g")
    part = compiled.part_of("hner")
    html = part.data({"html": '<p onclick="x()">a<script>alert(1)</script>'
                              '<a href="javascript:alert(1)">b</a></p>'})["html"]
    assert "script" not in html and "onclick" not in html and "javascript" not in html
    assert part.widget.kind == "html"


def fake_browser_edit(widget, value):
    widget._handle_msg({"content": {"data": {"method": "update", "state": {"value": value},
                                             "buffer_paths": []}}, "buffers": []})


def test_annotator_end_to_end_with_a_browser_edit():
    df = pd.DataFrame({"text": ["Alice met Bob.", "Zoë 😀 saw 東京."]}, index=["a", "b"])
    ann = lw.Annotator(df, SEVERAL)
    widget = ann._compiled.part_of("ner").widget
    assert widget.tasks[widget.task]["data"] == {"text": "Alice met Bob."}
    fake_browser_edit(widget, {"ner": [{"id": "abcdefghij", "start": 0, "end": 5,
                                        "text": "Alice", "labels": ["PER"]}],
                               "pos": [{"id": "k", "start": 6, "end": 9, "text": "met",
                                        "labels": ["VERB"]}]})
    ann.submit()
    assert df.at["a", "ner"] == [{"id": "abcdefghij", "start": 0, "end": 5, "text": "Alice",
                                  "labels": ["PER"]}]
    assert isinstance(df.at["a", "pos"], list) and len(df.at["a", "pos"]) == 1  # one-element list
    assert ann.current == "b"
    text = df.at["b", "text"]
    start = text.index("東京")
    ann.set("ner", [{"start": start, "end": start + 2, "labels": ["PER"]}])
    assert widget.value["ner"][0]["text"] == "東京"
    with pytest.raises(ValueError, match="tag a verb"):
        ann.submit()


def test_prefilled_invalid_spans_name_row_and_span():
    df = pd.DataFrame({"text": ["Alice", "Bob"]}, index=["r1", "r2"])
    df["ner"] = pd.Series([None, [{"start": 0, "end": 9, "labels": ["PER"]}]], index=df.index,
                          dtype=object)
    with pytest.raises(lw.DataError) as info:
        lw.Annotator(df, NER)
    assert "row 'r2', column 'ner': span 0 [0:9]: end 9 is beyond the text (3 characters)" in str(
        info.value)


def test_prefilled_spans_reach_the_widget():
    df = pd.DataFrame({"text": ["Alice"]})
    df["ner"] = pd.Series([[{"start": 0, "end": 5, "text": "Alice", "labels": ["PER"]}]],
                          dtype=object)
    ann = lw.Annotator(df, NER)
    widget = ann._compiled.part_of("ner").widget
    assert widget.tasks[widget.task]["value"]["ner"][0]["text"] == "Alice"
