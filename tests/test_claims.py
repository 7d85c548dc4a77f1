"""Claims under pressure: many claimers at once, leases that run out, stores made before the
claim indexes. On PostgreSQL and SQLite (``shared``) unless the behaviour is PostgreSQL's."""

from __future__ import annotations

import multiprocessing as mp
import time
from collections import Counter

import pytest

from labelwidget.store import Event, claims, postgres_claims
from labelwidget.store.url import open_store


def _register(url, n):
    with open_store(url, annotator="setup") as store:
        store.register_tasks([f"t{i:03d}" for i in range(n)])


def _claimer(url, name, overlap, ready, start, results):
    """Claim as fast as possible; record every window seen; submit one task per claim."""
    store = open_store(url, annotator=name, lease=60.0)
    windows, submitted = [], []
    ready.put(name)
    start.wait()
    try:
        while True:
            held = store.claim(window=4, overlap=overlap, lease=60.0)
            windows.append(held)
            if not held:
                break
            store.append(Event(task=held[0], kind="submit", values={"c": name}))
            submitted.append(held[0])
    finally:
        store.close()
        results.put((name, windows, submitted))


def _race(url, n_procs, overlap):
    ctx = mp.get_context("spawn")
    ready, start, results = ctx.Queue(), ctx.Event(), ctx.Queue()
    procs = [ctx.Process(target=_claimer, args=(url, f"c{i}", overlap, ready, start, results))
             for i in range(n_procs)]
    for p in procs:
        p.start()
    for _ in procs:  # every claimer connected: they all start at once
        ready.get(timeout=240)
    start.set()
    got = [results.get(timeout=240) for _ in procs]
    for p in procs:
        p.join(60)
    return got


def test_six_racing_claimers_never_hold_one_task_at_once_without_overlap(shared):
    _register(shared, 120)
    got = _race(shared, 6, overlap=1)
    # Everything anyone was ever handed, by whom: with overlap=1 a task goes to one person only
    # (nobody skips, no lease runs out), however the claims interleaved.
    holders = {}
    for name, windows, _ in got:
        for window in windows:
            for task in window:
                holders.setdefault(task, set()).add(name)
    assert len(holders) == 120
    assert {task: who for task, who in holders.items() if len(who) > 1} == {}
    submitted = Counter(task for _, _, done in got for task in done)
    assert len(submitted) == 120 and set(submitted.values()) == {1}
    with open_store(shared, readonly=True) as store:
        assert len(store.history()) == 120  # every submit acknowledged is in the journal


def test_racing_claimers_with_overlap_three_give_each_task_to_three(shared):
    _register(shared, 40)
    got = _race(shared, 5, overlap=3)
    holders = {}
    for name, windows, _ in got:
        for window in windows:
            for task in window:
                holders.setdefault(task, set()).add(name)
    assert len(holders) == 40 and {len(who) for who in holders.values()} == {3}
    with open_store(shared, readonly=True) as store:
        pairs = Counter((e.task, e.annotator) for e in store.history())
    assert len(pairs) == 120 and set(pairs.values()) == {1}


class _Clock:
    """``time.time()`` for the claim modules, moved forward by the test instead of sleeping."""

    def __init__(self):
        self.ahead = 0.0

    def time(self):
        return time.time() + self.ahead


def test_tasks_whose_lease_ran_out_come_back_in_the_very_next_claim(shared, monkeypatch):
    clock = _Clock()
    monkeypatch.setattr(claims, "time", clock)
    monkeypatch.setattr(postgres_claims, "time", clock)
    _register(shared, 6)
    gone = open_store(shared, annotator="gone", lease=60.0)
    assert gone.claim(window=4, overlap=1, lease=60.0) == ["t000", "t001", "t002", "t003"]
    with open_store(shared, annotator="bob", lease=60.0) as bob:
        assert bob.claim(window=4, overlap=1, lease=60.0) == ["t004", "t005"]
        bob.append(Event(task="t004", kind="submit", values={"c": 1}))
        bob.append(Event(task="t005", kind="submit", values={"c": 1}))
        clock.ahead = 120.0  # gone's lease ran out
        # Only gone's expired tasks are left: one claim must free and offer them (an empty
        # answer would tell bob that the work is over).
        assert bob.claim(window=4, overlap=1, lease=60.0) == ["t000", "t001", "t002", "t003"]
        assert bob.claims() == {"t000": "open", "t001": "open", "t002": "open",
                                "t003": "open", "t004": "submitted", "t005": "submitted"}
        # gone comes back: its claims were dropped and bob holds the tasks now.
        assert gone.claim(window=4, overlap=1, lease=60.0) == []
        assert gone.claims() == {}
    gone.close()


def test_working_keeps_the_window_renewing_at_most_once_a_second(shared, monkeypatch):
    clock = _Clock()
    monkeypatch.setattr(claims, "time", clock)
    monkeypatch.setattr(postgres_claims, "time", clock)
    _register(shared, 8)
    with open_store(shared, annotator="alice", lease=600.0) as alice, \
            open_store(shared, annotator="bob", lease=600.0) as bob:
        assert alice.claim(window=4, overlap=1, lease=600.0) == ["t000", "t001", "t002", "t003"]
        clock.ahead = 0.5  # a submit right after the claim (the lease may stay as it is)
        alice.append(Event(task="t000", kind="submit", values={"c": 1}))
        clock.ahead = 595.0  # still within the lease of the claim: alice keeps her window
        assert bob.claim(window=2, overlap=1, lease=600.0) == ["t004", "t005"]
        clock.ahead = 300.0  # alice works on: her open claims run 600 s from now
        alice.append(Event(task="t001", kind="skip"))
        clock.ahead = 890.0
        assert "t002" not in bob.claim(window=4, overlap=1, lease=600.0)
        clock.ahead = 905.0  # alice stopped 605 s ago: her open claims return to the pool
        bob.append(Event(task="t004", kind="submit", values={"c": 1}))
        window = bob.claim(window=6, overlap=1, lease=600.0)
        assert {"t001", "t002", "t003"} <= set(window)  # t001: alice skipped it


def test_several_events_in_one_append_settle_their_claims_a_bad_one_writes_none(shared):
    _register(shared, 4)
    with open_store(shared, annotator="alice") as alice:
        assert alice.claim(window=4, overlap=1, lease=60.0) == ["t000", "t001", "t002", "t003"]
        stored = alice.append_many([Event(task="t000", kind="submit", values={"c": 1}),
                                    Event(task="t001", kind="skip")])
        assert [e.seq for e in stored] == [1, 2]
        assert alice.claims() == {"t000": "submitted", "t001": "skipped", "t002": "open",
                                  "t003": "open"}
        with pytest.raises(ValueError, match="not a plain JSON value"):
            alice.append_many([Event(task="t002", kind="submit", values={"c": 1}),
                               Event(task="t003", kind="submit", values={"c": object()})])
        assert alice.claims()["t002"] == "open"  # nor the good event before it
        assert len(alice.history()) == 2


def test_a_store_made_before_the_claim_indexes_gets_them_when_opened(url):
    import psycopg

    _register(url, 3)
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("DROP INDEX labelwidget.tasks_free; DROP INDEX labelwidget.claims_mine")
    with open_store(url, readonly=True) as store:  # reading changes nothing
        store.history()
    with psycopg.connect(url, autocommit=True) as conn:
        names = {r[0] for r in conn.execute(
            "SELECT indexname FROM pg_indexes WHERE schemaname = 'labelwidget'")}
    assert not names & {"tasks_free", "claims_mine"}
    with open_store(url, annotator="alice") as alice:
        assert alice.claim(window=2, overlap=1, lease=60.0) == ["t000", "t001"]
    with psycopg.connect(url, autocommit=True) as conn:
        names = {r[0] for r in conn.execute(
            "SELECT indexname FROM pg_indexes WHERE schemaname = 'labelwidget'")}
    assert {"tasks_free", "claims_mine"} <= names
