"""Task files by path: CSV, JSON lines, JSON (records or Label Studio tasks) and Parquet, read
wherever tasks are accepted (``lw.Annotator("tasks.parquet", config)``, ``labelwidget serve``).
No Jupyter imports here."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from ..frames import as_pandas, from_columns, source_kind
from ..hf_tasks import dataset_columns

FORMATS = (".csv", ".jsonl", ".json", ".parquet")


class TaskFileError(ValueError):
    """A task file that cannot be read, in one sentence."""


def as_tasks(data: Any, config):
    """Tasks given as a pandas or polars DataFrame, a ``datasets.Dataset`` or a path, as the
    pandas DataFrame the Annotator fills (a pandas frame is returned as is)."""
    kind = source_kind(data)
    if kind == "path":
        return read_tasks(data, config)
    if kind == "datasets":
        return from_columns(dataset_columns(data, config), config, "Dataset")
    return as_pandas(data, config)


def read_tasks(path: str | os.PathLike, config: Any = None):
    """A DataFrame of tasks from CSV, JSON lines, JSON (records or Label Studio tasks) or
    Parquet; an ``id`` column becomes the index (the task id)."""
    import pandas as pd

    path = Path(path)
    if not path.is_file():
        raise TaskFileError(f"no data file at {path}")
    suffix = path.suffix.lower()
    if suffix == ".csv":
        df = pd.read_csv(path)
    elif suffix == ".jsonl":
        df = pd.read_json(path, lines=True)
    elif suffix == ".json":
        from ..files import decode, read_file

        try:
            data = json.loads(decode(read_file(path, "data file"), f"the file {path}"))
        except json.JSONDecodeError as exc:
            raise TaskFileError(f"{path} is not JSON: line {exc.lineno}, column {exc.colno}: "
                             f"{exc.msg}") from None
        if isinstance(data, list) and data and isinstance(data[0], dict) and "data" in data[0]:
            from .label_studio import from_label_studio

            return from_label_studio(data, config)
        df = pd.DataFrame.from_records(data)
    elif suffix == ".parquet":
        try:
            df = pd.read_parquet(path)
        except ImportError as exc:
            raise TaskFileError(f"reading {path.name} needs pyarrow: pip install pyarrow "
                             f"({exc})") from None
    else:
        raise TaskFileError(f"{path.name}: data must be one of {', '.join(FORMATS)}")
    if "id" in df.columns and df["id"].is_unique:
        df = df.set_index("id")
    return df
