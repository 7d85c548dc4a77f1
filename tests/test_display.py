"""What a front end that cannot show the widget shows instead (labelwidget/display.py), and the
Colab display metadata the top ipywidgets box would otherwise lack."""

from __future__ import annotations

import re
import sys
import types

import pandas as pd
import pytest

import labelwidget as lw

WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
CONFIG = """<View>
  <Text name="text" value="$text"/>
  <Choices name="sentiment" toName="text"><Choice value="Positive"/></Choices>
</View>"""


def bundle(ann):
    got = ann._repr_mimebundle_()
    assert isinstance(got, tuple) and len(got) == 2, got
    return got


def test_text_plain_says_what_is_missing_and_where_the_work_is():
    ann = lw.Annotator(pd.DataFrame({"text": ["a", "b", "c"]}), CONFIG)
    data, metadata = bundle(ann)
    assert data[WIDGET_MIME]["model_id"] == ann.widget.model_id  # the widget view, unchanged
    plain = data["text/plain"]
    assert plain.startswith("labelwidget Annotator: 3 tasks.")
    assert "cannot show Jupyter widgets" in plain and "ipywidgets 8 with anywidget" in plain
    assert "kernel that made the widget is gone" in plain
    assert "in memory only" in plain
    assert "object at 0x" not in plain  # not the container's repr
    assert metadata == {}  # outside Colab


def test_text_plain_names_the_store(tmp_path):
    store = tmp_path / "labels.sqlite"
    ann = lw.Annotator(pd.DataFrame({"text": ["a"]}), CONFIG, store=str(store))
    assert str(store) in bundle(ann)[0]["text/plain"]


@pytest.fixture
def fake_colab(monkeypatch):
    """google.colab.output as anywidget reads it: enabling the custom widget manager sets its
    URL (the real one is a script on Google's servers)."""
    widgets = types.SimpleNamespace(_installed_url=None)
    enabled = []

    def enable_custom_widget_manager():
        enabled.append(True)
        widgets._installed_url = "https://colab.example/custom_widget_manager.js"

    output = types.ModuleType("google.colab.output")
    output._widgets = widgets
    output.enable_custom_widget_manager = enable_custom_widget_manager
    monkeypatch.setitem(sys.modules, "google.colab.output", output)
    from anywidget import _util

    _util.enable_custom_widget_manager_once.cache_clear()
    yield enabled
    _util.enable_custom_widget_manager_once.cache_clear()


def test_in_colab_the_bundle_points_at_colabs_custom_widget_manager(fake_colab):
    ann = lw.Annotator(pd.DataFrame({"text": ["a"]}), CONFIG)
    data, metadata = bundle(ann)
    assert fake_colab  # enabled, as anywidget does for its own widgets
    assert metadata == {WIDGET_MIME: {"colab": {"custom_widget_manager": {
        "url": "https://colab.example/custom_widget_manager.js"}}}}
    assert data[WIDGET_MIME]["model_id"] == ann.widget.model_id


def test_the_playground_says_the_same_and_where_its_config_is(fake_colab):
    playground = lw.playground()
    data, metadata = bundle(playground)
    assert data[WIDGET_MIME]["model_id"] == playground.widget.model_id
    plain = data["text/plain"]
    assert plain.startswith("labelwidget Playground.")
    assert "cannot show Jupyter widgets" in plain and ".config" in plain
    assert "object at 0x" not in plain
    assert metadata[WIDGET_MIME]["colab"]["custom_widget_manager"]["url"].startswith("https://")


def test_front_end_bundles_need_nothing_from_jupyterlab():
    """VS Code and Colab render anywidget modules without JupyterLab: every shipped bundle is
    one self-contained module that imports nothing and reaches for no JupyterLab global."""
    from pathlib import Path

    static = Path(lw.__file__).parent / "static"
    bundles = sorted(static.glob("*.js"))
    assert len(bundles) > 10
    for bundle in bundles:
        # JSDoc types (`import("./_contract.js").X`) are comments, not imports.
        code = re.sub(r"/\*.*?\*/", "", bundle.read_text(), flags=re.S)
        for needle in ("jupyterapp", "@jupyterlab/", "@lumino/", "require(", "import("):
            assert needle not in code, f"{bundle.name} refers to {needle}"
        assert re.search(r"\bimport\s*[{*\w][^;]*?\bfrom\s*[\"']", code) is None, bundle.name
