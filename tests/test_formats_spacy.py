"""spaCy training data: JSON lines of offsets (no spaCy needed) and a .spacy DocBin."""

from __future__ import annotations

import json

import pandas as pd
import pytest

import labelwidget.formats as F

CONFIG = """<View>
  <Text name="text" value="$text"/>
  <Labels name="ner" toName="text"><Label value="PER"/><Label value="ORG"/></Labels>
  <Choices name="sentiment" toName="text"><Choice value="Positive"/><Choice value="Negative"/>
  </Choices>
</View>"""


@pytest.fixture
def df():
    frame = pd.DataFrame({"text": ["Alice works at Acme Corp.", "Nothing here", "New York Times",
                                   "Bob is glad"]}, index=[7, 8, 9, 10])
    frame["ner"] = pd.Series([
        [{"id": "a", "start": 15, "end": 24, "labels": ["ORG"]},
         {"id": "b", "start": 0, "end": 5, "labels": ["PER"]}],
        None,
        [{"id": "c", "start": 0, "end": 8, "labels": ["ORG"]},
         {"id": "d", "start": 4, "end": 14, "labels": ["ORG"]}],  # overlapping
        None,
    ], index=frame.index, dtype=object)
    frame["sentiment"] = pd.Series(["Positive", None, None, "Negative"], index=frame.index,
                                   dtype=object)
    return frame


def test_jsonl_offsets(df, tmp_path):
    path = F.export(df, CONFIG, "spacy", tmp_path / "train.jsonl",
                    meta={10: {"was_cancelled": True}})
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert [line["meta"]["id"] for line in lines] == [7, 9]  # unlabeled and cancelled left out
    first = lines[0]
    assert first["text"] == "Alice works at Acme Corp."
    assert first["entities"] == [[0, 5, "PER"], [15, 24, "ORG"]]
    assert first["spans"] == {"ner": [[15, 24, "ORG"], [0, 5, "PER"]]}
    assert first["cats"] == {"Positive": 1.0, "Negative": 0.0}
    assert lines[1]["cats"] == {}  # sentiment not answered: no cats, not "negative"


def test_docbin(df, tmp_path):
    spacy = pytest.importorskip("spacy")
    from spacy.tokens import DocBin

    path = F.export(df, CONFIG, "spacy", tmp_path / "train.spacy")
    docs = list(DocBin().from_disk(path).get_docs(spacy.blank("en").vocab))
    assert [d.user_data["id"] for d in docs] == [7, 9, 10]
    first = docs[0]
    # spaCy's English tokenizer keeps "Corp." whole: a span ending inside a token grows to it
    assert [(e.text, e.label_) for e in first.ents] == [("Alice", "PER"), ("Acme Corp.", "ORG")]
    assert first.cats == {"Positive": 1.0, "Negative": 0.0}
    overlapping = docs[1]
    assert [s.text for s in overlapping.spans["ner"]] == ["New York", "York Times"]
    assert len(overlapping.ents) == 1  # ents cannot overlap; spans keep both
    assert docs[2].cats == {"Positive": 0.0, "Negative": 1.0}


def test_choice_names_shared_by_two_controls_are_prefixed(tmp_path):
    config = CONFIG.replace("</View>", '<Choices name="tone" toName="text">'
                            '<Choice value="Positive"/><Choice value="Flat"/></Choices></View>')
    frame = pd.DataFrame({"text": ["ok"]})
    frame["sentiment"] = pd.Series(["Negative"], dtype=object)
    frame["tone"] = pd.Series(["Flat"], dtype=object)
    (line,) = F.export(frame, config, "spacy", tmp_path / "t.jsonl").read_text().splitlines()
    assert json.loads(line)["cats"] == {"sentiment:Positive": 0.0, "sentiment:Negative": 1.0,
                                        "tone:Positive": 0.0, "tone:Flat": 1.0}
