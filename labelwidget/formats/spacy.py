"""spaCy training data: a ``.spacy`` DocBin (needs spaCy) or JSON lines of character offsets.

Each labeled task becomes one doc: the text of the Text object, ``ents`` and
``spans[<control>]`` from each Labels control, ``cats`` from Choices controls (1.0 for the
chosen options, 0.0 for the others; a Choices left unanswered adds no cats). Unlabeled and
cancelled tasks are left out (an empty entity list would teach "no entity here").

``.jsonl`` / ``.json`` (no spaCy needed, written task by task), one object per line::

    {"text": "...", "entities": [[0, 5, "PER"]], "spans": {"ner": [[0, 5, "PER"]]},
     "cats": {"Positive": 1.0, "Negative": 0.0}, "meta": {"id": 12}}

``.spacy``: ``spacy.tokens.DocBin`` with ``store_user_data``; overlapping spans stay in
``doc.spans`` and the longest non-overlapping ones become ``doc.ents``. A DocBin holds its
docs (as compact arrays) until it is written, so this one output is not streamed.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..config import parse_config
from ._images import FormatError
from ._output import atomic_file
from ._records import iter_records, raise_issues


def _layout(config):
    """(text column, span controls, choice controls) of a text config."""
    spans, choices = [], []
    text_object = None
    for control in config.controls.values():
        target = config.objects.get(control.to_name[0]) if control.to_name else None
        if target is None or target.tag_name != "Text":
            continue
        if control.scope == "region":
            spans.append(control)
        elif control.tag_name == "Choices":
            choices.append(control)
        else:
            continue
        text_object = text_object or target
    if text_object is None or text_object.column is None:
        raise FormatError("spaCy export needs <Labels> or <Choices> on a <Text> that reads a "
                          "$column")
    return text_object.column, spans, choices


def _cat_names(choices) -> dict[tuple[str, str], str]:
    names: dict[tuple[str, str], str] = {}
    options = [(c.name, o) for c in choices for o in c.allowed()]
    clash = len({o for _, o in options}) < len(options)
    for control, option in options:
        names[(control, option)] = f"{control}:{option}" if clash else option
    return names


def offsets_record(record, column: str, spans, choices, cat_names) -> dict:
    groups = {}
    entities = []
    for control in spans:
        cell = record.cells.get(control.name) or []
        group = [[s["start"], s["end"], (s.get("labels") or [None])[0]] for s in cell]
        groups[control.name] = group
        entities.extend(group)
    cats = {}
    for control in choices:
        cell = record.cells.get(control.name)
        if cell is None:
            continue  # not answered: unknown, not "none of the options"
        chosen = set(cell if isinstance(cell, list) else [cell])
        for option in control.allowed():
            cats[cat_names[(control.name, option)]] = 1.0 if option in chosen else 0.0
    entities.sort(key=lambda e: (e[0], e[1]))
    return {"text": record.data.get(column) or "", "entities": entities, "spans": groups,
            "cats": cats, "meta": {"id": record.task}}


def write_spacy(df, config, path, *, meta=None, predictions=None, columns=None,
                lang: str = "en") -> Path:
    """Write spaCy training data to ``path`` (``.spacy`` DocBin, else JSON lines)."""
    config = parse_config(config)
    column, spans, choices = _layout(config)
    cat_names = _cat_names(choices)
    path = Path(path)
    issues: list = []
    records = (offsets_record(r, column, spans, choices, cat_names)
               for r in iter_records(df, config, meta=meta, columns=columns, issues=issues)
               if r.labeled and not r.cancelled)
    if path.suffix != ".spacy":
        with atomic_file(path) as out:
            for item in records:
                out.write(json.dumps(item, ensure_ascii=False) + "\n")
            raise_issues(issues)
        return path
    try:
        import spacy
        from spacy.tokens import DocBin
        from spacy.util import filter_spans
    except ImportError:
        raise ImportError("writing a .spacy DocBin needs spaCy: pip install 'labelwidget[spacy]' "
                          "(or write .jsonl, which needs nothing)") from None
    nlp = spacy.blank(lang)
    docs = DocBin(store_user_data=True)
    for item in records:
        doc = nlp.make_doc(item["text"])
        for name, group in item["spans"].items():
            doc.spans[name] = [doc.char_span(s, e, label=label or "", alignment_mode="expand")
                               for s, e, label in group]
        doc.ents = filter_spans([span for name in item["spans"] for span in doc.spans[name]])
        doc.cats = item["cats"]
        doc.user_data["id"] = item["meta"]["id"]
        docs.add(doc)
    raise_issues(issues)
    with atomic_file(path, binary=True) as out:
        out.write(docs.to_bytes())
    return path
