"""Where Label Studio's template corpus lives: ../shared/ls-templates beside the repository
(DESIGN.md), or $LABELWIDGET_TEMPLATES, or this workplace's /work/shared/ls-templates when the
repository was cloned elsewhere (CI clones it to a fresh directory)."""

import os
from pathlib import Path

_CANDIDATES = [
    os.environ.get("LABELWIDGET_TEMPLATES"),
    Path(__file__).resolve().parent.parent.parent / "shared" / "ls-templates",
    "/work/shared/ls-templates",
]


def templates_dir() -> Path:
    """The first existing candidate (the beside-the-repo path when none exists, so tests that
    need the corpus fail naming it)."""
    for candidate in _CANDIDATES:
        if candidate and Path(candidate).is_dir():
            return Path(candidate)
    return Path(_CANDIDATES[1])
