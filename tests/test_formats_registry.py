"""``lw.formats`` is the export format registry whatever was imported before: building an
Annotator imports ``labelwidget.formats``, which makes Python set the package attribute of
that name, so the registry and the package must be one object."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

BUILD = """
import pandas as pd
lw.Annotator(pd.DataFrame({"text": ["a"]}), '<View><Text name="text" value="$text"/>'
             '<Choices name="c" toName="text"><Choice value="x"/></Choices></View>')
"""
CHECK = """
assert "coco" in lw.formats.names, lw.formats
assert lw.formats["ls"].name == "label_studio"
from labelwidget.formats import formats
assert formats is lw.formats
"""


@pytest.mark.parametrize("steps", [
    ("import labelwidget as lw", BUILD, CHECK),          # Annotator first, then the registry
    ("import labelwidget as lw", CHECK, BUILD, CHECK),   # the registry, an Annotator, again
    ("import labelwidget as lw", "import labelwidget.formats.coco", CHECK),
], ids=["after", "before-and-after", "after-a-submodule"])
def test_lw_formats_is_the_registry_before_and_after_an_annotator(steps, tmp_path):
    # a fresh interpreter: in this one other tests have imported labelwidget.formats already
    out = tmp_path / "out.txt"
    with out.open("w") as sink:
        run = subprocess.run([sys.executable, "-c", "\n".join(steps)], cwd=ROOT, stdout=sink,
                             stderr=subprocess.STDOUT, timeout=300)
    assert run.returncode == 0, out.read_text()


def test_a_registered_format_is_seen_through_every_name():
    import labelwidget as lw
    from labelwidget.formats import FormatRegistry, formats

    assert isinstance(lw.formats, FormatRegistry)
    before = list(formats.names)
    try:
        lw.formats.register("plain_test", lambda *a, **k: None, description="a test format")
        assert "plain-test" in formats and formats.names == [*before, "plain_test"]
    finally:
        formats._registered.pop("plain_test", None)
        formats._spellings.pop("plain_test", None)
    assert formats.names == before
