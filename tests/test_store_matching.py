"""Reopening a store never puts a label on the wrong task (issue 14, item 5).

The store records a fingerprint of each task's data with every event; on reopen an annotation
goes only to a row with the same data: found by id when the index holds ids, by data when it
holds row numbers (labelwidget/matching.py).
"""

from __future__ import annotations

import json
import sqlite3
import warnings

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import labelwidget as lw
import labelwidget.store.sqlite as sqlite_module
from labelwidget.matching import index_is_positional
from labelwidget.store import SCHEMA_VERSION, SQLiteStore, load, load_history
from labelwidget.store.fingerprint import cell_digest, fingerprint

CONFIG = """
<View>
  <Text name="text" value="$text"/>
  <Choices name="sentiment" toName="text" choice="single">
    <Choice value="Positive"/><Choice value="Negative"/>
  </Choices>
</View>
"""

REVIEWS = {
    "Love it": "Positive",
    "Never again": "Negative",
    "Works as described": "Positive",
    "Broke after a week": "Negative",
    "Five stars": "Positive",
}


def csv_frame(texts) -> pd.DataFrame:
    """What pd.read_csv gives: a default RangeIndex."""
    return pd.DataFrame({"text": list(texts)})


def label_all(df, store, labels=REVIEWS, annotator="alice"):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", lw.StoreWarning)
        ann = lw.Annotator(df, CONFIG, store=store, annotator=annotator)
    for pos in range(len(df)):
        ann.go_to(df.index[pos])
        ann.set("sentiment", labels[df["text"].iat[pos]])
        ann.submit()
    ann.close()


def reopen(df, store, annotator="alice"):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ann = lw.Annotator(df, CONFIG, store=store, annotator=annotator)
    messages = [str(w.message) for w in caught if issubclass(w.category, lw.StoreWarning)]
    return ann, messages


def labels_by_text(df) -> dict:
    return dict(zip(df["text"], df["sentiment"], strict=True))


# -- fingerprints ----------------------------------------------------------------------------


def test_fingerprints_are_stable_and_tell_data_apart():
    assert cell_digest("Never again") == cell_digest("Never again")
    assert cell_digest("Never again") != cell_digest("Never again!")
    assert cell_digest(3) == cell_digest(3.0)  # ints read back as floats after a NaN
    assert cell_digest(None) == cell_digest(float("nan")) == cell_digest(pd.NA)
    assert cell_digest({"a": 1, "b": [1, 2]}) == cell_digest({"b": [1, 2], "a": 1})
    assert cell_digest("1") != cell_digest(1)
    assert cell_digest(True) != cell_digest(1)
    assert cell_digest("\ud800") is not None  # a lone surrogate still has a digest
    assert cell_digest(object()) is None  # no stable digest: the column is not compared
    assert fingerprint({"text": "a", "other": object()}) == {"text": cell_digest("a")}


def test_which_indexes_hold_row_numbers():
    assert index_is_positional(pd.RangeIndex(3))
    assert index_is_positional(pd.Index([0, 2, 5]))  # read_csv, then filtered
    assert not index_is_positional(pd.Index([0, 2, 5], name="review_id"))
    assert not index_is_positional(pd.Index(["r1", "r2"]))
    assert not index_is_positional(pd.MultiIndex.from_tuples([(1, 2)]))


def test_every_event_records_the_data_it_was_made_on(tmp_path):
    store = tmp_path / "labels.sqlite"
    df = csv_frame(["Love it", "Never again"])
    label_all(df, store)
    events = SQLiteStore(store, readonly=True).history()
    assert [e.data for e in events] == [{"text": cell_digest("Love it")},
                                        {"text": cell_digest("Never again")}]


# -- a RangeIndex frame read again in another order ------------------------------------------


@pytest.mark.parametrize("change", ["reversed", "shuffled", "filtered", "filtered-reset"])
def test_rows_read_in_another_order_keep_their_labels(tmp_path, change):
    store = tmp_path / "labels.sqlite"
    texts = list(REVIEWS)
    label_all(csv_frame(texts), store)
    if change == "reversed":
        df = csv_frame(reversed(texts))
    elif change == "shuffled":
        df = csv_frame([texts[i] for i in (3, 0, 4, 1, 2)])
    elif change == "filtered":  # the filter keeps the new read's row numbers: 2, 3, 4
        df = csv_frame(reversed(texts))
        df = df[~df["text"].isin(["Five stars", "Broke after a week"])]
    else:
        df = csv_frame([t for t in reversed(texts) if t != "Love it"])
    ann, messages = reopen(df, store)
    left_out = {"filtered": "3, 4", "filtered-reset": "0"}.get(change)
    assert messages == ([] if left_out is None else [
        "the store holds annotations of 2 task(s) whose data is not in the DataFrame "
        f"(stored ids {left_out}; the index is row numbers, so tasks are found by their data): "
        "they were not restored and stay in the store (labelwidget.load() reads them)"
        .replace("2 task(s)", f"{left_out.count(',') + 1} task(s)")])
    assert labels_by_text(df) == {t: REVIEWS[t] for t in df["text"]}
    assert labels_by_text(df)["Never again"] == "Negative"
    assert ann._queue.remaining() == 0  # every task shows as labeled
    ann.close()


def test_after_a_reorder_new_labels_and_old_ones_stay_one_per_text(tmp_path):
    store = tmp_path / "labels.sqlite"
    label_all(csv_frame(["Love it", "Never again"]), store)
    # next day: another order and a new row whose row number (0) is "Love it"'s stored id
    df = csv_frame(["Five stars", "Never again", "Love it"])
    ann, messages = reopen(df, store)
    assert messages == []
    assert ann.current == 0  # the only unlabeled task
    ann.set("sentiment", "Positive")
    ann.submit()
    ann.go_to(2)
    ann.set("sentiment", "Negative")  # changes their mind about "Love it"
    ann.submit()
    ann.close()
    assert labels_by_text(df) == {"Five stars": "Positive", "Never again": "Negative",
                                  "Love it": "Negative"}
    # the store keeps one id per text: "Love it" stays 0, "Five stars" gets a new id
    stored = load(store)
    assert stored["sentiment"].to_dict() == {0: "Negative", 1: "Negative", 3: "Positive"}
    # a third read in the first order finds all three by their data
    df3 = csv_frame(["Love it", "Never again", "Five stars"])
    ann3, messages = reopen(df3, store)
    assert messages == []
    assert labels_by_text(df3) == {"Love it": "Negative", "Never again": "Negative",
                                   "Five stars": "Positive"}
    # the export's who/when follow the rows too
    exported = {t["data"]["text"]: t["annotations"][0]["completed_by"]
                for t in ann3.to_label_studio()}
    assert set(exported) == {"Love it", "Never again", "Five stars"}
    ann3.close()


def test_results_from_earlier_sessions_name_the_rows_the_labels_moved_to(tmp_path):
    store = tmp_path / "labels.sqlite"
    label_all(csv_frame(["Love it", "Never again"]), store)
    df = csv_frame(["Five stars", "Never again", "Love it"])
    ann, _ = reopen(df, store)
    submits = ann.results.query("kind == 'submit'")
    assert dict(zip(submits["task"], submits["value"], strict=True)) == {
        2: "Positive", 1: "Negative"}  # df's labels of "Love it" and "Never again" now
    assert all(df.at[task, "sentiment"] == value
               for task, value in zip(submits["task"], submits["value"], strict=True))
    ann.close()


def test_undo_after_a_reorder_reverts_the_right_text(tmp_path):
    store = tmp_path / "labels.sqlite"
    label_all(csv_frame(["Love it", "Never again"]), store)
    df = csv_frame(["Never again", "Love it"])
    ann, _ = reopen(df, store)
    ann.undo()  # the last submit of the first session: "Never again"
    assert labels_by_text(df) == {"Never again": None, "Love it": "Positive"}
    ann.close()
    df3 = csv_frame(["Love it", "Never again"])
    ann3, _ = reopen(df3, store)
    assert labels_by_text(df3) == {"Love it": "Positive", "Never again": None}
    ann3.close()


def test_end_to_end_without_a_browser_with_load(tmp_path):
    """Label a CSV, read it next day in another order and filtered, label more, then a
    training script reads the store with lw.load: each text has its own label."""
    store = tmp_path / "labels.sqlite"
    csv = tmp_path / "reviews.csv"
    csv_frame(REVIEWS).to_csv(csv, index=False)
    day1 = pd.read_csv(csv).iloc[:3]
    label_all(day1, store)
    day2 = pd.read_csv(csv).sort_values("text").reset_index(drop=True)
    day2 = day2[day2["text"] != "Works as described"]  # labeled on day 1 as task 2
    ann, messages = reopen(day2, store)
    assert len(messages) == 1 and "(stored ids 2;" in messages[0]
    while ann._queue.remaining():
        ann.set("sentiment", REVIEWS[ann.df.at[ann.current, "text"]])
        ann.submit()
    ann.close()
    assert labels_by_text(day2) == {t: REVIEWS[t] for t in day2["text"]}
    stored = load(store)
    assert len(stored) == 5 and stored.index.is_unique
    # every stored id names one text: join the ids back to the text each was made on
    history = load_history(store)
    text_of = {}
    for task, data in zip(history["task"], history["data"], strict=True):
        text_of.setdefault(task, data["text"])
    digests = {cell_digest(t): t for t in REVIEWS}
    assert {digests[text_of[t]]: label for t, label in stored["sentiment"].items()} == REVIEWS


# -- duplicate data ---------------------------------------------------------------------------


def test_identical_texts_are_placed_in_stored_id_order_onto_rows_in_frame_order(tmp_path):
    store = tmp_path / "labels.sqlite"
    df1 = csv_frame(["Same", "Other", "Same"])
    labels = iter(["Positive", "Negative", "Negative"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", lw.StoreWarning)
        ann = lw.Annotator(df1, CONFIG, store=store, annotator="alice")
    for _ in range(3):
        ann.set("sentiment", next(labels))
        ann.submit()
    ann.close()
    # a stable sort moves both copies; stored 0 (Positive) before stored 2 (Negative)
    df2 = csv_frame(["Other", "Same", "Same"])
    ann2, messages = reopen(df2, store)
    assert messages == []
    assert df2["sentiment"].tolist() == ["Negative", "Positive", "Negative"]
    ann2.close()
    # the same frame read twice gives the same placement (deterministic)
    df3 = csv_frame(["Other", "Same", "Same"])
    reopen(df3, store)[0].close()
    assert df3["sentiment"].tolist() == df2["sentiment"].tolist()


def test_fewer_copies_than_stored_tasks_reports_the_ones_left_over(tmp_path):
    store = tmp_path / "labels.sqlite"
    label_all(csv_frame(["Same", "Other", "Same"]),
              store, labels={"Same": "Positive", "Other": "Negative"})
    df = csv_frame(["Other", "Same", "New"])
    ann, messages = reopen(df, store)
    assert df["sentiment"].tolist() == ["Negative", "Positive", None]
    assert len(messages) == 1
    assert "whose data is not in the DataFrame (stored ids 2;" in messages[0]
    ann.close()


# -- ids that are real ids ------------------------------------------------------------------


def test_changed_data_under_a_kept_id_is_reported_by_id_and_not_overwritten(tmp_path):
    store = tmp_path / "labels.sqlite"
    df1 = pd.DataFrame({"text": list(REVIEWS)},
                       index=pd.Index(["r1", "r2", "r3", "r4", "r5"], name="review_id"))
    label_all(df1, store)
    df2 = df1[["text"]].copy()
    df2.loc["r2", "text"] = "Never again, unless they fix it"
    df2.loc["r4", "text"] = "Broke after a month"
    df2 = df2.iloc[::-1]  # order does not matter with real ids
    ann, messages = reopen(df2, store)
    assert messages == [
        "the data of 2 task(s) changed since they were annotated: 'r2', 'r4'; their annotations "
        "were not restored onto the new data and stay in the store "
        "(labelwidget.load_history() reads them)"]
    assert df2.at["r2", "sentiment"] is None and df2.at["r4", "sentiment"] is None
    assert df2.at["r1", "sentiment"] == "Positive" and df2.at["r3", "sentiment"] == "Positive"
    assert ann.current == "r4"  # comes back as unlabeled (first in frame order)
    # annotating the new data supersedes the old annotation: no report next time
    ann.set("sentiment", "Negative")
    ann.submit()
    ann.close()
    ann2, messages = reopen(df2, store)
    assert messages == ["the data of 1 task(s) changed since they were annotated: 'r2'; their "
                        "annotations were not restored onto the new data and stay in the store "
                        "(labelwidget.load_history() reads them)"]
    assert df2.at["r4", "sentiment"] == "Negative"
    ann2.close()


def test_a_named_integer_index_is_trusted_as_ids(tmp_path):
    store = tmp_path / "labels.sqlite"
    df1 = pd.DataFrame({"text": ["Love it", "Never again"]},
                       index=pd.Index([10, 11], name="review_id"))
    label_all(df1, store)
    # the ids swapped texts: two different tasks now, neither gets the other's label
    df2 = pd.DataFrame({"text": ["Never again", "Love it"]},
                       index=pd.Index([10, 11], name="review_id"))
    ann, messages = reopen(df2, store)
    assert df2["sentiment"].tolist() == [None, None]
    assert "10, 11" in messages[0] and "changed" in messages[0]
    ann.close()


def test_from_label_studio_with_ids_then_store(tmp_path):
    store = tmp_path / "labels.sqlite"
    tasks = [{"id": 7, "data": {"text": "Love it"}}, {"id": 8, "data": {"text": "Never again"}}]
    df = lw.from_label_studio(tasks, CONFIG)
    label_all(df, store)
    tasks[1]["data"]["text"] = "Never again, ever"
    df2 = lw.from_label_studio(tasks[::-1], CONFIG)
    ann, messages = reopen(df2, store)
    assert df2.at[7, "sentiment"] == "Positive" and df2.at[8, "sentiment"] is None
    assert messages and "changed" in messages[0] and ": 8;" in messages[0]
    ann.close()


def test_from_label_studio_without_ids_then_store_matches_by_data(tmp_path):
    store = tmp_path / "labels.sqlite"
    tasks = [{"data": {"text": t}} for t in REVIEWS]
    df = lw.from_label_studio(tasks, CONFIG)
    assert isinstance(df.index, pd.RangeIndex)
    label_all(df, store)
    df2 = lw.from_label_studio(tasks[::-1], CONFIG)
    ann, messages = reopen(df2, store)
    assert messages == []
    assert labels_by_text(df2) == REVIEWS
    ann.close()


# -- stores written before fingerprints ---------------------------------------------------


def make_v1_store(path, events):
    """A store as labelwidget wrote it before schema version 2 (no data column)."""
    conn = sqlite3.connect(path)
    for statement in sqlite_module._split_sql(sqlite_module._SCHEMA_V1):
        conn.execute(statement)
    conn.execute("INSERT INTO schema_version VALUES (1, '2024-01-01T00:00:00Z')")
    conn.execute(f"PRAGMA application_id={sqlite_module.APPLICATION_ID}")
    xml = lw.parse_config(CONFIG).xml
    chash = sqlite_module.config_hash(xml)
    conn.execute("INSERT INTO configs VALUES (?, ?, '2024-01-01T00:00:00Z')", (chash, xml))
    for task, label in events:
        conn.execute(
            'INSERT INTO events (task, kind, "values", annotator, created_at, lead_time, origin, '
            "meta, config_hash) VALUES (?, 'submit', ?, 'alice', '2024-01-01T00:00:00.000000Z', "
            "1.0, 'manual', '{}', ?)", (json.dumps(task), json.dumps({"sentiment": label}), chash))
    conn.commit()
    conn.close()


def test_an_old_store_opens_restores_by_index_with_a_note_and_is_migrated(tmp_path):
    store = tmp_path / "old.sqlite"
    make_v1_store(store, [(0, "Positive"), (1, "Negative")])
    # read-only readers (training scripts) read it without migrating it
    assert load(store)["sentiment"].to_dict() == {0: "Positive", 1: "Negative"}
    assert SQLiteStore(store, readonly=True).schema_version() == 1
    df = csv_frame(["Love it", "Never again", "Five stars"])
    ann, messages = reopen(df, store)
    assert df["sentiment"].tolist() == ["Positive", "Negative", None]
    assert messages == [
        "2 task(s) in the store have no record of the data they were annotated on (saved by an "
        "older labelwidget, store schema version 1): they were restored by index as before, "
        "without checking that the row still holds the same data"]
    ann.set("sentiment", "Positive")
    ann.submit()
    ann.close()
    with SQLiteStore(store, readonly=True) as s:
        assert s.schema_version() == SCHEMA_VERSION
        history = s.history()
    assert [e.data for e in history] == [None, None, {"text": cell_digest("Five stars")}]


# -- property: any reorder and filter of distinct texts keeps every label on its text ----------


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    # Blank texts are tasks that cannot be shown (and so cannot be submitted): not labels.
    texts=st.lists(st.text(min_size=1, max_size=12).filter(str.strip), min_size=1, max_size=8,
                   unique=True),
    data=st.data(),
)
def test_any_reorder_or_filter_keeps_each_label_on_its_text(tmp_path_factory, texts, data):
    store = tmp_path_factory.mktemp("prop") / "labels.sqlite"
    labels = {t: data.draw(st.sampled_from(["Positive", "Negative"])) for t in texts}
    labeled = data.draw(st.lists(st.sampled_from(texts), unique=True))
    first = csv_frame(texts)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", lw.StoreWarning)
        ann = lw.Annotator(first, CONFIG, store=store, annotator="alice")
    for text in labeled:
        ann.go_to(texts.index(text))
        ann.set("sentiment", labels[text])
        ann.submit()
    ann.close()
    kept = data.draw(st.permutations(texts).flatmap(
        lambda order: st.integers(0, len(order)).map(lambda n: order[:n])))
    second = csv_frame(kept)
    if data.draw(st.booleans()):  # keep read_csv's row numbers of a filtered frame
        second = csv_frame(list(kept) + [t for t in texts if t not in kept])
        second = second[second["text"].isin(kept)]
    ann2, _ = reopen(second, store)
    ann2.close()
    for text, label in zip(second["text"], second["sentiment"], strict=True):
        assert label == (labels[text] if text in labeled else None)


# -- the team store (PostgreSQL) keeps the fingerprints and the same rule applies ---------------


@pytest.fixture(scope="module")
def postgres():
    from . import postgres_server

    problem = postgres_server.problem()
    if problem:
        pytest.fail(problem, pytrace=False)  # never skipped: the test command installs it
    server = postgres_server.start()
    try:
        yield server
    finally:
        server.remove()


def test_the_team_store_keeps_fingerprints_and_restores_by_data(tmp_path, postgres):
    import dataclasses
    import uuid

    from labelwidget.resume import replay
    from labelwidget.store.url import open_store

    local = tmp_path / "labels.sqlite"
    label_all(csv_frame(list(REVIEWS)), local)
    url = postgres.create_database(f"t_{uuid.uuid4().hex[:10]}")
    config = lw.parse_config(CONFIG)
    with SQLiteStore(local, readonly=True) as s:
        events = [dataclasses.replace(e, seq=None) for e in s.history()]
    with open_store(url, annotator="alice", config_xml=config.xml) as team:
        team.append_many(events)
        history = team.history()
    assert [e.data for e in history] == [{"text": cell_digest(t)} for t in REVIEWS]
    df = csv_frame(reversed(list(REVIEWS)))  # read in another order
    out = replay(history, df, config, set(), sqlite_module.config_hash(config.xml), "alice")
    assert out.warnings == []
    assert {df["text"].iat[pos]: cells["sentiment"] for pos, cells in out.cells.items()} \
        == REVIEWS


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    texts=st.lists(st.sampled_from(["a", "b", "c"]), min_size=1, max_size=7),
    data=st.data(),
)
def test_with_duplicate_texts_no_label_moves_to_other_data_and_placement_is_deterministic(
        tmp_path_factory, texts, data):
    store = tmp_path_factory.mktemp("dup") / "labels.sqlite"
    labels = [data.draw(st.sampled_from(["Positive", "Negative"])) for _ in texts]
    first = csv_frame(texts)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", lw.StoreWarning)
        ann = lw.Annotator(first, CONFIG, store=store, annotator="alice")
    for pos, label in enumerate(labels):
        ann.go_to(pos)
        ann.set("sentiment", label)
        ann.submit()
    ann.close()
    kept = data.draw(st.permutations(texts).flatmap(
        lambda order: st.integers(0, len(order)).map(lambda n: order[:n])))
    second, third = csv_frame(kept), csv_frame(kept)
    reopen(second, store)[0].close()
    reopen(third, store)[0].close()
    assert second["sentiment"].tolist() == third["sentiment"].tolist()  # deterministic
    for text in set(texts):
        given_labels = sorted(label for t, label in zip(texts, labels, strict=True) if t == text)
        cells = second.loc[second["text"] == text, "sentiment"].tolist()
        restored = sorted(cell for cell in cells if cell is not None)
        # every row with this text got a label made on this text (each copy was labeled)
        assert len(restored) == kept.count(text) <= len(given_labels)
        for label in set(restored):
            assert restored.count(label) <= given_labels.count(label)
