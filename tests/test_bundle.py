"""The shipped front-end bundles are exactly what js/ builds (a stale bundle cannot land)."""

import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_bundles_match_sources():
    node = shutil.which("node")
    assert node, "node is needed to check the bundles (the README's test command installs it)"
    assert (ROOT / "node_modules" / "esbuild").exists(), "run `npm ci` first (README test command)"
    run = subprocess.run([node, "js/build.mjs", "--check"], cwd=ROOT, capture_output=True,
                         text=True, timeout=120)
    assert run.returncode == 0, run.stderr + run.stdout


def test_every_widget_module_has_its_bundle():
    sources = {p.stem for p in (ROOT / "js").glob("*.js") if not p.name.startswith("_")}
    sources.discard("build")
    shipped = {p.stem for p in (ROOT / "labelwidget" / "static").glob("*.js")}
    assert sources <= shipped
