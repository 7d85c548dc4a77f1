"""Keys faster than the kernel (issue 15 item 7): the browser says how many tasks it still
holds ahead with each move, and the window it is sent deepens while that runs low, so that it
never has to wait for Python; at a person's pace the window goes back to ``prefetch``."""

from __future__ import annotations

import pandas as pd

import labelwidget as lw
from labelwidget.prefetch import PrefetchDepth
from labelwidget.tasks import task_key
from tests.comm import browser_says

CONFIG = """
<View>
  <Text name="text" value="$text"/>
  <Choices name="sentiment" toName="text"><Choice value="Positive"/><Choice value="Negative"/>
  </Choices>
</View>
"""


def test_the_depth_doubles_when_the_browser_runs_low_and_comes_back_one_by_one():
    depth = PrefetchDepth(5)
    depth.browser_holds(4)  # a person's pace: Python answered before the next key
    assert depth.depth == 5
    depth.browser_holds(2)  # three moves not answered yet
    assert depth.depth == 10
    depth.browser_holds(5)
    assert depth.depth == 20
    depth.browser_holds(0)
    assert depth.depth == 20  # at most `most` (20 for prefetch=5)
    for expected in range(19, 4, -1):  # caught up: the browser holds the whole window again
        depth.browser_holds(expected)
        assert depth.depth == expected
    depth.browser_holds(4)
    assert depth.depth == 5
    for nonsense in (None, -1, "3", True, 2.5):  # an older front end, or a bad message
        depth.browser_holds(nonsense)
        assert depth.depth == 5


def test_a_burst_deepens_the_window_and_every_submit_lands():
    df = pd.DataFrame({"text": [f"text {i}" for i in range(60)]})
    ann = lw.Annotator(df, CONFIG, prefetch=5)
    ann.toolbar.send = lambda content, buffers=None: None
    assert len(ann.toolbar.nav["next"]) == 5
    choices = ann._compiled.part_of("sentiment").widget
    # The browser moved 4 tasks ahead of Python before these messages were read: it holds
    # one task past the one it shows.
    for seq, pos in enumerate(range(4), start=1):
        browser_says(ann.toolbar, {"type": "navigate", "seq": seq, "action": "submit",
                                   "task": task_key(pos), "to": task_key(pos + 1),
                                   "values": {"sentiment": "Positive"}, "ahead": 1})
    nav = ann.toolbar.nav
    assert nav["center"] == task_key(4)
    assert len(nav["next"]) == 20  # 5 -> 10 -> 20 -> 20 (at most 4 x prefetch)
    assert nav["next"] == [task_key(p) for p in range(5, 25)]
    # the widgets hold every task of the deeper window, so the browser can show them at once
    assert {task_key(p) for p in range(4, 25)} <= set(choices.tasks)
    assert list(df["sentiment"].iloc[:4]) == ["Positive"] * 4
    # At a person's pace again: the window shrinks back to prefetch, a task per move.
    for seq, pos in enumerate(range(4, 24), start=5):
        browser_says(ann.toolbar, {"type": "navigate", "seq": seq, "action": "next",
                                   "task": task_key(pos), "to": task_key(pos + 1),
                                   "values": None, "ahead": len(ann.toolbar.nav["next"]) - 1})
    assert len(ann.toolbar.nav["next"]) == 5
    assert len(choices.tasks) == 1 + 5 + 2  # the shown task, 5 ahead, 2 behind
