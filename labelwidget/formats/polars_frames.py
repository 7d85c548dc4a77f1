"""Tasks and annotations out as a polars DataFrame (``pip install labelwidget[polars]``).

polars frames are immutable, so annotations are never written into the frame a user passed
in: the Annotator labels a pandas copy (``ann.df``) and ``to_polars`` returns a new polars
frame: the task id as ``id`` (when the tasks had one), the data columns, then one typed column
per control: Choices ``String`` (``List(String)`` when multiple), TextArea ``String``, Rating
``Int64``, Number ``Float64``, DateTime/Pairwise ``String``, Taxonomy ``List(List(String))``,
Labels on Text ``List(Struct{id, start, end, text, labels})``; any other control is typed by
polars from its cells, or held as JSON text when its cells have no common type.
"""

from __future__ import annotations

import json
from typing import Any

from ..config import LabelConfig
from ..frames import cell_kind, id_column
from ..tasks import check_dataframe, ensure_control_columns, plain
from .task_files import as_tasks


def polars_dtype(kind: str):
    import polars as pl

    text = pl.String
    return {
        "choice": text,
        "text": text,
        "choices": pl.List(text),
        "texts": pl.List(text),
        "paths": pl.List(pl.List(text)),
        "int": pl.Int64,
        "float": pl.Float64,
        "spans": pl.List(pl.Struct({"id": text, "start": pl.Int64, "end": pl.Int64,
                                    "text": text, "labels": pl.List(text)})),
    }.get(kind)


def to_polars(tasks: Any, config: str | LabelConfig):
    """A new polars DataFrame of ``tasks`` (pandas, polars or a Dataset) with one typed
    column per control of ``config``; every cell is checked first (``DataError`` names the
    row and column of each bad one)."""
    import polars as pl

    from ..config import parse_config
    from ..config.columns import bind_columns

    config = config if isinstance(config, LabelConfig) else bind_columns(parse_config(config))
    df = as_tasks(tasks, config)
    check_dataframe(df, config)
    df = df.copy()
    ensure_control_columns(df, config)
    series = []
    ids = id_column(df)
    if ids is not None:
        series.append(pl.Series("id", ids))
    controls = {config.column(name): name for name in config.controls}
    for column in df.columns:
        values = [_cell(v) for v in df[column].to_numpy()]
        if column not in controls:
            series.append(pl.Series(str(column), values, strict=False))
            continue
        series.append(_control_series(str(column), values,
                                      cell_kind(config, controls[column])))
    return pl.DataFrame(series)


def _control_series(name: str, values: list, kind: str):
    import polars as pl

    dtype = polars_dtype(kind)
    if dtype is not None:
        if kind == "spans":
            values = [None if v is None else [_span(s) for s in v] for v in values]
        return pl.Series(name, values, dtype=dtype)
    try:
        return pl.Series(name, values, strict=True)
    except Exception:  # cells of several shapes: polars has no type for them, JSON does
        return pl.Series(name, [None if v is None else json.dumps(v) for v in values],
                         dtype=pl.String)


def _span(span: dict) -> dict:
    return {key: span.get(key) for key in ("id", "start", "end", "text", "labels")}


def _cell(value: Any) -> Any:
    from ..values import is_missing

    value = plain(value)
    return None if is_missing(value) else value
