"""Reading task data cells for display."""

from __future__ import annotations

from ..values import is_missing, text_of

__all__ = ["cell_name", "empty_mark", "empty_problem", "is_missing", "text_of"]


def empty_mark(text: str, column: str | None) -> dict:
    """``{"empty": column}`` when a task's text from ``column`` is empty (NaN, None, blank):
    the widget then says the cell is empty and refuses to submit it as done, instead of
    showing a blank task that looks read and labeled. Literal text (no column) never is."""
    return {"empty": column} if column is not None and not text.strip() else {}


def empty_problem(tag, row) -> str | None:
    """Why a Text/HyperText task cannot be submitted as done: its cell is empty (the
    Annotator refuses the submit, as for an image that cannot be shown)."""
    if tag.column is None:
        return None
    value = row.get(tag.column)
    items = value if isinstance(value, (list, tuple)) else [value]
    if "".join(text_of(v) for v in items).strip():
        return None
    return f"the {tag.column!r} cell is empty"


def cell_name(column: str | None, row, tag=None) -> str:
    """How a message names a task's data cell: its column and, when known, its row (task id)."""
    if column is None:
        return f'<{tag.tag_name} name="{tag.name}">' if tag is not None else "the literal value"
    task = getattr(row, "name", None)
    return f"the {column!r} cell of task {task!r}" if task is not None else f"the {column!r} cell"
