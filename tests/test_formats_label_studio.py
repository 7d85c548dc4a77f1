"""Label Studio JSON both ways: round trips, metadata, predictions, bad input, streaming.

Label Studio's own SDK (``label-studio-sdk``, a test dependency) is the oracle for validity:
every annotation we export must pass ``LabelInterface(config).validate_annotation``.
"""

from __future__ import annotations

import json
import tracemalloc
import warnings

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from label_studio_sdk.label_interface import LabelInterface

import labelwidget.formats as F
from labelwidget.tasks import DataError

TEXT = """<View>
  <Text name="text" value="$text"/>
  <Labels name="ner" toName="text"><Label value="PER"/><Label value="ORG"/></Labels>
  <Choices name="sentiment" toName="text"><Choice value="Positive"/><Choice value="Negative"/>
  </Choices>
</View>"""

IMAGE = """<View>
  <Image name="image" value="$image"/>
  <RectangleLabels name="box" toName="image"><Label value="Car"/><Label value="Bike"/>
  </RectangleLabels>
  <PolygonLabels name="poly" toName="image"><Label value="Road"/></PolygonLabels>
  <KeyPointLabels name="kp" toName="image"><Label value="Eye"/></KeyPointLabels>
  <Choices name="weather" toName="image"><Choice value="Sunny"/><Choice value="Rainy"/></Choices>
</View>"""

# One case per supported control type: (config, data, cells of one task).
CASES = {
    "choices_single": (
        '<View><Text name="t" value="$t"/><Choices name="c" toName="t">'
        '<Choice value="A"/><Choice value="B"/></Choices></View>', {"t": "x"}, {"c": "B"}),
    "choices_multiple_alias": (
        '<View><Text name="t" value="$t"/><Choices name="c" toName="t" choice="multiple">'
        '<Choice value="A"/><Choice value="Bee" alias="B"/></Choices></View>',
        {"t": "x"}, {"c": ["A", "B"]}),
    "choices_one_element_list": (
        '<View><Text name="t" value="$t"/><Choices name="c" toName="t" choice="multiple">'
        '<Choice value="A"/><Choice value="B"/></Choices></View>', {"t": "x"}, {"c": ["A"]}),
    "taxonomy": (
        '<View><Text name="t" value="$t"/><Taxonomy name="tx" toName="t"><Choice value="A">'
        '<Choice value="B"/></Choice><Choice value="C"/></Taxonomy></View>',
        {"t": "x"}, {"tx": [["A", "B"], ["C"]]}),
    "textarea": (
        '<View><Text name="t" value="$t"/><TextArea name="s" toName="t"/></View>',
        {"t": "x"}, {"s": "a short summary"}),
    "textarea_several": (
        '<View><Text name="t" value="$t"/><TextArea name="s" toName="t" maxSubmissions="3"/>'
        '</View>', {"t": "x"}, {"s": ["one", "two"]}),
    "rating": (
        '<View><Text name="t" value="$t"/><Rating name="r" toName="t" maxRating="10"/></View>',
        {"t": "x"}, {"r": 7}),
    "number": (
        '<View><Text name="t" value="$t"/><Number name="n" toName="t" min="0"/></View>',
        {"t": "x"}, {"n": 12.5}),
    "datetime": (
        '<View><Text name="t" value="$t"/><DateTime name="d" toName="t" only="date"/></View>',
        {"t": "x"}, {"d": "2021-01-12"}),
    "pairwise": (
        '<View><Text name="a" value="$a"/><Text name="b" value="$b"/>'
        '<Pairwise name="cmp" toName="a,b"/></View>', {"a": "left text", "b": "right"},
        {"cmp": "right"}),
    "labels_text": (TEXT, {"text": "Alice works at Acme."},
                    {"ner": [{"id": "span1", "start": 0, "end": 5, "text": "Alice",
                              "labels": ["PER"]},
                             {"id": "span2", "start": 15, "end": 19, "text": "Acme",
                              "labels": ["ORG"]}],
                     "sentiment": "Positive"}),
    "labels_overlapping": (TEXT, {"text": "New York City"},
                           {"ner": [{"id": "a", "start": 0, "end": 8, "labels": ["ORG"]},
                                    {"id": "b", "start": 4, "end": 13, "labels": ["PER"]}]}),
    "labels_hypertext": (
        '<View><HyperText name="h" value="$html"/><Labels name="l" toName="h">'
        '<Label value="X"/></Labels></View>', {"html": "<p>Hello <b>world</b></p>"},
        {"l": [{"id": "h1", "globalOffsets": {"start": 6, "end": 11}, "labels": ["X"]}]}),
    "image_regions": (IMAGE, {"image": "https://example.com/a.jpg"},
                      {"box": [{"id": "r1", "x": 5.0, "y": 12.8, "width": 32.5, "height": 44.9,
                                "rotation": 0, "rectanglelabels": ["Car"],
                                "original_width": 600, "original_height": 403}],
                       "poly": [{"id": "p1", "points": [[10.0, 10.0], [50.0, 10.0], [30.0, 40.0]],
                                 "polygonlabels": ["Road"], "original_width": 600,
                                 "original_height": 403}],
                       "kp": [{"id": "k1", "x": 20.0, "y": 30.0, "width": 0.5,
                               "keypointlabels": ["Eye"], "original_width": 600,
                               "original_height": 403}],
                       "weather": "Rainy"}),
}


def frame(data: dict, cells: dict, index=(1,)) -> pd.DataFrame:
    df = pd.DataFrame([data], index=list(index))
    for name, cell in cells.items():
        df[name] = pd.Series([cell], index=df.index, dtype=object)
    return df


def results_by_id(task: dict) -> dict:
    return {r["id"]: r for r in task["annotations"][0]["result"]}


# -- validity and round trips ---------------------------------------------------------------------


@pytest.mark.parametrize("case", sorted(CASES))
def test_every_exported_annotation_passes_label_studio_validation(case):
    config, data, cells = CASES[case]
    tasks = F.to_label_studio(frame(data, cells), config)
    annotation = tasks[0]["annotations"][0]
    interface = LabelInterface(config)
    assert interface.validate_prediction(annotation, return_errors=True) == []
    assert interface.validate_annotation(annotation)
    assert {r["from_name"] for r in annotation["result"]} == set(cells)


def test_classification_without_toname_validates_against_the_config_with_it_filled_in():
    # labelwidget (like Label Studio's editor) applies a TextArea without toName to the task's
    # first object; the SDK's checker needs the toName spelled out.
    config = '<View><Text name="t" value="$t"/><TextArea name="s"/></View>'
    tasks = F.to_label_studio(frame({"t": "x"}, {"s": "note"}), config)
    result = tasks[0]["annotations"][0]["result"]
    assert result[0]["to_name"] == "t"
    explicit = config.replace('<TextArea name="s"/>', '<TextArea name="s" toName="t"/>')
    assert LabelInterface(explicit).validate_annotation(tasks[0]["annotations"][0])


@pytest.mark.parametrize("case", sorted(CASES))
def test_round_trip_keeps_values_region_ids_names_and_types(case):
    config, data, cells = CASES[case]
    first = F.to_label_studio(frame(data, cells), config)
    imported = F.read_label_studio(first, config)
    again = F.to_label_studio(imported.df, config, meta=imported.meta)
    assert again == first
    # and the DataFrame holds the cells as they were checked
    assert list(imported.df.index) == [1]
    for name in cells:
        assert imported.df.at[1, name] == F.read_label_studio(again, config).df.at[1, name]


@pytest.mark.parametrize("case", sorted(CASES))
def test_label_studio_json_round_trip_from_their_side(case):
    """LS JSON -> DataFrame -> LS JSON: every result field we own comes back the same."""
    config, data, cells = CASES[case]
    tasks = F.to_label_studio(frame(data, cells), config)
    original = json.loads(json.dumps(tasks))
    # Shuffle result ids and add fields Label Studio writes that we do not own.
    for i, item in enumerate(original[0]["annotations"][0]["result"]):
        item["id"] = f"ls{i:08d}"
        item["origin"] = "manual"
    original[0]["annotations"][0].update({"id": 77, "completed_by": 3,
                                          "created_at": "2024-05-01T10:00:00.000000Z",
                                          "updated_at": "2024-05-01T10:01:00.000000Z",
                                          "lead_time": 12.5})
    imported = F.read_label_studio(original, config)
    back = F.to_label_studio(imported.df, config, meta=imported.meta)
    owned = ("id", "from_name", "to_name", "type", "value", "original_width",
             "original_height")

    def view(task):
        return sorted(({k: r[k] for k in owned if k in r} for r in
                       task["annotations"][0]["result"]), key=lambda r: r["id"])

    assert view(back[0]) == view(original[0])
    for key in ("id", "completed_by", "created_at", "updated_at", "lead_time"):
        assert back[0]["annotations"][0][key] == original[0]["annotations"][0][key]


def test_region_ids_are_stable_across_exports_even_when_cells_have_none():
    config, data, cells = CASES["labels_text"]
    spans = [{k: v for k, v in span.items() if k != "id"} for span in cells["ner"]]
    df = frame(data, {"ner": spans, "sentiment": "Negative"})
    one, two = F.to_label_studio(df, config), F.to_label_studio(df.copy(), config)
    assert one == two
    assert len({r["id"] for r in one[0]["annotations"][0]["result"]}) == 3


def test_unlabeled_tasks_have_no_annotations_and_data_keeps_extra_columns():
    df = frame({"text": "hello", "source": "web", "n": 3}, {"ner": None, "sentiment": None})
    (task,) = F.to_label_studio(df, TEXT)
    assert task == {"id": 1, "data": {"text": "hello", "source": "web", "n": 3},
                    "annotations": []}


def test_columns_restricts_data():
    df = frame({"text": "hello", "secret": "x"}, {"sentiment": "Positive"})
    (task,) = F.to_label_studio(df, TEXT, columns=["text"])
    assert task["data"] == {"text": "hello"}


def test_numpy_and_missing_values_become_json():
    df = pd.DataFrame({"text": ["a", "b"], "score": [1.5, float("nan")],
                       "when": pd.to_datetime(["2024-01-01", None])}, index=[10, 11])
    tasks = F.to_label_studio(df, TEXT)
    assert tasks[0]["data"] == {"text": "a", "score": 1.5, "when": "2024-01-01T00:00:00"}
    assert tasks[1]["data"] == {"text": "b", "score": None, "when": None}
    assert [t["id"] for t in tasks] == [10, 11]
    json.dumps(tasks, allow_nan=False)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(["Alice", "Bob", "Acme", "the", "works", "at", "é",
                                          "日本", "🙂"]),
                          st.sampled_from([None, "PER", "ORG"])), min_size=1, max_size=12),
       st.sampled_from([None, "Positive", "Negative"]))
def test_round_trip_property_for_spans_and_choices(words, sentiment):
    text = " ".join(w for w, _ in words)
    spans, at = [], 0
    for i, (word, label) in enumerate(words):
        if label:
            spans.append({"id": f"s{i}", "start": at, "end": at + len(word), "text": word,
                          "labels": [label]})
        at += len(word) + 1
    df = frame({"text": text}, {"ner": spans or None, "sentiment": sentiment})
    tasks = F.to_label_studio(df, TEXT)
    imported = F.read_label_studio(json.loads(json.dumps(tasks)), TEXT)
    assert F.to_label_studio(imported.df, TEXT, meta=imported.meta) == tasks
    cell = imported.df.at[1, "ner"]
    assert (cell or []) == spans
    for span in cell or []:
        assert text[span["start"]:span["end"]] == span["text"]
    if tasks[0]["annotations"]:
        assert LabelInterface(TEXT).validate_annotation(tasks[0]["annotations"][0])


# -- metadata -------------------------------------------------------------------------------------


def test_meta_mapping_fills_annotation_fields_with_aliases():
    df = frame({"text": "hi"}, {"sentiment": "Positive"})
    (task,) = F.to_label_studio(df, TEXT, meta={1: {"annotator": "ann", "skipped": False,
                                                    "created_at": "2024-01-01T00:00:00Z",
                                                    "lead_time": 4}})
    annotation = task["annotations"][0]
    assert annotation["completed_by"] == "ann"
    assert annotation["created_at"] == annotation["updated_at"] == "2024-01-01T00:00:00Z"
    assert annotation["lead_time"] == 4.0
    assert annotation["was_cancelled"] is False


@pytest.mark.parametrize("kind", ["kind", "event"])
def test_meta_from_annotator_results_long_table(kind):
    # The shape of Annotator.results: one row per control value of each event; a table saved
    # before its column was named "kind" calls it "event".
    results = pd.DataFrame([
        {"task": 1, "control": "ner", "value": None, kind: "submit", "annotator": "ann",
         "created_at": "2024-01-01T00:00:00Z", "lead_time": 2.0, "skipped": False,
         "origin": "manual"},
        {"task": 1, "control": "sentiment", "value": "Negative", kind: "submit",
         "annotator": "ann", "created_at": "2024-01-01T00:00:00Z", "lead_time": 2.0,
         "skipped": False, "origin": "manual"},
        {"task": 1, "control": "sentiment", "value": "Positive", kind: "submit",
         "annotator": "bob", "created_at": "2024-01-02T00:00:00Z", "lead_time": 3.0,
         "skipped": False, "origin": "manual"},
        {"task": 2, "control": None, "value": None, kind: "skip", "annotator": "ann",
         "created_at": "2024-01-03T00:00:00Z", "lead_time": 1.0, "skipped": True,
         "origin": "manual"},
    ])
    results["created_at"] = pd.to_datetime(results["created_at"], utc=True)
    df = pd.DataFrame({"text": ["a", "b", "c"]}, index=[1, 2, 3])
    df["sentiment"] = pd.Series(["Positive", None, None], index=df.index, dtype=object)
    tasks = F.to_label_studio(df, TEXT, meta=results)
    first = tasks[0]["annotations"][0]
    assert first["completed_by"] == "bob"
    assert first["created_at"] == "2024-01-01T00:00:00Z"
    assert first["updated_at"] == "2024-01-02T00:00:00Z"
    assert first["lead_time"] == 5.0  # each submit once, not once per control row
    assert first["was_cancelled"] is False
    skipped = tasks[1]["annotations"][0]
    assert skipped["was_cancelled"] is True and skipped["result"] == []
    assert tasks[2]["annotations"] == []
    # the skip goes back in as a cancelled task with empty cells
    imported = F.read_label_studio(tasks, TEXT)
    assert imported.meta[2]["was_cancelled"] is True
    assert imported.df.at[2, "sentiment"] is None


def test_meta_as_a_function():
    df = frame({"text": "hi"}, {"sentiment": "Positive"})
    (task,) = F.to_label_studio(df, TEXT, meta=lambda task: {"completed_by": f"user{task}"})
    assert task["annotations"][0]["completed_by"] == "user1"


# -- predictions ----------------------------------------------------------------------------------


def test_predictions_are_kept_and_exported_back():
    config, data, cells = CASES["labels_text"]
    tasks = F.to_label_studio(frame(data, {}), config, predictions={1: [
        {"values": cells, "model_version": "v1", "score": 0.8}]})
    prediction = tasks[0]["predictions"][0]
    assert prediction["model_version"] == "v1" and prediction["score"] == 0.8
    assert {r["id"] for r in prediction["result"]} >= {"span1", "span2"}
    assert LabelInterface(config).validate_prediction(prediction)
    imported = F.read_label_studio(tasks, config)
    assert imported.df.at[1, "ner"] is None  # predictions are not annotations
    (kept,) = imported.predictions[1]
    assert kept["values"]["ner"] == cells["ner"]
    assert kept["values"]["sentiment"] == "Positive"
    again = F.to_label_studio(imported.df, config, meta=imported.meta,
                              predictions=imported.predictions)
    assert again == tasks


def test_bad_prediction_cell_is_a_data_error():
    with pytest.raises(DataError, match=r"row 1, column 'prediction 0, sentiment'.*Neutral"):
        F.to_label_studio(frame({"text": "x"}, {}), TEXT,
                          predictions={1: [{"values": {"sentiment": "Neutral"}}]})


# -- import: what Label Studio files look like ------------------------------------------------------

LS_EXPORT = [
    {"id": 101, "inner_id": 1, "total_annotations": 2, "cancelled_annotations": 1,
     "data": {"text": "Alice met Bob.", "source": "mail"},
     "annotations": [
         {"id": 1, "completed_by": 7, "result": [
             {"id": "a1", "from_name": "ner", "to_name": "text", "type": "labels",
              "origin": "manual",
              "value": {"start": 0, "end": 5, "text": "Alice", "labels": ["PER"]}}],
          "was_cancelled": False, "created_at": "2024-01-01T10:00:00Z",
          "updated_at": "2024-01-01T10:00:00Z", "lead_time": 5.0},
         {"id": 2, "completed_by": 8, "result": [
             {"id": "b1", "from_name": "ner", "to_name": "text", "type": "labels",
              "value": {"start": 10, "end": 13, "text": "Bob", "labels": ["PER"]}},
             {"id": "b2", "from_name": "sentiment", "to_name": "text", "type": "choices",
              "value": {"choices": ["Negative"]}}],
          "was_cancelled": False, "created_at": "2024-01-02T10:00:00Z",
          "updated_at": "2024-01-02T10:00:00Z", "lead_time": 3.0},
         {"id": 3, "completed_by": 9, "result": [], "was_cancelled": True,
          "created_at": "2024-01-03T10:00:00Z", "updated_at": "2024-01-03T10:00:00Z"}],
     "predictions": [{"id": 50, "model_version": "m1", "score": 0.5, "result": [
         {"id": "p1", "from_name": "sentiment", "to_name": "text", "type": "choices",
          "value": {"choices": ["Positive"]}}]}]},
    {"id": 102, "data": {"text": "Nothing here.", "source": "web"}, "annotations": [],
     "predictions": []},
]


def test_latest_non_cancelled_annotation_wins_and_fields_are_kept():
    imported = F.read_label_studio(LS_EXPORT, TEXT)
    df = imported.df
    assert list(df.columns) == ["text", "source", "ner", "sentiment"]
    assert list(df.index) == [101, 102]
    assert df.index.name == "id"
    assert df.at[101, "ner"] == [{"id": "b1", "start": 10, "end": 13, "text": "Bob",
                                  "labels": ["PER"]}]
    assert df.at[101, "sentiment"] == "Negative"
    assert df.at[102, "ner"] is None and df.at[102, "sentiment"] is None
    assert imported.meta[101]["completed_by"] == 8 and imported.meta[101]["id"] == 2
    assert 102 not in imported.meta
    assert imported.predictions[101][0]["values"] == {"sentiment": "Positive"}
    assert imported.predictions[101][0]["model_version"] == "m1"


def test_pick_one_annotator():
    df = F.from_label_studio(LS_EXPORT, TEXT, annotator=7)
    assert df.at[101, "ner"][0]["text"] == "Alice"
    assert df.at[101, "sentiment"] == ""  # annotator 7 submitted no sentiment: an empty answer
    # by email too, when completed_by is a user object
    tasks = json.loads(json.dumps(LS_EXPORT))
    tasks[0]["annotations"][0]["completed_by"] = {"id": 7, "email": "a@x.org"}
    assert F.from_label_studio(tasks, TEXT, annotator="a@x.org").at[101, "ner"][0]["end"] == 5


def test_an_annotator_with_only_a_cancelled_annotation_gives_a_cancelled_row():
    imported = F.read_label_studio(LS_EXPORT, TEXT, annotator=9)
    assert imported.df.at[101, "ner"] is None
    assert imported.meta[101]["was_cancelled"] is True
    (task, _) = F.to_label_studio(imported.df, TEXT, meta=imported.meta)
    assert task["annotations"][0]["was_cancelled"] is True


def test_keep_all_annotations():
    df = F.from_label_studio(LS_EXPORT, TEXT, annotations="all")
    assert list(df.index) == [(101, 0), (101, 1), (101, 2)]
    assert df.index.names == ["id", "annotation"]
    assert df.loc[(101, 0), "ner"][0]["text"] == "Alice"
    assert df.loc[(101, 1), "sentiment"] == "Negative"
    assert df.loc[(101, 2), "ner"] is None


def test_legacy_completions_key():
    tasks = json.loads(json.dumps(LS_EXPORT))
    for task in tasks:
        task["completions"] = task.pop("annotations")
    assert F.from_label_studio(tasks, TEXT).equals(F.from_label_studio(LS_EXPORT, TEXT))


def test_tasks_without_ids_and_without_data_wrapper():
    tasks = [{"data": {"text": "one"}}, {"text": "two"}]  # the second is its own data
    df = F.from_label_studio(tasks, TEXT)
    assert list(df.index) == [0, 1]
    assert list(df["text"]) == ["one", "two"]


def test_a_json_file_path_and_a_single_task(tmp_path):
    path = tmp_path / "export.json"
    path.write_text(json.dumps(LS_EXPORT), encoding="utf-8")
    assert F.from_label_studio(path, TEXT).equals(F.from_label_studio(LS_EXPORT, TEXT))
    assert F.from_label_studio(str(path), TEXT).equals(F.from_label_studio(LS_EXPORT, TEXT))
    one = tmp_path / "one.json"
    one.write_text(json.dumps(LS_EXPORT[1]), encoding="utf-8")
    assert list(F.from_label_studio(one, TEXT).index) == [102]


def test_export_file_round_trip(tmp_path):
    imported = F.read_label_studio(LS_EXPORT, TEXT)
    path = F.export(imported.df, TEXT, "label_studio", tmp_path / "out.json",
                    meta=imported.meta, predictions=imported.predictions)
    written = json.loads(path.read_text(encoding="utf-8"))
    assert written == F.to_label_studio(imported.df, TEXT, meta=imported.meta,
                                        predictions=imported.predictions)
    again = F.read_label_studio(path, TEXT)
    assert again.df.equals(imported.df)
    # every field read comes back (the export adds the defaults Label Studio writes)
    assert again.meta[101].items() >= imported.meta[101].items()
    assert again.meta[101]["ground_truth"] is False


# -- bad input ------------------------------------------------------------------------------------


def test_malformed_json_file(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('[{"id": 1, "data": {"text": "x"}, ]', encoding="utf-8")
    with pytest.raises(F.LabelStudioImportError, match=r"broken.json is not valid JSON: .* line 1"):
        F.from_label_studio(path, TEXT)


def test_json_that_is_not_tasks(tmp_path):
    path = tmp_path / "text.json"
    path.write_text('"hello"', encoding="utf-8")
    with pytest.raises(F.LabelStudioImportError, match="holds a JSON str; Label Studio tasks"):
        F.from_label_studio(path, TEXT)


def bad(result_item, task_id=5, text="Alice met Bob."):
    return [{"id": 4, "data": {"text": "fine"}, "annotations": []},
            {"id": task_id, "data": {"text": text}, "annotations": [{"result": [
                {"id": "ok", "from_name": "sentiment", "to_name": "text", "type": "choices",
                 "value": {"choices": ["Positive"]}},
                result_item]}]}]


@pytest.mark.parametrize(("item", "message"), [
    ({"id": "x", "from_name": "sentimnt", "to_name": "text", "type": "choices",
      "value": {"choices": ["Positive"]}},
     r"task 5, annotation 0, result 1: from_name 'sentimnt' is not a control of the config "
     r"\(controls: ner, sentiment\)"),
    ({"id": "x", "from_name": "ner", "to_name": "text", "type": "labels",
      "value": {"start": 0, "end": 5, "text": "Alice", "labels": ["LOC"]}},
     r"task 5, annotation 0, result 1: \(from_name \"ner\"\) span .*'LOC' is not a label of "
     r"ner \(labels: PER, ORG\)"),
    ({"id": "x", "from_name": "ner", "to_name": "text", "type": "labels",
      "value": {"start": 10, "end": 40, "labels": ["PER"]}},
     r"task 5, annotation 0, result 1: .*end 40 is beyond the text \(14 characters\)"),
    ({"id": "x", "from_name": "ner", "to_name": "text", "type": "labels",
      "value": {"start": 0, "end": 5, "text": "Bobby", "labels": ["PER"]}},
     r"task 5, annotation 0, result 1: .*the task's text at 0:5 is 'Alice', not 'Bobby'"),
    ({"id": "x", "from_name": "ner", "to_name": "nowhere", "type": "labels",
      "value": {"start": 0, "end": 5, "labels": ["PER"]}},
     r"task 5, annotation 0, result 1: .*to_name 'nowhere' is not a target"),
    ({"id": "x", "from_name": "sentiment", "to_name": "text", "type": "choices",
      "value": {"choices": ["Neutral"]}},
     r"task 5, annotation 0, result 1: .*a second result for the same control \(result 0 "),
    ({"id": "x", "from_name": "ner", "to_name": "text", "type": "labels", "value": "oops"},
     r"task 5, annotation 0, result 1: .*'value' must be an object"),
    ({"from_id": "a", "to_id": "b", "type": "relation"},
     r"task 5, annotation 0, result 1: a relation between regions, but the config has no "
     r"<Relations> tag"),
])
def test_bad_results_name_task_annotation_and_result(item, message):
    with pytest.raises(F.LabelStudioImportError, match=message) as info:
        F.from_label_studio(bad(item), TEXT)
    assert "nothing was imported" in str(info.value)
    assert all(issue.task == 5 for issue in info.value.issues)


def test_a_label_not_in_the_config_for_a_choice():
    tasks = bad({"id": "x", "from_name": "ner", "to_name": "text", "type": "labels",
                 "value": {"start": 0, "end": 5, "labels": ["PER"]}})
    tasks[1]["annotations"][0]["result"][0]["value"] = {"choices": ["Neutral"]}
    with pytest.raises(F.LabelStudioImportError,
                       match=r"task 5, annotation 0, result 0: .*'Neutral' is not an option"):
        F.from_label_studio(tasks, TEXT)


def test_box_outside_the_image():
    item = {"id": "r", "from_name": "box", "to_name": "image", "type": "rectanglelabels",
            "original_width": 100, "original_height": 100,
            "value": {"x": 90, "y": 10, "width": 20, "height": 10, "rotation": 0,
                      "rectanglelabels": ["Car"]}}
    good = dict(item, id="g", value={"x": 1, "y": 1, "width": 2, "height": 2, "rotation": 0,
                                     "rectanglelabels": ["Bike"]})
    tasks = [{"id": 9, "data": {"image": "a.jpg"}, "annotations": [{"result": [good, item]}]}]
    with pytest.raises(F.LabelStudioImportError, match=r"task 9, annotation 0, result 1: ") as e:
        F.from_label_studio(tasks, IMAGE)
    assert len(e.value.issues) == 1  # the good box is not blamed
    assert "100" in str(e.value)


def test_every_problem_is_listed_at_once():
    tasks = bad({"id": "x", "from_name": "nope", "value": {}})
    tasks.append({"id": 6, "data": {"text": "t"}, "annotations": [{"result": [
        {"from_name": "sentiment", "to_name": "text", "type": "choices",
         "value": {"choices": ["Maybe"]}}]}]})
    tasks.append({"id": 6, "data": {"text": "dup"}})
    tasks.append({"data": {"nothing": 1}})
    with pytest.raises(F.LabelStudioImportError) as info:
        F.from_label_studio(tasks, TEXT)
    text = str(info.value)
    assert "have 5 problems" in text
    assert "task 5, annotation 0, result 1" in text
    assert "task 6, annotation 0, result 0" in text
    assert "task 6: repeats the id of task #2" in text
    assert "task #4 (no id): has no id while other tasks have one" in text
    assert "task #4 (no id): data has no 'text' (the config reads $text)" in text


def test_skip_mode_imports_the_rest_and_reports_what_it_skipped():
    tasks = bad({"id": "x", "from_name": "nope", "value": {}})
    with pytest.warns(F.LabelStudioImportWarning, match=r"skipped 1 task\(s\).*\[5\]"):
        df = F.from_label_studio(tasks, TEXT, errors="skip")
    assert list(df.index) == [4]
    imported = F.read_label_studio(tasks, TEXT, errors="skip")
    assert imported.skipped_tasks == [5]
    assert "from_name 'nope'" in str(imported.skipped[0])


def test_nothing_to_skip_gives_no_warning():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        F.from_label_studio(LS_EXPORT, TEXT, errors="skip")


def test_empty_list_gives_an_empty_frame_with_data_and_control_columns():
    # The config's data columns too (issue 14): an Annotator takes the frame as it is.
    df = F.from_label_studio([], TEXT)
    assert len(df) == 0
    assert list(df.columns) == ["text", "ner", "sentiment"]


def test_bad_cells_on_export_name_row_and_column_and_write_nothing(tmp_path):
    df = pd.DataFrame({"text": ["Alice", "Bob"]}, index=["a", "b"])
    df["sentiment"] = pd.Series(["Positive", "Meh"], index=df.index, dtype=object)
    df["ner"] = pd.Series([[{"start": 0, "end": 9, "labels": ["PER"]}], None], index=df.index,
                          dtype=object)
    with pytest.raises(DataError) as info:
        F.to_label_studio(df, TEXT)
    text = str(info.value)
    assert "row 'a', column 'ner'" in text and "beyond the text" in text
    assert "row 'b', column 'sentiment'" in text and "'Meh' is not an option" in text
    target = tmp_path / "out.json"
    with pytest.raises(DataError):
        F.export(df, TEXT, "label_studio", target)
    assert not target.exists()
    assert list(tmp_path.iterdir()) == []  # no temporary file left behind either


def test_duplicate_index_is_refused():
    df = pd.DataFrame({"text": ["a", "b"]}, index=[1, 1])
    with pytest.raises(DataError, match="index must be unique"):
        F.to_label_studio(df, TEXT)


# -- streaming -------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["label_studio", "json_min", "csv", "conll2003"])
def test_exports_stream(tmp_path, fmt):
    """Peak memory while writing stays far below the size of the file written (the task
    data is long, so the file is large while the number of tasks stays small enough for
    tracemalloc to be quick)."""
    n = 1_000 if fmt == "conll2003" else 3_000  # CoNLL writes a line per token
    words = " ".join(["Alice met Bob in Paris"] * 60)
    df = pd.DataFrame({"text": [f"{i} {words}" for i in range(n)]})
    df["sentiment"] = pd.Series(["Positive", "Negative"] * (n // 2), dtype=object)
    df["ner"] = pd.Series([[{"id": f"s{i}", "start": 0, "end": len(str(i)), "labels": ["PER"]}]
                           for i in range(n)], dtype=object)
    path = tmp_path / "big.out"
    tracemalloc.start()
    try:
        F.export(df, TEXT, fmt, path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    size = path.stat().st_size
    assert size > 1_500_000
    assert peak < size / 4, (peak, size)


def test_iter_label_studio_yields_one_task_at_a_time():
    df = pd.DataFrame({"text": ["a", "b", "c"]})
    stream = F.iter_label_studio(df, TEXT)
    assert next(stream)["data"] == {"text": "a"}
    assert [t["id"] for t in stream] == [1, 2]


# -- the registry ---------------------------------------------------------------------------------


def test_format_registry():
    assert F.formats.names == ["label_studio", "json_min", "csv", "coco", "yolo", "voc",
                               "conll2003", "spacy", "parquet", "hf_dataset"]
    assert F.formats["JSON"] is F.formats["label_studio"]
    assert F.formats.get("CoNLL") is F.formats["conll2003"]
    assert "json-min" in F.formats and "excel" not in F.formats
    assert F.formats["yolo"].target == "dir" and F.formats["coco"].target == "file"
    with pytest.raises(ValueError, match=r"unknown export format 'excel' \(formats: label_studio"):
        F.export(pd.DataFrame({"text": ["a"]}), TEXT, "excel", "x")


def test_register_a_format(tmp_path):
    registry = F.FormatRegistry()

    def write(df, config, path, *, meta=None, predictions=None, columns=None):
        path.write_text(str(len(df)))
        return path

    registry.register("count", write, description="number of tasks")
    assert registry["COUNT"].description == "number of tasks"
    assert registry["count"].write(pd.DataFrame({"a": [1]}), None, tmp_path / "n") \
        .read_text() == "1"


def test_formats_that_do_not_fit_the_config_say_what_they_need(tmp_path):
    df = pd.DataFrame({"text": ["a"]})
    with pytest.raises(F.FormatError, match="COCO export needs RectangleLabels or PolygonLabels"):
        F.export(df, TEXT, "coco", tmp_path / "c.json")
    with pytest.raises(F.FormatError, match=r"CoNLL export needs <Labels> on a <Text>"):
        F.export(pd.DataFrame({"image": ["a.jpg"]}), IMAGE, "conll", tmp_path / "c.conll")


def test_directory_exports_replace_their_files_and_write_nothing_on_error(tmp_path):
    config = CASES["image_regions"][0]
    df = pd.DataFrame({"image": ["/data/a.jpg"]})
    df["box"] = pd.Series([[{"x": 1, "y": 1, "width": 5, "height": 5, "rotation": 0,
                             "rectanglelabels": ["Car"], "original_width": 100,
                             "original_height": 80}]], dtype=object)
    target = tmp_path / "yolo"
    (target / "labels").mkdir(parents=True)
    (target / "labels" / "a.txt").write_text("stale\n")
    (target / "labels" / "other.txt").write_text("kept\n")
    F.export(df, config, "yolo", target)
    assert (target / "labels" / "a.txt").read_text() == "1 0.035 0.035 0.05 0.05\n"
    assert (target / "labels" / "other.txt").read_text() == "kept\n"
    df.at[0, "box"] = [{"x": 1, "y": 1, "width": 5, "height": 5, "rotation": 0,
                        "rectanglelabels": ["Truck"], "original_width": 100,
                        "original_height": 80}]
    fresh = tmp_path / "fresh"
    with pytest.raises(DataError, match=r"row 0, column 'box'.*Truck"):
        F.export(df, config, "voc", fresh)
    assert not fresh.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["yolo"]  # no temporary folder left


def test_a_cancelled_annotation_with_results_leaves_the_task_unlabeled():
    tasks = json.loads(json.dumps(LS_EXPORT[:1]))
    for annotation in tasks[0]["annotations"]:
        annotation["was_cancelled"] = True
    imported = F.read_label_studio(tasks, TEXT)
    assert imported.df.at[101, "ner"] is None and imported.df.at[101, "sentiment"] is None
    assert imported.meta[101]["was_cancelled"] is True
    assert imported.meta[101]["id"] == 3  # the latest of them
    everything = F.from_label_studio(tasks, TEXT, annotations="all")
    assert everything.loc[(101, 1), "sentiment"] == "Negative"  # "all" keeps what they hold


def test_meta_from_history_follows_undo_and_the_store_layout():
    # The store's load_history: one row per event, "kind" and "seq" columns.
    history = pd.DataFrame([
        {"seq": 1, "task": 1, "kind": "submit", "annotator": "ann", "lead_time": 2.0,
         "created_at": "2024-01-01T00:00:00Z", "values": {"sentiment": "Positive"}},
        {"seq": 2, "task": 1, "kind": "skip", "annotator": "bob", "lead_time": 1.0,
         "created_at": "2024-01-02T00:00:00Z", "values": {}},
        {"seq": 3, "task": 1, "kind": "undo", "annotator": "bob", "lead_time": None,
         "created_at": "2024-01-03T00:00:00Z", "values": {"sentiment": "Positive"}},
        {"seq": 4, "task": 2, "kind": "submit", "annotator": "ann", "lead_time": 1.5,
         "created_at": "2024-01-04T00:00:00Z", "values": {"sentiment": "Negative"}},
        {"seq": 5, "task": 2, "kind": "undo", "annotator": "ann", "lead_time": None,
         "created_at": "2024-01-05T00:00:00Z", "values": {}},
    ])
    meta = F.meta_from_history(history)
    assert meta == {1: {"completed_by": "ann", "created_at": "2024-01-01T00:00:00Z",
                        "updated_at": "2024-01-01T00:00:00Z", "lead_time": 2.0,
                        "was_cancelled": False}}
    df = pd.DataFrame({"text": ["a", "b"]}, index=[1, 2])
    df["sentiment"] = pd.Series(["Positive", None], index=df.index, dtype=object)
    tasks = F.to_label_studio(df, TEXT, meta=history)
    assert tasks[0]["annotations"][0]["completed_by"] == "ann"
    assert tasks[1]["annotations"] == []  # its only submit was undone


def test_predictions_accept_prediction_objects_and_single_entries():
    from labelwidget.predictions import Prediction

    df = frame({"text": "Alice"}, {})
    as_object = F.to_label_studio(df, TEXT, predictions={
        1: Prediction(values={"sentiment": "Negative"}, score=0.4, model_version="m")})
    as_dict = F.to_label_studio(df, TEXT, predictions={
        1: [{"values": {"sentiment": "Negative"}, "score": 0.4, "model_version": "m"}]})
    assert as_object == as_dict
    assert as_object[0]["predictions"][0]["result"][0]["value"] == {"choices": ["Negative"]}


def test_rows_are_read_in_chunks_without_losing_or_shifting_any():
    from labelwidget.formats._records import CHUNK

    n = 2 * CHUNK + 3
    df = pd.DataFrame({"text": [f"t{i}" for i in range(n)]}, index=[f"id{i}" for i in range(n)])
    df["sentiment"] = pd.Series(["Positive" if i % 3 else None for i in range(n)],
                                index=df.index, dtype=object)
    tasks = list(F.iter_label_studio(df, TEXT))
    assert [t["id"] for t in tasks] == list(df.index)
    assert all(t["data"]["text"] == f"t{i}" for i, t in enumerate(tasks))
    assert [bool(t["annotations"]) for t in tasks] == [bool(i % 3) for i in range(n)]
