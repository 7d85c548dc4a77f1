"""Issue 17, items 2 and 3, headless: undo undoes edits (of the task on screen only), undoing a
submit is its own action that says what it reverts and can be redone, and an edit not submitted
is shown as such until it is submitted or discarded."""

from __future__ import annotations

import pandas as pd
import pytest

import labelwidget as lw
from labelwidget.tasks import task_key
from tests.comm import browser_says, browser_sets

CONFIG = """
<View>
  <Text name="text" value="$text"/>
  <Labels name="ner" toName="text"><Label value="PER" hotkey="p"/></Labels>
  <Choices name="sentiment" toName="text" choice="single">
    <Choice value="Positive" hotkey="1"/><Choice value="Negative" hotkey="2"/>
  </Choices>
</View>
"""


def frame(n=4):
    return pd.DataFrame({"text": [f"Alice met Bob {i}" for i in range(n)]},
                        index=[f"r{i}" for i in range(n)])


def span(start, end, label="PER", id=None):
    text = "Alice met Bob 0"[start:end]
    return {"id": id or f"s{start}", "start": start, "end": end, "text": text, "labels": [label]}


@pytest.fixture
def sent(monkeypatch):
    def record(ann):
        messages = []
        monkeypatch.setattr(ann.toolbar, "send",
                            lambda content, buffers=None: messages.append(content))
        return messages

    return record


def test_undo_edit_reverts_the_last_edit_of_the_shown_task_and_redo_applies_it_again():
    df = frame()
    ann = lw.Annotator(df, CONFIG)
    ann.set("ner", [span(0, 5)])
    ann.set("ner", [span(0, 5), span(10, 13)])
    ann.set("sentiment", "Positive")
    ann.undo_edit()
    assert ann.values == {"ner": [span(0, 5), span(10, 13)], "sentiment": None}
    ann.undo_edit()
    assert ann.values["ner"] == [span(0, 5)]
    ann.redo_edit()
    assert ann.values["ner"] == [span(0, 5), span(10, 13)]
    ann.redo_edit()
    assert ann.values["sentiment"] == "Positive"
    with pytest.raises(ValueError, match="nothing to redo on task 'r0'"):
        ann.redo_edit()
    widget = ann._compiled.part_of("ner").widget
    assert widget.value["ner"] == [span(0, 5), span(10, 13)]  # the browser was told
    assert df.at["r0", "ner"] is None  # edits are not submits


def test_undo_edit_never_reaches_another_task_or_a_submit():
    df = frame()
    ann = lw.Annotator(df, CONFIG)
    for _ in range(2):
        ann.set("ner", [span(0, 5)])
        ann.submit()
    assert ann.current == "r2"
    ann.set("sentiment", "Negative")  # a wrong edit on the task on screen
    ann.undo_edit()
    assert ann.values["sentiment"] is None
    with pytest.raises(ValueError, match=r"nothing to undo on task 'r2': no edit since it was "
                                         r"shown or submitted \(Undo submit reverts a submit\)"):
        ann.undo_edit()
    assert ann.current == "r2"
    assert df.loc[["r0", "r1"], "ner"].tolist() == [[span(0, 5)]] * 2  # nothing submitted lost


def test_a_new_edit_after_an_undo_drops_the_redo():
    ann = lw.Annotator(frame(), CONFIG)
    ann.set("sentiment", "Positive")
    ann.undo_edit()
    ann.set("sentiment", "Negative")
    with pytest.raises(ValueError, match="nothing to redo"):
        ann.redo_edit()


def test_a_submit_ends_the_tasks_edit_history():
    ann = lw.Annotator(frame(), CONFIG)
    ann.set("sentiment", "Positive")
    ann.submit()
    ann.go_to("r0")
    with pytest.raises(ValueError, match="nothing to undo on task 'r0'"):
        ann.undo_edit()


def test_browser_edits_are_mirrored_so_python_undoes_the_same_step(sent):
    ann = lw.Annotator(frame(), CONFIG)
    messages = sent(ann)
    key = task_key("r0")
    spans = ann._compiled.part_of("ner").widget
    # The browser draws a span: the view's value syncs, the toolbar reports the history step.
    browser_sets(spans, {"value": {"ner": [span(0, 5)]}})
    browser_says(ann.toolbar, {"type": "edits", "op": "push", "task": key,
                               "entry": {"before": {"ner": None}, "after": {"ner": [span(0, 5)]}}})
    browser_sets(spans, {"value": {"ner": [span(0, 5), span(10, 13)]}})
    browser_says(ann.toolbar, {"type": "edits", "op": "push", "task": key,
                               "entry": {"before": {"ner": [span(0, 5)]},
                                         "after": {"ner": [span(0, 5), span(10, 13)]}}})
    # Ctrl+Z in the browser: drawn there, then the step and the restored value arrive.
    browser_says(ann.toolbar, {"type": "edits", "op": "undo", "task": key})
    browser_sets(spans, {"value": {"ner": [span(0, 5)]}})
    assert ann.values["ner"] == [span(0, 5)]
    ann.undo_edit()  # the same history: the first span goes too
    assert ann.values["ner"] is None
    told = [m for m in messages if m.get("type") == "edits"][-1]
    assert told["task"] == key and told["undo"] == []
    assert told["redo"] == [{"before": {"ner": [span(0, 5)]},
                             "after": {"ner": [span(0, 5), span(10, 13)]}},
                            {"before": {"ner": None}, "after": {"ner": [span(0, 5)]}}]


def test_typing_steps_merge_into_one_edit():
    config = """<View><Text name="text" value="$text"/>
      <TextArea name="note" toName="text"/></View>"""
    ann = lw.Annotator(frame(), config)
    key = task_key("r0")
    for text in ("h", "hi", "hi!"):
        op = "push" if text == "h" else "merge"
        browser_says(ann.toolbar, {"type": "edits", "op": op, "task": key,
                                   "entry": {"before": {"note": None}, "after": {"note": text}}})
        browser_sets(ann._compiled.part_of("note").widget, {"value": {"note": text}})
    ann.undo_edit()
    assert ann.values["note"] is None


def test_undo_submit_says_what_it_reverts_and_redo_submit_puts_it_back(tmp_path):
    store = tmp_path / "labels.sqlite"
    df = frame()
    ann = lw.Annotator(df, CONFIG, store=store, annotator="me")
    assert ann.toolbar.undo_info == {"undo": "", "redo": ""}
    ann.set("ner", [span(0, 5)])
    ann.set("sentiment", "Positive")
    ann.submit()
    assert ann.toolbar.undo_info["undo"] == \
        "submit of task 'r0' (ner: 1 region; sentiment: Positive)"
    ann.undo_submit()
    assert ann.current == "r0" and df.loc["r0", ["ner", "sentiment"]].tolist() == [None, None]
    assert ann.toolbar.status["text"] == (
        "undid the submit of task 'r0' (ner: 1 region; sentiment: Positive); Redo submit puts "
        "it back (Ctrl+Alt+Shift+Z)")
    assert ann.toolbar.undo_info["redo"] == \
        "submit of task 'r0' (ner: 1 region; sentiment: Positive)"
    ann.redo_submit()
    assert df.loc["r0", ["ner", "sentiment"]].tolist() == [[span(0, 5)], "Positive"]
    assert ann.toolbar.status["text"] == "redid the submit of task 'r0'"
    assert ann.toolbar.undo_info["redo"] == ""
    with pytest.raises(ValueError, match="nothing to redo: no undone submit or skip"):
        ann.redo_submit()
    ann.close()
    assert lw.load(store).loc["r0", "sentiment"] == "Positive"  # the redo is in the store


def test_a_new_submit_after_undo_submit_drops_its_redo():
    ann = lw.Annotator(frame(), CONFIG)
    ann.set("sentiment", "Positive")
    ann.submit()
    ann.undo()  # the old name still undoes a submit
    ann.set("sentiment", "Negative")
    ann.submit()
    with pytest.raises(ValueError, match="nothing to redo"):
        ann.redo_submit()


def test_keys_given_for_undo_keep_meaning_undo_submit():
    ann = lw.Annotator(frame(), CONFIG, keys={"undo": ["ctrl+u"]})
    assert ann.toolbar.shortcuts["undo_submit"] == ["ctrl+u"]
    assert ann.toolbar.shortcuts["undo_edit"] == ["ctrl+z"]
    assert ann.toolbar.shortcuts["redo_edit"] == ["ctrl+shift+z", "ctrl+y"]
    # A key given for one action is taken from the defaults of the others.
    ann = lw.Annotator(frame(), CONFIG, keys={"undo": ["ctrl+z"]})
    assert ann.toolbar.shortcuts["undo_submit"] == ["ctrl+z"]
    assert ann.toolbar.shortcuts["undo_edit"] == []


def test_browser_undo_submit_and_redo_submit(sent):
    df = frame()
    ann = lw.Annotator(df, CONFIG)
    messages = sent(ann)
    ann.set("sentiment", "Positive")
    ann.submit()
    browser_says(ann.toolbar, {"type": "navigate", "action": "undo_submit", "seq": 1})
    assert df.at["r0", "sentiment"] is None and ann.current == "r0"
    browser_says(ann.toolbar, {"type": "navigate", "action": "redo_submit", "seq": 2})
    assert df.at["r0", "sentiment"] == "Positive"
    assert [m["error"] for m in messages if m.get("type") == "ack"] == [None, None]


def test_an_edit_not_submitted_is_shown_as_unsaved_until_submitted_or_discarded():
    df = frame()
    df["sentiment"] = pd.Series(["Negative", None, None, None], index=df.index, dtype=object)
    ann = lw.Annotator(df, CONFIG)
    ann.go_to("r0")
    assert ann.toolbar.progress["label"] == "task 'r0' (1 of 4, done)"
    ann.set("sentiment", "Positive")  # pressing 1 on a done task
    ann.next()
    ann.previous()  # away and back: still not saved, and it says so
    progress = ann.toolbar.progress
    assert progress["label"] == "task 'r0' (1 of 4, done, edited — not submitted)"
    assert progress["edited"] is True and progress["unsaved"] == 1
    assert ann.unsaved == ["r0"] and df.at["r0", "sentiment"] == "Negative"
    payload = ann._compiled.part_of("sentiment").widget.tasks[task_key("r0")]
    assert payload["value"] == {"sentiment": "Positive"}
    assert payload["base"] == {"sentiment": "Negative"}  # the browser can tell it too
    ann.discard_edits()
    assert ann.values["sentiment"] == "Negative" and ann.unsaved == []
    assert ann.toolbar.progress["label"] == "task 'r0' (1 of 4, done)"
    ann.undo_edit()  # discarding was an edit: it can be undone
    assert ann.values["sentiment"] == "Positive" and ann.unsaved == ["r0"]
    ann.submit()
    assert ann.unsaved == [] and df.at["r0", "sentiment"] == "Positive"


def test_an_edit_back_to_the_submitted_value_is_not_unsaved():
    ann = lw.Annotator(frame(), CONFIG)
    ann.set("sentiment", "Positive")
    ann.set("sentiment", None)
    assert ann.unsaved == [] and ann.toolbar.progress["edited"] is False


def test_a_stale_undo_message_is_cleared_by_the_next_move(sent):
    ann = lw.Annotator(frame(), CONFIG)
    sent(ann)
    ann.set("sentiment", "Positive")
    ann.submit()
    ann.undo_submit()
    assert ann.toolbar.status["text"].startswith("undid the submit of task 'r0'")
    browser_says(ann.toolbar, {"type": "navigate", "action": "submit", "task": task_key("r0"),
                               "to": task_key("r1"), "values": {"sentiment": "Positive"},
                               "seq": 1})
    assert ann.toolbar.status["text"] == ""
