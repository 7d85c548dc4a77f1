"""Dragging an audio segment's edge: pointer move -> the waveform repainted with the new edge.

    python benchmarks/audio_drag.py [--moves 150] [--json out.json]

One JupyterLab and one headless Debian Chromium (tests/browser/harness.py). The notebook writes
a 20-second 16 kHz WAV and pre-fills one segment (5 s to 10 s). The mouse presses on the
segment's right edge and makes ``--moves`` single moves of a few pixels (a zig-zag that
lengthens then shortens the segment), first with the kernel idle, then while the kernel runs
``time.sleep``: the edge must follow at frame rate either way, and the new end reaches Python
once the kernel is free.

Figure per move: from the trusted pointermove (its ``timeStamp``) to the animation frame whose
callback repainted the canvas (``clearRect`` of the audio canvas; audio.js repaints in a
requestAnimationFrame callback, so that frame shows it). Issue 12's target: within one frame.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _browser as b
from drag import INTERRUPT_JS, SLEEP_JS

NOTEBOOK = '''
import wave
from pathlib import Path
import numpy as np
import pandas as pd
import labelwidget as lw

folder = Path(FOLDER)
rate, seconds = 16000, 20
t = np.arange(rate * seconds, dtype=np.float32) / rate
noise = np.random.default_rng(0).standard_normal(t.size)
samples = 0.4 * np.sin(2 * np.pi * 220 * t) + 0.05 * noise
with wave.open(str(folder / "tone.wav"), "wb") as w:
    w.setnchannels(1); w.setsampwidth(2); w.setframerate(rate)
    w.writeframes((np.clip(samples, -1, 1) * 32767).astype("<i2").tobytes())
config = """<View><Audio name="audio" value="$audio"/>
  <Labels name="labels" toName="audio"><Label value="Speech"/></Labels></View>"""
df = pd.DataFrame({"audio": [str(folder / "tone.wav")],
                   "labels": [[{"id": "s1", "start": 5.0, "end": 10.0, "labels": ["Speech"]}]]},
                  index=["a1"])
ann = lw.Annotator(df, config)
ann
'''

PROBE_JS = """
() => {
  const root = document.querySelector('.lw-audio');
  const canvas = root.querySelector('canvas');
  const st = {lat: [], t0: null, inRaf: 0};
  const origRaf = window.requestAnimationFrame;
  window.requestAnimationFrame = (cb) => origRaf.call(window, (ts) => {
    st.inRaf += 1;
    try { return cb(ts); } finally { st.inRaf -= 1; }
  });
  const proto = CanvasRenderingContext2D.prototype;
  const clear = proto.clearRect;
  proto.clearRect = function (...args) {
    if (this.canvas === canvas && st.t0 !== null) {
      const t0 = st.t0;
      st.t0 = null;
      if (st.inRaf) st.lat.push(performance.now() - t0);
      else origRaf.call(window, () => st.lat.push(performance.now() - t0));
    }
    return clear.apply(this, args);
  };
  const onMove = (e) => { if (e.isTrusted && st.t0 === null) st.t0 = e.timeStamp; };
  window.addEventListener('pointermove', onMove, true);
  st.dispose = () => {
    window.requestAnimationFrame = origRaf;
    proto.clearRect = clear;
    window.removeEventListener('pointermove', onMove, true);
  };
  window.__lwEdge = st;
  const r = canvas.getBoundingClientRect();
  const [t0, spp] = root.dataset.view.split(' ').map(Number);
  return {x: r.left, y: r.top, width: r.width, height: r.height, t0, spp};
}
"""


def drag_edge(page, moves: int) -> list[float]:
    """Press on the segment's end (10 s, or 4 px past it after an earlier drag), make ``moves``
    measured moves, release."""
    box = page.evaluate(PROBE_JS)
    x0 = box["x"] + (10.0 - box["t0"]) / box["spp"]
    y0 = box["y"] + box["height"] / 2
    page.mouse.move(x0, y0)
    page.mouse.down()
    for k in range(moves):
        # Out to 64 px and back to 4 px: the edge ends beside the next press (audio.js takes a
        # press within 6 px of an edge as that edge), and never crosses the press point.
        phase = k / max(1, moves - 1)
        d = 4 + 60 * (1 - abs(2 * phase - 1))
        page.mouse.move(x0 + d, y0)
        page.wait_for_function("([n]) => window.__lwEdge.lat.length >= n", arg=[k + 1],
                               timeout=10_000)
    page.mouse.up()
    lat = page.evaluate("() => window.__lwEdge.lat")
    page.evaluate("() => window.__lwEdge.dispose()")
    return lat


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--moves", type=int, default=150)
    parser.add_argument("--sleep", type=float, default=60.0, help="kernel sleep, seconds")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    notebooks = Path(tempfile.mkdtemp(prefix="lw_audio_drag_nb_"))
    folder = Path(tempfile.mkdtemp(prefix="lw_audio_drag_"))
    b.write_notebook(notebooks / "edge.ipynb", [f"FOLDER = {str(folder)!r}\n" + NOTEBOOK])
    session = b.start(notebooks, [])
    out: dict = {"machine": b.machine(), "commit": b.git_head()}
    try:
        lab = session.lab()
        lab.open_notebook("edge.ipynb")
        lab.run_all(timeout=300)
        page = lab.page
        page.wait_for_function("() => { const r = document.querySelector('.lw-audio');"
                               " return r && r.dataset.drawn && r.dataset.ready === '1'; }",
                               timeout=120_000)
        page.locator(".lw-audio canvas").scroll_into_view_if_needed()
        drag_edge(page, 10)  # warm-up, not counted
        out["idle"] = b.summary(drag_edge(page, args.moves))
        page.evaluate(SLEEP_JS, args.sleep)
        time.sleep(1.0)  # the sleep has started
        t0 = time.time()
        busy = drag_edge(page, args.moves)
        t1 = time.time()
        lab.screenshot("bench_audio_drag", locator=page.locator(".lw-annotator").first)
        page.evaluate(INTERRUPT_JS)
        lab.wait_kernel_idle(timeout=60)
        slept_from = lab.kernel_eval_json("_lw_slept_from", timeout=60)
        out["sleeping"] = b.summary(busy)
        out["kernel_busy_throughout"] = slept_from < t0 and t1 - slept_from < args.sleep
        out["end_in_python_after"] = lab.wait_until_kernel(
            "(lambda v: v[0]['end'] if v and v[0]['end'] != 10.0 else None)"
            "(ann.values['labels'])", timeout=60)
        session.done_with(lab)
    finally:
        session.close()
        shutil.rmtree(folder, ignore_errors=True)
        shutil.rmtree(notebooks, ignore_errors=True)
    print(json.dumps(out, indent=1))
    if args.json:
        args.json.write_text(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
