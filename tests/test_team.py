"""Annotators sharing one store: each sees only their share, overlap holds, identity required."""

from __future__ import annotations

import time
import warnings
from collections import Counter

import numpy as np
import pandas as pd
import pytest

import labelwidget as lw
from labelwidget.store.url import open_store

CONFIG = """
<View>
  <Text name="text" value="$text"/>
  <Choices name="sentiment" toName="text" choice="single">
    <Choice value="Positive"/><Choice value="Negative"/>
  </Choices>
</View>
"""


def frame(n=24):
    return pd.DataFrame({"text": [f"review number {i}" for i in range(n)]},
                        index=[f"r{i:02d}" for i in range(n)])


def annotator(store, name, overlap, **kw):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return lw.Annotator(frame(), CONFIG, store=store, annotator=name, overlap=overlap,
                            prefetch=2, **kw)


def label_all(ann, value):
    """What a person does: label the task shown, submit (the widget moves on), until done."""
    done = []
    while True:
        task = ann.current
        if ann.df.at[task, "sentiment"] is not None or not ann._queue.allowed[
                ann.df.index.get_loc(task)]:
            break
        ann.set("sentiment", value)
        ann.submit()
        done.append(task)
    return done


def test_two_annotators_without_overlap_never_get_the_same_task(shared):
    alice = annotator(shared, "alice", 1)
    bob = annotator(shared, "bob", 1)
    a, b = [], []
    while True:  # they work at the same time, one submit each in turn
        progressed = False
        for ann, mine, value in ((alice, a, "Positive"), (bob, b, "Negative")):
            task = ann.current
            if ann.df.at[task, "sentiment"] is None:
                ann.set("sentiment", value)
                ann.submit()
                mine.append(task)
                progressed = True
        if not progressed:
            break
    assert not set(a) & set(b)
    assert sorted(a + b) == list(frame().index)
    assert len(a) >= 5 and len(b) >= 5  # both got a fair part while working side by side
    # Each sees their own labels, and only their own share.
    assert alice.df["sentiment"].dropna().index.tolist() == sorted(a)
    assert set(bob.df["sentiment"].dropna()) == {"Negative"}
    assert alice.team_progress() == {"tasks": 24, "done": 24, "needed": 24, "mine": len(a),
                                     "working": ["bob"]}
    assert "team: " in alice._progress(alice._pos)["team"]  # what the toolbar shows
    long = lw.load(shared, by="annotator")
    assert Counter(long["annotator"]) == {"alice": len(a), "bob": len(b)}
    alice.close()
    bob.close()


def test_overlap_two_gives_every_task_to_exactly_two_of_three(shared):
    anns = [annotator(shared, name, 2) for name in ("ann", "ben", "cat")]
    for _ in range(30):
        for ann, value in zip(anns, ["Positive", "Negative", "Positive"], strict=True):
            task = ann.current
            if ann.df.at[task, "sentiment"] is None:
                ann.set("sentiment", value)
                ann.submit()
    long = lw.load(shared, by="annotator")
    per_task = Counter(long["task"])
    assert len(per_task) == 24 and set(per_task.values()) == {2}
    assert not long.duplicated(["task", "annotator"]).any()
    agreement = lw.agreement(shared)
    assert agreement.summary.loc["sentiment", "tasks"] == 24
    for ann in anns:
        ann.close()


def test_a_shared_store_needs_a_name_and_overlap_needs_a_store(url, tmp_path):
    with pytest.raises(ValueError, match="a shared store needs to know who labels"):
        lw.Annotator(frame(), CONFIG, store=url)
    with pytest.raises(ValueError, match=r"overlap= shares tasks out .* pass store="):
        lw.Annotator(frame(), CONFIG, overlap=2, annotator="a")
    with pytest.raises(ValueError, match=r'overlap must be a whole number .* or "all"'):
        lw.Annotator(frame(), CONFIG, store=tmp_path / "s.sqlite", overlap=0, annotator="a")


def test_the_same_name_in_two_places_is_one_sentence(url):
    first = annotator(url, "alice", 1)
    with pytest.raises(lw.StoreLockedError, match="already open with annotator='alice'"):
        annotator(url, "alice", 1)
    first.close()


def test_overlap_all_gives_everyone_every_task(tmp_path):
    store = tmp_path / "all.sqlite"
    anns = [annotator(store, name, "all") for name in ("a", "b")]
    for ann in anns:
        label_all(ann, "Positive")
    long = lw.load(store, by="annotator")
    assert Counter(long["annotator"]) == {"a": 24, "b": 24}
    with open_store(store, readonly=True) as s:
        assert len(s.history()) == 48


class _Clock:
    """``time.time()`` for the claim modules, moved forward instead of sleeping."""

    def __init__(self):
        self.ahead = 0.0

    def time(self):
        return time.time() + self.ahead


def _share_in_store(ann):
    """The positions the store says are this annotator's (every claim): what the mask shows."""
    pos = {task: i for i, task in enumerate(ann.df.index)}
    return {pos[task] for task in ann._store.claims()}


def test_the_share_follows_the_store_without_reading_every_claim_per_submit(shared,
                                                                           monkeypatch):
    from labelwidget.store import claims, postgres_claims

    clock = _Clock()
    monkeypatch.setattr(claims, "time", clock)
    monkeypatch.setattr(postgres_claims, "time", clock)
    alice = annotator(shared, "alice", 1, lease=60.0)
    reads = []
    every_claim = alice._store.claims
    monkeypatch.setattr(alice._store, "claims", lambda: reads.append(1) or every_claim())
    for value in ("Positive", "Negative", "Positive"):
        alice.set("sentiment", value)
        alice.submit()
    alice.skip()
    assert reads == []  # four submits and skips, not one read of every claim
    assert set(np.flatnonzero(alice._queue.allowed)) == _share_in_store(alice)
    kept = set(np.flatnonzero(alice._queue.allowed))
    # Alice stops; her leases run out and bob takes her open tasks.
    clock.ahead = 120.0
    bob = annotator(shared, "bob", 1, lease=60.0)
    alice._share()
    allowed = set(np.flatnonzero(alice._queue.allowed))
    assert allowed == _share_in_store(alice)
    done = {alice.df.index.get_loc(t) for t in alice.df["sentiment"].dropna().index}
    assert len(done) == 3 and done <= allowed  # her submits (and the skip) stay hers
    lost = kept - allowed
    pos_bob = {bob.df.index.get_loc(t) for t in bob._store.claims()}
    assert lost and lost <= pos_bob  # what she lost is bob's now, hidden from her
    alice.close()
    bob.close()


@pytest.mark.parametrize("bad, says", [
    ({"predictions": "nocolumn"}, "predictions='nocolumn' is not a column"),
    ({"overlap": 0}, "overlap must be a whole number"),
    ({"lease": -1}, "lease must be a number of seconds above 0"),
])
def test_a_bad_argument_after_the_store_opened_closes_it(url, bad, says):
    with pytest.raises(ValueError, match=says) as info:
        lw.Annotator(frame(), CONFIG, store=url, annotator="alice", **bad)
    # The traceback is kept, as Jupyter keeps the last one (and with it the half-made
    # Annotator); still the store was closed: the name is free for the corrected call
    # (PostgreSQL holds it per open connection).
    open_store(url, annotator="alice").close()
    assert info.traceback


@pytest.mark.parametrize("prefetch", ["x", 2.5, True, None])
def test_prefetch_that_is_not_a_whole_number_is_one_sentence(prefetch):
    with pytest.raises(ValueError, match=r"prefetch= is how many tasks the browser keeps "
                                         r"ready ahead: a whole number such as 5, not "):
        lw.Annotator(frame(), CONFIG, prefetch=prefetch)
