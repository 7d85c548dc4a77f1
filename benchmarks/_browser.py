"""Shared plumbing of the browser benchmarks: peers' virtualenvs, one JupyterLab for everybody,
generated notebooks and the in-page latency probe.

Everything real (server, Chromium, notebook driving) comes from ``tests/browser/harness.py``;
this module only adds what a benchmark needs on top of it.

The peers (other notebook annotators) run in their own virtualenvs, registered as extra
kernelspecs in a data dir given to the server through ``JUPYTER_PATH``, so their old pins can
never change the project's environment. Only the peers' own front-end extensions that the
project's environment lacks are linked into that data dir (never a second copy of the widget
manager).
"""

from __future__ import annotations

import contextlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT / "tests" / "browser"))

import harness  # noqa: E402  (tests/browser/harness.py)

FRAME_MS = 1000 / 60

# Kernel venvs: name -> (venv dir, packages, front-end extensions to serve). Created on first
# use, reused afterwards. Only the listed extensions are linked for the server: a stale
# prebuilt extension (one built for JupyterLab 3) can break the page for every case.
PEER_VENVS = {
    "lw-peers": (
        Path(os.environ.get("LW_PEERS_VENV", "/tmp/peers-venv")),
        ["ipykernel", "pigeon-jupyter", "ipyannotations", "superintendent", "sqlmodel==0.0.8",
         "jupyter-bbox-widget"],
        ["ipyannotations", "ipyevents"],
    ),
    # pigeonXT pins jupyterlab<4 (and pandas 1.5): a venv of its own; only its kernel is used.
    "lw-peers-lab3": (
        Path(os.environ.get("LW_PEERS_LAB3_VENV", "/tmp/peers3-venv")),
        ["ipykernel", "pigeonxt-jupyter"],
        [],
    ),
}
PROJECT_KERNEL = "python3"


def log(*args) -> None:
    print(*args, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------------------------
# Peers' virtualenvs and the data dir the server sees
# --------------------------------------------------------------------------------------------


def ensure_venv(venv: Path, packages: list[str]) -> Path | None:
    """The venv's python, creating the venv and installing ``packages`` if it is missing."""
    python = venv / "bin" / "python"
    if python.exists():
        return python
    log(f"creating {venv} with {' '.join(packages)} (once; takes a minute or two)")
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    done = subprocess.run([str(python), "-m", "pip", "install", "-q", *packages])
    if done.returncode != 0:
        log(f"could not install {packages} into {venv}")
        return None
    return python


def peer_data_dir(kernels: list[str]) -> Path:
    """A Jupyter data dir with one kernelspec per peer venv, plus the peers' labextensions
    that the project's environment does not have. Put on ``JUPYTER_PATH`` for the server."""
    data = Path(tempfile.mkdtemp(prefix="lw-bench-jupyter-"))
    ours = {p.name for p in _labext_dirs(Path(sys.prefix))}
    for name in kernels:
        venv, packages, extensions = PEER_VENVS[name]
        python = ensure_venv(venv, packages)
        if python is None:
            continue
        spec = data / "kernels" / name
        spec.mkdir(parents=True)
        spec.joinpath("kernel.json").write_text(json.dumps({
            "argv": [str(python), "-m", "ipykernel_launcher", "-f", "{connection_file}"],
            "display_name": f"peers ({venv.name})",
            "language": "python",
        }))  # fmt: skip
        for ext in _labext_dirs(venv):
            if ext.name in ours or ext.name not in extensions:
                continue  # never shadow the project's copy (e.g. @jupyter-widgets)
            target = data / "labextensions" / ext.relative_to(_labext_root(venv))
            if not target.exists():
                target.parent.mkdir(parents=True, exist_ok=True)
                target.symlink_to(ext)
    return data


def _labext_root(prefix: Path) -> Path:
    return prefix / "share" / "jupyter" / "labextensions"


def _labext_dirs(prefix: Path) -> list[Path]:
    root = _labext_root(prefix)
    if not root.is_dir():
        return []
    out = []
    for p in sorted(root.iterdir()):
        if p.name.startswith("@"):
            out.extend(sorted(q for q in p.iterdir() if q.is_dir()))
        elif p.is_dir():
            out.append(p)
    return out


def venv_versions(python: Path, names: list[str]) -> dict[str, str]:
    code = (
        "import importlib.metadata as m, json, sys\n"
        "out = {}\n"
        "for n in sys.argv[1:]:\n"
        "    try: out[n] = m.version(n)\n"
        "    except m.PackageNotFoundError: pass\n"
        "print(json.dumps(out))"
    )
    done = subprocess.run([str(python), "-c", code, *names], capture_output=True, text=True)
    return json.loads(done.stdout or "{}")


# --------------------------------------------------------------------------------------------
# Server and notebooks
# --------------------------------------------------------------------------------------------


def write_notebook(path: Path, cells: list[str], kernel: str = PROJECT_KERNEL) -> None:
    nb = {
        "cells": [
            {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
             "source": src}
            for src in cells
        ],
        "metadata": {"kernelspec": {"name": kernel, "display_name": kernel,
                                    "language": "python"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }  # fmt: skip
    path.write_text(json.dumps(nb, indent=1))


@dataclass
class Session:
    server: harness.JupyterServer
    browser: object
    playwright: object
    data_dir: Path
    notebooks: Path

    def lab(self) -> harness.Lab:
        return harness.Lab(self.server, self.browser, default_timeout_ms=60_000)

    def done_with(self, lab: harness.Lab) -> None:
        lab.close()
        self.server.shutdown_all_sessions()
        self.server.reset_workspaces()

    def close(self) -> None:
        try:
            self.browser.close()
            self.playwright.stop()
        finally:
            self.server.stop()
            shutil.rmtree(self.data_dir, ignore_errors=True)
            shutil.rmtree(self.notebooks, ignore_errors=True)


def start(notebooks: Path, peer_kernels: list[str]) -> Session:
    """One JupyterLab (serving ``notebooks``) and one Chromium for every case of a run."""
    from playwright.sync_api import sync_playwright

    data = peer_data_dir(peer_kernels)
    previous = os.environ.get("JUPYTER_PATH")
    os.environ["JUPYTER_PATH"] = os.pathsep.join(p for p in (str(data), previous) if p)
    try:
        server = harness.start_jupyter_server([notebooks])
    finally:
        if previous is None:
            os.environ.pop("JUPYTER_PATH", None)
        else:
            os.environ["JUPYTER_PATH"] = previous
    pw = sync_playwright().start()
    browser = harness.launch_chromium(pw)
    return Session(server, browser, pw, data, notebooks)


# --------------------------------------------------------------------------------------------
# In-page probe: input event -> DOM shows the expected text -> next animation frame
# --------------------------------------------------------------------------------------------

# Timing starts at the trusted input event's timeStamp (captured on window, before any handler
# of the page). A MutationObserver on `root` waits until the root's text contains `expect`
# (the next task's marker: clearing the old task does not count); the figure is the time of
# the next requestAnimationFrame callback, i.e. the frame that paints the change. `post` is the
# first task after that frame (a MessageChannel message), i.e. after the frame was produced.
PROBE_JS = """
([rootSelector, events]) => {
  const old = window.__lwProbe;
  if (old) old.dispose();
  const root = rootSelector === '@panel' ? window.__lwPanel.node
                                          : document.querySelector(rootSelector);
  if (!root) return 'no root ' + rootSelector;
  const st = {lat: [], post: [], handler: [], expect: null, t0: null, seen: false, armed: false,
              waiters: []};
  const wake = () => {
    st.waiters = st.waiters.filter(([ok, resolve]) => (ok() ? (resolve(true), false) : true));
  };
  // Resolves when ok() holds: checked on every DOM change and sample, never by polling, so
  // waiting adds no work to the frames being measured.
  st.until = (ok, ms) => new Promise((resolve, reject) => {
    if (ok()) return resolve(true);
    st.waiters.push([ok, resolve]);
    setTimeout(() => reject(new Error('probe wait timed out')), ms);
  });
  function check() {
    if (st.t0 === null || st.seen || st.expect === null) return;
    if (!root.textContent.includes(st.expect)) return;
    st.seen = true;
    const t0 = st.t0;
    st.handler.push(performance.now() - t0);
    requestAnimationFrame(() => {
      st.lat.push(performance.now() - t0);
      const ch = new MessageChannel();
      ch.port1.onmessage = () => { st.post.push(performance.now() - t0); wake(); };
      ch.port2.postMessage(0);
      st.t0 = null;
    });
  }
  const obs = new MutationObserver(() => { check(); if (st.waiters.length) wake(); });
  obs.observe(root, {subtree: true, childList: true, characterData: true, attributes: true});
  function onInput(e) {
    if (!st.armed || !e.isTrusted) return;
    if (e.type === 'keydown' && st.key && e.key !== st.key) return;
    st.armed = false;
    st.seen = false;
    st.t0 = e.timeStamp;
  }
  for (const type of events) window.addEventListener(type, onInput, true);
  st.arm = (expect, key) => { st.expect = expect; st.key = key || null; st.armed = true; };
  st.dispose = () => {
    obs.disconnect();
    for (const type of events) window.removeEventListener(type, onInput, true);
  };
  window.__lwProbe = st;
  return 'ok';
}
"""


def install_probe(page, root: str, events: list[str]) -> None:
    state = page.evaluate(PROBE_JS, [root, events])
    if state != "ok":
        raise harness.HarnessError(state)


def arm(page, expect: str, key: str | None = None) -> None:
    page.evaluate("([e, k]) => window.__lwProbe.arm(e, k)", [expect, key])


def wait_sample(page, n: int, timeout_ms: float = 10_000) -> None:
    """Wait until the probe holds ``n`` post-frame samples (an in-page promise: Playwright's
    own waits poll the page every frame, which would load the frames being measured)."""
    page.evaluate(
        "([n, ms]) => window.__lwProbe.until(() => window.__lwProbe.post.length >= n, ms)",
        [n, timeout_ms],
    )


def wait_selector(page, selector: str, timeout_ms: float = 30_000) -> None:
    """Wait until ``selector`` matches inside the probe's root (checked on DOM changes)."""
    page.evaluate(
        "([s, ms]) => window.__lwProbe.until(() => document.querySelector(s) !== null, ms)",
        [selector, timeout_ms],
    )


KERNEL_QUIET_JS = """
([quietMs, timeoutMs]) => new Promise((resolve, reject) => {
  const start = performance.now();
  let idleSince = null;
  const tick = () => {
    const k = window.__lwPanel.sessionContext.session.kernel;
    const now = performance.now();
    if (k.status === 'idle') idleSince = idleSince ?? now; else idleSince = null;
    if (idleSince !== null && now - idleSince >= quietMs) return resolve(true);
    if (now - start > timeoutMs) return reject(new Error('kernel never went quiet'));
    setTimeout(tick, 10);
  };
  tick();
})
"""


def wait_kernel_quiet(page, quiet_ms: float = 60, timeout_ms: float = 30_000) -> None:
    """Wait until the notebook's kernel has been idle for ``quiet_ms`` (checked with timers in
    the page, not per frame), so the answers to earlier input do not land in a measured frame."""
    page.evaluate(KERNEL_QUIET_JS, [quiet_ms, timeout_ms])


def samples(page) -> dict[str, list[float]]:
    return page.evaluate(
        "() => ({lat: window.__lwProbe.lat, post: window.__lwProbe.post,"
        " handler: window.__lwProbe.handler})"
    )


# --------------------------------------------------------------------------------------------
# Figures
# --------------------------------------------------------------------------------------------


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank-with-interpolation percentile (same as numpy's default 'linear')."""
    xs = sorted(values)
    if not xs:
        return float("nan")
    pos = (len(xs) - 1) * q / 100
    lo = int(pos)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)


def summary(values: list[float]) -> dict[str, float]:
    return {
        "n": len(values),
        "p50": percentile(values, 50),
        "p95": percentile(values, 95),
        "mean": statistics.fmean(values) if values else float("nan"),
        "max": max(values) if values else float("nan"),
        "within_frame": (sum(v <= FRAME_MS for v in values) / len(values)) if values else 0.0,
    }


def machine() -> dict[str, str]:
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        chromium = subprocess.run([harness.CHROMIUM_PATH, "--version"], capture_output=True,
                                  text=True, timeout=30).stdout.strip()
    except Exception:
        chromium = "?"
    import importlib.metadata as md

    versions = {}
    for name in ("jupyterlab", "ipywidgets", "anywidget", "pandas", "playwright"):
        with contextlib.suppress(md.PackageNotFoundError):
            versions[name] = md.version(name)
    return {
        "cpu": f"{cpu}, {os.cpu_count()} cores",
        "python": platform.python_version(),
        "chromium": chromium,
        "load_average": " ".join(f"{x:.1f}" for x in os.getloadavg()),
        **versions,
    }


def git_head() -> str:
    done = subprocess.run(["git", "-C", str(REPO_ROOT), "rev-parse", "--short", "HEAD"],
                          capture_output=True, text=True)
    dirty = subprocess.run(["git", "-C", str(REPO_ROOT), "status", "--porcelain", "--",
                            "labelwidget", "js"], capture_output=True, text=True).stdout.strip()
    note = " (+ uncommitted changes in labelwidget/ or js/)" if dirty else ""
    return done.stdout.strip() + note


def now() -> float:
    return time.perf_counter()
