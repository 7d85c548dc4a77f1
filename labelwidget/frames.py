"""Tasks given as something other than a pandas DataFrame: a polars DataFrame, a Hugging Face
``datasets.Dataset`` or a file path. Each is turned into a pandas DataFrame at the boundary, so
the Annotator, the store and the exports keep one code path. No Jupyter imports here.

The task id: a column named ``id`` becomes the index (it must be unique and present); without
one the row position (0, 1, ...) is the id. ``to_polars``/``to_hf_dataset`` write it back as
the ``id`` column, so a frame without ``id`` comes back without one.
"""

from __future__ import annotations

import json
import os
from typing import Any

import pandas as pd

from .config import LabelConfig
from .tasks import DataError, DataIssue

ID = "id"


def source_kind(data: Any) -> str:
    """``pandas``, ``polars``, ``datasets`` or ``path``: what the caller handed in."""
    if isinstance(data, pd.DataFrame):
        return "pandas"
    if isinstance(data, (str, os.PathLike)):
        return "path"
    module = type(data).__module__.split(".")[0]
    if module == "polars" and type(data).__name__ == "DataFrame":
        return "polars"
    if module == "datasets" and type(data).__name__ == "Dataset":
        return "datasets"
    return "unknown"


def as_pandas(data: Any, config: LabelConfig) -> pd.DataFrame:
    """The tasks as a pandas DataFrame; a pandas frame is returned as is (filled in place)."""
    kind = source_kind(data)
    if kind == "pandas":
        return data
    if kind == "polars":
        return from_columns({name: data.get_column(name).to_list() for name in data.columns},
                            config, "polars DataFrame")
    raise TypeError("tasks must be a pandas or polars DataFrame, a datasets.Dataset or a path "
                    f"to a .csv, .jsonl, .json or .parquet file, got {type(data).__name__}")


def from_columns(columns: dict[str, list], config: LabelConfig, what: str) -> pd.DataFrame:
    """A pandas frame of plain cells, the ``id`` column as its index (checked first, so a
    repeated or missing id is reported by row and column rather than as a bare index error)."""
    controls = set(config.control_columns)
    data = {}
    for name, values in columns.items():
        if name in controls:
            data[name] = pd.Series([_control_cell(v) for v in values], dtype=object)
        else:
            data[name] = pd.Series(values)
    df = pd.DataFrame(data)
    if ID not in df.columns:
        return df
    ids = columns[ID]
    issues = []
    first: dict[Any, int] = {}
    for pos, value in enumerate(ids):
        if value is None:
            issues.append(DataIssue(f"#{pos}", ID, f"the task id is missing (row position "
                                                   f"{pos} of the {what})"))
        elif value in first:
            issues.append(DataIssue(value, ID, f"the task id is repeated (row positions "
                                               f"{first[value]} and {pos} of the {what}); "
                                               "the id column must be unique"))
        else:
            first[value] = pos
    if issues:
        raise DataError(issues)
    return df.set_index(ID)


def _control_cell(value: Any) -> Any:
    """A pre-filled annotation cell: polars and Arrow give a struct every field of its column,
    so the fields a region does not have come back as None and are dropped here; JSON text
    (how ``to_polars`` writes a control polars cannot type) is decoded."""
    if isinstance(value, dict):
        return {k: _control_cell(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_control_cell(v) for v in value]
    if isinstance(value, str) and value[:1] in "[{" and value[-1:] in "]}":
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def id_column(df: pd.DataFrame) -> list | None:
    """The index as the ``id`` column, or None when it is only row positions (0..n-1) and was
    never named, so a frame that came without ids goes back without them."""
    index = df.index
    if index.name is None and isinstance(index, pd.RangeIndex) and index.start == 0 \
            and index.step == 1:
        return None
    from .tasks import plain

    return [plain(v) for v in index]


def cell_kind(config: LabelConfig, control: str) -> str:
    """How a control's cells are typed outside pandas (DESIGN.md section 2): ``choice``,
    ``choices`` (both with static options), ``spans`` (Labels on Text), ``text``, ``texts``,
    ``paths``, ``int``, ``float``, or ``json`` for every other shape."""
    tag = config.controls[control]
    name = tag.tag_name
    if tag.attrs.get("perRegion") or tag.attrs.get("perItem"):
        return "json"
    if name == "Choices":
        if tag.nested:
            return "paths"
        if tag.dynamic_column:
            return "texts" if tag.multiple else "text"
        return "choices" if tag.multiple else "choice"
    if name == "Taxonomy":
        return "paths"
    if name == "TextArea":
        return "texts" if tag.several else "text"
    if name in ("DateTime", "Pairwise"):
        return "text"
    if name == "Rating":
        return "int"
    if name == "Number":
        return "float"
    if name == "Labels" and _objects(config, tag) == {"Text"}:
        return "spans"
    return "json"


def _objects(config: LabelConfig, tag) -> set[str]:
    names = tag.attrs.get("toName") or []
    return {config.objects[n].tag_name for n in names if n in config.objects}


def options(tag) -> list[str]:
    return [o.stored for o in tag.options()]
