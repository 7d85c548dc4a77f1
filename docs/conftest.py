"""Runs every Python block of the docs pages as a test (Sybil), in page order.

The blocks of one page share a namespace, as the cells of a notebook would, and run in a
directory of their own, so the stores and files an example writes never touch the repository.
"""

from __future__ import annotations

import os
import shutil
import tempfile

from sybil import Sybil
from sybil.parsers.markdown import PythonCodeBlockParser, SkipParser


def _enter_scratch_directory(namespace: dict) -> None:
    namespace["__docs_cwd__"] = os.getcwd()
    namespace["__docs_dir__"] = tempfile.mkdtemp(prefix="labelwidget-docs-")
    os.chdir(namespace["__docs_dir__"])


def _leave_scratch_directory(namespace: dict) -> None:
    os.chdir(namespace["__docs_cwd__"])
    from labelwidget import Annotator

    for value in namespace.values():
        if isinstance(value, Annotator):
            value.close()  # releases its store before the directory goes
    shutil.rmtree(namespace["__docs_dir__"], ignore_errors=True)


pytest_collect_file = Sybil(
    parsers=[PythonCodeBlockParser(), SkipParser()],
    patterns=["*.md"],
    setup=_enter_scratch_directory,
    teardown=_leave_scratch_directory,
).pytest()
