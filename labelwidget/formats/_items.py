"""Label Studio JSON of controls inside a ``<Repeater>`` (config/repeater.py).

Label Studio names each item's copy of a control by the item's index (``action_{{idx}}`` ->
``action_0``, ``action_1`` ...) and writes one result per item that has a value, with
``to_name`` named the same way. Here the control's cell is one list with an entry per item;
an export writes Label Studio's results, and an import puts each result at its item's index,
refusing (naming task and result) an index beyond the task's list.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ..config.repeater import items_of
from ._records import stable_id


def _pattern(name: str, flag: str) -> re.Pattern:
    head, _, tail = name.partition(flag)
    return re.compile(re.escape(head) + r"(\d+)" + re.escape(tail.replace(flag, "\0"))
                      .replace("\\\0", r"\1").replace("\0", r"\1") + r"\Z")


def item_control(config, from_name: str):
    """(control, item index) of a result named like an item's copy (``action_2``), or None."""
    for control in config.controls.values():
        repeater = getattr(control, "repeater", None)
        if repeater is None or repeater.per_item:
            continue
        found = _pattern(control.name, repeater.flag).match(from_name)
        if found:
            return control, int(found.group(1))
    return None


def item_results(control, cell: list, task: Any, salt: str,
                 result_ids: Mapping[str, str] | None) -> list[dict]:
    """One Label Studio result per item that has a value (perItem: with its item_index)."""
    repeater = control.repeater
    to_name = control.to_name[0] if control.to_name else control.name
    out = []
    for index, one in enumerate(cell or []):
        if one is None or control.is_empty_answer(one):
            continue
        name = repeater.item_name(control.name, index)
        rid = (result_ids or {}).get(name) or stable_id(task, name, salt)
        result = {"id": rid, "from_name": name, "to_name": repeater.item_name(to_name, index),
                  "type": control.result_type, "value": control.to_result(one)}
        if repeater.per_item:  # perItem: one name, the image's index beside the value
            result["item_index"] = index
            result["id"] = (result_ids or {}).get(f"{name}@{index}") or stable_id(
                task, name, salt, index)
        out.append(result)
    return out


def item_index_of(item: Mapping, report, index: int) -> int | None:
    """A perItem result's ``item_index`` (Label Studio reads a missing one as 0)."""
    value = item.get("item_index", 0)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        report(index, f'(from_name "{item.get("from_name")}") item_index must be a whole '
                      f"number of 0 or more, got {value!r}")
        return None
    return value


def item_cell(control, entries: list[tuple[int, int, Mapping]], data, report,
              ids: dict) -> list | None:
    """The cell of ``control`` from its items' results ``(result index, item index, item)``."""
    repeater = control.repeater
    items = items_of(data, repeater)
    count = len(items) if items is not None else 0
    cell: list = [None] * count
    for index, item_index, item in entries:
        where = f'(from_name "{item.get("from_name")}") '
        if item_index >= count:
            report(index, f"{where}item {item_index} is out of range: the task's "
                          f"{repeater.column!r} list has {count} items "
                          f"(<{getattr(repeater, 'image', repeater).tag_name}> line "
                          f"{repeater.line})")
            continue
        to_name = item.get("to_name")
        want = repeater.item_name(control.to_name[0], item_index) if control.to_name else None
        if to_name is not None and want is not None and to_name != want:
            report(index, f"{where}to_name {to_name!r} is not {want!r}, the object of item "
                          f"{item_index}")
            continue
        if cell[item_index] is not None:
            report(index, f"{where}a second result for item {item_index}")
            continue
        try:
            cell[item_index] = control.check_one(control.from_result(item.get("value")), data)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            report(index, f"{where}{exc}")
            continue
        if item.get("id") is not None:
            key = str(item.get("from_name"))
            ids[f"{key}@{item_index}" if repeater.per_item else key] = item["id"]
    return cell if any(v is not None for v in cell) else None
