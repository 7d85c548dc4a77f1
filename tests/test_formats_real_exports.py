"""Label Studio exports as Label Studio writes them (task-level fields, the editor's span texts,
HyperText XPaths, Pairwise results), read and written again, checked against Label Studio's
converter where it can run on the same file.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from label_studio_sdk.converter import Converter
from label_studio_sdk.label_interface import LabelInterface

import labelwidget as lw
import labelwidget.formats as F

NER = """<View>
  <Text name="text" value="$text"/>
  <Labels name="ner" toName="text"><Label value="PER"/><Label value="LOC"/></Labels>
  <Choices name="sentiment" toName="text"><Choice value="Positive"/><Choice value="Negative"/>
  </Choices>
</View>"""


def annotation(result, **fields) -> dict:
    """An annotation with the fields a Label Studio 1.x export gives it."""
    return {"id": fields.pop("id", 1), "completed_by": fields.pop("completed_by", 1),
            "result": result, "was_cancelled": False, "ground_truth": False,
            "created_at": "2024-03-01T10:00:00.000000Z",
            "updated_at": "2024-03-01T10:00:05.000000Z", "draft_created_at": None,
            "lead_time": 5.2, "prediction": {}, "result_count": 0, "unique_id": "u-1",
            "import_id": None, "last_action": None, "task": 1, "project": 3,
            "updated_by": 1, "parent_prediction": None, "parent_annotation": None,
            "last_created_by": None, **fields}


def span(start, end, text, label, rid="s1") -> dict:
    return {"id": rid, "from_name": "ner", "to_name": "text", "type": "labels",
            "origin": "manual", "value": {"start": start, "end": end, "text": text,
                                          "labels": [label]}}


def choice(value, rid="c1") -> dict:
    return {"id": rid, "from_name": "sentiment", "to_name": "text", "type": "choices",
            "origin": "manual", "value": {"choices": [value]}}


def export_task(task_id, text, result, **task_fields) -> dict:
    """A task as Label Studio's JSON export writes it, task-level fields included."""
    task = {"id": task_id, "annotations": [annotation(result, id=task_id * 10)] if result
            is not None else [],
            "file_upload": "3a4b-reviews.csv", "drafts": [], "predictions": [],
            "data": {"text": text}, "meta": {}, "created_at": "2024-03-01T09:00:00.000000Z",
            "updated_at": "2024-03-01T10:00:05.000000Z", "inner_id": task_id,
            "total_annotations": 1 if result is not None else 0, "cancelled_annotations": 0,
            "total_predictions": 0, "comment_count": 0, "unresolved_comment_count": 0,
            "last_comment_updated_at": None, "project": 3, "updated_by": 1,
            "comment_authors": []}
    task.update(task_fields)
    return task


def converter_file(config: str, tasks: list, fmt: str, out: Path) -> Path:
    source = out.parent / f"{out.name}.input.json"
    source.write_text(json.dumps(tasks), encoding="utf-8")
    Converter(config, project_dir=None, download_resources=False).convert(
        str(source), str(out), fmt, is_dir=False)
    return out / ("result.csv" if fmt == "CSV" else "result.json")


# -- task-level fields --------------------------------------------------------------------------

AGREEMENT_TASKS = [
    export_task(1, "Alice went to Paris", [span(0, 5, "Alice", "PER"), choice("Positive")],
                agreement=83.33),
    export_task(2, "Bob stayed home", [choice("Negative")], agreement=None),
    export_task(3, "Nobody labeled this", None, agreement=100.0),
    export_task(4, "No agreement here", [span(3, 12, "agreement", "LOC")]),
]
AGREEMENT_TASKS[3]["annotations"][0]["history"] = [{"action": "submitted", "by": "a/b"}]


def test_agreement_is_kept_where_label_studio_keeps_it(tmp_path):
    got = lw.read_label_studio(AGREEMENT_TASKS, NER)
    assert got.meta[1]["task_fields"]["agreement"] == 83.33
    assert got.meta[2]["task_fields"]["agreement"] is None
    assert "agreement" not in got.meta[4]["task_fields"]
    assert "agreement" not in got.df.columns, "a task-level field is not data"

    theirs = json.loads(converter_file(NER, AGREEMENT_TASKS, "JSON_MIN", tmp_path / "ls_min")
                        .read_text(encoding="utf-8"))
    ours = json.loads(F.export(got.df, NER, "json_min", tmp_path / "min.json", meta=got.meta)
                      .read_text(encoding="utf-8"))
    assert ours == theirs
    assert [r.get("agreement", "absent") for r in ours] == [83.33, None, "absent", "absent"]


def test_agreement_and_history_columns_in_csv_equal_label_studio(tmp_path):
    got = lw.read_label_studio(AGREEMENT_TASKS, NER)
    theirs = converter_file(NER, AGREEMENT_TASKS, "CSV", tmp_path / "ls_csv")
    ours = F.export(got.df, NER, "csv", tmp_path / "ours.csv", meta=got.meta)
    assert ours.read_bytes() == theirs.read_bytes()
    rows = list(csv.DictReader(io.StringIO(ours.read_text(encoding="utf-8"))))
    assert [r["agreement"] for r in rows] == ["83.33", "", "", ""]
    assert json.loads(rows[3]["history"]) == [{"action": "submitted", "by": "a/b"}]


def test_task_level_fields_come_back_at_the_task_level(tmp_path):
    got = lw.read_label_studio(AGREEMENT_TASKS, NER)
    again = lw.to_label_studio(got.df, NER, meta=got.meta)
    first = again[0]
    assert first["agreement"] == 83.33
    assert first["inner_id"] == 1 and first["file_upload"] == "3a4b-reviews.csv"
    assert "task_fields" not in first["annotations"][0]
    assert "agreement" not in first["annotations"][0]
    assert first["data"] == {"text": "Alice went to Paris"}
    # and they survive a second round
    assert lw.read_label_studio(again, NER).meta[1]["task_fields"] == \
        got.meta[1]["task_fields"]


def test_a_task_without_data_keeps_only_label_studio_task_keys_as_fields():
    task = {"id": 5, "text": "Alice", "agreement": 50.0, "source": "web",
            "annotations": [annotation([choice("Positive")])]}
    got = lw.read_label_studio([task], NER)
    assert got.meta[5]["task_fields"] == {"agreement": 50.0}
    assert got.df.loc[5, "source"] == "web"


# -- span text and offsets ----------------------------------------------------------------------


@pytest.mark.parametrize("text, start, end, shown", [
    ("Text: Berlin,  Germany.", 6, 22, "Berlin, Germany"),  # a double space collapsed
    ("4   cm wide", 0, 6, "4 cm"),  # a run of spaces collapsed
    ("Alice\r\nSmith met Bob", 0, 12, "Alice\nSmith"),  # the browser's newline
    ("Hello Alice, hi", 6, 11, "Alice "),  # a space the offsets do not cover
    ("Hello Alice, hi", 5, 11, "Alice"),  # a space the text does not show
    ("Hello\n\nAlice", 0, 12, "Hello\nAlice"),
])
def test_editor_span_texts_that_differ_in_whitespace_are_accepted(text, start, end, shown):
    task = export_task(1, text, [span(start, end, shown, "PER")])
    assert LabelInterface(NER).validate_annotation(task["annotations"][0]), "the SDK accepts it"
    got = lw.read_label_studio([task], NER)
    cell = got.df.loc[1, "ner"]
    # the offsets win: the cell's text is the text they cover
    assert (cell[0]["start"], cell[0]["end"], cell[0]["text"]) == (start, end, text[start:end])
    again = lw.to_label_studio(got.df, NER, meta=got.meta)[0]["annotations"][0]
    assert LabelInterface(NER).validate_annotation(again)
    assert again["result"][0]["value"]["text"] == text[start:end]


@pytest.mark.parametrize("shown", ["Alicf", "Alic", "Al ice", "Bob"])
def test_span_texts_that_differ_in_more_than_whitespace_are_refused(shown):
    task = export_task(7, "Hello Alice, hi", [span(6, 11, shown, "PER")])
    with pytest.raises(lw.LabelStudioImportError) as caught:
        lw.read_label_studio([task], NER)
    assert f"task 7, annotation 0, result 0: (from_name \"ner\") span 0 (id 's1') [6:11] " \
           f"{shown!r}: the task's text at 6:11 is 'Alice', not {shown!r}" in str(caught.value)


def test_a_file_with_one_bad_span_still_names_it_with_errors_skip():
    tasks = [export_task(1, "Text: Berlin,  Germany.", [span(6, 22, "Berlin, Germany", "LOC")]),
             export_task(2, "Hello Alice", [span(6, 11, "Alicf", "PER")])]
    got = lw.read_label_studio(tasks, NER, errors="skip")
    assert got.skipped_tasks == [2]
    assert got.df.loc[1, "ner"][0]["text"] == "Berlin,  Germany"


HTML_NER = """<View>
  <HyperTextLabels name="ner" toName="text"><Label value="PER"/><Label value="LOC"/>
  </HyperTextLabels>
  <HyperText name="text" value="$text"/>
</View>"""

PAGE = ("<div><p>Alice Smith met <b>Bob</b> in Paris.</p><p>Then they <i>left</i> "
        "together.</p></div>")
PAGE_TEXT = "Alice Smith met Bob in Paris.Then they left together."


def html_span(start, start_offset, end, end_offset, text, label, glob=None, rid="h1"):
    value = {"start": start, "startOffset": start_offset, "end": end, "endOffset": end_offset,
             "text": text, "hypertextlabels": [label]}
    if glob is not None:
        value["globalOffsets"] = {"start": glob[0], "end": glob[1]}
    return {"id": rid, "from_name": "ner", "to_name": "text", "type": "hypertextlabels",
            "origin": "manual", "value": value}


def html_task(*result) -> dict:
    return {"id": 1, "data": {"text": PAGE}, "annotations": [annotation(list(result))]}


def at(word: str) -> tuple[int, int]:
    start = PAGE_TEXT.index(word)
    return start, start + len(word)


def test_hypertext_xpaths_to_elements_with_global_offsets_are_read():
    # Label Studio's editor serializes a selection with xpath-range: a boundary that falls on an
    # element (a selection from the start of a paragraph, or across blocks) names the element,
    # and its offset counts the characters of that element's text.
    then, bob, paris_then = at("Then"), at("Bob"), (at("Paris")[0], at("Then")[1])
    task = html_task(
        html_span("/div[1]/p[2]", 0, "/div[1]/p[2]", 4, "Then", "PER", then, "a"),
        html_span("/div[1]/p[1]", 16, "/div[1]/p[1]/b[1]/text()[1]", 3, "Bob", "PER", bob, "b"),
        # across two paragraphs; the browser's selection text has a line break between them
        html_span("/div[1]/p[1]/text()[2]", 4, "/div[1]", paris_then[1], "Paris.\n\nThen", "LOC",
                  paris_then, "c"),
        html_span("", at("left")[0], "/", at("left")[1], "left", "PER", rid="d"),  # the root
    )
    got = lw.read_label_studio([task], HTML_NER)
    cell = {s["id"]: s for s in got.df.loc[1, "ner"]}
    assert cell["a"]["text"] == "Then"
    assert cell["a"]["globalOffsets"] == {"start": then[0], "end": then[1]}
    assert cell["b"]["text"] == "Bob"
    assert cell["c"]["text"] == "Paris.Then"
    assert cell["d"]["globalOffsets"] == {"start": at("left")[0], "end": at("left")[1]}
    assert cell["a"]["start"] == "/div[1]/p[2]", "the XPaths are kept as Label Studio wrote them"
    again = lw.to_label_studio(got.df, HTML_NER, meta=got.meta)[0]["annotations"][0]
    assert LabelInterface(HTML_NER).validate_annotation(again)
    assert lw.read_label_studio(lw.to_label_studio(got.df, HTML_NER, meta=got.meta),
                                HTML_NER).df.loc[1, "ner"] == got.df.loc[1, "ner"]


@pytest.mark.parametrize("value, message", [
    (html_span("/div[1]/p[2]", 0, "/div[1]/p[2]", 4, "Then", "PER", (0, 4)),
     "globalOffsets 0:4 disagree with the XPaths, which give 29:33"),
    (html_span("/div[1]/p[2]", 0, "/div[1]/p[2]", 40, "Then", "PER"),
     "offset 40 is outside the element '/div[1]/p[2]' (24 characters)"),
    (html_span("/div[1]/p[9]", 0, "/div[1]/p[2]", 4, "Then", "PER"),
     "the document has no element '/div[1]/p[9]'"),
])
def test_hypertext_element_xpaths_that_do_not_fit_are_named(value, message):
    with pytest.raises(lw.LabelStudioImportError) as caught:
        lw.read_label_studio([html_task(value)], HTML_NER)
    assert "task 1, annotation 0, result 0:" in str(caught.value)
    assert message in str(caught.value)


# -- Pairwise ------------------------------------------------------------------------------------

PAIRWISE = """<View>
  <Pairwise name="pw" toName="a,b"/>
  <Text name="a" value="$a"/><Text name="b" value="$b"/>
</View>"""


@pytest.mark.parametrize("to_name", ["pw", "a", "b", "a,b"])
def test_pairwise_results_are_read_with_every_to_name_label_studio_writes(to_name):
    # Label Studio's editor creates the result with the Pairwise itself as its object
    # (to_name "pw"), as the SDK's PairwiseTag.label() does; its validator wants "a" or "b".
    result = [{"id": "p1", "from_name": "pw", "to_name": to_name, "type": "pairwise",
               "origin": "manual", "value": {"selected": "right"}}]
    task = {"id": 1, "data": {"a": "first", "b": "second"}, "annotations": [annotation(result)]}
    got = lw.read_label_studio([task], PAIRWISE)
    assert got.df.loc[1, "pw"] == "right"
    assert got.meta[1]["result_ids"] == {"pw": "p1"}
    again = lw.to_label_studio(got.df, PAIRWISE, meta=got.meta)[0]["annotations"][0]
    # written with its first toName object: what the SDK's validator (which Label Studio
    # runs on imported predictions) accepts, and read back by every path above
    assert again["result"] == [{"id": "p1", "from_name": "pw", "to_name": "a",
                                "type": "pairwise", "value": {"selected": "right"},
                                "origin": "manual"}]
    assert LabelInterface(PAIRWISE).validate_annotation(again)


def test_pairwise_to_name_of_another_object_is_refused():
    result = [{"id": "p1", "from_name": "pw", "to_name": "c", "type": "pairwise",
               "value": {"selected": "left"}}]
    task = {"id": 1, "data": {"a": "x", "b": "y"}, "annotations": [annotation(result)]}
    with pytest.raises(lw.LabelStudioImportError, match=r"to_name 'c' is not a target of "
                                                        r"<Pairwise name=\"pw\"> \(toName: a, b\)"):
        lw.read_label_studio([task], PAIRWISE)
