"""Issue 17, item 4: a submitted empty answer is an answer.

A task submitted with a control left empty stores that control's empty value ("" or []), so it
is told apart from a task nobody labeled (None); the store, ``lw.load``, resume and the exports
agree. A task whose data cannot be shown is not submitted as done.
"""

from __future__ import annotations

import json

import pandas as pd
import pytest

import labelwidget as lw
from labelwidget.formats import from_label_studio, to_label_studio

CONFIG = """
<View>
  <Text name="text" value="$text"/>
  <Labels name="ner" toName="text"><Label value="PER"/></Labels>
  <Choices name="sentiment" toName="text" choice="single">
    <Choice value="Positive"/><Choice value="Negative"/>
  </Choices>
  <Choices name="topics" toName="text" choice="multiple">
    <Choice value="Sports"/><Choice value="Politics"/>
  </Choices>
  <Taxonomy name="kind" toName="text"><Choice value="News"/></Taxonomy>
  <TextArea name="note" toName="text"/>
  <TextArea name="lines" toName="text" maxSubmissions="3"/>
  <DateTime name="when" toName="text" only="date"/>
  <Rating name="stars" toName="text"/>
  <Number name="score" toName="text"/>
</View>
"""

EMPTY = {"ner": [], "sentiment": "", "topics": [], "kind": [], "note": "", "lines": [],
         "when": "", "stars": None, "score": None}


def frame(n=3):
    return pd.DataFrame({"text": [f"Alice {i}" for i in range(n)]},
                        index=[f"t{i}" for i in range(n)])


def test_a_submit_with_nothing_set_stores_each_controls_empty_value():
    df = frame()
    ann = lw.Annotator(df, CONFIG)
    ann.submit()
    assert df.loc["t0", list(EMPTY)].tolist() == list(EMPTY.values())
    assert df.loc["t1", list(EMPTY)].tolist() == [None] * len(EMPTY)  # never labeled
    assert ann.toolbar.progress["done"] == 1
    again = lw.Annotator(df, CONFIG)  # the DataFrame alone says t0 is done
    assert again.current == "t1" and again.toolbar.progress["done"] == 1


def test_clearing_a_value_then_submitting_stores_the_empty_value():
    df = frame()
    df["sentiment"] = pd.Series(["Positive", None, None], index=df.index, dtype=object)
    ann = lw.Annotator(df, CONFIG)
    ann.go_to("t0")
    ann.set("sentiment", None)
    ann.submit()
    assert df.at["t0", "sentiment"] == ""


def test_the_store_load_and_resume_keep_empty_answers(tmp_path):
    store = tmp_path / "labels.sqlite"
    df = frame()
    ann = lw.Annotator(df, CONFIG, store=store, annotator="me")
    ann.submit()
    ann.close()
    loaded = lw.load(store)
    assert loaded.loc["t0", list(EMPTY)].tolist() == list(EMPTY.values())
    assert "t1" not in loaded.index

    df2 = frame()
    ann2 = lw.Annotator(df2, CONFIG, store=store, annotator="me")
    assert df2.loc["t0", list(EMPTY)].tolist() == list(EMPTY.values())
    assert ann2.current == "t1"  # resumes after the task answered empty
    assert ann2.toolbar.progress["done"] == 1
    ann2.undo_submit()  # undo still brings back the never-labeled task
    assert df2.loc["t0", list(EMPTY)].tolist() == [None] * len(EMPTY)
    ann2.close()


def test_label_studio_export_has_an_annotation_with_an_empty_result_and_reads_back():
    from label_studio_sdk.label_interface import LabelInterface

    df = frame()
    ann = lw.Annotator(df, CONFIG)
    ann.submit()
    tasks = to_label_studio(df, CONFIG)
    assert [len(t["annotations"]) for t in tasks] == [1, 0, 0]
    annotation = tasks[0]["annotations"][0]
    assert annotation["result"] == [] and annotation["was_cancelled"] is False
    assert LabelInterface(CONFIG).validate_annotation(annotation)
    back = from_label_studio(json.loads(json.dumps(tasks)), CONFIG)
    assert back.loc["t0", list(EMPTY)].tolist() == list(EMPTY.values())
    assert back.loc["t1", list(EMPTY)].tolist() == [None] * len(EMPTY)


def test_a_partly_answered_annotation_leaves_the_rest_empty_not_unlabeled():
    df = frame()
    ann = lw.Annotator(df, CONFIG)
    ann.set("sentiment", "Negative")
    ann.submit()
    (task, *_) = to_label_studio(df, CONFIG)
    assert [r["from_name"] for r in task["annotations"][0]["result"]] == ["sentiment"]
    back = from_label_studio([task], CONFIG)
    assert back.at["t0", "sentiment"] == "Negative" and back.at["t0", "topics"] == []


def test_prefilled_empty_answers_are_valid_cells():
    df = frame()
    df["sentiment"] = pd.Series(["", None, "Positive"], index=df.index, dtype=object)
    df["ner"] = pd.Series([[], None, None], index=df.index, dtype=object)
    ann = lw.Annotator(df, CONFIG)
    assert ann.current == "t1"  # t0 and t2 count as labeled
    assert ann.values["sentiment"] is None


def test_only_controls_without_an_empty_value_refuse_an_empty_submit():
    config = """<View><Text name="text" value="$text"/>
      <Rating name="stars" toName="text"/></View>"""
    df = frame()
    ann = lw.Annotator(df, config)
    with pytest.raises(ValueError, match="cannot submit task 't0': nothing to submit: give stars "
                                         "a value, or skip the task"):
        ann.submit()
    assert ann.toolbar.status["kind"] == "error"
    assert df.at["t0", "stars"] is None and ann.current == "t0"
    ann.set("stars", 4)
    ann.submit()
    assert df.at["t0", "stars"] == 4


def test_pairwise_left_empty_stores_an_empty_text():
    config = """<View><Text name="a" value="$a"/><Text name="b" value="$b"/>
      <Pairwise name="pick" toName="a,b"/></View>"""
    df = pd.DataFrame({"a": ["x"], "b": ["y"]})
    lw.Annotator(df, config).submit()
    assert df.at[0, "pick"] == ""


def test_a_task_whose_image_cannot_be_shown_is_not_submitted(tmp_path):
    from PIL import Image

    Image.new("RGB", (8, 8)).save(tmp_path / "ok.png")
    config = """<View><Image name="image" value="$image"/>
      <Choices name="quality" toName="image"><Choice value="Sharp"/></Choices></View>"""
    df = pd.DataFrame({"image": [str(tmp_path / "gone.png"), str(tmp_path / "ok.png")]},
                      index=["a", "b"])
    ann = lw.Annotator(df, config)
    ann.set("quality", "Sharp")
    with pytest.raises(ValueError, match=r"cannot submit task 'a': its data cannot be shown "
                                         r"\(cannot read image .*gone\.png.*\); skip it instead"):
        ann.submit()
    assert df.at["a", "quality"] is None and ann.current == "a"
    ann.skip()
    ann.submit()  # "b" has its image: submitting it empty is an answer
    assert df.at["b", "quality"] == ""
