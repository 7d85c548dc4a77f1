"""Audio: the waveform of a one-hour file, and the next audio task after a key press.

    python benchmarks/audio.py [--presses 9] [--json out.json]

One JupyterLab and one headless Debian Chromium (tests/browser/harness.py). The notebook
writes its audio on the spot (numpy noise and tones as 16-bit WAV with the standard library):

- ``hour``: a one-hour 16 kHz mono file (115 MB) after a short one. Figures: the widget shown
  -> the hour's bytes (and the peaks the kernel computes for WAV over 10 minutes) held in the
  browser while the short task is on screen (prefetch); then key press -> the frame that shows
  the hour's waveform; and cold, the widget shown -> the hour's waveform drawn when it is the
  first task (the kernel's peaks are sent ahead of the bytes), and -> its audio playable.
  Redraw: zoom in and Fit clicked -> the next frame (the work of a zoom or scroll frame).
- ``next``: ten 20-second files. Once held ahead, ArrowRight -> the first frame where the next
  task's waveform is drawn and its <audio> element can play (readyState >= 3, HAVE_FUTURE_DATA).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _browser as b

MAKE = '''
import wave
from pathlib import Path
import numpy as np
import pandas as pd
import labelwidget as lw

folder = Path(FOLDER)
rng = np.random.default_rng(0)

def write(path, seconds, rate=16000, freq=220.0):
    n = int(seconds * rate)
    t = np.arange(n, dtype=np.float32) / rate
    samples = 0.05 * rng.standard_normal(n).astype(np.float32)
    samples += 0.4 * np.sin(2 * np.pi * freq * t) * (0.5 + 0.5 * np.sin(2 * np.pi * t / 7))
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1); w.setsampwidth(2); w.setframerate(rate)
        w.writeframes((np.clip(samples, -1, 1) * 32767).astype("<i2").tobytes())
    return str(path)

config = """<View><Audio name="%s" value="$audio"/>
  <Labels name="labels_%s" toName="%s"><Label value="Speech"/></Labels></View>"""
'''

HOUR = '''
short = write(folder / "short.wav", 5)
hour = write(folder / "hour.wav", 3600)
hours = pd.DataFrame({"audio": [short, hour]}, index=["short", "hour"])
ann = lw.Annotator(hours, config % ("hour", "hour", "hour"))
ann
'''

COLD = '''
cold = pd.DataFrame({"audio": [write(folder / "hour2.wav", 3600, freq=330.0)]}, index=["cold"])
ann = lw.Annotator(cold, config % ("cold", "cold", "cold"))
ann
'''

NEXT = '''
tasks = pd.DataFrame({"audio": [write(folder / f"n{i}.wav", 20, freq=200 + 30 * i)
                                for i in range(10)]}, index=[f"n{i}" for i in range(10)])
ann = lw.Annotator(tasks, config % ("next", "next", "next"))
ann
'''

# Resolves with the ms from the next trusted keydown (or the call, for `now`) to the first
# animation frame where `ok()` holds; checked on every DOM change of the root and on media
# events, never by a fixed wait.
UNTIL_JS = """
([selector, expectTask, needPlayable, onKey]) => {
  window.__lwAudioWait = new Promise((resolve, reject) => {
  const root = document.querySelector(selector);
  let t0 = onKey ? null : performance.now();
  const ok = () => {
    if (root.dataset.drawn !== expectTask || root.dataset.ready !== '1') return false;
    if (!needPlayable) return true;
    const media = root.querySelector('.lw-audio-media');
    return Boolean(media) && media.readyState >= 3;
  };
  let done = false;
  const check = () => {
    if (done || t0 === null || !ok()) return;
    done = true;
    requestAnimationFrame(() => { obs.disconnect(); resolve(performance.now() - t0); });
  };
  const obs = new MutationObserver(check);
  obs.observe(root, {subtree: true, childList: true, attributes: true});
  root.addEventListener('canplay', check, true);
  if (onKey) {
    const start = (e) => { if (e.isTrusted && t0 === null) { t0 = e.timeStamp; check(); } };
    window.addEventListener('keydown', start, {capture: true, once: true});
  }
  setTimeout(() => reject(new Error('timed out waiting for ' + expectTask)), 120000);
  check();
}); }
"""

# Installed before the notebook runs: resolves with the ms from the widget's element appearing
# (the kernel built it) to the frame after `what` holds: "held2" (two tasks' audio in the
# browser) or a task key (that task's waveform drawn: __lwAppear; and its audio playable too:
# __lwAppearReady).
APPEAR_JS = """
([selector, what]) => {
  let t0 = null;
  const waits = [];
  const until = (holds) => new Promise((resolve, reject) => {
    waits.push([holds, resolve]);
    setTimeout(() => reject(new Error('timed out waiting for ' + what)), 300000);
  });
  const check = () => {
    const r = document.querySelector(selector);
    if (!r) return;
    if (t0 === null) t0 = performance.now();
    for (const w of waits.splice(0)) {
      if (!w[0](r)) { waits.push(w); continue; }
      requestAnimationFrame(() => w[1](performance.now() - t0));
    }
    if (!waits.length) obs.disconnect();
  };
  const drawn = (r) => r.dataset.drawn === what;
  window.__lwAppear = until(what === 'held2' ? (r) => Number(r.dataset.audios) >= 2 : drawn);
  window.__lwAppearReady = until((r) => drawn(r) && r.dataset.ready === '1');
  const obs = new MutationObserver(check);
  obs.observe(document.body, {subtree: true, childList: true, attributes: true});
  check();
}
"""

REDRAW_JS = """
([selector]) => new Promise((resolve) => {
  const root = document.querySelector(selector);
  const t0 = performance.now();
  root.querySelector('.lw-zoom-in').click();
  root.querySelector('.lw-zoom-fit').click();
  requestAnimationFrame(() => resolve(performance.now() - t0));
})
"""


def held(page, selector: str, count: int, timeout_ms: float = 300_000) -> None:
    page.wait_for_function(
        f"() => Number((document.querySelector('{selector}') || {{dataset: {{}}}})"
        f".dataset.audios) >= {count}", timeout=timeout_ms)


def focus(page, selector: str) -> None:
    page.locator(f"{selector} .lw-audio-time").click()  # a click in the widget gives it focus


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--presses", type=int, default=9)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    notebooks = Path(tempfile.mkdtemp(prefix="lw_audio_nb_"))
    folder = Path(tempfile.mkdtemp(prefix="lw_audio_bench_"))  # the WAV files (230 MB)
    make = f"FOLDER = {str(folder)!r}\n" + MAKE
    b.write_notebook(notebooks / "hour.ipynb", [make, HOUR])
    b.write_notebook(notebooks / "cold.ipynb", [make, COLD])
    b.write_notebook(notebooks / "next.ipynb", [make, NEXT])
    session = b.start(notebooks, [])
    out: dict = {"machine": b.machine(), "commit": b.git_head()}
    try:
        # -- one hour, held ahead ------------------------------------------------------------
        lab = session.lab()
        lab.open_notebook("hour.ipynb")
        sel = '.lw-audio[data-object="hour"]'
        lab.page.evaluate(APPEAR_JS, [sel, "held2"])
        lab.run_all(timeout=600)
        page = lab.page
        out["hour_held_ahead_ms"] = round(page.evaluate("() => window.__lwAppear"), 1)
        focus(page, sel)
        page.evaluate(UNTIL_JS, [sel, '"hour"', False, True])
        page.keyboard.press("ArrowRight")
        out["hour_key_to_waveform_ms"] = round(page.evaluate("() => window.__lwAudioWait"), 1)
        redraws = [page.evaluate(REDRAW_JS, [sel]) for _ in range(10)]
        out["hour_redraw_ms"] = b.summary(redraws)
        lab.screenshot("bench_audio_hour", locator=page.locator(".lw-annotator").first)
        session.done_with(lab)

        # -- one hour, cold (the first task) ----------------------------------------------
        lab = session.lab()
        lab.open_notebook("cold.ipynb")
        sel = '.lw-audio[data-object="cold"]'
        lab.page.evaluate(APPEAR_JS, [sel, '"cold"'])
        lab.run_all(timeout=600)
        page = lab.page
        out["hour_cold_shown_to_waveform_ms"] = round(page.evaluate("() => window.__lwAppear"), 1)
        out["hour_cold_shown_to_playable_ms"] = round(
            page.evaluate("() => window.__lwAppearReady"), 1)
        session.done_with(lab)

        # -- the next audio task, held ahead ------------------------------------------------
        lab = session.lab()
        lab.open_notebook("next.ipynb")
        lab.run_all(timeout=600)
        page = lab.page
        sel = '.lw-audio[data-object="next"]'
        page.wait_for_selector(sel)
        latencies = []
        for i in range(1, min(args.presses, 9) + 1):
            page.wait_for_function(
                f"() => {{ const r = document.querySelector('{sel}');"
                f" return r.dataset.drawn === '\"n{i - 1}\"' && r.dataset.ready === '1'; }}")
            b.wait_kernel_quiet(page)
            page.wait_for_function(
                f"() => Number(document.querySelector('{sel}').dataset.audios) >= 2")
            focus(page, sel)
            page.evaluate(UNTIL_JS, [sel, f'"n{i}"', True, True])
            page.keyboard.press("ArrowRight")
            latencies.append(page.evaluate("() => window.__lwAudioWait"))
        out["next_key_to_playable_ms"] = b.summary(latencies)
        session.done_with(lab)
    finally:
        session.close()
        shutil.rmtree(folder, ignore_errors=True)
    print(json.dumps(out, indent=1))
    if args.json:
        args.json.write_text(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
