"""Per-region controls: a click that selects a region -> its per-region control shown for it.

    python benchmarks/per_region.py [--clicks 60] [--json out.json]

One JupyterLab and one headless Debian Chromium (tests/browser/harness.py). Two cases, each a
task with two regions already labeled (pre-filled cells) and a ``perRegion="true"`` control:
``spans`` (two spans on a Text, a per-region TextArea) and ``boxes`` (two boxes on an Image,
a per-region Choices). Each measured click alternates between the two regions with the real
mouse; the figure runs from the click's ``pointerdown`` timeStamp to the animation frame that
paints the control's caption naming the newly selected region (``norm for “Acme Corp”
(ORG)``, ``kind for the selected region (Bus)``): what a person sees when the control moves to
that region. Target: within one frame (16.7 ms). No kernel round trip is on that path.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _browser as b

WARMUP = 6
TEXT = "Alice Smith works at Acme Corp in Springfield."

SPANS = f'''
import pandas as pd
import labelwidget as lw
config = """
<View>
  <Text name="text" value="$text"/>
  <Labels name="ner" toName="text"><Label value="PER"/><Label value="ORG"/></Labels>
  <TextArea name="norm" toName="text" perRegion="true"/>
</View>
"""
text = {TEXT!r}
df = pd.DataFrame({{"text": [text]}}, index=["t1"])
df["ner"] = pd.Series([[
    {{"id": "s1", "start": 0, "end": 11, "text": "Alice Smith", "labels": ["PER"]}},
    {{"id": "s2", "start": 21, "end": 30, "text": "Acme Corp", "labels": ["ORG"]}}]],
    index=df.index, dtype=object)
ann = lw.Annotator(df, config)
ann
'''

BOXES = '''
import numpy as np
import pandas as pd
import labelwidget as lw
from PIL import Image
image = np.asarray(Image.new("RGB", (400, 300), (230, 230, 210)))
config = """
<View>
  <Image name="image" value="$image"/>
  <RectangleLabels name="boxes" toName="image"><Label value="Car"/><Label value="Bus"/>
  </RectangleLabels>
  <Choices name="kind" toName="image" perRegion="true" showInline="true">
    <Choice value="parked"/><Choice value="moving"/>
  </Choices>
</View>
"""
df = pd.DataFrame({"image": [image]}, index=["i1"])
df["boxes"] = pd.Series([[
    {"id": "b1", "x": 10, "y": 10, "width": 25, "height": 25, "rotation": 0,
     "rectanglelabels": ["Car"], "original_width": 400, "original_height": 300},
    {"id": "b2", "x": 60, "y": 50, "width": 25, "height": 25, "rotation": 0,
     "rectanglelabels": ["Bus"], "original_width": 400, "original_height": 300}]],
    index=df.index, dtype=object)
ann = lw.Annotator(df, config)
ann
'''

# Centre of the UTF-16 character at `offset` of the span widget's text, in page pixels.
CHAR_AT = """
([offset]) => {
  const box = document.querySelector('.lw-span-text[data-object="text"]');
  const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
  let at = 0;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (offset < at + n.data.length) {
      const r = document.createRange();
      r.setStart(n, offset - at);
      r.setEnd(n, offset - at + 1);
      const q = r.getBoundingClientRect();
      return {x: (q.left + q.right) / 2, y: (q.top + q.bottom) / 2};
    }
    at += n.data.length;
  }
  return null;
}
"""

# Page position of a point given in percent of the image (the editor's view transform).
IMAGE_AT = """
([px, py]) => {
  const r = document.querySelector('.lw-regions');
  const c = document.querySelector('.lw-regions-canvas').getBoundingClientRect();
  const [s, ox, oy] = r.dataset.view.split(' ').map(Number);
  return {x: c.left + ox + s * 400 * px / 100, y: c.top + oy + s * 300 * py / 100};
}
"""

CASES = {
    # name: (notebook source, ready selector, [(point getter, arg, caption text)] x 2)
    "spans": (SPANS, '.lw-span-text[data-object="text"]',
              [(CHAR_AT, [3], "norm for “Alice Smith” (PER)"),
               (CHAR_AT, [24], "norm for “Acme Corp” (ORG)")]),
    "boxes": (BOXES, ".lw-regions-canvas",
              [(IMAGE_AT, [22, 22], "kind for the selected region (Car)"),
               (IMAGE_AT, [72, 62], "kind for the selected region (Bus)")]),
}


def run_case(session, name: str, notebook: str, clicks: int) -> dict:
    _, ready, targets = CASES[name]
    lab = session.lab()
    try:
        lab.open_notebook(notebook, timeout=120)
        lab.run_all(timeout=180)
        page = lab.page
        page.locator(ready).first.wait_for()
        if name == "boxes":
            page.wait_for_function("() => document.querySelector('.lw-regions')?.dataset.view",
                                   polling=100)
        page.locator(ready).first.scroll_into_view_if_needed()
        b.wait_kernel_quiet(page)
        b.install_probe(page, "@panel", ["pointerdown"])
        for k in range(WARMUP + clicks):
            getter, arg, caption = targets[(k + 1) % 2]
            point = page.evaluate(getter, arg)
            b.arm(page, caption)
            page.mouse.click(point["x"], point["y"])
            try:
                b.wait_sample(page, k + 1)
            except Exception as exc:
                lab.screenshot(f"bench_per_region_{name}_stuck")
                shown = page.evaluate("() => [...document.querySelectorAll('.lw-region-caption')]"
                                      ".map((e) => e.textContent)")
                raise RuntimeError(f"click {k}: no caption {caption!r}; captions: {shown}") from exc
        lab.screenshot(f"bench_per_region_{name}")
        got = b.samples(page)
        return {"lat": b.summary(got["lat"][WARMUP:]), "post": b.summary(got["post"][WARMUP:]),
                "handler": b.summary(got["handler"][WARMUP:])}
    finally:
        session.done_with(lab)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--clicks", type=int, default=60, help="measured clicks per case")
    ap.add_argument("--only", default="", help="comma-separated case names (spans, boxes)")
    ap.add_argument("--json", type=Path, help="also write the figures here")
    args = ap.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="lw-bench-per-region-"))
    wanted = [c for c in args.only.split(",") if c] or list(CASES)
    for name in wanted:
        b.write_notebook(tmp / f"{name}.ipynb", [CASES[name][0]])
    session = b.start(tmp, [])
    info = {"machine": b.machine(), "commit": b.git_head(), "clicks": args.clicks}
    results, problems = {}, {}
    try:
        for name in wanted:
            b.log(f"== {name}")
            try:
                results[name] = run_case(session, name, f"{name}.ipynb", args.clicks)
            except Exception as exc:
                problems[name] = f"{type(exc).__name__}: {str(exc)[:600]}"
                b.log(f"   could not run: {problems[name]}")
    finally:
        session.close()
    print(f"# per_region  (commit {info['commit']}, {args.clicks} clicks per case after "
          f"{WARMUP} warm-up ones)")
    print("# " + ", ".join(f"{k}: {v}" for k, v in info["machine"].items()))
    print(f"{'case':8} {'p50 ms':>8} {'p95 ms':>8} {'max':>7} {'<=1 frame':>9} "
          f"{'DOM shown p50/p95':>18}")
    for name, r in results.items():
        f, h = r["lat"], r["handler"]
        print(f"{name:8} {f['p50']:8.1f} {f['p95']:8.1f} {f['max']:7.1f} "
              f"{f['within_frame']:9.0%} {h['p50']:8.1f} / {h['p95']:6.1f}")
    for name, why in problems.items():
        print(f"{name}: could not run: {why}")
    if args.json:
        args.json.write_text(json.dumps({"info": info, "results": results,
                                         "problems": problems}, indent=1))
    return 0 if not problems else 1


if __name__ == "__main__":
    raise SystemExit(main())
