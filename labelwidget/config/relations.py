"""``<Relations>`` / ``<Relation>``: links between two regions of a task.

A cell (DESIGN.md section 2) is a list of ``{"from_id", "to_id", "direction", "labels"}``, the
ids being those of regions in the task's region cells (spans, boxes ... of any object tag).
``direction`` is Label Studio's: ``right`` (from -> to), ``left`` (to -> from) or ``bi``.
``labels`` are ``<Relation>`` values, one at most unless ``choice="multiple"``. In Label Studio
JSON each relation is one result item ``{"from_id", "to_id", "type": "relation", "direction",
"labels"}`` with no ``from_name``/``to_name``: a relation belongs to the annotation, not to a
tag, so the cell carries the Relations tag's name only on our side (``relations`` by default).

That a relation's ends are regions of the task needs the other cells, so it is checked by
:func:`check_ends` (imports, ``Annotator.set``) and :func:`without_lost_ends` (a region
deleted takes its relations with it), not by ``check_value``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..values import short
from .attributes import Attr
from .registry import registry
from .tags import ControlTag, OptionTag

DIRECTIONS = ("right", "left", "bi")
DEFAULT_NAME = "relations"


@registry.register("Relation")
class Relation(OptionTag):
    """One label a relation may carry."""

    def check(self, config, issues):
        if not isinstance(self.parent, Relations):
            issues.add(self, f'value="{self.value}" must be inside <Relations> (a relation '
                             "label is an option of the <Relations> tag)")
        elif not self.value:
            issues.add(self, 'needs value="..." (the relation label)')


@registry.register("Relations")
class Relations(ControlTag):
    attributes = (Attr("choice", "enum", "single", choices=("single", "multiple")),)
    allowed_children = ("Relation",)
    result_type = "relation"
    scope = "relations"

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        # Label Studio's Relations tag usually has no name; its column then is "relations".
        self.name = self.name or DEFAULT_NAME

    @property
    def multiple(self) -> bool:
        return self.attrs["choice"] == "multiple"

    @property
    def to_name(self) -> list[str]:
        return []  # relations link regions of any object tag

    def check(self, config, issues):
        first = next(t for t in config.walk() if isinstance(t, Relations))
        if first is not self:
            issues.add(self, f"a config has one <Relations> tag (the first is on line "
                             f"{first.line})")
        if not any(c.scope == "region" for c in config.controls.values()):
            issues.add(self, "links regions, but the config has no region control "
                             "(<Labels>, <RectangleLabels> ...) to draw them")
        seen: dict[str, OptionTag] = {}
        for option in self.options():
            if option.value and option.stored in seen:
                issues.add(option, f'value="{option.stored}" is already a relation label on '
                                   f"line {seen[option.stored].line}")
            seen.setdefault(option.stored, option)

    def allowed(self) -> list[str]:
        return [o.stored for o in self.options() if o.value]

    def empty_answer(self):
        return []

    def check_value(self, value, row=None):
        if isinstance(value, Mapping):
            value = [value]
        if not isinstance(value, (list, tuple)):
            raise ValueError(f"expected a list of relations (dicts with from_id, to_id), got "
                             f"{short(value)}")
        out = []
        pairs: dict[tuple[str, str], int] = {}
        for i, one in enumerate(value):
            relation = self._check_one(i, one)
            pair = (relation["from_id"], relation["to_id"])
            if pair in pairs:
                raise ValueError(f"relation {i} links {pair[0]!r} to {pair[1]!r} again "
                                 f"(relation {pairs[pair]} does; give one relation several "
                                 "labels instead)")
            pairs[pair] = i
            out.append(relation)
        return out

    def _check_one(self, i: int, one: Any) -> dict:
        if not isinstance(one, Mapping):
            raise ValueError(f"relation {i}: expected a dict with from_id and to_id, got "
                             f"{short(one)}")
        ends = {}
        for key in ("from_id", "to_id"):
            ident = one.get(key)
            if isinstance(ident, int) and not isinstance(ident, bool):
                ident = str(ident)
            if not isinstance(ident, str) or not ident:
                raise ValueError(f"relation {i}: {key} must be a region id (text), got "
                                 f"{short(ident)}")
            ends[key] = ident
        if ends["from_id"] == ends["to_id"]:
            raise ValueError(f"relation {i}: links region {ends['from_id']!r} to itself")
        direction = one.get("direction", "right")
        if direction not in DIRECTIONS:
            raise ValueError(f"relation {i}: direction must be one of "
                             f"{', '.join(DIRECTIONS)}, got {short(direction)}")
        labels = one.get("labels") or []
        if isinstance(labels, str):
            labels = [labels]
        if not isinstance(labels, (list, tuple)) or not all(isinstance(x, str) for x in labels):
            raise ValueError(f"relation {i}: labels must be a list of texts, got "
                             f"{short(labels)}")
        allowed = self.allowed()
        for label in labels:
            if label not in allowed:
                raise ValueError(f"relation {i}: {label!r} is not a relation label (labels: "
                                 f"{', '.join(allowed) or 'none'})")
        if len(labels) > 1 and not self.multiple:
            raise ValueError(f"relation {i}: has {len(labels)} labels {list(labels)!r}, but "
                             f'<Relations> allows one (choice="single")')
        if len(set(labels)) != len(labels):
            raise ValueError(f"relation {i}: lists a label twice: {list(labels)!r}")
        return {**ends, "direction": direction, "labels": list(labels)}

    # -- Label Studio results ------------------------------------------------------------------
    def to_results(self, cell) -> list[dict]:
        """A cell -> Label Studio ``relation`` result items (they carry no from_name)."""
        # (a pre-filled cell is checked, not rewritten: direction and labels may be missing)
        return [{"from_id": r["from_id"], "to_id": r["to_id"], "type": "relation",
                 "direction": r.get("direction") or "right", "labels": list(r.get("labels") or [])}
                for r in cell or []]

    def from_results(self, items) -> list[dict]:
        return [{k: item[k] for k in ("from_id", "to_id", "direction", "labels") if k in item}
                for item in items]


def relations_tag(config) -> Relations | None:
    return next((c for c in config.controls.values() if isinstance(c, Relations)), None)


def region_ids(config, cells: Mapping[str, Any]) -> set[str]:
    """Ids of every region in a task's cells (all region controls, any object tag)."""
    ids: set[str] = set()
    for control in config.controls.values():
        cell = cells.get(control.name)
        if control.scope == "region" and isinstance(cell, list):
            ids.update(str(r["id"]) for r in cell if isinstance(r, Mapping) and "id" in r)
    return ids


def check_ends(relations: list[dict], known: set[str]) -> None:
    """ValueError naming the first relation whose from_id or to_id is no region of the task."""
    listed = ", ".join(sorted(known)[:20]) or "none"
    for i, relation in enumerate(relations or []):
        for key in ("from_id", "to_id"):
            if relation[key] not in known:
                raise ValueError(f"relation {i}: {key} {relation[key]!r} matches no region of "
                                 f"the task (region ids: {listed})")


def without_lost_ends(relations: list[dict] | None, known: set[str]) -> list[dict] | None:
    """The relations whose two regions still exist: deleting a region deletes its relations."""
    if not relations:
        return relations
    return [r for r in relations if r["from_id"] in known and r["to_id"] in known]
