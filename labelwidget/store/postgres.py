"""The team store: the same append-only journal on a PostgreSQL server (psycopg 3).

``PostgresStore("postgresql://user:password@host:5432/db", annotator="alice", ...)`` behaves as
:class:`~labelwidget.store.sqlite.SQLiteStore` does (same events, same reads, durable before
``append`` returns) for annotators on several machines. Its tables live in their own schema
(``labelwidget``) of the database, so a store can share a database with other data.

* Durability: each append is one transaction committed with ``synchronous_commit=on``: the
  server has flushed its write-ahead log before ``append`` returns.
* One live place per annotator name: the session holds a PostgreSQL advisory lock keyed by the
  name; a second kernel under the same name gets :class:`StoreLockedError`. The lock belongs to
  the connection, so a killed kernel frees it as soon as the server notices the connection is
  gone (no stale-lock guessing as in the SQLite store).
* A lost connection (server restarted, network blip) is retried for ``retry`` seconds before an
  append fails with :class:`StoreError` (the widget then shows "not saved" and keeps the values).
* Task distribution (claims with leases and overlap): :mod:`labelwidget.store.claims`.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import threading
import time
import weakref
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

from . import postgres_claims
from .postgres_schema import SCHEMA, lock_key, open_schema
from .sqlite import (
    ConflictError,
    Event,
    SQLiteStore,
    StoreError,
    StoreLockedError,
    decode_task,
    encode_task,
)
from .sqlite import (
    config_hash as _config_hash,
)

_COLUMNS = ('seq, task, kind, "values", annotator, created_at, lead_time, origin, meta, '
            "config_hash, data")


def _psycopg():
    try:
        import psycopg
    except ImportError:
        raise StoreError("a postgresql:// store needs psycopg 3: pip install "
                         "'labelwidget[team]' (or pip install 'psycopg[binary]')") from None
    return psycopg


def describe_url(url: str) -> str:
    """The URL without its password, for messages."""
    parts = urlsplit(url)
    host = parts.hostname or "localhost"
    user = f"{parts.username}@" if parts.username else ""
    port = f":{parts.port}" if parts.port else ""
    return f"postgresql://{user}{host}{port}{parts.path}"


class PostgresStore:
    """Append-only journal of annotation events in a PostgreSQL database."""

    # The same validation and normalization of events as the SQLite store (it reads only
    # ``annotator`` and ``config_hash``): one home for what an event may hold.
    _prepare = SQLiteStore._prepare

    def __init__(self, url: str, *, annotator: str | None = None, config_hash: str = "",
                 config_xml: str | None = None, readonly: bool = False, force: bool = False,
                 retry: float = 15.0, lease: float = 300.0) -> None:
        self.url = url
        self.path = describe_url(url)  # what messages name (no password)
        self.annotator = annotator
        self.readonly = readonly
        self.retry = retry
        self.lease = lease
        if annotator is not None and not isinstance(annotator, str):
            raise TypeError(f"annotator must be a str or None, not {annotator!r}")
        if config_xml is not None:
            computed = _config_hash(config_xml)
            if config_hash and config_hash != computed:
                raise ValueError(f"config_hash={config_hash!r} does not match config_xml")
            config_hash = computed
        self.config_hash = config_hash
        self._config_xml = config_xml
        self._force = force
        self._lock = threading.RLock()
        self._conn = None
        self._closed = False
        self._connect(first=True)
        self._finalizer = weakref.finalize(self, _close, self._conn)

    # -- connection ------------------------------------------------------------------------

    def _connect(self, first: bool = False) -> None:
        psycopg = _psycopg()
        try:
            conn = psycopg.connect(self.url, autocommit=True, connect_timeout=10,
                                   application_name="labelwidget")
        except psycopg.OperationalError as exc:
            raise StoreError(_connection_problem(self.path, exc)) from None
        except psycopg.ProgrammingError as exc:  # a malformed URL or option
            raise StoreError(f"cannot use the store URL {self.path}: {exc}") from None
        conn.execute("SET synchronous_commit = on")
        # Unqualified table names (load(), portable queries) find the store's schema first.
        conn.execute(f"SET search_path TO {SCHEMA}, public")
        self._conn = conn
        if first:
            open_schema(conn, self.path, readonly=self.readonly, config_hash=self.config_hash,
                        config_xml=self._config_xml)
        if not self.readonly:
            self._take_name()

    def _take_name(self) -> None:
        got = self._conn.execute("SELECT pg_try_advisory_lock(%s)",
                                 (lock_key(self.annotator),)).fetchone()[0]
        if got:
            return
        who = ("no annotator name" if self.annotator is None
               else f"annotator={self.annotator!r}")
        raise StoreLockedError(
            f"{self.path} is already open with {who} in another kernel or app; close it there "
            "or use another annotator name (the name is freed as soon as that connection ends)")

    def _run(self, doing: str, work, *, transaction: bool = True, pipeline: bool = False):
        """``work(conn)`` in one transaction; on a lost connection (server restarted, network
        blip) reconnect and run it again, for up to ``retry`` seconds, then StoreError.

        A transaction whose commit reached the server but whose answer was lost is run again:
        an append can then be journaled twice (same values; the latest row wins, as always).
        """
        psycopg = _psycopg()
        deadline = time.monotonic() + self.retry
        with self._lock:
            self._check_open()
            while True:
                try:
                    if self._conn is None or self._conn.closed:
                        self._connect()
                    if pipeline:
                        # Autocommit + pipeline: the statements work() sends are one implicit
                        # transaction, committed (or rolled back whole) at the pipeline's
                        # Sync, in one round trip; work() returns what reads the answers.
                        with self._conn.pipeline():
                            finish = work(self._conn)
                        return finish()
                    if not transaction:
                        return work(self._conn)
                    with self._conn.transaction():
                        return work(self._conn)
                except ConflictError:
                    raise  # the caller's expected_seq is out of date: retrying cannot help
                except psycopg.errors.TransactionRollback:
                    # deadlock or serialization failure between claimers: nothing was written
                    if time.monotonic() > deadline:
                        raise StoreError(f"{doing} in the store {self.path} failed: the "
                                         "server kept aborting it (concurrent claims)") from None
                except psycopg.errors.RaiseException as exc:
                    raise StoreError(f"{doing} in the store {self.path} failed: {exc}") from None
                except (psycopg.OperationalError, psycopg.InterfaceError) as exc:
                    with contextlib.suppress(Exception):
                        self._conn.close()
                    self._conn = None
                    if time.monotonic() > deadline:
                        raise StoreError(f"{doing} in the store {self.path} failed: the server "
                                         f"did not answer for {self.retry:g} s "
                                         f"({_first_line(exc)})") from None
                    time.sleep(0.25)
                except StoreError:
                    self._conn = None
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.25)
                except psycopg.Error as exc:
                    raise StoreError(f"{doing} in the store {self.path} failed: "
                                     f"{_first_line(exc)}") from None

    def _check_open(self) -> None:
        if self._closed:
            raise StoreError(f"the store {self.path} is closed")

    # -- writing ---------------------------------------------------------------------------

    def append(self, event: Event, *, expected_seq: int | None = None) -> Event:
        """Append ``event`` (durable when this returns); see :meth:`SQLiteStore.append`."""
        return self.append_many([event], expected_seq=expected_seq)[0]

    def append_many(self, events: Iterable[Event], *,
                    expected_seq: int | None = None) -> list[Event]:
        """Append events in one transaction (all or none); return them as stored."""
        self._check_open()
        if self.readonly:
            raise StoreError(f"the store {self.path} was opened read-only")
        prepared = [self._prepare(event) for event in events]
        if not prepared:
            return []
        doing = (f"saving task {prepared[0][0].task!r}" if len(prepared) == 1
                 else f"saving {len(prepared)} events")

        def send(conn):
            # Each event with its claim is one statement; several go in one pipeline (one
            # round trip, one implicit transaction: all or none).
            cursors = [postgres_claims.save(conn, event, _row(row), self.lease)
                       for event, row in prepared]
            return lambda: [dataclasses.replace(event, seq=cur.fetchone()[0])
                            for (event, _), cur in zip(prepared, cursors, strict=True)]

        if expected_seq is not None:
            def checked(conn):  # the check's answer is needed before anything is written
                self._check_expected(conn, prepared[0][0].task, prepared[0][1][0],
                                     expected_seq)
                return send(conn)()

            return self._run(doing, checked)
        if len(prepared) == 1:  # autocommit: the one statement is the transaction
            return self._run(doing, lambda conn: send(conn)(), transaction=False)
        return self._run(doing, send, pipeline=True)

    def _check_expected(self, conn, task, task_json: str, expected_seq: int) -> None:
        from .sqlite import ConflictError

        latest = conn.execute(f"SELECT COALESCE(MAX(seq), 0) FROM {SCHEMA}.events "
                              "WHERE task = %s", (task_json,)).fetchone()[0]
        if latest != expected_seq:
            raise ConflictError(f"task {task!r} changed since it was read: its latest row is "
                                f"seq {latest}, expected seq {expected_seq}; nothing was written")

    # -- task distribution (see labelwidget.store.claims) ------------------------------------

    def register_tasks(self, tasks: Iterable[Any]) -> None:
        from . import claims

        keys = [encode_task(t) for t in tasks]
        self._run("registering the tasks", lambda conn: claims.register(
            conn, f"{SCHEMA}.", keys, "%s"))

    def claim(self, window: int, overlap: int, lease: float) -> list:
        got = self._run("claiming tasks", lambda conn: postgres_claims.claim(
            conn, self.annotator, window, overlap, lease), transaction=False)
        return [decode_task(k) for k in got]

    def claims(self) -> dict:
        from . import claims

        got = self._run("reading claims", lambda conn: claims.mine(
            conn, f"{SCHEMA}.", self.annotator, "%s"))
        return {decode_task(k): v for k, v in got.items()}

    def progress(self, overlap: int, lease: float):
        return self._run("reading team progress", lambda conn: postgres_claims.progress(
            conn, self.annotator, overlap, lease), transaction=False)

    # -- reading ---------------------------------------------------------------------------

    def _query(self, sql: str, params: Iterable = ()) -> list[tuple]:
        params = tuple(params)
        return self._run("reading", lambda conn: conn.execute(sql, params).fetchall(),
                         transaction=False)

    def latest(self) -> dict:
        rows = self._query(f"SELECT {_COLUMNS} FROM {SCHEMA}.events WHERE seq IN "
                           f"(SELECT MAX(seq) FROM {SCHEMA}.events GROUP BY task) ORDER BY seq")
        return {e.task: e for e in map(_event, rows)}

    def history(self, task: Any = None, *, after: int = 0) -> list[Event]:
        if task is None:
            rows = self._query(f"SELECT {_COLUMNS} FROM {SCHEMA}.events WHERE seq > %s "
                               "ORDER BY seq", (after,))
        else:
            rows = self._query(f"SELECT {_COLUMNS} FROM {SCHEMA}.events WHERE task = %s AND "
                               "seq > %s ORDER BY seq", (encode_task(task), after))
        return [_event(row) for row in rows]

    def tasks(self) -> set:
        return {decode_task(r[0]) for r in self._query(
            f"SELECT DISTINCT task FROM {SCHEMA}.events")}

    def config_hashes(self) -> set[str]:
        rows = self._query(f"SELECT hash FROM {SCHEMA}.configs UNION "
                           f"SELECT DISTINCT config_hash FROM {SCHEMA}.events")
        return {r[0] for r in rows if r[0]}

    def config_xml(self, chash: str) -> str | None:
        rows = self._query(f"SELECT xml FROM {SCHEMA}.configs WHERE hash = %s", (chash,))
        return rows[0][0] if rows else None

    def last_seq(self) -> int:
        return self._query(f"SELECT COALESCE(MAX(seq), 0) FROM {SCHEMA}.events")[0][0]

    def schema_version(self) -> int:
        return self._query(f"SELECT MAX(version) FROM {SCHEMA}.schema_version")[0][0]

    # -- closing ---------------------------------------------------------------------------

    @property
    def closed(self) -> bool:
        return self._closed

    def close(self) -> None:
        with self._lock:
            if not self._closed:
                self._closed = True
                self._finalizer()

    def __enter__(self) -> PostgresStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        state = "closed" if self.closed else ("read-only" if self.readonly else "open")
        return f"<PostgresStore {self.path!r} annotator={self.annotator!r} {state}>"


def _first_line(exc: Exception) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _row(row: tuple) -> tuple:
    return row if len(row) == 10 else (*row, None)


def _event(row: tuple) -> Event:
    seq, task, kind, values, annotator, created_at, lead_time, origin, meta, chash, data = row
    fields = {f.name for f in dataclasses.fields(Event)}
    extra = {"data": json.loads(data) if data else None} if "data" in fields else {}
    return Event(task=decode_task(task), kind=kind, values=json.loads(values),
                 annotator=annotator, created_at=created_at, lead_time=lead_time,
                 origin=origin, meta=json.loads(meta), config_hash=chash, seq=seq, **extra)


def _close(conn) -> None:
    if conn is not None:
        with contextlib.suppress(Exception):
            conn.close()


def _connection_problem(where: str, exc: Exception) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    if "password authentication failed" in text or "authentication" in text:
        return f"cannot open the store {where}: the server refused the user name or password"
    if "does not exist" in text and "database" in text:
        return f"cannot open the store {where}: {text} (create it first: createdb)"
    if "Connection refused" in text or "could not connect" in text or "timeout" in text:
        return (f"cannot open the store {where}: no PostgreSQL server answers there "
                f"({text}); is it running, and are host and port right?")
    return f"cannot open the store {where}: {text}"


__all__ = ["PostgresStore", "describe_url"]
