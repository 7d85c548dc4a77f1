"""Active learning, headless: refits every N labels, the queue follows the uncertainty ranking,
suggestions pre-fill the next tasks, accuracy is tracked, and a background fit never blocks
labeling and is applied on the main thread."""

from __future__ import annotations

import asyncio
import threading
import time

import numpy as np
import pandas as pd
import pytest

import labelwidget as lw
import labelwidget.active.learner
from labelwidget.active import (
    ActiveLearner,
    entropy,
    least_confidence,
    margin,
    mix_random,
    uncertainty,
)
from labelwidget.queue import UNLABELED

CONFIG = """
<View>
  <Text name="text" value="$text"/>
  <Choices name="sentiment" toName="text" choice="single">
    <Choice value="Positive"/><Choice value="Negative"/>
  </Choices>
  <Choices name="tags" toName="text" choice="multiple">
    <Choice value="a"/><Choice value="b"/>
  </Choices>
</View>
"""

POSITIVE = ["great", "love", "excellent", "wonderful", "nice", "perfect"]
NEGATIVE = ["awful", "hate", "terrible", "broken", "poor", "bad"]
FILLER = ["the", "product", "was", "really", "quite", "delivery", "and", "it"]


def reviews(n=120, seed=0):
    """Short synthetic reviews with a known sentiment (some with a misleading word)."""
    rng = np.random.default_rng(seed)
    texts, truth = [], []
    for _ in range(n):
        positive = bool(rng.random() < 0.5)
        words = list(rng.choice(FILLER, 4)) + list(rng.choice(POSITIVE if positive else
                                                               NEGATIVE, 2))
        if rng.random() < 0.3:
            words += list(rng.choice(NEGATIVE if positive else POSITIVE, 1))
        rng.shuffle(words)
        texts.append(" ".join(words))
        truth.append("Positive" if positive else "Negative")
    return pd.DataFrame({"text": texts}), pd.Series(truth)


def pipeline():
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    return make_pipeline(TfidfVectorizer(), LogisticRegression())


def label(ann, truth, n):
    """Label the next ``n`` tasks with the true answer, as an annotator would."""
    for _ in range(n):
        ann.set("sentiment", truth[ann.df.index.get_loc(ann.current)])
        ann.submit()


# -- scores and mixing ---------------------------------------------------------------------------------


def test_uncertainty_strategies():
    proba = np.array([[0.9, 0.1, 0.0], [0.4, 0.35, 0.25], [0.5, 0.5, 0.0]])
    assert least_confidence(proba) == pytest.approx([0.1, 0.6, 0.5])
    assert margin(proba) == pytest.approx([0.2, 0.95, 1.0])
    assert entropy(proba) == pytest.approx(
        [-(0.9 * np.log(0.9) + 0.1 * np.log(0.1)),
         -sum(p * np.log(p) for p in (0.4, 0.35, 0.25)), np.log(2)])
    assert uncertainty(proba, lambda p: p[:, 2]) == pytest.approx([0.0, 0.25, 0.0])
    with pytest.raises(ValueError, match=r"gave 1 scores for 3 tasks"):
        uncertainty(proba, lambda p: [1.0])


def test_mix_random_keeps_ranked_order_outside_random_slots():
    ranked = np.arange(100) * 3
    rng = np.random.default_rng(1)
    same, drawn = mix_random(ranked, 0.0, rng)
    assert same.tolist() == ranked.tolist() and len(drawn) == 0
    mixed, drawn = mix_random(ranked, 0.3, rng)
    assert sorted(mixed.tolist()) == ranked.tolist()
    assert 15 <= len(drawn) <= 45
    ordered = [x for x in mixed.tolist() if x not in set(drawn.tolist())]
    assert ordered == sorted(ordered)


# -- the loop (synchronous outside a kernel) -------------------------------------------------------------


def test_refits_every_n_labels_and_keeps_history():
    df, truth = reviews()
    ann = lw.Annotator(df, CONFIG)
    model = pipeline()
    learner = ann.learn(model, "sentiment", every=10, seed=0)
    assert learner.background is False  # no event loop running: fits happen in the submit
    label(ann, truth, 9)
    assert learner.history.empty and learner.model_ is None
    assert "starts after 1 more" in learner.widget.value
    label(ann, truth, 1)
    label(ann, truth, 25)
    history = learner.history
    assert history["n_labels"].tolist() == [10, 20, 30]
    assert history["accuracy"].between(0, 1).all()
    assert history["evaluation"].tolist() == ["cv"] * 3
    assert history["model_version"].tolist() == ["LogisticRegression@10",
                                                 "LogisticRegression@20",
                                                 "LogisticRegression@30"]
    assert not hasattr(model, "classes_")  # the model passed in is copied, never fitted
    assert learner.widget in ann.widget.children
    assert "accuracy <b>" in learner.widget.value and "5-fold CV" in learner.widget.value


def test_queue_follows_the_uncertainty_ranking():
    df, truth = reviews(80)
    ann = lw.Annotator(df, CONFIG)
    learner = ann.learn(pipeline(), "sentiment", every=12, random_share=0.0,
                        strategy="margin")
    label(ann, truth, 12)
    assert len(learner.history) == 1
    unlabeled = np.flatnonzero(ann.task_states == UNLABELED)
    proba = learner.model_.predict_proba(df["text"].iloc[unlabeled].tolist())
    scores = margin(proba)
    expected = [int(df.index[unlabeled[i]]) for i in np.argsort(-scores, kind="stable")]
    assert learner.ranking == expected
    assert list(learner.scores.index) == expected
    assert learner.scores.iloc[0] == pytest.approx(scores.max())
    # What the annotator meets next, pressing "next", is that ranking.
    walked = [ann.current]
    for _ in range(9):
        ann.next()
        walked.append(ann.current)
    assert walked == expected[:10]


def test_custom_scoring_function_and_random_share():
    df, truth = reviews(80)
    ann = lw.Annotator(df, CONFIG)
    learner = ann.learn(pipeline(), "sentiment", every=10, random_share=0.0,
                        strategy=lambda p: p[:, 0])  # most likely "Negative" first
    label(ann, truth, 10)
    proba = learner.predict(learner.ranking)
    assert proba["Negative"].is_monotonic_decreasing
    mixed = lw.Annotator(df.copy().assign(sentiment=None), CONFIG)
    other = mixed.learn(pipeline(), "sentiment", every=10, random_share=0.5, seed=3)
    label(mixed, truth, 10)
    assert 10 <= len(other.random_tasks) <= 60
    chosen = set(other.random_tasks)
    rest = [t for t in other.ranking if t not in chosen]
    assert other.scores[rest].is_monotonic_decreasing


def test_suggestions_prefill_the_next_tasks_and_origin_is_recorded():
    df, truth = reviews(60)
    ann = lw.Annotator(df, CONFIG)
    learner = ann.learn(pipeline(), "sentiment", every=10, prefill=5, alternatives=2)
    label(ann, truth, 10)
    nxt = ann.current
    proba = learner.predict([nxt]).iloc[0]
    found = ann.predictions_for(nxt)
    assert [p.values["sentiment"] for p in found] == list(proba.sort_values(
        ascending=False).index)
    assert found[0].score == pytest.approx(proba.max())
    assert found[0].model_version == "LogisticRegression@10"
    assert ann.values["sentiment"] == found[0].values["sentiment"]  # pre-filled
    assert sum(bool(ann.predictions_for(t)) for t in learner.ranking[:8]) == 5
    ann.submit()  # accepted as is
    # The other class is the second suggestion: picking it records that one.
    second = ann.predictions_for(ann.current)[1]
    ann.set("sentiment", second.values["sentiment"])
    ann.submit()
    rows = ann.results.drop_duplicates("task").set_index("task")
    assert rows.loc[nxt, ["origin", "model_version"]].tolist() == \
        ["prediction", "LogisticRegression@10"]
    assert rows.iloc[-1][["origin", "score"]].tolist() == ["prediction", second.score]


def test_correcting_a_suggestion_is_prediction_changed():
    df, truth = reviews(40)
    ann = lw.Annotator(df, CONFIG)
    ann.learn(pipeline(), "sentiment", every=10)
    label(ann, truth, 10)
    suggested = ann.values["sentiment"]
    ann.set("sentiment", "Negative" if suggested == "Positive" else "Positive")
    ann.submit()
    last = ann.results.iloc[-1]
    assert (last["origin"], last["model_version"]) == ("prediction-changed",
                                                       "LogisticRegression@10")


def test_holdout_evaluation_and_agreement():
    df, truth = reviews(80)
    ann = lw.Annotator(df, CONFIG)
    learner = ann.learn(pipeline(), "sentiment", every=10, evaluation="holdout",
                        holdout=0.2)
    label(ann, truth, 20)
    history = learner.history
    assert history["evaluation"].tolist() == ["holdout", "holdout"]
    assert history["evaluated_on"].tolist()[0] in (2, 3)
    assert history["agreement"].isna().tolist() == [True, False]
    assert 0 <= history["agreement"].iloc[1] <= 1
    assert "held out" in learner.widget.value


def test_needs_two_classes_and_enough_labels():
    df, _truth = reviews(30)
    ann = lw.Annotator(df, CONFIG)
    learner = ann.learn(pipeline(), "sentiment", every=3)
    for _ in range(4):
        ann.set("sentiment", "Positive")
        ann.submit()
    assert learner.history.empty
    assert "at least two classes" in learner.widget.value
    ann.set("sentiment", "Negative")
    ann.submit()
    assert len(learner.history) == 1


def test_prelabeled_rows_start_the_model_at_once_and_max_candidates():
    df, truth = reviews(100)
    df["sentiment"] = pd.Series([truth[i] if i < 20 else None for i in range(100)],
                                dtype=object)
    ann = lw.Annotator(df, CONFIG)
    learner = ann.learn(pipeline(), "sentiment", every=10, max_candidates=30,
                        random_share=0.0)
    assert learner.history["n_labels"].tolist() == [20]
    assert len(learner.scores) == 30
    assert ann.current == learner.ranking[0] or ann.current in learner.scores.index


def test_fit_failure_is_reported_and_labeling_goes_on():
    class Broken:
        def fit(self, X, y):
            raise RuntimeError("out of memory")

        def predict_proba(self, X):
            raise AssertionError("never fitted")

    df, truth = reviews(20)
    ann = lw.Annotator(df, CONFIG)
    learner = ann.learn(Broken(), "sentiment", every=4, evaluation=None)
    label(ann, truth, 5)
    assert learner.error == "RuntimeError: out of memory"
    assert "could not be fitted: RuntimeError: out of memory" in learner.widget.value
    label(ann, truth, 1)
    assert ann.df["sentiment"].notna().sum() == 6


def test_bad_arguments_are_explained():
    df, _ = reviews(10)
    ann = lw.Annotator(df, CONFIG)
    with pytest.raises(ValueError, match=r"no control named 'mood' \(controls: sentiment, tags"):
        ann.learn(pipeline(), "mood")
    with pytest.raises(ValueError, match=r'allows several choices \(choice="multiple"\)'):
        ann.learn(pipeline(), "tags")
    with pytest.raises(TypeError, match=r"KMeans has no predict_proba\(\)"):
        from sklearn.cluster import KMeans

        ann.learn(KMeans(), "sentiment")
    with pytest.raises(ValueError, match=r"strategy='random': use one of least_confidence"):
        ann.learn(pipeline(), "sentiment", strategy="random")


def test_features_function_and_stop():
    df, truth = reviews(60)
    df["n_positive"] = df["text"].map(lambda t: sum(w in POSITIVE for w in t.split()))
    df["n_negative"] = df["text"].map(lambda t: sum(w in NEGATIVE for w in t.split()))
    from sklearn.linear_model import LogisticRegression

    seen = []

    def features(rows):
        seen.append(len(rows))
        return rows[["n_positive", "n_negative"]].to_numpy(float)

    ann = lw.Annotator(df, CONFIG)
    learner = ann.learn(LogisticRegression(), "sentiment", features=features, every=8)
    label(ann, truth, 16)
    assert seen == [60]  # computed once for every task, then indexed
    assert learner.history["accuracy"].iloc[-1] > 0.7
    learner.stop()
    assert learner.widget not in ann.widget.children
    label(ann, truth, 8)
    assert len(learner.history) == 2
    # learn() again replaces the learner (and stops the old one).
    again = ann.learn(LogisticRegression(), "sentiment", features=["n_positive", "n_negative"])
    assert ann.learner is again and again.widget in ann.widget.children


# -- background fits ---------------------------------------------------------------------------------------


class SlowModel:
    """A classifier whose fit takes a while (and records the thread it ran on)."""

    def __init__(self, delay=0.4):
        self.delay = delay
        self.threads = []

    def get_params(self, deep=False):
        return {"delay": self.delay}

    def fit(self, X, y):
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression

        FIT_THREADS.append(threading.current_thread().name)
        time.sleep(self.delay)
        self.vec_ = TfidfVectorizer().fit(X)
        self.clf_ = LogisticRegression().fit(self.vec_.transform(X), y)
        self.classes_ = self.clf_.classes_
        return self

    def predict_proba(self, X):
        return self.clf_.predict_proba(self.vec_.transform(X))


FIT_THREADS: list[str] = []


def test_background_fit_in_a_kernel_loop_does_not_block_and_applies_on_main_thread(monkeypatch):
    # A kernel is an event loop plus IPython's kernel app; the loop here is real, the app faked.
    monkeypatch.setattr(labelwidget.active.learner, "in_kernel", lambda: True)
    FIT_THREADS.clear()
    df, truth = reviews(60)

    async def session():
        ann = lw.Annotator(df, CONFIG)
        learner = ann.learn(SlowModel(0.5), "sentiment", every=6, evaluation=None)
        assert learner.background is True  # a running event loop: fits go to a thread
        applied_on = []
        original = ann.set_predictions

        loop_thread = threading.current_thread()

        def recording(predictions):
            applied_on.append(threading.current_thread() is loop_thread)
            original(predictions)

        ann.set_predictions = recording
        label(ann, truth, 6)
        assert learner.busy
        # Labeling goes on while the model fits: each submit returns at once.
        started = time.perf_counter()
        for _ in range(4):
            t0 = time.perf_counter()
            label(ann, truth, 1)
            assert time.perf_counter() - t0 < 0.25
        assert time.perf_counter() - started < 0.5
        assert learner.history.empty  # not applied from the worker thread
        # The loop's thread (the kernel's main thread) applies it when the fit is done.
        for _ in range(200):
            await asyncio.sleep(0.02)
            if not learner.history.empty:
                break
        assert learner.history["n_labels"].tolist() == [6]
        assert applied_on == [True]
        assert FIT_THREADS == ["labelwidget-active-learning"]
        # The 4 tasks labeled meanwhile are out of the ranking.
        labeled = set(ann.df.index[ann.df["sentiment"].notna()])
        assert not labeled & set(learner.ranking)
        return learner

    # The loop runs in a thread of its own: this test process may already have a running loop
    # in its main thread (Playwright's sync API keeps one when the browser tests ran first).
    errors = []

    def run():
        try:
            asyncio.run(session())
        except BaseException as exc:  # re-raised below, in the test's thread
            errors.append(exc)

    runner = threading.Thread(target=run)
    runner.start()
    runner.join(timeout=60)
    if errors:
        raise errors[0]
    assert not runner.is_alive()


def test_background_without_a_loop_is_applied_by_wait():
    FIT_THREADS.clear()
    df, truth = reviews(40)
    ann = lw.Annotator(df, CONFIG)
    learner = ann.learn(SlowModel(0.2), "sentiment", every=5, evaluation=None,
                        background=True)
    label(ann, truth, 5)
    assert learner.busy and learner.history.empty
    learner.wait(timeout=30)
    assert not learner.busy
    assert learner.history["n_labels"].tolist() == [5]
    assert FIT_THREADS == ["labelwidget-active-learning"]
    # Submits during a fit queue one more fit, run after it.
    label(ann, truth, 5)
    label(ann, truth, 5)
    learner.wait(timeout=30)
    assert learner.history["n_labels"].tolist()[-1] == 15


def test_widget_text_is_escaped():
    class Tricky(SlowModel):
        pass

    Tricky.__name__ = "<b>Tricky</b>"
    df, truth = reviews(20)
    ann = lw.Annotator(df, CONFIG)
    learner = ActiveLearner(ann, Tricky(0.0), "sentiment", every=5, evaluation=None)
    label(ann, truth, 5)
    assert "&lt;b&gt;Tricky&lt;/b&gt;@5" in learner.widget.value
    assert "<b>Tricky</b>" not in learner.widget.value


def test_rating_control_learns_integer_classes():
    from sklearn.linear_model import LogisticRegression

    config = """<View><Text name="text" value="$text"/>
      <Rating name="stars" toName="text" maxRating="3"/></View>"""
    df = pd.DataFrame({"text": [f"t{i}" for i in range(30)], "x": np.arange(30.0) % 3})
    ann = lw.Annotator(df, config)
    learner = ann.learn(LogisticRegression(), "stars", features=["x"], every=6)
    for _ in range(6):
        ann.set("stars", 1 + int(df.at[ann.current, "x"]))
        ann.submit()
    assert learner.error is None and len(learner.history) == 1
    (best, *_) = ann.predictions_for(ann.current)
    assert best.values == {"stars": 1 + int(df.at[ann.current, "x"])}
    assert type(best.values["stars"]) is int
