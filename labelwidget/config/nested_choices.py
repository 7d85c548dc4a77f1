"""``<Choices allowNested="true" value="$column">``: choices nested in the task's data.

Label Studio reads the options of such a Choices from the task (``[{"value", "html",
"children": [...]}]``), shows each child under its parent, and stores every chosen option as
its path from the topmost parent down to it: ``{"choices": [["People also ask", "Which is
bigger?"], ["Wikipedia page"]]}`` (its documentation of ``allowNested``). A parent and its
children are each choosable on their own. The cell follows the Choices rule with a path in
place of a text: ``choice="multiple"`` -> ``list[list[str]]``, single -> ``list[str]``.
"""

from __future__ import annotations

from typing import Any

from ..values import short


def option_tree(items: Any) -> list[dict]:
    """``[{"value", "label", "children"}]`` from a task's dynamic options cell (a list of
    dicts or texts); ``html`` and other keys are dropped (the value is what is stored)."""
    if items is None or isinstance(items, float):
        return []
    if isinstance(items, (str, dict)):
        items = [items]
    out = []
    for item in items:
        if isinstance(item, dict):
            value = str(item.get("value", ""))
            children = option_tree(item.get("children")) if item.get("children") else []
        else:
            value, children = str(item), []
        out.append({"value": value, "label": value, "children": children})
    return out


def tree_paths(tree: list[dict], prefix: tuple[str, ...] = ()) -> set[tuple[str, ...]]:
    """Every path of ``tree`` (a parent's own path included: it is choosable too)."""
    paths: set[tuple[str, ...]] = set()
    for node in tree:
        path = (*prefix, node["value"])
        paths.add(path)
        paths |= tree_paths(node["children"], path)
    return paths


def preselected(items: Any, prefix: tuple[str, ...] = ()) -> list[list[str]]:
    """Paths of the options the task marks ``"selected": true`` (Label Studio shows them
    chosen), depth first."""
    if not isinstance(items, list):
        return []
    out = []
    for item in items:
        if not isinstance(item, dict):
            continue
        path = (*prefix, str(item.get("value", "")))
        if item.get("selected") is True:
            out.append(list(path))
        out += preselected(item.get("children"), path)
    return out


def _is_path(value: Any) -> bool:
    return (isinstance(value, (list, tuple)) and bool(value)
            and all(isinstance(v, str) for v in value))


def check_paths(value: Any, multiple: bool, static: list[str],
                tree: list[dict] | None) -> Any:
    """``value`` as the cell of a nested Choices: a path (single) or a list of paths
    (multiple), each a path of the task's options when they are known (``tree``)."""
    if multiple:
        if _is_path(value):
            value = [value]
        if not isinstance(value, (list, tuple)) or not all(_is_path(p) for p in value):
            raise ValueError(f"expected a list of paths (lists of option values), "
                             f"got {short(value)}")
        paths = [list(p) for p in value]
    else:
        if isinstance(value, str):
            value = [value]
        if (isinstance(value, (list, tuple)) and len(value) == 1 and _is_path(value[0])):
            value = value[0]
        if not _is_path(value):
            raise ValueError(f"expected one path (a list of option values, topmost first), "
                             f"got {short(value)}")
        paths = [list(value)]
    if tree is not None:
        known = tree_paths(tree) | {(s,) for s in static}
        for path in paths:
            if tuple(path) not in known:
                top = sorted({p[0] for p in known})
                raise ValueError(f"{path!r} is not a path of this task's options "
                                 f"(topmost options: {', '.join(top)})")
    keys = [tuple(p) for p in paths]
    if len(set(keys)) != len(keys):
        raise ValueError(f"{paths!r} lists a path twice")
    return paths if multiple else paths[0]


def to_result(value: Any, multiple: bool) -> dict:
    paths = value if multiple else [value]
    return {"choices": [list(p) for p in paths]}


def from_result(payload: Any, multiple: bool) -> Any:
    choices = payload.get("choices") if isinstance(payload, dict) else None
    if choices is None:
        raise ValueError(f'expected a Label Studio value with a "choices" key, got '
                         f"{short(payload)}")
    # Label Studio writes paths; a flat choice (a config edited later) is a one-step path.
    paths = [[c] if isinstance(c, str) else c for c in choices] if isinstance(choices, list) \
        else None
    if paths is None or not all(_is_path(p) for p in paths) or (not multiple and len(paths) != 1):
        want = "a list of paths" if multiple else "a list of one path"
        raise ValueError(f"expected {want} in {short(payload)}")
    return [list(p) for p in paths] if multiple else list(paths[0])
