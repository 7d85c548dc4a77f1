"""Claims on PostgreSQL: the rules of :mod:`labelwidget.store.claims`, one statement each.

A claim, a submit (the event and its claim) and the team progress are each one SQL statement
sent on an autocommit connection: one transaction and one round trip. What costs on a busy
machine is less the server's work than every wait for the other side to be scheduled again:
a claim used to be five of them (BEGIN, three statements, COMMIT) and a submit four.

Working (a claim, submit or skip) renews this annotator's open leases and presence as in
:mod:`labelwidget.store.claims`, but rewrites a row only when it is more than :func:`slack`
seconds stale: at a submit every few milliseconds, rewriting the whole window each time was
most of the server's writing.
"""

from __future__ import annotations

import time
from typing import Any

from .claims import EVERYONE, Progress, new_state

S = "labelwidget."

# Working renews leases and presence, but a row is rewritten at most once per ``slack``
# seconds (:func:`slack`): a submit every few milliseconds need not rewrite the window each time.
_SEEN = (f"seen AS (INSERT INTO {S}presence AS p (annotator, seen_at) VALUES (%(me)s, %(now)s)"
         " ON CONFLICT (annotator) DO UPDATE SET seen_at = EXCLUDED.seen_at"
         " WHERE p.seen_at < EXCLUDED.seen_at - %(slack)s RETURNING 1)")

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
# * While some lease has run out, nothing is picked: the claim answers that, the sweep returns
#   those tasks to the pool, and the claim runs again, so that the pool is offered in queue
#   order as if the sweep ran first (it used to, on every claim).
# * All parts see one snapshot: the window is my open claims as they were plus the ones added.
_EXPIRED = f"FROM {S}claims WHERE state = 'open' AND expires_at < %(now)s"
_MINE_OPEN = (f"FROM {S}claims c WHERE c.annotator = %(me)s AND c.state = 'open' AND"
              " c.expires_at >= %(now)s")
_CLAIM = (
    f"WITH renewed AS (UPDATE {S}claims c SET expires_at = %(until)s WHERE c.annotator = %(me)s"
    " AND c.state = 'open' AND c.expires_at >= %(now)s AND c.expires_at < %(stale)s"
    f" RETURNING 1), {_SEEN},"
    f" picked AS (SELECT t.task FROM {S}tasks t WHERE {{offered}} AND NOT EXISTS (SELECT 1"
    f" FROM {S}claims c WHERE c.task = t.task AND c.annotator = %(me)s) ORDER BY t.position"
    f" LIMIT CASE WHEN EXISTS (SELECT 1 {_EXPIRED}) THEN 0 ELSE"
    f" GREATEST(0, %(window)s - (SELECT count(*) {_MINE_OPEN})) END"
    " FOR UPDATE OF t SKIP LOCKED),"
    f" bumped AS (UPDATE {S}tasks t SET assigned = t.assigned + 1 WHERE t.task = ANY (ARRAY"
    " (SELECT task FROM picked)) RETURNING t.task, t.position),"
    f" added AS (INSERT INTO {S}claims (task, annotator, state, expires_at) SELECT task,"
    " %(me)s, 'open', %(until)s FROM bumped RETURNING 1)"
    " SELECT (SELECT array_agg(w.task ORDER BY w.position) FROM (SELECT c.task, t.position"
    f" {_MINE_OPEN.replace('WHERE', f'JOIN {S}tasks t ON t.task = c.task WHERE')}"
    " UNION ALL SELECT task, position FROM bumped) w),"
    f" EXISTS (SELECT 1 {_EXPIRED}),"
    " (SELECT count(*) FROM added), (SELECT count(*) FROM renewed), (SELECT count(*) FROM seen)")
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
    " state = 'open' AND expires_at < %(stale)s AND task <> %(task)s AND EXISTS (SELECT 1"
    " FROM known) RETURNING 1),"
    f" seen AS (INSERT INTO {S}presence AS p (annotator, seen_at) SELECT %(me)s, %(now)s FROM"
    " known ON CONFLICT (annotator) DO UPDATE SET seen_at = EXCLUDED.seen_at"
    " WHERE p.seen_at < EXCLUDED.seen_at - %(slack)s RETURNING 1)"
    " SELECT (SELECT seq FROM ev), (SELECT count(*) FROM up), (SELECT count(*) FROM bump),"
    " (SELECT count(*) FROM renew), (SELECT count(*) FROM seen)")


def slack(lease: float) -> float:
    """How stale a lease or presence may get before working rewrites it: a second at most (a
    tenth of a short lease), so a lease still runs at least ``lease - slack`` past the last
    claim, submit or skip."""
    return min(1.0, lease / 10)


def _times(lease: float) -> dict[str, float]:
    now = time.time()
    return {"now": now, "until": now + lease, "stale": now + lease - slack(lease),
            "slack": slack(lease)}


def claim(conn, me: str, window: int, overlap: int, lease: float) -> list[str]:
    """Renew my open claims and top them up to ``window``; the window (JSON keys) in queue
    order. One statement, its own transaction (autocommit); a lease that ran out costs two
    more: the sweep, then the claim again, so that the freed tasks are offered at once."""
    sql = _CLAIM_FREE if overlap == 1 else _CLAIM_SOME
    args = {**_times(lease), "me": me, "overlap": overlap, "window": window}
    held, expired, *_ = conn.execute(sql, args).fetchone()
    for _ in range(3):  # more than once only if another claimer's clock is a lease behind
        if not expired:
            break
        conn.execute(_SWEEP, args)
        held, expired, *_ = conn.execute(sql, args).fetchone()
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
    new = new_state(event)
    return conn.execute(_SAVE, {**args, **_times(lease), "new": new,
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
