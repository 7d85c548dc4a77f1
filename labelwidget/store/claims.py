"""Task distribution on a shared store: claims with leases, and overlap.

A claim gives one task to one annotator for a while. ``tasks.assigned`` counts the open and
submitted claims of a task; a task is offered only while ``assigned < overlap`` and only to
annotators who never had it, so no task is ever labeled by more than ``overlap`` people through
claims. An open claim carries a lease: when it runs out (the kernel was killed, the laptop
closed) the claim is dropped and the task returns to the pool; every claim, submit or skip of
an annotator renews the leases of their open claims, so whoever keeps working keeps their
prefetched window.

* submit: the claim becomes ``submitted`` (counted for good);
* skip: the claim becomes ``skipped``: it no longer counts, the task goes back to the pool for
  others, and this annotator is not offered it again;
* undo of a submit or skip: the claim is open again, with a fresh lease.

The statements here serve SQLite (the whole claim is one ``BEGIN IMMEDIATE`` transaction)
and, where they are plain reads or writes, PostgreSQL too: ``ph`` is the parameter placeholder
(``?`` for SQLite, ``%s`` for psycopg). PostgreSQL's claim, settle and progress follow the same
rules in :mod:`labelwidget.store.postgres_claims`: rows offered are locked with ``FOR UPDATE
SKIP LOCKED`` (claimers never wait for each other, and the ``assigned`` check is re-done on the
locked row), and each call is one round trip to the server.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

#: ``overlap="all"``: every annotator gets every task.
EVERYONE = 2**31 - 1


@dataclass(frozen=True)
class Progress:
    """Team progress: submitted claims, what is needed, mine, and who else is working."""

    tasks: int
    done: int
    needed: int
    mine: int
    working: tuple[str, ...]


def overlap_count(overlap: Any) -> int:
    if overlap == "all":
        return EVERYONE
    if isinstance(overlap, bool) or not isinstance(overlap, int) or overlap < 1:
        raise ValueError(f'overlap must be a whole number of annotators (1, 2 ...) or "all", '
                         f"not {overlap!r}")
    return overlap


def register(conn, s: str, tasks: Iterable[str], ph: str) -> None:
    """Make the tasks (JSON keys, in queue order) known to the distribution; idempotent."""
    rows = [(task, position) for position, task in enumerate(tasks)]
    _many(conn, f"INSERT INTO {s}tasks (task, position) VALUES ({ph}, {ph}) "
                     "ON CONFLICT (task) DO NOTHING", rows)


def claim(conn, s: str, annotator: str, window: int, overlap: int, lease: float,
          ph: str) -> list[str]:
    """Renew this annotator's open claims and top them up to ``window``; return every task
    (JSON key) this annotator holds open, in queue order. Run inside one transaction."""
    now = time.time()
    _expire(conn, s, now, ph)
    conn.execute(f"UPDATE {s}claims SET expires_at = {ph} WHERE annotator = {ph} "
                 "AND state = 'open'", (now + lease, annotator))
    _seen(conn, s, annotator, now, ph)
    held = conn.execute(f"SELECT COUNT(*) FROM {s}claims WHERE annotator = {ph} AND "
                        "state = 'open'", (annotator,)).fetchone()[0]
    want = window - held
    if want > 0:
        picked = [r[0] for r in conn.execute(
            f"SELECT t.task FROM {s}tasks t WHERE t.assigned < {ph} AND NOT EXISTS "
            f"(SELECT 1 FROM {s}claims c WHERE c.task = t.task AND c.annotator = {ph}) "
            f"ORDER BY t.position LIMIT {ph}", (overlap, annotator, want)).fetchall()]
        if picked:
            _many(conn, f"UPDATE {s}tasks SET assigned = assigned + 1 WHERE task = {ph}",
                             [(t,) for t in picked])
            _many(conn, f"INSERT INTO {s}claims (task, annotator, state, expires_at) "
                             f"VALUES ({ph}, {ph}, 'open', {ph})",
                             [(t, annotator, now + lease) for t in picked])
    return [r[0] for r in conn.execute(
        f"SELECT c.task FROM {s}claims c JOIN {s}tasks t ON t.task = c.task WHERE "
        f"c.annotator = {ph} AND c.state = 'open' ORDER BY t.position", (annotator,)).fetchall()]


def mine(conn, s: str, annotator: str, ph: str) -> dict[str, str]:
    """``{task: state}`` of every claim this annotator has (open, submitted, skipped)."""
    return dict(conn.execute(f"SELECT task, state FROM {s}claims WHERE annotator = {ph}",
                             (annotator,)).fetchall())


def settle(conn, s: str, events: Iterable[Any], ph: str, lease: float = 300.0) -> None:
    """Claims follow the journal (same transaction as the events): submit, skip, undo."""
    now = time.time()
    for event in events:
        if event.annotator is None:
            continue
        task = task_key(event)
        row = conn.execute(f"SELECT state FROM {s}claims WHERE task = {ph} AND annotator = {ph}",
                           (task, event.annotator)).fetchone()
        known = conn.execute(f"SELECT 1 FROM {s}tasks WHERE task = {ph}", (task,)).fetchone()
        if known is None:
            continue  # not a distributed task (the store is used without overlap)
        state = row[0] if row else None
        new = new_state(event)
        counted_before = state in ("open", "submitted")
        counted_after = new in ("open", "submitted")
        if state is None:
            conn.execute(f"INSERT INTO {s}claims (task, annotator, state, expires_at) VALUES "
                         f"({ph}, {ph}, {ph}, {ph})", (task, event.annotator, new, now + lease))
        else:
            conn.execute(f"UPDATE {s}claims SET state = {ph}, expires_at = {ph} WHERE "
                         f"task = {ph} AND annotator = {ph}",
                         (new, now + lease, task, event.annotator))
        delta = int(counted_after) - int(counted_before)
        if delta:
            conn.execute(f"UPDATE {s}tasks SET assigned = assigned + {ph} WHERE task = {ph}",
                         (delta, task))
        # Working is renewing: the rest of this annotator's window stays theirs.
        conn.execute(f"UPDATE {s}claims SET expires_at = {ph} WHERE annotator = {ph} AND "
                     "state = 'open'", (now + lease, event.annotator))
        _seen(conn, s, event.annotator, now, ph)


def new_state(event: Any) -> str:
    if event.kind == "undo":
        undone = not any(v is not None for v in event.values.values())
        return "open" if undone else "submitted"
    return {"submit": "submitted", "skip": "skipped"}[event.kind]


def progress(conn, s: str, annotator: str | None, overlap: int, lease: float,
             ph: str) -> Progress:
    now = time.time()
    tasks = conn.execute(f"SELECT COUNT(*) FROM {s}tasks").fetchone()[0]
    done = conn.execute(f"SELECT COUNT(*) FROM {s}claims WHERE state = 'submitted'").fetchone()[0]
    mine_done = conn.execute(f"SELECT COUNT(*) FROM {s}claims WHERE state = 'submitted' AND "
                             f"annotator = {ph}", (annotator,)).fetchone()[0]
    working = tuple(r[0] for r in conn.execute(
        f"SELECT annotator FROM {s}presence WHERE seen_at > {ph} AND annotator <> {ph} "
        "ORDER BY annotator", (now - lease, annotator or "")).fetchall())
    if overlap == EVERYONE:
        people = conn.execute(f"SELECT COUNT(DISTINCT annotator) FROM {s}claims").fetchone()[0]
        needed = tasks * max(people, 1)
    else:
        needed = tasks * overlap
    return Progress(tasks, done, needed, mine_done, working)


def _expire(conn, s: str, now: float, ph: str) -> None:
    gone = conn.execute(f"SELECT task, annotator FROM {s}claims WHERE state = 'open' AND "
                        f"expires_at < {ph}", (now,)).fetchall()
    for task, who in gone:
        # The DELETE decides (a concurrent claimer may have expired it first).
        cur = conn.execute(f"DELETE FROM {s}claims WHERE task = {ph} AND annotator = {ph} AND "
                           f"state = 'open' AND expires_at < {ph}", (task, who, now))
        if cur.rowcount:
            conn.execute(f"UPDATE {s}tasks SET assigned = assigned - 1 WHERE task = {ph}",
                         (task,))


def _seen(conn, s: str, annotator: str, now: float, ph: str) -> None:
    conn.execute(f"INSERT INTO {s}presence (annotator, seen_at) VALUES ({ph}, {ph}) "
                 "ON CONFLICT (annotator) DO UPDATE SET seen_at = EXCLUDED.seen_at",
                 (annotator, now))


def _many(conn, sql: str, rows: list) -> None:
    # sqlite3 connections and psycopg cursors both have executemany; a cursor serves both.
    conn.cursor().executemany(sql, rows)


def task_key(event: Any) -> str:
    from .sqlite import encode_task

    return encode_task(event.task)
