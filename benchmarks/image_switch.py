"""The image cases of benchmarks/task_switch.py: 12-megapixel JPEGs, key -> the next image painted.

    python benchmarks/task_switch.py --only ours-image,bbox-widget-image,ipyannotations-image

The images are generated at run time (``make_images``: a photographic-like 4000x3000 scene of
smooth colour fields, texture and sensor noise, JPEG quality 90, about 4.5 MB each) into a temp
dir and read from there by every kernel, so every case shows the same files. Each image of a
period of 32 has its own width (4000 + k pixels), which is how the in-page probe recognises the
*next* image: the next task's image differs in width from the shown one and from every image
held ahead. Rows past the period are hard links with names of their own (new keys, new
transfers, no cache shared between tasks).

Cases (the same files, viewport and pace; the clock starts at the input event):
- ``ours-image``: ``<Image>`` + ``<RectangleLabels>`` + ``<Choices>``; Enter submits and shows
  the next task. Painted = our canvas' ``drawImage`` of the next task's image (the editor sets
  ``data-size`` to the drawn image's original size just before its ``drawImage``).
- ``bbox-widget-image``: jupyter-bbox-widget (anywidget, an ``<img>`` under an SVG layer):
  Enter is its own submit key; its ``on_submit`` callback sets ``image`` to the next path in
  Python, which sends the bytes as its ``image_bytes`` trait; the widget puts them in a blob
  URL on its ``<img>``. Painted = that ``<img>`` loaded the next image (natural width), then
  ``img.decode()`` resolved, then the next animation frame.
- ``ipyannotations-image``: ipyannotations' ``BoxAnnotator`` (ipycanvas): Enter (its ipyevents
  key handler) submits; its ``on_submit`` callback calls ``display(next path)``, which sends
  the bytes as an ``ipywidgets.Image`` and an ipycanvas ``draw_image`` command. Painted = the
  drawImage of the next image (natural width) into ipycanvas' layer, then the first copy of
  the layers onto the visible canvas after it.
A draw inside an animation frame callback counts for that frame; otherwise the figure is the
next animation frame after the draw (as in benchmarks/drag.py).
"""

from __future__ import annotations

import io
import os
import time
from pathlib import Path

import _browser as b

PERIOD = 32  # distinct widths; the prefetch window never holds more tasks than this
BASE_W, BASE_H = 4000, 3000
CLASSES = ["Car", "Bus"]
NAMES = ("ours-image", "bbox-widget-image", "ipyannotations-image")

OURS_CONFIG = """
<View>
  <Image name="image" value="$image"/>
  <RectangleLabels name="boxes" toName="image">
    <Label value="Car" hotkey="c"/>
    <Label value="Bus" hotkey="b"/>
  </RectangleLabels>
  <Choices name="quality" toName="image" choice="single" showInline="true">
    <Choice value="Sharp" hotkey="s"/>
    <Choice value="Blurry" hotkey="y"/>
  </Choices>
</View>
"""


def width_of(i: int) -> int:
    return BASE_W + i % PERIOD


def make_images(folder: Path, rows: int, seed: int = 5) -> list[Path]:
    """``rows`` JPEG files (12 MP, about 4.5 MB each) in ``folder``; made once per folder."""
    import numpy as np
    from PIL import Image

    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / f"photo_{i:04d}.jpg" for i in range(rows)]
    if all(p.exists() for p in paths):
        return paths
    t0 = time.perf_counter()
    rng = np.random.default_rng(seed)
    wide = BASE_W + 2 * PERIOD  # image k starts k px in and is 4000 + k wide

    def field(cells_h, cells_w, resample):
        small = (rng.random((cells_h, cells_w, 3)) * 255).astype(np.uint8)
        return np.asarray(Image.fromarray(small).resize((wide, BASE_H), resample),
                          dtype=np.float32)

    # Smooth colour areas (sky, walls), mid-scale texture, then per-pixel sensor noise: JPEG
    # sizes of a phone photo, not of a flat test card.
    scene = field(12, 16, Image.Resampling.BICUBIC) * 0.7
    scene += field(150, 200, Image.Resampling.BILINEAR) * 0.3
    scene += rng.normal(0, 9, (BASE_H, wide, 1)).astype(np.float32)
    for k in range(min(rows, PERIOD)):
        tint = np.array([(k * 37) % 60 - 30, (k * 53) % 60 - 30, (k * 71) % 60 - 30],
                        dtype=np.float32)
        w = width_of(k)
        pixels = np.clip(scene[:, k:k + w] + tint, 0, 255).astype(np.uint8)
        assert pixels.shape[1] == w, pixels.shape
        out = io.BytesIO()
        Image.fromarray(pixels).save(out, format="JPEG", quality=90)
        paths[k].write_bytes(out.getvalue())
    for i in range(PERIOD, rows):
        if not paths[i].exists():
            os.link(paths[i % PERIOD], paths[i])
    b.log(f"   {rows} images of {BASE_W}+k x {BASE_H} in {folder} "
          f"({paths[0].stat().st_size / 1e6:.1f} MB each, {time.perf_counter() - t0:.0f} s)")
    return paths


def add_cases(add, folder: Path, rows: int) -> None:
    """Register the image cases' notebooks with task_switch's ``add(name, kernel, cells)``."""
    paths = f"paths = [str(p) for p in sorted(__import__('pathlib').Path({str(folder)!r})" \
            f".glob('photo_*.jpg'))][:{rows}]\n"
    add("ours-image", b.PROJECT_KERNEL, [
        paths + "import pandas as pd\nimport labelwidget as lw\n"
        "df = pd.DataFrame({'image': paths}, index=[f't{i}' for i in range(len(paths))])\n"
        f"ann = lw.Annotator(df, {OURS_CONFIG!r})",
        "ann",
    ])  # fmt: skip
    add("bbox-widget-image", "lw-peers", [
        paths + "from jupyter_bbox_widget import BBoxWidget\n"
        f"widget = BBoxWidget(image=paths[0], classes={CLASSES!r})\n"
        "submitted = []\n"
        "_items = iter(paths[1:])\n"
        "@widget.on_submit\n"
        "def _next():\n"
        "    submitted.append(list(widget.bboxes))\n"
        "    widget.bboxes = []\n"
        "    widget.image = next(_items, paths[-1])",
        "widget",
    ])  # fmt: skip
    add("ipyannotations-image", "lw-peers", [
        paths + "import pathlib\nfrom ipyannotations.images import BoxAnnotator\n"
        f"widget = BoxAnnotator(options={CLASSES!r}, canvas_size=(800, 600))\n"
        "submitted = []\n"
        "_items = iter(paths[1:])\n"
        "def _on_submit(data):\n"
        "    submitted.append(data)\n"
        "    widget.display(pathlib.Path(next(_items, paths[-1])))\n"
        "widget.on_submit(_on_submit)\n"
        "widget.display(pathlib.Path(paths[0]))",
        "widget",
    ])  # fmt: skip


# In-page probe. Timing starts at the trusted keydown of `key` (window, capture phase). `want`
# is the natural width of the next image. Seen as painted:
# - a drawImage on a canvas inside our image editor whose data-size names that width;
# - a drawImage of a source of that natural width anywhere (ipycanvas draws into a detached
#   layer canvas), then the next drawImage onto a canvas inside the panel (the visible copy);
# - an <img> inside the panel that loaded a picture of that width, once img.decode() resolved.
# Inside a requestAnimationFrame callback the draw counts for that frame, else the next frame.
PROBE_JS = """
(key) => {
  const old = window.__lwImg;
  if (old) old.dispose();
  const root = window.__lwPanel.node;
  const st = {lat: [], post: [], handler: [], t0: null, want: null, armed: false, drawn: false,
              layer: false, inRaf: 0, waiters: []};
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
  function drew(inRaf = st.inRaf, at = performance.now()) {
    if (st.t0 === null || st.drawn) return;
    st.drawn = true;
    const t0 = st.t0;
    st.t0 = null;
    st.handler.push(at - t0);
    if (inRaf) done(t0, at);
    else origRaf.call(window, () => done(t0, performance.now()));
  }
  const widthOf = (src) => src.naturalWidth || src.videoWidth || src.width || 0;
  const proto = CanvasRenderingContext2D.prototype;
  const origDraw = proto.drawImage;
  proto.drawImage = function (src, ...rest) {
    const out = origDraw.call(this, src, ...rest);
    if (st.t0 !== null && !st.drawn) {
      const canvas = this.canvas;
      const ours = canvas.closest && canvas.closest('.lw-regions');
      if (ours) {
        // The editor names the drawn image's size in the same paint (before or after this
        // draw): read it once that paint is over, as of the draw's time and frame.
        const inRaf = st.inRaf, at = performance.now();
        queueMicrotask(() => {
          if (Number((ours.dataset.size || '').split(' ')[0]) === st.want) drew(inRaf, at);
        });
      } else if (widthOf(src) === st.want) {
        st.layer = true;
        if (root.contains(canvas)) drew();
      } else if (st.layer && root.contains(canvas)) {
        drew();
      }
    }
    return out;
  };
  function onLoad(e) {
    const img = e.target;
    if (!(img instanceof HTMLImageElement) || st.t0 === null || st.drawn) return;
    if (img.naturalWidth !== st.want) return;
    img.decode().then(() => drew(), () => drew());
  }
  root.addEventListener('load', onLoad, true);
  function onInput(e) {
    if (!st.armed || !e.isTrusted || e.key !== key) return;
    st.armed = false;
    st.drawn = false;
    st.layer = false;
    st.t0 = e.timeStamp;
  }
  window.addEventListener('keydown', onInput, true);
  st.arm = (want) => { st.want = want; st.armed = true; st.t0 = null; };
  st.until = (ok, ms) => new Promise((resolve, reject) => {
    if (ok()) return resolve(true);
    st.waiters.push([ok, resolve]);
    setTimeout(() => reject(new Error('image probe wait timed out')), ms);
  });
  st.dispose = () => {
    proto.drawImage = origDraw;
    window.requestAnimationFrame = origRaf;
    root.removeEventListener('load', onLoad, true);
    window.removeEventListener('keydown', onInput, true);
  };
  window.__lwImg = st;
  return 'ok';
}
"""


def _shown(page, name: str, width: int, timeout_ms: float = 120_000) -> None:
    """Wait until the case shows the image of this width (before the probe is installed)."""
    if name == "ours-image":
        page.wait_for_function(
            "w => Number((document.querySelector('.lw-regions')?.dataset.size || '')"
            ".split(' ')[0]) === w", arg=width, timeout=timeout_ms, polling=100)
    elif name == "bbox-widget-image":
        page.wait_for_function(
            "w => [...window.__lwPanel.node.querySelectorAll('img')].some(i => i.complete"
            " && i.naturalWidth === w)", arg=width, timeout=timeout_ms, polling=100)
    else:
        page.locator(".jp-NotebookPanel:visible canvas").first.wait_for(timeout=timeout_ms)


def _focus(page, name: str) -> None:
    """Give the case's key handler the focus, away from the image (a click there draws)."""
    if name == "ours-image":
        page.locator(".lw-annotator .lw-progress").click()
    elif name == "bbox-widget-image":
        # The widget's keys are read by its focusable wrapper, the one holding the <img>.
        img = page.locator(".jp-NotebookPanel:visible .jp-OutputArea-output img").first
        img.scroll_into_view_if_needed()
        page.evaluate("() => { const img = window.__lwPanel.node.querySelector("
                      "'.jp-OutputArea-output img'); let el = img;"
                      " while (el && !(el.tabIndex >= 0)) el = el.parentElement;"
                      " (el || img).focus(); }")
    else:
        # ipyevents reads keys while the pointer is over the widget; hover its caption.
        area = page.locator(".jp-NotebookPanel:visible .jp-OutputArea-output "
                            ":text('Data input settings')").first
        area.scroll_into_view_if_needed()
        area.hover()
        area.click()


def drive(lab, name: str, n: int, *, think: float) -> dict:
    """``n`` switches by Enter; before each, ``think`` seconds and a quiet kernel."""
    page = lab.page
    _shown(page, name, width_of(0))
    _focus(page, name)
    if page.evaluate(PROBE_JS, "Enter") != "ok":
        raise RuntimeError("image probe not installed")
    t0 = time.perf_counter()
    for k in range(n):
        time.sleep(think)
        b.wait_kernel_quiet(page)
        page.evaluate("w => window.__lwImg.arm(w)", width_of(k + 1))
        page.keyboard.press("Enter")
        try:
            page.evaluate("([n, ms]) => window.__lwImg.until(() => window.__lwImg.post.length"
                          " >= n, ms)", [k + 1, 60_000])
        except Exception as exc:
            lab.screenshot(f"bench_task_switch_{name}_stuck")
            raise RuntimeError(f"switch {k + 1} (to an image {width_of(k + 1)} px wide) was"
                               f" not seen painted: {exc}") from None
    wall = time.perf_counter() - t0
    got = page.evaluate("() => ({lat: window.__lwImg.lat, post: window.__lwImg.post,"
                        " handler: window.__lwImg.handler})")
    page.evaluate("() => window.__lwImg.dispose()")
    out = {**got, "wall_s": wall, "expected": n}
    if name == "ours-image":
        out["submits_in_dataframe"] = lab.wait_until_kernel(
            f"(lambda s: s if s >= {n} else 0)("
            "int(ann.results.query(\"kind == 'submit'\")['task'].nunique()))", timeout=120)
    else:
        out["submits_in_dataframe"] = lab.wait_until_kernel(
            f"len(submitted) if len(submitted) >= {n} else 0", timeout=120)
    return out
