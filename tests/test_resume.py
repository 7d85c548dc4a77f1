"""Issue 6, no lost work: an Annotator with ``store=`` survives SIGKILL, restarts, config and
DataFrame changes and a second kernel, as a user would meet them.

Separate processes are plain Python (``sys.executable -c``) driving an Annotator through its
public API; each prints a line after each ``submit()`` returns (the "ack": what the UI would
report as saved). Reopening happens in the test process, a different process from the writer.
"""

from __future__ import annotations

import json
import os
import queue
import signal
import subprocess
import sys
import tempfile
import threading
import time
import warnings
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import labelwidget as lw
import labelwidget.annotator  # the widget stack, imported before hypothesis runs
from labelwidget.store import (
    Event,
    SQLiteStore,
    StoreError,
    StoreLockedError,
    config_hash,
    load_history,
)
from labelwidget.tasks import task_key
from tests.comm import browser_says

REPO = Path(__file__).resolve().parents[1]

CONFIG = """
<View>
  <Text name="text" value="$text"/>
  <Choices name="sentiment" toName="text" choice="single">
    <Choice value="Positive"/><Choice value="Negative"/><Choice value="Neutral"/>
  </Choices>
  <Choices name="topics" toName="text" choice="multiple">
    <Choice value="Sports"/><Choice value="Politics"/>
  </Choices>
</View>
"""

# The same config written differently: attribute order, spacing, line breaks.
CONFIG_REFORMATTED = """<View>
<Text value="$text"   name="text" />
<Choices toName="text" name="sentiment" choice="single"><Choice value="Positive"/>
    <Choice value="Negative"/>   <Choice value="Neutral"/></Choices>
<Choices choice="multiple" name="topics" toName="text"><Choice value="Sports"/><Choice value="Politics"/></Choices>
</View>"""

# Neutral is gone, topics is gone, stars is new.
CONFIG_V2 = """
<View>
  <Text name="text" value="$text"/>
  <Choices name="sentiment" toName="text" choice="single">
    <Choice value="Positive"/><Choice value="Negative"/>
  </Choices>
  <Rating name="stars" toName="text" maxRating="5"/>
</View>
"""

TOPICS = [["Sports"], ["Politics"], ["Sports", "Politics"]]  # one-element lists on purpose


def frame(n=8, start=100):
    return pd.DataFrame({"text": [f"review {i}" for i in range(start, start + n)]},
                        index=list(range(start, start + n)))


def label_of(task, annotator="alice"):
    """The values a scripted annotator gives a task (different per annotator)."""
    if annotator == "bob":
        return {"sentiment": "Negative", "topics": ["Politics"]}
    return {"sentiment": ["Positive", "Negative", "Neutral"][task % 3], "topics": TOPICS[task % 3]}


def store_warnings(record):
    return [str(w.message) for w in record if issubclass(w.category, lw.StoreWarning)]


def open_quietly(df, config=CONFIG, **kwargs):
    """Open an Annotator and return it with the StoreWarnings it gave."""
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        ann = lw.Annotator(df, config, **kwargs)
    return ann, store_warnings(record)


# -- processes ----------------------------------------------------------------------------------

CHILD = r"""
import json, os, sys
import pandas as pd
import labelwidget as lw

args = json.loads(sys.argv[1])
start, n = args["start"], args["n"]
df = pd.DataFrame({"text": [f"review {i}" for i in range(start, start + n)]},
                  index=list(range(start, start + n)))
try:
    ann = lw.Annotator(df, args["config"], store=args["store"], annotator=args["annotator"])
except Exception as exc:
    print("error", type(exc).__name__, str(exc).replace("\n", " "), flush=True)
    sys.exit(3)
print("ready", os.getpid(), json.dumps(ann.current), flush=True)
if args.get("wait"):
    sys.stdin.readline()
for task, values in args["labels"]:
    if task != ann.current:
        ann.go_to(task)
    for control, value in values.items():
        ann.set(control, value)
    ann.submit()
    print("ack", task, flush=True)
    if args.get("pause"):
        sys.stdin.readline()
if args.get("hold"):
    sys.stdin.readline()
ann.close()
print("done", flush=True)
"""


class Child:
    """A plain Python process driving an Annotator on a store (see CHILD)."""

    def __init__(self, tmp_path, store, labels, annotator="alice", n=60, config=CONFIG,
                 **flags):
        args = {"store": str(store), "annotator": annotator, "start": 100, "n": n,
                "config": config, "labels": [[t, v] for t, v in labels], **flags}
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(
            p for p in (str(REPO), os.environ.get("PYTHONPATH")) if p)}
        self.proc = subprocess.Popen(
            [sys.executable, "-c", CHILD, json.dumps(args)], cwd=tmp_path, env=env,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            bufsize=1,
        )
        self.lines: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.proc.stdout:
            self.lines.put(line.rstrip("\n"))
        self.lines.put(None)

    def expect(self, prefix, timeout=60):
        deadline = time.monotonic() + timeout
        while True:
            try:
                line = self.lines.get(timeout=max(0.01, deadline - time.monotonic()))
            except queue.Empty:
                raise AssertionError(f"no {prefix!r} line from the child in {timeout}s") from None
            if line is None:
                self.proc.wait(timeout=10)
                raise AssertionError(f"child exited ({self.proc.returncode}) before {prefix!r}: "
                                     f"{self.proc.stderr.read()}")
            if line.startswith(prefix):
                return line

    def say(self, text="go"):
        self.proc.stdin.write(text + "\n")
        self.proc.stdin.flush()

    def kill(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=10)  # reaped: its session is then recognisably stale

    def finish(self, timeout=60):
        self.proc.stdin.close()
        rc = self.proc.wait(timeout=timeout)
        assert rc == 0, self.proc.stderr.read()


@pytest.fixture
def children():
    started = []

    def start(*args, **kwargs):
        child = Child(*args, **kwargs)
        started.append(child)
        return child

    yield start
    for child in started:
        child.kill()
        for stream in (child.proc.stdin, child.proc.stdout, child.proc.stderr):
            stream.close()


# -- SIGKILL after N acknowledged submits ---------------------------------------------------------


@pytest.mark.parametrize("acked", [1, 9])
def test_sigkill_after_n_acks_loses_none_of_them(tmp_path, children, acked):
    """The child runs on without pause: the kill lands at any point of a later submit (maybe
    mid-transaction). Every acked submit is there; the store holds a clean prefix, no gap."""
    store = tmp_path / "labels.sqlite"
    tasks = list(range(100, 500))  # more than it can submit before the kill
    child = children(tmp_path, store, [(t, label_of(t)) for t in tasks], n=400)
    child.expect("ready")
    for i in range(acked):
        assert child.expect("ack") == f"ack {tasks[i]}"
    child.kill()
    assert child.proc.returncode == -signal.SIGKILL

    df = frame(400)
    ann, warned = open_quietly(df, store=store, annotator="alice")
    assert warned == []
    stored = [t for t in tasks if df.at[t, "sentiment"] is not None]
    assert len(stored) >= acked
    assert stored == tasks[: len(stored)]  # a prefix: nothing acked or later is half there
    for t in stored:
        assert {c: df.at[t, c] for c in ("sentiment", "topics")} == label_of(t)
        assert type(df.at[t, "topics"]) is list
    assert ann.current == tasks[len(stored)]  # resumes at the first unlabeled task
    assert ann.toolbar.progress["done"] == len(stored)
    loaded = lw.load(store)
    assert list(loaded.index) == stored
    assert loaded["topics"].tolist() == [label_of(t)["topics"] for t in stored]


def test_sigkill_right_after_the_nth_ack_then_reopen_and_undo(tmp_path, children):
    """The child stops after each ack, so the kill comes exactly after N = 4 acks: the store
    holds those 4, the widget resumes at the 5th task, and undo reverts the 4th."""
    store = tmp_path / "labels.sqlite"
    tasks = list(range(100, 110))
    child = children(tmp_path, store, [(t, label_of(t)) for t in tasks], pause=True)
    child.expect("ready")
    for i in range(4):
        assert child.expect("ack") == f"ack {tasks[i]}"
        if i < 3:
            child.say()
    child.kill()

    df = frame(60)
    ann, warned = open_quietly(df, store=store, annotator="alice")
    assert warned == []
    assert df["sentiment"].head(5).tolist() == [label_of(t)["sentiment"] for t in tasks[:4]] + [None]
    assert ann.current == 104
    # The widget shows task 104, and holds the restored values of the tasks behind it.
    assert ann.toolbar.nav["center"] == task_key(104)
    assert ann.toolbar.nav["prev"] == [task_key(103), task_key(102)]
    topics = ann._compiled.part_of("topics").widget
    assert topics.task == task_key(104)
    assert topics.tasks[task_key(103)]["value"] == {"topics": label_of(103)["topics"]}
    assert "task 104 (5 of 60, unlabeled)" in ann.toolbar.progress["label"]

    ann.undo()  # reverts the last submit of the killed process
    assert ann.current == 103
    assert df.at[103, "sentiment"] is None and df.at[103, "topics"] is None
    assert df.at[102, "sentiment"] == label_of(102)["sentiment"]
    ann.close()
    assert load_history(store)["kind"].tolist() == ["submit"] * 4 + ["undo"]

    again, _ = open_quietly(frame(60), store=store, annotator="alice")
    assert again.current == 103
    assert list(lw.load(store).index) == [100, 101, 102]
    again.close()


# -- reopen, resume, undo across restarts ----------------------------------------------------------


def test_reopen_restores_values_and_states_and_resumes_at_first_unlabeled(tmp_path):
    store = tmp_path / "labels.sqlite"
    df = frame()
    ann = lw.Annotator(df, CONFIG, store=store, annotator="alice")
    for sentiment, topics in (("Positive", ["Sports"]), ("Negative", ["Politics"])):
        ann.set("sentiment", sentiment)
        ann.set("topics", topics)
        ann.submit()
    ann.skip()  # 102
    ann.go_to(104)
    ann.set("sentiment", "Neutral")
    ann.submit()
    ann.close()

    df2 = frame()
    ann2, warned = open_quietly(df2, store=store, annotator="alice")
    assert warned == []
    assert df2.loc[[100, 101, 104], "sentiment"].tolist() == ["Positive", "Negative", "Neutral"]
    assert df2.at[101, "topics"] == ["Politics"]
    assert df2.at[104, "topics"] == []  # submitted with no topic: an empty answer
    assert df2.loc[[102, 103], "sentiment"].isna().all()
    assert ann2.current == 103  # 102 was skipped: not unlabeled
    assert ann2.toolbar.progress["done"] == 3 and ann2.toolbar.progress["skipped"] == 1
    ann2.go_to(102)
    assert ann2.toolbar.progress["label"] == "task 102 (3 of 8, skipped)"


def test_rerunning_the_cell_in_the_same_kernel_reopens_without_closing(tmp_path):
    store = tmp_path / "labels.sqlite"
    first = lw.Annotator(frame(), CONFIG, store=store, annotator="alice")
    first.set("sentiment", "Positive")
    first.submit()
    # No close(): a notebook cell run again builds a new Annotator while the old one lives.
    df = frame()
    second, warned = open_quietly(df, store=store, annotator="alice")
    assert warned == []
    assert df.at[100, "sentiment"] == "Positive" and second.current == 101
    second.set("sentiment", "Negative")
    second.submit()
    first.close()
    second.close()
    assert lw.load(store)["sentiment"].tolist() == ["Positive", "Negative"]


def test_undo_after_reopening_reverts_the_previous_sessions_last_submits(tmp_path):
    store = tmp_path / "labels.sqlite"
    df = frame()
    ann = lw.Annotator(df, CONFIG, store=store, annotator="alice")
    ann.set("sentiment", "Positive")
    ann.submit()  # 100
    ann.skip()  # 101
    ann.go_to(100)
    ann.set("sentiment", "Negative")
    ann.submit()  # 100 again: Positive -> Negative
    ann.close()

    df2 = frame()
    ann2, _ = open_quietly(df2, store=store, annotator="alice")
    assert df2.at[100, "sentiment"] == "Negative"
    ann2.undo()
    assert ann2.current == 100 and df2.at[100, "sentiment"] == "Positive"
    ann2.close()

    df3 = frame()
    ann3, _ = open_quietly(df3, store=store, annotator="alice")
    assert df3.at[100, "sentiment"] == "Positive"
    assert ann3.toolbar.progress["skipped"] == 1
    ann3.undo()  # the skip of the first session
    assert ann3.current == 101 and ann3.toolbar.progress["skipped"] == 0
    ann3.undo()  # the first submit
    assert df3.at[100, "sentiment"] is None and ann3.current == 100
    with pytest.raises(ValueError, match="nothing to undo"):
        ann3.undo()
    ann3.close()
    assert load_history(store)["kind"].tolist() == ["submit", "skip", "submit", "undo", "undo",
                                                    "undo"]
    assert lw.load(store).empty
    df4 = frame()
    ann4, _ = open_quietly(df4, store=store, annotator="alice")
    assert ann4.current == 100 and df4["sentiment"].isna().all()
    assert ann4.toolbar.progress["done"] == 0 and ann4.toolbar.progress["skipped"] == 0


SENTIMENTS = st.sampled_from([None, "Positive", "Negative"])
TOPIC_CELLS = st.sampled_from([None, ["Sports"], ["Sports", "Politics"]])
ACTIONS = st.one_of(
    st.tuples(st.just("submit"), st.integers(100, 103), SENTIMENTS, TOPIC_CELLS),
    st.tuples(st.just("skip"), st.integers(100, 103)),
    st.tuples(st.just("undo")),
    st.tuples(st.just("restart")),
)


def act(ann, action):
    """Do one action; return what a user would see change (an undo's error, or the task)."""
    kind = action[0]
    if kind == "undo":
        try:
            ann.undo()
        except ValueError as exc:
            return str(exc)
        return ann.current
    ann.go_to(action[1])
    if kind == "skip":
        ann.skip()
    else:
        ann.set("sentiment", action[2])
        ann.set("topics", action[3])
        ann.submit()
    return None


def cells(df):
    return df[["sentiment", "topics"]].to_dict("index")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ACTIONS, max_size=12))
def test_restarting_anywhere_changes_nothing_the_user_sees(actions):
    """The same actions with restarts in between (close, new DataFrame, reopen) and without any
    (no store at all) give the same cells, done/skipped counts and undo results at every step."""
    with tempfile.TemporaryDirectory() as tmp, warnings.catch_warnings():
        warnings.simplefilter("error", lw.StoreWarning)
        store = Path(tmp) / "labels.sqlite"
        reference_df = frame(4)
        reference = lw.Annotator(reference_df, CONFIG)
        df = frame(4)
        ann = lw.Annotator(df, CONFIG, store=store, annotator="alice")
        try:
            for action in actions:
                if action[0] == "restart":
                    ann.close()
                    df = frame(4)
                    ann = lw.Annotator(df, CONFIG, store=store, annotator="alice")
                else:
                    assert act(ann, action) == act(reference, action), action
                assert cells(df) == cells(reference_df)
                for key in ("done", "skipped"):
                    assert ann.toolbar.progress[key] == reference.toolbar.progress[key]
        finally:
            ann.close()
        assert lw.load(store, include_skipped=True).index.isin(df.index).all()


# -- the config or the DataFrame changed -----------------------------------------------------------


def test_a_changed_config_warns_naming_it_and_drops_nothing_from_the_store(tmp_path):
    store = tmp_path / "labels.sqlite"
    ann = lw.Annotator(frame(), CONFIG, store=store, annotator="alice")
    for sentiment, topics in (("Positive", ["Sports"]), ("Neutral", ["Politics"]),
                              ("Negative", None)):
        ann.set("sentiment", sentiment)
        ann.set("topics", topics)
        ann.submit()
    ann.close()
    old, new = config_hash(ann.config.xml), config_hash(lw.parse_config(CONFIG_V2).xml)

    df = frame()
    with pytest.warns(lw.StoreWarning) as record:
        ann2 = lw.Annotator(df, CONFIG_V2, store=store, annotator="alice")
    text = "\n".join(store_warnings(record))
    assert (f"the labeling config changed: the store holds annotations made with another "
            f"config (config hash {old[:12]} (3 event(s)); this config is {new[:12]})") in text
    assert ("the store holds values for controls this config does not have: 'topics' "
            "(2 task(s): 100, 101)") in text
    assert "task 101, sentiment: 'Neutral' is not an option (options: Positive, Negative)" in text
    assert df["sentiment"].head(3).tolist() == ["Positive", None, "Negative"]
    assert "topics" not in df.columns
    assert ann2.current == 101  # its only value does not fit any more: label it again
    ann2.set("sentiment", "Positive")
    ann2.set("stars", 4)
    ann2.submit()
    ann2.close()

    loaded = lw.load(store)  # nothing dropped: the old config's values are all there
    assert loaded.loc[100, "topics"] == ["Sports"]
    assert loaded.loc[102, "sentiment"] == "Negative"
    assert loaded.loc[101, "sentiment"] == "Positive" and loaded.loc[101, "stars"] == 4
    history = load_history(store)
    assert history["config_hash"].tolist() == [old] * 3 + [new]
    assert history["values"].iloc[1] == {"sentiment": "Neutral", "topics": ["Politics"]}

    df3 = frame()
    with pytest.warns(lw.StoreWarning) as record:
        lw.Annotator(df3, CONFIG, store=store, annotator="alice").close()
    text = "\n".join(store_warnings(record))
    assert f"config hash {new[:12]} (1 event(s)); this config is {old[:12]}" in text
    assert "'stars' (1 task(s): 101)" in text
    assert df3.at[100, "topics"] == ["Sports"]


def test_a_reformatted_config_is_the_same_config(tmp_path):
    store = tmp_path / "labels.sqlite"
    ann = lw.Annotator(frame(), CONFIG, store=store, annotator="alice")
    ann.set("sentiment", "Neutral")
    ann.submit()
    ann.close()
    df = frame()
    ann2, warned = open_quietly(df, CONFIG_REFORMATTED, store=store, annotator="alice")
    assert warned == []
    assert df.at[100, "sentiment"] == "Neutral"
    ann2.close()


def test_a_dataframe_that_lost_rows_warns_naming_the_task_ids(tmp_path):
    store = tmp_path / "labels.sqlite"
    ann = lw.Annotator(frame(), CONFIG, store=store, annotator="alice")
    for _ in range(4):
        ann.set("sentiment", "Positive")
        ann.submit()
    ann.skip()  # 104
    ann.close()

    df = frame().drop(index=[101, 102, 104])
    with pytest.warns(lw.StoreWarning) as record:
        ann2 = lw.Annotator(df, CONFIG, store=store, annotator="alice")
    assert store_warnings(record) == [
        "the store holds 3 task(s) that are not in the DataFrame's index: 101, 102, 104; they "
        "stay in the store (labelwidget.load() reads them)"]
    assert df.loc[[100, 103], "sentiment"].tolist() == ["Positive", "Positive"]
    assert ann2.current == 105
    ann2.undo()  # the stack holds only tasks the DataFrame has
    assert ann2.current == 103
    ann2.close()
    assert list(lw.load(store).index) == [100, 101, 102]


def test_many_lost_rows_are_named_up_to_ten(tmp_path):
    store = tmp_path / "labels.sqlite"
    xml = lw.parse_config(CONFIG).xml
    with SQLiteStore(store, annotator="alice", config_xml=xml) as s:
        s.append_many([Event(task=t, kind="submit", values={"sentiment": "Positive"})
                       for t in range(100, 125)])
    with pytest.warns(lw.StoreWarning, match=r"the store holds 20 task\(s\) that are not in the "
                      r"DataFrame's index: 105, 106, .*, 114 and 10 more;"):
        lw.Annotator(frame(5), CONFIG, store=store, annotator="alice").close()


def test_string_index_labels_round_trip(tmp_path):
    store = tmp_path / "labels.sqlite"
    df = pd.DataFrame({"text": ["a", "b", "c"]}, index=["r1", "r2", "10"])
    ann = lw.Annotator(df, CONFIG, store=store, annotator="alice")
    ann.go_to("10")
    ann.set("sentiment", "Negative")
    ann.submit()
    ann.close()
    df2 = pd.DataFrame({"text": ["a", "b", "c", "d"]}, index=["r1", "r2", "10", 10])
    ann2, warned = open_quietly(df2, store=store, annotator="alice")
    assert warned == []
    assert df2["sentiment"].tolist() == [None, None, "Negative", None]  # "10", not 10
    assert list(lw.load(store).index) == ["10"]
    ann2.close()


# -- several processes on one store ----------------------------------------------------------------


def test_a_second_live_process_under_the_same_name_gets_a_clear_error(tmp_path, children):
    store = tmp_path / "labels.sqlite"
    holder = children(tmp_path, store, [(100, label_of(100))], hold=True)
    holder.expect("ack")  # it labeled task 100 and keeps the store open
    pid = holder.proc.pid
    assert lw.load(store)["sentiment"].to_dict() == {100: label_of(100)["sentiment"]}  # readable
    with pytest.raises(StoreLockedError) as caught:
        lw.Annotator(frame(), CONFIG, store=store, annotator="alice")
    message = str(caught.value)
    assert f"{store} is already open with annotator='alice' in another process (pid {pid} " in message
    assert "open the store under another annotator name" in message

    # The other way round: the test holds "bob", a second process as "bob" is refused.
    bob = lw.Annotator(frame(), CONFIG, store=store, annotator="bob")
    intruder = children(tmp_path, store, [], annotator="bob")
    line = intruder.expect("error")
    assert line.startswith(f"error StoreLockedError {store} is already open with annotator='bob' "
                           f"in another process (pid {os.getpid()} ")
    assert intruder.proc.wait(timeout=10) == 3
    bob.close()

    # Once the holder is killed, its session is stale and alice can open; nothing was lost.
    holder.kill()
    df = frame()
    ann, _ = open_quietly(df, store=store, annotator="alice")
    assert df.at[100, "sentiment"] == label_of(100)["sentiment"] and ann.current == 101
    ann.close()


def test_two_annotators_write_at_once_and_neither_overwrites_the_other(tmp_path, children):
    store = tmp_path / "labels.sqlite"
    alice_tasks, bob_tasks = list(range(100, 120)), list(range(110, 130))
    alice = children(tmp_path, store, [(t, label_of(t, "alice")) for t in alice_tasks],
                     annotator="alice", wait=True)
    bob = children(tmp_path, store, [(t, label_of(t, "bob")) for t in bob_tasks],
                   annotator="bob", wait=True)
    alice.expect("ready")
    bob.expect("ready")  # both hold the store open now
    alice.say()
    bob.say()
    for child in (alice, bob):
        child.expect("done")
        child.finish()

    history = load_history(store)
    assert len(history) == 40 and set(history["kind"]) == {"submit"}
    for who, tasks in (("alice", alice_tasks), ("bob", bob_tasks)):
        mine = history[history["annotator"] == who]
        assert mine["task"].tolist() == tasks
        assert mine["values"].tolist() == [label_of(t, who) for t in tasks]
    last_writer = {row.task: row.annotator for row in history.itertuples()}  # seq order
    loaded = lw.load(store)
    assert sorted(loaded.index) == list(range(100, 130))  # in the order first annotated
    for t, who in last_writer.items():
        assert loaded.loc[t].to_dict() == label_of(t, who)

    # Alice reopens: the DataFrame shows the latest values, whoever wrote them, and her undos
    # never put back what was there before her submit over bob's later one.
    df = frame(40)
    ann, warned = open_quietly(df, store=store, annotator="alice")
    assert warned == []
    for t, who in last_writer.items():
        assert {c: df.at[t, c] for c in ("sentiment", "topics")} == label_of(t, who)
    undone = 0
    while True:
        try:
            ann.undo()
        except ValueError:
            break
        undone += 1
    assert undone == sum(who == "alice" for who in last_writer.values())
    for t in range(100, 110):
        assert df.at[t, "sentiment"] is None
    for t in bob_tasks:
        assert {c: df.at[t, c] for c in ("sentiment", "topics")} == label_of(t, "bob")
    ann.close()


def test_undo_after_reopening_never_reverts_over_another_annotators_later_work(tmp_path):
    store = tmp_path / "labels.sqlite"
    alice = lw.Annotator(frame(), CONFIG, store=store, annotator="alice")
    bob = lw.Annotator(frame(), CONFIG, store=store, annotator="bob")  # same process, other name
    alice.set("sentiment", "Positive")
    alice.submit()  # 100
    alice.set("sentiment", "Positive")
    alice.submit()  # 101
    bob.set("sentiment", "Negative")
    bob.submit()  # 100, after alice
    alice.close()
    bob.close()

    df = frame()
    ann, _ = open_quietly(df, store=store, annotator="alice")
    assert df.loc[[100, 101], "sentiment"].tolist() == ["Negative", "Positive"]
    ann.undo()  # 101 is hers and nobody wrote it since
    assert ann.current == 101 and df.at[101, "sentiment"] is None
    with pytest.raises(ValueError, match="nothing to undo"):
        ann.undo()  # 100 is bob's now: undoing her submit would erase his
    assert df.at[100, "sentiment"] == "Negative"
    ann.close()

    df_bob = frame()
    ann_bob, _ = open_quietly(df_bob, store=store, annotator="bob")
    ann_bob.undo()  # bob's own undo puts back what was there before his submit: alice's value
    assert df_bob.at[100, "sentiment"] == "Positive"
    ann_bob.close()
    assert lw.load(store)["sentiment"].to_dict() == {100: "Positive"}


# -- what the user is told --------------------------------------------------------------------------


def test_the_toolbar_says_where_work_is_kept(tmp_path):
    store = tmp_path / "labels.sqlite"
    ann = lw.Annotator(frame(), CONFIG, store=store, annotator="alice")
    assert ann.toolbar.durable is True
    assert ann.toolbar.storage == f"saved to {store}"
    ann.close()
    memory = lw.Annotator(frame(), CONFIG)
    assert memory.toolbar.durable is False
    assert memory.toolbar.storage.startswith("in memory only")
    assert "store=" in memory.toolbar.storage  # and how to change that


# -- labelwidget.load ---------------------------------------------------------------------------------

TYPED = """
<View>
  <Text name="text" value="$text"/>
  <Choices name="sentiment" toName="text" choice="single">
    <Choice value="Positive"/><Choice value="Negative"/>
  </Choices>
  <Choices name="topics" toName="text" choice="multiple">
    <Choice value="Sports"/><Choice value="Politics"/>
  </Choices>
  <Labels name="entities" toName="text"><Label value="PER"/><Label value="ORG"/></Labels>
  <Rating name="stars" toName="text" maxRating="5"/>
  <Number name="confidence" toName="text" min="0" max="1"/>
  <TextArea name="note" toName="text"/>
</View>
"""


def test_load_returns_what_was_submitted_with_its_types(tmp_path):
    store = tmp_path / "labels.sqlite"
    df = pd.DataFrame({"text": ["Alice met Bob", "nothing here", "x"]}, index=["a", "b", "c"])
    ann = lw.Annotator(df, TYPED, store=store, annotator="alice")
    span = {"start": 0, "end": 5, "text": "Alice", "labels": ["PER"]}
    ann.set("sentiment", "Positive")
    ann.set("topics", ["Sports"])
    ann.set("entities", [span])
    ann.set("stars", 4)
    ann.set("confidence", 1)
    ann.set("note", "short")
    ann.submit()
    ann.set("topics", ["Sports", "Politics"])
    ann.submit()
    ann.skip()
    ann.close()

    code = ("import json, sys, labelwidget as lw\n"
            f"f = lw.load({str(store)!r})\n"
            "assert 'ipywidgets' not in sys.modules and 'anywidget' not in sys.modules\n"
            "print(json.dumps({'index': list(f.index), 'columns': list(f.columns),\n"
            "                  'a': f.loc['a'].to_dict(), 'b': f.loc['b'].to_dict()}))\n")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                         check=True, timeout=120)
    seen = json.loads(out.stdout)
    assert seen["index"] == ["a", "b"]  # c was skipped
    assert seen["columns"] == ["sentiment", "topics", "entities", "stars", "confidence", "note"]
    assert seen["b"]["topics"] == ["Sports", "Politics"] and seen["b"]["stars"] is None

    loaded = lw.load(store)
    a = loaded.loc["a"]
    assert a["sentiment"] == "Positive"
    assert type(a["topics"]) is list and a["topics"] == ["Sports"]
    assert type(a["entities"]) is list and len(a["entities"]) == 1
    assert {k: a["entities"][0][k] for k in span} == span
    assert a["entities"][0]["id"] == df.at["a", "entities"][0]["id"]  # the region id is kept
    assert type(a["stars"]) is int and a["stars"] == 4
    assert type(a["confidence"]) is float and a["confidence"] == 1.0
    assert a["note"] == "short"
    assert all(pd.api.types.is_object_dtype(dtype) for dtype in loaded.dtypes)
    skipped = lw.load(store, include_skipped=True)
    assert list(skipped.index) == ["a", "b", "c"]

    df2 = pd.DataFrame({"text": ["Alice met Bob", "nothing here", "x"]}, index=["a", "b", "c"])
    lw.Annotator(df2, TYPED, store=store, annotator="alice").close()
    for control in loaded.columns:  # the reopened DataFrame holds the same cells
        assert df2.at["a", control] == a[control]
        assert type(df2.at["a", control]) is type(a[control])


# -- a store that fails ---------------------------------------------------------------------------


def failing_append(event, **kwargs):
    raise StoreError("saving task 100 in the store labels.sqlite failed: disk I/O error")


def break_store(ann, how, monkeypatch):
    if how == "append raises":
        monkeypatch.setattr(ann._store, "append", failing_append)
    else:  # a real StoreError from the store itself
        ann._store.close()


@pytest.mark.parametrize("how", ["append raises", "store closed"])
def test_a_failed_save_keeps_the_values_as_drafts_and_leaves_the_dataframe(tmp_path,
                                                                          monkeypatch, how):
    store = tmp_path / "labels.sqlite"
    df = frame()
    ann = lw.Annotator(df, CONFIG, store=store, annotator="alice")
    break_store(ann, how, monkeypatch)
    ann.set("sentiment", "Positive")
    ann.set("topics", ["Sports"])
    with pytest.raises(ValueError, match=r"^not saved: ") as caught:
        ann.submit()
    assert ("disk I/O error" if how == "append raises" else "is closed") in str(caught.value)
    assert df.at[100, "sentiment"] is None and df.at[100, "topics"] is None
    assert ann.current == 100
    assert ann.values == {"sentiment": "Positive", "topics": ["Sports"]}
    assert ann.toolbar.progress["done"] == 0
    assert ann.results.empty
    with pytest.raises(ValueError, match="nothing to undo"):
        ann.undo()
    if how == "append raises":  # the disk is back: submitting again saves the kept values
        monkeypatch.undo()
        ann.submit()
        ann.close()
        assert lw.load(store).loc[100].to_dict() == {"sentiment": "Positive", "topics": ["Sports"]}


def test_a_failed_save_from_python_says_not_saved_in_the_status(tmp_path, monkeypatch):
    ann = lw.Annotator(frame(), CONFIG, store=tmp_path / "labels.sqlite", annotator="alice")
    monkeypatch.setattr(ann._store, "append", failing_append)
    ann.set("sentiment", "Positive")
    with pytest.raises(ValueError):
        ann.submit()
    assert ann.toolbar.status["kind"] == "error"
    assert ann.toolbar.status["text"].startswith("not saved: ")


def test_a_failed_save_from_the_browser_is_acked_with_the_error(tmp_path, monkeypatch):
    df = frame()
    ann = lw.Annotator(df, CONFIG, store=tmp_path / "labels.sqlite", annotator="alice")
    sent = []
    monkeypatch.setattr(ann.toolbar, "send", lambda content, buffers=None: sent.append(content))
    monkeypatch.setattr(ann._store, "append", failing_append)
    jump = ann.toolbar.nav["jump"]
    # What js/toolbar.js sends on Enter; it already shows task 101.
    browser_says(ann.toolbar, {"type": "navigate", "seq": 3, "action": "submit",
                               "task": task_key(100), "to": task_key(101),
                               "values": {"sentiment": "Negative", "topics": ["Politics"]},
                               "lead_time": 2.0})
    assert sent[-1] == {"type": "ack", "seq": 3, "error": "not saved: saving task 100 in the "
                        "store labels.sqlite failed: disk I/O error"}
    assert ann.toolbar.status == {"kind": "error", "text": sent[-1]["error"]}
    assert df.at[100, "sentiment"] is None
    # Python brings the task back (a jump the browser follows) with the values entered.
    assert ann.current == 100
    assert ann.toolbar.nav["center"] == task_key(100) and ann.toolbar.nav["jump"] > jump
    assert ann.values == {"sentiment": "Negative", "topics": ["Politics"]}
    choices = ann._compiled.part_of("topics").widget
    assert choices.task == task_key(100) and choices.value == {"topics": ["Politics"]}
    assert choices.tasks[task_key(100)]["value"] == {"topics": ["Politics"]}


def test_a_failed_save_of_an_undo_changes_nothing(tmp_path, monkeypatch):
    store = tmp_path / "labels.sqlite"
    df = frame()
    ann = lw.Annotator(df, CONFIG, store=store, annotator="alice")
    ann.set("sentiment", "Positive")
    ann.submit()
    monkeypatch.setattr(ann._store, "append", failing_append)
    with pytest.raises(ValueError, match=r"^not saved: "):
        ann.undo()
    assert df.at[100, "sentiment"] == "Positive"  # as in the store
    assert ann.toolbar.status["text"].startswith("not saved: ")
    monkeypatch.undo()
    ann.undo()  # still on the stack
    assert df.at[100, "sentiment"] is None
    ann.close()
    assert lw.load(store).empty


def test_a_failed_skip_leaves_the_task_unlabeled(tmp_path, monkeypatch):
    ann = lw.Annotator(frame(), CONFIG, store=tmp_path / "labels.sqlite", annotator="alice")
    monkeypatch.setattr(ann._store, "append", failing_append)
    with pytest.raises(ValueError, match=r"^not saved: "):
        ann.skip()
    assert ann.current == 100 and ann.toolbar.progress["skipped"] == 0


def test_a_failed_skip_from_the_browser_brings_the_task_back(tmp_path, monkeypatch):
    ann = lw.Annotator(frame(), CONFIG, store=tmp_path / "labels.sqlite", annotator="alice")
    sent = []
    monkeypatch.setattr(ann.toolbar, "send", lambda content, buffers=None: sent.append(content))
    monkeypatch.setattr(ann._store, "append", failing_append)
    jump = ann.toolbar.nav["jump"]
    browser_says(ann.toolbar, {"type": "navigate", "seq": 4, "action": "skip",
                               "task": task_key(100), "to": task_key(101), "values": None,
                               "lead_time": 0.5})
    assert sent[-1]["seq"] == 4 and sent[-1]["error"].startswith("not saved: ")
    assert ann.toolbar.status == {"kind": "error", "text": sent[-1]["error"]}
    assert ann.current == 100 and ann.toolbar.nav["center"] == task_key(100)
    assert ann.toolbar.nav["jump"] > jump  # the browser follows Python back
    assert ann.toolbar.progress["skipped"] == 0


def test_an_index_the_store_cannot_keep_is_refused_at_open(tmp_path):
    df = pd.DataFrame({"text": ["a", "b"]}, index=pd.to_datetime(["2024-01-01", "2024-01-02"]))
    store = tmp_path / "labels.sqlite"
    with pytest.raises(ValueError, match=r"^store='.*labels\.sqlite': task label "
                       r"Timestamp\('2024-01-01 00:00:00'\) cannot be stored: .* "
                       r"\(e\.g\. df\.index = df\.index\.astype\(str\)\)$"):
        lw.Annotator(df, CONFIG, store=store, annotator="alice")
    assert not store.exists()  # refused before anything was created
    df.index = df.index.astype(str)
    ann = lw.Annotator(df, CONFIG, store=store, annotator="alice")
    ann.set("sentiment", "Positive")
    ann.submit()
    ann.close()
    assert list(lw.load(store).index) == ["2024-01-01"]
