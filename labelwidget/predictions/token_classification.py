"""Token classification shaped like Hugging Face ``pipeline("ner", aggregation_strategy=...)``
-> spans of a ``Labels`` control. No Jupyter imports."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import numpy as np

from ..tasks import plain
from .classifiers import model_name
from .model import Prediction, PredictionSource


def _strip_tag(entity: str) -> str:
    """``B-PER`` / ``I-PER`` / ``S-PER`` -> ``PER`` (non-aggregated pipeline output)."""
    if len(entity) > 2 and entity[1] in "-_" and entity[0] in "BIESLU":
        return entity[2:]
    return entity


def token_classification_spans(entities: Sequence[Mapping], text: str | None = None, *,
                               label_map: Mapping[str, str] | Callable | None = None,
                               min_score: float | None = None, strip: bool = True,
                               label_key: str = "labels") -> list[dict]:
    """Hugging Face token-classification output -> a Labels cell (list of spans).

    Each entity has ``start``/``end`` (character offsets, end exclusive), ``entity_group``
    (or ``entity``, whose ``B-``/``I-`` prefix is dropped) and ``score``. With ``text`` the
    span text is ``text[start:end]`` (``word`` can differ: sub-word markers, lower case), and
    with ``strip`` surrounding spaces are trimmed. ``label_map`` renames labels (an unmapped
    label is kept; map it to None to drop it); entities under ``min_score`` are dropped.
    """
    spans = []
    for i, entity in enumerate(entities):
        if not isinstance(entity, Mapping):
            raise ValueError(f"entity {i}: expected a dict with entity_group, start, end, "
                             f"score; got {type(entity).__name__}")
        group = entity.get("entity_group", entity.get("entity"))
        if group is None:
            raise ValueError(f"entity {i}: has neither 'entity_group' nor 'entity' "
                             f"(keys: {', '.join(map(str, entity))})")
        label = str(plain(group)) if "entity_group" in entity else _strip_tag(str(plain(group)))
        if label_map is not None:
            label = label_map(label) if callable(label_map) else label_map.get(label, label)
            if label is None:
                continue
        score = entity.get("score")
        score = None if score is None else float(plain(score))
        if min_score is not None and score is not None and score < min_score:
            continue
        try:
            start, end = int(plain(entity["start"])), int(plain(entity["end"]))
        except (KeyError, TypeError, ValueError):
            raise ValueError(f"entity {i} ({label}): 'start' and 'end' must be character "
                             "offsets (run the pipeline with a fast tokenizer)") from None
        if text is not None:
            if strip:
                while start < end and text[start].isspace():
                    start += 1
                while end > start and text[end - 1].isspace():
                    end -= 1
            if start >= end:
                continue
            word = text[start:end]
        else:
            word = str(entity.get("word", ""))
        span = {"start": start, "end": end, "text": word, label_key: [label]}
        if score is not None:
            span["score"] = score
        spans.append(span)
    return spans


def _mean_score(items: list[dict]) -> float | None:
    scores = [s["score"] for s in items if s.get("score") is not None]
    return float(np.mean(scores)) if scores else None


class TokenClassificationSource(PredictionSource):
    """Spans for a Labels control from a token-classification function: ``pipeline(texts)``
    gets the batch's texts (column ``column``) and returns one entity list per text, shaped
    like Hugging Face's ``pipeline("ner", aggregation_strategy="simple")``. The prediction's
    score is the mean entity score."""

    def __init__(self, pipeline: Callable, control: str, column: str, *,
                 label_map: Mapping[str, str] | Callable | None = None,
                 min_score: float | None = None, model_version: str | None = None,
                 label_key: str = "labels"):
        self.pipeline = pipeline
        self.control = control
        self.column = column
        self.label_map = label_map
        self.min_score = min_score
        self.model_version = model_version or model_name(pipeline)
        self.label_key = label_key

    def predict(self, tasks):
        texts = [row.get(self.column) or "" for _task, row in tasks]
        if not texts:
            return []
        outputs = self.pipeline([str(t) for t in texts])
        outputs = list(outputs)
        if len(texts) == 1 and outputs and isinstance(outputs[0], Mapping):
            outputs = [outputs]  # a pipeline given one text answers one flat entity list
        if len(outputs) != len(texts):
            raise ValueError(f"the token classifier returned {len(outputs)} results for "
                             f"{len(texts)} texts")
        out = []
        for (task, _row), text, entities in zip(tasks, texts, outputs, strict=True):
            try:
                spans = token_classification_spans(entities or [], str(text),
                                                   label_map=self.label_map,
                                                   min_score=self.min_score,
                                                   label_key=self.label_key)
            except ValueError as exc:
                raise ValueError(f"task {task!r}, {self.control}: {exc}") from None
            out.append([Prediction({self.control: spans}, _mean_score(spans),
                                   self.model_version)] if spans else [])
        return out
