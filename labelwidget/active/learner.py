"""The active learner: refits a copy of the model in the background as labels come, then (on the
kernel's main thread) reorders the queue and pre-fills suggestions. See the package docstring.

About 470 lines, one class kept whole on purpose: which thread runs what (a fit on the worker,
its result applied on the loop's thread, stale generations dropped) is checked in one place.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from ..kernel import in_kernel
from ..predictions.adapters import features_of, model_name, proba_predictions
from ..queue import UNLABELED
from ..tasks import is_missing, missing_mask, plain
from .evaluation import _clone, _take, _thread_limit, evaluate
from .status import StatusLine
from .strategies import STRATEGIES, mix_random, uncertainty


@dataclass
class _Snapshot:
    generation: int
    labeled: np.ndarray  # positions
    y: np.ndarray
    candidates: np.ndarray  # positions of unlabeled tasks to score
    agreement: float | None


@dataclass
class _Fit:
    snapshot: _Snapshot
    model: Any
    accuracy: float | None
    evaluated_on: int | None
    scores: np.ndarray
    proba: np.ndarray
    seconds: float
    note: str = ""


@dataclass
class _Failed:
    snapshot: _Snapshot
    error: str
    details: str = field(repr=False, default="")


class ActiveLearner(StatusLine):
    """Refit ``model`` on the labels of ``control`` as they come, label the most uncertain
    tasks first, and pre-fill the model's suggestions.

    ``model``: anything with ``fit(X, y)`` and ``predict_proba(X)`` (and ``classes_`` after
    fitting); it is copied (``sklearn.base.clone``, else ``deepcopy``) for every fit, so the
    object passed in is never fitted in place. ``control``: a single-choice classification
    control (Choices, Rating, Pairwise ...).

    Options:
      ``features``: the model input: a data column (default: the column the control's object
        tag shows, e.g. ``$text``; a list of its values is passed), a list of columns (a
        DataFrame), or a function ``rows -> X``. It is computed once for all tasks.
      ``every``: refit after this many new labels (default 5).
      ``min_labels``: labels needed before the first fit (default: ``every``; at least two
        classes are needed too).
      ``strategy``: ``"least_confidence"`` (default), ``"margin"``, ``"entropy"``, or a function
        ``proba (rows x classes) -> scores`` (higher = label first).
      ``random_share``: share of the queue filled with random unlabeled tasks (default 0.1).
      ``evaluation``: ``"cv"`` (stratified ``folds``-fold cross-validation, default),
        ``"holdout"`` (a stratified ``holdout`` share of the labels held out), or None.
      ``suggest``: pre-fill the model's suggestions into the next ``prefill`` tasks (default
        True, 50), with ``alternatives`` classes each (default 1; 2+ lets the annotator switch).
      ``max_candidates``: score at most this many unlabeled tasks per fit (a random sample).
      ``background``: fit in a thread (default: when a kernel's event loop is running).
      ``seed``: for the random share, folds and samples.
      ``blas_threads``: BLAS/OpenMP threads while fitting (default 1, so a fit leaves the
        kernel's thread a core; None keeps the libraries' default).
      ``show``: add the status line (accuracy, queue strategy) under the annotator.
    """

    def __init__(self, annotator: Any, model: Any, control: str, *,
                 features: str | Sequence[str] | Callable | None = None, every: int = 5,
                 min_labels: int | None = None, strategy: str | Callable = "least_confidence",
                 random_share: float = 0.1, evaluation: str | None = "cv", folds: int = 5,
                 holdout: float = 0.2, suggest: bool = True, prefill: int = 50,
                 alternatives: int = 1, max_candidates: int | None = None,
                 background: bool | None = None, seed: int | None = 0,
                 label_map: Any = None, show: bool = True, blas_threads: int | None = 1):
        self.annotator = annotator
        self.model = model
        self.control = control
        self._tag = self._check_control(annotator, control)
        for method in ("fit", "predict_proba"):
            if not callable(getattr(model, method, None)):
                raise TypeError(f"learn() needs a model with fit() and predict_proba(); "
                                f"{type(model).__name__} has no {method}()")
        if isinstance(strategy, str) and strategy not in STRATEGIES:
            raise ValueError(f"strategy={strategy!r}: use one of {', '.join(STRATEGIES)} or a "
                             "function proba -> scores")
        if not callable(strategy) and not isinstance(strategy, str):
            raise TypeError("strategy must be a name or a function proba -> scores")
        if evaluation not in ("cv", "holdout", None):
            raise ValueError(f"evaluation={evaluation!r}: use 'cv', 'holdout' or None")
        if not 0 <= random_share <= 1:
            raise ValueError(f"random_share={random_share!r} must be between 0 and 1")
        self.features = features if features is not None else self._default_features()
        self.every = max(1, int(every))
        self.min_labels = max(2, int(min_labels if min_labels is not None else self.every))
        self.strategy = strategy
        self.random_share = float(random_share)
        self.evaluation = evaluation
        self.folds = max(2, int(folds))
        self.holdout = float(holdout)
        self.suggest = bool(suggest)
        self.prefill = max(0, int(prefill))
        self.alternatives = max(1, int(alternatives))
        self.max_candidates = max_candidates
        self.label_map = label_map
        self.blas_threads = blas_threads
        self.seed = seed
        self._rng = np.random.default_rng(seed)
        self._multiple = bool(getattr(self._tag, "multiple", False))

        try:
            self._loop = asyncio.get_running_loop()
        except RuntimeError:
            self._loop = None
        # Background only in a kernel: other programs run loops too (Playwright's sync API keeps
        # one running in the main thread), where nothing would apply a finished fit.
        default = self._loop is not None and in_kernel()
        self.background = default if background is None else bool(background)

        self.model_: Any = None  # the latest fitted copy
        self.model_version: str | None = None
        self.scores = pd.Series(dtype=float, name="uncertainty")
        self.ranking: list = []
        self.random_tasks: list = []
        self.error: str | None = None
        self._rows: list[dict] = []
        self._fits = 0  # fits applied
        self._started = 0  # fits started
        self._since = 0  # labels since the last fit started
        self._generation = 0
        self._pending = False
        self._stopped = False
        self._thread: threading.Thread | None = None
        self._ready: _Fit | _Failed | None = None
        self._lock = threading.Lock()
        self._data: pd.DataFrame | None = None
        self._X_all: Any = None
        self._suggested: dict[Any, Any] = {}  # task -> the label suggested by the latest fit
        self._agree = [0, 0]  # suggestions accepted, submits with a suggestion (since the fit)

        self.widget = None
        if show:
            import ipywidgets as ipw

            self.widget = ipw.HTML(value="", _dom_classes=["lw-learner"])
            box = annotator.widget
            box.children = (*box.children, self.widget)
        self._unsubscribe = annotator.on_submit(self._on_submit)
        self._status("waiting for labels")
        self._maybe_fit(force=False)

    # -- setup ---------------------------------------------------------------------------------
    @staticmethod
    def _check_control(annotator, control: str):
        controls = annotator.config.controls
        if control not in controls:
            raise ValueError(f"learn(): no control named {control!r} (controls: "
                             f"{', '.join(controls) or 'none'})")
        tag = controls[control]
        if getattr(tag, "scope", "task") != "task":
            raise ValueError(f"learn() needs a classification control; <{tag.tag} "
                             f'name="{control}"> labels regions')
        if getattr(tag, "multiple", False):
            raise ValueError(f'learn() needs a single-choice control; <{tag.tag} name="'
                             f'{control}"> allows several choices (choice="multiple")')
        return tag

    def _default_features(self) -> str:
        config = self.annotator.config
        for target in getattr(self._tag, "to_name", None) or []:
            obj = config.objects.get(target)
            column = getattr(obj, "column", None)
            if column and column in self.annotator.df.columns:
                return column
        columns = [c for c in config.columns if c in self.annotator.df.columns]
        if len(columns) == 1:
            return columns[0]
        raise ValueError(f"learn(): say what the model reads: features='column', a list of "
                         f"columns or a function rows -> X (the config reads {columns})")

    # -- public ----------------------------------------------------------------------------------
    @property
    def history(self) -> pd.DataFrame:
        """One row per fit: n_labels, accuracy (cross-validated or held out), evaluation,
        evaluated_on (labels scored), agreement (share of the previous fit's suggestions the
        annotator kept), model_version, fit_seconds."""
        columns = ["n_labels", "accuracy", "evaluation", "evaluated_on", "agreement",
                   "model_version", "fit_seconds"]
        return pd.DataFrame(list(self._rows), columns=columns)  # one copy: see Annotator.results

    @property
    def busy(self) -> bool:
        """True while a fit runs or waits to be applied."""
        return self._thread is not None or self._ready is not None

    def refit(self) -> ActiveLearner:
        """Fit now (if there are enough labels); in the background when ``background``."""
        self._maybe_fit(force=True)
        return self

    def wait(self, timeout: float | None = None) -> ActiveLearner:
        """Block until the running fit (and any fit queued behind it) is applied. Call it from
        the main thread (a script, a test, a notebook cell that submits in a loop)."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            thread = self._thread
            if thread is not None:
                left = None if deadline is None else max(0.0, deadline - time.monotonic())
                thread.join(left)
                if thread.is_alive():
                    raise TimeoutError(f"the model is still fitting after {timeout} s")
            self._deliver()
            if self._thread is None and self._ready is None:
                return self

    def predict(self, tasks: Sequence | None = None) -> pd.DataFrame:
        """The latest model's class probabilities for ``tasks`` (task ids; default: all)."""
        if self.model_ is None:
            raise ValueError("the model is not fitted yet: label more tasks (or call refit())")
        df = self.annotator.df
        pos = (np.arange(len(df)) if tasks is None
               else np.asarray([df.index.get_loc(t) for t in tasks], dtype=int))
        proba = np.asarray(self.model_.predict_proba(_take(self._features_all(), pos)))
        return pd.DataFrame(proba, index=df.index[pos],
                            columns=[plain(c) for c in self.model_.classes_])

    def stop(self) -> None:
        """Stop learning: no more fits, the status line goes away."""
        self._stopped = True
        self._generation += 1
        self._unsubscribe()
        if self.widget is not None:
            box = self.annotator.widget
            box.children = tuple(c for c in box.children if c is not self.widget)

    # -- labels in, fits out ----------------------------------------------------------------------
    def _on_submit(self, task: Any, values: dict) -> None:
        self._deliver()  # outside a kernel, a finished background fit is applied here
        value = values.get(self.control)
        if self._stopped or is_missing(value) or value == "":
            return
        suggested = self._suggested.pop(task, None)
        if suggested is not None:
            self._agree[1] += 1
            self._agree[0] += int(plain(value) == suggested)
        self._since += 1
        self._maybe_fit(force=False)
        if self._fits and not self.busy and self.error is None:
            self._status_fitted()  # the countdown to the next refit

    def _labels(self) -> tuple[np.ndarray, np.ndarray]:
        column = self.annotator.df[self.annotator.config.column(self.control)]
        labeled = np.flatnonzero(~missing_mask(column))
        values = [plain(column.iat[p]) for p in labeled]
        # A typed array (ints for Rating, text for Choices): estimators refuse object labels.
        y = np.asarray(values) if values else np.asarray([], dtype=object)
        return labeled, y

    def _maybe_fit(self, force: bool) -> None:
        if self._stopped:
            return
        if not force and self._started and self._since < self.every:
            return
        labeled, y = self._labels()
        classes = len(set(y.tolist()))
        if len(labeled) < (2 if force else self.min_labels) or classes < 2:
            need = max(self.min_labels - len(labeled), 0)
            text = (f"{len(labeled)} labels; the model starts after {need} more"
                    if need else f"{len(labeled)} labels of {classes} class; the model needs "
                                 "labels of at least two classes")
            if not self._fits:
                self._status(text)
            return
        if self._thread is not None or self._ready is not None:
            self._pending = True  # fit again once the running one is applied
            return
        self._since = 0
        self._pending = False
        self._started += 1
        snapshot = self._snapshot(labeled, y)
        if self._data is None:
            df = self.annotator.df
            if isinstance(self.features, str):
                self._data = df[[self.features]].copy()
            elif isinstance(self.features, (list, tuple)):
                self._data = df[list(self.features)].copy()
            else:
                controls = set(self.annotator.config.control_columns)
                self._data = df[[c for c in df.columns if c not in controls]].copy()
        if not self.background:
            self._ready = self._fit(snapshot)
            self._deliver()
            return
        self._status_busy(len(labeled))
        self._thread = threading.Thread(target=self._run, args=(snapshot,), daemon=True,
                                        name="labelwidget-active-learning")
        self._thread.start()

    def _snapshot(self, labeled: np.ndarray, y: np.ndarray) -> _Snapshot:
        state = self.annotator.task_states
        candidates = np.flatnonzero(state == UNLABELED)
        if self.max_candidates is not None and len(candidates) > self.max_candidates:
            candidates = np.sort(self._rng.choice(candidates, size=int(self.max_candidates),
                                                  replace=False))
        seen, agreed = self._agree[1], self._agree[0]
        self._agree = [0, 0]
        return _Snapshot(self._generation, labeled, y, candidates,
                         agreed / seen if seen else None)

    def _features_all(self) -> Any:
        if self._X_all is None:
            data = self._data if self._data is not None else self.annotator.df
            X = features_of(self.features, data)
            try:
                n = len(X) if not hasattr(X, "shape") else X.shape[0]
            except TypeError:
                n = None
            if n is not None and n != len(data):
                raise ValueError(f"features gave {n} rows for {len(data)} tasks")
            self._X_all = X
        return self._X_all

    def _run(self, snapshot: _Snapshot) -> None:  # worker thread
        result = self._fit(snapshot)
        with self._lock:
            self._ready = result
        loop = self._loop
        if loop is not None:
            # A closed loop: wait() or the next submit applies the result instead.
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(self._deliver)

    def _fit(self, snapshot: _Snapshot) -> _Fit | _Failed:
        with _thread_limit(self.blas_threads):
            return self._fit_now(snapshot)

    def _fit_now(self, snapshot: _Snapshot) -> _Fit | _Failed:
        started = time.perf_counter()
        try:
            X_all = self._features_all()
            X = _take(X_all, snapshot.labeled)
            accuracy, evaluated_on, note = evaluate(
                self.model, X, snapshot.y, evaluation=self.evaluation, folds=self.folds,
                holdout=self.holdout, seed=self.seed)
            model = _clone(self.model)
            model.fit(X, snapshot.y)
            if len(snapshot.candidates):
                proba = np.asarray(model.predict_proba(_take(X_all, snapshot.candidates)),
                                   dtype=float)
                scores = uncertainty(proba, self.strategy)
            else:
                proba = np.zeros((0, len(getattr(model, "classes_", []))))
                scores = np.zeros(0)
        except Exception as exc:  # a user's model or features: report it, keep labeling
            return _Failed(snapshot, f"{type(exc).__name__}: {exc}", traceback.format_exc())
        return _Fit(snapshot, model, accuracy, evaluated_on, scores, proba,
                    time.perf_counter() - started, note)

    # -- main thread: apply --------------------------------------------------------------------
    def _deliver(self) -> None:
        with self._lock:
            result, self._ready = self._ready, None
        if result is None:
            return
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join()
        self._thread = None
        if self._stopped or result.snapshot.generation != self._generation:
            return
        if isinstance(result, _Failed):
            self.error = result.error
            self._status(f"the model could not be fitted: {result.error}", error=True)
        else:
            self.error = None
            self._apply(result)
        if self._pending:
            self._pending = False
            self._maybe_fit(force=True)

    def _apply(self, fit: _Fit) -> None:
        ann = self.annotator
        df = ann.df
        states, queue_order = ann.task_states, ann.task_order
        snap = fit.snapshot
        self._fits += 1
        self.model_ = fit.model
        self.model_version = f"{model_name(self.model)}@{len(snap.labeled)}"
        self._rows.append({
            "n_labels": len(snap.labeled), "accuracy": fit.accuracy,
            "evaluation": self.evaluation if fit.accuracy is not None else None,
            "evaluated_on": fit.evaluated_on, "agreement": snap.agreement,
            "model_version": self.model_version, "fit_seconds": fit.seconds,
        })

        # Rank the tasks still unlabeled (some were labeled while the model fitted).
        still = states[snap.candidates] == UNLABELED
        candidates, scores, proba = snap.candidates[still], fit.scores[still], fit.proba[still]
        by_score = np.argsort(-scores, kind="stable")
        ranked = candidates[by_score]
        self.scores = pd.Series(scores[by_score], index=df.index[ranked], name="uncertainty")
        order, drawn = mix_random(ranked, self.random_share, self._rng)
        # New queue: tasks done or skipped (as they were), the task on screen, the ranked
        # tasks, then unlabeled tasks not scored. "Next" from the task on screen (or from the
        # task just submitted) is then the most uncertain one.
        current = ann.position
        placed = np.zeros(len(df), dtype=bool)
        placed[order] = True
        if current is not None:
            placed[current] = True
            order = order[order != current]
        rest = queue_order[~placed[queue_order]]
        open_rest = states[rest] == UNLABELED
        middle = [np.asarray([current], dtype=np.int64)] if current is not None else []
        new_order = np.concatenate([rest[~open_rest], *middle, order, rest[open_rest]])
        ann.reorder(new_order.astype(np.int64))
        self.ranking = [plain(t) for t in df.index[order]]
        self.random_tasks = [plain(t) for t in df.index[drawn]]

        suggestions: dict[Any, list] = {}
        self._suggested = {}
        if self.suggest and len(order):
            row_of = {int(p): i for i, p in enumerate(candidates)}
            first = [int(p) for p in order[: self.prefill]]
            rows = np.asarray([row_of[p] for p in first if p in row_of], dtype=int)
            kept = [p for p in first if p in row_of]
            if len(rows):
                found = proba_predictions(proba[rows], list(fit.model.classes_), self.control,
                                          alternatives=self.alternatives,
                                          model_version=self.model_version,
                                          label_map=self.label_map)
                for p, predictions in zip(kept, found, strict=True):
                    task = plain(df.index[p])
                    suggestions[task] = predictions
                    self._suggested[task] = predictions[0].values[self.control]
        try:
            ann.set_predictions(suggestions)
        except ValueError as exc:  # a class the control does not have: say so, keep the order
            self._suggested = {}
            ann.set_predictions({})
            self._status(f"suggestions not shown: {exc}", error=True)
            return
        self._status_fitted()

