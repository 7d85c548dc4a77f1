"""What an annotation was made on: a fingerprint of a task's data cells. Standard library only.

The store keeps, with every event, ``{column: digest}`` for the data columns the config reads
(``$text``, ``$image`` ...). On reopen an annotation is restored only onto a row whose cells have
the same digests, so a CSV read in another order never puts a label on another text.

One digest per column (not one per row) so that a config that starts reading one more column
still compares the columns both sessions read. A digest is the first 16 hex digits of the
sha256 of a canonical JSON of the cell: missing values (None, NaN, NA, NaT) are one value, a
float with an integral value equals the int (a column of ints read back as floats after a
filter that brought in a NaN), dict keys are sorted, and arrays and images are hashed by
their bytes. A cell of any other type has no digest: that column is not compared.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Mapping
from datetime import date, datetime, time
from typing import Any

DIGEST_LENGTH = 16  # hex digits: 64 bits, no accidental match among billions of rows


class _Unhashable(Exception):
    pass


def _canonical(value: Any) -> Any:
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, str):
        return str(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        if math.isnan(value):
            return None
        if math.isinf(value):
            return ["~inf", value > 0]
        if value.is_integer() and abs(value) < 2**63:
            return int(value)
        return float(value)
    if isinstance(value, Mapping):
        return {str(k): _canonical(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_canonical(v) for v in value]
    if isinstance(value, (bytes, bytearray, memoryview)):
        return ["~bytes", hashlib.sha256(bytes(value)).hexdigest()]
    if isinstance(value, (datetime, date, time)):
        if getattr(value, "tzinfo", None) is None and value.__class__.__name__ == "NaTType":
            return None
        return ["~time", value.isoformat()]
    kind = type(value).__module__.split(".")[0]
    name = type(value).__name__
    if kind == "numpy":
        if hasattr(value, "shape") and getattr(value, "ndim", 0) > 0:
            data = value.tobytes() if value.dtype != object else repr(value.tolist()).encode()
            return ["~array", str(value.dtype), list(value.shape),
                    hashlib.sha256(data).hexdigest()]
        return _canonical(value.item())
    if kind == "pandas" and name in ("NAType", "NaTType"):
        return None
    if kind == "PIL" and hasattr(value, "tobytes"):
        return ["~image", value.mode, list(value.size), hashlib.sha256(value.tobytes()).hexdigest()]
    raise _Unhashable(name)


def cell_digest(value: Any) -> str | None:
    """The digest of one data cell, or None when the cell's type has no stable digest."""
    try:
        canonical = _canonical(value)
    except (_Unhashable, RecursionError, ValueError, TypeError):
        return None
    text = json.dumps(canonical, sort_keys=True, ensure_ascii=True, separators=(",", ":"),
                      allow_nan=True)
    return hashlib.sha256(text.encode("ascii")).hexdigest()[:DIGEST_LENGTH]


def fingerprint(cells: Mapping[str, Any]) -> dict[str, str]:
    """``{column: digest}`` of a task's data cells; columns without a digest are left out."""
    out = {}
    for column, value in cells.items():
        digest = cell_digest(value)
        if digest is not None:
            out[str(column)] = digest
    return out


def same_data(recorded: Mapping[str, str] | None, current: Mapping[str, str]) -> bool | None:
    """Whether two fingerprints agree on the columns both have; None when they share none."""
    if not recorded:
        return None
    shared = [c for c in recorded if c in current]
    if not shared:
        return None
    return all(recorded[c] == current[c] for c in shared)
