"""The DataFrame side: task keys, data checks, typed cell reads and writes. No Jupyter imports."""

from __future__ import annotations

import json
from collections import deque
from dataclasses import dataclass
from itertools import compress
from operator import not_
from typing import Any

import numpy as np
import pandas as pd

from .config import LabelConfig
from .config.relations import check_ends, region_ids
from .values import is_missing, lone_surrogate, texts_are_valid

MAX_LISTED = 20


@dataclass(frozen=True)
class DataIssue:
    row: Any
    column: str | None
    message: str

    def __str__(self) -> str:
        where = f"row {self.row!r}" if self.row is not None else "the DataFrame"
        if self.column is not None:
            where += f", column {self.column!r}"
        return f"{where}: {self.message}"


class DataError(ValueError):
    """The DataFrame does not fit the config; lists every problem with its row and column."""

    def __init__(self, issues: list[DataIssue], total: int | None = None):
        self.issues = list(issues)
        total = total if total is not None else len(self.issues)
        lines = [f"  {issue}" for issue in self.issues[:MAX_LISTED]]
        if total > MAX_LISTED:
            lines.append(f"  ... and {total - MAX_LISTED} more")
        noun = "problem" if total == 1 else "problems"
        super().__init__(f"the tasks DataFrame has {total} {noun}:\n" + "\n".join(lines))


def task_key(label: Any) -> str:
    """A DataFrame index label as the text key the browser uses; distinct labels stay distinct
    (1 and "1" give different keys)."""
    if isinstance(label, np.generic):
        label = label.item()
    if isinstance(label, (str, int, float, bool)) or label is None:
        return json.dumps(label)
    return f"~{type(label).__name__}:{label}"


def plain(value: Any) -> Any:
    """numpy scalars and arrays -> plain Python, so cells are JSON values."""
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, np.ndarray):
        return value.tolist()
    return value


def check_dataframe(df: pd.DataFrame, config: LabelConfig) -> None:
    """Everything that must hold before a widget is shown; raises DataError naming rows/columns."""
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"tasks must be a pandas DataFrame, got {type(df).__name__}")
    issues: list[DataIssue] = _index_issues(df.index)
    if not issues and not df.index.is_unique:
        dupes = df.index[df.index.duplicated()].unique().tolist()[:5]
        issues.append(DataIssue(None, None,
                                f"the index must be unique (it is the task id); repeated: {dupes}"))
    for column in config.columns:
        if column not in df.columns:
            users = [t for t in config.walk() if column in _columns(t)]
            where = ", ".join(f"line {t.line} {_tag(t)}" for t in users)
            issues.append(DataIssue(None, column, f"missing; the config reads ${column} ({where}); "
                                                  f"columns: {', '.join(map(str, df.columns))}"))
    if issues:
        raise DataError(issues)
    problems: list[DataIssue] = []
    total = 0
    for issue in repeater_issues(df, config):
        total += 1
        if len(problems) < MAX_LISTED:
            problems.append(issue)
    for column in df.columns:
        if column in config.controls:
            continue  # their cells are checked by their control below (text included)
        for pos, where in invalid_texts(df[column]):
            total += 1
            if len(problems) < MAX_LISTED:
                problems.append(DataIssue(plain(df.index[pos]), column,
                                          f"text is not valid Unicode at {where}; it could not "
                                          "be saved or exported (fix or drop that character)"))
    for name, tag in config.controls.items():
        where = config.column(name)
        if where not in df.columns:
            continue
        column = df[where]
        present = np.flatnonzero(~missing_mask(column))
        for pos in present:
            cell = plain(column.iat[pos])
            try:
                checked = tag.check_cell(cell, RowView(df, int(pos)))
                if tag.scope == "relations" and checked:
                    check_ends(checked, region_ids(config, {
                        n: plain(df[n].iat[pos]) for n in config.controls if n in df.columns}))
            except ValueError as exc:
                total += 1
                if len(problems) < MAX_LISTED:
                    problems.append(DataIssue(plain(df.index[pos]), where, str(exc)))
    if total:
        raise DataError(problems, total)


def _index_issues(index: pd.Index) -> list[DataIssue]:
    """A task id must be a present, hashable, valid-Unicode label: a None or NaN id would bind
    and fail only when that task is submitted or exported, so every index dtype is checked
    here (object, float, pandas string, datetime NaT, each level of a MultiIndex)."""
    try:
        if index.dtype == object:
            deque(map(hash, index), maxlen=0)  # C-level; a list label raises TypeError
    except TypeError:
        bad = next((i for i, label in enumerate(index) if not _hashable(label)), 0)
        return [DataIssue(None, None, f"the index (the task id) must hold plain labels; "
                                      f"position {bad} holds a {type(index[bad]).__name__}, "
                                      "which cannot be an id (unhashable)")]
    if isinstance(index, pd.MultiIndex):
        missing = np.zeros(len(index), dtype=bool)
        for level in range(index.nlevels):
            missing |= np.asarray(pd.isna(index.get_level_values(level)))
    else:
        missing = np.asarray(index.isna())
    if missing.any():
        where = np.flatnonzero(missing)
        shown = ", ".join(str(int(p)) for p in where[:5]) + (" ..." if len(where) > 5 else "")
        return [DataIssue(None, None, (
            f"the index (the task id) is missing (None/NaN) at position(s) {shown} of "
            f"{len(index)}; every task needs an id: e.g. df = df.reset_index(drop=True) or "
            "df.index = ... with unique values"))]
    labels = index.to_flat_index() if isinstance(index, pd.MultiIndex) else index
    for pos, where in invalid_texts(labels):
        return [DataIssue(None, None, f"the task id at position {pos} is not valid Unicode "
                                      f"at {where}")]
    return []


def _hashable(label: Any) -> bool:
    try:
        hash(label)
    except TypeError:
        return False
    return True


def invalid_texts(column: pd.Series | pd.Index):
    """(position, where) of each cell holding text with a lone surrogate. Fast when there is
    none, since a bound DataFrame may have a million rows: only non-ASCII texts (found by a
    C-level ``str.isascii`` pass) are looked at, with one encode of all of them."""
    if column.dtype != object and not pd.api.types.is_string_dtype(column.dtype):
        return
    values = np.asarray(column, dtype=object)
    try:
        suspects = list(compress(values, map(not_, map(str.isascii, values))))
    except TypeError:  # not only text (None, NaN, lists, dicts): the slower path
        suspects = [v for v in values if isinstance(v, (list, dict, tuple))
                    or (isinstance(v, str) and not v.isascii())]
    if not suspects or (all(type(v) is str for v in suspects) and texts_are_valid(suspects)):
        return
    for pos, value in enumerate(values):
        if isinstance(value, (list, dict, tuple)) or (isinstance(value, str)
                                                      and not value.isascii()):
            where = lone_surrogate(value)
            if where is not None:
                yield pos, where


def repeater_issues(df: pd.DataFrame, config: LabelConfig) -> list[DataIssue]:
    """A <Repeater>'s ``on`` cell that is not a list (config/repeater.py), by row and column."""
    from .config.repeater import Repeater, list_problem

    out = []
    for tag in config.walk():
        if not isinstance(tag, Repeater) or tag.column not in df.columns:
            continue
        column = df[tag.column]
        for pos in np.flatnonzero(~missing_mask(column)):
            problem = list_problem(plain(column.iat[pos]), tag)
            if problem:
                out.append(DataIssue(plain(df.index[pos]), tag.column, problem))
    return out


def _tag(tag) -> str:
    """``<Text name="t">``, or ``<Repeater>`` for a tag without a name."""
    return f'<{tag.tag_name} name="{tag.name}">' if tag.name else f"<{tag.tag_name}>"


def _columns(tag) -> list[str]:
    from .config.parse import _columns_of

    return _columns_of(tag)


def missing_mask(column: pd.Series) -> np.ndarray:
    """Vectorized is_missing: on object columns pandas counts only None/NaN/NA as missing,
    so list and dict cells are present."""
    return column.isna().to_numpy()


class RowView:
    """Read access to one task's data columns, without copying the row."""

    __slots__ = ("_df", "_pos")

    def __init__(self, df: pd.DataFrame, pos: int):
        self._df = df
        self._pos = pos

    @property
    def name(self) -> Any:
        """The task id (the row's index label), as ``pandas.Series.name`` gives it."""
        return plain(self._df.index[self._pos])

    def get(self, column: str, default: Any = None) -> Any:
        if column not in self._df.columns:
            if "[" in column:  # $pages[0], $pdf[1].page: a step into a list cell
                from .data_paths import read

                return read(self, column, default)
            return default
        value = plain(self._df.iat[self._pos, self._df.columns.get_loc(column)])
        return default if is_missing(value) else value

    def raw(self, column: str, default: Any = None) -> Any:
        """The cell as stored: numpy arrays and PIL images are not converted (images)."""
        if column not in self._df.columns:
            return default
        value = self._df[column].iat[self._pos]
        return default if is_missing(value) else value

    def __getitem__(self, column: str) -> Any:
        return self.get(column)

    @property
    def task(self) -> Any:
        """The task's id (its index label), for messages that name the row."""
        return plain(self._df.index[self._pos])

    def __contains__(self, column: str) -> bool:
        return column in self._df.columns


def ensure_control_columns(df: pd.DataFrame, config: LabelConfig) -> None:
    """One object column per control tag (``config.column(name)``): created empty if absent,
    made object if typed (so a list cell is stored as the list, and ints stay ints)."""
    for name in config.control_columns:
        if name not in df.columns:
            df[name] = pd.Series([None] * len(df), index=df.index, dtype=object)
        elif df[name].dtype != object:
            values = [None if is_missing(v) else plain(v) for v in df[name].to_numpy()]
            df[name] = pd.Series(values, index=df.index, dtype=object)


def write_cell(df: pd.DataFrame, pos: int, column: str, value: Any) -> None:
    # pandas 3 treats a list given to .loc/.iat as several values; .at on an object column
    # stores it as one cell (a one-element list stays a list).
    df.at[df.index[pos], column] = value


def read_cell(df: pd.DataFrame, pos: int, column: str) -> Any:
    # df.iat with a column position is several times faster than df[column].iat (no Series).
    value = plain(df.iat[pos, df.columns.get_loc(column)])
    return None if is_missing(value) else value
