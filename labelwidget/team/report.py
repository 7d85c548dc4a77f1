"""``agreement()``: figures per control from a store or a long DataFrame, as DataFrames."""

from __future__ import annotations

import itertools
import math
import os
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from .coefficients import cohen_kappa, fleiss_kappa, krippendorff_alpha, percent_agreement
from .matching import Match, match_regions, match_spans, total

# The measurement level of each classification control (Krippendorff's alpha uses it).
LEVEL_OF_TAG = {
    "Choices": "nominal", "Taxonomy": "nominal", "TextArea": "nominal", "DateTime": "nominal",
    "Pairwise": "nominal", "Rating": "ordinal", "Number": "interval",
}
SUMMARY_COLUMNS = ["kind", "tasks", "annotators", "percent_agreement", "cohen_kappa",
                   "fleiss_kappa", "krippendorff_alpha", "f1", "f1_overlap"]


class AgreementError(ValueError):
    """The input cannot give agreement figures (said in one sentence)."""


@dataclass
class Agreement:
    """Agreement figures. Every table is a plain DataFrame; :meth:`plot` draws a heatmap.

    * ``summary``: one row per control: ``kind`` (nominal, ordinal, interval, spans, regions),
      tasks with two or more annotators, annotators, and the figures that apply to the kind
      (NaN for the others). For spans ``f1`` is exact-offset F1 and ``f1_overlap`` any-overlap
      F1; for image regions ``f1`` is IoU-matched F1 at ``iou``.
    * ``pairs``: control, annotator_a, annotator_b, tasks, metric, value (Cohen's kappa for
      classes, F1 for spans and regions).
    * ``per_annotator``: control, annotator, tasks, agreement (mean of their pairs' values).
    * ``per_task``: control, task, annotators, agreement (percent agreement for classes, mean
      pairwise F1 for regions), majority (the most given value, for classes).
    """

    summary: pd.DataFrame
    pairs: pd.DataFrame
    per_annotator: pd.DataFrame
    per_task: pd.DataFrame
    skipped: dict[str, str] = field(default_factory=dict)

    def matrix(self, control: str | None = None) -> pd.DataFrame:
        """Annotator x annotator table of one control's pairwise values (1 on the diagonal)."""
        control = self._control(control)
        rows = self.pairs[self.pairs["control"] == control]
        names = sorted(set(rows["annotator_a"]) | set(rows["annotator_b"]), key=str)
        out = pd.DataFrame(float("nan"), index=names, columns=names)
        for name in names:
            out.loc[name, name] = 1.0
        for r in rows.itertuples(index=False):
            out.loc[r.annotator_a, r.annotator_b] = r.value
            out.loc[r.annotator_b, r.annotator_a] = r.value
        out.index.name = out.columns.name = "annotator"
        return out

    def plot(self, control: str | None = None, ax=None):
        """Heatmap of :meth:`matrix` with matplotlib; returns the Axes."""
        import matplotlib.pyplot as plt

        control = self._control(control)
        m = self.matrix(control)
        if ax is None:
            _, ax = plt.subplots(figsize=(1.2 + 0.6 * len(m), 1 + 0.5 * len(m)))
        image = ax.imshow(m.to_numpy(dtype=float), vmin=-1 if self._kappa(control) else 0,
                          vmax=1, cmap="RdYlGn")
        ax.set_xticks(range(len(m)), [str(c) for c in m.columns], rotation=45, ha="right")
        ax.set_yticks(range(len(m)), [str(i) for i in m.index])
        for (i, j), value in pd.DataFrame(m.to_numpy()).stack().items():
            if not math.isnan(value):
                ax.text(j, i, f"{value:.2f}", ha="center", va="center", fontsize=8)
        metric = self.pairs.loc[self.pairs["control"] == control, "metric"]
        ax.set_title(f"{control}: {metric.iloc[0] if len(metric) else 'agreement'}")
        ax.figure.colorbar(image, ax=ax)
        return ax

    def _kappa(self, control: str) -> bool:
        return self.summary.loc[control, "kind"] in LEVEL_OF_TAG.values()

    def _control(self, control: str | None) -> str:
        names = list(self.summary.index)
        if control is None:
            if len(names) != 1:
                raise AgreementError(f"say which control: one of {', '.join(names) or '(none)'}")
            return names[0]
        if control not in names:
            raise AgreementError(f"no agreement figures for {control!r}: controls are "
                                 f"{', '.join(names) or '(none)'}")
        return control

    def __repr__(self) -> str:
        return f"Agreement\n{self.summary.to_string()}"

    def _repr_html_(self) -> str:
        return self.summary.to_html()


def agreement(source: Any, config: Any = None, *, controls: Iterable[str] | None = None,
              iou: float = 0.5, keypoint_radius: float = 2.0) -> Agreement:
    """Agreement between annotators, per control.

    ``source``: a store (path or ``sqlite:///`` URL) or a long DataFrame with ``task``,
    ``annotator`` and one column per control (``lw.load(store, by="annotator")``). ``config``:
    the labeling config (XML or parsed); read from the store when not given. ``controls``
    limits the figures to those names. ``iou``: the IoU at which two image regions match;
    ``keypoint_radius``: how near (percent of the image) two keypoints must be to match.
    """
    long, config = _long_and_config(source, config)
    from ..config import LabelConfig, parse_config

    parsed = config if isinstance(config, LabelConfig) or config is None else parse_config(config)
    for column in ("task", "annotator"):
        if column not in long.columns:
            raise AgreementError(f"the annotations have no {column!r} column (columns: "
                                 f"{', '.join(map(str, long.columns))})")
    names = [c for c in long.columns if c not in ("task", "annotator", "created_at",
                                                   "lead_time", "origin")]
    if parsed is not None:
        names = [n for n in names if n in parsed.controls]
    if controls is not None:
        wanted = list(controls)
        unknown = [c for c in wanted if c not in names]
        if unknown:
            raise AgreementError(f"no annotations for control {unknown[0]!r} (controls: "
                                 f"{', '.join(names) or '(none)'})")
        names = wanted
    summary, pairs, per_ann, per_task, skipped = [], [], [], [], {}
    for name in names:
        by_task = _values_by_task(long, name)
        tag = parsed.controls[name].tag_name if parsed is not None else None
        kind = _kind(tag, by_task)
        if kind is None:
            skipped[name] = "its values are per region or of a kind agreement is not defined for"
            continue
        if kind in ("spans", "regions"):
            figures = _region_figures(name, kind, by_task, iou, keypoint_radius)
        else:
            figures = _class_figures(name, kind, by_task)
        summary.append(figures[0])
        pairs.extend(figures[1])
        per_ann.extend(figures[2])
        per_task.extend(figures[3])
    summary_df = pd.DataFrame(summary, columns=["control", *SUMMARY_COLUMNS]).set_index("control")
    return Agreement(
        summary=summary_df,
        pairs=pd.DataFrame(pairs, columns=["control", "annotator_a", "annotator_b", "tasks",
                                           "metric", "value"]),
        per_annotator=pd.DataFrame(per_ann, columns=["control", "annotator", "tasks",
                                                     "agreement"]),
        per_task=pd.DataFrame(per_task, columns=["control", "task", "annotators", "agreement",
                                                 "majority"]),
        skipped=skipped,
    )


# ----------------------------------------------------------------------------------------------

def _long_and_config(source: Any, config: Any) -> tuple[pd.DataFrame, Any]:
    if isinstance(source, pd.DataFrame):
        return source, config
    if isinstance(source, (str, os.PathLike)):
        from ..store import load_history
        from ..store.by_annotator import by_annotator

        path = source
        history = load_history(path)
        # Reviews are ground truth, not one more annotator.
        long = by_annotator(history, origins=("manual", "prediction", "prediction-changed"))
        if config is None:
            config = _config_of_store(path, history)
        return long, config
    raise AgreementError("agreement() takes a store path or a DataFrame with task, annotator "
                         f"and control columns, not {type(source).__name__}")


def _config_of_store(path: Any, history: pd.DataFrame) -> str | None:
    from ..store.url import open_store

    hashes = [h for h in history["config_hash"] if h]
    if not hashes:
        return None
    with open_store(path, readonly=True) as store:
        return store.config_xml(Counter(hashes).most_common(1)[0][0])


def _values_by_task(long: pd.DataFrame, name: str) -> dict[Any, dict[Any, Any]]:
    out: dict[Any, dict[Any, Any]] = {}
    for task, who, value in zip(long["task"], long["annotator"], long[name], strict=True):
        if value is None or (isinstance(value, float) and math.isnan(value)):
            continue
        out.setdefault(_hashable(task), {})[who] = value
    return out


def _kind(tag: str | None, by_task: Mapping) -> str | None:
    if tag in LEVEL_OF_TAG:
        return LEVEL_OF_TAG[tag]
    sample = [v for values in by_task.values() for v in values.values()]
    if any(isinstance(v, dict) for v in sample):
        return None  # per-region values: region ids differ between annotators
    regions = [r for v in sample if isinstance(v, list) for r in v if isinstance(r, dict)]
    if regions or (sample and all(isinstance(v, list) for v in sample) and tag is not None):
        if any("start" in r and "x" not in r for r in regions):
            return "spans"
        return "regions"
    if tag is None and sample:
        if all(isinstance(v, bool) or not isinstance(v, (int, float)) for v in sample):
            return "nominal"
        return "interval"
    return None


def _hashable(value: Any) -> Hashable:
    if isinstance(value, dict):
        return tuple(sorted((k, _hashable(v)) for k, v in value.items()))
    if isinstance(value, (list, tuple)):
        items = [_hashable(v) for v in value]
        return tuple(items)
    return value


def _category(value: Any, kind: str) -> Hashable:
    if kind != "nominal":
        return value
    if isinstance(value, list):  # multiple choices, taxonomy paths: the set that was chosen
        return frozenset(_hashable(v) for v in value)
    return _hashable(value)


def _class_figures(name, kind, by_task):
    coded = {t: {a: _category(v, kind) for a, v in vals.items()} for t, vals in by_task.items()}
    annotators = sorted({a for vals in coded.values() for a in vals}, key=str)
    multi = {t: vals for t, vals in coded.items() if len(vals) >= 2}
    units = [list(vals.values()) for vals in multi.values()]
    pairs = []
    for a, b in itertools.combinations(annotators, 2):
        shared = [t for t, vals in coded.items() if a in vals and b in vals]
        if not shared:
            continue
        value = cohen_kappa([coded[t][a] for t in shared], [coded[t][b] for t in shared])
        pairs.append({"control": name, "annotator_a": a, "annotator_b": b,
                      "tasks": len(shared), "metric": "cohen_kappa", "value": value})
    summary = {
        "control": name, "kind": kind, "tasks": len(multi), "annotators": len(annotators),
        "percent_agreement": percent_agreement(units),
        "cohen_kappa": _mean(p["value"] for p in pairs),
        "fleiss_kappa": fleiss_kappa(units) if kind == "nominal" else float("nan"),
        "krippendorff_alpha": krippendorff_alpha(units, kind),
        "f1": float("nan"), "f1_overlap": float("nan"),
    }
    per_task = []
    for t, vals in multi.items():
        counts = Counter(vals.values())
        top, n = counts.most_common(1)[0]
        per_task.append({"control": name, "task": t, "annotators": len(vals),
                         "agreement": percent_agreement([list(vals.values())]),
                         "majority": _plain(top) if n > len(vals) / 2 else None})
    return summary, pairs, _per_annotator(name, annotators, pairs, coded), per_task


def _region_figures(name, kind, by_task, threshold, radius):
    def match(x, y, mode="exact"):
        if kind == "spans":
            return match_spans(x, y, mode)
        return match_regions(x, y, threshold, radius)

    annotators = sorted({a for vals in by_task.values() for a in vals}, key=str)
    pairs, overlap_pairs = [], []
    for a, b in itertools.combinations(annotators, 2):
        shared = [t for t, vals in by_task.items() if a in vals and b in vals]
        if not shared:
            continue
        m = total(match(by_task[t][a], by_task[t][b]) for t in shared)
        pairs.append({"control": name, "annotator_a": a, "annotator_b": b, "tasks": len(shared),
                      "metric": "f1" if kind == "spans" else f"f1_iou_{threshold:g}",
                      "value": m.f1})
        if kind == "spans":
            overlap_pairs.append(total(match(by_task[t][a], by_task[t][b], "overlap")
                                       for t in shared))
    multi = {t: vals for t, vals in by_task.items() if len(vals) >= 2}
    every: list[Match] = []
    per_task = []
    for t, vals in multi.items():
        ms = [match(vals[a], vals[b]) for a, b in itertools.combinations(sorted(vals, key=str), 2)]
        every.extend(ms)
        per_task.append({"control": name, "task": t, "annotators": len(vals),
                         "agreement": _mean(m.f1 for m in ms), "majority": None})
    summary = {
        "control": name, "kind": kind, "tasks": len(multi), "annotators": len(annotators),
        "percent_agreement": float("nan"), "cohen_kappa": float("nan"),
        "fleiss_kappa": float("nan"), "krippendorff_alpha": float("nan"),
        "f1": total(every).f1 if every else float("nan"),
        "f1_overlap": total(overlap_pairs).f1 if overlap_pairs else float("nan"),
    }
    return summary, pairs, _per_annotator(name, annotators, pairs, by_task), per_task


def _per_annotator(name, annotators, pairs, coded):
    out = []
    for a in annotators:
        mine = [p["value"] for p in pairs if a in (p["annotator_a"], p["annotator_b"])]
        out.append({"control": name, "annotator": a,
                    "tasks": sum(1 for vals in coded.values() if a in vals),
                    "agreement": _mean(mine)})
    return out


def _mean(values: Iterable[float]) -> float:
    vals = [v for v in values if not math.isnan(v)]
    return sum(vals) / len(vals) if vals else float("nan")


def _plain(value: Any) -> Any:
    if isinstance(value, frozenset):
        return sorted(value, key=repr)
    return value
