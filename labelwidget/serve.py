"""``labelwidget serve``: the labeling widget as a web app for people who do not run notebooks.

``labelwidget serve CONFIG.xml DATA --store URL [--overlap N] [--port P]`` starts Voila (the
standard Jupyter widget server) on a small generated notebook. Each browser page gets its own
kernel, asks for the annotator's name (or takes ``?annotator=name`` from the URL) and shows the
same Annotator as in a notebook, on the same store, with the same keys. With a shared store the
tasks are shared out among whoever opens the page (``--overlap``).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

from .formats.task_files import FORMATS, TaskFileError, read_tasks

__all__ = ["FORMATS", "ServeError", "TaskFileError", "read_tasks", "serve", "spec"]

SPEC_ENV = "LABELWIDGET_SERVE_SPEC"

_NOTEBOOK_SOURCE = "from labelwidget.serve import page\n\npage()\n"


class ServeError(TaskFileError):
    """What is wrong with the arguments of ``labelwidget serve``, in one sentence."""


def spec(config: str, data: str, store: str, overlap: Any = 1, lease: float = 300.0) -> dict:
    """Check the arguments before any server starts; the spec the served pages read."""
    from .config import parse_config

    config_path = Path(config)
    if not config_path.is_file():
        raise ServeError(f"no labeling config at {config_path}")
    parsed = parse_config(config_path)  # a ConfigError names line, tag and attribute
    read_tasks(data, parsed)  # a DataError names row and column
    if not store:
        raise ServeError("--store is needed: the app keeps every annotation in a store "
                         "(a path, sqlite:///path or postgresql://...)")
    if overlap != "all":
        try:
            overlap = int(overlap)
        except ValueError:
            raise ServeError(f'--overlap takes a number of annotators or "all", not '
                             f"{overlap!r}") from None
    return {"config": str(config_path.resolve()), "data": str(Path(data).resolve()),
            "store": store if "://" in store else str(Path(store).resolve()),
            "overlap": overlap, "lease": float(lease)}


def page() -> None:
    """The served notebook's one cell: ask for a name (or read ?annotator=), then label."""
    import ipywidgets as ipw
    from IPython.display import display

    served = json.loads(os.environ[SPEC_ENV])
    query = parse_qs(os.environ.get("QUERY_STRING", ""))
    name = (query.get("annotator") or [""])[0].strip()
    if name:
        # Displayed directly, not through an Output widget: Voila runs this cell on the server
        # and its executor captures an Output widget's messages; we saw a page stay "Running ..."
        # for good with the Annotator already built (kernel and server both idle).
        display(*_start(served, name))
        return
    out = ipw.Output()
    box = ipw.Text(placeholder="your name", description="Annotator:")
    go = ipw.Button(description="Start labeling", button_style="primary")
    problem = ipw.HTML()
    form = ipw.VBox([ipw.HTML("<b>Who is labeling?</b> Your name goes with every annotation."),
                     ipw.HBox([box, go]), problem], _dom_classes=["lw-serve-login"])

    def start(_=None):
        who = box.value.strip()
        if not who:
            problem.value = "Type your name first."
            return
        form.layout.display = "none"
        with out:
            display(*_start(served, who))

    go.on_click(start)
    box.on_submit(start)  # Enter in the name field starts too
    display(form, out)


def _start(served: dict, who: str) -> list:
    """The widgets of a labeling page for ``who``: the Annotator, or what stops it, in words."""
    import html

    import ipywidgets as ipw

    from .annotator import Annotator
    from .store import StoreError

    try:
        df = read_tasks(served["data"], Path(served["config"]).read_text("utf-8"))
        ann = Annotator(df, Path(served["config"]), store=served["store"], annotator=who,
                        overlap=served["overlap"], lease=served["lease"])
    except (StoreError, ValueError) as exc:
        return [ipw.HTML(f"<p class='lw-error'>{html.escape(str(exc))}</p>")]
    return [ipw.HTML(f"Labeling as <b>{html.escape(who)}</b>"), ann.widget]


def serve(config: str, data: str, store: str, *, overlap: Any = 1, lease: float = 300.0,
          port: int = 8866, ip: str = "127.0.0.1", open_browser: bool = False) -> int:
    """Run the app until interrupted; returns Voila's exit code."""
    if shutil.which("voila") is None and not _voila_importable():
        raise ServeError("labelwidget serve needs Voila: pip install 'labelwidget[serve]'")
    served = spec(config, data, store, overlap, lease)
    folder = Path(tempfile.mkdtemp(prefix="labelwidget-serve-"))
    notebook = folder / "labelwidget.ipynb"
    notebook.write_text(json.dumps({
        "cells": [{"cell_type": "code", "execution_count": None, "metadata": {},
                   "outputs": [], "source": _NOTEBOOK_SOURCE}],
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3",
                                    "language": "python"}},
        "nbformat": 4, "nbformat_minor": 5}))
    env = {**os.environ, SPEC_ENV: json.dumps(served)}
    cmd = [sys.executable, "-m", "voila", str(notebook), f"--port={port}", f"--Voila.ip={ip}",
           "--show_tracebacks=False", "--theme=light"]
    if not open_browser:
        cmd.append("--no-browser")
    try:
        return subprocess.call(cmd, env=env, cwd=folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _voila_importable() -> bool:
    try:
        import voila  # noqa: F401
    except ImportError:
        return False
    return True
