"""A Hugging Face ``datasets.Dataset`` read as tasks: ``ClassLabel`` values become their names
and spans of ``{start, end, label}`` (how formats/hf_datasets.py writes them) become Labels
cells again, so an exported Dataset opens in an Annotator with its annotations."""

from __future__ import annotations

from typing import Any

from .config import LabelConfig
from .config.parse import _columns_of
from .frames import cell_kind
from .tasks import DataError, DataIssue

SUPPORTED = "Value, ClassLabel, List/Sequence, a dict of these, Image"


def dataset_columns(ds, config: LabelConfig) -> dict[str, list]:
    """The Dataset's columns as lists of plain cells, ``ClassLabel`` values as their names."""
    import datasets

    issues = [DataIssue(None, name, f"feature {type(feature).__name__} is not supported as "
                                    f"task data ({SUPPORTED}); drop it (ds.remove_columns) or "
                                    "cast it (ds.cast_column)")
              for name, feature in ds.features.items() if not _supported(feature, datasets)]
    if issues:
        raise DataError(issues)
    ds = ds.with_format(None)
    ids = list(ds["id"]) if "id" in ds.column_names else range(len(ds))
    controls = {config.column(name): name for name in config.controls}
    columns = {}
    for name, feature in ds.features.items():
        values = []
        for pos, value in enumerate(ds[name]):
            try:
                value = _names(value, feature, datasets)
            except IndexError as exc:
                raise DataError([DataIssue(ids[pos], name, str(exc))]) from None
            values.append(value)
        columns[name] = values
    for name, control in controls.items():
        if name in columns and cell_kind(config, control) == "spans":
            texts = _texts(config, control, columns)
            columns[name] = [_spans(cell, text)
                             for cell, text in zip(columns[name], texts, strict=True)]
    return columns


def _texts(config: LabelConfig, control: str, columns: dict[str, list]) -> list:
    """The text each span points into (its Text tag's column), so spans get their ``text``."""
    obj = config.objects[config.controls[control].attrs["toName"][0]]
    found = _columns_of(obj)
    if len(found) == 1 and found[0] in columns:
        return columns[found[0]]
    return [None] * len(next(iter(columns.values()), []))


def _supported(feature, datasets) -> bool:
    if isinstance(feature, dict):
        return all(_supported(f, datasets) for f in feature.values())
    if isinstance(feature, (datasets.Value, datasets.ClassLabel, datasets.Image)):
        return True
    inner = getattr(feature, "feature", None)
    return inner is not None and type(feature).__name__ in ("List", "Sequence", "LargeList") \
        and _supported(inner, datasets)


def _names(value: Any, feature, datasets) -> Any:
    """``ClassLabel`` ints (anywhere in the feature) as their names; -1 (no label) as None."""
    if value is None:
        return None
    if isinstance(feature, datasets.ClassLabel):
        if value == -1:
            return None
        if not 0 <= value < feature.num_classes:
            raise IndexError(f"ClassLabel value {value} is out of range (names: "
                             f"{', '.join(feature.names)})")
        return feature.int2str(int(value))
    if isinstance(feature, dict):
        return {k: _names(value.get(k), f, datasets) for k, f in feature.items()}
    inner = getattr(feature, "feature", None)
    if inner is not None and isinstance(value, list):
        return [_names(v, inner, datasets) for v in value]
    return value


def _spans(cell: Any, text: Any) -> Any:
    """``[{start, end, label}]`` (how spans go out) as Labels cells: one span per offsets,
    with every label given to it and its text."""
    if not isinstance(cell, list) or not all(isinstance(s, dict) and "label" in s
                                             for s in cell):
        return cell
    spans: dict[tuple, dict] = {}
    for entry in cell:
        span = spans.setdefault((entry["start"], entry["end"]),
                                {"start": entry["start"], "end": entry["end"], "labels": []})
        if isinstance(text, str):
            span["text"] = text[entry["start"]:entry["end"]]
        if entry["label"] is not None:
            span["labels"].append(entry["label"])
    return list(spans.values())
