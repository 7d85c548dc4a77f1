"""Every check the repository has runs with the test suite: the README's one test command is CI.

Each check is a tool with its own exit code; a failure shows the tool's own report.
"""

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _run(args, timeout=300):
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=timeout)


def test_ruff_finds_nothing():
    # Python files and notebooks alike (ruff reads .ipynb); rules and explained ignores are in
    # pyproject.toml.
    run = _run([sys.executable, "-m", "ruff", "check", "--output-format", "concise", "."])
    assert run.returncode == 0, run.stdout + run.stderr


def test_node_tests_of_the_front_end_pass():
    node = shutil.which("node")
    assert node, "node is needed for js/tests (the README's test command installs the tools)"
    run = _run([node, "--test", "js/tests/"])
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
    # node --test exits 0 when it finds no test file at all: a run must have run tests.
    assert "# pass 0" not in run.stdout and "# pass" in run.stdout, run.stdout[-2000:]


def test_import_layers_are_kept():
    # Contracts and their reasons are in pyproject.toml ([tool.importlinter]); --no-cache keeps
    # the checkout clean.
    script = Path(sys.executable).with_name("lint-imports")
    assert script.exists(), f"import-linter is needed (the test extra installs it): no {script}"
    run = _run([str(script), "--no-cache"])
    report = run.stdout + run.stderr
    assert run.returncode == 0, report
    # Every contract declared was checked (a config that lost its contracts would check none).
    declared = (ROOT / "pyproject.toml").read_text().count("[[tool.importlinter.contracts]]")
    assert declared and f"Contracts: {declared} kept, 0 broken." in report, report


def test_front_end_types_check():
    # js/*.js carry JSDoc types; tsc checks them without emitting anything (tsconfig.json).
    tsc = ROOT / "node_modules" / ".bin" / "tsc"
    assert tsc.exists(), "typescript is needed (`npm ci` installs it, as the README says)"
    run = _run([str(tsc), "-p", "tsconfig.json"])
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-2000:]
    # Every front-end module is in the check: a tsconfig that matched no file would pass.
    listed = _run([str(tsc), "-p", "tsconfig.json", "--listFilesOnly"]).stdout.splitlines()
    checked = {Path(line).resolve() for line in listed}
    modules = sorted((ROOT / "js").glob("*.js"))
    assert modules and [m for m in modules if m.resolve() not in checked] == []
    for module in modules:
        assert module.read_text().startswith("// @ts-check\n"), f"{module.name}: no // @ts-check"
