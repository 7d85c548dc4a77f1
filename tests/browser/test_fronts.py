"""Issue 16: the widget beyond JupyterLab. Text classification, spans and boxes labeled with
keys and the mouse in Notebook 7 (DataFrame checked in its kernel) and in Voila (no kernel the
test can reach: the notebook's stores are read with ``lw.load``). Scenario: fronts.py."""

from __future__ import annotations

import fronts
import harness


def test_notebook7_text_spans_boxes(notebook7, tmp_path):
    stores = {k: str(tmp_path / f"{k}.sqlite") for k in ("text", "spans", "boxes")}
    fronts.write_notebook(notebook7.server.root_dir / "fronts_nb7.ipynb", fronts.scenario(stores))
    notebook7.open_notebook("fronts_nb7.ipynb")
    notebook7.run_all()
    page = notebook7.page
    # Notebook 7's own page: no JupyterLab main area around the notebook.
    assert page.locator("#main-panel .jp-NotebookPanel").count() == 1
    page.locator(".lw-annotator").nth(2).wait_for()
    fronts.label_all(notebook7)
    notebook7.screenshot("notebook7_fronts", full_page=True)

    assert notebook7.wait_until_kernel(
        "reviews['sentiment'].tolist()[:2] if reviews['sentiment'].notna().sum() == 2 else None",
        timeout=60) == ["Positive", "Negative"]
    fronts.assert_spans(notebook7.wait_until_kernel("sentences.at['s0', 'ner']", timeout=60))
    boxes = notebook7.wait_until_kernel("photos.at['p0', 'boxes']", timeout=60)
    assert len(boxes) == 1
    fronts.assert_box(boxes[0])
    assert fronts.our_errors([(c.type, c.text) for c in notebook7.console]) == []


def test_voila_text_spans_boxes(chromium_browser, tmp_path):
    stores = {k: str(tmp_path / f"{k}.sqlite") for k in ("text", "spans", "boxes")}
    notebook = tmp_path / "fronts_voila.ipynb"
    fronts.write_notebook(notebook, fronts.scenario(stores))
    voila = fronts.start_voila(notebook)
    page = None
    try:
        page = chromium_browser.new_page(viewport=dict(harness.VIEWPORT))
        console = []
        page.on("console", lambda m: console.append((m.type, m.text)))
        # Voila answers once its kernel has run the whole notebook: wait for the widgets.
        page.goto(voila.url, wait_until="commit", timeout=120_000)
        try:
            page.locator(".lw-annotator").nth(2).wait_for(timeout=120_000)
        except Exception:
            raise AssertionError(f"no widgets in Voila; its log:\n{voila.log_tail()}") from None
        assert page.locator(".jp-Notebook .jp-CodeCell .jp-InputArea").count() == 0  # no code
        fronts.label_all(fronts.Page(page))
        page.screenshot(path=str(harness.SCREENSHOT_DIR / "voila_fronts.png"), full_page=True)

        text = fronts.wait_for(lambda: fronts.stored(stores["text"], "sentiment", 2),
                               "two reviews in the text store")
        assert text["sentiment"].to_dict() == {"r0": "Positive", "r1": "Negative"}
        spans = fronts.wait_for(lambda: fronts.stored(stores["spans"], "ner", 1), "the spans store")
        fronts.assert_spans(spans.at["s0", "ner"])
        boxes = fronts.wait_for(lambda: fronts.stored(stores["boxes"], "boxes", 1), "the boxes store")
        assert len(boxes.at["p0", "boxes"]) == 1
        fronts.assert_box(boxes.at["p0", "boxes"][0])
        assert fronts.our_errors(console) == []
    finally:
        if page is not None:
            page.close()
        voila.stop()
