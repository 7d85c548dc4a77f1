"""The front ends beyond JupyterLab that anywidget runs in here: Notebook 7 and Voila.

Notebook 7 is the harness's own server with ``app="notebook"`` (same `window.jupyterapp`, so
:class:`harness.Lab` opens, runs and evaluates in its kernel unchanged). Voila has no
`jupyterapp` and no kernel the test can reach: :func:`start_voila` serves one notebook, and the
scenario notebook writes every submit to a store file that the test reads with ``lw.load``.

One scenario for both: text classification, spans and boxes, each its own Annotator with its
own store (``SCENARIO`` cells), labeled with keys and the mouse by :func:`label_all`.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import harness
from helpers import Editor, drag

TEXTS = ["The battery lasts for days.", "It broke after a week.", "Fine, nothing special."]
SENTENCE = "Alice Smith flew to Paris."
W, H = 400, 300  # the generated image, in pixels

TEXT_CELL = '''\
import pandas as pd

import labelwidget as lw

STORES = {stores!r}
reviews = pd.DataFrame({{"text": {texts!r}}}, index=["r0", "r1", "r2"])
text_ann = lw.Annotator(reviews, """
<View>
  <Text name="text" value="$text"/>
  <Choices name="sentiment" toName="text" choice="single" showInline="true">
    <Choice value="Positive" hotkey="1"/><Choice value="Negative" hotkey="2"/>
  </Choices>
</View>""", store=STORES["text"])
text_ann
'''

SPANS_CELL = '''\
sentences = pd.DataFrame({{"text": [{sentence!r}, "Bob stayed home."]}}, index=["s0", "s1"])
span_ann = lw.Annotator(sentences, """
<View>
  <Labels name="ner" toName="text">
    <Label value="PER" hotkey="p"/><Label value="LOC" hotkey="l"/>
  </Labels>
  <Text name="text" value="$text"/>
</View>""", store=STORES["spans"])
span_ann
'''

BOXES_CELL = '''\
import numpy as np
from PIL import Image, ImageDraw

image = Image.new("RGB", ({w}, {h}), (235, 232, 210))
ImageDraw.Draw(image).rectangle([50, 60, 150, 160], fill=(40, 90, 200))
photos = pd.DataFrame({{"image": [np.asarray(image), np.asarray(image)]}}, index=["p0", "p1"])
box_ann = lw.Annotator(photos, """
<View>
  <Image name="image" value="$image"/>
  <RectangleLabels name="boxes" toName="image">
    <Label value="Car" hotkey="c"/><Label value="Bus" hotkey="b"/>
  </RectangleLabels>
</View>""", store=STORES["boxes"])
box_ann
'''


def scenario(stores: dict[str, str]) -> list[str]:
    """The cells of the scenario notebook; ``stores`` maps text/spans/boxes to a store path."""
    return [TEXT_CELL.format(stores=stores, texts=TEXTS), SPANS_CELL.format(sentence=SENTENCE),
            BOXES_CELL.format(w=W, h=H)]


def write_notebook(path: Path, sources: list[str]) -> None:
    cells = [{"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
              "source": s} for s in sources]
    nb = {"cells": cells, "metadata": {"kernelspec": {"display_name": "Python 3",
                                                       "language": "python", "name": "python3"}},
          "nbformat": 4, "nbformat_minor": 5}
    path.write_text(json.dumps(nb))


# -- what a person does -----------------------------------------------------------------------


def _annotator(page, has: str):
    return page.locator(f".lw-annotator:has({has})")


def label_text(page) -> None:
    """First review: click its text, key 1 (Positive), Enter. Second: click Negative, Submit."""
    ann = _annotator(page, ".lw-choices")
    ann.locator(".lw-text").click()
    page.keyboard.press("1")
    ann.locator('.lw-option.lw-on[data-value="Positive"]').wait_for()
    page.keyboard.press("Enter")
    page.wait_for_function("([sel, t]) => document.querySelector(sel).textContent === t",
                           arg=[".lw-annotator:has(.lw-choices) .lw-text", TEXTS[1]],
                           timeout=60_000)
    ann.locator('.lw-option[data-value="Negative"]').click()
    ann.locator(".lw-toolbar .lw-submit").click()
    page.wait_for_function("([sel, t]) => document.querySelector(sel).textContent === t",
                           arg=[".lw-annotator:has(.lw-choices) .lw-text", TEXTS[2]],
                           timeout=60_000)


def _span_state(page) -> str:
    """What a failed span step saw: where focus is, the page's selection, the widget's note
    and the spans it shows (a flaky failure must say which step went wrong)."""
    return page.evaluate("""() => {
      const a = document.activeElement;
      const root = document.querySelector('.lw-span-text[data-object="text"]');
      const ann = root && root.closest('.lw-annotator');
      return JSON.stringify({
        focus: a ? `${a.tagName}.${a.className}` : null,
        focusInSpanAnnotator: Boolean(ann && a && ann.contains(a)),
        selection: String(window.getSelection()),
        note: ann ? [...ann.querySelectorAll('.lw-note, .lw-status')].map((n) => n.textContent) : null,
        chips: root ? [...root.querySelectorAll('.lw-seg[data-chip]')].map((n) => n.dataset.chip) : null,
      });
    }""")


def label_span(page) -> None:
    """Drag over "Alice Smith", key p (PER); drag over "Paris", key l (LOC); Enter."""
    for word, key, label in (("Alice Smith", "p", "PER"), ("Paris", "l", "LOC")):
        start = SENTENCE.index(word)
        drag(page, "text", start, start + len(word))
        page.keyboard.press(key)
        chip = page.locator(f'.lw-span-text[data-object="text"] .lw-seg[data-chip="{label}"]')
        try:
            chip.wait_for()
        except Exception:
            raise AssertionError(f"no {label} span after dragging over {word!r} and key {key!r}: "
                                 f"{_span_state(page)}") from None
    page.keyboard.press("Enter")
    page.wait_for_function(
        "() => document.querySelector('.lw-span-text[data-object=\"text\"]').textContent"
        " === 'Bob stayed home.'", timeout=60_000)


def label_box(lab) -> None:
    """Key c (Car), drag a box over the blue square, Enter."""
    page = lab.page
    page.locator(".lw-regions-canvas").wait_for()
    page.wait_for_function("() => document.querySelector('.lw-regions')?.dataset.view",
                           polling=100, timeout=60_000)
    page.locator(".lw-regions-stage").scroll_into_view_if_needed()
    editor = Editor(lab)
    editor.focus()
    page.keyboard.press("c")
    editor.drag((50, 60), (150, 160))
    # The box is drawn by the browser: wait for its row in the region list, then submit.
    page.locator('.lw-region-item:has-text("Car")').wait_for()
    page.keyboard.press("Enter")
    # The progress is Python's count: the submit has reached the kernel.
    page.locator('.lw-annotator:has(.lw-regions) .lw-progress:has-text("1/2 done")').wait_for(
        timeout=60_000)


def label_all(lab) -> None:
    label_text(lab.page)
    label_span(lab.page)
    label_box(lab)


# -- what the test reads back -------------------------------------------------------------------

# Console errors that would be ours: the widget's module failing to load or to render. Both
# front ends also log errors of their own at load (see /work/shared/ENVIRONMENTS.md), so the
# test looks only for these.
OURS = ("labelwidget", "anywidget", "lw-", "Failed to load model class", "Could not create a view",
        "Error displaying widget")


def our_errors(messages: list[tuple[str, str]]) -> list[str]:
    """The ``(type, text)`` console messages that are errors of the widget's own."""
    return [text for kind, text in messages
            if kind == "error" and any(word in text for word in OURS)]



def assert_box(region: dict, tol: float = 1.0) -> None:
    got = [region[k] * (W if k in ("x", "width") else H) / 100
           for k in ("x", "y", "width", "height")]
    assert all(abs(g - e) <= tol for g, e in zip(got, (50, 60, 100, 100), strict=True)), region
    assert region["rectanglelabels"] == ["Car"]


def assert_spans(spans: list[dict]) -> None:
    got = sorted((s["start"], s["end"], s["text"], s["labels"]) for s in spans)
    assert got == [(0, 11, "Alice Smith", ["PER"]), (20, 25, "Paris", ["LOC"])]


# -- Voila ------------------------------------------------------------------------------------


@dataclass
class Voila:
    """A running ``voila NOTEBOOK``; the rendered notebook is at ``url``."""

    url: str
    log_path: Path
    proc: subprocess.Popen = field(repr=False)

    def log_tail(self, n: int = 60) -> str:
        return harness.log_tail(self.log_path, n)

    def stop(self) -> None:
        """Stop Voila's process group, then any kernel it left behind (by PID)."""
        harness.stop_group(self.proc, timeout=20)


def start_voila(notebook: Path, startup_timeout: float = 90) -> Voila:
    """Serve ``notebook`` with Voila on 127.0.0.1, isolated from the user's Jupyter config."""
    base = notebook.parent
    for name in ("config", "runtime"):
        (base / f"voila-{name}").mkdir(exist_ok=True)
    env = harness.server_env(base / "voila-config", base / "voila-runtime")
    port = harness.free_port()
    log_path = base / "voila.log"
    proc = harness.spawn_logged(
        [sys.executable, "-m", "voila", str(notebook), "--no-browser", f"--port={port}",
         "--Voila.ip=127.0.0.1", "--Voila.port_retries=0"], base, env, log_path)
    voila = Voila(f"http://127.0.0.1:{port}/", log_path, proc)
    if not harness.wait_until_serving(voila.url + "labelwidget-probe", proc, startup_timeout):
        voila.stop()
        raise harness.HarnessError(f"voila did not start:\n{voila.log_tail()}")
    return voila


@dataclass
class Page:
    """A page without a Jupyter front end around it (Voila): what the gestures need."""

    page: object


def stored(store: str, column: str, rows: int):
    """``lw.load(store)`` once ``column`` has ``rows`` values there, else None."""
    import labelwidget as lw

    frame = lw.load(store)
    return frame if column in frame and frame[column].notna().sum() >= rows else None


def wait_for(condition, what: str, timeout: float = 60, interval: float = 0.2):
    """Poll ``condition()`` until it returns something other than None; return that."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value is not None:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: still {value!r} after {timeout} s")
        time.sleep(interval)
