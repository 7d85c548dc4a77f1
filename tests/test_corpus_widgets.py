"""Every Label Studio template that parses compiles into widgets and an Annotator that can
label its example task (the compatibility corpus, ../shared/ls-templates/)."""

import pytest

import labelwidget as lw
from labelwidget.compile import compile_config
from tests.test_corpus import demo_frame, parsing_templates

TEMPLATES = parsing_templates()


def test_the_corpus_has_templates_that_compile():
    assert len(TEMPLATES) >= 34


@pytest.mark.parametrize(("name", "config"), TEMPLATES, ids=[n for n, _ in TEMPLATES])
def test_template_compiles_into_an_annotator(name, config):
    compiled = compile_config(config, "corpus")
    produced = {tag.name for part in compiled.parts for tag in part.controls}
    assert produced == set(config.controls)  # every control has a widget that produces it
    clashing = [c for c in config.controls if c in config.columns]
    if clashing:
        # A control named like the data column it reads: one clear error, with the fix.
        with pytest.raises(lw.DataError, match=f'give the control another name, e.g. name="{clashing[0]}_label"'):
            lw.Annotator(demo_frame(config), config)
        return
    ann = lw.Annotator(demo_frame(config), config)
    assert ann.current == 0
    assert set(ann.values) == set(config.controls)
    ann.skip()  # the example task can be acted on
    assert ann.toolbar.progress["skipped"] == 1
