"""Where suggestions come from, all normalised to :class:`Prediction` lists per task.

A source has one method, ``predict(tasks) -> list[list[Prediction]]``, where ``tasks`` is a
list of ``(task id, row)`` pairs (``row.get(column)`` reads the task's data); the Annotator
calls it in batches ahead of the task on screen. Sources:

* :class:`ColumnSource`: suggested cells in DataFrame columns (and a score column);
* :class:`MappingSource`: predictions known up front, ``{task id: [predictions]}`` (what
  ``read_label_studio(...).predictions`` holds);
* :class:`CallableSource`: ``predict(rows) -> suggestions``, called in batches;
* :class:`LabelStudioModelSource`: an object with the Label Studio ML backend contract,
  ``predict(tasks, context=None)`` on Label Studio tasks ``{"id", "data"}``, answering Label
  Studio predictions (``{"result", "score", "model_version"}``) or a ``ModelResponse``;
* :class:`MLBackendSource`: the URL of a running ML backend (``POST {url}/predict``).

:func:`as_source` picks one from what the user passed as ``predictions=``.
"""

from __future__ import annotations

import inspect
import json
import math
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

import pandas as pd

from ..config import LabelConfig
from ..tasks import is_missing, plain
from .messages import shorten
from .model import Prediction, PredictionSource, plain_score

MAX_LISTED = 10


class PredictionError(ValueError):
    """Suggestions that cannot be used, each problem naming its task (and prediction, result
    and control). ``answers`` holds what could be used, one list per task asked for (or None
    when nothing could)."""

    def __init__(self, problems: list[str], answers: list[list[Prediction]] | None = None,
                 intro: str = "unusable suggestions",
                 by_task: dict[int, list[str]] | None = None):
        self.problems = list(problems)
        self.answers = answers
        # index of the task in the batch -> its problems (when answers is given)
        self.by_task = dict(by_task or {})
        shown = self.problems[:MAX_LISTED]
        more = len(self.problems) - len(shown)
        text = f"{intro}: " + "; ".join(shown)
        if more:
            text += f"; ... and {more} more"
        super().__init__(text)


class PredictionWarning(UserWarning):
    """Some suggestions were left out (each named by task and prediction); the rest are used."""


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
    from ..formats.label_studio import _TaskReader

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
    from ..formats.label_studio import _load_tasks

    if errors not in ("skip", "raise"):
        raise ValueError(f"errors must be 'skip' or 'raise', got {errors!r}")
    out = LabelStudioPredictions()
    problems: list[str] = []
    for position, task in enumerate(_load_tasks(tasks)):
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


# -- sources -------------------------------------------------------------------------------------


def _as_prediction(item: Any, default_version: str | None, config: LabelConfig | None,
                   data: Any, where: str) -> Prediction:
    if isinstance(item, Mapping) and "values" in item:
        item = Prediction.from_dict(item)
    if isinstance(item, Prediction):
        if item.model_version is None and default_version is not None:
            return replace(item, model_version=default_version)
        return item
    if isinstance(item, Mapping) and "result" in item:
        if config is None:
            raise TypeError(f"{where}: a Label Studio prediction ('result' items) needs the "
                            "labeling config to be read")
        return label_studio_prediction(config, item, data, where, default_version)
    if isinstance(item, Mapping):  # a bare {control: cell}
        return Prediction(values=dict(item), model_version=default_version)
    raise TypeError(f"{where}: a suggestion is a Prediction, a {{control: cell}} dict or a "
                    f"Label Studio prediction, got {item!r}")


def _as_list(item: Any, default_version: str | None = None, config: LabelConfig | None = None,
             data: Any = None, where: str = "a suggestion") -> list[Prediction]:
    if item is None:
        return []
    if isinstance(item, (list, tuple)):
        return [_as_prediction(one, default_version, config, data, f"{where}, prediction {i}")
                for i, one in enumerate(item)]
    return [_as_prediction(item, default_version, config, data, where)]


class ColumnSource(PredictionSource):
    """Suggested cells stored in DataFrame columns: ``{control: column}`` (and a score column)."""

    def __init__(self, columns: Mapping[str, str], score: str | None = None,
                 model_version: str = "dataframe"):
        self.columns = dict(columns)
        self.score = score
        self.model_version = model_version

    def predict(self, tasks):
        out = []
        for _task, row in tasks:
            values = {}
            for control, column in self.columns.items():
                cell = plain(row.get(column))
                if not is_missing(cell):
                    values[control] = cell
            if not values:
                out.append([])
                continue
            score = plain_score(row.get(self.score)) if self.score else None
            out.append([Prediction(values, score, self.model_version)])
        return out


class MappingSource(PredictionSource):
    """Predictions given up front: ``{task id: [Prediction | {"values", "score", ...} |
    {"result", "score", ...}]}`` (Label Studio ``result`` items need ``config``)."""

    def __init__(self, predictions: Mapping[Any, Any], config: LabelConfig | None = None,
                 model_version: str | None = None,
                 problems: Mapping[Any, list[str]] | None = None):
        self.predictions = {plain(k): _as_list(v, model_version, config, None, f"task {k!r}")
                            for k, v in predictions.items()}
        # task id -> predictions left out of ``predictions``, reported on that task
        self.problems = {plain(k): list(v) for k, v in (problems or {}).items()}

    def predict(self, tasks):
        answers = [list(self.predictions.get(task, [])) for task, _row in tasks]
        by_task = {i: self.problems[task] for i, (task, _row) in enumerate(tasks)
                   if task in self.problems}
        if by_task:
            problems = [p for ps in by_task.values() for p in ps]
            raise PredictionError(problems, answers, "predictions left out", by_task)
        return answers


class CallableSource(PredictionSource):
    """``predict(rows) -> suggestions``: ``rows`` is a DataFrame of the batch's data columns
    (index = task ids); it returns one item per row: a {control: cell} dict, a Prediction, a
    Label Studio prediction ``{"result", "score", "model_version"}``, a list of them, or None."""

    def __init__(self, fn: Callable, columns: list[str], model_version: str | None = None,
                 config: LabelConfig | None = None):
        self.fn = fn
        self.columns = list(columns)
        self.model_version = model_version or getattr(fn, "__name__", "callable")
        self.config = config

    def predict(self, tasks):
        rows = pd.DataFrame([{c: row.get(c) for c in self.columns} for _task, row in tasks],
                            index=[task for task, _row in tasks], columns=self.columns)
        answers = self.fn(rows)
        answers = list(answers) if answers is not None else []
        if len(answers) != len(tasks):
            raise ValueError(f"predict(rows) returned {len(answers)} suggestions for "
                             f"{len(tasks)} rows")
        return [_as_list(a, self.model_version, self.config, row, f"task {task!r}")
                for (task, row), a in zip(tasks, answers, strict=True)]


def _ls_tasks(tasks: list[tuple[Any, Any]], columns: list[str]) -> list[dict]:
    from ..formats._records import json_value

    return [{"id": task, "data": {c: json_value(row.get(c)) for c in columns}}
            for task, row in tasks]


def _response_predictions(response: Any, n: int, who: str) -> tuple[list, str | None]:
    """(per-task predictions, the response's model_version) from what a Label Studio model
    answered: a ModelResponse, ``{"predictions": [...]}``, ``{"results": [...]}`` or a list."""
    response = _dumped(response)
    version = None
    if isinstance(response, Mapping):
        version = response.get("model_version")
        for key in ("predictions", "results"):
            if key in response:
                response = response[key]
                break
        else:
            keys = ", ".join(map(str, response)) or "none"
            raise ValueError(f"{who} answered a dict without 'predictions' or 'results' "
                             f"(keys: {keys})")
    if response is None:
        response = []
    if not isinstance(response, (list, tuple)):
        raise ValueError(f"{who} answered a {type(response).__name__}; expected a list with "
                         "one prediction (or a list of them) per task")
    if len(response) != n:
        raise ValueError(f"{who} answered {len(response)} predictions for {n} tasks; it must "
                         "answer one per task, in order (None or [] for none)")
    return list(response), None if version in (None, "") else str(version)


class LabelStudioModelSource(PredictionSource):
    """A model with Label Studio ML backend's contract: ``model.predict(tasks, context=None)``
    receives Label Studio tasks ``[{"id", "data"}]`` and answers one prediction (or a list,
    or None) per task, as ``{"result": [...], "score", "model_version"}`` dicts or
    label-studio-ml's ``ModelResponse`` (``.predictions``). ``columns`` are the data keys
    sent; ``context`` is passed on as is. A ``LabelStudioMLBase`` subclass is made as its
    server would make it, e.g. ``MyModel(label_config=xml)``."""

    def __init__(self, model: Any, config: LabelConfig, columns: list[str],
                 context: Any = None, model_version: str | None = None):
        self.model = model
        self.config = config
        self.columns = list(columns)
        self.context = context
        version = model_version or getattr(model, "model_version", None)
        self.model_version = str(version) if version else type(model).__name__
        self._with_context = _accepts(model.predict, "context")

    def predict(self, tasks):
        ls_tasks = _ls_tasks(tasks, self.columns)
        if self._with_context:
            response = self.model.predict(ls_tasks, context=self.context)
        else:
            response = self.model.predict(ls_tasks)
        who = f"{type(self.model).__name__}.predict(tasks)"
        answers, version = _response_predictions(response, len(tasks), who)
        return _collect(self.config, answers, tasks, lambda row: row,
                        version or self.model_version, f"{who} gave unusable predictions")


def _accepts(fn: Callable, name: str) -> bool:
    try:
        params = inspect.signature(fn).parameters.values()
    except (TypeError, ValueError):
        return True
    return any(p.name == name or p.kind is inspect.Parameter.VAR_KEYWORD for p in params)


class MLBackendError(RuntimeError):
    """A running ML backend could not be reached or gave an answer that is not usable."""


class MLBackendSource(PredictionSource):
    """A running Label Studio ML backend at ``url``: ``POST {url}/predict`` with
    ``{"tasks": [{"id", "data"}], "label_config": xml, "project", "params": {"context"}}``;
    it answers ``{"results": [one prediction or a list per task]}``.

    ``batch_size`` tasks go per request; ``timeout`` (seconds) bounds each request;
    ``headers`` are added (e.g. ``{"Authorization": "Basic ..."}``). ``config`` and
    ``columns`` may be left out when the source is given to an Annotator, which fills them in:
    ``Annotator(df, config, predictions=MLBackendSource(url, timeout=5))``."""

    def __init__(self, url: str, config: LabelConfig | None = None,
                 columns: list[str] | None = None, *,
                 timeout: float = 30.0, batch_size: int = 32, headers: Mapping[str, str] | None
                 = None, context: Any = None, project: str | None = None,
                 model_version: str | None = None):
        self.url = url.rstrip("/")
        self.config = config
        self.columns = None if columns is None else list(columns)
        try:
            self.timeout = float(timeout)
        except (TypeError, ValueError):
            raise ValueError(f"timeout must be seconds (a number), not {timeout!r}") from None
        if not math.isfinite(self.timeout) or self.timeout <= 0:
            raise ValueError(f"timeout must be a positive number of seconds, not {timeout!r}")
        self.batch_size = max(1, int(batch_size))
        self.headers = dict(headers or {})
        self.context = context
        self.project = project
        self.model_version = model_version

    def _request(self, method: str, path: str, body: Any = None) -> Any:
        url = f"{self.url}{path}"
        data = None if body is None else json.dumps(body, default=str).encode("utf-8")
        request = urllib.request.Request(url, data=data, method=method, headers={
            "Content-Type": "application/json", "Accept": "application/json", **self.headers})
        where = f"the ML backend at {self.url}"
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as answer:
                raw = answer.read()
        except urllib.error.HTTPError as exc:
            detail = _error_detail(exc)
            raise MLBackendError(f"{where} answered HTTP {exc.code} to {method} {path}"
                                 f"{': ' + detail if detail else ''}") from None
        except TimeoutError:
            raise MLBackendError(f"{where} did not answer {method} {path} within "
                                 f"{self.timeout:g} s (timeout=...)") from None
        except urllib.error.URLError as exc:
            reason = exc.reason
            if isinstance(reason, TimeoutError):
                raise MLBackendError(f"{where} did not answer {method} {path} within "
                                     f"{self.timeout:g} s (timeout=...)") from None
            raise MLBackendError(f"cannot reach {where}: {reason} (is it running?)") from None
        try:
            return json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            text = raw[:200].decode("utf-8", "replace")
            raise MLBackendError(f"{where} answered {method} {path} with something that is not "
                                 f"JSON: {text!r}") from None

    def health(self) -> dict:
        """``GET {url}/health``: the backend's status (raises :class:`MLBackendError`)."""
        return self._request("GET", "/health")

    def bind(self, config: LabelConfig, columns: list[str]) -> MLBackendSource:
        """Fill in the config and data columns an Annotator works with (if not given)."""
        if self.config is None:
            self.config = config
        if self.columns is None:
            self.columns = list(columns)
        return self

    def predict(self, tasks):
        if self.config is None or self.columns is None:
            raise TypeError("MLBackendSource needs the labeling config and data columns: give "
                            "them, or pass the source to an Annotator as predictions=")
        out: list[list[Prediction]] = []
        problems: list[str] = []
        by_task: dict[int, list[str]] = {}
        for start in range(0, len(tasks), self.batch_size):
            chunk = tasks[start:start + self.batch_size]
            body: dict[str, Any] = {"tasks": _ls_tasks(chunk, self.columns),
                                    "label_config": self.config.xml}
            if self.project is not None:
                body["project"] = self.project
            if self.context is not None:
                body["params"] = {"context": self.context}
            answer = self._request("POST", "/predict", body)
            if not isinstance(answer, Mapping) or "results" not in answer:
                shape = (", ".join(map(str, answer)) if isinstance(answer, Mapping)
                         else type(answer).__name__)
                raise MLBackendError(f"the ML backend at {self.url} answered POST /predict "
                                     f"without a 'results' list ({shape})")
            who = f"the ML backend at {self.url}"
            answers, version = _response_predictions(answer, len(chunk), who)
            default = self.model_version or version
            try:
                out.extend(_collect(self.config, answers, chunk, lambda row: row, default,
                                    f"{who} gave unusable predictions"))
            except PredictionError as exc:
                problems.extend(exc.problems)
                by_task.update({start + i: ps for i, ps in exc.by_task.items()})
                out.extend(exc.answers or [[] for _ in chunk])
        if problems:
            raise PredictionError(problems, out, f"the ML backend at {self.url} gave unusable "
                                                 "predictions", by_task)
        return out


def _error_detail(exc: urllib.error.HTTPError) -> str:
    try:
        raw = exc.read()[:2000].decode("utf-8", "replace")
    except Exception:  # a broken error body: the status line is enough
        return str(exc.reason or "")
    try:
        body = json.loads(raw)
    except json.JSONDecodeError:
        return raw.strip()[:300] or str(exc.reason or "")
    if isinstance(body, Mapping):
        for key in ("error", "detail", "message"):
            if body.get(key):
                return str(body[key])[:300]
    return raw.strip()[:300]


# -- what the user passed -> a source ------------------------------------------------------------


def _data_columns(config: LabelConfig, df: pd.DataFrame) -> list[str]:
    controls = set(config.control_columns)
    return [c for c in df.columns if c not in controls]


def _check_ids(predictions: Mapping, df: pd.DataFrame, what: str) -> None:
    if not predictions or not len(df):
        return
    if not any(task in df.index for task in predictions):
        ids = ", ".join(repr(t) for t in list(predictions)[:5])
        index = ", ".join(repr(plain(t)) for t in df.index[:5])
        raise ValueError(f"none of the {len(predictions)} task ids of {what} is in the "
                         f"DataFrame index (ids: {ids} ...; index: {index} ...)")


def _is_url(text: str) -> bool:
    return text.startswith(("http://", "https://"))


def as_source(obj: Any, config: LabelConfig, df: pd.DataFrame) -> PredictionSource:
    """Normalise what the user passed as ``predictions=`` into a source:

    * a prediction source (subclass of :class:`PredictionSource`);
    * a column name (one control) or ``{control: column}``;
    * ``{task id: [predictions]}`` (:class:`Prediction`, ``{"values", ...}`` or Label Studio
      ``{"result", ...}`` dicts);
    * what ``read_label_studio`` returns, Label Studio task dicts with ``predictions``, or the
      path of a Label Studio JSON export;
    * the URL of a running Label Studio ML backend (``http://localhost:9090``);
    * a scikit-learn classifier (one Choices control and one data column);
    * an object with the Label Studio ML backend contract ``predict(tasks, context=None)``;
    * a callable ``predict(rows) -> suggestions``.
    """
    from ..formats.label_studio import LabelStudioImport

    columns = _data_columns(config, df)
    if isinstance(obj, PredictionSource):
        bind = getattr(obj, "bind", None)
        return bind(config, columns) if callable(bind) else obj
    if isinstance(obj, LabelStudioImport):
        _check_ids(obj.predictions, df, "the Label Studio import's predictions")
        return MappingSource(obj.predictions, config)
    if isinstance(obj, Path) or (isinstance(obj, str) and obj.lower().endswith(".json")
                                 and obj not in df.columns):
        found = predictions_from_label_studio(obj, config)
        _check_ids(found, df, f"{obj}")
        _warn_skipped(found, f"the predictions in {obj}")
        return MappingSource(found, problems=found.problems)
    if isinstance(obj, str):
        if _is_url(obj):
            return MLBackendSource(obj, config, columns)
        if obj in df.columns and len(config.controls) == 1:
            return ColumnSource({next(iter(config.controls)): obj})
        if obj in df.columns:
            raise ValueError(f"predictions={obj!r}: the config has {len(config.controls)} "
                             "controls; say which column suggests which control: "
                             "{control: column}")
        raise ValueError(f"predictions={obj!r} is not a column of the DataFrame (columns: "
                         f"{', '.join(map(str, df.columns))}), an http(s):// URL of an ML "
                         "backend, nor a .json file of Label Studio tasks")
    if isinstance(obj, Mapping) and obj and all(k in config.controls for k in obj) \
            and all(isinstance(v, str) and v in df.columns for v in obj.values()):
        return ColumnSource(obj)
    if isinstance(obj, Mapping):
        _check_ids(obj, df, "predictions=")
        return MappingSource(obj, config)
    if isinstance(obj, (list, tuple)) and obj and all(isinstance(t, Mapping) for t in obj):
        found = predictions_from_label_studio(list(obj), config)
        _check_ids(found, df, "the Label Studio tasks")
        _warn_skipped(found, "the predictions of the Label Studio tasks")
        return MappingSource(found, problems=found.problems)
    if callable(obj) and hasattr(obj, "tokenizer") and hasattr(obj, "model"):
        raise TypeError(
            f"predictions={type(obj).__name__}(...): a Hugging Face pipeline answers in its own "
            "shape; wrap it: labelwidget.predictions.adapters.TokenClassificationSource("
            "pipeline, control, column)")
    if hasattr(obj, "predict_proba") and hasattr(obj, "predict"):
        from .adapters import SklearnSource

        return SklearnSource.for_config(obj, config, df)
    if callable(getattr(obj, "predict", None)) and not isinstance(obj, type):
        return LabelStudioModelSource(obj, config, columns)
    if callable(obj):
        return CallableSource(obj, columns, config=config)
    raise TypeError(
        "predictions= takes a column name, {control: column}, {task id: [predictions]}, Label "
        "Studio tasks or read_label_studio(...), an ML backend URL, a model with "
        f"predict(tasks, context=None), or a callable predict(rows); got {type(obj).__name__}")
