"""Annotator end to end, headless: DataFrame -> actions (Python API and faked browser messages)
-> typed columns and results."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest

import labelwidget as lw
from labelwidget.tasks import task_key
from tests.comm import browser_says, browser_sets

CONFIG = """
<View>
  <Text name="text" value="$text"/>
  <Choices name="sentiment" toName="text" choice="single" required="true">
    <Choice value="Positive" hotkey="1"/>
    <Choice value="Negative" hotkey="2"/>
  </Choices>
  <Choices name="topics" toName="text" choice="multiple">
    <Choice value="Sports"/><Choice value="Politics" alias="POL"/>
  </Choices>
</View>
"""


def frame(n=4):
    return pd.DataFrame({"text": [f"text {i}" for i in range(n)]}, index=[10 + i for i in range(n)])


@pytest.fixture
def sent(monkeypatch):
    messages = []

    def record(ann):
        monkeypatch.setattr(ann.toolbar, "send", lambda content, buffers=None: messages.append(content))
        return messages

    return record


def test_submit_writes_typed_cells_in_place_and_moves_on():
    df = frame()
    ann = lw.Annotator(df, CONFIG)
    assert ann.current == 10
    ann.set("sentiment", "Positive")
    ann.set("topics", ["POL"])
    ann.submit()
    assert df.at[10, "sentiment"] == "Positive"
    assert df.at[10, "topics"] == ["POL"]  # a one-element list stays a list (pandas 3 pitfall)
    assert df["sentiment"].dtype == object
    assert ann.current == 11
    assert pd.isna(df.at[11, "sentiment"])


def test_set_refuses_what_the_ui_would_refuse():
    ann = lw.Annotator(frame(), CONFIG)
    with pytest.raises(ValueError, match=r"sentiment: 'Happy' is not an option \(options: Positive, Negative\)"):
        ann.set("sentiment", "Happy")
    with pytest.raises(ValueError, match=r"topics: 'Sport' is not an option"):
        ann.set("topics", ["Sport"])
    with pytest.raises(ValueError, match=r"no control named 'mood' \(controls: sentiment, topics\)"):
        ann.set("mood", "x")


def test_set_accepts_an_options_value_and_stores_its_alias():
    # As Label Studio does: <Choice value="Politics" alias="POL"/> is chosen by either name.
    df = frame()
    ann = lw.Annotator(df, CONFIG)
    ann.set("sentiment", "Positive")
    ann.set("topics", ["Politics", "Sports"])
    assert ann.values["topics"] == ["POL", "Sports"]
    part = ann._compiled.part_of("topics")
    assert part.widget.value == {"topics": ["POL", "Sports"]}, "the widget shows it chosen"
    ann.submit()
    assert df.at[10, "topics"] == ["POL", "Sports"]
    ann.set("sentiment", "Negative")
    ann.set("topics", "POL")
    ann.submit()
    assert df.at[11, "topics"] == ["POL"]


def test_required_control_blocks_submit_with_a_visible_message():
    df = frame()
    ann = lw.Annotator(df, CONFIG)
    with pytest.raises(ValueError, match="cannot submit task 10: sentiment is required"):
        ann.submit()
    assert ann.toolbar.status["kind"] == "error"
    assert "sentiment is required" in ann.toolbar.status["text"]
    assert ann.current == 10 and pd.isna(df.at[10, "sentiment"])


def test_skip_previous_next_go_to_and_progress():
    df = frame()
    ann = lw.Annotator(df, CONFIG)
    ann.skip()
    assert ann.current == 11
    assert ann.toolbar.progress["skipped"] == 1
    ann.previous()
    assert ann.current == 10
    ann.next()
    ann.next()
    assert ann.current == 12
    ann.go_to(10)
    assert ann.current == 10
    with pytest.raises(KeyError, match="no task with id 99"):
        ann.go_to(99)
    assert list(ann.results["kind"]) == ["skip"]
    assert bool(ann.results["skipped"].iloc[0])


def test_undo_restores_previous_values_and_shows_the_task_again():
    df = frame()
    df["sentiment"] = [None, "Negative", None, None]
    ann = lw.Annotator(df, CONFIG)
    assert ann.current == 10  # resumes at the first unlabeled task
    ann.go_to(11)
    ann.set("sentiment", "Positive")
    ann.submit()
    assert df.at[11, "sentiment"] == "Positive"
    ann.undo()
    assert ann.current == 11
    assert df.at[11, "sentiment"] == "Negative"
    assert ann.values["sentiment"] == "Negative"
    sentiment = ann.results[ann.results["control"] == "sentiment"]
    assert list(sentiment["kind"]) == ["submit", "undo"]
    assert list(sentiment["value"]) == ["Positive", "Negative"]  # undo records what came back
    with pytest.raises(ValueError, match="nothing to undo"):
        ann.undo()


def test_undo_a_skip():
    ann = lw.Annotator(frame(), CONFIG)
    ann.skip()
    assert ann.toolbar.progress["skipped"] == 1
    ann.undo()
    assert ann.current == 10
    assert ann.toolbar.progress["skipped"] == 0


def test_prefilled_values_load_as_the_current_annotation():
    df = frame()
    df["topics"] = [["Sports"], None, None, None]
    ann = lw.Annotator(df, CONFIG)
    ann.go_to(10)
    assert ann.values == {"sentiment": None, "topics": ["Sports"]}
    part = ann._compiled.part_of("topics")
    assert part.widget.value == {"topics": ["Sports"]}


def test_dataframe_problems_name_row_and_column():
    df = frame()
    df["sentiment"] = ["Positive", "Happy", None, None]
    with pytest.raises(lw.DataError, match=r"row 11, column 'sentiment': 'Happy' is not an option"):
        lw.Annotator(df, CONFIG)
    with pytest.raises(lw.DataError, match=r"column 'text': missing; the config reads \$text \(line 3 <Text name=\"text\">\)"):
        lw.Annotator(pd.DataFrame({"body": ["x"]}), CONFIG)
    dup = pd.DataFrame({"text": ["a", "b"]}, index=[1, 1])
    with pytest.raises(lw.DataError, match=r"index must be unique .* repeated: \[1\]"):
        lw.Annotator(dup, CONFIG)


def test_config_from_a_path(tmp_path):
    path = tmp_path / "config.xml"
    path.write_text(CONFIG)
    ann = lw.Annotator(frame(), str(path))
    assert list(ann.config.controls) == ["sentiment", "topics"]


def test_empty_dataframe_shows_no_task():
    ann = lw.Annotator(pd.DataFrame({"text": pd.Series([], dtype=object)}), CONFIG)
    assert ann.current is None
    with pytest.raises(ValueError, match="no tasks"):
        ann.submit()


def test_only_unlabeled_filter_skips_labeled_tasks():
    df = frame(5)
    df["sentiment"] = [None, "Positive", "Negative", None, None]
    ann = lw.Annotator(df, CONFIG, only_unlabeled=True)
    assert ann.current == 10
    ann.next()
    assert ann.current == 13
    assert ann.toolbar.nav["prev"] == [task_key(10)]


def test_task_switch_reuses_widgets_and_prefetches_the_next_tasks():
    ann = lw.Annotator(frame(8), CONFIG, prefetch=3)
    widgets = [p.widget for p in ann._parts]
    text = ann._parts[0].widget
    assert set(text.tasks) == {task_key(i) for i in (10, 11, 12, 13)}
    assert text.tasks[task_key(12)]["data"] == {"text": "text 2"}
    ann.next()
    assert [p.widget for p in ann._parts] == widgets
    assert set(text.tasks) == {task_key(i) for i in (10, 11, 12, 13, 14)}
    assert text.task == task_key(11)


def test_learner_api_reads_the_queue_and_reorders_what_next_walks():
    from labelwidget.queue import DONE, SKIPPED, UNLABELED

    ann = lw.Annotator(frame(6), CONFIG, prefetch=2)
    text = ann._parts[0].widget
    ann.set("sentiment", "Positive")
    ann.submit()
    ann.skip()
    assert ann.position == 2 and ann.current == 12
    assert ann.task_states.tolist() == [DONE, SKIPPED, UNLABELED, UNLABELED, UNLABELED,
                                        UNLABELED]
    with pytest.raises(ValueError):  # read-only: a learner cannot corrupt the counts
        ann.task_states[3] = DONE
    with pytest.raises(ValueError):
        ann.task_order[0] = 5
    ann.reorder([0, 1, 2, 5, 4])
    assert ann.task_order.tolist() == [0, 1, 2, 5, 4, 3]
    assert ann.current == 12  # the task shown stays
    # The tasks the browser holds ahead follow the new order at once.
    assert task_key(15) in text.tasks and task_key(14) in text.tasks
    walked = []
    for _ in range(3):
        ann.next()
        walked.append(ann.current)
    assert walked == [15, 14, 13]


def test_browser_submit_message_is_applied_and_acked(sent):
    df = frame()
    ann = lw.Annotator(df, CONFIG)
    messages = sent(ann)
    choices = ann._compiled.part_of("sentiment").widget
    # What js/choices.js sends when the option is clicked: the task and its value together.
    browser_sets(choices, {"task": task_key(10), "value": {"sentiment": "Negative"}})
    assert ann.values["sentiment"] == "Negative"
    # What js/toolbar.js sends on Enter: it already shows the next task.
    browser_says(ann.toolbar, {"type": "navigate", "seq": 1, "action": "submit",
                               "task": task_key(10), "to": task_key(11),
                               "values": {"sentiment": "Negative", "topics": ["Sports"]},
                               "lead_time": 1.5})
    assert df.at[10, "sentiment"] == "Negative" and df.at[10, "topics"] == ["Sports"]
    assert ann.current == 11
    assert messages[-1] == {"type": "ack", "seq": 1, "error": None}
    row = ann.results.iloc[0]
    assert row["lead_time"] == 1.5 and row["kind"] == "submit"


def test_browser_submit_that_fails_keeps_the_values_and_returns(sent):
    df = frame()
    ann = lw.Annotator(df, CONFIG)
    messages = sent(ann)
    browser_says(ann.toolbar, {"type": "navigate", "seq": 7, "action": "submit",
                               "task": task_key(10), "to": task_key(11),
                               "values": {"sentiment": "Happy"}, "lead_time": 0.3})
    assert messages[-1]["seq"] == 7
    assert "'Happy' is not an option" in messages[-1]["error"]
    assert ann.current == 10
    assert ann.values["sentiment"] == "Happy"  # nothing the user entered is lost
    assert pd.isna(df.at[10, "sentiment"])


def test_browser_navigation_without_submit_keeps_drafts(sent):
    ann = lw.Annotator(frame(), CONFIG)
    sent(ann)
    choices = ann._compiled.part_of("sentiment").widget
    browser_sets(choices, {"task": task_key(10), "value": {"sentiment": "Positive"}})
    browser_says(ann.toolbar, {"type": "navigate", "seq": 1, "action": "next",
                               "task": task_key(10), "to": task_key(11), "values": None})
    assert ann.current == 11
    ann.previous()
    assert ann.values["sentiment"] == "Positive"
    assert choices.value == {"sentiment": "Positive"}


def test_python_set_bumps_the_revision_so_the_browser_redraws():
    ann = lw.Annotator(frame(), CONFIG)
    choices = ann._compiled.part_of("sentiment").widget
    before = choices.tasks[task_key(10)]["rev"]
    ann.set("sentiment", "Positive")
    assert choices.tasks[task_key(10)]["rev"] == before + 1
    assert choices.tasks[task_key(10)]["value"] == {"sentiment": "Positive"}


def test_dynamic_options_come_from_the_row():
    config = """<View><Text name="t" value="$text"/>
      <Choices name="pick" toName="t" value="$options"/></View>"""
    df = pd.DataFrame({"text": ["a", "b"], "options": [["x", "y"], ["z"]]})
    ann = lw.Annotator(df, config)
    part = ann._compiled.part_of("pick")
    assert part.widget.tasks[task_key(0)]["data"] == {"options": ["x", "y"]}
    ann.set("pick", "y")
    ann.submit()
    with pytest.raises(ValueError, match="'y' is not an option"):
        ann.set("pick", "y")  # task 1 offers only "z"


def test_hypertext_is_sanitized_before_it_reaches_the_browser():
    config = '<View><HyperText name="h" value="$html"/></View>'
    payload = ('<p onclick="alert(1)">hi<script>alert(2)</script>'
               '<a href="javascript:alert(3)">x</a><img src=x onerror="alert(4)"></p>')
    ann = lw.Annotator(pd.DataFrame({"html": [payload]}), config)
    html = ann._parts[0].widget.tasks[task_key(0)]["data"]["html"]
    assert "<p>hi" in html
    for bad in ("script", "onclick", "onerror", "javascript:", "alert(2)"):
        assert bad not in html


def test_help_lists_default_keys_and_option_hotkeys():
    ann = lw.Annotator(frame(), CONFIG)
    rows = {tuple(r) for r in ann.toolbar.help}
    assert ("enter / ctrl+enter", "submit") in rows
    assert ("1", "sentiment: Positive") in rows


def test_results_values_are_json_cells():
    ann = lw.Annotator(frame(), CONFIG)
    ann.set("sentiment", "Positive")
    ann.submit()
    values = ann.results.set_index("control")["value"]
    assert values["sentiment"] == "Positive"
    assert values["topics"] == []  # submitted with no topic: an empty answer (issue 17)
    json.dumps(list(values))


def test_label_studio_export_carries_who_when_and_origin(tmp_path):
    from label_studio_sdk.label_interface import LabelInterface

    df = frame(3)
    df["guess"] = ["Positive", "Positive", None]
    ann = lw.Annotator(df, CONFIG, annotator="ann", predictions={"sentiment": "guess"},
                       store=tmp_path / "s.sqlite")
    ann.submit()  # accepts the suggestion
    ann.set("sentiment", "Negative")
    ann.submit()  # corrects it
    ann.set("sentiment", "Negative")
    ann.submit()  # no suggestion
    tasks = {t["id"]: t for t in ann.to_label_studio()}
    origins = {i: tasks[i]["annotations"][0]["result"][0]["origin"] for i in (10, 11, 12)}
    assert origins == {10: "prediction", 11: "prediction-changed", 12: "manual"}
    assert tasks[10]["annotations"][0]["completed_by"] == "ann"
    assert tasks[10]["predictions"][0]["result"][0]["value"] == {"choices": ["Positive"]}
    interface = LabelInterface(CONFIG)
    for task in tasks.values():
        assert interface.validate_annotation(task["annotations"][0])
    path = ann.export("json_min", tmp_path / "out.json")
    assert json.loads(path.read_text())[1]["sentiment"] == "Negative"


DEFAULTS = """
<View>
  <Text name="text" value="$text"/>
  <Choices name="sentiment" toName="text"><Choice value="Positive"/><Choice value="Negative"/>
  </Choices>
  <Rating name="stars" toName="text" defaultValue="3"/>
  <Number name="price" toName="text" min="0" max="10" defaultValue="2.5"/>
  <Rating name="plain" toName="text" defaultValue="0"/>
</View>
"""


def test_default_values_are_shown_on_unlabeled_tasks_but_not_labeled_until_submitted():
    df = frame()
    df["stars"] = pd.Series([None, 5, None, None], index=df.index, dtype=object)
    ann = lw.Annotator(df, DEFAULTS)
    assert ann.current == 10
    # shown pre-filled, in Python and in the widgets the browser draws
    assert (ann.values["stars"], ann.values["price"], ann.values["plain"]) == (3, 2.5, None)
    shown = {}
    for name in ("stars", "price"):
        shown.update(ann._compiled.part_of(name).widget.value)
    assert (shown["stars"], shown["price"]) == (3, 2.5)
    # but nothing is labeled until a submit
    assert df.at[10, "stars"] is None and pd.isna(df.at[10, "price"])
    assert ann.toolbar.progress["done"] == 1  # task 11 came labeled
    ann.next()
    assert ann.current == 11 and ann.values["stars"] == 5, "a labeled task keeps its value"
    assert ann.values["price"] is None, "a submitted task gets no default"
    ann.go_to(10)
    assert df.at[10, "stars"] is None and ann.values["stars"] == 3
    ann.set("sentiment", "Positive")
    ann.set("price", 7)
    ann.submit()
    # the default is what the submit records unless changed (Label Studio's Number does so)
    assert (df.at[10, "stars"], df.at[10, "price"], df.at[10, "plain"]) == (3, 7.0, None)
    assert ann.toolbar.progress["done"] == 2
    results = ann.results
    assert set(results.loc[results["task"] == 10, "kind"]) == {"submit"}


def test_the_browser_submits_the_default_it_shows_and_a_cleared_one_stays_empty():
    df = frame()
    ann = lw.Annotator(df, DEFAULTS)
    widget = ann._compiled.part_of("stars").widget
    assert widget.tasks[widget.task]["value"]["stars"] == 3, "prefetched with its default"
    browser_says(ann.toolbar, {"type": "navigate", "action": "submit", "task": widget.task,
                               "seq": 1, "values": {"sentiment": "Negative", "stars": 3,
                                                    "price": 2.5}})
    assert (df.at[10, "sentiment"], df.at[10, "stars"], df.at[10, "price"]) == \
        ("Negative", 3, 2.5)
    # What the widget shows is what is recorded: a default the user cleared stays cleared.
    ann.set("price", None)
    assert ann.values["price"] is None and ann.values["stars"] == 3
    ann.set("sentiment", "Positive")
    ann.submit()
    assert df.at[11, "stars"] == 3 and df.at[11, "price"] is None


def test_a_skipped_task_still_shows_its_defaults():
    ann = lw.Annotator(frame(), DEFAULTS)
    ann.skip()
    ann.go_to(10)
    assert ann.values["stars"] == 3


@pytest.mark.parametrize("control, message", [
    ('<Rating name="r" toName="text" defaultValue="7"/>',
     'defaultValue="7" is outside 0..5 (maxRating; 0 means no stars)'),
    ('<Number name="n" toName="text" min="1" max="4" defaultValue="4.5"/>',
     'defaultValue="4.5" is outside 1..4'),
])
def test_a_default_value_out_of_range_is_a_config_error(control, message):
    config = f'<View><Text name="text" value="$text"/>{control}</View>'
    with pytest.raises(lw.ConfigError, match=re.escape(message)):
        lw.Annotator(frame(), config)
