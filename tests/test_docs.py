"""The docs site builds offline and its Python examples are clean.

The examples themselves run as tests through docs/conftest.py (Sybil); here the site is built
the way a reader builds it, and the blocks go through ruff with the project's own rules.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
PYTHON_BLOCK = re.compile(r"^```python\n(.*?)^```$", re.S | re.M)
# An asset the page loads from elsewhere (a script, a stylesheet, a font, an image): the site
# must render with no network.
REMOTE_ASSET = re.compile(r"""<(?:script|link|img)\b[^>]*\b(?:src|href)=["'](?:https?:)?//""")


def nav_pages(nav) -> list[str]:
    pages = []
    for entry in nav:
        for value in entry.values() if isinstance(entry, dict) else [entry]:
            pages += nav_pages(value) if isinstance(value, list) else [value]
    return pages


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("site")
    log = out.parent / "mkdocs.log"
    with log.open("w") as f:
        done = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
            cwd=ROOT, stdout=f, stderr=subprocess.STDOUT, timeout=120,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
    assert done.returncode == 0, log.read_text()
    return out


def test_every_page_in_the_nav_is_built(site):
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text())
    pages = nav_pages(config["nav"])
    assert len(pages) >= 2
    for page in pages:
        html = site / Path(page).with_suffix(".html")
        assert html.is_file(), f"{page} was not built"
        # A page's own heading is in its HTML: the page was rendered, not left empty.
        heading = re.search(r"^# (.+)$", (DOCS / page).read_text(), re.M).group(1)
        assert f">{heading}<" in html.read_text().replace("<code>", "").replace("</code>", "")


def test_every_page_is_in_the_nav():
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text())
    assert sorted(nav_pages(config["nav"])) == sorted(p.name for p in DOCS.glob("*.md"))


def test_the_site_loads_nothing_from_the_network(site):
    pages = list(site.rglob("*.html"))
    assert pages
    for page in pages:
        remote = REMOTE_ASSET.findall(page.read_text())
        assert not remote, f"{page.relative_to(site)} loads {remote}"


def test_the_site_has_no_test_harness(site):
    assert not [p for p in site.rglob("*") if p.suffix in {".py", ".pyc"}]


@pytest.mark.parametrize("page", sorted(p.name for p in DOCS.glob("*.md")))
def test_python_examples_pass_ruff(page):
    blocks = PYTHON_BLOCK.findall((DOCS / page).read_text())
    # One notebook cell per block: ruff then reads each block's last line as a cell's output,
    # as a reader of the page would, and imports at the top of a later block are fine.
    notebook = {
        "cells": [
            {"cell_type": "code", "metadata": {}, "source": block, "outputs": [],
             "execution_count": None}
            for block in blocks
        ],
        "metadata": {"language_info": {"name": "python"}},
        "nbformat": 4, "nbformat_minor": 5,
    }
    done = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--stdin-filename", f"docs/{page}.ipynb", "-"],
        cwd=ROOT, input=json.dumps(notebook), capture_output=True, text=True, timeout=60,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_api_page_names_every_public_name():
    import labelwidget as lw

    page = (DOCS / "api.md").read_text()
    members = [name for name in dir(lw.Annotator) if not name.startswith("_")]
    def named(prefix: str, name: str) -> bool:
        return re.search(rf"`{prefix}\.{name}(?!\w)", page) is not None

    missing = [f"lw.{name}" for name in lw.__all__ if not named("lw", name)]
    missing += [f"ann.{name}" for name in members if not named("ann", name)]
    assert not missing, f"docs/api.md does not name {missing}"
