"""Issue 17 item 7 without a browser: an empty text cell is not submitted as done, and
``ann.results`` shows what the store held before this session."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import labelwidget as lw

CONFIG = """
<View>
  <Text name="text" value="$text"/>
  <Choices name="sentiment" toName="text"><Choice value="Pos"/><Choice value="Neg"/></Choices>
</View>
"""


@pytest.mark.parametrize("empty", [np.nan, None, "   "])
def test_an_empty_text_cell_refuses_submit_and_allows_skip(empty):
    df = pd.DataFrame({"text": [empty, "ok"]}, index=["e", "f"])
    ann = lw.Annotator(df, CONFIG)
    assert ann.current == "e"
    ann.set("sentiment", "Pos")
    with pytest.raises(ValueError, match="'text' cell is empty"):
        ann.submit()
    assert df.at["e", "sentiment"] is None and ann.current == "e"
    ann.skip()
    assert ann.current == "f"
    ann.set("sentiment", "Neg")
    ann.submit()
    assert df["sentiment"].tolist() == [None, "Neg"]


def test_results_include_the_history_the_store_held(tmp_path):
    store = tmp_path / "labels.sqlite"
    frame = lambda: pd.DataFrame({"text": ["a", "b", "c"]}, index=["t1", "t2", "t3"])  # noqa: E731
    first = lw.Annotator(frame(), CONFIG, store=store, annotator="me")
    first.set("sentiment", "Pos")
    first.submit()
    first.skip()
    first.close()
    again = lw.Annotator(frame(), CONFIG, store=store, annotator="me")
    before = again.results
    assert before[["task", "kind", "value"]].values.tolist() == [
        ["t1", "submit", "Pos"], ["t2", "skip", None]]
    assert before["annotator"].tolist() == ["me", "me"]
    assert before["created_at"].notna().all()
    again.set("sentiment", "Neg")
    again.submit()
    after = again.results
    assert after[["task", "kind", "value"]].values.tolist()[-1] == ["t3", "submit", "Neg"]
    assert len(after) == 3
    again.close()


def test_image_cells_are_checked_at_bind_time_in_the_background():
    image = np.zeros((8, 8, 3), dtype=np.uint8)
    df = pd.DataFrame({"image": [image, "missing/a.png", image, 42]}, index=list("abcd"))
    config = ('<View><Image name="image" value="$image"/><RectangleLabels name="boxes" '
              'toName="image"><Label value="Car"/></RectangleLabels></View>')
    ann = lw.Annotator(df, config)
    ann.image_check.join(timeout=30)
    assert ann.toolbar.progress["problems"] == "2 task(s) cannot be shown: 'b', 'd'"
    assert ann.current == "a"
    assert lw.Annotator(pd.DataFrame({"text": ["x"]}), CONFIG).image_check is None
