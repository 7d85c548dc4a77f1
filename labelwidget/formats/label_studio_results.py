"""One Label Studio annotation's (or prediction's) result items -> the cells of a task, checked
against the config, each problem reported by the result that caused it. Used by the Label
Studio import and by predictions read from Label Studio."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..config import LabelConfig
from ..config.conditions import regions_of
from ..config.relations import check_ends, region_ids, relations_tag
from ..values import short
from ._items import item_cell, item_control, item_index_of
from .label_studio_export import region_cell

MAX_LISTED = 20  # problems (or known ids) named in one message


class _TaskReader:
    """Converts the results of one task's annotations and predictions to cells."""

    def __init__(self, config: LabelConfig):
        self.config = config

    def cells(self, result, data: dict, report) -> tuple[dict, dict]:
        """(cells, result ids of classification controls) from a ``result`` list; problems
        go to ``report(result_index, message)``."""
        controls = self.config.controls
        cells: dict[str, Any] = {}
        ids: dict[str, str] = {}
        regions: dict[str, list[tuple[int, dict]]] = {}
        per_region: dict[str, list[tuple[int, dict]]] = {}
        per_item: dict[str, list[tuple[int, int, Mapping]]] = {}
        seen: dict[str, int] = {}
        relation_items: list[tuple[int, Mapping]] = []
        if not isinstance(result, list):
            report(None, f"'result' must be a list, got {type(result).__name__}")
            return cells, ids
        for index, item in enumerate(result):
            if not isinstance(item, Mapping):
                report(index, f"must be an object, got {type(item).__name__}")
                continue
            if item.get("type") == "relation":
                relation_items.append((index, item))
                continue
            name = item.get("from_name")
            if not isinstance(name, str):
                report(index, f"from_name {short(name)} must be a control's name (text)")
                continue
            control = controls.get(name)
            repeated = item_control(self.config, name) if control is None else None
            if repeated is not None:  # a <Repeater> item's copy of a control (formats/_items.py)
                per_item.setdefault(repeated[0].name, []).append((index, repeated[1], item))
                continue
            if getattr(getattr(control, "repeater", None), "per_item", False):
                at = item_index_of(item, report, index)  # perItem: one result per image
                if at is not None:
                    per_item.setdefault(name, []).append((index, at, item))
                continue
            if control is None:
                known = ", ".join(controls) or "none"
                report(index, f"from_name {name!r} is not a control of the config "
                              f"(controls: {known})")
                continue
            where = f'(from_name "{name}") '
            to_name = item.get("to_name")
            targets = control.to_name or [control.name]
            # Besides a toName object, Label Studio's editor writes a Pairwise (and the SDK any
            # control it labels itself) with to_name = its own name; "a,b" is toName as written.
            if to_name is not None and to_name not in targets and to_name != control.name \
                    and to_name != ",".join(targets):
                report(index, f"{where}to_name {to_name!r} is not a target of <{control.tag}"
                              f' name="{name}"> (toName: {", ".join(targets)})')
                continue
            kind = item.get("type")
            if kind is not None and control.scope != "region" and \
                    str(kind).lower() != control.result_type:
                report(index, f"{where}type {kind!r} does not match <{control.tag}> "
                              f"(expected {control.result_type!r})")
                continue
            value = item.get("value")
            if not isinstance(value, Mapping):
                report(index, f"{where}'value' must be an object, got {value!r}")
                continue
            if control.scope == "region":
                regions.setdefault(name, []).append((index, dict(item)))
                continue
            if control.per_region:
                per_region.setdefault(name, []).append((index, dict(item)))
                continue
            if name in seen:
                report(index, f"{where}a second result for the same control (result "
                              f"{seen[name]} is the first; per-region classification is not "
                              "supported yet)")
                continue
            seen[name] = index
            try:
                cell = control.from_result(value)
            except (KeyError, TypeError, ValueError, IndexError, AttributeError) as exc:
                report(index, f"{where}value {short(dict(value))} is not a "
                              f"{control.result_type!r} value ({_message(exc)})")
                continue
            try:
                cells[name] = control.check_value(cell, data)
            except ValueError as exc:
                report(index, f"{where}{exc}")
                continue
            if item.get("id") is not None:
                ids[name] = item["id"]
        for name, entries in regions.items():
            cell = self._regions(controls[name], entries, data, report)
            if cell is not None:
                cells[name] = cell
        for name, entries in per_item.items():
            cell = item_cell(controls[name], entries, data, report, ids)
            if cell is not None:
                cells[name] = cell
        for name, entries in per_region.items():
            cell = self._per_region(controls[name], entries, cells, data, report)
            if cell:
                cells[name] = cell
        if relation_items:
            self._relations(relation_items, cells, report)
        return cells, ids

    def _relations(self, entries, cells, report) -> None:
        """Relation items -> the Relations cell; each must link two regions of the task."""
        tag = relations_tag(self.config)
        if tag is None:
            report(entries[0][0], "a relation between regions, but the config has no "
                                  "<Relations> tag to hold it (add <Relations> with its "
                                  "<Relation> labels)")
            return
        known = region_ids(self.config, cells)
        out = []
        for index, item in entries:
            try:
                relation = tag.check_value(tag.from_results([item]))
                check_ends(relation, known)
            except ValueError as exc:
                report(index, _message(exc).replace("relation 0: ", "relation: ", 1))
                continue
            out += relation
        try:
            cells[tag.name] = tag.check_value(out)
        except ValueError as exc:
            report(entries[-1][0], _message(exc))

    def _per_region(self, control, entries, cells, data, report) -> dict:
        """Per-region results -> ``{region id: value}``; each must name a region of the task."""
        where = f'(from_name "{control.name}") '
        known = regions_of(self.config, control.to_name, cells, data)
        out: dict[str, Any] = {}
        for index, item in entries:
            rid = item.get("id")
            if rid is None or str(rid) not in known:
                listed = ", ".join(sorted(known)[:MAX_LISTED]) or "none"
                report(index, f"{where}a perRegion result must carry the id of a region on "
                              f"{', '.join(control.to_name)}; id {rid!r} matches none "
                              f"(region ids: {listed})")
                continue
            if str(rid) in out:
                report(index, f"{where}a second result for region {rid!r}")
                continue
            try:
                out[str(rid)] = control.check_one(control.from_result(item["value"]), data)
            except (KeyError, TypeError, ValueError, IndexError, AttributeError) as exc:
                report(index, f"{where}region {rid!r}: {_message(exc)}")
        return out

    def _regions(self, control, entries, data, report):
        where = f'(from_name "{control.name}") '
        items = [item for _, item in entries]
        try:
            cell = control.check_value(region_cell(control, items), data)
        except (KeyError, TypeError, ValueError, IndexError, AttributeError) as whole:
            # Find the result(s) at fault: check each region on its own.
            blamed = False
            for index, item in entries:
                try:
                    control.check_value(region_cell(control, [item]), data)
                except (KeyError, TypeError, ValueError, IndexError, AttributeError) as exc:
                    report(index, f"{where}{_message(exc)}")
                    blamed = True
            if not blamed:
                report(entries[0][0], f"{where}{_message(whole)}")
            return None
        return cell


def _message(exc: Exception) -> str:
    if isinstance(exc, ValueError):
        return str(exc)
    return f"malformed value ({type(exc).__name__}: {exc})"
