"""Durable, append-only annotation journal in one SQLite file (standard library ``sqlite3``).

Every submit, skip and undo is one row of the ``events`` table; rows are never updated or deleted
(triggers refuse it). The current value of a task is its latest row (highest ``seq``).

Durability: ``append()`` returns only after the transaction holding the row is committed with
``journal_mode=WAL`` and ``synchronous=FULL``, i.e. after the write-ahead log has been fsynced.

Concurrency policy (two kernels on one store never silently overwrite each other):

* Several processes may append to one store at the same time. Each append is its own
  ``BEGIN IMMEDIATE`` transaction (SQLite serialises writers; readers are never blocked in WAL
  mode), each row records its annotator, and ``seq`` gives a single total order: the latest row
  per task wins. No row is ever lost or replaced.
* One live process per annotator name: opening a store for writing registers a session row
  (annotator, hostname, pid, process start time). A second *live* process opening the same store
  under the same annotator name (``None`` counts as a name) gets :class:`StoreLockedError` naming
  that process. Sessions of dead processes on this host (pid gone, zombie, or pid reused by a
  newer process) are stale and are taken over silently; ``force=True`` takes over any session.
  The same process may reopen its own store (re-running a notebook cell).
* Optimistic check per task: ``append(event, expected_seq=n)`` raises :class:`ConflictError`
  when the task's latest row is no longer ``n`` (someone else wrote the task since the caller
  read it); ``expected_seq=0`` means "the task must have no rows yet".

Like every SQLite WAL database, a store must live on a local file system: processes on several
machines sharing it over NFS/SMB are not supported (a server database is the team store).
Bulk writes (importing predictions) should use ``append_many``: one transaction, one fsync, and
no long run of back-to-back transactions that makes other writers wait.

Nothing here imports Jupyter; the module only needs the standard library. What an event is and
how it is encoded: store/events.py; the schema and its migrations: store/schema.py; process
liveness: store/sessions.py; DataFrame views (``load``, ``load_history``): store/load.py.

About 650 lines, one class kept whole: its connection, transaction and session rules (who may
write, when a write is durable) are read together.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import math
import os
import socket
import sqlite3
import threading
import time
import weakref
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from .events import (
    KINDS,
    ORIGINS,
    ConflictError,
    Event,
    NotAStoreError,
    SchemaVersionError,
    StoreError,
    StoreLockedError,
    _dumps,
    _encode_meta,
    _encode_values,
    _normalize_created_at,
    config_hash,
    decode_task,
    encode_task,
    utc_now,
)
from .schema import (
    _MIGRATIONS,
    _SCHEMA_V1,
    APPLICATION_ID,
    READABLE_FROM,
    SCHEMA_VERSION,
    _split_sql,
)
from .sessions import _pid_alive, _proc_start

_config_hash = config_hash  # SQLiteStore.__init__ has a parameter of the same name

__all__ = [
    "KINDS",
    "ORIGINS",
    "SCHEMA_VERSION",
    "ConflictError",
    "Event",
    "NotAStoreError",
    "SQLiteStore",
    "SchemaVersionError",
    "StoreError",
    "StoreLockedError",
    "config_hash",
    "decode_task",
    "encode_task",
    "utc_now",
]

#: How long a writer waits for another process's write transaction before giving up (seconds).
#: Appends are single-row transactions, so real waits are milliseconds.
BUSY_TIMEOUT = 30.0


# --------------------------------------------------------------------------------------------
# the store


def _row_to_event(row: tuple) -> Event:
    seq, task, kind, values, annotator, created_at, lead_time, origin, meta, chash, data = row
    return Event(
        task=decode_task(task),
        kind=kind,
        values=json.loads(values),
        annotator=annotator,
        created_at=created_at,
        lead_time=lead_time,
        origin=origin,
        meta=json.loads(meta),
        config_hash=chash,
        seq=seq,
        data=json.loads(data) if data else None,
    )


_EVENT_COLUMNS = (
    'seq, task, kind, "values", annotator, created_at, lead_time, origin, meta, config_hash, '
    "data"
)
# A version 1 store opened read-only has no data column: read it as NULL.
_EVENT_COLUMNS_V1 = _EVENT_COLUMNS.replace(", data", ", NULL")

_ALL = object()


def _close_connection(conn: sqlite3.Connection, session_id: int | None) -> None:
    """Release the session row and close; also run by the finalizer of a forgotten store."""
    try:
        if session_id is not None:
            conn.execute("BEGIN IMMEDIATE")  # waits for other writers (busy timeout)
            conn.execute("DELETE FROM sessions WHERE id = ?", (session_id,))
            conn.execute("COMMIT")
    except sqlite3.Error:
        pass  # the row stays; it is detected as stale once this process has ended
    finally:
        with contextlib.suppress(sqlite3.Error):
            conn.close()


class SQLiteStore:
    """Append-only journal of annotation events in one SQLite file.

    ``SQLiteStore(path, annotator="alice", config_hash=..., config_xml=...)`` creates the file if
    needed (its parent directory must exist), migrates an older schema, and registers this
    process as the writer for ``annotator`` (see the module docstring for the policy).
    ``readonly=True`` opens an existing store for reading only, without a session.
    """

    def __init__(
        self,
        path: str | os.PathLike,
        *,
        annotator: str | None = None,
        config_hash: str = "",
        config_xml: str | None = None,
        readonly: bool = False,
        force: bool = False,
    ) -> None:
        self.path = Path(path)
        self.annotator = annotator
        self.readonly = readonly
        if annotator is not None and not isinstance(annotator, str):
            raise TypeError(f"annotator must be a str or None, not {annotator!r}")
        if config_xml is not None:
            computed = _config_hash(config_xml)
            if config_hash and config_hash != computed:
                raise ValueError(
                    f"config_hash={config_hash!r} does not match config_xml (its hash is "
                    f"{computed!r}); pass only config_xml"
                )
            config_hash = computed
        self.config_hash = config_hash
        self._lock = threading.RLock()
        self._session_id: int | None = None
        self._conn = self._connect()
        self._finalizer = weakref.finalize(self, _close_connection, self._conn, None)
        try:
            self._open_schema()
            if not readonly:
                if self.config_hash:
                    self._register_config(self.config_hash, config_xml)
                self._session_id = self._acquire_session(force)
                self._finalizer.detach()
                self._finalizer = weakref.finalize(
                    self, _close_connection, self._conn, self._session_id
                )
        except BaseException:
            self._finalizer()
            raise

    # -- opening ---------------------------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        where = str(self.path)
        if self.path.is_dir():
            raise NotAStoreError(f"{where} is a directory, not a labelwidget store file")
        if self.readonly:
            if not self.path.exists():
                raise FileNotFoundError(f"no labelwidget store at {where}")
            # mode=rw (never creates the file) + query_only: as the last connection to close, it
            # can still clean up the -wal/-shm files; mode=ro only where the file is read-only.
            mode = "rw" if os.access(self.path, os.W_OK) else "ro"
            target, uri = self.path.resolve().as_uri() + f"?mode={mode}", True
        else:
            if not self.path.parent.is_dir():
                raise FileNotFoundError(
                    f"cannot create the labelwidget store {where}: the directory "
                    f"{self.path.parent} does not exist"
                )
            if self.path.exists() and not os.access(self.path, os.W_OK):
                raise PermissionError(
                    f"the labelwidget store {where} is not writable; to read it, use "
                    "load() or readonly=True"
                )
            target, uri = where, False
        try:
            # isolation_level=None: we issue BEGIN/COMMIT ourselves, so nothing is left
            # uncommitted behind our back. check_same_thread=False + self._lock: a widget
            # callback may run on another thread than the one that opened the store.
            conn = sqlite3.connect(
                target,
                uri=uri,
                timeout=BUSY_TIMEOUT,
                isolation_level=None,
                check_same_thread=False,
            )
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open the labelwidget store {where}: {exc}") from exc
        if self.readonly:
            conn.execute("PRAGMA query_only=ON")
        return conn

    def _inspect(self) -> tuple[int, set[str]]:
        """(application_id, table names), read from one snapshot of the file."""
        # One read transaction: without it another process may create the schema between the
        # two reads, and we would see its tables but not yet its application_id.
        own_transaction = not self._conn.in_transaction
        try:
            if own_transaction:
                self._conn.execute("BEGIN")
            try:
                app_id = self._conn.execute("PRAGMA application_id").fetchone()[0]
                tables = {
                    row[0]
                    for row in self._conn.execute(
                        "SELECT name FROM sqlite_master WHERE type='table'"
                    )
                }
            finally:
                if own_transaction and self._conn.in_transaction:
                    self._conn.execute("COMMIT")
        except sqlite3.DatabaseError as exc:
            raise NotAStoreError(
                f"{self.path} is not a labelwidget store: it is not an SQLite database ({exc})"
            ) from None
        return app_id, tables

    def _not_ours(self, tables: set[str], app_id: int) -> NotAStoreError:
        what = f"tables: {', '.join(sorted(tables))}" if tables else f"application_id={app_id}"
        return NotAStoreError(
            f"{self.path} is not a labelwidget store: it is an SQLite database of something "
            f"else ({what}); choose another path"
        )

    def _open_schema(self) -> None:
        app_id, tables = self._inspect()
        fresh = app_id == 0 and not tables
        if not fresh and app_id != APPLICATION_ID:
            raise self._not_ours(tables, app_id)
        if fresh and self.readonly:
            raise NotAStoreError(f"{self.path} is not a labelwidget store: it is empty")
        if fresh:
            self._ensure_wal()
            self._create()
        else:
            self._check_version(migrate=not self.readonly)  # refuses newer stores untouched
            if not self.readonly:
                self._ensure_wal()
        # synchronous=FULL: in WAL mode, NORMAL already survives a crash of the process (a
        # SIGKILLed kernel), but may lose the last commits on power loss or an OS crash because
        # the log is fsynced only at checkpoints. FULL fsyncs the log at every commit, so each
        # submit the UI reports as saved is on disk. Costs one fsync per submit: milliseconds,
        # nothing at human labeling speed. fullfsync: macOS's fsync does not flush the drive.
        self._conn.execute("PRAGMA synchronous=FULL")
        self._conn.execute("PRAGMA fullfsync=ON")
        has_data = any(row[1] == "data" for row in
                       self._conn.execute("PRAGMA table_info(events)"))
        self._columns = _EVENT_COLUMNS if has_data else _EVENT_COLUMNS_V1

    def _ensure_wal(self) -> None:
        # WAL: appends from several processes do not block readers, and a commit is one
        # sequential write to the log. The mode is persistent in the file, so this only writes
        # once. Switching needs a moment alone with the file and SQLite reports "locked" at
        # once instead of waiting, so retry while other processes open the same new store.
        deadline = time.monotonic() + BUSY_TIMEOUT
        while True:
            try:
                mode = self._conn.execute("PRAGMA journal_mode").fetchone()[0]
                if mode.lower() == "wal":
                    return
                mode = self._conn.execute("PRAGMA journal_mode=WAL").fetchone()[0]
                if mode.lower() == "wal":
                    return
                raise StoreError(
                    f"cannot put the store {self.path} in WAL mode (SQLite kept {mode!r}); "
                    "is it on a network or read-only file system?"
                )
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise StoreError(
                        f"cannot put the store {self.path} in WAL mode: {exc}"
                    ) from exc
                time.sleep(0.01)

    def _create(self) -> None:
        with self._write():
            # Re-check inside the write lock: another process may have created it meanwhile.
            app_id, tables = self._inspect()
            if app_id == APPLICATION_ID:
                return
            if app_id != 0 or tables:
                raise self._not_ours(tables, app_id)
            for statement in _split_sql(_SCHEMA_V1):
                self._conn.execute(statement)
            self._conn.execute(
                "INSERT INTO schema_version (version, applied_at) VALUES (?, ?)",
                (1, utc_now()),
            )
            for version in range(2, SCHEMA_VERSION + 1):
                self._apply_migration(version)
            self._conn.execute(f"PRAGMA application_id={APPLICATION_ID}")

    def _read_version(self) -> int:
        try:
            row = self._conn.execute("SELECT MAX(version) FROM schema_version").fetchone()
        except sqlite3.DatabaseError as exc:
            raise SchemaVersionError(
                f"{self.path} is a labelwidget store without a readable schema version ({exc})"
            ) from None
        if row is None or not isinstance(row[0], int):
            raise SchemaVersionError(
                f"{self.path} is a labelwidget store without a readable schema version"
            )
        return row[0]

    def _check_version(self, *, migrate: bool) -> None:
        version = self._read_version()
        if version > SCHEMA_VERSION:
            raise SchemaVersionError(
                f"{self.path} was written by a newer labelwidget (store schema version "
                f"{version}; this labelwidget reads versions up to {SCHEMA_VERSION}). "
                "Upgrade labelwidget to open it; the file was not modified."
            )
        if version < SCHEMA_VERSION:
            if not migrate and version >= READABLE_FROM:
                return  # read as it is; the missing columns read as NULL
            if not migrate:
                raise SchemaVersionError(
                    f"{self.path} has the older store schema version {version}; open it once "
                    f"for writing to migrate it to version {SCHEMA_VERSION}"
                )
            with self._write():
                current = self._read_version()  # another process may have migrated it
                for step in range(current + 1, SCHEMA_VERSION + 1):
                    self._apply_migration(step)

    def _apply_migration(self, version: int) -> None:
        for statement in _split_sql(_MIGRATIONS[version]):
            self._conn.execute(statement)
        self._conn.execute(
            "INSERT INTO schema_version (version, applied_at) VALUES (?, ?)",
            (version, utc_now()),
        )

    def _register_config(self, chash: str, xml: str | None) -> None:
        with self._write():
            self._conn.execute(
                "INSERT OR IGNORE INTO configs (hash, xml, first_seen) VALUES (?, ?, ?)",
                (chash, xml, utc_now()),
            )
            if xml is not None:
                self._conn.execute(
                    "UPDATE configs SET xml = ? WHERE hash = ? AND xml IS NULL", (xml, chash)
                )

    def _acquire_session(self, force: bool) -> int:
        host, pid = socket.gethostname(), os.getpid()
        start = _proc_start(pid)
        with self._write("registering this session"):
            rows = self._conn.execute(
                "SELECT id, hostname, pid, proc_start, opened_at FROM sessions "
                "WHERE annotator IS ?",
                (self.annotator,),
            ).fetchall()
            for sid, other_host, other_pid, other_start, opened_at in rows:
                if other_host == host and other_pid == pid and other_start == start:
                    continue  # this very process reopened the store (a re-run notebook cell)
                stale = other_host == host and not _pid_alive(other_pid, other_start)
                if not (stale or force):
                    who = "no annotator name" if self.annotator is None else (
                        f"annotator={self.annotator!r}"
                    )
                    raise StoreLockedError(
                        f"{self.path} is already open with {who} in another process (pid "
                        f"{other_pid} on host {other_host!r}, since {opened_at}). Close it "
                        "there (or stop that kernel), or open the store under another "
                        "annotator name; if that process is gone, pass force=True."
                    )
                self._conn.execute("DELETE FROM sessions WHERE id = ?", (sid,))
            cur = self._conn.execute(
                "INSERT INTO sessions (annotator, hostname, pid, proc_start, opened_at) "
                "VALUES (?, ?, ?, ?, ?)",
                (self.annotator, host, pid, start, utc_now()),
            )
            return cur.lastrowid

    @contextlib.contextmanager
    def _write(self, doing: str = "writing"):
        """One write transaction: BEGIN IMMEDIATE (waits for other writers) ... COMMIT.

        SQLite errors (disk full, I/O error, locked for longer than BUSY_TIMEOUT) come out as
        StoreError naming the store and what was being done; nothing of the transaction stays.
        """
        with self._lock:
            try:
                self._conn.execute("BEGIN IMMEDIATE")
                try:
                    yield
                    self._conn.execute("COMMIT")
                except BaseException:
                    if self._conn.in_transaction:
                        with contextlib.suppress(sqlite3.Error):
                            self._conn.execute("ROLLBACK")
                    raise
            except sqlite3.Error as exc:
                raise StoreError(f"{doing} in the store {self.path} failed: {exc}") from exc

    def _check_open(self) -> None:
        if not self._finalizer.alive:
            raise StoreError(f"the store {self.path} is closed")

    # -- writing ---------------------------------------------------------------------------

    def append(self, event: Event, *, expected_seq: int | None = None) -> Event:
        """Append ``event``; return it as stored (normalized values, times filled, ``seq`` set).

        The row is committed and the log fsynced before this returns. ``expected_seq``: when
        given, the task's latest row must have this ``seq`` (``0``: the task has no rows), else
        :class:`ConflictError` is raised and nothing is written.
        """
        self._check_open()
        if self.readonly:
            raise StoreError(f"the store {self.path} was opened read-only")
        stored, row = self._prepare(event)
        with self._write(f"saving task {stored.task!r}"):
            if expected_seq is not None:
                self._check_expected(stored.task, row[0], expected_seq)
            seq = self._insert(row)
            stored = dataclasses.replace(stored, seq=seq)
            self._settle([stored])
        return stored

    def _prepare(self, event: Event) -> tuple[Event, tuple]:
        """Validate and normalize an event: (event as it will be stored, row to insert)."""
        if not isinstance(event, Event):
            raise TypeError(f"append() takes an Event, not {type(event).__name__}")
        if event.seq is not None:
            raise ValueError(
                f"task {event.task!r}: event already has seq={event.seq}; the store assigns seq"
            )
        task_json = encode_task(event.task)
        task = decode_task(task_json)
        if event.kind not in KINDS:
            raise ValueError(f"task {task!r}: kind={event.kind!r}, expected one of {KINDS}")
        if event.origin not in ORIGINS:
            raise ValueError(f"task {task!r}: origin={event.origin!r}, expected one of {ORIGINS}")
        values, values_json = _encode_values(event.values, task)
        meta, meta_json = _encode_meta(event.meta, task)
        annotator = event.annotator if event.annotator is not None else self.annotator
        if annotator is not None and not isinstance(annotator, str):
            raise ValueError(f"task {task!r}: annotator must be a str, not {annotator!r}")
        lead_time = event.lead_time
        if lead_time is not None:
            try:
                lead_time = float(lead_time)
            except (TypeError, ValueError):
                raise ValueError(
                    f"task {task!r}: lead_time must be seconds (a number), not {lead_time!r}"
                ) from None
            if not math.isfinite(lead_time) or lead_time < 0:
                raise ValueError(f"task {task!r}: lead_time={lead_time!r} is not a duration")
        created_at = _normalize_created_at(event.created_at)
        chash = event.config_hash or self.config_hash
        data = None
        if event.data is not None:
            if not isinstance(event.data, Mapping) or not all(
                    isinstance(k, str) and isinstance(v, str) for k, v in event.data.items()):
                raise ValueError(f"task {task!r}: data must be a dict {{column: digest}}, "
                                 f"not {event.data!r}")
            data = dict(event.data)
        stored = dataclasses.replace(
            event,
            data=data,
            task=task,
            values=values,
            annotator=annotator,
            created_at=created_at,
            lead_time=lead_time,
            meta=meta,
            config_hash=chash,
        )
        row = (task_json, stored.kind, values_json, annotator, created_at, lead_time,
               stored.origin, meta_json, chash, None if data is None else _dumps(data))
        return stored, row

    def _check_expected(self, task: Any, task_json: str, expected_seq: int) -> None:
        latest = self._conn.execute(
            "SELECT COALESCE(MAX(seq), 0) FROM events WHERE task = ?", (task_json,)
        ).fetchone()[0]
        if latest != expected_seq:
            other = self._conn.execute(
                "SELECT annotator, created_at FROM events WHERE seq = ?", (latest,)
            ).fetchone()
            by = f" by {other[0]!r} at {other[1]}" if other else ""
            raise ConflictError(
                f"task {task!r} changed since it was read: its latest row is seq "
                f"{latest}{by}, expected seq {expected_seq}; nothing was written"
            )

    def _insert(self, row: tuple) -> int:
        cur = self._conn.execute(
            "INSERT INTO events (task, kind, \"values\", annotator, created_at, lead_time, "
            "origin, meta, config_hash, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            row,
        )
        return cur.lastrowid

    def append_many(self, events: Iterable[Event]) -> list[Event]:
        """Append several events in one transaction (all or none); return them as stored.

        For bulk writes such as importing predictions: one fsync instead of one per event, and
        other processes' appends wait for one transaction instead of competing with thousands.
        """
        self._check_open()
        if self.readonly:
            raise StoreError(f"the store {self.path} was opened read-only")
        prepared = [self._prepare(event) for event in events]
        stored = []
        with self._write(f"saving {len(prepared)} events"):
            for event, row in prepared:
                seq = self._insert(row)
                stored.append(dataclasses.replace(event, seq=seq))
            self._settle(stored)
        return stored

    # -- task distribution (see labelwidget.store.claims) ------------------------------------

    #: Seconds an open claim lasts without activity (Annotator(lease=...) sets it).
    lease = 300.0

    def _settle(self, stored: list[Event]) -> None:
        from . import claims

        if self._has_claims():
            claims.settle(self._conn, "", stored, "?", self.lease)

    def _has_claims(self) -> bool:
        if getattr(self, "_claims_table", None) is None:
            self._claims_table = bool(self._conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'claims'"
            ).fetchone())
        return self._claims_table

    def register_tasks(self, tasks: Iterable[Any]) -> None:
        """Share these tasks (in queue order) out among the annotators; idempotent."""
        from . import claims

        keys = [encode_task(t) for t in tasks]
        with self._write("registering the tasks"):
            claims.register(self._conn, "", keys, "?")

    def claim(self, window: int, overlap: int, lease: float) -> list:
        """Renew this annotator's claims and top them up to ``window`` open tasks; return the
        open ones in queue order (:func:`labelwidget.store.claims.claim`)."""
        from . import claims

        with self._write("claiming tasks"):
            got = claims.claim(self._conn, "", self.annotator, window, overlap, lease, "?")
        return [decode_task(k) for k in got]

    def claims(self) -> dict:
        """``{task: state}`` of this annotator's claims (open, submitted, skipped)."""
        from . import claims

        with self._lock:
            got = claims.mine(self._conn, "", self.annotator, "?")
        return {decode_task(k): v for k, v in got.items()}

    def progress(self, overlap: int, lease: float):
        """Team progress (:class:`labelwidget.store.claims.Progress`)."""
        from . import claims

        with self._lock:
            return claims.progress(self._conn, "", self.annotator, overlap, lease, "?")

    # -- reading ---------------------------------------------------------------------------

    def _query(self, sql: str, params: Iterable = ()) -> list[tuple]:
        self._check_open()
        with self._lock:
            try:
                return self._conn.execute(sql, tuple(params)).fetchall()
            except sqlite3.Error as exc:
                raise StoreError(f"reading the store {self.path} failed: {exc}") from exc

    def latest(self) -> dict:
        """``{task: Event}``: the latest row of every task (skip and undo rows as they are)."""
        rows = self._query(
            f"SELECT {self._columns} FROM events WHERE seq IN "
            "(SELECT MAX(seq) FROM events GROUP BY task) ORDER BY seq"
        )
        return {event.task: event for event in map(_row_to_event, rows)}

    def history(self, task: Any = _ALL, *, after: int = 0) -> list[Event]:
        """Events in ``seq`` order: all of them, or those of one task; only ``seq > after``.

        ``after`` lets a process pick up rows appended by others since the last ``seq`` it saw.
        """
        if task is _ALL or task is None:
            rows = self._query(
                f"SELECT {self._columns} FROM events WHERE seq > ? ORDER BY seq", (after,)
            )
        else:
            rows = self._query(
                f"SELECT {self._columns} FROM events WHERE task = ? AND seq > ? ORDER BY seq",
                (encode_task(task), after),
            )
        return [_row_to_event(row) for row in rows]

    def tasks(self) -> set:
        """Every task label that has at least one row."""
        return {decode_task(row[0]) for row in self._query("SELECT DISTINCT task FROM events")}

    def config_hashes(self) -> set[str]:
        """Hashes of every config this store was opened with or has rows for."""
        rows = self._query(
            "SELECT hash FROM configs UNION SELECT DISTINCT config_hash FROM events"
        )
        return {row[0] for row in rows if row[0]}

    def config_xml(self, chash: str) -> str | None:
        """The XML text recorded for a config hash, if it was given when opening."""
        row = self._query("SELECT xml FROM configs WHERE hash = ?", (chash,))
        return row[0][0] if row else None

    def last_seq(self) -> int:
        """The highest ``seq`` in the store (0 when empty)."""
        return self._query("SELECT COALESCE(MAX(seq), 0) FROM events")[0][0]

    def schema_version(self) -> int:
        with self._lock:
            self._check_open()
            return self._read_version()

    # -- closing ---------------------------------------------------------------------------

    @property
    def closed(self) -> bool:
        return not self._finalizer.alive

    def close(self) -> None:
        """Release this process's session and close the file. Safe to call twice."""
        with self._lock:
            self._finalizer()

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        state = "closed" if self.closed else ("read-only" if self.readonly else "open")
        return f"<SQLiteStore {str(self.path)!r} annotator={self.annotator!r} {state}>"


