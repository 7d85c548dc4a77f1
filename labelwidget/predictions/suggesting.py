"""The Annotator's suggestions: which predictions pre-fill a task, asked of a source through the
:class:`~labelwidget.predictions.cache.PredictionCache` ahead of the shown task, checked against
the config, set by a script or a learner (``set_predictions``), and where a submit came from
(manual, a prediction, a changed prediction). A part of :class:`~labelwidget.Annotator` (it
reads the Annotator's queue, DataFrame and controls). No Jupyter imports.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..queue import UNLABELED
from ..tasks import RowView, plain
from ..values import is_empty
from .cache import PredictionCache
from .messages import shorten
from .model import Prediction
from .sources import as_source


def _provenance(prediction: Prediction) -> dict:
    return {k: v for k, v in (("model_version", prediction.model_version),
                               ("score", prediction.score)) if v is not None}


class Suggestions:
    """Predictions for :class:`~labelwidget.Annotator` (a mixin: ``_predicted`` maps a row
    position to its checked predictions, best first; ``_cache`` is None without a source)."""

    def _start_predictions(self, predictions: Any) -> None:
        self._source = as_source(predictions, self.config, self.df)
        self._cache = PredictionCache(
            self._source, self._prediction_tasks, self._checked_prediction,
            self._predictions_arrived, predicted=self._predicted)

    def _suggestion(self, pos: int) -> Prediction | None:
        """The prediction that pre-fills an unlabeled task (the first one, best first)."""
        if self._queue.state[pos] != UNLABELED:
            return None
        found = self._predicted.get(pos)
        return found[0] if found else None

    def predictions_for(self, task_id: Any) -> list[Prediction]:
        """The suggestions known for a task (asks the source if it was not asked yet)."""
        pos = self._position(task_id)
        self._ensure_predictions([pos])
        return list(self._predicted.get(pos, []))

    def _ensure_predictions(self, positions: list[int]) -> None:
        if self._cache is None:
            return
        todo = self._cache.waiting(positions)
        if not todo:
            return
        # Ask for a batch beyond the window, so a model is called every few tasks, not each.
        ahead = self._queue.scan(todo[-1], +1, self.prediction_batch)
        self._cache.ask(list(dict.fromkeys([*todo, *ahead])))

    def wait_for_predictions(self, timeout: float | None = None) -> None:
        """Block until suggestions being fetched in the background are applied (scripts)."""
        if self._cache is not None:
            self._cache.wait(timeout)

    def _prediction_tasks(self, positions: list[int]) -> list[tuple[Any, RowView]]:
        return [(plain(self.df.index[p]), RowView(self.df, p)) for p in positions]

    def _predictions_arrived(self, positions: list[int], message: str) -> None:
        """Suggestions (or a failure) for ``positions``: redraw those shown or held ahead."""
        for p in positions:
            self._bump(p)
        if message:
            self._prediction_error = message
        elif self._cache is not None and not self._cache.failing \
                and self.toolbar.status.get("text") == self._prediction_status:
            self.toolbar.status = {"kind": "info", "text": ""}  # the failure it told is over
        if not self._refreshing and self._pos is not None:
            self._refresh(jump=False)  # an answer from the background: show it now

    def _checked_prediction(self, pos: int, task: Any, prediction: Prediction) -> Prediction:
        values = {}
        for control, cell in prediction.values.items():
            if control not in self._controls:
                known = ", ".join(self._controls)
                raise ValueError(f"task {task!r}: no control named {control!r} (controls: {known})")
            if is_empty(cell):
                continue
            try:
                values[control] = self._controls[control].check_value(plain(cell),
                                                                     RowView(self.df, pos))
            except ValueError as exc:
                raise ValueError(shorten(f"task {task!r}, {control}: {exc}")) from None
        return Prediction(values, prediction.score, prediction.model_version, prediction.meta)

    def set_predictions(self, predictions: Mapping[Any, list[Prediction]]) -> None:
        """Replace the suggestions of some tasks ({task id: [Prediction]}); shown ones redraw."""
        for task, found in predictions.items():
            pos = self._position(task)
            self._predicted[pos] = [self._checked_prediction(pos, task, p) for p in found]
            self._bump(pos)
        self._refresh(jump=False)

    def _origin(self, pos: int, checked: Mapping[str, Any]) -> tuple[str, dict]:
        found = self._predicted.get(pos) or []
        if not found or self._queue.state[pos] != UNLABELED:
            return "manual", {}
        for prediction in found:
            if all(checked.get(c) == v for c, v in prediction.values.items()):
                return "prediction", _provenance(prediction)
        return "prediction-changed", _provenance(found[0])

    def _known_predictions(self) -> dict:
        return {plain(self.df.index[p]): [pr.to_dict(meta=True) for pr in found]
                for p, found in self._predicted.items() if found}
