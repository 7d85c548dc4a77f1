"""Every Label Studio template that parses compiles into widgets and an Annotator that can
label its example task (the compatibility corpus, ../shared/ls-templates/), controls named
like a data column included (their values go to <name>_label)."""

import warnings

import pytest

import labelwidget as lw
from labelwidget.compile import compile_config
from tests.test_corpus import demo_frame, parsing_templates

TEMPLATES = parsing_templates()


# The parsing templates that carry an example task: each builds an Annotator on it below.
WITH_EXAMPLE_TASK = {
    "audio-speech-processing/automatic-speech-recognition-using-segments.xml",
    "audio-speech-processing/automatic-speech-recognition.xml",
    "audio-speech-processing/conversational-analysis.xml",
    "audio-speech-processing/intent-classification.xml",
    "audio-speech-processing/signal-quality-detection.xml",
    "audio-speech-processing/sound-event-detection.xml",
    "audio-speech-processing/speaker-segmentation.xml",
    "chat/chat_eval.xml",
    "chat/chat_red_team.xml",
    "chat/chat_rlhf.xml",
    "chat/chatbot.xml",
    "community-contributions/breast-cancer-mammogram-classification.xml",
    "community-contributions/html-ner-tagging-person-and-organization.xml",
    "community-contributions/ner-tagging-invoices-bio-format.xml",
    "community-contributions/ocr-invoices-pre-ner-bio-format.xml",
    "community-contributions/two-level-sentiment-analysis-of-x-twitter-posts.xml",
    "computer-vision/inventory-tracking.xml",
    "computer-vision/multipage-documents.xml",
    "computer-vision/visual-genome.xml",
    "dynamic-labels/asr-hypotheses.xml",
    "dynamic-labels/inventory-tracking.xml",
    "dynamic-labels/serp-ranking.xml",
    "dynamic-labels/visual-genome.xml",
    "generative-ai/chatbot-assessment.xml",
    "generative-ai/human-feedback-collection.xml",
    "generative-ai/llm-ranker.xml",
    "generative-ai/prompt-engineering-chat.xml",
    "generative-ai/response-grading.xml",
    "generative-ai/supervised-llm.xml",
    "generative-ai/visual-ranker.xml",
    "natural-language-processing/named-entity-recognition.xml",
    "natural-language-processing/question-answering.xml",
    "natural-language-processing/relation-extraction.xml",
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
    "structured-data-parsing/pdf-multipage-annotation.xml",
}


def test_every_template_with_an_example_task_is_built_on_it():
    assert {name for name, config in TEMPLATES if config.example_task} == WITH_EXAMPLE_TASK


@pytest.mark.parametrize(("name", "config"), TEMPLATES, ids=[n for n, _ in TEMPLATES])
def test_template_compiles_into_an_annotator(name, config):
    compiled = compile_config(config, "corpus")
    produced = {tag.name for part in compiled.parts for tag in part.controls}
    assert produced == set(config.controls)  # every control has a widget that produces it
    clashing = [c for c in config.controls if c in config.columns]
    df = demo_frame(config)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ann = lw.Annotator(df, config)
    renamed = [i for w in caught if isinstance(w.message, lw.ConfigWarning)
               for i in w.message.issues if "is named like the data column" in i.message]
    # A control named like the data column it reads writes to <name>_label, and says so.
    assert sorted(i.name for i in renamed) == sorted(clashing)
    for name in clashing:
        assert df[f"{name}_label"].isna().all()
        assert df[name].notna().all()  # the data stays
    assert ann.current == 0
    assert set(ann.values) == set(config.controls)
    ann.skip()  # the example task can be acted on
    assert ann.toolbar.progress["skipped"] == 1
