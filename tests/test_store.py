"""Storage layer: append-only SQLite journal (labelwidget.store)."""

from __future__ import annotations

import gc
import itertools
import json
import math
import multiprocessing
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import labelwidget.store.sqlite as sqlite_module
from labelwidget.store import (
    SCHEMA_VERSION,
    ConflictError,
    Event,
    NotAStoreError,
    SchemaVersionError,
    SQLiteStore,
    StoreError,
    StoreLockedError,
    config_hash,
    load,
    load_history,
)

REPO = Path(__file__).resolve().parents[1]

CONFIG = """
<View>
  <Text name="text" value="$text"/>
  <Choices name="sentiment" toName="text" choice="single">
    <Choice value="Positive"/><Choice value="Negative"/>
  </Choices>
</View>
"""


@pytest.fixture
def path(tmp_path):
    return tmp_path / "labels.sqlite"


@pytest.fixture
def store(path):
    with SQLiteStore(path, annotator="alice", config_xml=CONFIG) as s:
        yield s


def same(a, b):
    """Equality that also compares types (True != 1, 1 != 1.0, tuple != list)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    return a == b and (not isinstance(a, float) or math.copysign(1, a) == math.copysign(1, b))


def run_python(code: str, *args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        check=False,
    )


def spawn_python(code: str, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-u", "-c", textwrap.dedent(code), *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )


# --------------------------------------------------------------------------------------------
# basics


def test_append_returns_stored_event_with_seq(store):
    first = store.append(Event(1, "submit", {"sentiment": "Positive"}, lead_time=2))
    second = store.append(Event(2, "skip"))
    assert (first.seq, second.seq) == (1, 2)
    assert first.annotator == "alice"
    assert first.config_hash == config_hash(CONFIG)
    assert first.lead_time == 2.0 and isinstance(first.lead_time, float)
    assert store.history() == [first, second]
    assert store.last_seq() == 2


def test_latest_is_last_row_per_task_including_skip_and_undo(store):
    store.append(Event("a", "submit", {"sentiment": "Positive"}))
    store.append(Event("b", "submit", {"sentiment": "Negative"}))
    skip = store.append(Event("a", "skip"))
    undo = store.append(Event("b", "undo", {"sentiment": None}))
    assert store.latest() == {"a": skip, "b": undo}
    assert store.tasks() == {"a", "b"}
    assert [e.kind for e in store.history("a")] == ["submit", "skip"]


def test_undo_appends_and_rows_cannot_be_changed(store, path):
    store.append(Event(1, "submit", {"sentiment": "Positive"}))
    store.append(Event(1, "undo", {"sentiment": None}))
    assert [e.kind for e in store.history(1)] == ["submit", "undo"]
    conn = sqlite3.connect(path)
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        conn.execute("DELETE FROM events")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        conn.execute("UPDATE events SET kind = 'skip'")
    conn.close()
    assert len(store.history()) == 2


def test_reopen_restores_everything(path):
    with SQLiteStore(path, annotator="alice") as s:
        written = [s.append(Event(i, "submit", {"c": [i]})) for i in range(5)]
    with SQLiteStore(path, annotator="alice") as s:
        assert s.history() == written
        assert s.latest() == {e.task: e for e in written}


def test_history_after_returns_newer_rows_only(store):
    events = [store.append(Event(i % 2, "submit", {"c": i})) for i in range(6)]
    assert store.history(after=4) == events[4:]
    assert store.history(1, after=2) == [events[3], events[5]]


def test_append_many_is_one_all_or_nothing_transaction(store):
    stored = store.append_many(Event(i, "submit", {"c": i}, origin="prediction") for i in range(3))
    assert [e.seq for e in stored] == [1, 2, 3]
    assert store.history() == stored
    with pytest.raises(ValueError, match="task 'bad'"):
        store.append_many([Event(10, "submit"), Event("bad", "submit", {"c": object()})])
    assert len(store.history()) == 3


def test_forgotten_store_releases_its_session(path):
    s = SQLiteStore(path, annotator="alice")
    del s
    gc.collect()
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT COUNT(*) FROM sessions").fetchone()[0] == 0
    conn.close()


def test_sqlite_failures_become_store_errors_and_leave_nothing(store, path, monkeypatch):
    store.append(Event(1, "submit"))
    real_insert = store._insert

    def failing_insert(row):
        real_insert(row)
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(store, "_insert", failing_insert)
    with pytest.raises(StoreError, match=r"saving task 2 in the store .*labels\.sqlite failed: "
                                         "database or disk is full"):
        store.append(Event(2, "submit"))
    monkeypatch.undo()
    assert [e.task for e in store.history()] == [1]  # the half-done transaction rolled back
    assert store.append(Event(3, "submit")).seq == 2  # the failed row never existed


def test_closed_store_refuses_use_and_close_is_idempotent(path):
    s = SQLiteStore(path)
    s.close()
    s.close()
    assert s.closed
    with pytest.raises(StoreError, match="closed"):
        s.append(Event(1, "submit"))
    with pytest.raises(StoreError, match="closed"):
        s.latest()


def test_store_module_imports_no_jupyter():
    # Load the store package from its files, so labelwidget/__init__.py (not ours) does not
    # interfere: the SQLite store and the modules it is made of need only the standard library.
    store_dir = Path(sqlite_module.__file__).parent
    code = f"""
    import importlib.util, sys
    spec = importlib.util.spec_from_file_location(
        "store_pkg", {str(store_dir / "__init__.py")!r},
        submodule_search_locations=[{str(store_dir)!r}])
    module = importlib.util.module_from_spec(spec)
    sys.modules["store_pkg"] = module
    spec.loader.exec_module(module)
    assert module.SQLiteStore.__module__ == "store_pkg.sqlite"
    bad = {{"ipywidgets", "anywidget", "traitlets", "IPython", "ipykernel", "pandas"}}
    print(sorted(bad & set(sys.modules)))
    """
    result = run_python(code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
    # Every module of the package, imported as a training script would (the package root imports
    # lazily): the config it reads may bring pandas, never Jupyter.
    package = run_python("""
    import importlib, pkgutil, sys
    import labelwidget.store as store
    names = [m.name for m in pkgutil.iter_modules(store.__path__)]
    for name in names:
        importlib.import_module(f"labelwidget.store.{name}")
    bad = {"ipywidgets", "anywidget", "traitlets", "IPython", "ipykernel"}
    print(len(names), sorted(bad & set(sys.modules)))
    """)
    assert package.returncode == 0, package.stderr
    modules = [p for p in (REPO / "labelwidget" / "store").glob("*.py") if p.stem != "__init__"]
    assert package.stdout.split(maxsplit=1) == [str(len(modules)), "[]\n"], package.stdout


# --------------------------------------------------------------------------------------------
# task labels and values


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        (3, 3),
        ("a", "a"),
        ("3", "3"),
        (np.int64(7), 7),
        (np.str_("x"), "x"),
        (2.5, 2.5),
        (np.float64(2.0), 2.0),
        (True, True),
        ((1, "b"), (1, "b")),
        ("ünï 🙂", "ünï 🙂"),
    ],
)
def test_task_labels_round_trip_their_type(store, path, label, expected):
    store.append(Event(label, "submit", {"c": 1}))
    with SQLiteStore(path, readonly=True) as again:
        (task,) = again.tasks()
        assert same(task, expected)
        assert same(next(iter(again.latest())), expected)
        assert len(again.history(label)) == 1


def test_int_and_str_labels_are_different_tasks(store):
    store.append(Event(3, "submit", {"c": "int"}))
    store.append(Event("3", "submit", {"c": "str"}))
    latest = store.latest()
    assert latest[3].values == {"c": "int"}
    assert latest["3"].values == {"c": "str"}


@pytest.mark.parametrize(
    "label",
    [pd.Timestamp("2024-01-01"), float("nan"), float("inf"), object(), None, [1, 2], (1, {2})],
)
def test_unencodable_task_label_is_rejected_naming_it(store, label):
    with pytest.raises(ValueError, match=r"task label .* cannot be stored") as info:
        store.append(Event(label, "submit", {"c": 1}))
    if label is not None:
        assert repr(label)[:12] in str(info.value)
    assert store.history() == []


def test_values_are_normalized_to_plain_json(store):
    stored = store.append(
        Event(
            1,
            "submit",
            {
                "rating": np.int64(4),
                "number": np.float32(0.5),
                "flag": np.bool_(True),
                "array": np.array([1, 2]),
                "tuple": ("a", "b"),
                "missing_nan": float("nan"),
                "missing_na": pd.NA,
                "nested": {"x": [np.float64(1.5), None]},
            },
        )
    )
    expected = {
        "rating": 4,
        "number": 0.5,
        "flag": True,
        "array": [1, 2],
        "tuple": ["a", "b"],
        "missing_nan": None,
        "missing_na": None,
        "nested": {"x": [1.5, None]},
    }
    assert same(stored.values, expected)
    assert same(store.history()[0].values, expected)


@pytest.mark.parametrize(
    ("values", "match"),
    [
        ({"when": datetime(2024, 1, 1)}, r"task 5: control 'when': value is a datetime"),
        ({"c": [1, {2: "x"}]}, r"task 5: control 'c': value\[1\] has the key 2"),
        ({"c": float("inf")}, r"task 5: control 'c': value is inf"),
        ({1: "x"}, r"task 5: control names must be str"),
        (["x"], r"task 5: values must be a dict"),
    ],
)
def test_non_json_values_are_rejected_naming_task_and_control(store, values, match):
    with pytest.raises(ValueError, match=match):
        store.append(Event(5, "submit", values))
    assert store.history() == []


@pytest.mark.parametrize(
    ("field", "value", "match"),
    [
        ("kind", "delete", "kind='delete'"),
        ("origin", "robot", "origin='robot'"),
        ("lead_time", -1, "lead_time"),
        ("lead_time", "soon", "lead_time"),
        ("created_at", "yesterday", "ISO-8601"),
        ("created_at", "2024-01-01T10:00:00", "no time zone"),
        ("meta", ["x"], "meta must be a dict"),
    ],
)
def test_bad_event_fields_are_rejected(store, field, value, match):
    kwargs = {"task": 1, "kind": "submit", "values": {}, field: value}
    with pytest.raises(ValueError, match=match):
        store.append(Event(**kwargs))
    with pytest.raises(ValueError, match="seq"):
        store.append(Event(1, "submit", seq=3))


def test_times_are_utc(store):
    before = datetime.now(timezone.utc)
    default = store.append(Event(1, "submit"))
    after = datetime.now(timezone.utc)
    assert default.created_at.endswith("Z")
    parsed = datetime.fromisoformat(default.created_at[:-1] + "+00:00")
    assert before - timedelta(seconds=1) <= parsed <= after + timedelta(seconds=1)
    given_ = store.append(Event(2, "submit", created_at="2024-05-01T14:00:00+02:00"))
    assert given_.created_at == "2024-05-01T12:00:00.000000Z"
    dt = datetime(2024, 5, 1, 12, tzinfo=timezone(timedelta(hours=-3)))
    assert store.append(Event(3, "submit", created_at=dt)).created_at.startswith(
        "2024-05-01T15:00:00"
    )


def test_meta_and_origin_are_kept(store):
    stored = store.append(
        Event(1, "submit", {"c": "x"}, origin="prediction",
              meta={"model_version": "v2", "score": np.float64(0.9)})
    )
    assert store.history() == [stored]
    assert stored.origin == "prediction"
    assert same(stored.meta, {"model_version": "v2", "score": 0.9})


# --------------------------------------------------------------------------------------------
# property tests (hypothesis)

json_scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text()
)
json_values = st.recursive(
    json_scalars,
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12,
)
task_labels = (
    st.integers(min_value=-(2**63), max_value=2**63 - 1)
    | st.text(max_size=10)
    | st.tuples(st.integers(0, 5), st.text(max_size=3))
)


@pytest.fixture(scope="module")
def shared_store(tmp_path_factory):
    with SQLiteStore(tmp_path_factory.mktemp("prop") / "prop.sqlite") as s:
        yield s


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(task=task_labels, values=st.dictionaries(st.text(max_size=8), json_values, max_size=4),
       meta=st.dictionaries(st.text(max_size=5), json_values, max_size=2))
def test_values_and_labels_round_trip_exactly(shared_store, task, values, meta):
    stored = shared_store.append(Event(task, "submit", values, meta=meta))
    (read,) = shared_store.history(after=stored.seq - 1)
    assert read == stored
    assert same(read.task, task)
    assert same(read.values, values)
    assert same(read.meta, meta)
    assert same(shared_store.latest()[task].values, values)


_store_counter = itertools.count()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    ops=st.lists(
        st.tuples(st.sampled_from([0, 1, 2, "0", "x"]), st.sampled_from(["submit", "skip", "undo"]),
                  json_values),
        max_size=12,
    )
)
def test_latest_and_history_match_a_model(tmp_path_factory, ops):
    directory = tmp_path_factory.getbasetemp() / "model"
    directory.mkdir(exist_ok=True)
    with SQLiteStore(directory / f"{next(_store_counter)}.sqlite") as s:
        model_latest, model_history = {}, []
        for task, kind, value in ops:
            stored = s.append(Event(task, kind, {"c": value}))
            model_latest[task] = stored
            model_history.append(stored)
        assert s.latest() == model_latest
        assert s.history() == model_history
        for task in model_latest:
            assert s.history(task) == [e for e in model_history if same(e.task, task)]


# --------------------------------------------------------------------------------------------
# config hash


def test_config_hash_ignores_formatting():
    compact = ('<View><Text name="text" value="$text"/><Choices name="sentiment" toName="text" '
               'choice="single"><Choice value="Positive"/><Choice value="Negative"/>'
               "</Choices></View>")
    reordered = CONFIG.replace('name="sentiment" toName="text"', 'toName="text"  name="sentiment"')
    commented = CONFIG.replace("<View>", "<View><!-- a comment -->")
    assert len({config_hash(c) for c in (CONFIG, compact, reordered, commented)}) == 1
    assert len(config_hash(CONFIG)) == 64


def test_config_hash_sees_real_changes():
    changed = CONFIG.replace('value="Negative"', 'value="Neutral"')
    assert config_hash(changed) != config_hash(CONFIG)
    swapped = CONFIG.replace("Positive", "TMP").replace("Negative", "Positive").replace(
        "TMP", "Negative")
    assert config_hash(swapped) != config_hash(CONFIG)


def test_config_hash_of_text_that_is_not_plain_xml():
    assert config_hash("<View><oops") == config_hash("<View>\n  <oops")
    assert config_hash("<View><oops") != config_hash("<View><oops/>")
    bomb = ('<!DOCTYPE v [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
            "<View>&b;</View>")
    assert len(config_hash(bomb)) == 64  # hashed as text, entities never expanded


def test_config_hash_per_row_and_config_registry(path):
    other = CONFIG.replace("Negative", "Neutral")
    with SQLiteStore(path, config_xml=CONFIG) as s:
        a = s.append(Event(1, "submit", {"sentiment": "Positive"}))
    with SQLiteStore(path, config_xml=other) as s:
        b = s.append(Event(1, "submit", {"sentiment": "Neutral"}))
        c = s.append(Event(2, "submit", config_hash="explicit"))
        assert (a.config_hash, b.config_hash, c.config_hash) == (
            config_hash(CONFIG), config_hash(other), "explicit")
        assert s.config_hashes() == {config_hash(CONFIG), config_hash(other), "explicit"}
        assert s.config_xml(config_hash(CONFIG)) == CONFIG
        assert s.config_xml("explicit") is None
    with pytest.raises(ValueError, match="does not match config_xml"):
        SQLiteStore(path, config_xml=CONFIG, config_hash="0" * 64)


# --------------------------------------------------------------------------------------------
# errors for people


def test_random_file_is_not_a_store_and_is_left_untouched(tmp_path):
    target = tmp_path / "reviews.csv"
    content = b"text,label\nhello,world\n" * 20
    target.write_bytes(content)
    for readonly in (False, True):
        with pytest.raises(NotAStoreError, match=r"reviews\.csv is not a labelwidget store"):
            SQLiteStore(target, readonly=readonly)
    with pytest.raises(NotAStoreError, match=r"reviews\.csv"):
        load(target)
    assert target.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["reviews.csv"]


def test_foreign_sqlite_database_is_not_a_store(tmp_path):
    target = tmp_path / "other.db"
    conn = sqlite3.connect(target)
    conn.execute("CREATE TABLE users (name TEXT)")
    conn.commit()
    conn.close()
    before = target.read_bytes()
    with pytest.raises(NotAStoreError, match=r"other\.db is not a labelwidget store.*users"):
        SQLiteStore(target)
    assert target.read_bytes() == before


def test_directory_missing_parent_and_missing_file(tmp_path):
    with pytest.raises(NotAStoreError, match="is a directory"):
        SQLiteStore(tmp_path)
    with pytest.raises(FileNotFoundError, match="does not exist"):
        SQLiteStore(tmp_path / "nope" / "labels.sqlite")
    with pytest.raises(FileNotFoundError, match="no labelwidget store at"):
        load(tmp_path / "missing.sqlite")
    assert not (tmp_path / "missing.sqlite").exists()


def test_empty_file_becomes_a_store(tmp_path):
    target = tmp_path / "touched.sqlite"
    target.touch()
    with SQLiteStore(target) as s:
        s.append(Event(1, "submit"))
    assert load(target).index.tolist() == [1]


def test_schema_version_table_and_wal(store, path):
    assert store.schema_version() == SCHEMA_VERSION
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT MAX(version) FROM schema_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()
    assert store._conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL


def test_newer_schema_version_is_refused_clearly(path):
    with SQLiteStore(path) as s:
        s.append(Event(1, "submit"))
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO schema_version VALUES (?, '2099-01-01T00:00:00Z')",
                 (SCHEMA_VERSION + 1,))
    conn.commit()
    conn.close()
    for kwargs in ({}, {"readonly": True}):
        with pytest.raises(SchemaVersionError, match=rf"newer labelwidget.*version "
                           rf"{SCHEMA_VERSION + 1}.*up to {SCHEMA_VERSION}"):
            SQLiteStore(path, **kwargs)
    with pytest.raises(SchemaVersionError, match=r"labels\.sqlite"):
        load(path)


def test_older_schema_is_migrated_on_open(path, monkeypatch):
    with SQLiteStore(path) as s:
        s.append(Event(1, "submit", {"c": "x"}))
    new = SCHEMA_VERSION + 1
    monkeypatch.setattr(sqlite_module, "SCHEMA_VERSION", new)
    monkeypatch.setattr(sqlite_module, "READABLE_FROM", new)  # a layout old code cannot read
    monkeypatch.setitem(sqlite_module._MIGRATIONS, new, "CREATE TABLE extra (x INTEGER);")
    with pytest.raises(SchemaVersionError, match=f"older store schema version {SCHEMA_VERSION}"):
        SQLiteStore(path, readonly=True)
    with SQLiteStore(path) as s:
        assert s.schema_version() == new
        assert s.history()[0].values == {"c": "x"}
    with SQLiteStore(path) as s:  # idempotent
        assert s.schema_version() == new


# --------------------------------------------------------------------------------------------
# load() for training scripts


def test_load_returns_current_annotations(path):
    with SQLiteStore(path, annotator="alice") as s:
        s.append(Event(10, "submit", {"sentiment": "Positive", "entities": [{"start": 0}]}))
        s.append(Event(11, "submit", {"sentiment": "Negative"}))
        s.append(Event(12, "skip"))
        s.append(Event(13, "submit", {"sentiment": "Positive", "rating": 4}))
        s.append(Event(13, "undo", {"sentiment": None, "rating": None}))  # back to unlabeled
        s.append(Event(11, "submit", {"sentiment": "Positive"}))
        s.append(Event(11, "undo", {"sentiment": "Negative"}))  # restores the first submit
    df = load(path)
    assert df.index.tolist() == [10, 11]
    assert df.index.name == "task"
    assert df.columns.tolist() == ["sentiment", "entities"]
    assert df.at[10, "entities"] == [{"start": 0}]  # a one-element list stays one cell
    assert df.at[11, "sentiment"] == "Negative"
    assert df.at[11, "entities"] is None
    assert all(dtype == np.dtype(object) for dtype in df.dtypes)
    with_skipped = load(path, include_skipped=True)
    assert with_skipped.index.tolist() == [10, 11, 12]
    assert with_skipped.loc[12].isna().all()


def test_load_string_and_tuple_labels_and_empty_store(tmp_path):
    empty = tmp_path / "empty.sqlite"
    SQLiteStore(empty).close()
    df = load(empty)
    assert df.empty and df.index.name == "task"
    multi = tmp_path / "multi.sqlite"
    with SQLiteStore(multi) as s:
        s.append(Event(("doc1", 0), "submit", {"c": ["a"]}))
        s.append(Event(("doc1", 1), "submit", {"c": ["b", "c"]}))
    df = load(multi)
    assert isinstance(df.index, pd.MultiIndex)
    assert df.loc[("doc1", 0), "c"] == ["a"]


def test_load_history_is_long_format(path):
    with SQLiteStore(path, annotator="bob") as s:
        s.append(Event("t", "submit", {"c": 1}, lead_time=3.5))
        s.append(Event("t", "undo", {"c": None}))
    hist = load_history(path)
    assert hist["seq"].tolist() == [1, 2]
    assert hist["kind"].tolist() == ["submit", "undo"]
    assert hist["annotator"].tolist() == ["bob", "bob"]
    assert str(hist["created_at"].dt.tz) == "UTC"
    assert hist.at[0, "values"] == {"c": 1}


def test_load_cleans_up_and_works_while_a_writer_is_open(path):
    s = SQLiteStore(path, annotator="alice")
    s.append(Event(1, "submit", {"c": "x"}))
    assert load(path).at[1, "c"] == "x"  # sees committed rows of an open writer
    s.append(Event(2, "submit", {"c": "y"}))
    assert load(path).index.tolist() == [1, 2]
    s.close()
    load(path)
    assert sorted(p.name for p in path.parent.iterdir()) == ["labels.sqlite"]


# --------------------------------------------------------------------------------------------
# concurrency: several real processes

APPENDER = """
import os, random, sys, time
from labelwidget.store import SQLiteStore, Event
path, name, count, go = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
pause = float(sys.argv[5])
with SQLiteStore(path, annotator=name) as store:
    print("ready", flush=True)
    while not os.path.exists(go):
        time.sleep(0.001)
    for i in range(count):
        # shared tasks 0..9 are written by everybody; own tasks by one process only
        store.append(Event(i % 10, "submit", {"by": name, "i": i}))
        store.append(Event(f"{name}-{i}", "submit", {"i": i}))
        time.sleep(random.random() * pause)
print("done", flush=True)
"""


@pytest.mark.parametrize("pause", [0.0, 0.002], ids=["tight-loop", "paced"])
def test_concurrent_appends_from_several_processes_lose_nothing(path, pause):
    SQLiteStore(path).close()
    go = path.parent / "go"
    names, count = [f"annotator{k}" for k in range(4)], 60
    procs = [spawn_python(APPENDER, str(path), name, str(count), str(go), str(pause))
             for name in names]
    for proc in procs:
        assert proc.stdout.readline().strip() == "ready", proc.stderr.read()
    go.touch()
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        assert out.strip() == "done"
    with SQLiteStore(path, readonly=True) as s:
        events = s.history()
        latest = s.latest()
    assert len(events) == len(names) * count * 2
    assert [e.seq for e in events] == list(range(1, len(events) + 1))
    for name in names:
        own = [e for e in events if e.annotator == name]
        assert len(own) == count * 2
        shared = [e.values["i"] for e in own if isinstance(e.task, int)]
        assert shared == list(range(count))  # each process's rows in its own order
        assert {e.task for e in own if isinstance(e.task, str)} == {
            f"{name}-{i}" for i in range(count)}
    for task in range(10):  # latest per task = highest seq, whoever wrote it
        assert latest[task].seq == max(e.seq for e in events if e.task == task)
    if pause:  # paced writers (like people) really interleave
        writers = [e.annotator for e in events]
        assert sum(a != b for a, b in itertools.pairwise(writers)) > len(names) * 5


def _create_and_append(path, name, go, errors):
    try:
        go.wait(30)
        with SQLiteStore(path, annotator=name) as store:
            store.append(Event(name, "submit", {"c": 1}))
    except BaseException as exc:
        errors.put(f"{name}: {exc!r}")
        raise


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="needs fork")
def test_several_processes_creating_the_same_new_store(tmp_path):
    ctx = multiprocessing.get_context("fork")
    errors = ctx.Queue()
    for round_ in range(12):
        path = tmp_path / f"new{round_}.sqlite"
        go = ctx.Event()
        names = [f"p{k}" for k in range(4)]
        procs = [ctx.Process(target=_create_and_append, args=(path, name, go, errors))
                 for name in names]
        for proc in procs:
            proc.start()
        go.set()
        for proc in procs:
            proc.join(60)
        assert errors.empty(), errors.get()
        assert [proc.exitcode for proc in procs] == [0] * len(procs)
        with SQLiteStore(path, readonly=True) as s:
            assert s.tasks() == set(names)
            assert s.schema_version() == SCHEMA_VERSION


def test_threads_sharing_one_store(store):
    def work(k):
        for i in range(25):
            store.append(Event(f"{k}-{i}", "submit", {"i": i}))

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(store.history()) == 100


HOLDER = """
import sys
from labelwidget.store import SQLiteStore, Event
path = sys.argv[1]
name = None if sys.argv[2] == "-" else sys.argv[2]
store = SQLiteStore(path, annotator=name)
print("open", flush=True)
sys.stdin.readline()
store.close()
print("closed", flush=True)
sys.stdin.readline()
"""


def holder(path, name):
    proc = spawn_python(HOLDER, str(path), name)
    line = proc.stdout.readline().strip()
    assert line == "open", proc.stderr.read()
    return proc


def finish(proc):
    proc.kill()
    proc.wait(timeout=10)


def test_same_annotator_in_another_live_process_is_refused(path):
    proc = holder(path, "alice")
    try:
        with pytest.raises(StoreLockedError) as info:
            SQLiteStore(path, annotator="alice")
        message = str(info.value)
        assert "annotator='alice'" in message
        assert f"pid {proc.pid}" in message
        assert socket.gethostname() in message
        assert "labels.sqlite" in message
        # another annotator may work on the same store at the same time
        with SQLiteStore(path, annotator="bob") as bob:
            bob.append(Event(1, "submit"))
        # reading is always possible
        assert load(path).index.tolist() == [1]
        # once the holder closes, alice can open
        proc.stdin.write("\n")
        proc.stdin.flush()
        assert proc.stdout.readline().strip() == "closed"
        SQLiteStore(path, annotator="alice").close()
    finally:
        finish(proc)


def test_anonymous_sessions_also_exclude_each_other(path):
    proc = holder(path, "-")
    try:
        with pytest.raises(StoreLockedError, match="no annotator name"):
            SQLiteStore(path)
        SQLiteStore(path, annotator="carol").close()
    finally:
        finish(proc)


def test_force_takes_over_a_live_session(path):
    proc = holder(path, "alice")
    try:
        with SQLiteStore(path, annotator="alice", force=True) as s:
            s.append(Event(1, "submit"))
    finally:
        finish(proc)


def test_same_process_may_reopen(path):
    first = SQLiteStore(path, annotator="alice")
    second = SQLiteStore(path, annotator="alice")  # a re-run notebook cell
    first.append(Event(1, "submit"))
    second.append(Event(2, "submit"))
    first.close()
    second.close()
    with SQLiteStore(path, readonly=True) as s:
        assert s.tasks() == {1, 2}


def test_killed_holder_leaves_a_stale_session_that_is_taken_over(path):
    proc = holder(path, "alice")
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    with SQLiteStore(path, annotator="alice") as s:
        s.append(Event(1, "submit"))


@pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="needs Linux /proc")
def test_zombie_holder_is_stale(path):
    proc = holder(path, "alice")
    os.kill(proc.pid, signal.SIGKILL)
    deadline = time.monotonic() + 10
    while Path(f"/proc/{proc.pid}/stat").read_text().split(") ")[1][0] != "Z":
        assert time.monotonic() < deadline
        time.sleep(0.01)
    try:
        SQLiteStore(path, annotator="alice").close()  # not reaped yet, but dead
    finally:
        proc.wait(timeout=10)


def test_reused_pid_and_remote_sessions(path):
    SQLiteStore(path).close()
    conn = sqlite3.connect(path)
    insert = ("INSERT INTO sessions (annotator, hostname, pid, proc_start, opened_at) "
              "VALUES (?, ?, ?, ?, '2024-01-01T00:00:00Z')")
    # our own pid, but another start time: a dead process whose pid got reused by us
    conn.execute(insert, ("alice", socket.gethostname(), os.getpid(), "1"))
    # a pid that cannot exist
    conn.execute(insert, ("bob", socket.gethostname(), 2**22 + 12345, None))
    # a session on another host cannot be checked: it counts as live
    conn.execute(insert, ("carol", "elsewhere.example", 1, None))
    conn.commit()
    conn.close()
    SQLiteStore(path, annotator="alice").close()
    SQLiteStore(path, annotator="bob").close()
    with pytest.raises(StoreLockedError, match=r"elsewhere\.example"):
        SQLiteStore(path, annotator="carol")
    SQLiteStore(path, annotator="carol", force=True).close()


def test_expected_seq_detects_a_concurrent_write(path):
    with SQLiteStore(path, annotator="alice") as alice, SQLiteStore(
        path, annotator="bob"
    ) as bob:
        first = alice.append(Event(1, "submit", {"c": "a"}), expected_seq=0)
        seen = alice.latest()[1].seq
        bob.append(Event(1, "submit", {"c": "b"}), expected_seq=seen)
        with pytest.raises(ConflictError, match=r"task 1 changed.*by 'bob'.*expected seq 1"):
            alice.append(Event(1, "submit", {"c": "a2"}), expected_seq=seen)
        with pytest.raises(ConflictError, match="task 2"):
            alice.append(Event(2, "submit"), expected_seq=first.seq)
        assert [e.values["c"] for e in alice.history(1)] == ["a", "b"]


# --------------------------------------------------------------------------------------------
# crash: SIGKILL right after the Nth acknowledged append

CRASHER = """
import sys
from labelwidget.store import SQLiteStore, Event
path = sys.argv[1]
store = SQLiteStore(path, annotator="alice")
i = 0
while True:  # keeps appending until killed
    stored = store.append(Event(i, "submit", {"label": f"v{i}", "i": i}, lead_time=0.5))
    print(f"ack {stored.seq} {i}", flush=True)
    i += 1
"""

READER = """
import json, sys
from labelwidget.store import SQLiteStore
with SQLiteStore(sys.argv[1], annotator="alice") as store:   # same annotator: stale session
    print(json.dumps({str(e.task): [e.seq, e.values] for e in store.history()}))
"""


@pytest.mark.parametrize("n", [1, 25, 200])
def test_sigkill_after_n_acks_loses_nothing(path, n):
    proc = spawn_python(CRASHER, str(path))
    acked = []
    for _ in range(n):
        line = proc.stdout.readline()
        assert line.startswith("ack"), proc.stderr.read()
        _, seq, i = line.split()
        acked.append((int(seq), int(i)))
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    assert proc.returncode == -signal.SIGKILL
    result = run_python(READER, str(path))
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert len(found) >= n  # the process may have committed one more before dying
    for seq, i in acked:
        assert found[str(i)] == [seq, {"label": f"v{i}", "i": i}]
