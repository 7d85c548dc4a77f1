"""Prediction sources, adapters and provenance, headless.

Every source of suggestions (DataFrame columns, a mapping, a callable, Label Studio JSON, an
object with the Label Studio ML backend contract, a running ML backend over HTTP) must give the
same predictions; accepting, switching and editing them must be recorded as the result's origin;
bad suggestions must say which task and control they are about.
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import numpy as np
import pandas as pd
import pytest

import labelwidget as lw
from labelwidget.config import parse_config
from labelwidget.formats import read_label_studio, to_label_studio
from labelwidget.predictions import (
    CallableSource,
    ColumnSource,
    LabelStudioModelSource,
    MappingSource,
    MLBackendError,
    MLBackendSource,
    Prediction,
    PredictionError,
    as_source,
    predictions_from_label_studio,
)
from labelwidget.predictions.adapters import (
    DetectionSource,
    SklearnSource,
    TokenClassificationSource,
    detection_boxes,
    detection_list,
    proba_predictions,
    sklearn_predictions,
    token_classification_spans,
)
from labelwidget.store import load_history
from labelwidget.tasks import task_key
from tests.comm import browser_says, browser_sets

CONFIG = """
<View>
  <Text name="text" value="$text"/>
  <Labels name="ner" toName="text">
    <Label value="PER"/><Label value="ORG"/>
  </Labels>
  <Choices name="sentiment" toName="text" choice="single">
    <Choice value="Positive"/><Choice value="Negative"/>
  </Choices>
</View>
"""
TEXTS = ["Alice joined Acme today, great news.", "Bob left.", "Nothing to see."]
IDS = [7, 8, 9]

# The same suggestion for task 7, as cells and as Label Studio result items.
SPAN = {"id": "r-ner-1", "start": 0, "end": 5, "text": "Alice", "labels": ["PER"]}
CELLS = {"ner": [SPAN], "sentiment": "Positive"}
RESULT = [
    {"id": "r-ner-1", "from_name": "ner", "to_name": "text", "type": "labels",
     "value": {"start": 0, "end": 5, "text": "Alice", "labels": ["PER"]}},
    {"id": "r-sent-1", "from_name": "sentiment", "to_name": "text", "type": "choices",
     "value": {"choices": ["Positive"]}},
]
EXPECTED = Prediction(CELLS, 0.87, "v1")


def frame():
    return pd.DataFrame({"text": TEXTS}, index=IDS)


def ls_tasks():
    return [{"id": 7, "data": {"text": TEXTS[0]},
             "predictions": [{"result": RESULT, "score": 0.87, "model_version": "v1"}]},
            {"id": 8, "data": {"text": TEXTS[1]}, "predictions": []},
            {"id": 9, "data": {"text": TEXTS[2]}}]


def same(prediction: Prediction, expected: Prediction = EXPECTED) -> None:
    assert dict(prediction.values) == dict(expected.values)
    assert prediction.score == pytest.approx(expected.score)
    assert prediction.model_version == expected.model_version


class LSModel:
    """A model with label-studio-ml's contract: predict(tasks, context=None) -> predictions."""

    model_version = "v1"

    def __init__(self):
        self.calls = []

    def predict(self, tasks, context=None, **kwargs):
        self.calls.append((tasks, context))
        return [{"result": RESULT, "score": 0.87} if t["data"]["text"] == TEXTS[0] else None
                for t in tasks]


# -- a loopback ML backend -------------------------------------------------------------------------


class Backend:
    """A tiny ML backend on 127.0.0.1 answering POST /predict like label-studio-ml does."""

    def __init__(self):
        self.requests: list[dict] = []
        self.mode = "ok"
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep the test output clean
                pass

            def _send(self, code, body, kind="application/json"):
                raw = body if isinstance(body, bytes) else json.dumps(body).encode()
                self.send_response(code)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)

            def do_GET(self):
                self._send(200, {"status": "UP", "model_class": "Fake"})

            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                owner.requests.append({"path": self.path, "body": body,
                                       "headers": dict(self.headers)})
                mode = owner.mode
                if self.path != "/predict":
                    self._send(404, {"error": "no such route"})
                elif mode == "slow":
                    time.sleep(1.5)
                    self._send(200, {"results": []})
                elif mode == "error":
                    self._send(500, {"status": "error", "error": "CUDA out of memory"})
                elif mode == "html":
                    self._send(200, b"<html>proxy says hi</html>", "text/html")
                elif mode == "short":
                    self._send(200, {"results": []})
                elif mode == "bad-label":
                    bad = json.loads(json.dumps(RESULT))
                    bad[1]["value"]["choices"] = ["Maybe"]
                    self._send(200, {"results": [{"result": bad, "score": 0.5}
                                                 for _ in body["tasks"]]})
                else:
                    results = [{"result": RESULT, "score": 0.87}
                               if t["data"]["text"] == TEXTS[0] else []
                               for t in body["tasks"]]
                    self._send(200, {"results": results, "model_version": "v1"})

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def backend():
    server = Backend()
    try:
        yield server
    finally:
        server.close()


# -- every source gives the same predictions -----------------------------------------------------------


def test_every_source_normalises_to_the_same_predictions(backend, tmp_path):
    config = parse_config(CONFIG)
    df = frame()
    df["suggested_ner"] = pd.Series([[SPAN], None, None], index=IDS, dtype=object)
    df["suggested_sentiment"] = ["Positive", None, None]
    df["confidence"] = [0.87, None, None]
    path = tmp_path / "tasks.json"
    path.write_text(json.dumps(ls_tasks()))

    def fn(rows):
        return [{"values": CELLS, "score": 0.87} if text == TEXTS[0] else None
                for text in rows["text"]]

    sources = {
        "columns": ColumnSource({"ner": "suggested_ner", "sentiment": "suggested_sentiment"},
                                score="confidence", model_version="v1"),
        "mapping": {7: [EXPECTED]},
        "mapping of dicts": {7: [{"values": CELLS, "score": 0.87, "model_version": "v1"}]},
        "mapping of LS results": {7: [{"result": RESULT, "score": 0.87, "model_version": "v1"}]},
        "callable": CallableSource(fn, ["text"], model_version="v1"),
        "read_label_studio": read_label_studio(ls_tasks(), CONFIG),
        "LS task list": ls_tasks(),
        "LS JSON file": str(path),
        "LS model object": LSModel(),
        "ML backend URL": backend.url,
    }
    for name, obj in sources.items():
        ann = lw.Annotator(df.copy(), config, predictions=obj)
        found = ann.predictions_for(7)
        assert len(found) == 1, name
        same(found[0])
        assert ann.predictions_for(8) == [] and ann.predictions_for(9) == [], name
        # The first unlabeled task is pre-filled with it.
        assert ann.current == 7
        assert ann.values == CELLS, name


def test_model_response_objects_as_label_studio_ml_returns_them():
    import pydantic  # label-studio-sdk's own dependency (pyproject [test])
    from label_studio_sdk.label_interface.objects import PredictionValue

    class ModelResponse(pydantic.BaseModel):  # label_studio_ml.response.ModelResponse's shape
        model_version: str | None = None
        predictions: list

    class Model:
        def predict(self, tasks, context=None, **kwargs):
            found = []
            for task in tasks:
                if task["data"]["text"] == TEXTS[0]:
                    found.append([PredictionValue(result=RESULT, score=0.87, model_version="v1"),
                                  PredictionValue(result=RESULT[1:], score=0.4,
                                                  model_version="v0")])
                else:
                    found.append([])
            return ModelResponse(model_version="ignored", predictions=found)

    ann = lw.Annotator(frame(), CONFIG, predictions=Model())
    first, second = ann.predictions_for(7)
    same(first)
    same(second, Prediction({"sentiment": "Positive"}, 0.4, "v0"))


def test_label_studio_model_gets_tasks_with_data_and_context():
    model = LSModel()
    config = parse_config(CONFIG)
    df = frame()
    df["extra"] = [1, 2, 3]
    source = LabelStudioModelSource(model, config, ["text", "extra"], context={"user": "ann"})
    ann = lw.Annotator(df, config, predictions=source)
    ann.predictions_for(7)
    tasks, context = model.calls[0]
    assert tasks[0] == {"id": 7, "data": {"text": TEXTS[0], "extra": 1}}
    assert context == {"user": "ann"}
    # Batched ahead: one call covered the window, not one call per task.
    assert {t["id"] for t in tasks} == {7, 8, 9}
    assert len(model.calls) == 1


def test_model_without_context_parameter_and_model_version_default():
    class Old:
        def predict(self, tasks):
            return [[{"from_name": "sentiment", "to_name": "text", "type": "choices",
                      "value": {"choices": ["Negative"]}}] for _ in tasks]

    ann = lw.Annotator(frame(), CONFIG, predictions=Old())
    (found,) = ann.predictions_for(8)
    assert dict(found.values) == {"sentiment": "Negative"}
    assert found.model_version == "Old"
    assert found.score is None


# -- the ML backend over HTTP -----------------------------------------------------------------------------


def test_ml_backend_request_has_the_label_studio_shape(backend):
    config = parse_config(CONFIG)
    source = MLBackendSource(backend.url + "/", config, ["text"], context={"k": 1},
                             headers={"Authorization": "Token abc"}, batch_size=2)
    answers = source.predict([(7, {"text": TEXTS[0]}), (8, {"text": TEXTS[1]}),
                              (9, {"text": TEXTS[2]})])
    assert [len(a) for a in answers] == [1, 0, 0]
    same(answers[0][0])
    assert [r["path"] for r in backend.requests] == ["/predict", "/predict"]  # 2 + 1 tasks
    body = backend.requests[0]["body"]
    assert body["tasks"] == [{"id": 7, "data": {"text": TEXTS[0]}},
                             {"id": 8, "data": {"text": TEXTS[1]}}]
    assert body["label_config"] == config.xml
    assert body["params"] == {"context": {"k": 1}}
    assert backend.requests[0]["headers"]["Authorization"] == "Token abc"
    assert source.health()["status"] == "UP"


def test_ml_backend_errors_are_clear(backend):
    config = parse_config(CONFIG)
    tasks = [(7, {"text": TEXTS[0]})]
    source = MLBackendSource(backend.url, config, ["text"], timeout=0.3)
    backend.mode = "slow"
    started = time.monotonic()
    with pytest.raises(MLBackendError, match=r"did not answer POST /predict within 0.3 s"):
        source.predict(tasks)
    assert time.monotonic() - started < 1.4
    backend.mode = "error"
    with pytest.raises(MLBackendError, match=r"HTTP 500 to POST /predict: CUDA out of memory"):
        source.predict(tasks)
    backend.mode = "html"
    with pytest.raises(MLBackendError, match=r"not JSON: '<html>proxy says hi</html>'"):
        source.predict(tasks)
    backend.mode = "short"
    with pytest.raises(ValueError, match=r"answered 0 predictions for 1 tasks"):
        source.predict(tasks)
    backend.mode = "bad-label"
    with pytest.raises(PredictionError) as info:
        source.predict(tasks)
    assert "task 7, prediction 0, result 1" in str(info.value)
    assert 'from_name "sentiment"' in str(info.value)
    assert "'Maybe' is not an option" in str(info.value)
    # The span of the same prediction was fine, but a prediction is kept or dropped whole.
    assert info.value.answers == [[]]

    backend.close()
    with pytest.raises(MLBackendError, match=r"cannot reach the ML backend at .*is it running"):
        source.predict(tasks)


def test_ml_backend_failure_shows_in_the_toolbar_and_labeling_goes_on(backend):
    backend.mode = "error"
    df = frame()
    ann = lw.Annotator(df, CONFIG, predictions=backend.url)
    assert ann.toolbar.status["kind"] == "error"
    assert "HTTP 500" in ann.toolbar.status["text"]
    assert "CUDA out of memory" in ann.toolbar.status["text"]
    ann.set("sentiment", "Negative")
    ann.submit()
    assert df.at[7, "sentiment"] == "Negative"


# -- shown, accepted, switched, edited: origin ---------------------------------------------------------


TWO = {7: [Prediction({"sentiment": "Positive"}, 0.9, "m-a"),
           Prediction({"sentiment": "Negative", "ner": [SPAN]}, 0.6, "m-b")],
       8: [Prediction({"sentiment": "Negative"}, 0.7, "m-a")]}


def test_origin_prediction_changed_and_manual_reach_results_and_store(tmp_path):
    df = frame()
    store = tmp_path / "labels.sqlite"
    ann = lw.Annotator(df, CONFIG, predictions=TWO, store=store)
    # Task 7: accepted as is (best first).
    assert ann.values["sentiment"] == "Positive"
    ann.submit()
    # Task 8: edited.
    assert ann.current == 8 and ann.values["sentiment"] == "Negative"
    ann.set("sentiment", "Positive")
    ann.submit()
    # Task 9: no prediction.
    ann.set("sentiment", "Negative")
    ann.submit()
    results = ann.results.drop_duplicates("task").set_index("task")
    assert results.loc[7, ["origin", "model_version", "score"]].tolist() == \
        ["prediction", "m-a", 0.9]
    assert results.loc[8, ["origin", "model_version", "score"]].tolist() == \
        ["prediction-changed", "m-a", 0.7]
    assert results.loc[9, "origin"] == "manual"
    assert pd.isna(results.loc[9, "model_version"])
    ann.close()
    history = load_history(store).set_index("task")
    assert history.loc[7, "origin"] == "prediction"
    assert history.loc[7, "meta"] == {"model_version": "m-a", "score": 0.9}
    assert history.loc[8, "origin"] == "prediction-changed"
    assert history.loc[9, "origin"] == "manual" and history.loc[9, "meta"] == {}


def test_switching_to_the_second_prediction_in_the_browser_records_it():
    df = frame()
    ann = lw.Annotator(df, CONFIG, predictions=TWO)
    key = task_key(7)
    # The banner carries both predictions, best first, with their score and model version.
    data = ann.suggestion.tasks[key]["data"]
    assert [p["model_version"] for p in data["predictions"]] == ["m-a", "m-b"]
    assert [p["score"] for p in data["predictions"]] == [0.9, 0.6]
    # What the `apply` bus message makes each view send: the second prediction's values.
    for name in ("sentiment", "ner"):
        part = ann._compiled.part_of(name)
        browser_sets(part.widget, {"task": key,
                                   "value": {name: TWO[7][1].values[name]}})
    browser_says(ann.toolbar, {"type": "navigate", "action": "submit", "task": key,
                               "to": task_key(8), "values": {}, "seq": 1})
    row = ann.results.iloc[0]
    assert (row["origin"], row["model_version"], row["score"]) == ("prediction", "m-b", 0.6)
    assert df.at[7, "sentiment"] == "Negative"
    assert [(s["start"], s["end"], s["labels"]) for s in df.at[7, "ner"]] == [(0, 5, ["PER"])]


def test_suggestion_payload_hides_for_labeled_tasks():
    df = frame()
    df["sentiment"] = pd.Series(["Negative", None, None], index=IDS, dtype=object)
    ann = lw.Annotator(df, CONFIG, predictions=TWO)
    assert ann.suggestion.tasks[task_key(7)]["data"]["labeled"] is True
    ann.go_to(7)
    assert ann.values["sentiment"] == "Negative"  # the annotator's label, not the suggestion


# -- bad suggestions: task and control named -----------------------------------------------------------


def test_bad_suggestion_names_task_and_control_and_keeps_the_good_ones():
    df = frame()
    ann = lw.Annotator(df, CONFIG, predictions={
        7: [{"values": {"sentiment": "Maybe"}, "model_version": "x"},
            {"values": {"sentiment": "Negative"}, "model_version": "y"}],
        8: [{"values": {"ner": [{"start": 0, "end": 99, "labels": ["PER"]}]}}],
    })
    text = ann.toolbar.status["text"]
    assert ann.toolbar.status["kind"] == "error"
    assert "task 7, sentiment: 'Maybe' is not an option (options: Positive, Negative)" in text
    assert "task 8, ner:" in text
    assert [p.model_version for p in ann.predictions_for(7)] == ["y"]
    assert ann.predictions_for(8) == []


def test_unknown_control_in_a_suggestion():
    ann = lw.Annotator(frame(), CONFIG, predictions={8: [{"values": {"mood": "Happy"}}]})
    assert "task 8: no control named 'mood' (controls: ner, sentiment)" in \
        ann.toolbar.status["text"]


def test_set_predictions_raises_naming_task_and_control():
    ann = lw.Annotator(frame(), CONFIG)
    with pytest.raises(ValueError, match=r"task 9, sentiment: 'Great' is not an option"):
        ann.set_predictions({9: [Prediction({"sentiment": "Great"})]})


def test_a_bad_label_studio_prediction_is_left_out_with_a_report_and_the_rest_kept():
    # issue 14, item 6: one bad prediction no longer refuses every prediction of the file
    tasks = ls_tasks()
    tasks[0]["predictions"].append({"result": [
        {"from_name": "mood", "to_name": "text", "type": "choices", "value": {"choices": ["x"]}},
        {"from_name": "sentiment", "to_name": "text", "type": "choices",
         "value": {"choices": ["Great"]}}]})
    tasks[1]["predictions"] = [{"result": [{"from_name": "sentiment", "to_name": "text",
                                            "type": "choices",
                                            "value": {"choices": ["Negative"]}}]}]
    with pytest.warns(lw.predictions.PredictionWarning) as record:
        ann = lw.Annotator(frame(), CONFIG, predictions=tasks)
    message = str(record[0].message)
    assert "2 problem(s); the predictions with them are left out, the others are used" in message
    assert "task 7, prediction 1, result 0: from_name 'mood' is not a control" in message
    assert "task 7, prediction 1, result 1: (from_name \"sentiment\") 'Great' is not an " \
           "option" in message
    [kept] = ann.predictions_for(7)  # prediction 0 of the same task is kept
    same(kept)
    assert ann.predictions_for(8)[0].values == {"sentiment": "Negative"}
    # the task it concerns says so on its banner; the others do not
    note = ann.suggestion.tasks[task_key(7)]["data"]["note"]
    assert note.startswith("suggestion left out: task 7, prediction 1, result 0")
    assert ann.suggestion.tasks[task_key(8)]["data"]["note"] == ""
    # errors="raise" keeps the all-or-nothing reading, naming each problem
    with pytest.raises(PredictionError) as info:
        predictions_from_label_studio(tasks, parse_config(CONFIG), errors="raise")
    assert "task 7, prediction 1, result 0" in str(info.value)
    assert "task 7, prediction 1, result 1" in str(info.value)


def test_callable_with_wrong_count_is_reported():
    ann = lw.Annotator(frame(), CONFIG, predictions=lambda rows: [])
    assert "predict(rows) returned 0 suggestions for 3 rows" in ann.toolbar.status["text"]


def test_predictions_for_unknown_task_ids_say_so():
    with pytest.raises(ValueError, match=r"none of the 1 task ids of predictions= is in the "
                                         r"DataFrame index \(ids: 'seven'"):
        lw.Annotator(frame(), CONFIG, predictions={"seven": [EXPECTED]})


def test_as_source_refuses_what_it_cannot_read():
    config = parse_config(CONFIG)
    with pytest.raises(ValueError, match=r"'guess' is not a column of the DataFrame"):
        as_source("guess", config, frame())
    with pytest.raises(ValueError, match=r"say which column suggests which control"):
        as_source("text", config, frame())
    with pytest.raises(TypeError, match=r"predictions= takes"):
        as_source(42, config, frame())


def test_prediction_dict_round_trip_keeps_meta_for_export():
    found = predictions_from_label_studio(
        [{"id": 7, "data": {"text": TEXTS[0]},
          "predictions": [{"id": 55, "result": RESULT, "score": 0.87, "model_version": "v1",
                           "created_ago": "1 day"}]}], parse_config(CONFIG))
    (p,) = found[7]
    assert p.meta == {"id": 55, "created_ago": "1 day"}
    assert Prediction.from_dict(p.to_dict(meta=True)) == p
    assert p.to_dict() == {"values": CELLS, "score": 0.87, "model_version": "v1"}
    df = frame()
    tasks = to_label_studio(df, CONFIG, predictions={7: [p.to_dict(meta=True)]})
    exported = tasks[0]["predictions"][0]
    assert (exported["id"], exported["model_version"], exported["score"]) == (55, "v1", 0.87)
    again = predictions_from_label_studio(tasks, parse_config(CONFIG))
    assert dict(again[7][0].values) == {"ner": [{**SPAN, "id": "r-ner-1"}],
                                        "sentiment": "Positive"}


# -- adapters -------------------------------------------------------------------------------------------


def _classifier():
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    texts = ["great good", "good fine great", "bad awful", "awful terrible bad", "great",
             "terrible"]
    labels = ["Positive", "Positive", "Negative", "Negative", "Positive", "Negative"]
    return make_pipeline(TfidfVectorizer(), LogisticRegression()).fit(texts, labels)


def test_sklearn_classifier_to_choices_scored_by_predict_proba():
    model = _classifier()
    X = ["great news", "awful day"]
    proba = model.predict_proba(X)
    found = sklearn_predictions(model, X, "sentiment", alternatives=2)
    classes = list(model.classes_)
    for row, predictions in zip(proba, found, strict=True):
        best = int(np.argmax(row))
        assert [p.values["sentiment"] for p in predictions] == \
            [classes[best], classes[1 - best]]
        assert [p.score for p in predictions] == pytest.approx([row[best], row[1 - best]])
        assert predictions[0].model_version == "LogisticRegression"
    assert found[0][0].values == {"sentiment": "Positive"}
    assert found[1][0].values == {"sentiment": "Negative"}
    # A multiple-choice control gets list cells; integer classes go through label_map.
    (multi,) = proba_predictions([[0.2, 0.8]], [0, 1], "topics", multiple=True,
                                 label_map=["Sports", "Politics"])
    assert multi[0].values == {"topics": ["Politics"]} and multi[0].score == 0.8
    with pytest.raises(ValueError, match=r"shape \(1, 3\); expected \(rows, 2\)"):
        proba_predictions([[0.1, 0.2, 0.7]], ["a", "b"], "c")


def test_a_fitted_classifier_as_predictions_in_the_annotator():
    config = """<View><Text name="text" value="$review"/>
      <Choices name="sentiment" toName="text"><Choice value="Positive"/>
      <Choice value="Negative"/></Choices></View>"""
    df = pd.DataFrame({"review": ["such a great product", "awful, broken"]})
    model = _classifier()
    ann = lw.Annotator(df, config, predictions=model)
    assert isinstance(ann._source, SklearnSource)
    (p,) = ann.predictions_for(1)
    assert p.values == {"sentiment": "Negative"}
    assert p.score == pytest.approx(model.predict_proba(["awful, broken"])[0].max())
    assert ann.values == {"sentiment": "Positive"}
    # With two Choices controls the classifier cannot guess which one it predicts.
    with pytest.raises(ValueError, match=r"one Choices control reading one data column"):
        lw.Annotator(frame(), CONFIG.replace('name="ner" toName="text">',
                                             'name="ner" toName="text">').replace(
            "</View>", '<Choices name="x" toName="text"><Choice value="a"/></Choices></View>'),
            predictions=model)


# The exact shape of pipeline("ner", aggregation_strategy="simple") output (scores are
# numpy float32, `word` is the tokenizer's rendering, not always the text).
HF_OUTPUT = [
    [{"entity_group": "PER", "score": np.float32(0.9981), "word": "Alice", "start": 0,
      "end": 5},
     {"entity_group": "ORG", "score": np.float32(0.95), "word": "acme", "start": 13, "end": 17},
     {"entity_group": "MISC", "score": np.float32(0.51), "word": "news", "start": 31,
      "end": 35}],
    [{"entity_group": "PER", "score": np.float32(0.42), "word": "Bob", "start": 0, "end": 3}],
    [],
]


def test_token_classification_to_spans():
    spans = token_classification_spans(HF_OUTPUT[0], TEXTS[0], label_map={"MISC": None})
    assert spans == [
        {"start": 0, "end": 5, "text": "Alice", "labels": ["PER"],
         "score": pytest.approx(0.9981)},
        {"start": 13, "end": 17, "text": "Acme", "labels": ["ORG"],
         "score": pytest.approx(0.95)},
    ]
    assert all(type(s["score"]) is float for s in spans)
    # Non-aggregated output: B-/I- prefixes dropped; leading spaces trimmed; min_score.
    raw = [{"entity": "B-PER", "score": 0.99, "word": "ĠBob", "start": 3, "end": 7}]
    text = "Hi  Bob."
    assert token_classification_spans(raw, text)[0] | {"score": 0} == \
        {"start": 4, "end": 7, "text": "Bob", "labels": ["PER"], "score": 0}
    assert token_classification_spans(raw, text, min_score=0.995) == []
    with pytest.raises(ValueError, match=r"entity 0: has neither 'entity_group' nor 'entity'"):
        token_classification_spans([{"start": 0, "end": 1}], "x")


def test_token_classification_source_in_the_annotator():
    calls = []

    def ner(texts):  # what a Hugging Face pipeline does with a list of texts
        calls.append(list(texts))
        return [HF_OUTPUT[TEXTS.index(t)] for t in texts]

    source = TokenClassificationSource(ner, "ner", "text", label_map={"MISC": None},
                                       model_version="bert-ner")
    ann = lw.Annotator(frame(), CONFIG, predictions=source)
    (p,) = ann.predictions_for(7)
    assert [(s["start"], s["end"], s["text"], s["labels"]) for s in p.values["ner"]] == \
        [(0, 5, "Alice", ["PER"]), (13, 17, "Acme", ["ORG"])]
    assert all(isinstance(s["id"], str) for s in p.values["ner"])  # checked: ids given
    assert p.score == pytest.approx((0.9981 + 0.95) / 2)
    assert p.model_version == "bert-ner"
    assert ann.predictions_for(9) == []
    assert len(calls) == 1 and calls[0] == TEXTS  # one batch
    ann.submit()
    assert ann.results.iloc[0]["origin"] == "prediction"
    assert [s["text"] for s in ann.df.at[7, "ner"]] == ["Alice", "Acme"]


IMAGE_CONFIG = """
<View>
  <Image name="image" value="$image"/>
  <RectangleLabels name="boxes" toName="image">
    <Label value="Car"/><Label value="Person"/>
  </RectangleLabels>
</View>
"""


def test_detections_to_boxes_in_percent_with_original_size():
    boxes = detection_boxes([{"xyxy": [60, 40, 360, 220], "label": "Car", "score": 0.9}],
                            600, 400)
    assert boxes == [{"x": 10.0, "y": 10.0, "width": 50.0, "height": 45.0, "rotation": 0,
                      "rectanglelabels": ["Car"], "original_width": 600,
                      "original_height": 400, "score": 0.9}]
    # torchvision-like dict of arrays with class indices; clipped to the image; min_score.
    out = {"boxes": np.array([[-10.0, 0.0, 300.0, 500.0], [0, 0, 10, 10]]),
           "labels": np.array([1, 0]), "scores": np.array([0.8, 0.1])}
    (box,) = detection_boxes(out, 600, 400, label_map=["Car", "Person"], min_score=0.5)
    assert (box["x"], box["y"], box["width"], box["height"]) == (0.0, 0.0, 50.0, 100.0)
    assert box["rectanglelabels"] == ["Person"]
    assert detection_list({"xyxy": np.zeros((0, 4)), "class_id": [], "confidence": []}) == []
    with pytest.raises(ValueError, match=r"detection 0: has no box"):
        detection_boxes([{"label": "Car"}], 10, 10)


class _Boxes:  # the attributes of an ultralytics result's .boxes
    def __init__(self):
        self.xyxy = np.array([[0.0, 0.0, 32.0, 24.0]])
        self.cls = np.array([0.0])
        self.conf = np.array([0.75])


class _Result:  # an ultralytics Results object: boxes, names, orig_shape (h, w)
    def __init__(self):
        self.names = {0: "Car", 1: "Person"}
        self.orig_shape = (48, 64)
        self.boxes = _Boxes()


def test_detection_source_in_the_annotator_and_ultralytics_shape(tmp_path, monkeypatch):
    from PIL import Image

    monkeypatch.chdir(tmp_path)  # the images exist: a task whose image is missing is not submitted
    Image.new("RGB", (64, 48)).save("a.png")
    Image.new("RGB", (200, 100)).save("b.png")
    df = pd.DataFrame({"image": ["a.png", "b.png"]})

    def detect(images):
        return [_Result() if image == "a.png" else
                [{"xyxy": [0, 0, 100, 100], "label": "Person", "score": 0.5}]
                for image in images]

    source = DetectionSource(detect, "boxes", "image", size=(200, 100), model_version="yolo")
    ann = lw.Annotator(df, IMAGE_CONFIG, predictions=source)
    (a,) = ann.predictions_for(0)
    (box,) = a.values["boxes"]
    assert (box["x"], box["y"], box["width"], box["height"]) == (0.0, 0.0, 50.0, 50.0)
    assert (box["original_width"], box["original_height"]) == (64, 48)  # from orig_shape
    assert box["rectanglelabels"] == ["Car"] and a.score == 0.75
    (b,) = ann.predictions_for(1)
    (box,) = b.values["boxes"]
    assert (box["width"], box["height"], box["original_width"]) == (50.0, 100.0, 200)
    ann.submit()
    row = ann.results.iloc[0]
    assert (row["origin"], row["model_version"], row["score"]) == ("prediction", "yolo", 0.75)
    tasks = to_label_studio(ann.df, IMAGE_CONFIG)
    (result,) = tasks[0]["annotations"][0]["result"]
    assert result["original_width"] == 64 and result["value"]["rectanglelabels"] == ["Car"]


def test_detection_without_a_known_size_says_how_to_give_it():
    source = DetectionSource(lambda images: [[{"xyxy": [0, 0, 1, 1], "label": "Car"}]],
                             "boxes", "image")
    ann = lw.Annotator(pd.DataFrame({"image": ["https://example.org/x.png"]}), IMAGE_CONFIG,
                       predictions=source)
    assert "task 0, boxes: the size of image 'https://example.org/x.png' is unknown; pass " \
           "size=(width, height)" in ann.toolbar.status["text"]


def test_mapping_source_and_column_source_details():
    source = MappingSource({7: EXPECTED, 8: None})
    assert source.predict([(7, {}), (8, {}), (9, {})]) == [[EXPECTED], [], []]
    column = ColumnSource({"sentiment": "guess"}, score="p")
    assert column.predict([(1, {"guess": "Positive", "p": np.float64(0.25)}),
                           (2, {"guess": None})]) == \
        [[Prediction({"sentiment": "Positive"}, 0.25, "dataframe")], []]


# -- properties -------------------------------------------------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

coordinate = st.floats(-200, 1200, allow_nan=False, allow_infinity=False)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(coordinate, coordinate, coordinate, coordinate), max_size=6),
       st.integers(1, 1000), st.integers(1, 1000))
def test_detection_boxes_always_pass_the_rectangle_check(boxes, width, height):
    tag = parse_config(IMAGE_CONFIG).controls["boxes"]
    detections = [{"xyxy": list(b), "label": "Car", "score": 0.5} for b in boxes]
    cell = detection_boxes(detections, width, height)
    checked = tag.check_value(cell)
    assert len(checked) == len(cell) <= len(boxes)
    for region in cell:  # back to pixels: inside the image, with an area
        x1, y1 = region["x"] * width / 100, region["y"] * height / 100
        x2 = x1 + region["width"] * width / 100
        y2 = y1 + region["height"] * height / 100
        assert -1e-6 <= x1 <= x2 <= width + 1e-6 and -1e-6 <= y1 <= y2 <= height + 1e-6
        assert region["width"] > 0 and region["height"] > 0


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=1, max_size=40), st.data())
def test_token_classification_spans_always_pass_the_span_check(text, data):
    n = len(text)
    entities = []
    for _ in range(data.draw(st.integers(0, 4))):
        start = data.draw(st.integers(0, n - 1))
        end = data.draw(st.integers(start + 1, n))
        entities.append({"entity_group": data.draw(st.sampled_from(["PER", "ORG"])),
                         "start": start, "end": end, "score": 0.9, "word": "?"})
    spans = token_classification_spans(entities, text)
    tag = parse_config(CONFIG).controls["ner"]
    for span in tag.check_value(spans, {"text": text}):
        assert text[span["start"]:span["end"]] == span["text"]
        assert span["text"] == span["text"].strip()
