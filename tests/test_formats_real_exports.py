"""Label Studio exports as Label Studio writes them (task-level fields, the editor's span texts,
HyperText XPaths, Pairwise results), read and written again, checked against Label Studio's
converter where it can run on the same file.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from label_studio_sdk.converter import Converter

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
