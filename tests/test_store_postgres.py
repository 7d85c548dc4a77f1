"""The team store on a real PostgreSQL server (a throwaway cluster started by these tests)."""

from __future__ import annotations

import multiprocessing as mp
import os
import re
import signal
import time
from collections import Counter

import pytest

from labelwidget.store import Event, StoreError, StoreLockedError
from labelwidget.store.url import open_store


def test_append_read_and_reopen(url):
    with open_store(url, annotator="alice", config_xml="<View/>") as store:
        a = store.append(Event(task="t1", kind="submit", values={"c": "x"}, lead_time=1.5))
        store.append(Event(task=("k", 2), kind="skip"))
        store.append(Event(task="t1", kind="submit", values={"c": ["y", "z"]}))
        assert a.seq == 1 and a.annotator == "alice"
    with open_store(url, readonly=True) as store:
        latest = store.latest()
        assert latest["t1"].values == {"c": ["y", "z"]} and latest[("k", 2)].kind == "skip"
        assert [e.seq for e in store.history("t1")] == [1, 3]
        assert store.tasks() == {"t1", ("k", 2)} and store.last_seq() == 3
        assert store.config_xml(next(iter(store.config_hashes()))) == "<View/>"


def test_events_cannot_be_changed(url, server):
    import psycopg

    with open_store(url, annotator="alice") as store:
        store.append(Event(task="t1", kind="submit", values={"c": "x"}))
    with psycopg.connect(url, autocommit=True) as conn, pytest.raises(
            psycopg.errors.RaiseException, match="append-only"):
        conn.execute("UPDATE labelwidget.events SET kind = 'skip'")


def test_one_place_per_annotator_name(url):
    first = open_store(url, annotator="alice")
    try:
        with pytest.raises(StoreLockedError, match="already open with annotator='alice'"):
            open_store(url, annotator="alice")
        open_store(url, annotator="bob").close()
    finally:
        first.close()
    open_store(url, annotator="alice").close()  # freed when the first connection ends


@pytest.mark.parametrize("mutate, says", [
    (lambda u: u.replace("lw-test", "wrong"), "refused the user name or password"),
    (lambda u: u.rsplit("/", 1)[0] + "/nodb", 'database "nodb" does not exist'),
    (lambda u: re.sub(r":\d+/", ":1/", u), "no PostgreSQL server answers"),
    (lambda u: re.sub(r":\d+/", ":99999/", u), "not a port number"),
    (lambda u: u.rsplit("/", 1)[0] + "/", "names no database"),
    (lambda u: "postgresql:///db", "names no server"),
    (lambda u: u.replace("postgresql", "mysql"), "has the scheme 'mysql'"),
])
def test_bad_urls_say_what_is_wrong(url, mutate, says):
    bad = mutate(url)
    with pytest.raises(StoreError, match=says) as info:
        open_store(bad, annotator="alice", retry=0)
    assert "lw-test" not in str(info.value) and "wrong" not in str(info.value)  # no password


def _worker(url, name, n_tasks, overlap, results, kill_after=None, lease=60.0):
    store = open_store(url, annotator=name, lease=lease)
    done = []
    try:
        while True:
            held = store.claim(window=5, overlap=overlap, lease=lease)
            if not held:
                break
            for task in held[:2]:
                if kill_after is not None and len(done) >= kill_after:
                    os.kill(os.getpid(), signal.SIGKILL)  # vanish holding open claims
                store.append(Event(task=task, kind="submit", values={"c": name}))
                done.append(task)
    finally:
        results.put((name, done))
        store.close()


def _distribute(url, n_tasks):
    with open_store(url, annotator="setup") as store:
        store.register_tasks([f"t{i:03d}" for i in range(n_tasks)])


def test_eight_annotators_overlap_two_every_task_exactly_twice(shared):
    _distribute(shared, 200)
    ctx = mp.get_context("spawn")
    results = ctx.Queue()
    procs = [ctx.Process(target=_worker, args=(shared, f"a{i}", 200, 2, results))
             for i in range(8)]
    for p in procs:
        p.start()
    got = dict(results.get(timeout=240) for _ in procs)
    for p in procs:
        p.join(60)
    with open_store(shared, readonly=True) as store:
        events = store.history()
    by_task = Counter()
    pairs = set()
    for e in events:
        by_task[e.task] += 1
        pairs.add((e.task, e.annotator))
    assert len(pairs) == len(events) == 400  # nobody labeled one task twice
    assert set(by_task.values()) == {2} and len(by_task) == 200
    assert sum(len(v) for v in got.values()) == 400


def test_a_vanished_annotator_s_tasks_return_after_the_lease(shared):
    _distribute(shared, 30)
    ctx = mp.get_context("spawn")
    results = ctx.Queue()
    victim = ctx.Process(target=_worker, args=(shared, "gone", 30, 1, results, 3, 2.0))
    victim.start()
    victim.join(120)
    assert victim.exitcode == -signal.SIGKILL
    with open_store(shared, readonly=True) as store:
        done_by_victim = {e.task for e in store.history()}
    assert len(done_by_victim) == 3
    time.sleep(2.5)  # the lease (2 s) of its open claims runs out: that is the behaviour tested
    survivors = [ctx.Process(target=_worker, args=(shared, f"s{i}", 30, 1, results))
                 for i in range(2)]
    for p in survivors:
        p.start()
    got = dict(results.get(timeout=120) for _ in survivors)
    for p in survivors:
        p.join(60)
    with open_store(shared, readonly=True) as store:
        tasks = Counter(e.task for e in store.history())
    assert len(tasks) == 30 and set(tasks.values()) == {1}
    assert not (set(got["s0"]) | set(got["s1"])) & done_by_victim


def test_a_working_annotator_keeps_the_window(shared):
    _distribute(shared, 10)
    with open_store(shared, annotator="alice", lease=4.0) as alice, \
            open_store(shared, annotator="bob", lease=4.0) as bob:
        mine = alice.claim(window=4, overlap=1, lease=4.0)
        assert mine == ["t000", "t001", "t002", "t003"]
        for _ in range(3):  # alice keeps working (each claim renews her leases)
            time.sleep(1.5)  # 3 x 1.5 s: longer than the lease
            assert alice.claim(window=4, overlap=1, lease=4.0) == mine
        assert bob.claim(window=4, overlap=1, lease=4.0) == ["t004", "t005", "t006", "t007"]
        progress = alice.progress(overlap=1, lease=4.0)
        assert progress.tasks == 10 and progress.needed == 10 and progress.done == 0
        assert progress.working == ("bob",)
        alice.append(Event(task="t000", kind="submit", values={"c": 1}))
        alice.append(Event(task="t001", kind="skip"))
        assert alice.claims() == {"t000": "submitted", "t001": "skipped", "t002": "open",
                                  "t003": "open"}
        # The skipped task goes back to the pool for someone else.
        assert "t001" in bob.claim(window=5, overlap=1, lease=4.0)
        assert alice.progress(overlap=1, lease=4.0).mine == 1


def test_a_restarted_server_loses_nothing_acknowledged(url, server):
    with open_store(url, annotator="alice", retry=30) as store:
        store.append(Event(task="t1", kind="submit", values={"c": "before"}))
        server.stop()
        with pytest.raises(StoreError, match="no PostgreSQL server answers"):  # down at start
            open_store(url, annotator="bob", retry=0.5)
        server.start()
        # The same store object reconnects and saves; the name is taken again.
        store.append(Event(task="t2", kind="submit", values={"c": "after"}))
    with open_store(url, readonly=True) as store:
        assert {e.task: e.values["c"] for e in store.history()} == {"t1": "before",
                                                                    "t2": "after"}
