"""Suggestions from Label Studio ML backends: an object with the backend contract
(``predict(tasks, context=None)``) or the URL of a running backend (``POST {url}/predict``).
No Jupyter imports."""

from __future__ import annotations

import inspect
import json
import math
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping
from typing import Any

from ..config import LabelConfig
from .label_studio import _collect, _dumped
from .messages import PredictionError
from .model import Prediction, PredictionSource


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
