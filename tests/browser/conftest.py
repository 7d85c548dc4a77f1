"""Fixtures for the real-browser tests (JupyterLab + Debian Chromium + Playwright).

Fixtures
--------
``jupyter_server`` (session)  -> harness.JupyterServer: ``.url``, ``.root_dir``, ``.api(...)``.
``chromium_browser`` (session) -> a Playwright Browser (Debian Chromium, headless).
``lab`` (function)             -> harness.Lab: one fresh page; see harness.py for its methods.
``notebook7`` (function)       -> harness.Lab on a Notebook 7 server (started on first use).

Each test gets its own page and, after it, every kernel is shut down and the workspace is
forgotten, so tests do not share kernel state. The server and browser are shared by the session.
Notebooks served are temp copies of ``notebooks/`` and ``tests/browser/notebooks/*.ipynb``.

Every test in this directory carries the ``browser`` marker. If Chromium is missing the tests
fail (they are never skipped): install it with ``apt-get install -y chromium``.
"""

from __future__ import annotations

import contextlib
import re
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:  # tests import it as `harness`, whatever pytest's import mode
    sys.path.insert(0, str(HERE))

import harness  # noqa: E402


def pytest_collection_modifyitems(config, items):
    for item in items:
        if HERE in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    # Keep each phase's report on the item so `lab` can screenshot failures at teardown.
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"_lw_report_{report.when}", report)


@pytest.fixture(scope="session")
def jupyter_server():
    """One ``jupyter lab`` for the whole session, in a temp dir; stopped at the end."""
    server = harness.start_jupyter_server([HERE / "notebooks"])
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def chromium_browser():
    """One headless Debian Chromium for the whole session. Fails (not skips) if missing."""
    problem = harness.chromium_problem()
    if problem:
        pytest.fail(problem, pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = harness.launch_chromium(pw)
        try:
            yield browser
        finally:
            browser.close()


def _page_on(server, browser, request, **page_options):
    """A fresh page on ``server``; after the test, a screenshot if it failed, then every kernel
    shut down and the workspace forgotten. ``page_options`` go to ``harness.Lab``."""
    page = harness.Lab(server, browser, **page_options)
    try:
        yield page
    finally:
        call = getattr(request.node, "_lw_report_call", None)
        if call is not None and call.failed:
            safe = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.nodeid)
            with contextlib.suppress(Exception):
                page.screenshot(f"FAILED-{safe}")
        page.close()
        server.shutdown_all_sessions()
        server.reset_workspaces()


@pytest.fixture
def lab(request, chromium_browser, jupyter_server):
    """A fresh page on the shared server. Open a notebook with ``lab.open_notebook(name)``."""
    yield from _page_on(jupyter_server, chromium_browser, request)


@pytest.fixture(scope="session")
def notebook7_server():
    """One ``jupyter notebook`` (Notebook 7) for the session, started only when a test asks."""
    server = harness.start_jupyter_server([HERE / "notebooks"], app="notebook")
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def notebook7(request, chromium_browser, notebook7_server):
    """A fresh page on the Notebook 7 server; the same methods as ``lab``."""
    yield from _page_on(notebook7_server, chromium_browser, request)


@pytest.fixture
def picture_lab(request, chromium_browser, jupyter_server):
    """Like ``lab``, on a fixed viewport at twice the pixel density: the README's pictures
    (test_pictures.py) stay the same between runs and sharp on high-density screens."""
    from pictures import SCALE, VIEWPORT

    yield from _page_on(jupyter_server, chromium_browser, request,
                        viewport=VIEWPORT, scale=SCALE)


@pytest.fixture(scope="session")
def pictures_dir(request, tmp_path_factory):
    """Where test_pictures.py writes its PNGs: ``--pictures DIR`` (regenerates the committed
    ones, e.g. docs/img), else a temporary directory (CI checks them without touching git)."""
    chosen = request.config.getoption("--pictures", default=None)
    if chosen:
        return (Path(request.config.invocation_params.dir) / chosen).resolve()
    return tmp_path_factory.mktemp("pictures")
