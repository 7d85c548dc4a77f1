"""The team store's tables in their own PostgreSQL schema: created by the first opener (two
first openers at once: one creates, the other waits), its version checked on every open, and
indexes added since the first stores made when an older store is opened for writing."""

from __future__ import annotations

import zlib

from .sqlite import SCHEMA_VERSION, NotAStoreError, SchemaVersionError, utc_now

SCHEMA = "labelwidget"

_TABLES = f"""
CREATE SCHEMA IF NOT EXISTS {SCHEMA};
CREATE TABLE IF NOT EXISTS {SCHEMA}.schema_version (
    version     INTEGER PRIMARY KEY,
    applied_at  TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS {SCHEMA}.configs (
    hash        TEXT PRIMARY KEY,
    xml         TEXT,
    first_seen  TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS {SCHEMA}.events (
    seq         BIGSERIAL PRIMARY KEY,
    task        TEXT NOT NULL,
    kind        TEXT NOT NULL,
    "values"    TEXT NOT NULL,
    annotator   TEXT,
    created_at  TEXT NOT NULL,
    lead_time   DOUBLE PRECISION,
    origin      TEXT NOT NULL,
    meta        TEXT NOT NULL,
    config_hash TEXT NOT NULL,
    data        TEXT
);
CREATE INDEX IF NOT EXISTS events_task_seq ON {SCHEMA}.events (task, seq);
CREATE OR REPLACE FUNCTION {SCHEMA}.append_only() RETURNS trigger AS $$
BEGIN RAISE EXCEPTION 'labelwidget events are append-only'; END $$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS events_append_only ON {SCHEMA}.events;
CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON {SCHEMA}.events
    FOR EACH ROW EXECUTE FUNCTION {SCHEMA}.append_only();
CREATE TABLE IF NOT EXISTS {SCHEMA}.tasks (
    task        TEXT PRIMARY KEY,
    position    BIGINT NOT NULL,
    assigned    INTEGER NOT NULL DEFAULT 0    -- open or submitted claims (<= overlap)
);
CREATE INDEX IF NOT EXISTS tasks_position ON {SCHEMA}.tasks (position);
CREATE TABLE IF NOT EXISTS {SCHEMA}.claims (
    task        TEXT NOT NULL,
    annotator   TEXT NOT NULL,
    state       TEXT NOT NULL,                -- open | submitted | skipped
    expires_at  DOUBLE PRECISION,             -- unix time; an open claim returns after it
    PRIMARY KEY (task, annotator)
);
CREATE INDEX IF NOT EXISTS claims_open ON {SCHEMA}.claims (state, expires_at);
CREATE INDEX IF NOT EXISTS claims_mine ON {SCHEMA}.claims (annotator, state);
CREATE INDEX IF NOT EXISTS tasks_free ON {SCHEMA}.tasks (position) WHERE assigned = 0;
CREATE TABLE IF NOT EXISTS {SCHEMA}.presence (
    annotator   TEXT PRIMARY KEY,
    seen_at     DOUBLE PRECISION NOT NULL
);
"""

# Indexes added after the first stores were made (same schema version: nothing reads
# differently, claims only get faster); created when a store without them is opened for writing.
_LATER_INDEXES = ("claims_mine", "tasks_free")


def lock_key(annotator: str | None) -> int:
    """A stable signed 64-bit key per name (advisory locks are keyed by bigint)."""
    raw = f"labelwidget:{annotator}".encode()
    return (zlib.crc32(raw) << 31 | zlib.adler32(raw)) - (1 << 62)


def open_schema(conn, where: str, *, readonly: bool, config_hash: str,
                config_xml: str | None) -> None:
    """Create the store's tables when ``conn``'s database has none (unless ``readonly``), refuse
    a newer schema, and record the config the store is opened with."""
    exists = conn.execute(
        "SELECT to_regclass(%s)", (f"{SCHEMA}.schema_version",)).fetchone()[0]
    if exists is None:
        if readonly:
            raise NotAStoreError(f"{where} holds no labelwidget store (no schema "
                                 f"{SCHEMA!r}); open it once for writing to create it")
        with conn.transaction():
            # Two first openers at once: one creates, the other waits for the lock.
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (lock_key("schema"),))
            for statement in _TABLES.split(";\n"):
                if statement.strip():
                    conn.execute(statement)
            conn.execute(
                f"INSERT INTO {SCHEMA}.schema_version VALUES (%s, %s) "
                "ON CONFLICT DO NOTHING", (SCHEMA_VERSION, utc_now()))
    version = conn.execute(
        f"SELECT MAX(version) FROM {SCHEMA}.schema_version").fetchone()[0]
    if version is None or version > SCHEMA_VERSION:
        raise SchemaVersionError(
            f"{where} was written by a newer labelwidget (store schema version "
            f"{version}; this one reads up to {SCHEMA_VERSION}); nothing was changed")
    if exists is not None and not readonly:
        _add_indexes(conn)
    if config_hash and not readonly:
        conn.execute(
            f"INSERT INTO {SCHEMA}.configs VALUES (%s, %s, %s) ON CONFLICT (hash) DO "
            f"UPDATE SET xml = COALESCE({SCHEMA}.configs.xml, EXCLUDED.xml)",
            (config_hash, config_xml, utc_now()))


def _add_indexes(conn) -> None:
    have = {r[0] for r in conn.execute(
        "SELECT indexname FROM pg_indexes WHERE schemaname = %s", (SCHEMA,))}
    if have.issuperset(_LATER_INDEXES):
        return
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (lock_key("schema"),))
        for statement in _TABLES.split(";\n"):
            if any(f"INDEX IF NOT EXISTS {name} " in statement for name in _LATER_INDEXES):
                conn.execute(statement)
