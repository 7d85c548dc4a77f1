"""The compatibility corpus: Label Studio's own template configs (../shared/ls-templates/).

Every template either parses, or fails with a ConfigError whose every issue is
"not supported yet: ..." (never another kind of error, never a traceback). The exact set of
templates that parse catches a regression that turns a parsing template into a "not supported
yet" one, and names each template a new feature brings in.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from labelwidget.config import ConfigError, LabelConfig, parse_config
from tests.corpus import templates_dir

# tests/ -> repo root -> its parent holds shared/ (the repo is /work/main, the corpus
# /work/shared/ls-templates).
TEMPLATES_DIR = templates_dir()

# Exactly the templates that parse today: a change that makes one parse (or stop parsing)
# updates this set on purpose.
PARSING = {
    "audio-speech-processing/automatic-speech-recognition-using-segments.xml",
    "audio-speech-processing/automatic-speech-recognition.xml",
    "audio-speech-processing/conversational-analysis.xml",
    "audio-speech-processing/intent-classification.xml",
    "audio-speech-processing/signal-quality-detection.xml",
    "audio-speech-processing/sound-event-detection.xml",
    "audio-speech-processing/speaker-segmentation.xml",
    "audio-speech-processing/speech-transcription.xml",
    "biowork/fastsam-interactive-segmentation.xml",
    "chat/chat_eval.xml",
    "chat/chat_llm_eval.xml",
    "chat/chat_red_team.xml",
    "chat/chat_rlhf.xml",
    "chat/chatbot.xml",
    "community-contributions/breast-cancer-mammogram-classification.xml",
    "community-contributions/html-ner-tagging-person-and-organization.xml",
    "community-contributions/ner-tagging-invoices-bio-format.xml",
    "community-contributions/ocr-invoices-pre-ner-bio-format.xml",
    "community-contributions/two-level-sentiment-analysis-of-x-twitter-posts.xml",
    "computer-vision/image-captioning.xml",
    "computer-vision/image-classification.xml",
    "computer-vision/inventory-tracking.xml",
    "computer-vision/keypoints.xml",
    "computer-vision/medical-image-classification-with-bboxes.xml",
    "computer-vision/multipage-documents.xml",
    "computer-vision/object-detection-COCO.xml",
    "computer-vision/object-detection-with-bounding-boxes.xml",
    "computer-vision/optical-character-recognition.xml",
    "computer-vision/semantic-segmentation-with-polygons.xml",
    "computer-vision/visual-genome.xml",
    "computer-vision/visual-question-answering.xml",
    "conversational-ai/coreference-resolution-and-entity-linking.xml",
    "conversational-ai/intent-classification-and-slot-filling.xml",
    "conversational-ai/response-generation.xml",
    "conversational-ai/response-selection.xml",
    "dynamic-labels/asr-hypotheses.xml",
    "dynamic-labels/inventory-tracking.xml",
    "dynamic-labels/serp-ranking.xml",
    "dynamic-labels/visual-genome.xml",
    "generative-ai/chatbot-assessment.xml",
    "generative-ai/human-feedback-collection.xml",
    "generative-ai/llm-ranker.xml",
    "generative-ai/prompt-engineering-chat.xml",
    "generative-ai/prompt-engineering-text.xml",
    "generative-ai/response-grading.xml",
    "generative-ai/supervised-llm.xml",
    "generative-ai/visual-ranker.xml",
    "natural-language-processing/content-moderation.xml",
    "natural-language-processing/machine-translation.xml",
    "natural-language-processing/named-entity-recognition.xml",
    "natural-language-processing/question-answering.xml",
    "natural-language-processing/relation-extraction.xml",
    "natural-language-processing/taxonomy.xml",
    "natural-language-processing/text-classification.xml",
    "natural-language-processing/text-summarization.xml",
    "ranking-and-scoring/asr-hypotheses.xml",
    "ranking-and-scoring/content-based-image-search.xml",
    "ranking-and-scoring/document-retrieval.xml",
    "ranking-and-scoring/pairwise-classification.xml",
    "ranking-and-scoring/pairwise-regression.xml",
    "ranking-and-scoring/serp-ranking.xml",
    "ranking-and-scoring/text-to-image.xml",
    "structured-data-parsing/freeform-metadata.xml",
    "structured-data-parsing/html-entity-recognition.xml",
    "structured-data-parsing/pdf-multipage-annotation.xml",
    "structured-data-parsing/tabular-data.xml",
}


def template_files() -> list[Path]:
    """Every template of the corpus; fails (never skips) when the corpus is missing."""
    if not TEMPLATES_DIR.is_dir():
        pytest.fail(f"the template corpus is missing: expected the directory {TEMPLATES_DIR} "
                    "(../shared/ls-templates/ from the repo root)", pytrace=False)
    files = sorted(TEMPLATES_DIR.rglob("*.xml"))
    if not files:
        pytest.fail(f"no .xml templates under {TEMPLATES_DIR}", pytrace=False)
    return files


def template_id(path: Path) -> str:
    return path.relative_to(TEMPLATES_DIR).as_posix()


def parse_template(path: Path) -> LabelConfig | ConfigError:
    """The parsed config, or the ConfigError it raises (any other exception propagates)."""
    try:
        return parse_config(path)
    except ConfigError as error:
        return error


def parsing_templates() -> list[tuple[str, LabelConfig]]:
    """(template id, config) of every template that parses: the input of the compile test."""
    out = []
    for path in template_files():
        result = parse_template(path)
        if isinstance(result, LabelConfig):
            out.append((template_id(path), result))
    return out


def demo_frame(config: LabelConfig) -> pd.DataFrame:
    """A one-task DataFrame for ``config``: every column it reads, from the template's example
    task where it has one, else a placeholder text. For compiling a template into widgets:

        ann = labelwidget.Annotator(demo_frame(config), config)
    """
    example = config.example_task or sample_task(config)
    row = {column: example.get(column, f"example {column}") for column in config.columns}
    frame = pd.DataFrame(index=pd.Index([0], name="task"))
    for column, value in row.items():
        frame[column] = pd.Series([value], index=frame.index, dtype=object)
    return frame


# Object tags whose data is structured (a dict, a list of turns): a template without an example
# task is built on the sample task Label Studio's SDK makes for it, not on placeholder text.
STRUCTURED = ("Table", "Paragraphs")


def sample_task(config: LabelConfig) -> dict:
    """The SDK's sample data of the config's structured object tags (empty without any)."""
    tags = [o for o in config.objects.values() if o.tag_name in STRUCTURED and o.column]
    if not tags:
        return {}
    from label_studio_sdk.label_interface import LabelInterface

    sample = LabelInterface(config.xml).generate_sample_task()
    return {o.column: sample[o.column] for o in tags if o.column in sample}


def _cases():
    if not TEMPLATES_DIR.is_dir():
        return [pytest.param(None, id="corpus-missing")]
    cases = []
    for path in sorted(TEMPLATES_DIR.rglob("*.xml")):
        cases.append(pytest.param(path, id=template_id(path)))
    return cases or [pytest.param(None, id="corpus-empty")]


@pytest.mark.parametrize("path", _cases())
def test_template_parses_or_is_not_supported_yet(path):
    if path is None:
        template_files()  # fails with the reason
    result = parse_template(path)
    if isinstance(result, LabelConfig):
        assert result.controls or result.objects, "parsed to an empty config"
        return
    other = [str(issue) for issue in result.issues
             if not issue.message.startswith("not supported yet: ")]
    assert not other, "problems other than 'not supported yet':\n" + "\n".join(other)
    assert result.issues


def test_the_templates_that_parse_are_exactly_these():
    parsing = {name for name, _ in parsing_templates()}
    assert sorted(parsing - PARSING) == [], "parse now: add them to PARSING"
    assert sorted(PARSING - parsing) == [], "no longer parse"


def test_demo_frame_holds_every_column_a_template_reads():
    template_files()
    config = parse_config(TEMPLATES_DIR / "natural-language-processing" / "text-classification.xml")
    frame = demo_frame(config)
    assert list(frame.columns) == ["text"]
    assert frame.at[0, "text"].startswith("This is a great 3D movie")


def test_a_template_without_example_task_gets_label_studios_sample_dialogue_and_table():
    template_files()
    dialogue = demo_frame(parse_config(TEMPLATES_DIR / "conversational-ai" /
                                       "response-generation.xml")).at[0, "dialogue"]
    assert dialogue[0] == {"author": "Alice", "text": "Hi, Bob."}
    table = demo_frame(parse_config(TEMPLATES_DIR / "structured-data-parsing" /
                                    "tabular-data.xml")).at[0, "item"]
    assert table["First name"] == "Max"
