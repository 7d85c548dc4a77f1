"""The payloads of the tasks held around the shown one are kept between moves (payloads.py,
issue 15 item 7): a move builds only the payloads of tasks that entered the window or whose
values changed, and every way a task's values change (the browser's edit, a submit, a skip,
``set``, undo, suggestions) gives the browser the new payload."""

from __future__ import annotations

import pandas as pd
import pytest

import labelwidget as lw
from labelwidget.predictions.model import Prediction
from labelwidget.tasks import task_key
from tests.comm import browser_says, browser_sets

CONFIG = """
<View>
  <Text name="text" value="$text"/>
  <Choices name="sentiment" toName="text">
    <Choice value="Positive"/><Choice value="Negative"/>
  </Choices>
</View>
"""


def frame(n=20):
    return pd.DataFrame({"text": [f"text {i}" for i in range(n)]})


@pytest.fixture
def ann():
    annotator = lw.Annotator(frame(), CONFIG, prefetch=5)
    annotator.toolbar.send = lambda content, buffers=None: None  # no comm in these tests
    return annotator


def held(ann, pos):
    return ann._compiled.part_of("sentiment").widget.tasks[task_key(pos)]


def count_builds(ann, monkeypatch):
    built = []
    original = ann._payload

    def payload(part, pos):
        built.append(pos)
        return original(part, pos)

    monkeypatch.setattr(ann, "_payload", payload)
    return built


def test_a_move_builds_only_the_payloads_of_tasks_entering_the_window(ann, monkeypatch):
    built = count_builds(ann, monkeypatch)
    ann.next()  # window 0..5 -> 1..6 (and 0 behind): only task 6 is new
    assert sorted(set(built)) == [6]
    built.clear()
    ann.go_to(15)  # a jump: a window of new tasks, all built
    assert sorted(set(built)) == [13, 14, 15, 16, 17, 18, 19]


def test_a_browser_edit_is_in_the_payload_when_the_task_is_held_again(ann):
    choices = ann._compiled.part_of("sentiment").widget
    browser_sets(choices, {"task": task_key(0), "value": {"sentiment": "Negative"}})
    browser_says(ann.toolbar, {"type": "navigate", "seq": 1, "action": "next",
                               "task": task_key(0), "to": task_key(1), "values": None})
    assert held(ann, 0)["value"] == {"sentiment": "Negative"}
    assert held(ann, 0)["base"] == {"sentiment": None}


def test_a_submit_gives_the_task_its_submitted_base(ann):
    ann.set("sentiment", "Positive")
    ann.submit()
    assert ann.current == 1
    assert held(ann, 0)["base"] == {"sentiment": "Positive"}
    assert held(ann, 0)["value"] == {"sentiment": "Positive"}
    ann.previous()
    ann.set("sentiment", "Negative")
    ann.submit()  # submitted again (done -> done): the base follows
    assert held(ann, 0)["base"] == {"sentiment": "Negative"}
    ann.previous()  # and again from the browser, its values in the message (no edit first)
    browser_says(ann.toolbar, {"type": "navigate", "seq": 2, "action": "submit",
                               "task": task_key(0), "to": task_key(1),
                               "values": {"sentiment": "Positive"}})
    assert held(ann, 0)["base"] == {"sentiment": "Positive"}


def test_undo_and_skip_reach_the_held_payloads(ann):
    ann.set("sentiment", "Positive")
    ann.submit()
    ann.undo_submit()
    assert held(ann, 0)["base"] == {"sentiment": None}
    ann.skip()
    assert ann.current == 1
    suggestion = ann.suggestion.tasks[task_key(0)]
    assert suggestion["data"]["labeled"] is True  # skipped: no longer unlabeled


def test_suggestions_set_later_reach_tasks_already_held(ann):
    ann.set_predictions({3: [Prediction({"sentiment": "Negative"}, score=0.9)]})
    assert held(ann, 3)["value"] == {"sentiment": "Negative"}
    assert ann.suggestion.tasks[task_key(3)]["data"]["predictions"][0]["score"] == 0.9


def test_the_cache_holds_only_the_window(ann):
    ann.go_to(15)
    ann.go_to(2)
    kept = {pos for _, pos in ann._payloads._kept}
    assert kept == {0, 1, 2, 3, 4, 5, 6, 7}
