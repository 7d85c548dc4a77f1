"""What the playground keeps of the labeling done so far when the config changes.

A control keeps its values when the new config has a control of the same name and tag type
and the value still checks against it (a removed option drops the values that used it).
Submitted values go into the new Annotator's DataFrame as pre-filled cells; edits not yet
submitted become edits again (``restore``), so a task's state is what it was.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..config import LabelConfig
from ..config.relations import check_ends, region_ids
from ..tasks import RowView, plain
from ..values import is_missing


def carried(old, config: LabelConfig, data: pd.DataFrame,
            given: bool) -> tuple[pd.DataFrame, dict[int, dict[str, Any]]]:
    """The DataFrame for an Annotator of ``config`` (``data`` plus the submitted values that
    fit it) and the drafts that fit it, by row position."""
    if old is None:
        return data.copy(), {}
    own = set(old.config.control_columns) | set(config.control_columns)
    df = data[[c for c in data.columns if c not in own or c in config.columns]].copy()
    drafts: dict[int, dict[str, Any]] = {}
    for name, tag in config.controls.items():
        before = old.config.controls.get(name)
        if before is None or type(before) is not type(tag):
            continue
        column = config.column(name)
        cells = pd.Series([None] * len(df), index=df.index, dtype=object)
        source = old.df[old.config.column(name)]
        for pos in range(len(df)):
            submitted = plain(source.iat[pos])
            value = old._values(pos).get(name)
            if not _empty(submitted) and _fits(tag, submitted, df, pos):
                cells.iat[pos] = submitted
            if value != submitted and not _empty(value) and _fits(tag, value, df, pos):
                drafts.setdefault(pos, {})[name] = value
        df[column] = cells
    _drop_loose_relations(config, df)
    return df, drafts


def _drop_loose_relations(config: LabelConfig, df: pd.DataFrame) -> None:
    """A relation whose regions were dropped (their control changed) goes with them."""
    for name, tag in config.controls.items():
        column = config.column(name)
        if tag.scope != "relations" or column not in df.columns:
            continue
        for pos in range(len(df)):
            value = df[column].iat[pos]
            if _empty(value):
                continue
            values = {n: plain(df[config.column(n)].iat[pos]) for n in config.controls
                      if config.column(n) in df.columns}
            try:
                check_ends(value, region_ids(config, values))
            except ValueError:
                df.at[df.index[pos], column] = None


def restore(annotator, drafts: dict[int, dict[str, Any]], current: Any) -> None:
    """Put the unsubmitted edits back, each on its task, then show the task shown before."""
    for pos, values in drafts.items():
        annotator.go_to(annotator.df.index[pos])
        for name, value in values.items():
            annotator.set(name, value)
    if current is not None and current in annotator.df.index:
        annotator.go_to(current)
    elif drafts:
        annotator.go_to(annotator.df.index[0])


def _fits(tag, value: Any, df: pd.DataFrame, pos: int) -> bool:
    try:
        tag.check_cell(value, RowView(df, pos))
    except (ValueError, TypeError):
        return False
    return True


def _empty(value: Any) -> bool:
    if isinstance(value, (list, dict, str)):
        return len(value) == 0
    return value is None or is_missing(value)
