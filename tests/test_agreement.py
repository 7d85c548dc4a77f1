"""Agreement figures equal the reference implementations, and come out of a real store."""

from __future__ import annotations

import math
import warnings

import krippendorff
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.metrics import cohen_kappa_score
from statsmodels.stats.inter_rater import fleiss_kappa as sm_fleiss

import labelwidget as lw
from labelwidget.team import (
    AgreementError,
    cohen_kappa,
    fleiss_kappa,
    iou,
    krippendorff_alpha,
    match_regions,
    match_spans,
)


def same(a: float, b: float) -> bool:
    return (math.isnan(a) and math.isnan(b)) or math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


labels = st.sampled_from(["a", "b", "c"])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(labels, labels), min_size=1, max_size=40))
def test_cohen_kappa_equals_scikit_learn(pairs):
    a, b = [p[0] for p in pairs], [p[1] for p in pairs]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # sklearn warns where kappa is undefined (nan)
        expected = cohen_kappa_score(a, b)
    assert same(cohen_kappa(a, b), float(expected))


def test_cohen_kappa_uses_only_units_both_coded():
    a = ["x", "y", None, "x", "y"]
    b = ["x", "y", "x", None, "x"]
    shared_a, shared_b = ["x", "y", "y"], ["x", "y", "x"]  # units 0, 1 and 4
    assert same(cohen_kappa(a, b), float(cohen_kappa_score(shared_a, shared_b)))


@settings(max_examples=150, deadline=None)
@given(st.integers(2, 5).flatmap(
    lambda m: st.lists(st.lists(labels, min_size=m, max_size=m), min_size=2, max_size=30)))
def test_fleiss_kappa_equals_statsmodels(units):
    categories = ["a", "b", "c"]
    table = np.array([[u.count(c) for c in categories] for u in units])
    with np.errstate(all="ignore"):
        expected = float(sm_fleiss(table))
    assert same(fleiss_kappa(units), expected)


def test_fleiss_kappa_keeps_units_with_the_usual_number_of_ratings():
    units = [["a", "a", "b"], ["b", "b", "b"], ["a", "a", "a"], ["a", "b"], ["c", None, "a", "a"]]
    kept = [*units[:3], ["c", "a", "a"]]
    table = np.array([[u.count(c) for c in "abc"] for u in kept])
    assert same(fleiss_kappa(units), float(sm_fleiss(table)))


def _reliability(units, coders):
    """units x coders -> the krippendorff package's coders x units matrix (nan = missing)."""
    return np.array([[np.nan if u[c] is None else u[c] for u in units] for c in range(coders)],
                    dtype=float)


@pytest.mark.parametrize("level", ["nominal", "ordinal", "interval"])
@settings(max_examples=120, deadline=None)
@given(data=st.data())
def test_krippendorff_alpha_equals_the_krippendorff_package(level, data):
    coders = data.draw(st.integers(2, 5))
    values = st.one_of(st.none(), st.integers(1, 5))
    units = data.draw(st.lists(st.lists(values, min_size=coders, max_size=coders),
                               min_size=2, max_size=25))
    pairable = [u for u in units if sum(v is not None for v in u) >= 2]
    distinct = {v for u in pairable for v in u if v is not None}
    ours = krippendorff_alpha(units, level)
    if len(distinct) < 2:
        assert math.isnan(ours)  # the package raises where alpha is undefined
        return
    expected = krippendorff.alpha(reliability_data=_reliability(units, coders),
                                  level_of_measurement=level)
    assert same(ours, float(expected))


def test_krippendorff_alpha_refuses_an_unknown_level():
    with pytest.raises(ValueError, match="level must be one of nominal, ordinal, interval"):
        krippendorff_alpha([[1, 2]], "ratio-ish")


def span(start, end, label="PER"):
    return {"start": start, "end": end, "labels": [label]}


def test_span_f1_exact_and_overlapping():
    a = [span(0, 5), span(10, 15), span(20, 25, "ORG")]
    b = [span(0, 5), span(11, 15), span(20, 25, "PER")]
    # exact: only (0, 5) matches -> 2 * 1 / 6; overlap: (10,15)~(11,15) too -> 2 * 2 / 6
    assert match_spans(a, b, "exact").f1 == pytest.approx(2 / 6)
    assert match_spans(a, b, "overlap").f1 == pytest.approx(4 / 6)
    assert match_spans([], [], "exact").f1 == 1.0  # both looked and marked nothing


def test_span_matching_is_one_to_one():
    a = [span(0, 10)]
    b = [span(0, 4), span(5, 10)]
    m = match_spans(a, b, "overlap")
    assert (m.left, m.right, m.matched) == (1, 2, 1)


def box(x, y, w, h, label="Car", rotation=0):
    return {"x": x, "y": y, "width": w, "height": h, "rotation": rotation,
            "rectanglelabels": [label]}


def test_box_iou_is_exact():
    assert iou(box(0, 0, 10, 10), box(5, 0, 10, 10)) == pytest.approx(50 / 150)
    assert iou(box(0, 0, 10, 10), box(20, 20, 5, 5)) == 0


def test_polygon_and_rotated_box_iou_agree_with_the_exact_box_iou():
    poly = {"points": [[5, 0], [15, 0], [15, 10], [5, 10]], "polygonlabels": ["Car"]}
    assert iou(box(0, 0, 10, 10), poly) == pytest.approx(50 / 150, abs=0.01)
    # A box rotated 90 degrees about its (x, y) corner covers [x - h, x] x [y, y + w].
    turned = box(20, 10, 10, 10, rotation=90)
    assert iou(turned, box(10, 10, 10, 10)) == pytest.approx(1.0, abs=0.01)


def test_region_matching_needs_the_same_label_and_enough_overlap():
    a = [box(0, 0, 10, 10), box(50, 50, 10, 10)]
    b = [box(1, 0, 10, 10), box(50, 50, 10, 10, "Bus")]
    m = match_regions(a, b, threshold=0.5)
    assert (m.matched, m.f1) == (1, 0.5)
    assert match_regions(a, b, threshold=0.95).matched == 0
    kp = {"x": 10, "y": 10, "keypointlabels": ["Nose"]}
    near = {"x": 11, "y": 10.5, "keypointlabels": ["Nose"]}
    assert match_regions([kp], [near], keypoint_radius=2).matched == 1
    assert match_regions([kp], [near], keypoint_radius=1).matched == 0


CONFIG = """
<View>
  <Text name="text" value="$text"/>
  <Choices name="sentiment" toName="text" choice="single">
    <Choice value="Positive"/><Choice value="Negative"/><Choice value="Neutral"/>
  </Choices>
  <Rating name="stars" toName="text" maxRating="5"/>
  <Labels name="ner" toName="text"><Label value="PER"/><Label value="ORG"/></Labels>
</View>
"""

TEXTS = ["Ann met Bob", "Cid works at Acme", "Dee sings", "Eve and Fay", "Gus runs"]
LABELS = {
    "alice": ["Positive", "Negative", "Neutral", "Positive", "Negative"],
    "bob": ["Positive", "Negative", "Positive", "Positive", None],
    "carol": ["Negative", "Negative", "Neutral", "Positive", "Negative"],
}
STARS = {"alice": [5, 1, 3, 4, 2], "bob": [4, 1, 3, 5, None], "carol": [5, 2, 3, 4, 1]}


def _label_in_store(path):
    for who in LABELS:
        df = pd.DataFrame({"text": TEXTS}, index=[f"t{i}" for i in range(5)])
        ann = lw.Annotator(df, CONFIG, store=path, annotator=who)
        for i, task in enumerate(df.index):
            if LABELS[who][i] is None:
                continue
            ann.go_to(task)
            ann.set("sentiment", LABELS[who][i])
            ann.set("stars", STARS[who][i])
            start = TEXTS[i].index(TEXTS[i].split()[0])
            end = start + len(TEXTS[i].split()[0]) + (1 if who == "carol" else 0)
            ann.set("ner", [{"start": start, "end": end, "text": TEXTS[i][start:end],
                             "labels": ["PER"]}])
            ann.submit()
        del ann


def test_agreement_of_a_store_equals_the_references(tmp_path):
    path = tmp_path / "team.sqlite"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        _label_in_store(path)
    long = lw.load(path, by="annotator")
    assert sorted(long["annotator"].unique()) == ["alice", "bob", "carol"]
    assert len(long) == 14  # bob left one task unlabeled
    result = lw.agreement(path)
    s = result.summary
    assert list(s.index) == ["sentiment", "stars", "ner"]
    assert s.loc["sentiment", "kind"] == "nominal" and s.loc["stars", "kind"] == "ordinal"
    names = ["alice", "bob", "carol"]
    units = [[LABELS[n][i] for n in names] for i in range(5)]
    # References: the krippendorff package and statsmodels over the same units.
    codes = {"Positive": 1, "Negative": 2, "Neutral": 3}
    rel = np.array([[np.nan if LABELS[n][i] is None else codes[LABELS[n][i]] for i in range(5)]
                    for n in names])
    assert same(s.loc["sentiment", "krippendorff_alpha"],
                float(krippendorff.alpha(reliability_data=rel, level_of_measurement="nominal")))
    full = [u for u in units if None not in u]
    table = np.array([[u.count(c) for c in codes] for u in full])
    assert same(s.loc["sentiment", "fleiss_kappa"], float(sm_fleiss(table)))
    stars = np.array([[np.nan if STARS[n][i] is None else STARS[n][i] for i in range(5)]
                      for n in names], dtype=float)
    assert same(s.loc["stars", "krippendorff_alpha"],
                float(krippendorff.alpha(reliability_data=stars, level_of_measurement="ordinal")))
    pair = result.pairs.set_index(["control", "annotator_a", "annotator_b"])
    shared = [i for i in range(5) if LABELS["bob"][i] is not None]
    assert same(pair.loc[("sentiment", "alice", "bob"), "value"],
                float(cohen_kappa_score([LABELS["alice"][i] for i in shared],
                                        [LABELS["bob"][i] for i in shared])))
    # Spans: alice and bob mark the same first word; carol's span is one character longer.
    assert pair.loc[("ner", "alice", "bob"), "value"] == 1.0
    assert pair.loc[("ner", "alice", "carol"), "value"] == 0.0
    assert s.loc["ner", "f1_overlap"] == 1.0
    m = result.matrix("sentiment")
    assert m.loc["alice", "bob"] == m.loc["bob", "alice"] and m.loc["carol", "carol"] == 1.0
    per_task = result.per_task[result.per_task["control"] == "sentiment"].set_index("task")
    assert per_task.loc["t1", "agreement"] == 1.0 and per_task.loc["t1", "majority"] == "Negative"
    ax = result.plot("sentiment")
    assert ax.get_title().startswith("sentiment")


def test_agreement_errors_are_sentences(tmp_path):
    with pytest.raises(AgreementError, match="no 'annotator' column"):
        lw.agreement(pd.DataFrame({"task": [1], "x": ["a"]}))
    with pytest.raises(ValueError, match="takes a store path or a DataFrame"):
        lw.agreement(42)
    frame = pd.DataFrame({"task": [1, 1], "annotator": ["a", "b"], "c": ["x", "x"]})
    with pytest.raises(ValueError, match="no annotations for control 'd'"):
        lw.agreement(frame, controls=["d"])
    with pytest.raises(ValueError, match="say which control"):
        lw.agreement(frame.assign(e=["y", "y"])).matrix()
