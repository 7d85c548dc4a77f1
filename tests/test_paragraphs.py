"""<Paragraphs>/<ParagraphLabels>: dialogues shown turn by turn, spans within and across
turns in Label Studio's coordinates (turn index as text + offsets), whole-dialogue and
per-region controls, bad cells said in the widget, Label Studio JSON checked by its SDK and
JSON-MIN/CSV equal to its converter."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest
from label_studio_sdk.label_interface import LabelInterface

import labelwidget as lw
from labelwidget.config import ConfigError, parse_config
from tests.comm import browser_sets
from tests.corpus import templates_dir

CONFIG = """<View>
  <Paragraphs name="dialogue" value="$dialogue" layout="dialogue" nameKey="role"
              textKey="content"/>
  <ParagraphLabels name="ner" toName="dialogue">
    <Label value="PER"/><Label value="ORG"/>
  </ParagraphLabels>
  <TextArea name="note" toName="dialogue" perRegion="true"/>
  <Choices name="intent" toName="dialogue"><Choice value="greet"/><Choice value="ask"/></Choices>
</View>"""

TURNS = [{"role": "user", "content": "Hello, I am Alice Smith"},
         {"role": "assistant", "content": "Hi Alice, Bob from Acme here."}]
ACROSS = {"start": "0", "end": "1", "startOffset": 12, "endOffset": 8,
          "paragraphlabels": ["PER"]}


def frame(*cells):
    return pd.DataFrame({"dialogue": pd.Series(list(cells) or [TURNS, TURNS], dtype=object)})


def spans_widget(ann):
    return ann._compiled.part_of("ner").widget


def shown(widget):
    return widget.tasks[widget.task]["data"]


def test_the_widget_gets_the_turns_speakers_and_layout():
    ann = lw.Annotator(frame(), CONFIG)
    widget = spans_widget(ann)
    assert widget.kind == "paragraphs"
    assert shown(widget) == {"layout": "dialogue", "turns": [
        {"name": "user", "text": "Hello, I am Alice Smith"},
        {"name": "assistant", "text": "Hi Alice, Bob from Acme here."}]}


def test_a_span_across_two_turns_lands_in_paragraph_coordinates():
    df = frame()
    ann = lw.Annotator(df, CONFIG)
    ann.set("ner", [ACROSS])
    ann.submit()
    [span] = df.at[0, "ner"]
    assert {k: v for k, v in span.items() if k != "id"} == {
        "start": "0", "end": "1", "startOffset": 12, "endOffset": 8,
        "text": "Alice Smith\nHi Alice", "paragraphlabels": ["PER"]}


def test_what_the_browser_sends_is_what_a_submit_records():
    df = frame()
    ann = lw.Annotator(df, CONFIG)
    widget = spans_widget(ann)
    sent = {"id": "r1", "start": "1", "end": "1", "startOffset": 19, "endOffset": 23,
            "text": "Acme", "paragraphlabels": ["ORG"]}
    browser_sets(widget, {"value": {"ner": [sent]}})
    ann.submit()
    assert df.at[0, "ner"] == [sent]


@pytest.mark.parametrize(("span", "message"), [
    ({**ACROSS, "end": "2"}, r"span 0: the dialogue has no turn '2' \(turns 0 to 1\)"),
    ({**ACROSS, "endOffset": 99}, r"span 0: offset 99 is outside turn 1 \(29 characters\)"),
    ({**ACROSS, "start": "1", "startOffset": 9}, r"span 0: the span is empty or ends before"),
    ({**ACROSS, "text": "Bob"}, r"span 0 'Bob': the dialogue's text there is "
                                r"'Alice Smith\\nHi Alice', not 'Bob'"),
    ({**ACROSS, "start": "first"}, r"span 0: start must be the index of a turn"),
    ({**ACROSS, "paragraphlabels": ["LOC"]}, r"'LOC' is not a label of ner"),
])
def test_a_bad_span_is_refused_by_name(span, message):
    ann = lw.Annotator(frame(), CONFIG)
    with pytest.raises(ValueError, match=message):
        ann.set("ner", [span])


def test_label_studio_whitespace_between_turns_and_integer_indices_are_read():
    ann = lw.Annotator(frame(), CONFIG)
    ann.set("ner", [{**ACROSS, "start": 0, "end": 1, "text": "Alice Smith Hi Alice "}])
    [span] = ann.values["ner"]
    assert (span["start"], span["end"], span["text"]) == ("0", "1", "Alice Smith\nHi Alice")


def test_whole_dialogue_and_per_region_controls_round_trip_valid_for_the_sdk():
    df = frame()
    ann = lw.Annotator(df, CONFIG)
    ann.set("ner", [ACROSS])
    rid = ann.values["ner"][0]["id"]
    ann.set("note", {rid: "the customer"})
    ann.set("intent", "greet")
    ann.submit()
    tasks = ann.to_label_studio()
    annotation = tasks[0]["annotations"][0]
    by_name = {r["from_name"]: r for r in annotation["result"]}
    assert by_name["ner"]["type"] == "paragraphlabels"
    assert by_name["note"] == {
        "id": rid, "from_name": "note", "to_name": "dialogue", "type": "textarea",
        "origin": "manual", "value": {"start": "0", "end": "1", "startOffset": 12,
                                      "endOffset": 8, "text": ["the customer"]}}
    assert by_name["intent"]["value"] == {"choices": ["greet"]}
    assert LabelInterface(CONFIG).validate_annotation(annotation)
    back = lw.from_label_studio(tasks, CONFIG)
    for column in ("ner", "note", "intent"):
        assert back.at[0, column] == df.at[0, column]


def test_an_imported_span_outside_the_dialogue_names_task_and_result():
    tasks = [{"id": 7, "data": {"dialogue": TURNS}, "annotations": [{"result": [
        {"id": "x", "from_name": "ner", "to_name": "dialogue", "type": "paragraphlabels",
         "value": {**ACROSS, "end": "4"}}]}]}]
    with pytest.raises(lw.formats.label_studio.LabelStudioImportError,
                       match=r"task 7, annotation 0, result 0.*no turn '4'"):
        lw.from_label_studio(tasks, CONFIG)


@pytest.mark.parametrize(("cell", "message"), [
    ("not a list", r"the 'dialogue' cell of task 1 is not a list of turns \(JSON that does "
                   r"not parse: 'not a list'\)"),
    ({"role": "user"}, r"the 'dialogue' cell of task 1 must be a list of turns \("
                       r"\{'role': \.\.\., 'content': \.\.\.\}\), got dict"),
    ([{"role": "user", "text": "hi"}], r"the 'dialogue' cell of task 1: turn 0 has no "
                                       r"'content' \(its keys: 'role', 'text'; nameKey/"
                                       r"textKey name them\)"),
    ([{"content": "hi"}, "hello"], r"the 'dialogue' cell of task 1: turn 0 has no 'role'"),
    ([], r"the 'dialogue' cell of task 1 is empty: no dialogue to show"),
])
def test_a_bad_dialogue_is_said_in_the_widget_and_other_tasks_stay_labelable(cell, message):
    df = frame(TURNS, cell, TURNS)
    ann = lw.Annotator(df, CONFIG)
    ann.set("intent", "greet")
    ann.submit()
    widget = spans_widget(ann)
    assert ann.current == 1
    assert shown(widget)["turns"] == []
    assert re.match(message, shown(widget)["error"])
    ann.set("intent", "ask")
    with pytest.raises(ValueError, match=r"cannot submit task 1: its data cannot be shown \("
                                         + message):
        ann.submit()
    ann.skip()
    ann.set("ner", [ACROSS])
    ann.submit()
    assert df.at[0, "intent"] == "greet" and df.at[1, "intent"] is None
    assert df.at[2, "ner"][0]["text"] == "Alice Smith\nHi Alice"


def test_a_dialogue_kept_as_json_text_by_a_csv_is_shown(tmp_path):
    path = tmp_path / "tasks.csv"
    pd.DataFrame({"dialogue": [json.dumps(TURNS)]}).to_csv(path, index=False)
    ann = lw.Annotator(pd.read_csv(path), CONFIG)
    assert shown(spans_widget(ann))["turns"][1]["name"] == "assistant"
    ann.set("ner", [ACROSS])
    ann.submit()


def test_a_dialogue_without_span_labels_is_shown_by_the_text_view():
    config = """<View><Paragraphs name="chat" value="$dialogue" nameKey="role"
        textKey="content"/><Choices name="c" toName="chat"><Choice value="ok"/></Choices>
        </View>"""
    ann = lw.Annotator(frame(), config)
    widget = next(p.widget for p in ann._compiled.parts
                  if getattr(p.widget, "kind", None) == "paragraphs")
    assert type(widget).__name__ == "TextWidget"
    assert shown(widget)["turns"][0] == {"name": "user", "text": "Hello, I am Alice Smith"}
    assert shown(widget)["layout"] == "none"


@pytest.mark.parametrize(("attrs", "message"), [
    ('audioUrl="$audio"', r'not supported yet: attribute audioUrl="\$audio" without '
                          r'sync="<Audio name>" \(a player of the dialogue\'s own\)'),
    ('sync="t"', r'sync="t" must name an <Audio> of this config \(it names <Text>\)'),
    ('sync="nope"', r'sync="nope" must name an <Audio> of this config \(it names nothing\)'),
    ('sync="audio" audioUrl="$other"', r'audioUrl="\$other" must be what <Audio name="audio"> '
                                       r'plays \(value="\$audio"\)'),
    ('granularity="sentence"', r'not supported yet: attribute granularity="sentence"'),
    ('valueType="url"', r'not supported yet: attribute valueType="url"'),
    ('layout="chat"', r'layout="chat" must be one of "none", "dialogue"'),
])
def test_config_errors_name_line_tag_and_attribute(attrs, message):
    xml = (f'<View>\n<Paragraphs name="d" value="$d" {attrs}/><Text name="t" value="$t"/>'
           '<Audio name="audio" value="$audio"/></View>')
    with pytest.raises(ConfigError, match=r'line 2: <Paragraphs name="d"> ' + message):
        parse_config(xml)


def test_context_scroll_without_audio_is_accepted_with_a_warning_saying_why():
    with pytest.warns(lw.ConfigWarning, match=r"(?s)along with audio playback, and this tag "
                                               r'has no sync="<Audio name>".*contextScroll'):
        parse_config('<View><Paragraphs name="d" value="$d" contextScroll="true"/></View>')


def test_labels_on_paragraphs_is_not_supported_yet_and_paragraph_labels_need_paragraphs():
    with pytest.raises(ConfigError, match=r"not supported yet: <Labels> on <Paragraphs>"):
        parse_config('<View><Paragraphs name="d" value="$d"/><Labels name="l" toName="d">'
                     '<Label value="A"/></Labels></View>')
    with pytest.raises(ConfigError, match=r'cannot label <Text name="t">: <ParagraphLabels> '
                                          r"labels <Paragraphs>"):
        parse_config('<View><Text name="t" value="$t"/><ParagraphLabels name="l" toName="t">'
                     '<Label value="A"/></ParagraphLabels></View>')


@pytest.mark.parametrize(("fmt", "name"), [("JSON_MIN", "result.json"), ("CSV", "result.csv")])
def test_json_min_and_csv_equal_label_studios_converter(tmp_path, fmt, name):
    from label_studio_sdk.converter import Converter

    import labelwidget.formats as F

    df = frame(TURNS, TURNS, TURNS)
    ann = lw.Annotator(df, CONFIG)
    ann.set("ner", [ACROSS])
    ann.set("note", {ann.values["ner"][0]["id"]: "who"})
    ann.set("intent", "ask")
    ann.submit()
    ann.set("intent", "greet")
    ann.submit()
    meta = {t: {"completed_by": 1, "id": 100 + t, "created_at": "2024-01-01T10:00:00.000000Z",
                "lead_time": 1.5} for t in (0, 1)}
    tasks = F.export(df, CONFIG, "label_studio", tmp_path / "tasks.json", meta=meta)
    Converter(CONFIG, project_dir=None, download_resources=False).convert(
        str(tasks), str(tmp_path / "ls"), fmt, is_dir=False)
    ours = F.export(df, CONFIG, fmt.lower(), tmp_path / f"ours-{name}", meta=meta)
    theirs = tmp_path / "ls" / name
    if fmt == "CSV":
        assert ours.read_bytes() == theirs.read_bytes()
    else:
        assert json.loads(ours.read_text()) == json.loads(theirs.read_text())


@pytest.mark.parametrize("template", ["generative-ai/chatbot-assessment.xml",
                                      "generative-ai/prompt-engineering-chat.xml"])
def test_a_template_builds_on_its_example_dialogue(template):
    xml = (templates_dir() / template).read_text()
    example = json.loads(xml.rsplit("<!--", 1)[1].rsplit("-->", 1)[0])
    df = lw.from_label_studio([{"id": 1, "data": example["data"]}], xml)
    ann = lw.Annotator(df, xml)
    widget = next(p.widget for p in ann._compiled.parts
                  if getattr(p.widget, "kind", None) == "paragraphs")
    turns = shown(widget)["turns"]
    assert [t["name"] for t in turns[:2]] == ["user", "assistant"]
    assert turns[1]["text"] == example["data"]["messages"][1]["content"]
    assert shown(widget)["layout"] == "dialogue"


def test_the_slot_filling_template_labels_a_span_on_label_studios_sample_dialogue():
    xml = (templates_dir() / "conversational-ai" /
           "intent-classification-and-slot-filling.xml").read_text()
    data = LabelInterface(xml).generate_sample_task()  # Label Studio's own sample dialogue
    df = pd.DataFrame({"humanMachineDialogue": pd.Series([data["humanMachineDialogue"]],
                                                         dtype=object)})
    ann = lw.Annotator(df, xml)
    ann.set("entity_slot", [{"start": "0", "end": "1", "startOffset": 4, "endOffset": 5,
                             "paragraphlabels": ["Person"]}])
    ann.set("intent", "Greeting")
    ann.submit()
    assert df.at[0, "entity_slot"][0]["text"] == "Bob.\nHello"
    assert LabelInterface(xml).validate_annotation(ann.to_label_studio()[0]["annotations"][0])


def test_agreement_compares_paragraph_spans_by_turn_and_offset():
    from labelwidget.team import match_spans

    one = {"start": "0", "end": "1", "startOffset": 12, "endOffset": 8,
           "paragraphlabels": ["PER"]}
    same_turns_other_offsets = {**one, "startOffset": 18, "endOffset": 2}
    assert match_spans([one], [dict(one)]).f1 == 1.0
    # Same turns, other words: not the same span, but they overlap ("Smith\nHi").
    assert match_spans([one], [same_turns_other_offsets]).f1 == 0.0
    assert match_spans([one], [same_turns_other_offsets], "overlap").f1 == 1.0
    elsewhere = {**one, "start": "1", "startOffset": 10, "endOffset": 13}
    assert match_spans([one], [elsewhere], "overlap").f1 == 0.0


def test_dialogue_spans_survive_the_store_and_lw_load(tmp_path):
    store = tmp_path / "labels.sqlite"
    ann = lw.Annotator(frame(), CONFIG, store=store)
    ann.set("ner", [ACROSS])
    ann.set("intent", "ask")
    ann.submit()
    ann.close()
    again = frame()
    lw.Annotator(again, CONFIG, store=store).close()
    assert again.at[0, "ner"][0]["text"] == "Alice Smith\nHi Alice"
    assert again.at[0, "ner"][0]["start"] == "0"
    loaded = lw.load(store)
    assert loaded.iloc[0]["ner"] == again.at[0, "ner"]


SYNCED = """<View>
  <Audio name="audio" value="$audio" sync="text"/>
  <Paragraphs name="text" value="$text" audioUrl="$audio" sync="audio" layout="dialogue"
              contextScroll="true" granularity="paragraph"/>
  <ParagraphLabels name="label" toName="text"><Label value="Positive"/></ParagraphLabels>
</View>"""


def test_turns_synced_with_an_audio_carry_their_times_as_label_studio_reads_them():
    turns = [{"author": "Mia", "text": "Hi", "start": 0, "end": 1.5},
             {"author": "Vincent", "text": "Hate what?", "start": 1.5, "duration": 3},
             {"author": "Mia", "text": "No time"},
             {"author": "Vincent", "text": "Bad time", "start": "soon"}]
    df = pd.DataFrame({"audio": ["talk.wav"], "text": pd.Series([turns], dtype=object)})
    config = parse_config(SYNCED)
    assert config.objects["text"].synced_audio == "audio"
    from labelwidget.compile.paragraphs import dialogue_data

    data = dialogue_data(config.objects["text"], df.iloc[0])
    assert (data["sync"], data["scroll"]) == ("audio", True)
    assert [{k: v for k, v in t.items() if k in ("start", "end")} for t in data["turns"]] == [
        {"start": 0.0, "end": 1.5}, {"start": 1.5, "end": 4.5}, {}, {}]
    widget = lw.Annotator(df, SYNCED)._compiled.part_of("label").widget
    assert widget.granularity == "paragraph"


def test_the_conversational_analysis_template_builds_on_its_example():
    xml = (templates_dir() / "audio-speech-processing" / "conversational-analysis.xml").read_text()
    example = json.loads(xml.rsplit("<!--", 1)[1].rsplit("-->", 1)[0])
    df = lw.from_label_studio([{"id": 1, "data": example["data"]}], xml)
    ann = lw.Annotator(df, xml)
    widget = ann._compiled.part_of("label").widget
    data = shown(widget)
    assert data["sync"] == "audio" and data["turns"][1]["end"] == 4.5
    # A whole turn labeled, as granularity="paragraph" draws it.
    ann.set("label", [{"start": "1", "end": "1", "startOffset": 0, "endOffset": 10,
                       "paragraphlabels": ["Negative"]}])
    assert ann.values["label"][0]["text"] == "Hate what?"


def test_a_prefilled_bad_span_is_a_data_error_naming_row_and_column():
    df = frame()
    df["ner"] = pd.Series([[{**ACROSS, "end": "7"}], None], dtype=object)
    with pytest.raises(lw.DataError, match=r"row 0, column 'ner': span 0: the dialogue has no "
                                          r"turn '7' \(turns 0 to 1\)"):
        lw.Annotator(df, CONFIG)


def test_a_relation_between_two_dialogue_spans_is_valid_for_the_sdk():
    config = CONFIG.replace("</View>", '<Relations><Relation value="same"/></Relations></View>')
    ann = lw.Annotator(frame(), config)
    ann.set("ner", [{**ACROSS, "id": "a"}, {"id": "b", "start": "1", "end": "1",
                                            "startOffset": 10, "endOffset": 13,
                                            "paragraphlabels": ["PER"]}])
    ann.set("relations", [{"from_id": "a", "to_id": "b", "direction": "right",
                           "labels": ["same"]}])
    ann.submit()
    annotation = ann.to_label_studio()[0]["annotations"][0]
    assert [r["type"] for r in annotation["result"]] == ["paragraphlabels", "paragraphlabels",
                                                         "relation"]
    assert LabelInterface(config).validate_annotation(annotation)
