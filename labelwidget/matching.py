"""Which row of today's DataFrame a stored annotation belongs to. No Jupyter imports.

Every event in the store carries the task id and, since store schema version 2, the
fingerprint of the data it was made on (:mod:`labelwidget.store.fingerprint`). A stored task is
the pair (id, fingerprint); on reopen each pair is placed on one row, or on none:

1. The row with the same id, when its data has the same fingerprint: the common case.
2. Otherwise, with an index of real ids (named, text, dates ... anything but positional), the
   id is the task: the annotation is not restored, and the id is reported, as "its data
   changed" when the row is still there, or as "not in the index" when it is gone.
3. With a positional index (a ``RangeIndex``, or integers without a name, as
   ``pd.read_csv`` followed by a filter gives) the id is only a row number that another read
   may give to another row, so the data is the task: the pair goes to a row with the same
   data that no other stored task holds. Among several rows with identical data (two equal
   texts), the pairs are placed in the order of their stored ids onto those rows in DataFrame
   order, so a stable sort or a filter keeps duplicates in their relative order, and the
   result never depends on the order events were read. When the DataFrame has fewer rows
   with that data than the store has tasks, the pairs left over are reported, not restored.
4. An event written before fingerprints existed (schema version 1) goes to the row with its
   id, as it always did; the caller says so in a note.

Writes follow the same identity: on a positional index a row restored from stored task 4 keeps
writing under id 4, and a row whose own number is, in the store, another text's id writes
under a fresh id (one above every id in use), so one stored id never names two texts.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from .store.fingerprint import cell_digest, same_data
from .tasks import plain


def row_fingerprint(df: pd.DataFrame, pos: int, columns: Iterable[str]) -> dict[str, str]:
    """The fingerprint of one row's data cells (the columns the config reads)."""
    found = {}
    for column in columns:
        if column in df.columns:
            digest = cell_digest(plain(df.iat[pos, df.columns.get_loc(column)]))
            if digest is not None:
                found[column] = digest
    return found


def index_is_positional(index: pd.Index) -> bool:
    """True when the index holds row numbers rather than task ids (see the module docstring)."""
    if isinstance(index, pd.RangeIndex):
        return True
    if isinstance(index, pd.MultiIndex) or index.name is not None:
        return False
    return pd.api.types.is_integer_dtype(index.dtype)


class RowFingerprints:
    """Fingerprints of the DataFrame's rows, computed on demand (a reopen that finds every task
    on its own row hashes only those rows)."""

    def __init__(self, df: pd.DataFrame, columns: Iterable[str]):
        self._df = df
        self._columns = [c for c in columns if c in df.columns]
        self._rows: dict[int, dict[str, str]] = {}
        self._tables: dict[tuple[str, ...], dict[tuple[str, ...], list[int]]] = {}
        self._digests: dict[str, list[str | None]] = {}

    @property
    def columns(self) -> list[str]:
        return list(self._columns)

    def of(self, pos: int) -> dict[str, str]:
        found = self._rows.get(pos)
        if found is None:
            found = self._rows[pos] = row_fingerprint(self._df, pos, self._columns)
        return found

    def rows_with(self, data: dict[str, str]) -> list[int]:
        """Positions (ascending) of the rows whose data matches ``data`` on the shared columns."""
        shared = tuple(sorted(c for c in data if c in self._columns))
        if not shared:
            return []
        table = self._tables.get(shared)
        if table is None:
            columns = [self._column_digests(c) for c in shared]
            table = {}
            for pos, key in enumerate(zip(*columns, strict=True)):
                if None not in key:
                    table.setdefault(key, []).append(pos)
            self._tables[shared] = table
        return table.get(tuple(data[c] for c in shared), [])

    def _column_digests(self, column: str) -> list[str | None]:
        found = self._digests.get(column)
        if found is None:
            values = self._df[column].to_numpy(dtype=object)
            found = [cell_digest(plain(v)) for v in values]
            self._digests[column] = found
        return found


Key = tuple[Any, tuple[tuple[str, str], ...] | None]


def _key(task: Any, data: dict | None) -> Key:
    return (task, None if data is None else tuple(sorted(data.items())))


def _id_order(task: Any) -> tuple:
    # Stored ids of one store may mix types (an old frame with another index): order numbers
    # before text, each by value, so placement never depends on the order events were read.
    if isinstance(task, bool):
        return (2, str(task))
    if isinstance(task, (int, float)):
        return (0, task)
    return (1, repr(task))


@dataclass
class Placement:
    """Where each stored (id, fingerprint) pair goes, and what could not be placed."""

    rows: dict[Key, int | None] = field(default_factory=dict)
    changed: dict[Any, None] = field(default_factory=dict)   # kept id, other data: not restored
    missing: dict[Any, None] = field(default_factory=dict)   # id not in the index
    gone: dict[Any, None] = field(default_factory=dict)      # positional: no free row has its data
    unverified: dict[Any, None] = field(default_factory=dict)  # written without a fingerprint
    moved: dict[Any, int] = field(default_factory=dict)  # stored id -> row, not its own
    write_ids: dict[int, Any] = field(default_factory=dict)  # row -> id its events go under
    positional: bool = False
    _taken: set = field(default_factory=set)  # stored ids that name data on another row
    _stored: set = field(default_factory=set)  # every stored id
    _next_id: int | None = None

    def position(self, task: Any, data: dict | None) -> int | None:
        return self.rows.get(_key(task, data))

    def write_id(self, df: pd.DataFrame, pos: int) -> Any:
        """The id under which this row's events are stored (its own label unless moved)."""
        found = self.write_ids.get(pos)
        if found is not None:
            return found
        own = plain(df.index[pos])
        if not self.positional or own not in self._taken:
            return own
        if self._next_id is None:
            numbers = [t for t in self._stored if isinstance(t, int) and not isinstance(t, bool)]
            numbers += [t for t in self._taken if isinstance(t, int) and not isinstance(t, bool)]
            if len(df.index):
                numbers.append(int(df.index.max()))  # positional: an integer index
            self._next_id = max(numbers, default=-1) + 1
        self.write_ids[pos] = self._next_id
        self._taken.add(self._next_id)
        self._next_id += 1
        return self.write_ids[pos]


def place(events: list, df: pd.DataFrame, columns: Iterable[str], *,
          positional: bool | None = None) -> Placement:
    """Place every stored (id, fingerprint) pair of ``events`` (oldest first) on a row."""
    index = df.index
    if positional is None:
        positional = index_is_positional(index)
    prints = RowFingerprints(df, columns)
    out = Placement(positional=positional)
    first: dict[Key, tuple[Any, dict | None]] = {}
    last_seq: dict[Key, int] = {}
    for n, event in enumerate(events):
        key = _key(event.task, event.data)
        first.setdefault(key, (event.task, event.data))
        last_seq[key] = n
    claimed: dict[int, Any] = {}  # row -> stored id placed there
    pending: list[Key] = []
    for key, (task, data) in first.items():
        own = _position(index, task)
        if data is None:
            out.rows[key] = own
            if own is None:
                out.missing[task] = None
            else:
                out.unverified[task] = None
                claimed.setdefault(own, task)
                out.write_ids.setdefault(own, task)
            continue
        agrees = None if own is None else same_data(data, prints.of(own))
        if own is not None and agrees is not False:
            # Same data, or nothing left to compare (the config reads none of the recorded
            # columns any more): the id decides.
            out.rows[key] = own
            claimed.setdefault(own, task)
            out.write_ids.setdefault(own, task)
            continue
        pending.append(key)
    pending.sort(key=lambda k: (_id_order(k[0]), last_seq[k]))
    for key in pending:
        task, data = first[key]
        own = _position(index, task)
        pos = None
        if positional:
            for candidate in prints.rows_with(data):
                if claimed.get(candidate, task) == task:
                    pos = candidate
                    break
        out.rows[key] = pos
        if pos is not None:
            claimed[pos] = task
            out.moved[task] = pos
            out.write_ids.setdefault(pos, task)
        elif own is None:
            out.missing[task] = None
        elif positional:
            out.gone[task] = None
        else:
            out.changed[task] = None
    # A pair left out is not worth a report when a later pair of the same id was placed: the
    # task was annotated again on its new data (or its row), which supersedes it.
    placed_last: dict[Any, int] = {}
    for key, pos in out.rows.items():
        if pos is not None:
            placed_last[key[0]] = max(placed_last.get(key[0], -1), last_seq[key])
    for report in (out.changed, out.gone, out.missing):
        for key, pos in out.rows.items():
            if pos is None and key[0] in report and placed_last.get(key[0], -1) > last_seq[key]:
                report.pop(key[0], None)
    out._stored = {key[0] for key in out.rows}
    if positional:
        out._taken = {key[0] for key, pos in out.rows.items()
                      if key[1] is not None and pos != _position(index, key[0])}
    return out


def _position(index: pd.Index, task: Any) -> int | None:
    """Row position of a stored task label, or None when the DataFrame has no such row."""
    try:
        found = index.get_loc(task)
    except (KeyError, TypeError, ValueError):
        return None
    return int(found) if isinstance(found, (int, np.integer)) else None
