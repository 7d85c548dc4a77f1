"""The long view of a store: one row per (task, annotator) with that annotator's current values.

Built from the event history (no Jupyter imports), for agreement figures and for review: each
annotator's latest event on a task decides. A submit holds its values; an undo holds the
values it restored (a task with none restored is not annotated); a skip is not an annotation.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

LONG_COLUMNS = ["task", "annotator", "created_at", "lead_time", "origin"]


def by_annotator(history: pd.DataFrame, *, origins: Any = None) -> pd.DataFrame:
    """Long format from :func:`load_history`'s frame; ``origins`` keeps only those origins."""
    latest: dict[tuple, Any] = {}
    for row in history.itertuples(index=False):
        if origins is not None and row.origin not in origins:
            continue
        latest[(_key(row.task), row.annotator)] = row  # history is ordered by seq
    records = []
    controls: dict[str, None] = {}
    for row in latest.values():
        values = row.values or {}
        if row.kind == "skip" or not any(v is not None for v in values.values()):
            continue
        controls.update(dict.fromkeys(values))
        records.append({"task": row.task, "annotator": row.annotator,
                        "created_at": row.created_at, "lead_time": row.lead_time,
                        "origin": row.origin, **values})
    columns = LONG_COLUMNS + [c for c in controls if c not in LONG_COLUMNS]
    frame = pd.DataFrame.from_records(records, columns=columns)
    for name in controls:
        # One object cell per value: a list stays one list, never broadcast.
        frame[name] = pd.Series([r.get(name) for r in records], index=frame.index, dtype=object)
    return frame


def _key(task: Any) -> Any:
    return tuple(task) if isinstance(task, list) else task


def consensus(events) -> dict:
    """``{task: Event}`` for tasks with current annotations by two or more annotators: the
    latest of them, its values replaced per control by the value a strict majority gave (the
    latest annotator's value where there is none). Reviews are not counted here."""
    import dataclasses
    import json
    from collections import Counter

    current: dict[Any, dict[Any, Any]] = {}
    for event in events:  # in seq order: each annotator's latest event decides
        if event.origin == "review":
            continue
        current.setdefault(_key(event.task), {})[event.annotator] = event
    out = {}
    for by_who in current.values():
        answered = [e for e in by_who.values() if e.kind != "skip" and
                    any(v is not None for v in (e.values or {}).values())]
        if len(answered) < 2:
            continue
        answered.sort(key=lambda e: e.seq or 0)
        last = answered[-1]
        values = {}
        for name in dict.fromkeys(n for e in answered for n in e.values):
            given = [json.dumps(e.values.get(name), sort_keys=True, default=str)
                     for e in answered if e.values.get(name) is not None]
            top = Counter(given).most_common(1)
            if top and top[0][1] * 2 > len(answered):
                values[name] = json.loads(top[0][0])
            else:
                values[name] = last.values.get(name)
        out[last.task] = dataclasses.replace(last, kind="submit", values=values)
    return out
