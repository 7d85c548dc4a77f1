"""Suggestions written as Label Studio predictions (``{"result": [...], "score",
"model_version"}``) -> :class:`Prediction` lists per task: reading result items into cells,
checked against the config, with what was left out (and why) kept per task. No Jupyter imports.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ..config import LabelConfig
from .messages import MAX_LISTED, PredictionError, PredictionWarning, shorten
from .model import Prediction, plain_score


class LabelStudioPredictions(dict):
    """``{task id: [Prediction]}`` read from Label Studio tasks, with ``problems``: ``{task id:
    [what was wrong with each prediction left out]}``."""

    def __init__(self, found=(), problems: dict[Any, list[str]] | None = None):
        super().__init__(found)
        self.problems = dict(problems or {})


# -- Label Studio result items -> cells ----------------------------------------------------------


def _dumped(obj: Any) -> Any:
    """pydantic models (label-studio-ml's ModelResponse, the SDK's PredictionValue) as dicts."""
    if isinstance(obj, (Mapping, list, tuple, str)) or obj is None:
        return obj
    for method in ("model_dump", "dict", "to_json"):
        fn = getattr(obj, method, None)
        if callable(fn):
            try:
                return fn()
            except TypeError:
                continue
    return obj


def _is_result_item(item: Any) -> bool:
    return isinstance(item, Mapping) and "from_name" in item and "value" in item


def result_to_values(config: LabelConfig, result: Any, data: Any, where: str) -> dict[str, Any]:
    """Label Studio ``result`` items -> ``{control: cell}``, checked against ``config``.

    ``data`` is the task's data (a dict or a row view), which span and dynamic-option checks
    read. Problems raise :class:`PredictionError`, each naming ``where`` (e.g. ``task 7,
    prediction 0``), the result index and the control (``from_name``).
    """
    from ..formats.label_studio_results import _TaskReader

    problems: list[str] = []

    def report(index, message):
        at = f"{where}, result {index}" if index is not None else where
        problems.append(f"{at}: {message}")

    items = [_dumped(item) for item in result] if isinstance(result, (list, tuple)) else result
    cells, _ids = _TaskReader(config).cells(items, data, report)
    if problems:
        raise PredictionError(problems)
    return cells


def label_studio_prediction(config: LabelConfig, item: Any, data: Any, where: str,
                            default_version: str | None = None) -> Prediction:
    """One Label Studio prediction (``{"result", "score", "model_version", ...}``, a
    ``PredictionValue``, or a bare list of result items) as a :class:`Prediction`."""
    item = _dumped(item)
    if isinstance(item, (list, tuple)):
        item = {"result": list(item)}
    if not isinstance(item, Mapping):
        raise PredictionError([f"{where}: expected a Label Studio prediction (a dict with "
                               f"'result'), got {type(item).__name__}"])
    if "result" not in item:
        keys = ", ".join(map(str, item)) or "none"
        raise PredictionError([f"{where}: a Label Studio prediction has a 'result' list "
                               f"(keys: {keys})"])
    values = result_to_values(config, item.get("result") or [], data, where)
    try:
        score = plain_score(item.get("score"))
    except ValueError as exc:
        raise PredictionError([f"{where}: {exc}"]) from None
    version = item.get("model_version")
    version = default_version if version in (None, "") else str(version)
    meta = {k: v for k, v in item.items() if k not in ("result", "score", "model_version")}
    return Prediction(values, score, version, meta)


def _task_predictions(config: LabelConfig, found: Any, data: Any, task: Any,
                      default_version: str | None) -> list[Prediction]:
    """What a Label Studio model answered for one task: None, one prediction, or a list."""
    found = _dumped(found)
    if found is None:
        return []
    if isinstance(found, (list, tuple)) and found and all(_is_result_item(_dumped(i))
                                                           for i in found):
        found = [{"result": list(found)}]  # a bare result list: one prediction
    elif not isinstance(found, (list, tuple)):
        found = [found]
    out, problems = [], []
    for index, item in enumerate(found):
        try:
            out.append(label_studio_prediction(config, item, data,
                                               f"task {task!r}, prediction {index}",
                                               default_version))
        except PredictionError as exc:
            problems.extend(exc.problems)
    if problems:
        raise PredictionError(problems, [out])
    return out


def _collect(config: LabelConfig, answers: list, tasks: list[tuple[Any, Any]],
             data_of: Callable[[Any], Any], default_version: str | None,
             intro: str) -> list[list[Prediction]]:
    out: list[list[Prediction]] = []
    problems: list[str] = []
    by_task: dict[int, list[str]] = {}
    for i, ((task, row), found) in enumerate(zip(tasks, answers, strict=True)):
        try:
            out.append(_task_predictions(config, found, data_of(row), task, default_version))
        except PredictionError as exc:
            problems.extend(exc.problems)
            by_task[i] = list(exc.problems)
            out.append(exc.answers[0] if exc.answers else [])
    if problems:
        raise PredictionError(problems, out, intro, by_task)
    return out


def predictions_from_label_studio(tasks: Any, config: LabelConfig, *,
                                  errors: str = "skip") -> LabelStudioPredictions:
    """``{task id: [Prediction]}`` from Label Studio tasks (a list of task dicts, one task, a
    JSON text or a JSON file path) with ``predictions``.

    ``errors="skip"`` (default): a prediction with a problem is left out, the task's other
    predictions are kept, and ``.problems`` of the result names each one left out by task,
    prediction, result and control. ``errors="raise"``: every problem is raised at once in a
    :class:`PredictionError` and nothing is returned.
    """
    from ..formats.label_studio_tasks import load_tasks

    if errors not in ("skip", "raise"):
        raise ValueError(f"errors must be 'skip' or 'raise', got {errors!r}")
    out = LabelStudioPredictions()
    problems: list[str] = []
    for position, task in enumerate(load_tasks(tasks)):
        if not isinstance(task, Mapping):
            problems.append(f"task #{position}: must be an object, got {type(task).__name__}")
            continue
        task_id = task.get("id", position)
        try:
            hash(task_id)
        except TypeError:
            problems.append(f"task #{position}: its id {shorten_repr(task_id)} is not a "
                            "number or text")
            continue
        data = task.get("data") if isinstance(task.get("data"), Mapping) else task
        found = task.get("predictions") or []
        if not isinstance(found, list):
            out.problems.setdefault(task_id, []).append(
                f"task {task_id!r}: 'predictions' must be a list")
            problems.extend(out.problems[task_id])
            continue
        try:
            predictions = _task_predictions(config, found, data, task_id, None)
        except PredictionError as exc:
            problems.extend(exc.problems)
            out.problems.setdefault(task_id, []).extend(exc.problems)
            predictions = exc.answers[0] if exc.answers else []
        if predictions:
            out[task_id] = predictions
    if problems and errors == "raise":
        raise PredictionError(problems, intro="the Label Studio predictions have problems")
    if problems and not out.problems:  # only tasks that are not objects: nothing to keep
        out.problems[None] = problems
    return out


def shorten_repr(value: Any, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else f"{text[:limit - 20]}…{text[-10:]}"


def _warn_skipped(found: LabelStudioPredictions, where: str) -> None:
    import warnings

    problems = [p for ps in found.problems.values() for p in ps]
    if not problems:
        return
    shown = "\n".join(f"  {shorten(p, 300)}" for p in problems[:MAX_LISTED])
    more = f"\n  ... and {len(problems) - MAX_LISTED} more" if len(problems) > MAX_LISTED else ""
    warnings.warn(f"{where}: {len(problems)} problem(s); the predictions with them are left "
                  f"out, the others are used:\n{shown}{more}", PredictionWarning, stacklevel=4)
