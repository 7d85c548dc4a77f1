"""Review: the tasks annotators disagree on, their answers side by side, ground truth recorded."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

import labelwidget as lw

CONFIG = """
<View>
  <Text name="text" value="$text"/>
  <Choices name="sentiment" toName="text" choice="single">
    <Choice value="Positive"/><Choice value="Negative"/>
  </Choices>
</View>
"""
ANSWERS = {"ann": ["Positive", "Negative", "Positive", "Negative"],
           "ben": ["Positive", "Positive", "Positive", "Negative"]}


def frame():
    return pd.DataFrame({"text": ["great", "meh", "good", "bad"]},
                        index=["t0", "t1", "t2", "t3"])


@pytest.fixture
def store(tmp_path):
    path = tmp_path / "team.sqlite"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for who, answers in ANSWERS.items():
            ann = lw.Annotator(frame(), CONFIG, store=path, annotator=who, overlap="all")
            for task, value in zip(frame().index, answers, strict=True):
                ann.go_to(task)
                ann.set("sentiment", value)
                ann.submit()
            ann.close()
    return path


def test_review_walks_the_disagreements_and_records_ground_truth(store):
    df = frame()
    review = lw.Review(df, CONFIG, store=store, reviewer="rita")
    assert review.current == "t1"  # the only task the two disagree on
    assert review.answers() == {"ann": {"sentiment": "Negative"},
                                "ben": {"sentiment": "Positive"}}
    review.use("ben")
    assert review.values == {"sentiment": "Positive"}
    review.submit()
    assert df.at["t1", "sentiment"] == "Positive"
    assert df["sentiment"].isna().sum() == 3  # the reviewer's frame holds ground truth only
    loaded = lw.load(store)
    assert loaded.at["t1", "sentiment"] == "Positive"
    tasks = review.to_label_studio()
    reviewed = [t for t in tasks if t["annotations"]]
    assert len(reviewed) == 1 and reviewed[0]["annotations"][0]["ground_truth"] is True
    assert reviewed[0]["annotations"][0]["completed_by"] == "rita"
    from label_studio_sdk.label_interface import LabelInterface

    LabelInterface(CONFIG).validate_annotation(reviewed[0]["annotations"][0])
    history = lw.load_history(store)
    assert list(history[history["origin"] == "review"]["annotator"]) == ["rita"]
    # Agreement is among annotators: the reviewer is not one more of them.
    assert lw.agreement(store).summary.loc["sentiment", "annotators"] == 2


def test_review_of_all_tasks_and_bad_arguments(store):
    review = lw.Review(frame(), CONFIG, store=store, reviewer="rita", tasks="all")
    seen = []
    for _ in range(4):
        seen.append(review.current)
        review.next()
    assert seen == ["t0", "t1", "t2", "t3"]
    with pytest.raises(ValueError, match="'cat' did not annotate task"):
        review.use("cat")
    with pytest.raises(ValueError, match='tasks= takes "disagreements" or "all"'):
        lw.Review(frame(), CONFIG, store=store, reviewer="rita2", tasks="some")
    with pytest.raises(ValueError, match="needs the reviewer's name"):
        lw.Review(frame(), CONFIG, store=store, reviewer="")


def test_load_gives_the_consensus_where_annotators_agree_by_majority(tmp_path):
    path = tmp_path / "three.sqlite"
    votes = {"ann": ["Positive", "Negative"], "ben": ["Positive", "Positive"],
             "cat": ["Negative", "Negative"]}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for who, answers in votes.items():
            ann = lw.Annotator(frame().iloc[:2], CONFIG, store=path, annotator=who,
                               overlap="all")
            for task, value in zip(["t0", "t1"], answers, strict=True):
                ann.go_to(task)
                ann.set("sentiment", value)
                ann.submit()
            ann.close()
    loaded = lw.load(path)
    # t0: 2 of 3 say Positive although cat answered last; t1: 2 of 3 say Negative.
    assert loaded.loc[["t0", "t1"], "sentiment"].tolist() == ["Positive", "Negative"]
