"""Drag: pointer move -> the box outline repainted, with the kernel idle and while it sleeps.

    python benchmarks/drag.py [--moves 200] [--only ours,bbox-widget] [--json out.json]

One JupyterLab and one headless Debian Chromium (tests/browser/harness.py) for every case:
labelwidget's image-region editor (RectangleLabels, js/image_regions.js, drawn on a canvas) and
jupyter-bbox-widget (SVG, in the peers' virtualenv, see benchmarks/_browser.py). Each case draws
one box with the real mouse: press, then ``--moves`` single pointer moves of a few pixels, each
measured in the page from the move event's timeStamp to the frame that shows the outline at the
new size (the rAF callback that draws it, or the next rAF after the draw when a widget draws
outside one). Then the same while the kernel runs ``time.sleep``; the box must still reach
Python once the kernel is free.

``ours-relations``: two boxes linked by a relation (``<Relations>``, js/relations.js); each
measured move drags the first box, and the figure is the frame that shows the relation's arrow
(drawn in its own layer over the page) at the box's new place. After the busy drag, the moved
box and the relation must be in Python.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _browser as b

W, H = 640, 480
WARMUP = 5

IMAGE_SRC = f'''
import io
from PIL import Image, ImageDraw
def scene(w={W}, h={H}):
    image = Image.new("RGB", (w, h), (235, 232, 210))
    draw = ImageDraw.Draw(image)
    draw.rectangle([80, 60, 300, 260], fill=(40, 90, 200))
    draw.ellipse([360, 200, 560, 400], fill=(220, 60, 40))
    return image
def png(image):
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()
'''

OURS_CONFIG = """
<View>
  <Image name="image" value="$image"/>
  <RectangleLabels name="boxes" toName="image">
    <Label value="Car" hotkey="c"/>
    <Label value="Bus" hotkey="b"/>
  </RectangleLabels>
</View>
"""

OURS_RELATIONS_CONFIG = """
<View>
  <Relations><Relation value="near"/></Relations>
  <Image name="image" value="$image"/>
  <RectangleLabels name="boxes" toName="image">
    <Label value="Car" hotkey="c"/>
  </RectangleLabels>
</View>
"""
LINKED = ("[{'id': 'b1', 'x': 10.0, 'y': 10.0, 'width': 20.0, 'height': 20.0, 'rotation': 0,"
          " 'rectanglelabels': ['Car']}, {'id': 'b2', 'x': 60.0, 'y': 55.0, 'width': 25.0,"
          " 'height': 25.0, 'rotation': 0, 'rectanglelabels': ['Car']}]")


def notebooks(tmp: Path) -> dict[str, tuple[str, str]]:
    cases = {}

    def add(name, kernel, cells):
        path = tmp / f"bench_drag_{name.replace('-', '_')}.ipynb"
        b.write_notebook(path, cells, kernel)
        cases[name] = (path.name, kernel)

    add("ours", b.PROJECT_KERNEL, [
        IMAGE_SRC + "import numpy as np\nimport pandas as pd\nimport labelwidget as lw\n"
        "df = pd.DataFrame({'image': [np.asarray(scene()) for _ in range(3)]},"
        " index=['i0', 'i1', 'i2'])\n"
        f"ann = lw.Annotator(df, {OURS_CONFIG!r})\n"
        "editor = ann._compiled.part_of('boxes').widget\n"
        "def boxes():\n"
        "    return len((editor.value or {}).get('boxes') or [])",
        "ann",
    ])  # fmt: skip
    add("ours-relations", b.PROJECT_KERNEL, [
        IMAGE_SRC + "import numpy as np\nimport pandas as pd\nimport labelwidget as lw\n"
        "df = pd.DataFrame({'image': [np.asarray(scene()) for _ in range(2)]},"
        " index=['i0', 'i1'])\n"
        f"df['boxes'] = pd.Series([{LINKED}, None], index=df.index, dtype=object)\n"
        "df['relations'] = pd.Series([[{'from_id': 'b1', 'to_id': 'b2'}], None],"
        " index=df.index, dtype=object)\n"
        f"ann = lw.Annotator(df, {OURS_RELATIONS_CONFIG!r})\n"
        "ann.go_to('i0')  # the labeled task, with its two linked boxes\n"
        "editor = ann._compiled.part_of('boxes').widget\n"
        "def first_box_x():\n"
        "    return ((editor.value or {}).get('boxes') or [{}])[0].get('x')",
        "ann",
    ])  # fmt: skip
    add("bbox-widget", "lw-peers", [
        IMAGE_SRC + "from jupyter_bbox_widget import BBoxWidget\n"
        "widget = BBoxWidget(image_bytes=png(scene()), classes=['Car', 'Bus'], label='Car')\n"
        "def boxes():\n"
        "    return len(widget.bboxes)",
        "widget",
    ])  # fmt: skip
    return cases


# In-page probe. Timing starts at a trusted pointermove/mousemove (window, capture phase).
# A draw is seen as a canvas stroke (strokeRect/stroke) or an attribute change of an SVG shape
# under `root`. If the draw runs inside a requestAnimationFrame callback, that frame shows it
# (figure = time of the draw); otherwise the figure is the next rAF after the draw.
PROBE_JS = """
(arrows) => {
  const old = window.__lwDrag;
  if (old) old.dispose();
  // the notebook opened by the harness, or (arrows) the relations' layer over the page
  const root = arrows ? document.querySelector('.lw-rel-layer') : window.__lwPanel.node;
  const st = {lat: [], post: [], t0: null, armed: false, drawn: false, inRaf: 0, waiters: []};
  const origRaf = window.requestAnimationFrame;
  window.requestAnimationFrame = (cb) => origRaf.call(window, (ts) => {
    st.inRaf += 1;
    try { return cb(ts); } finally { st.inRaf -= 1; }
  });
  const wake = () => {
    st.waiters = st.waiters.filter(([ok, resolve]) => (ok() ? (resolve(true), false) : true));
  };
  function done(t0, at) {
    st.lat.push(at - t0);
    const ch = new MessageChannel();
    ch.port1.onmessage = () => { st.post.push(performance.now() - t0); wake(); };
    ch.port2.postMessage(0);
  }
  function drew() {
    if (st.t0 === null || st.drawn) return;
    st.drawn = true;
    const t0 = st.t0;
    st.t0 = null;
    if (st.inRaf) done(t0, performance.now());
    else origRaf.call(window, () => done(t0, performance.now()));
  }
  const proto = CanvasRenderingContext2D.prototype;
  const orig = {strokeRect: proto.strokeRect, stroke: proto.stroke};
  for (const name of Object.keys(orig)) {
    proto[name] = function (...args) {
      if (!arrows && root.contains(this.canvas)) drew();
      return orig[name].apply(this, args);
    };
  }
  // Arrows: seen when a shape is put into the layer (synchronously, so a draw inside a frame
  // counts for that frame; a MutationObserver would only report it after the frame's callback).
  const origAppend = Element.prototype.append;
  if (arrows) {
    Element.prototype.append = function (...args) {
      if (root.contains(this)) drew();
      return origAppend.apply(this, args);
    };
  }
  const obs = new MutationObserver((records) => {
    if (records.some((r) => r.target instanceof SVGElement)) drew();
  });
  if (!arrows) obs.observe(root, {subtree: true, attributes: true, childList: true});
  function onMove(e) {
    if (!st.armed || !e.isTrusted) return;
    st.armed = false;
    st.drawn = false;
    st.t0 = e.timeStamp;
  }
  for (const type of ['pointermove', 'mousemove']) window.addEventListener(type, onMove, true);
  st.arm = () => { st.armed = true; st.t0 = null; };
  st.until = (ok, ms) => new Promise((resolve, reject) => {
    if (ok()) return resolve(true);
    st.waiters.push([ok, resolve]);
    setTimeout(() => reject(new Error('drag probe wait timed out')), ms);
  });
  st.dispose = () => {
    obs.disconnect();
    Element.prototype.append = origAppend;
    window.requestAnimationFrame = origRaf;
    Object.assign(proto, orig);
    for (const type of ['pointermove', 'mousemove']) window.removeEventListener(type, onMove, true);
  };
  window.__lwDrag = st;
  return 'ok';
}
"""

SLEEP_JS = """
(seconds) => {
  const k = window.__lwPanel.sessionContext.session.kernel;
  k.requestExecute({code: `import time as _t; _lw_slept_from = _t.time(); _t.sleep(${seconds})`});
}
"""
INTERRUPT_JS = "() => window.__lwPanel.sessionContext.session.kernel.interrupt()"


def image_rect(page, name: str) -> dict:
    if name.startswith("ours"):
        page.wait_for_function("() => document.querySelector('.lw-regions')?.dataset.view",
                               polling=100)
        page.locator(".lw-regions-stage").scroll_into_view_if_needed()
        got = page.evaluate(
            "() => { const r = document.querySelector('.lw-regions');"
            " const c = document.querySelector('.lw-regions-canvas').getBoundingClientRect();"
            " const [s, ox, oy] = r.dataset.view.split(' ').map(Number);"
            " return {x: c.left + ox, y: c.top + oy, width: s * " + str(W) + ","
            " height: s * " + str(H) + "}; }"
        )
        return got
    img = page.locator(".jp-NotebookPanel:visible .jp-OutputArea-output img").first
    img.wait_for()
    img.scroll_into_view_if_needed()
    return img.bounding_box()


def one_box(lab, name: str, rect: dict, moves: int, start: tuple[float, float],
            arrows: bool = False) -> dict:
    """Press at ``start`` (fractions of the image), then ``moves`` measured single moves."""
    page = lab.page
    if page.evaluate(PROBE_JS, arrows) != "ok":
        raise RuntimeError("drag probe not installed")
    x0 = rect["x"] + rect["width"] * start[0]
    y0 = rect["y"] + rect["height"] * start[1]
    page.mouse.move(x0, y0)
    page.mouse.down()
    span = min(rect["width"], rect["height"]) * 0.3
    for k in range(WARMUP + moves):
        # A zig-zag of 1..4 px steps that grows the box then shrinks it, never crossing start.
        phase = (k % 80) / 80
        d = span * (0.2 + 0.8 * (phase if phase < 0.5 else 1 - phase) * 2)
        page.evaluate("() => window.__lwDrag.arm()")
        page.mouse.move(x0 + d, y0 + d * 0.75)
        page.evaluate("([n]) => window.__lwDrag.until(() => window.__lwDrag.post.length >= n,"
                      " 5000)", [k + 1])
    page.mouse.up()
    got = page.evaluate("() => ({lat: window.__lwDrag.lat, post: window.__lwDrag.post})")
    page.evaluate("() => window.__lwDrag.dispose()")
    return got


def run_relations_case(session, name, notebook, moves, sleep_s) -> dict:
    """Drag the first of two linked boxes (press on its centre): the arrow follows."""
    lab = session.lab()
    try:
        lab.open_notebook(notebook, timeout=120)
        lab.run_all(timeout=180)
        page = lab.page
        rect = image_rect(page, name)
        page.wait_for_function("() => document.querySelector('.lw-rel-layer')?.dataset.arrows"
                               " === '1'", polling=100)
        before = lab.kernel_eval_json("first_box_x()")
        one_box(lab, name, rect, 20, (0.2, 0.2), arrows=True)  # warm-up, not counted
        idle = one_box(lab, name, rect, moves, (0.2, 0.2), arrows=True)
        page.evaluate(SLEEP_JS, sleep_s)
        time.sleep(1.0)
        t0 = time.time()
        busy = one_box(lab, name, rect, moves, (0.2, 0.2), arrows=True)
        t1 = time.time()
        lab.screenshot(f"bench_drag_{name}")
        page.evaluate(INTERRUPT_JS)
        lab.wait_kernel_idle(timeout=60)
        slept_from = lab.kernel_eval_json("_lw_slept_from", timeout=60)
        moved = lab.wait_until_kernel(f"first_box_x() != {before!r} and first_box_x()",
                                      timeout=30)
        kept = lab.kernel_eval_json("ann.values['relations']")
        return {"idle": idle, "busy": busy, "busy_wall_s": t1 - t0,
                "kernel_busy_throughout": slept_from < t0 and t1 - slept_from < sleep_s,
                "boxes_after_idle": 2, "boxes_after_busy": f"box x {before} -> {moved:.1f}%,"
                f" relations {kept}"}  # fmt: skip
    finally:
        session.done_with(lab)


def run_case(session, name, notebook, moves, sleep_s) -> dict:
    if name == "ours-relations":
        return run_relations_case(session, name, notebook, moves, sleep_s)
    lab = session.lab()
    try:
        lab.open_notebook(notebook, timeout=120)
        lab.run_all(timeout=180)
        page = lab.page
        rect = image_rect(page, name)
        if name == "ours":
            page.locator(".lw-regions-canvas").click(position={"x": 3, "y": 3})
            page.keyboard.press("c")
        one_box(lab, name, rect, 20, (0.1, 0.6))  # warm-up gesture, not counted
        idle = one_box(lab, name, rect, moves, (0.15, 0.15))
        n_idle = lab.wait_until_kernel("boxes() >= 2", timeout=30)
        page.evaluate(SLEEP_JS, sleep_s)
        time.sleep(1.0)  # the sleep has started (its start time is checked below)
        t0 = time.time()
        busy = one_box(lab, name, rect, moves, (0.55, 0.2))
        t1 = time.time()
        lab.screenshot(f"bench_drag_{name}")
        page.evaluate(INTERRUPT_JS)
        lab.wait_kernel_idle(timeout=60)
        slept_from = lab.kernel_eval_json("_lw_slept_from", timeout=60)
        # The whole drag happened inside the sleep: it started before and was interrupted after.
        still_busy = slept_from < t0 and t1 - slept_from < sleep_s
        busy_wall = t1 - t0
        # The box drawn during the sleep reaches Python once the kernel is free.
        n_after = lab.wait_until_kernel("boxes() >= 3", timeout=30)
        return {"idle": idle, "busy": busy, "busy_wall_s": busy_wall,
                "kernel_busy_throughout": still_busy, "boxes_after_idle": n_idle,
                "boxes_after_busy": n_after}  # fmt: skip
    finally:
        session.done_with(lab)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--moves", type=int, default=200, help="measured pointer moves per box")
    ap.add_argument("--only", default="", help="comma-separated case names")
    ap.add_argument("--sleep", type=float, default=600,
                    help="seconds the kernel sleeps during the busy drag (longer than the drag)")
    ap.add_argument("--json", type=Path, help="also write the figures here")
    args = ap.parse_args(argv)

    tmp = Path(tempfile.mkdtemp(prefix="lw-bench-drag-"))
    cases = notebooks(tmp)
    wanted = [c for c in args.only.split(",") if c] or list(cases)
    kernels = sorted({cases[c][1] for c in wanted} - {b.PROJECT_KERNEL})
    session = b.start(tmp, kernels)
    info = {"machine": b.machine(), "commit": b.git_head(), "moves": args.moves}
    results, problems = {}, {}
    try:
        for name in wanted:
            b.log(f"== {name}")
            try:
                raw = run_case(session, name, cases[name][0], args.moves, args.sleep)
                results[name] = {
                    **{k: v for k, v in raw.items() if k not in ("idle", "busy")},
                    **{f"{phase}_{m}": b.summary(raw[phase][m][WARMUP:])
                       for phase in ("idle", "busy") for m in ("lat", "post")},
                }  # fmt: skip
                r = results[name]
                b.log(f"   idle p50 {r['idle_lat']['p50']:.1f} p95 {r['idle_lat']['p95']:.1f}; "
                      f"busy p50 {r['busy_lat']['p50']:.1f} p95 {r['busy_lat']['p95']:.1f} ms")
            except Exception as exc:
                problems[name] = f"{type(exc).__name__}: {str(exc)[:600]}"
                b.log(f"   could not run: {problems[name]}")
    finally:
        session.close()
    info["machine"]["load_average_end"] = b.machine()["load_average"]
    report(results, problems, info)
    if args.json:
        args.json.write_text(json.dumps({"info": info, "results": results,
                                         "problems": problems}, indent=1))
    return 0


def report(results, problems, info) -> None:
    print(f"# drag  (commit {info['commit']}, {info['moves']} moves per box)")
    print("# " + ", ".join(f"{k}: {v}" for k, v in info["machine"].items()))
    print(f"{'case':14} {'kernel':6} {'p50 ms':>8} {'p95 ms':>8} {'max':>7} {'<=1 frame':>9}"
          f" {'after-frame p50/p95':>20}")
    for name, r in results.items():
        for phase in ("idle", "busy"):
            f, post = r[f"{phase}_lat"], r[f"{phase}_post"]
            print(f"{name:14} {phase:6} {f['p50']:8.1f} {f['p95']:8.1f} {f['max']:7.1f}"
                  f" {f['within_frame']:9.0%} {post['p50']:9.1f} / {post['p95']:7.1f}")
        print(f"{name}: kernel busy throughout the second drag: {r['kernel_busy_throughout']}"
              f" ({r['busy_wall_s']:.1f} s); boxes in Python after it: {r['boxes_after_busy']}")
    ours = results.get("ours")
    if ours:
        for name, r in results.items():
            if name != "ours":
                for phase in ("idle", "busy"):
                    print(f"ratio {name} / ours ({phase}): p50 x"
                          f"{r[f'{phase}_lat']['p50'] / ours[f'{phase}_lat']['p50']:.1f}, p95 x"
                          f"{r[f'{phase}_lat']['p95'] / ours[f'{phase}_lat']['p95']:.1f}")
    for name, why in problems.items():
        print(f"{name}: could not run: {why}")


if __name__ == "__main__":
    raise SystemExit(main())
