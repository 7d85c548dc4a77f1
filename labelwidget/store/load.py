"""Reading a store without any widget: the current annotations (``load``) and every event
(``load_history``) as pandas DataFrames, for training scripts. No Jupyter imports."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping

from .events import Event, decode_task

# --------------------------------------------------------------------------------------------
# DataFrame views for training scripts


def _has_value(values: dict) -> bool:
    return any(value is not None for value in values.values())


def load(path: str | os.PathLike, *, include_skipped: bool = False, by: str | None = None,
         columns: Mapping[str, str] | None = None):
    """Current annotations of a store as a pandas DataFrame, without any widget.

    One row per task (index = task label, named ``task``), one ``object`` column per control,
    ``None`` where a control has no value. Columns are named as in the Annotator's DataFrame:
    after the control, except a control named like a data column its config reads, which gets
    ``<name>_label`` (with a ConfigWarning) or the column ``columns={control: column}`` gives.
    A task's row is its latest reviewed annotation (origin ``review``) if it has one; else, when
    several annotators have a current annotation on it, their consensus (per control, the value
    a strict majority gave, otherwise the latest annotator's); else its latest event. A task is
    included when that row is a submit, or an undo that restored at least one value; tasks whose
    latest row is a skip only with ``include_skipped=True``. Rows are in the order tasks were
    first annotated.

    ``by="annotator"``: the long format instead, one row per task and annotator with that
    annotator's current values and who, when, lead time and origin
    (:func:`labelwidget.store.by_annotator.by_annotator`).
    """
    import pandas as pd

    if by is not None:
        if by != "annotator":
            raise ValueError(f'by= takes "annotator" (the long format), not {by!r}')
        from .by_annotator import by_annotator

        return by_annotator(load_history(path))

    from .url import open_store

    with open_store(path, readonly=True) as store:
        latest = store.latest()
        history = store.history()
        # Several annotators on a task: their consensus; a reviewer's ground truth wins.
        from .by_annotator import consensus

        latest.update(consensus(history))
        latest.update({e.task: e for e in history if e.origin == "review"})
        first_seen = {}
        for row in store._query("SELECT task, MIN(seq) FROM events GROUP BY task"):
            first_seen[decode_task(row[0])] = row[1]
        configs = [row[0] for row in store._query(
            "SELECT xml FROM configs WHERE xml IS NOT NULL ORDER BY first_seen DESC")]
    chosen = [
        event
        for event in latest.values()
        if event.kind == "submit"
        or (event.kind == "undo" and _has_value(event.values))
        or (event.kind == "skip" and include_skipped)
    ]
    chosen.sort(key=lambda event: first_seen[event.task])
    names: dict[str, None] = {}
    for event in sorted(chosen, key=lambda event: event.seq):
        names.update(dict.fromkeys(event.values))
    index = pd.Index([event.task for event in chosen], name="task", tupleize_cols=False)
    if chosen and all(isinstance(event.task, tuple) for event in chosen):
        index = pd.MultiIndex.from_tuples([event.task for event in chosen])
    where = _control_columns(configs, columns)
    # Series(list, dtype=object): each list or dict lands as one cell (no broadcasting).
    data = {
        where.get(name, name): pd.Series([event.values.get(name) for event in chosen],
                                         index=index, dtype=object)
        for name in names
    }
    return pd.DataFrame(data, index=index, columns=list(data))


def _control_columns(configs: list[str], columns: Mapping[str, str] | None) -> dict[str, str]:
    """control -> DataFrame column by the newest config of the store that still parses (as the
    Annotator binds it), so load() and the Annotator's DataFrame name columns alike."""
    import warnings

    from ..config import ConfigError, parse_config
    from ..config.columns import resolve_columns

    for xml in configs:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # the Annotator already said what it ignores
                config = parse_config(xml)
        except ConfigError:
            continue
        return resolve_columns(config, columns)
    return dict(columns or {})


def load_history(path: str | os.PathLike):
    """Every event of a store as a long pandas DataFrame (one row per event, ordered by seq).

    Columns: seq, task, kind, annotator, created_at (UTC timestamps), lead_time, origin,
    config_hash, values (dict), meta (dict), data (the fingerprint ``{column: digest}`` of the
    data the event was made on; None before store schema version 2).
    """
    from .url import open_store

    with open_store(path, readonly=True) as store:
        return history_frame(store.history())


def history_frame(events: Iterable[Event]):
    """Events (e.g. ``store.history()`` of a store already open) as :func:`load_history`'s
    DataFrame."""
    import pandas as pd

    records = [
        {
            "seq": event.seq,
            "task": event.task,
            "kind": event.kind,
            "annotator": event.annotator,
            "created_at": event.created_at,
            "lead_time": event.lead_time,
            "origin": event.origin,
            "config_hash": event.config_hash,
            "values": event.values,
            "meta": event.meta,
            "data": event.data,
        }
        for event in events
    ]
    columns = ["seq", "task", "kind", "annotator", "created_at", "lead_time", "origin",
               "config_hash", "values", "meta", "data"]
    frame = pd.DataFrame.from_records(records, columns=columns)
    frame["created_at"] = pd.to_datetime(frame["created_at"], utc=True, format="ISO8601")
    return frame
