"""Writing export files all-or-nothing: into a temporary sibling, moved into place on success."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def atomic_file(path: str | os.PathLike, *, newline: str | None = None,
                binary: bool = False) -> Iterator:
    """Open a temporary file next to ``path``; it replaces ``path`` only if the block succeeds."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        if binary:
            handle = os.fdopen(fd, "wb")
        else:
            handle = os.fdopen(fd, "w", encoding="utf-8", newline=newline)
        with handle:
            yield handle
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


@contextlib.contextmanager
def atomic_dir(path: str | os.PathLike) -> Iterator[Path]:
    """A temporary directory next to ``path``; on success its files are moved into ``path``
    (created if needed; files of the same name are replaced, other files are left alone)."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    # os.mkdir (not mkdtemp, which makes it private) so a renamed folder has usual permissions
    tmp = target.parent / f".{target.name}.{uuid.uuid4().hex[:12]}.tmp"
    os.mkdir(tmp)
    try:
        yield tmp
        _merge(tmp, target)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _merge(source: Path, target: Path) -> None:
    if not target.exists():
        os.replace(source, target)  # one rename for a whole new folder
        return
    for entry in os.scandir(source):
        dest = target / entry.name
        if entry.is_dir(follow_symlinks=False):
            _merge(Path(entry.path), dest)
        else:
            os.replace(entry.path, dest)
