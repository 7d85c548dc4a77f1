"""``Annotator.results`` read while submits land from another thread (a browser test read it
while the kernel took the widget's submit, and pandas raised "Length of values (5) does not
match length of index (6)"): every read is a whole table, and no submit is lost."""

from __future__ import annotations

import sys
import threading

import pandas as pd

import labelwidget as lw

CONFIG = """
<View>
  <Text name="text" value="$text"/>
  <Choices name="sentiment" toName="text"><Choice value="Positive"/><Choice value="Negative"/></Choices>
</View>
"""


def test_results_read_while_another_thread_submits():
    df = pd.DataFrame({"text": [f"review {i}" for i in range(400)]})
    ann = lw.Annotator(df, CONFIG)
    submits = 400
    errors: list[BaseException] = []

    def label() -> None:
        for _ in range(submits):
            ann.set("sentiment", "Positive")
            ann.submit()

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as possible: the race shows at once
    try:
        worker = threading.Thread(target=label)
        worker.start()
        reads = 0
        while worker.is_alive():
            try:
                frame = ann.results
            except ValueError as exc:
                errors.append(exc)
                continue
            reads += 1
            assert frame["value"].notna().all()  # every row is whole
        worker.join()
    finally:
        sys.setswitchinterval(interval)
    assert errors == []
    assert reads > 0
    final = ann.results
    assert len(final) == submits and set(final["value"]) == {"Positive"}
    assert (df["sentiment"] == "Positive").all()
