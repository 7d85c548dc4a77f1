"""The Annotator: binds a labeling config's widgets to a DataFrame of tasks.

Python holds the truth: what was submitted lives in the caller's DataFrame (and the store).
The browser moves between tasks on its own from the payloads held ahead (see widgets/_base.py)
and reports each move; every action also exists as a public method here, so a script or a test
drives exactly the code a click drives.

Over 1,000 lines on purpose: one class is the controller every action goes through, and the
order of a submit (check, store, DataFrame, what the browser holds, the toolbar) reads in one
place. Its suggestions (which predictions pre-fill a task, and where a submit came from) are in
predictions/suggesting.py.
"""

from __future__ import annotations

import math
import numbers
import threading
import time
import uuid
import warnings
from collections.abc import Mapping
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import ipywidgets as ipw
import numpy as np
import pandas as pd

from .chat_replies import ChatReplies
from .compile import compile_config
from .compile.region_sizes import sized_cell, sized_frame
from .config import LabelConfig, parse_config
from .config.columns import bind_columns
from .config.conditions import required_blocks, settle
from .config.controls import Pairwise
from .config.keys import DEFAULT_KEYS, session_keys
from .config.objects import Image
from .config.relations import check_ends, region_ids, relations_tag, without_lost_ends
from .config.repeater import count_of, items_missing
from .display import widget_bundle
from .edits import EditHistory
from .formats.task_files import as_tasks
from .matching import Placement, row_fingerprint
from .payloads import PayloadCache
from .predictions.cache import PredictionCache
from .predictions.model import Prediction
from .predictions.suggesting import Suggestions
from .prefetch import PrefetchDepth
from .queue import DONE, SKIPPED, UNLABELED, TaskQueue
from .resume import Step, replay, write_cells
from .store import Event, StoreError, config_hash, load_history
from .store.assignment import Assignment
from .store.sqlite import encode_task
from .store.url import is_shared, open_store
from .tasks import (
    RowView,
    check_dataframe,
    ensure_control_columns,
    missing_mask,
    plain,
    read_cell,
    task_key,
    write_cell,
)
from .values import is_empty as _empty
from .values import short
from .widgets._messages import NavigateMsg
from .widgets._task_payloads import SuggestionData
from .widgets.repeater import RepeaterWidget
from .widgets.suggestion import SuggestionWidget
from .widgets.toolbar import ToolbarWidget

BEHIND = 2  # tasks kept behind the shown one, for "previous"


class StoreWarning(UserWarning):
    """The store and the DataFrame or config disagree; nothing was dropped from the store."""


def _read_only(array: np.ndarray) -> np.ndarray:
    view = array.view()
    view.flags.writeable = False
    return view


def _plain_value(value: Any) -> Any:
    """numpy arrays, pandas Series and tuples as lists, numpy scalars as Python ones: what a
    click would give (an array's truth value is ambiguous, so it never reaches a check)."""
    if isinstance(value, (pd.Series, pd.Index)):
        value = value.tolist()
    value = plain(value)
    return list(value) if isinstance(value, tuple) else value


_NOTHING_FOR_YOU = ("nothing to label for you right now: every other task is with other "
                    "annotators or done (tasks come back when a lease runs out; press → to "
                    "ask again)")


def _seconds(value: Any) -> float | None:
    """A lead time from the browser: finite seconds, or None (unknown) for anything else."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    try:
        seconds = float(value)
    except OverflowError:
        return None
    return seconds if math.isfinite(seconds) and seconds >= 0 else None


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


def _result_rows(event: Event, task: Any = None) -> list[dict]:
    """An event read back from the store as rows of ``Annotator.results`` (``task``: the
    DataFrame label of the row it was restored onto, when that is not its stored id)."""
    meta = event.meta or {}
    base = {
        "task": event.task if task is None else task,
        "kind": event.kind,
        "annotator": event.annotator,
        "created_at": event.created_at,
        "lead_time": event.lead_time,
        "skipped": event.kind == "skip",
        "origin": event.origin,
        "model_version": meta.get("model_version"),
        "score": meta.get("score"),
    }
    if not event.values:
        return [{**base, "control": None, "value": None}]
    return [{**base, "control": name, "value": value} for name, value in event.values.items()]


def _same(a: Any, b: Any) -> bool:
    """Equal as shown: an empty value ("", [], None) looks the same as no value."""
    return (_empty(a) and _empty(b)) or a == b


def _brief(values: Mapping[str, Any], limit: int = 140) -> str:
    """A task's values as one short line: "sentiment: Positive; ner: 2 regions"."""
    parts = []
    for name, value in values.items():
        if isinstance(value, list) and value and isinstance(value[0], dict):
            shown = f"{len(value)} region{'s' if len(value) != 1 else ''}"
        elif _empty(value):
            shown = "empty" if value is not None else "none"
        else:
            shown = value if isinstance(value, str) else repr(value)
        parts.append(f"{name}: {shown}")
    text = "; ".join(parts)
    return text if len(text) <= limit else text[:limit - 1] + "…"


class Annotator(Suggestions):
    """Label the rows of ``df`` with the widgets of a Label Studio labeling ``config``.

    ``config`` is XML text, a path to an ``.xml`` file, or a :class:`LabelConfig`. Each control
    tag gets a column of ``df`` named after it; submitted values are written there in place.
    A control named like a data column the config reads writes to ``<name>_label`` instead, or
    to the column ``columns={name: column}`` gives it (Label Studio exports and the store keep
    the control's own name).

    ``df`` may also be a polars DataFrame, a ``datasets.Dataset`` or a path (.csv, .jsonl,
    .json, .parquet): it is read into a pandas frame, ``ann.df``, which is the one filled in
    (polars frames and Datasets are immutable); an ``id`` column becomes the task id.
    ``ann.to_polars()`` and ``ann.to_hf_dataset()`` return new, typed copies with the
    annotations.
    """

    #: Whether a shared store shares tasks out among annotators (a Review walks them all).
    _distributes = True

    def __init__(
        self,
        df: pd.DataFrame,
        config: str | Path | LabelConfig,
        *,
        store: str | Path | None = None,
        annotator: str | None = None,
        keys: Mapping[str, list[str]] | None = None,
        prefetch: int = 5,
        only_unlabeled: bool = False,
        predictions: Any = None,
        force: bool = False,
        overlap: Any = None,
        lease: float = 300.0,
        columns: Mapping[str, str] | None = None,
        chat: Any = None,
    ):
        self.config = bind_columns(parse_config(config), columns)
        # polars, a Dataset or a path become a pandas frame here: one code path (frames.py)
        df = as_tasks(df, self.config)
        check_dataframe(df, self.config)
        ensure_control_columns(df, self.config)
        self.df = df
        self.annotator = annotator
        if isinstance(prefetch, bool) or not isinstance(prefetch, numbers.Integral):
            raise ValueError(f"prefetch= is how many tasks the browser keeps ready ahead: a "
                             f"whole number such as 5, not {prefetch!r}")
        self.prefetch = max(1, int(prefetch))
        self._depth = PrefetchDepth(self.prefetch)  # deeper while keys outrun the kernel
        self._controls = self.config.controls
        self._relations = relations_tag(self.config)
        self._defaults = {name: tag.default_value() for name, tag in self._controls.items()
                          if tag.default_value() is not None}
        self._row_defaults = {name: tag for name, tag in self._controls.items()
                              if hasattr(tag, "row_default")}
        self._group = uuid.uuid4().hex[:12]
        shortcuts = self._shortcuts(keys)
        self._compiled = compile_config(self.config, self._group, shortcuts)
        self._parts = self._compiled.parts
        self._drafts: dict[int, dict[str, Any]] = {}
        self._rev: dict[int, int] = {}
        # Changes the browser already shows (its own edits) or that move no rev (a submit):
        # with rev and the task's state, the stamp of its cached payloads (payloads.py).
        self._touched: dict[int, int] = {}
        self._payloads = PayloadCache()
        self._history: list[Step] = []
        self._redo_steps: list[tuple[Step, dict[str, Any]]] = []  # undone submits, newest last
        self._edits = EditHistory()
        self._results: list[dict] = []
        self._unshowable: list = []  # ids of tasks whose image cannot be shown (image_check)
        self._key_pos: dict[str, int] = {}
        self._shown_at = time.monotonic()
        self._predicted: dict[int, list[Prediction]] = {}
        self._source = None
        self._cache: PredictionCache | None = None
        self._prediction_error = ""
        self._prediction_status = ""  # the last prediction message put in the toolbar
        self._refreshing = False
        self.prediction_batch = 32
        self._submit_callbacks: list = []
        self.learner = None
        self._store = None
        self._placement = Placement()
        self._seq_rows: dict[int, int] = {}  # store seq -> row, for the events shown here
        self._store_hint = "in memory only: pass store='labels.sqlite' to keep work on disk"
        self._assignment = None
        self._team_text = ""
        team = self._distributes and (overlap is not None or is_shared(store))
        if team and store is None:
            raise ValueError("overlap= shares tasks out among annotators through a store: "
                             "pass store='team.sqlite' or store='postgresql://...' too")
        if team and not (isinstance(annotator, str) and annotator.strip()):
            raise ValueError("a shared store needs to know who labels: pass annotator='your "
                             "name' (every event records it, and tasks are shared out by it)")
        restored = (self._open_store(store, force, team=team, lease=lease)
                    if store is not None else None)
        self._queue = TaskQueue(self._labeled())
        self._queue.only_unlabeled = only_unlabeled
        if restored is not None:
            for pos, state in restored.states.items():
                self._queue.set_state(pos, state)
            self._history = list(restored.steps)
        if team:
            ids = [self._placement.write_id(self.df, pos) for pos in range(len(self.df))]
            try:
                self._assignment = Assignment(self._store, ids, overlap=1 if overlap is None
                                              else overlap, lease=lease,
                                              window=self.prefetch + 3)
            except StoreError as exc:
                self.close()  # the annotator's name is free again for the next attempt
                raise ValueError(f"cannot share the tasks out: {exc}") from None
            except BaseException:  # a bad overlap= or lease=
                self.close()
                raise
            self._share()
        if predictions is not None:
            try:
                self._start_predictions(predictions)
            except BaseException:  # a bad predictions= must not keep the store (and name) taken
                self.close()
                raise

        self.toolbar = ToolbarWidget(group=self._group, storage=self._store_hint,
                                     durable=self._store is not None,
                                     only_unlabeled=only_unlabeled)
        self.toolbar.shortcuts = shortcuts
        self.toolbar.help = self._help()
        self.toolbar.on_msg(self._on_toolbar_msg)
        self.toolbar.observe(self._on_filter, names="only_unlabeled")
        for part in self._parts:
            if part.controls:
                part.widget.observe(self._on_edit, names="value")
        self.suggestion = SuggestionWidget(
            group=self._group, accept_keys=list(self.toolbar.shortcuts.get("submit", [])))
        self.widget = ipw.VBox(
            [self.toolbar, self.suggestion, self._compiled.root],
            _dom_classes=["lw-annotator", f"lw-group-{self._group}"],
        )
        self._chat = ChatReplies(self, chat)
        self._jump = 0
        self._pos = self._queue.first_unlabeled()
        self._refresh(jump=True)
        self.image_check = self._start_image_check()
        self._sync_undo_info()

    def _shortcuts(self, keys: Mapping[str, list[str]] | None) -> dict[str, list[str]]:
        """The toolbar's keys: the defaults, Label Studio's Ctrl+arrows for moving between
        tasks when a Pairwise takes the arrows (as in Label Studio), then the caller's."""
        shortcuts = {k: list(v) for k, v in DEFAULT_KEYS.items()}
        if any(isinstance(tag, Pairwise) for tag in self._controls.values()):
            shortcuts["previous"] = ["ctrl+arrowleft"]
            shortcuts["next"] = ["ctrl+arrowright"]
        return session_keys(keys, self.config, shortcuts)

    # -- display ---------------------------------------------------------------------------
    def _repr_mimebundle_(self, **kwargs):
        where = ("Submitted work is in the Annotator's DataFrame (.df) and its store "
                 f"{self._store.path}." if self._store is not None else
                 "Submitted work is in the Annotator's DataFrame (.df), in memory only.")
        return widget_bundle(self.widget, f"labelwidget {type(self).__name__}: {len(self.df)} "
                             "tasks", where, **kwargs)

    # -- public actions (what the buttons and keys do) ---------------------------------------
    @property
    def current(self) -> Any:
        """The id (DataFrame index label) of the task shown, or None when there are no tasks."""
        return None if self._pos is None else plain(self.df.index[self._pos])

    @property
    def values(self) -> dict[str, Any]:
        """The shown task's values: submitted cells overlaid with edits not yet submitted."""
        return {} if self._pos is None else self._values(self._pos)

    def set(self, control: str, value: Any) -> None:
        """Set a control's value on the shown task, as a click or key would (``None`` clears).
        ``control`` is the control's name or its DataFrame column."""
        tag = self._control(control)
        control = tag.name
        pos = self._require_task()
        value = _plain_value(value)
        if not _empty(value):
            value = self._check(tag, plain(value), pos)
        if tag.scope == "relations" and not _empty(value):
            try:
                check_ends(value, region_ids(self.config, self._values(pos)))
            except ValueError as exc:
                raise ValueError(f"{tag.name}: {exc}") from None
        value = None if _empty(value) else value
        if tag.scope == "region" and value is not None:
            # as a drawn region has them (compile/region_sizes.py)
            value = sized_cell(self._compiled, tag.name, value, RowView(self.df, pos))
        before = self._values(pos)[control]
        if before != value:
            self._edits.push(pos, {control: before}, {control: value})
        self._put(pos, {control: value})
        if tag.scope == "region":
            self._settle_relations(pos)
        self.toolbar.status = {"kind": "info", "text": ""}

    def reply(self, chat: str | None = None) -> dict:
        """Ask the ``chat=`` callable for the next message of the shown task's ``<Chat>`` (the
        "Model reply" button); the message is added with ``origin: "model"`` and returned."""
        return self._said(lambda pos: self._chat.reply(pos, chat))

    def add_message(self, role: str, content: str, chat: str | None = None) -> dict:
        """Add a message to the shown task's ``<Chat>``, as typing it and pressing Enter does."""
        return self._said(lambda pos: self._chat.add(
            pos, self._chat.tag(chat), {"role": role, "content": content, "origin": "manual"}))

    def _said(self, action):
        pos = self._require_task()
        try:
            return action(pos)
        except ValueError as exc:
            self.toolbar.status = {"kind": "error", "text": str(exc)}
            raise

    def _settle_relations(self, pos: int) -> None:
        """A region deleted takes its relations with it (in the browser as in Python)."""
        tag = self._relations
        if tag is None:
            return
        values = self._values(pos)
        relations = plain(values.get(tag.name))
        if not isinstance(relations, list):
            return
        kept = without_lost_ends(relations, region_ids(self.config, values))
        if len(kept) == len(relations):
            return
        self._drafts.setdefault(pos, {})[tag.name] = kept
        self._bump(pos)
        part = self._compiled.part_of(tag.name)
        part.widget.set_value(self._key(pos), self._part_value(part, pos), self._rev[pos],
                              base=self._part_base(part, pos))

    def undo_edit(self) -> None:
        """Undo the last edit of the shown task (Ctrl+Z): a span, a box move, a choice.
        Never touches another task or anything submitted (that is :meth:`undo_submit`)."""
        pos = self._require_task()
        entry = self._edits.undo(pos)
        if entry is None:
            raise ValueError(f"nothing to undo on task {self.current!r}: no edit since it was "
                             "shown or submitted (Undo submit reverts a submit)")
        self._put(pos, entry["before"])

    def redo_edit(self) -> None:
        """Apply again the last edit undone on the shown task (Ctrl+Shift+Z, Ctrl+Y)."""
        pos = self._require_task()
        entry = self._edits.redo(pos)
        if entry is None:
            raise ValueError(f"nothing to redo on task {self.current!r}")
        self._put(pos, entry["after"])

    def discard_edits(self) -> None:
        """Put back the shown task's submitted values, dropping edits not submitted (one edit:
        :meth:`undo_edit` brings them back)."""
        pos = self._require_task()
        now, base = self._values(pos), self._base_values(pos)
        changed = [n for n in self._controls if not _same(now[n], base[n])]
        if changed:
            self._edits.push(pos, {n: now[n] for n in changed}, {n: base[n] for n in changed})
        self._put(pos, {n: base[n] for n in changed})
        self._drafts.pop(pos, None)

    def _put(self, pos: int, values: Mapping[str, Any]) -> None:
        """Python changed some values of a task: show them and give the browser the history."""
        self._drafts.setdefault(pos, {}).update(values)
        self._bump(pos)
        key = self._key(pos)
        for part in self._parts:
            if any(tag.name in values for tag in part.controls):
                part.widget.set_value(key, self._part_value(part, pos), self._rev[pos],
                                      base=self._part_base(part, pos))
        self._send_edits(pos)
        if self._pos is not None:
            self.toolbar.progress = self._progress(self._pos)

    def _send_edits(self, pos: int) -> None:
        stacks = self._edits.stacks(pos)
        self.toolbar.send_edits(self._key(pos), stacks["undo"], stacks["redo"])

    def submit(self) -> None:
        """Submit the shown task's values into the DataFrame and move to the next task."""
        pos = self._require_task()
        values = self._values(pos)
        self._submit(pos, values, lead_time=time.monotonic() - self._shown_at)
        self._advance(pos, jump=True)

    def skip(self) -> None:
        pos = self._require_task()
        self._skip(pos, lead_time=time.monotonic() - self._shown_at)
        self._advance(pos, jump=True)

    def next(self) -> None:
        pos = self._require_task()
        following = self._queue.scan(pos, +1, 1)
        if not following and self._assignment is not None:
            self._share()
            following = self._queue.scan(pos, +1, 1)
        if following:
            self._go(following[0])

    def previous(self) -> None:
        pos = self._require_task()
        before = self._queue.scan(pos, -1, 1)
        if before:
            self._go(before[0])

    def go_to(self, task_id: Any) -> None:
        """Show the task whose DataFrame index label is ``task_id``."""
        self._go(self._position(task_id))

    def undo(self) -> None:
        """The same as :meth:`undo_submit` (kept for scripts written before it had that name)."""
        self.undo_submit()

    def undo_submit(self) -> None:
        """Revert the last submit or skip: the task's previous values come back and it is shown."""
        if not self._history:
            raise ValueError("nothing to undo: no submit or skip of yours left to undo")
        step = self._history[-1]
        undone = self._cells(step.pos)
        self._persist(step.pos, "undo", step.cells, None)  # a failed save changes nothing
        self._history.pop()
        self._redo_steps.append((step, undone))
        for name, cell in step.cells.items():
            write_cell(self.df, step.pos, self.config.column(name), cell)
        self._queue.set_state(step.pos, step.state)
        self._drafts.pop(step.pos, None)
        self._edits.clear(step.pos)
        self._bump(step.pos)
        self._log(step.pos, "undo", step.cells, None)
        self._go(step.pos)
        self._send_edits(step.pos)
        what = f" ({_brief(undone)})" if step.kind == "submit" else ""
        keys = " / ".join("+".join(part.capitalize() for part in key.split("+"))
                          for key in self.toolbar.shortcuts.get("redo_submit", []))
        text = (f"undid the {step.kind} of task {self.current!r}{what}; "
                f"Redo {step.kind} puts it back" + (f" ({keys})" if keys else ""))
        self.toolbar.status = {"kind": "info", "text": text}
        self._sync_undo_info()

    def redo_submit(self) -> None:
        """Do again the submit (or skip) that :meth:`undo_submit` reverted last, and show it."""
        if not self._redo_steps:
            raise ValueError("nothing to redo: no undone submit or skip")
        step, values = self._redo_steps[-1]
        if step.kind == "submit":
            self._submit(step.pos, values, lead_time=None, redoing=True)
        else:
            self._skip(step.pos, lead_time=None, redoing=True)
        self._redo_steps.pop()
        self._go(step.pos)
        self.toolbar.status = {"kind": "info",
                               "text": f"redid the {step.kind} of task {self.current!r}"}
        self._sync_undo_info()

    def _sync_undo_info(self) -> None:
        """What Undo submit / Redo submit would do, for the toolbar to show before a click."""
        info = {"undo": "", "redo": ""}
        if self._history:
            step = self._history[-1]
            info["undo"] = f"{step.kind} of task {plain(self.df.index[step.pos])!r}"
            info["undo_task"] = str(plain(self.df.index[step.pos]))
            if step.kind == "submit":
                now = self._cells(step.pos)
                info["undo"] += f" ({_brief(now)})"
        if self._redo_steps:
            step, values = self._redo_steps[-1]
            info["redo"] = f"{step.kind} of task {plain(self.df.index[step.pos])!r}"
            info["redo_task"] = str(plain(self.df.index[step.pos]))
            if step.kind == "submit":
                info["redo"] += f" ({_brief(values)})"
        self.toolbar.undo_info = info

    def learn(self, model: Any, control: str, **options: Any):
        """Active learning on a classification control: refit ``model`` every few submits in
        the background, put the most uncertain tasks first and pre-fill its suggestions.
        See :class:`labelwidget.active.ActiveLearner` for the options."""
        from .active import ActiveLearner

        if getattr(self, "learner", None) is not None:
            self.learner.stop()
        self.learner = ActiveLearner(self, model, control, **options)
        return self.learner

    def _meta(self):
        # The store's history covers earlier sessions too; results only this one. Its events
        # carry the ids they were stored under: give each the label of the row it was restored
        # onto, and leave out those restored nowhere (another task's data, or not here).
        if self._store is None:
            return self.results
        history = load_history(self._store_path)
        rows = [self._seq_rows.get(seq) for seq in history["seq"].tolist()]
        keep = [pos is not None for pos in rows]
        history = history[keep].copy()
        history["task"] = pd.Series([plain(self.df.index[p]) for p in rows if p is not None],
                                    index=history.index, dtype=object)
        return history

    def to_label_studio(self, **options: Any) -> list[dict]:
        """Label Studio JSON tasks with this Annotator's annotations (who, when, lead time) and
        the predictions it knows; see :func:`labelwidget.to_label_studio`."""
        from .formats import to_label_studio

        options.setdefault("predictions", self._known_predictions())
        return to_label_studio(self._sized_df(), self.config, meta=self._meta(), **options)

    def to_polars(self):
        """A new polars DataFrame: the tasks plus one typed column per control
        (formats/polars_frames.py)."""
        from .formats.polars_frames import to_polars

        return to_polars(self.df, self.config)

    def to_hf_dataset(self):
        """A new ``datasets.Dataset``: the tasks plus one feature per control, ``ClassLabel``
        for choices and spans (formats/hf_datasets.py)."""
        from .formats.hf_datasets import to_hf_dataset

        return to_hf_dataset(self.df, self.config)

    def export(self, format: str, path: str | Path, **options: Any):
        """Write the annotations as ``format`` (label_studio, json_min, csv, coco, yolo, voc,
        conll2003, spacy) to ``path``; see :func:`labelwidget.export`."""
        from .formats import export

        options.setdefault("predictions", self._known_predictions())
        return export(self._sized_df(), self.config, format, path, meta=self._meta(), **options)

    def _sized_df(self) -> pd.DataFrame:
        """``df`` as exported: image regions imported or written without a size get their
        image's, as Label Studio records it (``df`` itself is left as it is)."""
        return sized_frame(self._compiled, self.config, self.df)

    def gallery(self, tasks=None, **options: Any):
        """A grid of task images with their regions drawn, to review labeled data
        (columns=4, size=220, limit=48, image=None, controls=None, only_labeled=True)."""
        from .gallery import gallery

        return gallery(self, tasks, **options)

    def on_submit(self, callback):
        """Call ``callback(task_id, values)`` after each submit (from the widget or Python).
        Returns a function that unsubscribes it."""
        self._submit_callbacks.append(callback)

        def off() -> None:
            if callback in self._submit_callbacks:
                self._submit_callbacks.remove(callback)

        return off

    # -- the queue, for learners (labelwidget.active): positions are rows of ``df`` -----------
    @property
    def position(self) -> int | None:
        """Row position in ``df`` of the task shown, or None when there are no tasks."""
        return self._pos

    @property
    def task_states(self) -> np.ndarray:
        """Per row position: ``queue.UNLABELED``, ``DONE`` or ``SKIPPED`` (read-only)."""
        return _read_only(self._queue.state)

    @property
    def task_order(self) -> np.ndarray:
        """Row positions in the order "next" walks them (read-only)."""
        return _read_only(self._queue.order)

    def reorder(self, positions) -> None:
        """Walk the tasks at ``positions`` first, in that order; the others follow in their
        current order. The task shown stays; "next" goes on from it in the new order."""
        self._queue.reorder(positions)
        self._refresh(jump=False)  # the tasks the browser holds ahead follow the new order

    @property
    def results(self) -> pd.DataFrame:
        """Every submit, skip and undo, one row per control value (long format): with a store,
        those it held when opened (earlier sessions, other annotators) come first."""
        columns = ["task", "control", "value", "kind", "annotator", "created_at", "lead_time",
                   "skipped", "origin", "model_version", "score"]
        # One copy, read once: a submit made on another thread can land while this runs, and
        # pandas reads the list more than once (a browser test saw 5 values for 6 rows).
        rows = list(self._results)
        frame = pd.DataFrame(rows, columns=columns)
        # Cells are JSON values (lists, dicts, None): keep them as they are, no NaN.
        frame["value"] = pd.Series([r["value"] for r in rows], dtype=object)
        frame["created_at"] = pd.to_datetime(frame["created_at"], utc=True, format="ISO8601")
        return frame

    # -- browser messages ----------------------------------------------------------------------
    def _on_toolbar_msg(self, _widget, content, _buffers) -> None:
        error = None
        try:
            msg = self.toolbar.read(content)
            if msg is None:
                return  # not a message of this contract
            if msg["type"] == "edits":
                pos = self._key_pos.get(msg["task"])
                if pos is not None:  # the browser changed its copy of a task's edit history
                    self._edits.apply(pos, msg["op"], msg.get("entry"))
                return
            self._navigate_from_browser(msg)
        except (ValueError, KeyError) as exc:
            error = str(exc).strip("'\"")
            self.toolbar.status = {"kind": "error", "text": error}
        self.toolbar.ack(content.get("seq"), error)

    def _navigate_from_browser(self, msg: NavigateMsg) -> None:
        action = msg.get("action")
        self._depth.browser_holds(msg.get("ahead"))
        if action in ("undo", "undo_submit"):
            self.undo_submit()
            return
        if action == "redo_submit":
            self.redo_submit()
            return
        if self.toolbar.status.get("kind") == "info":
            self.toolbar.status = {"kind": "info", "text": ""}  # said about an earlier step
        pos = self._pos_of(msg.get("task"))
        lead_time = _seconds(msg.get("lead_time"))
        if action == "submit":
            sent = msg.get("values") or {}
            if not isinstance(sent, Mapping):
                raise ValueError(f"values from the browser must be an object, got {short(sent)}")
            values = {**self._values(pos), **sent}
            try:
                self._submit(pos, values, lead_time=lead_time)
            except ValueError:
                # Keep what the user entered and bring the task back, so nothing is lost.
                self._drafts[pos] = {k: v for k, v in values.items() if k in self._controls}
                self._bump(pos)
                self._go(pos)
                raise
        elif action == "skip":
            try:
                self._skip(pos, lead_time=lead_time)
            except ValueError:
                self._go(pos)  # the browser moved on; bring the task back, it was not saved
                raise
        elif action not in ("next", "previous"):
            raise ValueError(f"unknown action {action!r}")
        target = msg.get("to")
        if target is not None:
            self._pos = self._pos_of(target)
            self._shown_at = time.monotonic()
            self._refresh(jump=False)
        elif action in ("submit", "skip", "next"):
            self._advance(pos, jump=True)
        else:
            self._refresh(jump=False)

    def _on_edit(self, change) -> None:
        if self._refreshing:
            return  # Python showing a task's values is not an edit (a late suggestion must win)
        widget = change["owner"]
        key = widget.task
        if not key or key not in self._key_pos:
            return
        pos = self._key_pos[key]
        self._touch(pos)
        drafts = self._drafts.setdefault(pos, {})
        for name, value in (change["new"] or {}).items():
            if name in self._controls:
                drafts[name] = value
        if any(self._controls[n].scope == "region" for n in widget.controls if n in self._controls):
            self._settle_relations(pos)
        if self._pos is not None:
            self.toolbar.progress = self._progress(self._pos)  # the count of unsaved edits

    def _on_filter(self, change) -> None:
        self._queue.only_unlabeled = bool(change["new"])
        self._refresh(jump=False)

    # -- recording -------------------------------------------------------------------------------
    def _submit(self, pos: int, values: Mapping[str, Any], lead_time: float | None,
                redoing: bool = False) -> None:
        checked: dict[str, Any] = {}
        problems = self._data_problems(pos)
        unset: list[str] = []
        for name, tag in self._controls.items():
            value = plain(values.get(name))
            if _empty(value) or (tag.per_region and value == {}):
                unset.append(name)
                # "looked, nothing to mark" is an answer ("" or []), unlike None (unlabeled)
                checked[name] = None if tag.per_region else tag.empty_answer()
                continue
            try:
                checked[name] = tag.check_cell(value, RowView(self.df, pos))
            except ValueError as exc:
                problems.append(f"{name}: {exc}")
        if self._relations is not None and isinstance(checked.get(self._relations.name), list):
            # relations of regions deleted since they were drawn go with them
            checked[self._relations.name] = without_lost_ends(
                checked[self._relations.name], region_ids(self.config, checked))
        # Label Studio's rules: per-region values follow their regions, a control hidden by a
        # choice is not submitted, and only a control that shows can be required.
        checked, missing = settle(self.config, checked, RowView(self.df, pos))
        for name in unset:
            tag = self._controls[name]
            if tag.attrs.get("required") and required_blocks(tag, self.config, checked):
                problems.append(tag.attrs.get("requiredMessage") or f"{name} is required")
        problems += missing + items_missing(self.config, checked, RowView(self.df, pos))
        if not problems and all(v is None for v in checked.values()):
            # Only controls without an empty value (Rating, Number), none set: storing None
            # would look unlabeled while the counter said done.
            problems.append(f"nothing to submit: give {', '.join(checked)} a value, or skip "
                            "the task" if checked else "nothing to submit: the config has no "
                            "control tag (Choices, Labels, TextArea ...) to label with; skip "
                            "the task")
        if problems:
            message = f"cannot submit task {plain(self.df.index[pos])!r}: " + "; ".join(problems)
            self.toolbar.status = {"kind": "error", "text": message}
            raise ValueError(message)
        previous = self._cells(pos)
        origin, provenance = self._origin(pos, checked)
        self._persist(pos, "submit", checked, lead_time, origin, provenance)
        for name, value in checked.items():
            write_cell(self.df, pos, self.config.column(name), value)
        self._history.append(Step(pos, "submit", previous, int(self._queue.state[pos])))
        self._queue.set_state(pos, DONE)
        self._drafts.pop(pos, None)
        self._touch(pos)
        self._edits.clear(pos)
        if not redoing:
            self._redo_steps.clear()  # a new submit: what was undone before stays undone
        self._sync_undo_info()
        self._log(pos, "submit", checked, lead_time, origin, provenance)
        self._share(settled=pos)
        for callback in list(self._submit_callbacks):
            callback(plain(self.df.index[pos]), dict(checked))

    def _data_problems(self, pos: int) -> list[str]:
        row = RowView(self.df, pos)
        found = []
        for part in self._parts:
            problem = part.problem(row)
            if problem:
                found.append(f"its data cannot be shown ({problem}); skip it instead")
        return found

    def _skip(self, pos: int, lead_time: float | None, redoing: bool = False) -> None:
        previous = self._cells(pos)
        self._persist(pos, "skip", {}, lead_time)
        self._history.append(Step(pos, "skip", previous, int(self._queue.state[pos])))
        self._queue.set_state(pos, SKIPPED)
        self._touch(pos)
        if not redoing:
            self._redo_steps.clear()
        self._sync_undo_info()
        self._log(pos, "skip", {}, lead_time)
        self._share(settled=pos)

    def _log(self, pos: int, kind: str, values: Mapping[str, Any], lead_time,
             origin: str = "manual", provenance: Mapping[str, Any] | None = None) -> None:
        provenance = provenance or {}
        base = {
            "task": plain(self.df.index[pos]),
            "kind": kind,
            "annotator": self.annotator,
            "created_at": _now(),
            "lead_time": lead_time,
            "skipped": kind == "skip",
            "origin": origin,
            "model_version": provenance.get("model_version"),
            "score": provenance.get("score"),
        }
        if not values:
            self._results.append({**base, "control": None, "value": None})
        for name, value in values.items():
            self._results.append({**base, "control": name, "value": value})

    def _persist(self, pos: int, kind: str, values: Mapping[str, Any], lead_time,
                 origin: str = "manual", meta: Mapping[str, Any] | None = None) -> None:
        """Write the event to the store (committed and fsynced) before anything shows it saved;
        a failure raises, so the caller keeps the values and reports "not saved"."""
        if self._store is None:
            return
        event = Event(task=self._placement.write_id(self.df, pos), kind=kind,
                      values=dict(values), lead_time=lead_time, origin=origin,
                      meta=dict(meta or {}),
                      data=row_fingerprint(self.df, pos, self.config.columns))
        try:
            stored = self._store.append(event)
            self._seq_rows[stored.seq] = pos
        except StoreError as exc:
            message = f"not saved: {exc}"
            self.toolbar.status = {"kind": "error", "text": message}
            raise ValueError(message) from exc

    def team_progress(self) -> dict[str, Any] | None:
        """The team's figures now (a shared store): tasks, done and needed (submissions),
        mine, and who else is working; None without task distribution."""
        if self._assignment is None:
            return None
        p = self._assignment.store.progress(self._assignment.overlap, self._assignment.lease)
        return {"tasks": p.tasks, "done": p.done, "needed": p.needed, "mine": p.mine,
                "working": list(p.working)}

    def _share(self, settled: int | None = None) -> None:
        """Renew and top up this annotator's claims; show only their share of the tasks
        (``settled``: the position just submitted or skipped, which stays theirs)."""
        if self._assignment is None:
            return
        try:
            self._queue.allowed = self._assignment.update(settled)
            self._team_text = self._assignment.progress_text()
        except StoreError as exc:  # the share stays as it was; the next submit tries again
            self._team_text = f"team progress unknown: {exc}"

    def _restorable(self, history: list, team: bool) -> list:
        """The events this widget restores into the DataFrame."""
        if team:  # this annotator's view: their own annotations, not the team's latest
            return [event for event in history if event.annotator == self.annotator]
        return history

    def _open_store(self, store, force: bool = False, *, team: bool = False,
                    lease: float = 300.0):
        xml = self.config.xml
        own = config_hash(xml)
        if len(self.df):
            # Every label must be storable; object indexes can mix types, so check them all.
            labels = self.df.index if self.df.index.dtype == object else self.df.index[:1]
            try:
                for label in labels:
                    encode_task(plain(label))
            except ValueError as exc:
                raise ValueError(f"store={str(store)!r}: {exc} "
                                 "(e.g. df.index = df.index.astype(str))") from None
        self._store = open_store(store, annotator=self.annotator, config_hash=own,
                                 config_xml=xml, force=force, lease=lease)
        if is_shared(store):
            self._store_path = str(store)
        else:  # exports still find it after a chdir
            self._store_path = str(Path(str(store).removeprefix("sqlite:///")).resolve())
        self._store_hint = f"saved to {self._store.path}"
        history = self._restorable(self._store.history(), team)
        restored = replay(history, self.df, self.config,
                          self._store.config_hashes(), own, self.annotator)
        self._placement = restored.placement
        self._seq_rows = dict(restored.rows)
        # ann.results starts with what the store holds: after a restart it still shows the
        # earlier sessions' submits, skips and undos, then this session's; each under the label
        # of the row it was restored onto (rows read in another order move with their data).
        self._results = [
            row for event in history
            for row in _result_rows(event, self._label_of_seq(event.seq))]
        write_cells(self.df, restored.cells, self.config)
        for message in restored.warnings:
            warnings.warn(message, StoreWarning, stacklevel=3)
        return restored

    def _label_of_seq(self, seq: int | None) -> Any:
        pos = self._seq_rows.get(seq)
        return None if pos is None else plain(self.df.index[pos])

    def close(self) -> None:
        """Release the store (another kernel may then open it under the same annotator)."""
        if self._store is not None:
            self._store.close()

    # -- state -----------------------------------------------------------------------------------
    def _labeled(self) -> np.ndarray:
        labeled = np.zeros(len(self.df), dtype=bool)
        for column in self.config.control_columns:
            labeled |= ~missing_mask(self.df[column])
        return labeled

    def _advance(self, pos: int, jump: bool) -> None:
        following = self._queue.scan(pos, +1, 1)
        if not following and self._assignment is not None:
            self._share()  # the share ran out: ask the store for more
            following = self._queue.scan(pos, +1, 1)
        if following:
            self._pos = following[0]
            self._shown_at = time.monotonic()
            self._refresh(jump=jump)
            return
        remaining = self._queue.remaining()
        text = ("all tasks are labeled" if remaining == 0
                else f"end of the queue; {remaining} task(s) still unlabeled earlier on")
        self._refresh(jump=jump)
        self.toolbar.status = {"kind": "info", "text": text}

    def _go(self, pos: int) -> None:
        self._pos = pos
        self._shown_at = time.monotonic()
        self._refresh(jump=True)

    def _bump(self, pos: int) -> None:
        self._rev[pos] = self._rev.get(pos, 0) + 1

    def _touch(self, pos: int) -> None:
        """The task's values changed without a new rev: its payloads are built again."""
        self._touched[pos] = self._touched.get(pos, 0) + 1

    def _stamp(self, pos: int) -> tuple[int, int, int]:
        return self._rev.get(pos, 0), self._touched.get(pos, 0), int(self._queue.state[pos])

    def _payload(self, part, pos: int) -> dict:
        key = self._key(pos)
        payload = part.widget.payload(key, part.data(RowView(self.df, pos)),
                                      self._part_value(part, pos), self._rev.get(pos, 0))
        if part.controls:  # the browser tells an edit from the submitted values
            payload["base"] = self._part_base(part, pos)
        return payload

    # -- values and payloads -----------------------------------------------------------------------
    def set_item(self, control: str, index: int, value: Any) -> None:
        """Set item ``index``'s value of a control inside a ``<Repeater>`` (its pager shows
        that item in the browser), as a click on that item would."""
        tag = self._control(control)
        if getattr(tag, "repeater", None) is None:
            raise ValueError(f"{tag.name} is not inside a <Repeater>: use set()")
        count = count_of(RowView(self.df, self._require_task()), tag.repeater)
        if not isinstance(index, int) or not 0 <= index < count:
            raise ValueError(f"{tag.name}: item {index!r} is out of range: this task has "
                             f"{count} items")
        cell = list(self._values(self._require_task())[tag.name] or [])
        cell += [None] * (count - len(cell))
        cell[index] = value
        self.show_item(index)
        self.set(tag.name, cell)

    def show_item(self, index: int) -> None:
        """Page every ``<Repeater>`` of the config to item ``index`` (as its pager does)."""
        for part in self._parts:
            if isinstance(part.widget, RepeaterWidget):
                part.widget.index = index

    def _control(self, name: str):
        if name not in self._controls:
            by_column = {self.config.column(n): n for n in self._controls}
            if name in by_column:
                return self._controls[by_column[name]]
            known = ", ".join(self._controls) or "none"
            raise ValueError(f"no control named {name!r} (controls: {known})")
        return self._controls[name]

    def _check(self, tag, value, pos: int):
        try:
            return tag.check_cell(value, RowView(self.df, pos))
        except ValueError as exc:
            raise ValueError(f"{tag.name}: {exc}") from None

    def _position(self, task_id: Any) -> int:
        """The row of one task id; a list, slice or partial date is not one task."""
        try:
            hash(task_id)
        except TypeError:
            raise TypeError(f"a task id is one index label, got a {type(task_id).__name__}: "
                            f"{short(task_id)}") from None
        try:
            pos = self.df.index.get_loc(task_id)
        except (KeyError, TypeError, ValueError, pd.errors.InvalidIndexError):
            raise KeyError(f"no task with id {short(task_id)} in the DataFrame index") from None
        if not isinstance(pos, (int, np.integer)):
            raise KeyError(f"{short(task_id)} matches several tasks, not one; give the full "
                           "task id") from None
        return int(pos)

    def _cells(self, pos: int) -> dict[str, Any]:
        """The task's cells by control name (read from each control's column)."""
        return {name: read_cell(self.df, pos, self.config.column(name)) for name in self._controls}

    def _require_task(self) -> int:
        if self._pos is None and self._assignment is not None:
            self._share()  # others' leases may have run out since
            self._pos = self._queue.first_unlabeled()
            if self._pos is not None:
                self._refresh(jump=True)
                return self._pos
            raise ValueError(_NOTHING_FOR_YOU)
        if self._pos is None:
            raise ValueError("there are no tasks: the DataFrame is empty")
        return self._pos

    def _base_values(self, pos: int) -> dict[str, Any]:
        """What the task shows without edits: its submitted cells, or a suggestion."""
        values = self._cells(pos)
        suggestion = self._suggestion(pos)
        if suggestion is not None:
            values.update({k: v for k, v in suggestion.values.items() if k in values})
        if self._defaults and self._queue.state[pos] != DONE:
            # As in Label Studio, a Rating/Number defaultValue is shown pre-filled on a task not
            # submitted yet and is what a submit records unless changed; until then the task is
            # not labeled (its cell stays None). Before the drafts: a control the user cleared
            # stays empty, as the widget shows it.
            for name, default in self._defaults.items():
                if _empty(plain(values.get(name))):
                    values[name] = default
        if self._row_defaults and self._queue.state[pos] != DONE:
            # Shown from the task's own data (a Ranker: its items in list order) and what a
            # submit records untouched, in Python as in the browser and in Label Studio.
            row = RowView(self.df, pos)
            for name, tag in self._row_defaults.items():
                if values.get(name) is None:
                    default = tag.row_default(row)
                    if default is not None:
                        values[name] = default
        return values

    def _values(self, pos: int) -> dict[str, Any]:
        values = self._base_values(pos)
        values.update(self._drafts.get(pos, {}))
        return values

    def _unsaved(self, pos: int) -> bool:
        """Whether the task shows edits that are not submitted."""
        drafts = self._drafts.get(pos)
        if not drafts:
            return False
        base = self._base_values(pos)
        return any(not _same(value, base.get(name)) for name, value in drafts.items())

    @property
    def unsaved(self) -> list:
        """Ids of the tasks with edits not submitted (shown as "edited — not submitted")."""
        return [plain(self.df.index[p]) for p in sorted(self._drafts) if self._unsaved(p)]

    def _part_value(self, part, pos: int) -> dict[str, Any]:
        values = self._values(pos)
        return {tag.name: values.get(tag.name) for tag in part.controls}

    def _part_base(self, part, pos: int) -> dict[str, Any]:
        values = self._base_values(pos)
        return {tag.name: values.get(tag.name) for tag in part.controls}

    def _key(self, pos: int) -> str:
        key = task_key(self.df.index[pos])
        self._key_pos[key] = pos
        return key

    def _pos_of(self, key: Any) -> int:
        if not isinstance(key, str) or key not in self._key_pos:
            raise KeyError(f"unknown task key {short(key)} from the browser")
        return self._key_pos[key]

    def _refresh(self, jump: bool) -> None:
        """Push the shown task and those around it to every widget, and the toolbar state."""
        self._refreshing = True
        try:
            self._refresh_now(jump)
        finally:
            self._refreshing = False

    def _refresh_now(self, jump: bool) -> None:
        pos = self._pos
        if pos is None:
            label = "no tasks"
            if self._assignment is not None:
                label = _NOTHING_FOR_YOU
                self.toolbar.status = {"kind": "info", "text": _NOTHING_FOR_YOU}
            self.toolbar.progress = {"done": 0, "skipped": 0, "total": 0, "label": label,
                                     "team": self._team_text}
            return
        ahead = self._queue.scan(pos, +1, self._depth.depth)
        behind = self._queue.scan(pos, -1, BEHIND)
        window = [pos, *ahead, *behind]
        self._ensure_predictions(window)
        keys = {p: self._key(p) for p in window}
        center = keys[pos]
        stamps = {p: self._stamp(p) for p in window}
        for index, part in enumerate(self._parts):
            tasks = {keys[p]: self._payloads.get(index, p, stamps[p],
                                                 lambda p=p, part=part: self._payload(part, p))
                     for p in window}
            with part.widget.hold_sync():
                part.widget.tasks = tasks
                if jump or part.widget.task != center:
                    part.widget.task = center
                    part.widget.value = self._part_value(part, pos)
        suggestions = {
            keys[p]: self._payloads.get("suggestion", p, stamps[p], lambda p=p: (
                self.suggestion.payload(keys[p], SuggestionData(
                    predictions=[pr.to_dict() for pr in self._predicted.get(p, [])],
                    labeled=bool(self._queue.state[p] != UNLABELED),
                    note=self._cache.notes.get(p, "") if self._cache is not None else "",
                ), {}, self._rev.get(p, 0))))
            for p in window
        }
        self._payloads.settle()
        with self.suggestion.hold_sync():
            self.suggestion.tasks = suggestions
            if jump or self.suggestion.task != center:
                self.suggestion.task = center
        if jump:
            self._jump += 1
        with self.toolbar.hold_sync():
            self.toolbar.nav = {
                "center": center,
                "prev": [keys[p] for p in behind],
                "next": [keys[p] for p in ahead],
                "jump": self._jump,
            }
            self.toolbar.progress = self._progress(pos)
            if self._prediction_error:
                self.toolbar.status = {"kind": "error", "text": self._prediction_error}
                self._prediction_status = self._prediction_error
                self._prediction_error = ""
            elif jump:
                self.toolbar.status = {"kind": "info", "text": ""}

    # -- bind-time check of image cells ---------------------------------------------------------
    def _start_image_check(self) -> threading.Thread | None:
        """Check every task's image cells in a background thread, so bad rows (missing files,
        cells that are not images) are named in the progress line before they are reached."""
        if not any(isinstance(tag, Image) and tag.column for tag in self.config.objects.values()):
            return None
        thread = threading.Thread(target=self._check_images, name="labelwidget-image-check",
                                  daemon=True)
        thread.start()
        return thread

    def _check_images(self) -> None:
        found = []
        for pos in range(len(self.df)):
            if pos % 200 == 0:
                time.sleep(0)  # let the kernel's own thread run between batches
            try:
                row = RowView(self.df, pos)
                if any(part.problem(row) for part in self._parts):
                    found.append(plain(self.df.index[pos]))
            except Exception:  # a check must never break labeling
                continue
        self._unshowable = found
        if found and self._pos is not None:
            self.toolbar.progress = self._progress(self._pos)

    def _progress(self, pos: int) -> dict:
        names = {UNLABELED: "unlabeled", DONE: "done", SKIPPED: "skipped"}
        state = names[int(self._queue.state[pos])]
        edited = self._unsaved(pos)
        if edited:
            state += ", edited — not submitted"
        progress = {
            "done": self._queue.counts[DONE],
            "skipped": self._queue.counts[SKIPPED],
            "total": len(self.df),
            "position": pos,
            "edited": edited,
            "unsaved": sum(self._unsaved(p) for p in list(self._drafts)),
            "label": f"task {plain(self.df.index[pos])!r} ({pos + 1} of {len(self.df)}, {state})",
        }
        if self._unshowable:
            shown = ", ".join(repr(t) for t in self._unshowable[:5])
            more = f" and {len(self._unshowable) - 5} more" if len(self._unshowable) > 5 else ""
            progress["problems"] = (f"{len(self._unshowable)} task(s) cannot be shown: "
                                    f"{shown}{more}")
        allowed = self._queue.allowed
        if allowed is not None:  # a team store: my share so far, and the team's figures
            progress.update(done=int(((self._queue.state == DONE) & allowed).sum()),
                            skipped=int(((self._queue.state == SKIPPED) & allowed).sum()),
                            total=int(allowed.sum()), team=self._team_text)
        return progress

    def _help(self) -> list[list[str]]:
        keys = self.toolbar.shortcuts
        what = {"undo_edit": "undo the last edit of this task",
                "redo_edit": "redo the edit undone last",
                "undo_submit": "undo the last submit or skip (says which)",
                "redo_submit": "redo the submit or skip undone last"}
        rows = [[" / ".join(keys.get(a, [])), what.get(a, a)]
                for a in ("submit", "skip", "previous", "next", *what)]
        if any(tag.scope == "region" for tag in self._controls.values()):
            rows.append(["delete / backspace", "remove the selected region"])
            rows.append(["escape", "clear the selection, then the armed labels"])
        for name, tag in self._controls.items():
            for key, value in tag.hotkeys().items():
                rows.append([key, f"{name}: {value}"])
        for name, tag in self.config.objects.items():
            for key, value in tag.keys().items() if hasattr(tag, "keys") else ():
                rows.append([key, f"{name}: {value}"])  # an Audio's playback keys
        return rows
