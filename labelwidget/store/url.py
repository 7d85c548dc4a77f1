"""``store=``: a path or ``sqlite:///path`` (one file) or ``postgresql://...`` (a team server)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .sqlite import SQLiteStore, StoreError

SCHEMES = ("sqlite", "postgresql", "postgres")


def is_shared(store: Any) -> bool:
    """Whether ``store`` names a server store (several annotators on several machines)."""
    return isinstance(store, str) and store.split(":", 1)[0].lower() in ("postgresql",
                                                                          "postgres")


def open_store(store: str | os.PathLike, **options: Any):
    """Open the store ``store`` names, with the options of :class:`SQLiteStore`."""
    if isinstance(store, os.PathLike):
        return _sqlite(store, options)
    if not isinstance(store, str) or not store.strip():
        raise StoreError(f"store= takes a file path, sqlite:///path or postgresql://user:"
                         f"password@host:port/db, not {store!r}")
    scheme = store.split(":", 1)[0].lower() if "://" in store else ""
    if not scheme:
        return _sqlite(store, options)
    if scheme == "sqlite":
        parts = urlsplit(store)
        if parts.netloc not in ("", "localhost"):
            raise StoreError(f"{store!r}: a sqlite URL names a local file: sqlite:///relative/"
                             "path or sqlite:////absolute/path")
        path = parts.path[1:] if parts.path.startswith("/") else parts.path
        if not path:
            raise StoreError(f"{store!r} names no file: write sqlite:///labels.sqlite")
        return _sqlite(Path(path), options)
    if scheme in ("postgresql", "postgres"):
        from .postgres import PostgresStore

        parts = urlsplit(store)
        try:
            parts.port  # noqa: B018  (raises on a port that is not a number)
        except ValueError:
            raise StoreError(f"the store URL {_safe(store)} has a port that is not a port "
                             "number (1-65535)") from None
        if not parts.hostname and "host=" not in parts.query:
            raise StoreError(f"the store URL {_safe(store)} names no server: write "
                             "postgresql://user:password@host:5432/database")
        if not parts.path.strip("/"):
            raise StoreError(f"the store URL {_safe(store)} names no database: end it with "
                             "/database_name")
        return PostgresStore(store, **options)
    raise StoreError(f"the store URL {_safe(store)} has the scheme {scheme!r}; labelwidget "
                     "stores are a path, sqlite:///path or postgresql://user:password@host/db")


def _sqlite(path, options: dict) -> SQLiteStore:
    options = dict(options)
    options.pop("retry", None)  # one local file: nothing to reconnect to
    lease = options.pop("lease", None)
    store = SQLiteStore(path, **options)
    if lease is not None:
        store.lease = float(lease)
    return store


def _safe(url: str) -> str:
    parts = urlsplit(url)
    if parts.password:
        return url.replace(f":{parts.password}@", ":***@", 1)
    return url
