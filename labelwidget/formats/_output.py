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
    if target.is_dir():
        raise IsADirectoryError(f"export path {str(target)!r} is a directory; give the path of "
                                f"a file in it, e.g. {str(target / 'export.json')!r}")
    _make_folder(target.parent)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        if binary:
            handle = os.fdopen(fd, "wb")
        else:
            handle = os.fdopen(fd, "w", encoding="utf-8", newline=newline)
        with handle:
            yield handle
        os.replace(tmp, target)
    except UnicodeEncodeError as exc:  # a lone surrogate that got past the checks
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise ValueError(f"{str(target)!r} was not written: a text holds a lone surrogate "
                         f"({exc.object[exc.start:exc.end]!a}), which no file can hold; "
                         "nothing was written") from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


@contextlib.contextmanager
def atomic_dir(path: str | os.PathLike) -> Iterator[Path]:
    """A temporary directory next to ``path``; on success its files are moved into ``path``
    (created if needed; files of the same name are replaced, other files are left alone)."""
    target = Path(path)
    if target.exists() and not target.is_dir():
        raise NotADirectoryError(f"export folder {str(target)!r} is a file; give the path of a "
                                 "folder (it is created if missing)")
    _make_folder(target.parent)
    # os.mkdir (not mkdtemp, which makes it private) so a renamed folder has usual permissions
    tmp = target.parent / f".{target.name}.{uuid.uuid4().hex[:12]}.tmp"
    os.mkdir(tmp)
    try:
        yield tmp
        _refuse_clashes(tmp, target)  # before anything moves: all or nothing
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


def _make_folder(folder: Path) -> None:
    """Create ``folder`` (and parents), or say which part of its path is a file."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        blocker = next((p for p in [folder, *folder.parents] if p.exists() and not p.is_dir()),
                       folder)
        raise NotADirectoryError(f"cannot export into {str(folder)!r}: {str(blocker)!r} is a "
                                 "file, not a folder") from None


def _refuse_clashes(source: Path, target: Path) -> None:
    """A file of the export where the target folder has a folder (or the reverse) would stop
    the merge half way; find it first."""
    if not target.is_dir():
        return
    for entry in os.scandir(source):
        dest = target / entry.name
        if not dest.exists():
            continue
        if entry.is_dir(follow_symlinks=False):
            if not dest.is_dir():
                raise NotADirectoryError(f"cannot export into {str(target)!r}: {str(dest)!r} "
                                         "is a file where the export writes a folder; nothing "
                                         "was written")
            _refuse_clashes(Path(entry.path), dest)
        elif dest.is_dir():
            raise IsADirectoryError(f"cannot export into {str(target)!r}: {str(dest)!r} is a "
                                    "folder where the export writes a file; nothing was "
                                    "written")
