"""Prediction errors that say where (issue 14, item 6) and predictions fetched off the kernel's
thread (issue 15, item 8).

A failed batch names the tasks left without suggestions, stays on each of them, and is asked
again after a delay that doubles; a bad suggestion is left out with a note on its task; long
values are shortened; the ML backend's timeout can be set; a slow source never holds
navigation when an event loop runs (as in a kernel).
"""

from __future__ import annotations

import asyncio
import threading
import time

import pytest

import labelwidget as lw
import labelwidget.predictions.cache as cache_module
from labelwidget.predictions import MLBackendSource, Prediction
from labelwidget.predictions.messages import shorten
from labelwidget.tasks import task_key
from tests.loops import run_in_own_loop
from tests.test_predictions import CONFIG, IDS, TEXTS, Backend, frame


@pytest.fixture
def backend():
    server = Backend()
    try:
        yield server
    finally:
        server.close()


class Clock:
    """Stands in for time.monotonic in the prediction cache: the test moves time on."""

    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


@pytest.fixture
def clock(monkeypatch):
    fake = Clock()
    monkeypatch.setattr(cache_module, "_now", fake)
    return fake


def note(ann, task):
    return ann.suggestion.tasks[task_key(task)]["data"]["note"]


def shown(ann, task):
    return ann.suggestion.tasks[task_key(task)]["data"]["predictions"]


def test_a_backend_answering_500_names_the_tasks_keeps_the_note_and_retries_with_backoff(
        backend, clock):
    backend.mode = "error"
    ann = lw.Annotator(frame(), CONFIG, predictions=backend.url)
    status = ann.toolbar.status
    assert status["kind"] == "error"
    assert status["text"] == (
        f"the prediction source failed, 3 task(s) left without suggestions for now (7, 8, 9): "
        f"the ML backend at {backend.url} answered HTTP 500 to POST /predict: CUDA out of "
        "memory; asking again in 2 s")
    assert len(backend.requests) == 1
    expected = (f"no suggestion yet: the ML backend at {backend.url} answered HTTP 500 to POST "
                "/predict: CUDA out of memory; asking again in 2 s")
    assert [note(ann, t) for t in IDS] == [expected] * 3
    # The note stays on each affected task as the annotator moves (the toolbar line is gone).
    ann.next()
    assert ann.toolbar.status["text"] == ""
    assert note(ann, 8) == expected and note(ann, 7) == expected
    assert len(backend.requests) == 1  # not asked again before the delay
    # After the delay the failed batch is asked again; it fails again: the delay doubles.
    clock.now += 2.5
    ann.next()
    assert len(backend.requests) == 2
    assert "asking again in 4 s" in note(ann, 9)
    assert ann.toolbar.status["text"] == ""  # said once per run of failures; the notes stay
    clock.now += 3
    ann.previous()
    assert len(backend.requests) == 2  # 4 s have not passed
    # The backend recovers: the next retry brings the suggestions and clears the notes.
    backend.mode = "ok"
    clock.now += 2
    ann.previous()
    assert len(backend.requests) == 3
    assert [note(ann, t) for t in IDS] == ["", "", ""]
    assert shown(ann, 7)[0]["values"]["sentiment"] == "Positive"
    assert not ann._cache.failing
    assert ann.predictions_for(7)[0].score == pytest.approx(0.87)


def test_a_backend_answering_non_json_names_the_tasks(backend, clock):
    backend.mode = "html"
    ann = lw.Annotator(frame(), CONFIG, predictions=backend.url)
    text = ann.toolbar.status["text"]
    assert "3 task(s) left without suggestions for now (7, 8, 9)" in text
    assert "with something that is not JSON: '<html>proxy says hi</html>'" in text
    assert "not JSON" in note(ann, 8)


def test_a_raising_callable_names_the_tasks_and_is_asked_again_later(clock):
    calls = []

    def predict(rows):
        calls.append(list(rows.index))
        if len(calls) == 1:
            raise RuntimeError("model not loaded")
        return [{"sentiment": "Negative"} for _ in range(len(rows))]

    ann = lw.Annotator(frame(), CONFIG, predictions=predict)
    assert ann.toolbar.status["text"] == (
        "the prediction source failed, 3 task(s) left without suggestions for now (7, 8, 9): "
        "RuntimeError: model not loaded; asking again in 2 s")
    assert note(ann, 7).startswith("no suggestion yet: RuntimeError: model not loaded")
    clock.now += 2.1
    ann.next()
    assert calls == [[7, 8, 9], [8, 9, 7]]  # the window first, then the failed task
    assert ann.values["sentiment"] == "Negative"
    assert note(ann, 7) == ""


def test_a_callable_returning_the_wrong_count_names_the_tasks(clock):
    ann = lw.Annotator(frame(), CONFIG, predictions=lambda rows: [{"sentiment": "Positive"}])
    text = ann.toolbar.status["text"]
    assert text.startswith("the prediction source failed, 3 task(s) left without suggestions "
                           "for now (7, 8, 9): ValueError: predict(rows) returned 1 suggestions "
                           "for 3 rows")
    assert all("returned 1 suggestions for 3 rows" in note(ann, t) for t in IDS)


def test_many_tasks_are_named_up_to_a_limit(clock):
    df = frame()
    df = df.loc[df.index.repeat(10)].reset_index(drop=True)
    ann = lw.Annotator(df, CONFIG, predictions=lambda rows: 1 / 0)
    assert "30 task(s) left without suggestions for now (0, 1, 2, 3, 4, 5, 6, 7 and 22 more)" \
        in ann.toolbar.status["text"]


def test_a_bad_suggestion_is_left_out_with_a_note_on_its_task_and_long_values_shortened(clock):
    long_text = "Acme " * 74  # 370 characters

    def predict(rows):
        out = []
        for task in rows.index:
            if task == 7:  # a span whose text does not match the task's text, 370 characters
                span = {"start": 0, "end": 370, "text": long_text, "labels": ["PER"]}
                out.append([Prediction({"ner": [span]}, 0.9),
                            Prediction({"sentiment": "Positive"}, 0.5)])
            else:
                out.append({"sentiment": "Negative"})
        return out

    ann = lw.Annotator(frame(), CONFIG, predictions=predict)
    assert [p.values for p in ann.predictions_for(7)] == [{"sentiment": "Positive"}]
    text = note(ann, 7)
    assert text.startswith("suggestion left out: task 7, ner:")
    assert "(370 characters)" in text
    assert long_text not in text and len(text) < 300
    assert note(ann, 8) == ""
    status = ann.toolbar.status["text"]
    assert "suggestions left out: task 7, ner:" in status and long_text not in status


def test_shorten_cuts_long_quoted_values_and_long_messages():
    assert shorten("short 'value'") == "short 'value'"
    cut = shorten(f"bad {'x' * 100!r} here")
    assert cut == f"bad '{'x' * 30}…{'x' * 15}' (100 characters) here"
    assert len(shorten("y" * 1000)) == 400


def test_the_ml_backend_timeout_can_be_set(backend, clock):
    backend.mode = "slow"
    started = time.monotonic()
    ann = lw.Annotator(frame(), CONFIG,
                       predictions=MLBackendSource(backend.url, timeout=0.3))
    assert time.monotonic() - started < 1.4
    assert "did not answer POST /predict within 0.3 s" in ann.toolbar.status["text"]
    assert "7, 8, 9" in ann.toolbar.status["text"]
    for bad in (0, -1, float("nan"), "soon"):
        with pytest.raises(ValueError, match="timeout must be"):
            MLBackendSource(backend.url, timeout=bad)


# -- off the kernel's thread ---------------------------------------------------------------


def test_a_slow_source_in_the_background_never_holds_navigation():
    release = threading.Event()

    def predict(rows):
        release.wait(10)
        return [{"sentiment": "Negative"} for _ in range(len(rows))]

    df = frame()
    ann = lw.Annotator(df, CONFIG)  # no source yet: build a background one by hand
    from labelwidget.predictions.cache import PredictionCache
    from labelwidget.predictions.sources import as_source

    ann._source = as_source(predict, ann.config, df)
    ann._cache = PredictionCache(ann._source, ann._prediction_tasks, ann._checked_prediction,
                                 ann._predictions_arrived, background=True,
                                 predicted=ann._predicted)
    started = time.monotonic()
    ann.next()
    ann.next()
    assert time.monotonic() - started < 1.0  # the model is still busy
    assert ann.values["sentiment"] is None
    release.set()
    ann.wait_for_predictions(10)
    assert ann.values["sentiment"] == "Negative"
    assert shown(ann, 9)[0]["values"] == {"sentiment": "Negative"}


def test_in_an_event_loop_answers_arrive_without_a_move(monkeypatch):
    """As in a kernel: the answer is applied on the loop's thread and redrawn at once."""
    monkeypatch.setattr(cache_module, "in_kernel", lambda: True)
    release = threading.Event()
    threads = []

    def predict(rows):
        threads.append(threading.current_thread().name)
        release.wait(10)
        return [{"sentiment": "Positive"} for _ in range(len(rows))]

    async def main():
        ann = lw.Annotator(frame(), CONFIG, predictions=predict)
        assert ann._cache.background
        started = time.monotonic()
        ann.next()
        assert time.monotonic() - started < 0.5
        assert ann.values["sentiment"] is None
        release.set()
        deadline = time.monotonic() + 10
        while not shown(ann, 8) and time.monotonic() < deadline:
            await asyncio.sleep(0.01)
        return ann

    ann = run_in_own_loop(main)
    assert threads == ["labelwidget-predictions"]
    assert shown(ann, 8)[0]["values"] == {"sentiment": "Positive"}
    assert ann.values["sentiment"] == "Positive"
    assert ann.current == 8


def test_in_an_event_loop_a_failed_batch_is_retried_after_the_delay_by_itself(monkeypatch):
    monkeypatch.setattr(cache_module, "in_kernel", lambda: True)
    monkeypatch.setattr(cache_module, "RETRY_AFTER", 0.05)
    calls = []

    def predict(rows):
        calls.append(len(rows))
        if len(calls) == 1:
            raise ConnectionError("backend warming up")
        return [{"sentiment": "Negative"} for _ in range(len(rows))]

    async def main():
        ann = lw.Annotator(frame(), CONFIG, predictions=predict)
        deadline = time.monotonic() + 10
        while "warming up" not in ann.toolbar.status["text"] and time.monotonic() < deadline:
            await asyncio.sleep(0.01)
        assert "warming up" in note(ann, 7)
        while not shown(ann, 7) and time.monotonic() < deadline:
            await asyncio.sleep(0.01)
        return ann

    ann = run_in_own_loop(main)
    assert len(calls) == 2  # failed, then asked again with no move of the annotator
    assert ann.values["sentiment"] == "Negative"
    assert note(ann, 7) == ""
    assert ann.toolbar.status["text"] == ""  # the failure it reported is over


def test_long_values_are_shortened_in_set_predictions_and_label_studio_reports():
    long_choice = "Positive " * 40  # 360 characters, not an option
    ann = lw.Annotator(frame(), CONFIG)
    with pytest.raises(ValueError) as info:
        ann.set_predictions({8: [Prediction({"sentiment": long_choice})]})
    assert "task 8, sentiment:" in str(info.value)
    assert "(360 characters)" in str(info.value) and long_choice not in str(info.value)
    tasks = [{"id": 7, "data": {"text": TEXTS[0]}, "predictions": [{"result": [
        {"from_name": "sentiment", "to_name": "text", "type": "choices",
         "value": {"choices": [long_choice]}}]}]}]
    with pytest.warns(lw.predictions.PredictionWarning) as record:
        lw.Annotator(frame(), CONFIG, predictions=tasks)
    message = str(record[0].message)
    assert "task 7, prediction 0, result 0" in message
    assert "(360 characters)" in message and long_choice not in message
