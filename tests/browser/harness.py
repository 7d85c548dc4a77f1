"""Real-browser test harness: a JupyterLab server plus Debian's Chromium driven by Playwright.

The pytest fixtures in ``conftest.py`` are thin wrappers around this module:

* :func:`start_jupyter_server` -> :class:`JupyterServer` (one per test session);
* :func:`launch_chromium` -> a Playwright ``Browser`` (one per test session);
* :class:`Lab` -> one browser page on that server (one per test).

A scenario usually reads::

    def test_click(lab):
        lab.open_notebook("harness_smoke.ipynb")
        lab.run_all()
        lab.page.locator(".widget-button").click()
        assert lab.wait_until_kernel("clicks['n'] == 1")
        lab.screenshot("click")

Facts behind the choices made here are in ``/work/shared/BROWSER_TESTING.md``.
"""

from __future__ import annotations

import contextlib
import functools
import http.cookiejar
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[2]
TEST_NOTEBOOKS_DIR = Path(__file__).resolve().parent / "notebooks"
SCREENSHOT_DIR = REPO_ROOT / "artifacts" / "screenshots"

CHROMIUM_PATH = "/usr/lib/chromium/chromium"
CHROMIUM_ARGS = [
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
VIEWPORT = {"width": 1400, "height": 1600}

# Settings written before the server starts: a quiet, deterministic page.
LAB_SETTINGS = {
    # No news / update toast covering widgets.
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
    # Every cell stays attached to the DOM.
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    # Tests never rewrite the notebook files.
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
}

_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


class HarnessError(RuntimeError):
    """The harness could not do what was asked (server, browser, notebook)."""


class KernelError(RuntimeError):
    """Code run in the notebook's kernel raised; the message carries the Python traceback."""

    def __init__(self, ename: str, evalue: str, traceback: list[str], code: str = ""):
        self.ename, self.evalue = ename, evalue
        self.traceback = [_ANSI.sub("", line) for line in traceback]
        where = f"\n--- code ---\n{code}" if code else ""
        tb = "\n".join(self.traceback)
        super().__init__(f"{ename}: {evalue}{where}\n--- traceback ---\n{tb}")


def strip_ansi(text: str) -> str:
    return _ANSI.sub("", text)


# --------------------------------------------------------------------------------------------
# Chromium
# --------------------------------------------------------------------------------------------


def chromium_problem() -> str | None:
    """Why the browser tests cannot run, or None when they can."""
    if not os.access(CHROMIUM_PATH, os.X_OK):
        return (
            f"Debian's Chromium is not installed at {CHROMIUM_PATH}; the browser tests need it. "
            "Install it with:  apt-get update && apt-get install -y chromium   "
            "(never `playwright install`: its download host is unreachable here)."
        )
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright for Python is missing: pip install playwright (no browser download)."
    return None


def launch_chromium(playwright) -> Any:
    """Launch headless Debian Chromium through an already started ``sync_playwright()``."""
    problem = chromium_problem()
    if problem:
        raise HarnessError(problem)
    return playwright.chromium.launch(
        executable_path=CHROMIUM_PATH, headless=True, args=list(CHROMIUM_ARGS)
    )


# --------------------------------------------------------------------------------------------
# JupyterLab server
# --------------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _descendants(pid: int) -> list[int]:
    """PIDs of all live descendants of ``pid``, read from /proc (kernels get their own session)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        # Field 4 (ppid) comes after the parenthesised command name, which may contain spaces.
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry))
    out, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            out.append(child)
            todo.append(child)
    return out


def server_env(config_dir: Path, runtime_dir: Path, **more: str) -> dict[str, str]:
    """The environment of a Jupyter server (Lab, Notebook 7, Voila) isolated from the user's
    Jupyter config, with this checkout importable in its kernels."""
    env = dict(os.environ)
    env.update(
        JUPYTER_CONFIG_DIR=str(config_dir),
        JUPYTER_RUNTIME_DIR=str(runtime_dir),
        **more,
        # labelwidget is pip-installed editable, but make the checkout importable regardless.
        PYTHONPATH=os.pathsep.join(p for p in (str(REPO_ROOT), env.get("PYTHONPATH")) if p),
        PYTHONUNBUFFERED="1",
    )
    return env


def spawn_logged(cmd: list[str], cwd: Path, env: dict[str, str] | None,
                 log_path: Path) -> subprocess.Popen:
    """Start ``cmd`` in its own process group (stopped whole by :func:`stop_group`). It and its
    kernels write to ``log_path``, never to a pipe nobody reads (a full pipe blocks)."""
    with log_path.open("wb") as log:
        return subprocess.Popen(
            cmd, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL, start_new_session=True,
        )  # fmt: skip


def stop_group(proc: subprocess.Popen, timeout: float = 10) -> None:
    """Stop ``proc``'s process group, then any kernel it left behind (by PID)."""
    leftovers = _descendants(proc.pid)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    for pid in leftovers:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(pid, signal.SIGKILL)


def wait_until_serving(probe_url: str, proc: subprocess.Popen, timeout: float) -> bool:
    """Poll ``probe_url`` until the server answers (True) or ``proc`` exits or ``timeout``
    seconds pass (False). Probe a path Voila does not serve: any answer (404 too) says it is up,
    while probing "/" would run the notebook in a new kernel per probe (and, under load, one
    more kernel for every probe that times out)."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            urllib.request.urlopen(probe_url, timeout=5).close()
            return True
        except urllib.error.HTTPError:
            return True
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                return False
            time.sleep(0.2)


def log_tail(log_path: Path, n: int = 40) -> str:
    """The last ``n`` lines of a server's log ("" when it cannot be read)."""
    try:
        return "\n".join(log_path.read_text(errors="replace").splitlines()[-n:])
    except OSError:
        return ""


@dataclass
class JupyterServer:
    """A running ``jupyter lab`` (or Notebook 7: ``app``); ``url`` ends without a slash,
    ``root_dir`` holds the notebooks."""

    url: str
    port: int
    root_dir: Path
    base_dir: Path  # temp dir holding config/runtime/settings/workspaces/root/log
    log_path: Path
    proc: subprocess.Popen = field(repr=False)
    app: str = "lab"  # a key of APPS

    def notebook_url(self, name: str) -> str:
        """The page that opens notebook ``name`` in this server's front end."""
        return self.url + APPS[self.app]["notebook_path"] + name

    @property
    def workspaces_dir(self) -> Path:
        return self.base_dir / "workspaces"

    @property
    def runtime_dir(self) -> Path:
        return self.base_dir / "runtime"

    def api(self, method: str, path: str, body: Any = None, timeout: float = 10) -> Any:
        """Call the server's REST API (``path`` like ``/api/sessions``); returns parsed JSON.

        Sends the ``_xsrf`` cookie and header the server requires for POST/PATCH/DELETE.
        """
        headers = {"Content-Type": "application/json"}
        if method != "GET":
            headers["X-XSRFToken"] = self._xsrf_token(timeout)
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.url + path, data=data, method=method, headers=headers)
        with self._opener.open(req, timeout=timeout) as resp:
            raw = resp.read()
        return json.loads(raw) if raw else None

    @functools.cached_property
    def _cookies(self) -> http.cookiejar.CookieJar:
        return http.cookiejar.CookieJar()

    @functools.cached_property
    def _opener(self) -> urllib.request.OpenerDirector:
        return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self._cookies))

    def _xsrf_token(self, timeout: float) -> str:
        for _ in range(2):
            for cookie in self._cookies:
                if cookie.name == "_xsrf":
                    return cookie.value
            # Any rendered page sets the _xsrf cookie.
            self._opener.open(self.url + APPS[self.app]["home"], timeout=timeout).close()
        raise HarnessError("the server did not set an _xsrf cookie")

    def shutdown_all_sessions(self) -> None:
        """Shut down every session and its kernel, so the next test starts a fresh kernel."""
        try:
            sessions = self.api("GET", "/api/sessions")
        except (urllib.error.URLError, OSError):
            return
        for s in sessions:
            with contextlib.suppress(urllib.error.URLError, OSError):
                self.api("DELETE", f"/api/sessions/{s['id']}", timeout=30)

    def reset_workspaces(self) -> None:
        """Forget open tabs, so the next page does not reopen (and start kernels for) old ones."""
        for p in self.workspaces_dir.glob("*"):
            with contextlib.suppress(OSError):
                p.unlink()

    def log_tail(self, n: int = 40) -> str:
        return log_tail(self.log_path, n)

    def stop(self, remove_files: bool = True) -> None:
        """Stop the server's process group, then any kernel it left behind (by PID).

        Then delete its temp dir (config, copied notebooks, log) unless ``remove_files=False``.
        """
        if self.proc.poll() is None:
            self.shutdown_all_sessions()
        stop_group(self.proc)
        if remove_files:
            shutil.rmtree(self.base_dir, ignore_errors=True)


def _copy_notebooks(root: Path, sources: list[Path]) -> None:
    """Copy ``notebooks/`` (whole tree) and the test notebooks into ``root``."""
    repo_nb = REPO_ROOT / "notebooks"
    # Stores and exports written by earlier notebook runs would change what the tests see.
    ignore = shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__", "*.sqlite*", "*.labels.*")
    if repo_nb.is_dir():
        shutil.copytree(repo_nb, root, ignore=ignore, dirs_exist_ok=True)
    for src_dir in sources:
        for nb in sorted(src_dir.glob("*.ipynb")):
            dest = root / nb.name
            if dest.exists():
                raise HarnessError(
                    f"{nb} has the same name as notebooks/{nb.name}: rename the test notebook"
                )
            shutil.copy2(nb, dest)


# The front ends one server process can be: JupyterLab, and Notebook 7 (the same shell pieces
# and `window.jupyterapp`, a page per notebook).
APPS = {
    "lab": {"module": "jupyterlab", "expose": "--LabApp.expose_app_in_browser=True",
            "notebook_path": "/lab/tree/", "home": "/lab"},
    "notebook": {"module": "notebook", "expose": "--JupyterNotebookApp.expose_app_in_browser=True",
                 "notebook_path": "/notebooks/", "home": "/tree"},
}


def start_jupyter_server(
    extra_notebook_dirs: list[Path] | None = None, startup_timeout: float = 60, app: str = "lab"
) -> JupyterServer:
    """Start ``jupyter lab`` (``app="notebook"``: ``jupyter notebook``) on 127.0.0.1 in an
    isolated temp dir; wait until it answers."""
    base = Path(tempfile.mkdtemp(prefix="labelwidget-browser-"))
    dirs = {name: base / name for name in ("config", "runtime", "settings", "workspaces", "root")}
    for d in dirs.values():
        d.mkdir()
    for rel, value in LAB_SETTINGS.items():
        path = dirs["settings"] / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(value))
    _copy_notebooks(dirs["root"], extra_notebook_dirs or [TEST_NOTEBOOKS_DIR])

    env = server_env(dirs["config"], dirs["runtime"],
                     JUPYTERLAB_SETTINGS_DIR=str(dirs["settings"]),
                     JUPYTERLAB_WORKSPACES_DIR=str(dirs["workspaces"]))
    port = free_port()
    cmd = [
        sys.executable, "-m", APPS[app]["module"],
        "--no-browser",
        f"--port={port}",
        "--ServerApp.port_retries=0",
        "--ServerApp.ip=127.0.0.1",
        "--IdentityProvider.token=",
        "--ServerApp.password=",
        "--allow-root",
        APPS[app]["expose"],
        f"--ServerApp.root_dir={dirs['root']}",
    ]  # fmt: skip
    log_path = base / "server.log"
    proc = spawn_logged(cmd, dirs["root"], env, log_path)
    server = JupyterServer(
        url=f"http://127.0.0.1:{port}", port=port, root_dir=dirs["root"], base_dir=base,
        log_path=log_path, proc=proc, app=app,
    )  # fmt: skip
    deadline = time.monotonic() + startup_timeout
    while True:
        if proc.poll() is not None:
            raise HarnessError(
                f"jupyter {app} exited with code {proc.returncode}:\n{server.log_tail()}"
            )
        try:
            server.api("GET", "/api/status", timeout=2)
            return server
        except (urllib.error.URLError, OSError, ValueError):
            pass
        if time.monotonic() > deadline:
            server.stop()
            raise HarnessError(
                f"jupyter {app} did not answer /api/status in {startup_timeout}s:\n"
                + server.log_tail()
            )
        time.sleep(0.1)


# --------------------------------------------------------------------------------------------
# One page on the server
# --------------------------------------------------------------------------------------------

# JavaScript run with page.evaluate. `window.__lwPanel` is the NotebookPanel opened by
# open_notebook (more robust than shell.currentWidget, which follows focus).
_JS_FIND_PANEL = """
async (path) => {
  const app = window.jupyterapp;
  if (!app) return 'no window.jupyterapp (expose_app_in_browser missing?)';
  await app.started; await app.restored;
  for (const w of app.shell.widgets('main')) {
    if (w.context && w.context.path === path && w.sessionContext) {
      window.__lwPanel = w;
      app.shell.activateById(w.id);
      return 'ok';
    }
  }
  return 'not open yet';
}
"""

_JS_KERNEL_STATE = """
() => {
  const p = window.__lwPanel;
  if (!p) return 'no-panel';
  const sc = p.sessionContext;
  const k = sc.session && sc.session.kernel;
  if (!k) return 'no-kernel';
  if (k.connectionStatus !== 'connected') return 'conn-' + k.connectionStatus;
  return k.status;
}
"""

_JS_RUN_ALL = """
async () => {
  const app = window.jupyterapp, p = window.__lwPanel;
  app.shell.activateById(p.id);
  await p.context.ready; await p.sessionContext.ready;
  await app.commands.execute('notebook:run-all-cells');
  return 'ok';
}
"""

_JS_CELL_STATE = """
() => {
  const cells = [];
  window.__lwPanel.content.widgets.forEach((cell, i) => {
    if (cell.model.type !== 'code') return;
    const errors = cell.model.outputs.toJSON().filter((o) => o.output_type === 'error');
    const empty = !cell.model.sharedModel.getSource().trim();
    cells.push({index: i, count: cell.model.executionCount, empty, errors});
  });
  return cells;
}
"""

_JS_KERNEL_EXEC = """
async ([code, timeoutMs]) => {
  const p = window.__lwPanel;
  const kernel = p.sessionContext.session.kernel;
  const future = kernel.requestExecute({code, silent: false, store_history: false,
                                        allow_stdin: false, stop_on_error: true});
  let stdout = '', stderr = '', error = null;
  future.onIOPub = (msg) => {
    const t = msg.header.msg_type, c = msg.content;
    if (t === 'stream') { if (c.name === 'stdout') stdout += c.text; else stderr += c.text; }
    else if (t === 'error') error = {ename: c.ename, evalue: c.evalue, traceback: c.traceback};
  };
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error('kernel_exec timed out after ' + timeoutMs + ' ms')),
                       timeoutMs);
  });
  try {
    const reply = await Promise.race([future.done, timeout]);
    if (!error && reply.content.status === 'error') {
      const c = reply.content;
      error = {ename: c.ename, evalue: c.evalue, traceback: c.traceback || []};
    }
  } finally { clearTimeout(timer); }
  return {stdout, stderr, error};
}
"""

_JS_RESTART = """
async () => {
  const p = window.__lwPanel;
  await p.sessionContext.restartKernel();
  return 'ok';
}
"""

_JSON_MARK = "<<labelwidget-harness-json>>"


@dataclass
class ConsoleEntry:
    type: str  # 'log', 'error', 'warning', ...
    text: str


@dataclass
class DialogEntry:
    type: str  # 'alert', 'confirm', 'prompt', 'beforeunload'
    message: str


class Lab:
    """One Playwright page on a JupyterLab server, plus helpers to drive a notebook.

    ``page`` is the Playwright page: use real mouse and keyboard on it. Everything the page
    logs is in ``console`` (and uncaught exceptions in ``page_errors``); every JavaScript
    dialog (alert/confirm/prompt) is recorded in ``dialogs`` and dismissed, so XSS tests can
    ``assert lab.dialogs == []``.
    """

    def __init__(self, server: JupyterServer, browser, default_timeout_ms: float = 30_000,
                 viewport: dict | None = None, scale: float = 1):
        self.server = server
        # ``scale`` is CSS px -> device px: 2 gives sharp pictures for high-density screens.
        self.context = browser.new_context(viewport=dict(viewport or VIEWPORT),
                                           device_scale_factor=scale)
        self.page = self.context.new_page()
        self.page.set_default_timeout(default_timeout_ms)
        self.console: list[ConsoleEntry] = []
        self.dialogs: list[DialogEntry] = []
        self.page_errors: list[str] = []
        self.notebook: str | None = None
        self.last_stderr = ""
        self.page.on("console", lambda m: self.console.append(ConsoleEntry(m.type, m.text)))
        self.page.on("pageerror", lambda e: self.page_errors.append(str(e)))
        self.page.on("dialog", self._on_dialog)

    def _on_dialog(self, dialog) -> None:
        self.dialogs.append(DialogEntry(dialog.type, dialog.message))
        with contextlib.suppress(Exception):
            dialog.dismiss()

    # -- notebook ---------------------------------------------------------------------------

    def open_notebook(self, name: str, timeout: float = 60) -> None:
        """Open notebook ``name`` (relative to the server root) in the server's front end
        (``/lab/tree/<name>``, Notebook 7: ``/notebooks/<name>``); wait for an idle kernel."""
        if not (self.server.root_dir / name).is_file():
            available = sorted(p.name for p in self.server.root_dir.glob("*.ipynb"))
            raise HarnessError(f"no notebook {name!r} in the server root; have {available}")
        self.notebook = name
        # Start the notebook's kernel on the server while the page boots (JupyterLab takes
        # seconds to load here); the page then joins that session instead of starting one.
        prestart = threading.Thread(target=self._prestart_session, args=(name,), daemon=True)
        prestart.start()
        self.page.goto(self.server.notebook_url(name), wait_until="domcontentloaded")
        deadline = time.monotonic() + timeout
        while True:
            try:
                state = self.page.evaluate(_JS_FIND_PANEL, name)
            except Exception as exc:  # the page may still be navigating / reloading
                if "context was destroyed" not in str(exc) and "navigat" not in str(exc):
                    raise
                state = f"page navigating ({exc})"
            if state == "ok":
                break
            self._accept_lab_dialogs()
            if time.monotonic() > deadline:
                raise HarnessError(f"notebook {name} did not open: {state}")
            time.sleep(0.1)
        self.wait_kernel_idle(timeout=max(1.0, deadline - time.monotonic()))
        prestart.join(timeout=max(1.0, deadline - time.monotonic()))

    def _prestart_session(self, name: str) -> None:
        try:
            meta = json.loads((self.server.root_dir / name).read_text()).get("metadata", {})
            kernel = meta.get("kernelspec", {}).get("name", "python3")
            body = {"path": name, "name": name, "type": "notebook", "kernel": {"name": kernel}}
            self.server.api("POST", "/api/sessions", body, timeout=60)
        except Exception:  # only a speed-up: otherwise the page starts the kernel itself
            pass

    def _accept_lab_dialogs(self) -> None:
        """Accept JupyterLab's own modal dialogs (kernel selection, restart, ...) if any."""
        buttons = self.page.locator(".jp-Dialog .jp-Dialog-button.jp-mod-accept")
        for _ in range(buttons.count()):
            with contextlib.suppress(Exception):
                buttons.first.click(timeout=2000)

    def kernel_state(self) -> str:
        """'idle', 'busy', 'starting', ..., or 'no-panel' / 'no-kernel' / 'conn-<status>'."""
        return self.page.evaluate(_JS_KERNEL_STATE)

    def wait_kernel_idle(self, timeout: float = 60, settle: float = 0.15) -> None:
        """Wait until the notebook's kernel is connected and has stayed idle for ``settle`` s."""
        self._require_notebook()
        deadline = time.monotonic() + timeout
        idle_since = None
        while True:
            state = self.kernel_state()
            now = time.monotonic()
            if state == "idle":
                idle_since = idle_since or now
                if now - idle_since >= settle:
                    return
            else:
                idle_since = None
                self._accept_lab_dialogs()
            if now > deadline:
                raise HarnessError(f"kernel not idle after {timeout}s (state: {state})")
            time.sleep(0.05)

    def run_all(self, timeout: float = 120, raise_on_error: bool = True) -> None:
        """Run all cells; wait until every code cell has executed and the kernel is idle.

        Raises :class:`KernelError` (with the cell's traceback) if a cell raised.
        """
        self._require_notebook()
        deadline = time.monotonic() + timeout
        self.page.evaluate(_JS_RUN_ALL)
        while True:
            cells = self.page.evaluate(_JS_CELL_STATE)
            for cell in cells:
                if cell["errors"] and raise_on_error:
                    e = cell["errors"][0]
                    raise KernelError(
                        e["ename"], e["evalue"], e.get("traceback", []),
                        code=f"(cell {cell['index']} of {self.notebook})",
                    )  # fmt: skip
            pending = [c["index"] for c in cells if c["count"] is None and not c["empty"]]
            if not pending:
                break
            if time.monotonic() > deadline:
                raise HarnessError(f"cells {pending} of {self.notebook} did not execute")
            time.sleep(0.1)
        self.wait_kernel_idle(timeout=max(1.0, deadline - time.monotonic()))

    def restart_kernel(self, timeout: float = 60) -> None:
        """Restart the notebook's kernel (no confirmation dialog) and wait until it is idle."""
        self._require_notebook()
        self.page.evaluate(_JS_RESTART)
        self._accept_lab_dialogs()
        self.wait_kernel_idle(timeout=timeout)

    # -- kernel -----------------------------------------------------------------------------

    def kernel_exec(self, code: str, timeout: float = 30) -> str:
        """Run ``code`` in the notebook's kernel; return its stdout. Raises KernelError."""
        self._require_notebook()
        res = self.page.evaluate(_JS_KERNEL_EXEC, [code, int(timeout * 1000)])
        self.last_stderr = res["stderr"]
        if res["error"]:
            e = res["error"]
            raise KernelError(e["ename"], e["evalue"], e["traceback"], code=code)
        return res["stdout"]

    def kernel_eval_json(self, expr: str, timeout: float = 30) -> Any:
        """Evaluate the Python expression ``expr`` in the kernel; return it via JSON."""
        code = (
            "import json as __lw_json\n"
            f"print({_JSON_MARK!r} + __lw_json.dumps({expr}, default=str))\n"
            "del __lw_json"
        )
        out = self.kernel_exec(code, timeout=timeout)
        return json.loads(out.rsplit(_JSON_MARK, 1)[1])

    def wait_until_kernel(self, expr: str, timeout: float = 10, interval: float = 0.05) -> Any:
        """Poll ``expr`` in the kernel until it is truthy; return its (JSON) value.

        Use after a click or drag whose effect reaches Python asynchronously.
        """
        deadline = time.monotonic() + timeout
        while True:
            value = self.kernel_eval_json(expr)
            if value:
                return value
            if time.monotonic() > deadline:
                raise AssertionError(f"kernel expression {expr!r} still {value!r} after {timeout}s")
            time.sleep(interval)

    # -- page -------------------------------------------------------------------------------

    def cell(self, index: int):
        """Locator of the ``index``-th cell (0-based, all cell types) of the open notebook."""
        return self.page.locator(".jp-NotebookPanel:visible .jp-Notebook .jp-Cell").nth(index)

    def screenshot(self, name: str, full_page: bool = False, locator=None) -> Path:
        """Save a PNG to ``artifacts/screenshots/<name>.png`` (of ``locator`` if given)."""
        SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOT_DIR / f"{name}.png"
        if locator is not None:
            locator.screenshot(path=str(path))
        else:
            self.page.screenshot(path=str(path), full_page=full_page)
        return path

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.context.close()

    def _require_notebook(self) -> None:
        if self.notebook is None:
            raise HarnessError("call lab.open_notebook(name) first")
