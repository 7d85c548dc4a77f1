"""What a store holds: events (a submit, skip or undo of one task), the errors a store raises,
and how a task id and a value are written as JSON (the same text in SQLite and PostgreSQL, so a
store can be read back exactly, whatever the index type). No Jupyter imports."""

from __future__ import annotations

import hashlib
import json
import math
import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

KINDS = ("submit", "skip", "undo")
# "review": ground truth written by a reviewer (labelwidget.team.review).
ORIGINS = ("manual", "prediction", "prediction-changed", "review")


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


