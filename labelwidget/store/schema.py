"""The SQLite store's on-disk layout: the schema, its version, the migrations that bring an older
store up to date, and how a schema script is cut into statements."""

from __future__ import annotations

import re
import sqlite3

#: Version of the on-disk layout written by this code. Bump it and add a step to ``_MIGRATIONS``
#: whenever the schema changes; older stores are migrated on open, newer ones are refused.
SCHEMA_VERSION = 3

#: ``PRAGMA application_id`` of a labelwidget store: ASCII "LBLW". Lets us tell our files apart
#: from any other SQLite database without guessing from table names.
APPLICATION_ID = 0x4C424C57

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
