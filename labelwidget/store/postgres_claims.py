"""Claims on PostgreSQL: the rules of :mod:`labelwidget.store.claims`, one statement each.

A claim, a submit (the event and its claim) and the team progress are each one SQL statement
sent on an autocommit connection: one transaction and one round trip. What costs on a busy
machine is less the server's work than every wait for the other side to be scheduled again:
a claim used to be five of them (BEGIN, three statements, COMMIT) and a submit four.
"""

from __future__ import annotations

import time
from typing import Any

from .claims import EVERYONE, Progress, new_state

S = "labelwidget."

# Open claims past their lease return to the pool (run only when the claim saw some: a sweep
# of every claim would rewrite nothing most of the time but still cost a statement).
_SWEEP = (
    f"WITH expired AS (DELETE FROM {S}claims WHERE state = 'open' AND expires_at < %(now)s"
    " RETURNING task)"
    f" UPDATE {S}tasks t SET assigned = t.assigned - e.n FROM (SELECT task, count(*) AS n"
    " FROM expired GROUP BY task) e WHERE t.task = e.task")

# The claim, one statement: renew my open claims, say I am working, top the window up, and
# answer the window in queue order plus whether some lease (anyone's) ran out.
# * Rows other claimers hold are skipped, never waited for, and ``assigned < overlap`` is
#   re-checked on the locked row (a row another claimer committed meanwhile fails it and is left
#   out); NOT EXISTS keeps a task I ever had (submitted, skipped) from coming back to me.
# * Expired claims still count in ``assigned`` here: before the sweep a task is, if anything,
#   offered too rarely, never to more than ``overlap`` people.
# * All parts see one snapshot: the window is the claims just renewed plus the ones just added.
_CLAIM = (
    f"WITH renewed AS (UPDATE {S}claims SET expires_at = %(until)s WHERE annotator = %(me)s"
    " AND state = 'open' AND expires_at >= %(now)s RETURNING task),"
    f" seen AS (INSERT INTO {S}presence (annotator, seen_at) VALUES (%(me)s, %(now)s)"
    " ON CONFLICT (annotator) DO UPDATE SET seen_at = EXCLUDED.seen_at RETURNING 1),"
    f" picked AS (SELECT t.task FROM {S}tasks t WHERE {{offered}} AND NOT EXISTS (SELECT 1"
    f" FROM {S}claims c WHERE c.task = t.task AND c.annotator = %(me)s) ORDER BY t.position"
    " LIMIT GREATEST(0, %(window)s - (SELECT count(*) FROM renewed))"
    " FOR UPDATE OF t SKIP LOCKED),"
    f" bumped AS (UPDATE {S}tasks t SET assigned = t.assigned + 1 FROM picked p"
    " WHERE t.task = p.task RETURNING t.task, t.position),"
    f" added AS (INSERT INTO {S}claims (task, annotator, state, expires_at) SELECT task,"
    " %(me)s, 'open', %(until)s FROM bumped RETURNING 1)"
    " SELECT (SELECT array_agg(w.task ORDER BY w.position) FROM (SELECT r.task, t.position"
    f" FROM renewed r JOIN {S}tasks t ON t.task = r.task UNION ALL SELECT task, position"
    f" FROM bumped) w), EXISTS (SELECT 1 FROM {S}claims WHERE state = 'open' AND"
    " expires_at < %(now)s), (SELECT count(*) FROM added), (SELECT count(*) FROM seen)")
# overlap=1 (the default) asks for tasks nobody has: ``assigned = 0`` is what the partial
# index tasks_free serves, so a claim does not walk past every task handed out before.
_CLAIM_FREE = _CLAIM.format(offered="t.assigned = 0")
_CLAIM_SOME = _CLAIM.format(offered="t.assigned < %(overlap)s")

_INSERT = (f"INSERT INTO {S}events (task, kind, \"values\", annotator, created_at, lead_time,"
           " origin, meta, config_hash, data) VALUES (%(task)s, %(kind)s, %(values)s, %(me)s,"
           " %(created_at)s, %(lead_time)s, %(origin)s, %(meta)s, %(config_hash)s, %(data)s)"
           " RETURNING seq")

# An event and its claim in one statement: a submit, skip or undo moves this annotator's claim
# of the task (created if the task was never claimed, e.g. labeled outside the window) and
# keeps ``assigned`` equal to the open and submitted claims; working renews the rest of the
# window and the presence. Events of tasks that are not distributed touch no claim (known).
_COUNTED = "CASE WHEN state IN ('open', 'submitted') THEN 1 ELSE 0 END"
_SAVE = (
    f"WITH ev AS ({_INSERT}),"
    f" known AS (SELECT task FROM {S}tasks WHERE task = %(task)s),"
    f" prev AS (SELECT {_COUNTED} AS n FROM {S}claims WHERE task = %(task)s AND"
    " annotator = %(me)s),"
    f" up AS (INSERT INTO {S}claims (task, annotator, state, expires_at) SELECT task,"
    " %(me)s, %(new)s, %(until)s FROM known ON CONFLICT (task, annotator) DO UPDATE SET"
    " state = EXCLUDED.state, expires_at = EXCLUDED.expires_at RETURNING 1),"
    f" bump AS (UPDATE {S}tasks t SET assigned = t.assigned + %(after)s -"
    " COALESCE((SELECT n FROM prev), 0) WHERE t.task = %(task)s AND"
    " %(after)s <> COALESCE((SELECT n FROM prev), 0) RETURNING 1),"
    f" renew AS (UPDATE {S}claims SET expires_at = %(until)s WHERE annotator = %(me)s AND"
    " state = 'open' AND task <> %(task)s AND EXISTS (SELECT 1 FROM known) RETURNING 1),"
    f" seen AS (INSERT INTO {S}presence (annotator, seen_at) SELECT %(me)s, %(now)s FROM"
    " known ON CONFLICT (annotator) DO UPDATE SET seen_at = EXCLUDED.seen_at RETURNING 1)"
    " SELECT (SELECT seq FROM ev), (SELECT count(*) FROM up), (SELECT count(*) FROM bump),"
    " (SELECT count(*) FROM renew), (SELECT count(*) FROM seen)")


def claim(conn, me: str, window: int, overlap: int, lease: float) -> list[str]:
    """Renew my open claims and top them up to ``window``; the window (JSON keys) in queue
    order. One statement, its own transaction (autocommit); a lease that ran out costs two
    more: the sweep, then the claim again, so that the freed tasks are offered at once."""
    sql = _CLAIM_FREE if overlap == 1 else _CLAIM_SOME
    now = time.time()
    args = {"me": me, "now": now, "until": now + lease, "overlap": overlap, "window": window}
    held, expired, _, _ = conn.execute(sql, args).fetchone()
    if expired:
        conn.execute(_SWEEP, {"now": now})
        held = conn.execute(sql, args).fetchone()[0]
    return list(held or ())


def save(conn, event: Any, row: tuple, lease: float):
    """Send one event (``row`` as the journal stores it) with its claim; the cursor answers
    the event's seq. One statement: in autocommit, one transaction."""
    task, kind, values, me, created_at, lead_time, origin, meta, chash, data = row
    args = {"task": task, "kind": kind, "values": values, "me": me, "created_at": created_at,
            "lead_time": lead_time, "origin": origin, "meta": meta, "config_hash": chash,
            "data": data}
    if me is None:  # nobody to hold a claim: the journal only
        return conn.execute(_INSERT, args)
    now = time.time()
    new = new_state(event)
    return conn.execute(_SAVE, {**args, "new": new, "until": now + lease, "now": now,
                                "after": int(new in ("open", "submitted"))})


def progress(conn, me: str | None, overlap: int, lease: float) -> Progress:
    """Team progress in one statement: tasks, submitted claims, mine, who else is working."""
    tasks, done, mine, working, people = conn.execute(
        f"SELECT (SELECT count(*) FROM {S}tasks),"
        f" (SELECT count(*) FROM {S}claims WHERE state = 'submitted'),"
        f" (SELECT count(*) FROM {S}claims WHERE state = 'submitted' AND annotator = %(me)s),"
        f" (SELECT array_agg(annotator ORDER BY annotator) FROM {S}presence WHERE"
        " seen_at > %(since)s AND annotator <> %(me)s),"
        f" (SELECT count(DISTINCT annotator) FROM {S}claims WHERE %(everyone)s)",
        {"me": me or "", "since": time.time() - lease,
         "everyone": overlap == EVERYONE}).fetchone()
    needed = tasks * (max(people, 1) if overlap == EVERYONE else overlap)
    return Progress(tasks, done, needed, mine, tuple(working or ()))
