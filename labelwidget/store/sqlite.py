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

Nothing here imports Jupyter; the module only needs the standard library (and pandas for
:func:`load`).
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import math
import os
import re
import socket
import sqlite3
import sys
import threading
import time
import weakref
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

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
    "load",
    "load_history",
    "utc_now",
]

#: Version of the on-disk layout written by this code. Bump it and add a step to ``_MIGRATIONS``
#: whenever the schema changes; older stores are migrated on open, newer ones are refused.
SCHEMA_VERSION = 3

#: ``PRAGMA application_id`` of a labelwidget store: ASCII "LBLW". Lets us tell our files apart
#: from any other SQLite database without guessing from table names.
APPLICATION_ID = 0x4C424C57

KINDS = ("submit", "skip", "undo")
# "review": ground truth written by a reviewer (labelwidget.team.review).
ORIGINS = ("manual", "prediction", "prediction-changed", "review")

#: How long a writer waits for another process's write transaction before giving up (seconds).
#: Appends are single-row transactions, so real waits are milliseconds.
BUSY_TIMEOUT = 30.0


# --------------------------------------------------------------------------------------------
# errors


class StoreError(Exception):
    """Base class of every error raised by the store."""


class NotAStoreError(StoreError):
    """The path exists but is not a labelwidget store."""


class SchemaVersionError(StoreError):
    """The store was written by a newer labelwidget (or has an unreadable schema version)."""


class StoreLockedError(StoreError):
    """Another live process holds the store open under the same annotator name."""


class ConflictError(StoreError):
    """``append(..., expected_seq=n)`` found that the task's latest row is no longer ``n``."""


# --------------------------------------------------------------------------------------------
# events


@dataclass(frozen=True)
class Event:
    """One row of append-only history.

    ``task`` is the DataFrame index label. ``values`` maps control names to plain JSON cell
    values; for ``kind="undo"`` it holds the values restored. ``data`` is the fingerprint of the
    task's data cells the annotation was made on (``{column: digest}``, see
    :mod:`labelwidget.store.fingerprint`); None for events written before schema version 2.
    Fields left at their defaults (``annotator=None``, ``created_at=""``, ``config_hash=""``)
    are filled in by :meth:`SQLiteStore.append` from the store; ``seq`` is assigned by the store.
    """

    task: Any
    kind: str
    values: dict = field(default_factory=dict)
    annotator: str | None = None
    created_at: str = ""
    lead_time: float | None = None
    origin: str = "manual"
    meta: dict = field(default_factory=dict)
    config_hash: str = ""
    seq: int | None = None
    data: dict | None = None


def utc_now() -> str:
    """Current time as ISO-8601 UTC with microseconds, e.g. ``2024-05-01T12:00:00.123456Z``."""
    return _format_utc(datetime.now(timezone.utc))


def _format_utc(dt: datetime) -> str:
    return dt.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _normalize_created_at(value: Any) -> str:
    if value is None or value == "":
        return utc_now()
    if isinstance(value, datetime):
        dt = value
    elif isinstance(value, str):
        text = value.strip()
        if text.endswith(("Z", "z")):  # Python 3.10's fromisoformat does not accept "Z"
            text = text[:-1] + "+00:00"
        try:
            dt = datetime.fromisoformat(text)
        except ValueError:
            raise ValueError(
                f"created_at={value!r} is not an ISO-8601 time (e.g. 2024-05-01T12:00:00Z)"
            ) from None
    else:
        raise ValueError(f"created_at must be an ISO-8601 string or a datetime, not {value!r}")
    if dt.tzinfo is None or dt.utcoffset() is None:
        raise ValueError(
            f"created_at={value!r} has no time zone; give UTC (suffix 'Z' or '+00:00')"
        )
    return _format_utc(dt)


# --------------------------------------------------------------------------------------------
# JSON encoding of task labels and values

_JSON_TYPES = "str, int, float, bool, None, list, dict with str keys"


def _plain(value: Any, where: str, *, nan_is_none: bool) -> Any:
    """Return ``value`` as plain JSON data (numpy/pandas scalars unwrapped), or raise ValueError."""
    if value is None or type(value) in (str, bool):
        return value
    if isinstance(value, str):  # str subclasses, e.g. numpy.str_
        return str(value)
    if isinstance(value, bool):
        return bool(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        if math.isnan(value):
            if nan_is_none:
                return None
            raise ValueError(f"{where} is NaN, which is not a JSON value")
        if math.isinf(value):
            raise ValueError(f"{where} is {value!r}, which is not a JSON value")
        return float(value)
    if isinstance(value, Mapping):
        out = {}
        for key, item in value.items():
            if not isinstance(key, str):
                raise ValueError(
                    f"{where} has the key {key!r} ({type(key).__name__}); JSON object keys must "
                    "be str"
                )
            out[str(key)] = _plain(item, f"{where}[{key!r}]", nan_is_none=nan_is_none)
        return out
    if isinstance(value, (list, tuple)):
        return [
            _plain(item, f"{where}[{i}]", nan_is_none=nan_is_none) for i, item in enumerate(value)
        ]
    # numpy / pandas, without importing them: numpy scalars and arrays, pandas.NA
    module = type(value).__module__.split(".")[0]
    if module == "numpy" and hasattr(value, "tolist"):  # np.generic and np.ndarray
        return _plain(value.tolist(), where, nan_is_none=nan_is_none)
    if module == "pandas" and type(value).__name__ == "NAType":
        if nan_is_none:
            return None
        raise ValueError(f"{where} is pandas.NA, which is not a JSON value")
    raise ValueError(
        f"{where} is a {type(value).__module__}.{type(value).__qualname__} ({value!r}), not a "
        f"plain JSON value ({_JSON_TYPES})"
    )


def _dumps(data: Any) -> str:
    # ensure_ascii: lone surrogates and other odd code points survive the UTF-8 round trip
    return json.dumps(data, ensure_ascii=True, allow_nan=False, separators=(",", ":"))


def encode_task(task: Any) -> str:
    """Canonical JSON text of a task label; raises ValueError naming the label if impossible.

    int 3 -> ``3``, "a" -> ``"a"``, numpy.int64(3) -> ``3``, a tuple (MultiIndex) -> JSON array.
    """
    if task is None:
        raise ValueError("task label None cannot be stored: a task id must not be missing")
    problem = None
    if isinstance(task, (list, dict, set, frozenset)):
        problem = f"a {type(task).__name__} is not an index label"
    else:
        try:
            plain = _plain(task, "it", nan_is_none=False)
        except ValueError as exc:
            problem = str(exc).split(" (")[0]
    if problem is not None:
        raise ValueError(
            f"task label {task!r} cannot be stored: {problem}. Task labels (the DataFrame "
            "index) are stored as JSON: use str, int, float, bool or a tuple of them"
        )
    return _dumps(plain)


def _tuplify(data: Any) -> Any:
    if isinstance(data, list):
        return tuple(_tuplify(item) for item in data)
    return data


def decode_task(text: str) -> Any:
    """Inverse of :func:`encode_task` (JSON arrays come back as tuples, i.e. MultiIndex keys)."""
    return _tuplify(json.loads(text))


def _encode_values(values: Any, task: Any) -> tuple[dict, str]:
    if not isinstance(values, Mapping):
        raise ValueError(f"task {task!r}: values must be a dict {{control name: value}}, "
                         f"not {type(values).__name__}")
    plain = {}
    for name, value in values.items():
        if not isinstance(name, str):
            raise ValueError(f"task {task!r}: control names must be str, not {name!r}")
        plain[name] = _plain(value, f"task {task!r}: control {name!r}: value", nan_is_none=True)
    return plain, _dumps(plain)


def _encode_meta(meta: Any, task: Any) -> tuple[dict, str]:
    if meta is None:
        meta = {}
    if not isinstance(meta, Mapping):
        raise ValueError(f"task {task!r}: meta must be a dict, not {type(meta).__name__}")
    plain = _plain(meta, f"task {task!r}: meta", nan_is_none=True)
    return plain, _dumps(plain)


# --------------------------------------------------------------------------------------------
# config hash


def config_hash(xml: str) -> str:
    """Stable sha256 (hex) of a labeling config, insensitive to formatting.

    The XML is put in canonical form (C14N 2.0: attribute order, quoting, comments and
    whitespace-only text do not matter; text is stripped). Text that does not parse as XML, or
    that declares a DTD (never expanded here), is hashed with whitespace runs collapsed and
    whitespace between tags removed.
    """
    if not isinstance(xml, str):
        raise TypeError(f"config_hash() takes the config XML as str, not {type(xml).__name__}")
    text = xml.strip()
    canonical: str | None = None
    if "<!DOCTYPE" not in text.upper() and "<!ENTITY" not in text.upper():
        try:
            canonical = ET.canonicalize(xml_data=text, strip_text=True)
        except ET.ParseError:
            canonical = None
    if canonical is None:
        canonical = re.sub(r">\s+<", "><", " ".join(text.split()))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


_config_hash = config_hash  # SQLiteStore.__init__ has a parameter of the same name


# --------------------------------------------------------------------------------------------
# schema

_SCHEMA_V1 = """
CREATE TABLE schema_version (
    version     INTEGER NOT NULL PRIMARY KEY,
    applied_at  TEXT NOT NULL
);
CREATE TABLE configs (
    hash        TEXT NOT NULL PRIMARY KEY,
    xml         TEXT,
    first_seen  TEXT NOT NULL
);
CREATE TABLE events (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,  -- never reused, even after a crash
    task        TEXT NOT NULL,                      -- JSON text of the DataFrame index label
    kind        TEXT NOT NULL,                      -- submit | skip | undo
    "values"    TEXT NOT NULL,                      -- JSON object {control name: cell}
    annotator   TEXT,
    created_at  TEXT NOT NULL,                      -- ISO-8601 UTC
    lead_time   REAL,                               -- seconds
    origin      TEXT NOT NULL,                      -- manual | prediction | prediction-changed
    meta        TEXT NOT NULL,                      -- JSON object, extra provenance
    config_hash TEXT NOT NULL
);
CREATE INDEX events_task_seq ON events (task, seq);
CREATE TRIGGER events_no_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'labelwidget events are append-only'); END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'labelwidget events are append-only'); END;
CREATE TABLE sessions (                             -- who holds the store open (not history)
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    annotator   TEXT,
    hostname    TEXT NOT NULL,
    pid         INTEGER NOT NULL,
    proc_start  TEXT,                               -- guards against pid reuse (Linux)
    opened_at   TEXT NOT NULL
);
"""

#: ``_MIGRATIONS[v]`` upgrades a store from schema version ``v - 1`` to ``v`` (SQL script).
_MIGRATIONS: dict[int, str] = {
    # 2: what each annotation was made on, so a reopened store never restores it onto another
    # task's data. Rows of version 1 keep NULL (restored by index, as they always were).
    2: """
ALTER TABLE events ADD COLUMN data TEXT;             -- JSON {data column: digest}, or NULL
""",
    # 3: task distribution for teams (labelwidget.store.claims): which tasks are shared out,
    # who holds which (with a lease), who was seen working when. Empty unless overlap is used.
    3: """
CREATE TABLE tasks (
    task        TEXT NOT NULL PRIMARY KEY,          -- JSON text of the DataFrame index label
    position    INTEGER NOT NULL,                   -- queue order
    assigned    INTEGER NOT NULL DEFAULT 0          -- open or submitted claims (<= overlap)
);
CREATE INDEX tasks_position ON tasks (position);
CREATE TABLE claims (
    task        TEXT NOT NULL,
    annotator   TEXT NOT NULL,
    state       TEXT NOT NULL,                      -- open | submitted | skipped
    expires_at  REAL,                               -- unix time; an open claim returns after
    PRIMARY KEY (task, annotator)
);
CREATE INDEX claims_open ON claims (state, expires_at);
CREATE TABLE presence (
    annotator   TEXT NOT NULL PRIMARY KEY,
    seen_at     REAL NOT NULL
);
""",
}

#: Oldest schema version this code reads without migrating it (readonly=True, load()): the
#: layouts since differ only by added nullable columns, read as NULL.
READABLE_FROM = 1


# --------------------------------------------------------------------------------------------
# process liveness (stale session detection)


def _proc_start(pid: int) -> str | None:
    """Start time of ``pid`` in clock ticks since boot (Linux), or None where unknown."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as f:
            stat = f.read()
    except OSError:
        return None
    fields = stat[stat.rfind(")") + 2 :].split()
    return fields[19] if len(fields) > 19 else None  # field 22 of the file


def _pid_alive(pid: int, proc_start: str | None) -> bool:
    """Whether the process that registered a session on this host still runs (when unsure: yes)."""
    if pid <= 0:
        return False
    if os.path.isdir("/proc/self"):
        try:
            with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as f:
                stat = f.read()
        except FileNotFoundError:
            return False
        except OSError:
            return True
        fields = stat[stat.rfind(")") + 2 :].split()
        if fields and fields[0] in ("Z", "X", "x"):  # killed, waiting to be reaped
            return False
        # a different start time: the pid now belongs to another, newer process
        return proc_start is None or len(fields) <= 19 or fields[19] == proc_start
    if sys.platform == "win32":
        return True  # os.kill(pid, 0) would terminate the process on Windows: assume alive
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by someone else
    return True


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


def _split_sql(script: str) -> list[str]:
    """Split a schema script into statements (triggers contain ';' before their END)."""
    statements, current = [], []
    for line in script.splitlines():
        line = re.sub(r"--.*$", "", line).rstrip()
        if not line:
            continue
        current.append(line)
        joined = "\n".join(current)
        if sqlite3.complete_statement(joined):
            statements.append(joined)
            current = []
    if current:
        raise ValueError(f"incomplete SQL statement: {' '.join(current)}")
    return statements


# --------------------------------------------------------------------------------------------
# DataFrame views for training scripts


def _has_value(values: dict) -> bool:
    return any(value is not None for value in values.values())


def load(path: str | os.PathLike, *, include_skipped: bool = False, by: str | None = None,
         columns: Mapping[str, str] | None = None):
    """Current annotations of a store as a pandas DataFrame, without any widget.

    One row per task (index = task label, named ``task``), one ``object`` column per control,
    ``None`` where a control has no value. Columns are named as in the Annotator's DataFrame:
    after the control, except a control named like a data column its config reads, which gets
    ``<name>_label`` (with a ConfigWarning) or the column ``columns={control: column}`` gives.
    A task's row is its latest reviewed annotation (origin ``review``) if it has one; else, when
    several annotators have a current annotation on it, their consensus (per control, the value
    a strict majority gave, otherwise the latest annotator's); else its latest event. A task is
    included when that row is a submit, or an undo that restored at least one value; tasks whose
    latest row is a skip only with ``include_skipped=True``. Rows are in the order tasks were
    first annotated.

    ``by="annotator"``: the long format instead, one row per task and annotator with that
    annotator's current values and who, when, lead time and origin
    (:func:`labelwidget.store.by_annotator.by_annotator`).
    """
    import pandas as pd

    if by is not None:
        if by != "annotator":
            raise ValueError(f'by= takes "annotator" (the long format), not {by!r}')
        from .by_annotator import by_annotator

        return by_annotator(load_history(path))

    from .url import open_store

    with open_store(path, readonly=True) as store:
        latest = store.latest()
        history = store.history()
        # Several annotators on a task: their consensus; a reviewer's ground truth wins.
        from .by_annotator import consensus

        latest.update(consensus(history))
        latest.update({e.task: e for e in history if e.origin == "review"})
        first_seen = {}
        for row in store._query("SELECT task, MIN(seq) FROM events GROUP BY task"):
            first_seen[decode_task(row[0])] = row[1]
        configs = [row[0] for row in store._query(
            "SELECT xml FROM configs WHERE xml IS NOT NULL ORDER BY first_seen DESC")]
    chosen = [
        event
        for event in latest.values()
        if event.kind == "submit"
        or (event.kind == "undo" and _has_value(event.values))
        or (event.kind == "skip" and include_skipped)
    ]
    chosen.sort(key=lambda event: first_seen[event.task])
    names: dict[str, None] = {}
    for event in sorted(chosen, key=lambda event: event.seq):
        names.update(dict.fromkeys(event.values))
    index = pd.Index([event.task for event in chosen], name="task", tupleize_cols=False)
    if chosen and all(isinstance(event.task, tuple) for event in chosen):
        index = pd.MultiIndex.from_tuples([event.task for event in chosen])
    where = _control_columns(configs, columns)
    # Series(list, dtype=object): each list or dict lands as one cell (no broadcasting).
    data = {
        where.get(name, name): pd.Series([event.values.get(name) for event in chosen],
                                         index=index, dtype=object)
        for name in names
    }
    return pd.DataFrame(data, index=index, columns=list(data))


def _control_columns(configs: list[str], columns: Mapping[str, str] | None) -> dict[str, str]:
    """control -> DataFrame column by the newest config of the store that still parses (as the
    Annotator binds it), so load() and the Annotator's DataFrame name columns alike."""
    import warnings

    from ..config import ConfigError, parse_config
    from ..config.columns import resolve_columns

    for xml in configs:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # the Annotator already said what it ignores
                config = parse_config(xml)
        except ConfigError:
            continue
        return resolve_columns(config, columns)
    return dict(columns or {})


def load_history(path: str | os.PathLike):
    """Every event of a store as a long pandas DataFrame (one row per event, ordered by seq).

    Columns: seq, task, kind, annotator, created_at (UTC timestamps), lead_time, origin,
    config_hash, values (dict), meta (dict), data (the fingerprint ``{column: digest}`` of the
    data the event was made on; None before store schema version 2).
    """
    from .url import open_store

    with open_store(path, readonly=True) as store:
        return history_frame(store.history())


def history_frame(events: Iterable[Event]):
    """Events (e.g. ``store.history()`` of a store already open) as :func:`load_history`'s
    DataFrame."""
    import pandas as pd

    records = [
        {
            "seq": event.seq,
            "task": event.task,
            "kind": event.kind,
            "annotator": event.annotator,
            "created_at": event.created_at,
            "lead_time": event.lead_time,
            "origin": event.origin,
            "config_hash": event.config_hash,
            "values": event.values,
            "meta": event.meta,
            "data": event.data,
        }
        for event in events
    ]
    columns = ["seq", "task", "kind", "annotator", "created_at", "lead_time", "origin",
               "config_hash", "values", "meta", "data"]
    frame = pd.DataFrame.from_records(records, columns=columns)
    frame["created_at"] = pd.to_datetime(frame["created_at"], utc=True, format="ISO8601")
    return frame
