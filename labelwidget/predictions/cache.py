"""The Annotator's suggestions: asked of the source in batches ahead of the shown task, kept per
task, with what went wrong kept per task too. No Jupyter imports.

* A failed batch (an ML backend answering 500 or non-JSON, a model that raises or answers the
  wrong number of suggestions) leaves its tasks without suggestions *for now*: the message names
  them, stays on each of them (``note(pos)``, shown on the task), and the batch is asked again
  after a delay that doubles on each failure in a row (``retry_after`` up to ``max_retry``).
* A suggestion that is unusable (an unknown label, a span off the text) is left out; its task
  keeps a note saying which and why; the task's other suggestions are kept.
* Sources that may be slow (a model, an ML backend) are asked on a worker thread when the
  kernel's event loop runs, so a slow backend never holds navigation; the answer is applied on
  the loop's thread (``on_ready``). Elsewhere (a script, a test) they are asked in line.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
from collections.abc import Callable

from ..kernel import in_kernel
from .messages import listed, shorten
from .model import Prediction
from .sources import ColumnSource, MappingSource, MLBackendError, PredictionError

#: Seconds before a failed batch is asked again; doubles on each failure in a row.
RETRY_AFTER = 2.0
MAX_RETRY = 120.0


def _now() -> float:
    return time.monotonic()  # looked up at each call: tests replace _now



class PredictionCache:
    """Suggestions per task position. ``ask(positions)`` makes sure they were asked for.

    ``tasks_of(positions)`` gives the ``(task id, row)`` pairs a source takes; ``check(pos,
    task, prediction)`` checks one suggestion against the config (raises ValueError);
    ``on_ready(positions, message)`` is called (on the kernel's thread) when suggestions or
    failures arrive for ``positions``; ``message`` is a batch failure to show, or "".
    """

    def __init__(self, source, tasks_of: Callable, check: Callable, on_ready: Callable, *,
                 background: bool | None = None,
                 predicted: dict[int, list[Prediction]] | None = None):
        self.source = source
        self._tasks_of = tasks_of
        self._check = check
        self._on_ready = on_ready
        self.retry_after = RETRY_AFTER
        self.max_retry = MAX_RETRY
        self.predicted: dict[int, list[Prediction]] = {} if predicted is None else predicted
        self.notes: dict[int, str] = {}  # pos -> why it has no (or fewer) suggestions
        self._failed: set[int] = set()  # asked, failed as a batch: to be asked again
        self._delay = 0.0  # current backoff; 0 after a success
        self._retry_at = 0.0
        self._in_flight: set[int] = set()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._retry_handle = None
        try:
            self._loop = asyncio.get_running_loop()
        except RuntimeError:
            self._loop = None
        cheap = isinstance(source, (ColumnSource, MappingSource))
        default = not cheap and self._loop is not None and in_kernel()
        self.background = default if background is None else bool(background)

    @property
    def failing(self) -> bool:
        """True while some tasks wait for a failed batch to be asked again."""
        return bool(self._failed)

    # -- asking -------------------------------------------------------------------------------
    def waiting(self, positions: list[int]) -> list[int]:
        """Which of ``positions`` still need asking (not answered, not being asked)."""
        return [p for p in positions if p not in self.predicted and p not in self._in_flight]

    def ask(self, positions: list[int]) -> None:
        """Ask the source for the ``positions`` that have no answer yet (a batch: the caller
        passes the positions it wants plus those ahead). While a failure backs off, nothing is
        asked; the retry comes at the end of the delay (or at the next ask after it)."""
        self._deliver()  # outside an event loop, a finished background answer lands here
        todo = self.waiting(positions)
        if not todo or self._thread is not None:
            return
        if self._failed and _now() < self._retry_at:
            return
        # Retry the tasks of a failed batch together with the new ones.
        todo = list(dict.fromkeys([*todo, *sorted(self._failed - set(todo))]))
        tasks = self._tasks_of(todo)
        if not self.background:
            self._apply(todo, tasks, self._call(tasks))
            return
        self._in_flight.update(todo)
        self._thread = threading.Thread(target=self._run, args=(todo, tasks), daemon=True,
                                        name="labelwidget-predictions")
        self._thread.start()

    def wait(self, timeout: float | None = None) -> None:
        """Block until a running request is answered and applied (scripts and tests)."""
        thread = self._thread
        if thread is not None:
            thread.join(timeout)
            if thread.is_alive():
                raise TimeoutError(f"the prediction source is still answering after {timeout} s")
        self._deliver()

    def _call(self, tasks):
        try:
            return ("ok", self.source.predict(tasks))
        except PredictionError as exc:
            return ("partial", exc)
        except Exception as exc:  # a user's model or a backend: report it, keep labeling
            return ("failed", exc)

    def _run(self, todo, tasks) -> None:  # worker thread
        outcome = self._call(tasks)
        with self._lock:
            self._ready = (todo, tasks, outcome)
        loop = self._loop
        if loop is not None:
            with contextlib.suppress(RuntimeError):  # a closed loop: wait() applies it
                loop.call_soon_threadsafe(self._deliver)

    _ready: tuple | None = None

    def _deliver(self) -> None:
        with self._lock:
            ready, self._ready = self._ready, None
        if ready is None:
            return
        self._thread = None
        todo, tasks, outcome = ready
        self._in_flight.difference_update(todo)
        self._apply(todo, tasks, outcome)

    # -- answers ------------------------------------------------------------------------------
    def _apply(self, todo: list[int], tasks: list, outcome: tuple) -> None:
        kind, answer = outcome
        if kind == "failed" or (kind == "partial" and answer.answers is None):
            self._fail(todo, tasks, answer)
            return
        self._failed.difference_update(todo)
        self._delay = 0.0
        answers = answer if kind == "ok" else [a or [] for a in answer.answers]
        by_task = answer.by_task if kind == "partial" else {}
        problems: list[str] = []
        for i, (p, (task, _row), found) in enumerate(zip(todo, tasks, answers, strict=True)):
            kept, notes = [], list(by_task.get(i, []))
            for prediction in found:
                try:
                    kept.append(self._check(p, task, prediction))
                except ValueError as exc:
                    notes.append(str(exc))
            kept.sort(key=lambda pr: -(pr.score if pr.score is not None else float("-inf")))
            self.predicted[p] = kept
            if notes:
                self.notes[p] = shorten("suggestion left out: " + "; ".join(notes))
                problems.extend(notes)
            else:
                self.notes.pop(p, None)
        if kind == "partial" and not by_task:
            problems = [*answer.problems, *problems]
        message = ""
        if problems:
            shown = "; ".join(shorten(p, 200) for p in problems[:3])
            more = f"; ... and {len(problems) - 3} more" if len(problems) > 3 else ""
            message = f"suggestions left out: {shown}{more}"
        self._on_ready(todo, message)

    def _fail(self, todo: list[int], tasks: list, exc: Exception) -> None:
        first = not self._delay  # the toolbar says it once per run of failures; notes stay
        self._delay = min(self.max_retry, self._delay * 2 if self._delay else self.retry_after)
        self._retry_at = _now() + self._delay
        self._failed.update(todo)
        ids = [task for task, _row in tasks]
        what = (str(exc) if isinstance(exc, (PredictionError, MLBackendError))
                else f"{type(exc).__name__}: {exc}")
        cause = shorten(what, 240)
        note = shorten(f"no suggestion yet: {cause}; asking again in {self._delay:g} s")
        for p in todo:
            self.notes[p] = note
        message = (f"the prediction source failed, {len(ids)} task(s) left without suggestions "
                   f"for now ({listed(ids)}): {cause}; asking again in {self._delay:g} s")
        self._schedule_retry()
        self._on_ready(todo, message if first else "")

    def _schedule_retry(self) -> None:
        if self._loop is None or self._loop.is_closed():
            return  # asked again at the first ask() after the delay
        if self._retry_handle is not None:
            self._retry_handle.cancel()
        self._retry_handle = self._loop.call_later(self._delay, self._retry)

    def _retry(self) -> None:
        self._retry_handle = None
        self._retry_at = 0.0
        if self._failed:
            self.ask(sorted(self._failed))

    def close(self) -> None:
        if self._retry_handle is not None:
            self._retry_handle.cancel()
            self._retry_handle = None
