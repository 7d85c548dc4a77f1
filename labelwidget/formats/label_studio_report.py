"""What a Label Studio import reports: the tasks read (:class:`LabelStudioImport`), each
problem by task, annotation and result (:class:`ImportIssue`), and the error and warning that
list them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from .label_studio_results import MAX_LISTED


@dataclass(frozen=True)
class ImportIssue:
    """One problem of a Label Studio file: which task, annotation/prediction and result."""

    task: Any  # the task's id, or None when it has none
    position: int  # index of the task in the file
    where: str | None  # "annotation 0", "prediction 1", or None for the task itself
    result: int | None  # index of the result item
    message: str

    def __str__(self) -> str:
        parts = [f"task {self.task!r}" if self.task is not None
                 else f"task #{self.position} (no id)"]
        if self.where:
            parts.append(self.where)
        if self.result is not None:
            parts.append(f"result {self.result}")
        return ", ".join(parts) + f": {self.message}"


class LabelStudioImportError(ValueError):
    """Everything wrong with a Label Studio file, raised at once; nothing was imported."""

    def __init__(self, issues: list[ImportIssue] | str, total: int | None = None):
        if isinstance(issues, str):
            self.issues: list[ImportIssue] = []
            super().__init__(issues)
            return
        self.issues = list(issues)
        total = len(self.issues) if total is None else total
        lines = [f"  {issue}" for issue in self.issues[:MAX_LISTED]]
        if total > MAX_LISTED:
            lines.append(f"  ... and {total - MAX_LISTED} more")
        noun = "problem" if total == 1 else "problems"
        super().__init__(
            f"the Label Studio tasks have {total} {noun}; nothing was imported "
            "(errors='skip' imports the other tasks and reports these):\n" + "\n".join(lines)
        )


class LabelStudioImportWarning(UserWarning):
    """``errors="skip"`` left tasks out; the message lists them."""


@dataclass
class LabelStudioImport:
    """What :func:`read_label_studio` found.

    ``df``: one row per task (index = task id), data columns, then one column per control.
    ``meta``: task id -> annotation metadata (``completed_by``, ``created_at``, ``updated_at``,
    ``lead_time``, ``was_cancelled``, ``id``, ``result_ids`` and any other field of the
    annotation, plus ``task_fields``: the task's own fields such as ``agreement``); pass it
    back as ``to_label_studio(df, config, meta=...)`` or to the other exports to reproduce them.
    ``predictions``: task id -> list of ``{"values": {control: cell}, "model_version", "score",
    ...}`` (the ``predictions=`` argument of ``to_label_studio``).
    ``skipped``: the problems of the tasks left out with ``errors="skip"`` (else empty).
    """

    df: pd.DataFrame
    meta: dict[Any, dict] = field(default_factory=dict)
    predictions: dict[Any, list[dict]] = field(default_factory=dict)
    skipped: list[ImportIssue] = field(default_factory=list)

    @property
    def skipped_tasks(self) -> list:
        """Ids (or ``#position`` for tasks without id) of the tasks left out."""
        seen: dict = {}
        for issue in self.skipped:
            key = issue.task if issue.task is not None else f"#{issue.position}"
            seen.setdefault(key, None)
        return list(seen)
