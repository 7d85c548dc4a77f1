"""Reopening a store: replay its journal into the DataFrame. No Jupyter imports.

The store is append-only history; the DataFrame gets each task's latest values, the queue its
done/skipped state, and the undo stack the steps of the session that can still be undone.
Nothing is dropped from the store: what cannot be applied is reported, by task and control.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from .config import LabelConfig
from .queue import DONE, SKIPPED, UNLABELED
from .tasks import RowView, is_missing


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


def _listed(items: list, limit: int = 10) -> str:
    shown = ", ".join(repr(i) for i in items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")


def replay(events, df: pd.DataFrame, config: LabelConfig, hashes: set[str], own_hash: str,
           annotator: str | None) -> Replay:
    """Fold the store's events (oldest first) into the state the DataFrame should show."""
    out = Replay()
    others = sorted(h for h in hashes if h and h != own_hash)
    if others:
        out.warnings.append(
            f"the store also holds annotations made with another labeling config "
            f"(config hash {', '.join(h[:12] for h in others)}); they are restored where their "
            "values fit this config and kept in the store either way")
    index = df.index
    missing: list[Any] = []
    invalid: list[str] = []
    current: dict[int, dict[str, Any]] = {}
    state: dict[int, int] = {}
    for event in events:
        try:
            pos = index.get_loc(event.task)
        except (KeyError, TypeError):
            if event.task not in missing:
                missing.append(event.task)
            continue
        if not isinstance(pos, int):
            continue
        before_cells = current.get(pos) or _cells(df, pos, config)
        before_state = state.get(pos, _state_of(before_cells))
        if event.kind == "skip":
            state[pos] = SKIPPED
            if event.annotator == annotator:
                out.steps.append(Step(pos, "skip", dict(before_cells), before_state))
            continue
        cells = {}
        for name, tag in config.controls.items():
            value = event.values.get(name)
            if value is None or (isinstance(value, (list, str)) and not value):
                cells[name] = None
                continue
            try:
                cells[name] = tag.check_value(value, RowView(df, pos))
            except ValueError as exc:
                invalid.append(f"task {event.task!r}, {name}: {exc}")
                cells[name] = before_cells.get(name)
        current[pos] = cells
        if event.kind == "submit":
            state[pos] = DONE
            if event.annotator == annotator:
                out.steps.append(Step(pos, "submit", dict(before_cells), before_state))
        else:  # undo: the values restored; the step it undid leaves the stack
            state[pos] = _state_of(cells)
            for i in range(len(out.steps) - 1, -1, -1):
                if out.steps[i].pos == pos:
                    state[pos] = out.steps[i].state
                    del out.steps[i]
                    break
    out.cells = current
    out.states = state
    if missing:
        out.warnings.append(
            f"the store holds {len(missing)} task(s) that are not in the DataFrame's index: "
            f"{_listed(missing)}; they stay in the store (labelwidget.load() reads them)")
    if invalid:
        out.warnings.append("some stored values do not fit this config and were not restored "
                            "(they stay in the store): " + "; ".join(invalid[:10]))
    return out


def _cells(df: pd.DataFrame, pos: int, config: LabelConfig) -> dict[str, Any]:
    out = {}
    for name in config.controls:
        value = df[name].iat[pos] if name in df.columns else None
        out[name] = None if is_missing(value) else value
    return out


def _state_of(cells: dict[str, Any]) -> int:
    return DONE if any(v is not None for v in cells.values()) else UNLABELED
