"""Durable annotation store: an append-only journal of submit/skip/undo events.

No Jupyter imports here: training scripts read a store with :func:`load` without a kernel.
The default (and so far only) backend is :class:`SQLiteStore`, one SQLite file.
"""

from .load import load, load_history
from .sqlite import (
    KINDS,
    ORIGINS,
    SCHEMA_VERSION,
    ConflictError,
    Event,
    NotAStoreError,
    SchemaVersionError,
    SQLiteStore,
    StoreError,
    StoreLockedError,
    config_hash,
    utc_now,
)

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
