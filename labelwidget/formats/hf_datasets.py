"""Hugging Face ``datasets.Dataset`` in and out (``pip install labelwidget[datasets]``).

Out, typed so the labels go straight into training: single Choices are ``ClassLabel`` (the
config's options, in config order), multiple Choices ``Sequence(ClassLabel)``, Labels on Text
a sequence of ``{start, end, label: ClassLabel}`` (one entry per label of a span), Rating
``int64``, Number ``float64``, TextArea/DateTime/Pairwise ``string``; any other control is
JSON text. An unlabeled cell is null. In, a Dataset is read as tasks: ``ClassLabel`` values
become their names and spans of ``{start, end, label}`` become Labels cells again, so an
exported Dataset opens in an Annotator with its annotations.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..config import LabelConfig
from ..frames import cell_kind, id_column, options
from ..tasks import check_dataframe, ensure_control_columns, plain
from ._output import atomic_dir, atomic_file
from ._records import data_columns
from .task_files import as_tasks


def _list(feature):
    import datasets

    return datasets.List(feature) if hasattr(datasets, "List") else datasets.Sequence(feature)


def control_feature(config: LabelConfig, control: str):
    """The ``datasets`` feature of ``control``'s column."""
    from datasets import ClassLabel, Value

    kind = cell_kind(config, control)
    tag = config.controls[control]
    if kind == "choice":
        return ClassLabel(names=options(tag))
    if kind == "choices":
        return _list(ClassLabel(names=options(tag)))
    if kind == "spans":
        return _list({"start": Value("int64"), "end": Value("int64"),
                      "label": ClassLabel(names=options(tag))})
    if kind == "int":
        return Value("int64")
    if kind == "float":
        return Value("float64")
    if kind == "texts":
        return _list(Value("string"))
    if kind == "paths":
        return _list(_list(Value("string")))
    return Value("string")  # text, and JSON text for every other control


def to_hf_dataset(tasks: Any, config: str | LabelConfig):
    """A ``datasets.Dataset`` of ``tasks`` (pandas, polars or a Dataset): ``id`` (when the
    tasks had ids), the data columns, then one typed feature per control. Every cell is
    checked first: ``DataError`` names the row and column of each bad one."""
    import datasets

    from ..config import parse_config
    from ..config.columns import bind_columns

    config = config if isinstance(config, LabelConfig) else bind_columns(parse_config(config))
    df = as_tasks(tasks, config)
    check_dataframe(df, config)
    df = df.copy()
    ensure_control_columns(df, config)
    controls = {config.column(name): name for name in config.controls}
    data: dict[str, list] = {}
    ids = id_column(df)
    if ids is not None:
        data["id"] = ids
    for column in df.columns:
        if column not in controls:
            data[str(column)] = [_plain(v) for v in df[column].to_numpy()]
    features = {column: _data_feature(data, column, datasets) for column in data}
    for column, control in controls.items():
        kind = cell_kind(config, control)
        data[column] = [_out(_plain(v), kind) for v in df[column].to_numpy()]
        features[column] = control_feature(config, control)
    return datasets.Dataset.from_dict(data, features=datasets.Features(features))


def _data_feature(data: dict[str, list], column: str, datasets):
    """The feature Arrow infers for a data column; a column of mixed cells (numbers and text,
    lists and scalars) has none, so it goes out as JSON text rather than failing the export."""
    try:
        return datasets.Dataset.from_dict({column: data[column]}).features[column]
    except (ValueError, TypeError, ArithmeticError):  # pyarrow.ArrowInvalid is a ValueError
        data[column] = [None if v is None else json.dumps(v, default=str) for v in data[column]]
        return datasets.Value("string")


def _plain(value: Any) -> Any:
    from ..values import is_missing

    value = plain(value)
    return None if is_missing(value) else value


def _out(value: Any, kind: str) -> Any:
    if value is None:
        return None
    if kind == "spans":
        return [{"start": span["start"], "end": span["end"], "label": label}
                for span in value for label in span.get("labels", [])]
    if kind == "json":
        return json.dumps(value)
    return value


def write_hf_parquet(df, config, path, *, meta=None, predictions=None, columns=None) -> Path:
    """Parquet of :func:`to_hf_dataset`: the features (ClassLabel names) ride in the file's
    metadata, so ``Dataset.from_parquet(path)`` gives them back. Annotation-level metadata
    and predictions are not part of this format (``meta``/``predictions`` are not written)."""
    ds = to_hf_dataset(_only(df, config, columns), config)
    with atomic_file(path, binary=True) as out:
        ds.to_parquet(out)
    return Path(path)


def write_hf_dataset(df, config, path, *, meta=None, predictions=None, columns=None) -> Path:
    """:func:`to_hf_dataset` saved with ``Dataset.save_to_disk`` (``load_from_disk(path)``)."""
    ds = to_hf_dataset(_only(df, config, columns), config)
    with atomic_dir(path) as tmp:
        ds.save_to_disk(str(tmp))
    return Path(path)


def _only(df, config: LabelConfig, columns):
    """``columns=``: the data columns to write, as in the other formats (the columns the
    config reads and the controls' columns always go)."""
    if columns is None:
        return df
    keep = dict.fromkeys([*data_columns(df, config, columns), *config.columns,
                          *config.control_columns])
    return df[[c for c in keep if c in df.columns]]
