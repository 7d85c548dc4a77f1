"""Reopening a store: replay its journal into the DataFrame. No Jupyter imports.

The store is append-only history; the DataFrame gets each task's latest values, the queue its
done/skipped state, and the undo stack the steps of this annotator that can still be undone.
Nothing is dropped from the store: what cannot be applied is reported, by task and control.
Which row a stored task goes to (its id, checked against the fingerprint of its data, or its
data when the index is only row numbers) is decided in matching.py.

Undo across annotators: a step of ours stays undoable only while nobody else has written the
task since. Once another annotator submitted, skipped or undid it, undoing our step would put
back the values from before ours and silently replace theirs, so the step leaves the stack.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from .config import LabelConfig
from .matching import Placement, place
from .queue import DONE, SKIPPED, UNLABELED
from .tasks import RowView, is_missing, plain


@dataclass
class Step:
    """One submit or skip, enough to undo it: the cells and state the task had before."""

    pos: int
    kind: str
    cells: dict[str, Any]
    state: int
    extra: dict = field(default_factory=dict)


@dataclass
class Replay:
    cells: dict[int, dict[str, Any]] = field(default_factory=dict)
    states: dict[int, int] = field(default_factory=dict)
    steps: list[Step] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    placement: Placement = field(default_factory=Placement)
    rows: dict[int, int] = field(default_factory=dict)  # seq -> row, for the events applied


def _listed(items: list, limit: int = 10) -> str:
    shown = ", ".join(repr(i) for i in items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")


def replay(events, df: pd.DataFrame, config: LabelConfig, hashes: set[str], own_hash: str,
           annotator: str | None, *, positional: bool | None = None) -> Replay:
    """Fold the store's events (oldest first) into the state the DataFrame should show.

    ``hashes`` (every config the store has seen) is accepted for the caller's convenience; the
    changed-config warning counts the events actually written under another config, since a
    config that was only opened, never used to annotate, changes nothing.
    """
    del hashes  # see the docstring
    events = list(events)
    out = Replay(placement=place(events, df, config.columns, positional=positional))
    controls = config.controls
    columns = {
        name: df[where].to_numpy(dtype=object) if (where := config.column(name)) in df.columns
        else None
        for name in controls
    }
    invalid: list[str] = []
    foreign_configs: Counter[str] = Counter()
    unknown: dict[str, dict[Any, None]] = {}  # control not in this config -> its tasks
    current: dict[int, dict[str, Any]] = {}
    state: dict[int, int] = {}
    steps: list[Step | None] = []
    stack_of: dict[int, list[int]] = {}  # pos -> indices in `steps` of our undoable steps

    for event in events:
        if event.config_hash and event.config_hash != own_hash:
            foreign_configs[event.config_hash] += 1
        for name, value in event.values.items():
            if name not in controls and value is not None and value != [] and value != "":
                unknown.setdefault(name, {})[event.task] = None
        pos = out.placement.position(event.task, event.data)
        if pos is None:
            continue  # reported below, from the placement
        if event.seq is not None:
            out.rows[event.seq] = pos
        before_cells = current.get(pos)
        if before_cells is None:
            before_cells = _initial_cells(columns, pos)
        before_state = state.get(pos, _state_of(before_cells))
        own = event.annotator == annotator
        if not own:
            # Undoing our step now would overwrite what someone else wrote since.
            for i in stack_of.pop(pos, []):
                steps[i] = None
        if event.kind == "skip":
            state[pos] = SKIPPED
            if own:
                steps.append(Step(pos, "skip", dict(before_cells), before_state))
                stack_of.setdefault(pos, []).append(len(steps) - 1)
            continue
        cells = {}
        unfit = False
        for name, tag in controls.items():
            value = event.values.get(name)
            if value is None:
                cells[name] = None
                continue
            try:
                cells[name] = tag.check_cell(value, RowView(df, pos))
            except ValueError as exc:
                invalid.append(f"task {event.task!r}, {name}: {exc}")
                cells[name] = before_cells.get(name)
                unfit = True
        current[pos] = cells
        if event.kind == "submit":
            # A submit whose values no longer fit the config leaves nothing to show: the task
            # comes back as unlabeled, so the annotator sees it again.
            state[pos] = _state_of(cells) if unfit else DONE
            if own:
                steps.append(Step(pos, "submit", dict(before_cells), before_state))
                stack_of.setdefault(pos, []).append(len(steps) - 1)
        else:  # undo: the values restored; the step it undid leaves the stack
            state[pos] = _state_of(cells)
            stack = stack_of.get(pos) if own else None
            if stack:
                i = stack.pop()
                state[pos] = steps[i].state
                steps[i] = None
    out.cells = current
    out.states = state
    out.steps = [step for step in steps if step is not None]
    if foreign_configs:
        named = ", ".join(f"{h[:12]} ({n} event(s))" for h, n in sorted(foreign_configs.items()))
        out.warnings.append(
            "the labeling config changed: the store holds annotations made with another config "
            f"(config hash {named}; this config is {own_hash[:12]}); they are restored where "
            "their values fit this config and stay in the store either way "
            "(labelwidget.load() reads them)")
    if unknown:
        parts = [f"{name!r} ({len(tasks)} task(s): {_listed(list(tasks), 5)})"
                 for name, tasks in unknown.items()]
        out.warnings.append(
            "the store holds values for controls this config does not have: "
            + "; ".join(parts)
            + "; they are not put in the DataFrame and stay in the store "
              "(labelwidget.load() reads them)")
    _report_placement(out.placement, out.warnings)
    missing = out.placement.missing
    if missing:
        tasks = list(missing)
        out.warnings.append(
            f"the store holds {len(tasks)} task(s) that are not in the DataFrame's index: "
            f"{_listed(tasks)}; they stay in the store (labelwidget.load() reads them)")
    if invalid:
        more = f" and {len(invalid) - 10} more" if len(invalid) > 10 else ""
        out.warnings.append("some stored values do not fit this config and were not restored "
                            "(they stay in the store): " + "; ".join(invalid[:10]) + more)
    return out


def write_cells(df: pd.DataFrame, cells: dict[int, dict[str, Any]],
                config: LabelConfig | None = None) -> None:
    """Write replayed cells (by control name) into ``df`` in place, one column at a time, each
    in its control's column (``config.column``).

    Same result as ``write_cell`` per cell (object columns, a one-element list stays a list),
    but a reopened store with thousands of tasks costs one column write per control instead of
    one indexed write per cell.
    """
    by_column: dict[str, list[tuple[int, Any]]] = {}
    for pos, row in cells.items():
        for name, value in row.items():
            where = config.column(name) if config is not None else name
            by_column.setdefault(where, []).append((pos, value))
    for name, items in by_column.items():
        if name in df.columns:
            column = df[name].to_numpy(dtype=object, copy=True)
        else:
            column = np.full(len(df), None, dtype=object)
        for pos, value in items:
            column[pos] = value  # object array: the list itself is the element
        df[name] = pd.Series(column, index=df.index, dtype=object, name=name)


def _report_placement(placement: Placement, warnings: list[str]) -> None:
    if placement.changed:
        tasks = list(placement.changed)
        warnings.append(
            f"the data of {len(tasks)} task(s) changed since they were annotated: "
            f"{_listed(tasks)}; their annotations were not restored onto the new data and stay "
            "in the store (labelwidget.load_history() reads them)")
    if placement.gone:
        tasks = list(placement.gone)
        warnings.append(
            f"the store holds annotations of {len(tasks)} task(s) whose data is not in the "
            f"DataFrame (stored ids {_listed(tasks)}; the index is row numbers, so tasks are "
            "found by their data): they were not restored and stay in the store "
            "(labelwidget.load() reads them)")
    if placement.unverified:
        warnings.append(
            f"{len(placement.unverified)} task(s) in the store have no record of the data "
            "they were annotated on (saved by an older labelwidget, store schema version 1): "
            "they were restored by index as before, without checking that the row still "
            "holds the same data")


def _initial_cells(columns: dict[str, np.ndarray | None], pos: int) -> dict[str, Any]:
    out = {}
    for name, column in columns.items():
        value = None if column is None else plain(column[pos])
        out[name] = None if is_missing(value) else value
    return out


def _state_of(cells: dict[str, Any]) -> int:
    return DONE if any(v is not None for v in cells.values()) else UNLABELED
