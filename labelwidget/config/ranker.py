"""``<List>`` / ``<Ranker>`` / ``<Bucket>``: rank the items of a list, or sort them into buckets.

A List shows a ``$column`` holding a list of items ``{"id", "title", "body", "html"}`` (answers
of a model, search results). A Ranker on it makes the items movable. Its cell (DESIGN.md
section 2) is Label Studio's ``value["ranker"]``: column name -> item ids in order, where the
columns are

- without buckets: one, named after the Ranker, holding every item in the ranked order;
- with buckets: one per ``<Bucket name>``, plus ``_`` (the list itself, items not put in any
  bucket) unless a bucket says ``default="true"``, in which case every item starts there.

Every column is written, empty ones too, as Label Studio's editor writes them; a value read in
may leave columns out (items not named in any column belong to the list, ``_``, or to the
default bucket).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from ..values import short
from .attributes import Attr
from .registry import registry
from .tags import ControlTag, ObjectTag, Tag

LIST_KEY = "_"  # Label Studio's column of the items not sorted into a bucket


@registry.register("List")
class List(ObjectTag):
    attributes = (Attr("title"),)


@registry.register("Bucket")
class Bucket(Tag):
    attributes = (Attr("name"), Attr("title"), Attr("default", "bool", False))

    def check(self, config, issues):
        if not isinstance(self.parent, Ranker):
            issues.add(self, "must be inside <Ranker> (a bucket is a column of a ranker)")
        elif not self.name:
            issues.add(self, 'needs a name="..." (it is the key of its items in the value)')
        elif self.name == LIST_KEY:
            issues.add(self, f'name="{LIST_KEY}" is the list\'s own column in Label Studio; '
                             "give the bucket another name")


def item_ids(items: Any) -> list[str]:
    """The ids of a List cell's items, or ValueError saying which item is wrong."""
    if not isinstance(items, (list, tuple)):
        raise ValueError(f"expected a list of items ({{id, title, body}}), got {short(items)}")
    ids: list[str] = []
    for i, item in enumerate(items):
        if not isinstance(item, Mapping):
            raise ValueError(f"item {i} is not a dict with an id, got {short(item)}")
        ident = item.get("id")
        if isinstance(ident, int) and not isinstance(ident, bool):
            ident = str(ident)
        if not isinstance(ident, str) or not ident:
            raise ValueError(f"item {i} has no id (each item needs a text id), got "
                             f"{short(dict(item))}")
        if ident in ids:
            raise ValueError(f"item {i} repeats the id {ident!r} of item {ids.index(ident)}")
        ids.append(ident)
    return ids


@registry.register("Ranker")
class Ranker(ControlTag):
    allowed_children = ("Bucket",)
    labels_objects = ("List",)
    target_count = 1
    result_type = "ranker"

    @property
    def buckets(self) -> list[Bucket]:
        return [c for c in self.children if isinstance(c, Bucket)]

    @property
    def default_bucket(self) -> str | None:
        """Where items start: the Ranker's own column, a ``default`` bucket, or None (the list)."""
        if not self.buckets:
            return self.name
        return next((b.name for b in self.buckets if b.attrs["default"]), None)

    def board(self) -> list[dict]:
        """``[{"name", "title"}]`` in display order (the list first when it is a column)."""
        if not self.buckets:
            return [{"name": self.name, "title": ""}]
        out = [{"name": b.name, "title": b.attrs.get("title") or b.name} for b in self.buckets]
        if self.default_bucket is None:
            out.insert(0, {"name": LIST_KEY, "title": ""})
        return out

    def check(self, config, issues):
        super().check(config, issues)
        defaults = [b for b in self.buckets if b.attrs["default"]]
        if len(defaults) > 1:
            issues.add(defaults[1], f'default="true" again (the bucket on line '
                                    f"{defaults[0].line} already is the default)")
        seen: dict[str, Bucket] = {}
        for bucket in self.buckets:
            if bucket.name and bucket.name in seen:
                issues.add(bucket, f'name="{bucket.name}" is already a bucket on line '
                                   f"{seen[bucket.name].line}")
            seen.setdefault(bucket.name or "", bucket)

    def hotkeys(self) -> dict[str, str]:
        """The moves of the focused item (js/ranker.js), for the cheat-sheet."""
        keys = {"arrowup / arrowdown": "focus the item above / below",
                "alt+arrowup / alt+arrowdown": "move the focused item up / down",
                "alt+home / alt+end": "move the focused item to the top / bottom"}
        if len(self.board()) > 1:
            keys["alt+arrowleft / alt+arrowright"] = "move it to the previous / next column"
            digits = range(1, min(len(self.board()), 9) + 1)
            keys[" / ".join(f"alt+{n}" for n in digits)] = "move it to that column (1 = first)"
        return keys

    def list_tag(self, config=None) -> List | None:
        node = self
        while node.parent is not None:
            node = node.parent
        target = self.to_name[0] if self.to_name else None
        for tag in node.walk():
            if isinstance(tag, List) and tag.name == target:
                return tag
        return None

    def items_of(self, row) -> list[str] | None:
        """The item ids of the task's list (None without a row or a readable list)."""
        tag = self.list_tag()
        if row is None or tag is None or tag.column is None:
            return None
        items = row.get(tag.column) or []
        try:
            if isinstance(items, str):
                items = json.loads(items)  # a CSV keeps the list as its JSON text
            return item_ids(items)
        except ValueError:
            return None  # the List's own check names the bad item (row and column)

    def initial(self, ids: list[str]) -> dict[str, list[str]]:
        """The value shown before anything is moved: every item in the list or default bucket."""
        value: dict[str, list[str]] = {c["name"]: [] for c in self.board()}
        value[self.default_bucket or LIST_KEY] = list(ids)
        return value

    def check_value(self, value, row=None):
        if isinstance(value, Mapping) and set(value) == {"ranker"} and \
                isinstance(value["ranker"], Mapping):
            value = value["ranker"]  # Label Studio's whole value payload
        if not isinstance(value, Mapping):
            raise ValueError(f"expected a dict of column -> item ids, e.g. "
                             f"{{{self.board()[-1]['name']!r}: ['a', 'b']}}, got {short(value)}")
        names = [c["name"] for c in self.board()]
        out: dict[str, list[str]] = {}
        where: dict[str, str] = {}
        for key, ids in value.items():
            if key not in names:
                raise ValueError(f"{short(key)} is not a column of <Ranker name="
                                 f'"{self.name}"> (columns: {", ".join(names)})')
            if isinstance(ids, tuple):
                ids = list(ids)
            if not isinstance(ids, list):
                raise ValueError(f"{key!r}: expected a list of item ids, got {short(ids)}")
            for ident in ids:
                if isinstance(ident, int) and not isinstance(ident, bool):
                    ident = str(ident)
                if not isinstance(ident, str) or not ident:
                    raise ValueError(f"{key!r}: item ids are text, got {short(ident)}")
                if ident in where:
                    raise ValueError(f"item {ident!r} is in {where[ident]!r} and again in "
                                     f"{key!r}")
                where[ident] = key
                out.setdefault(key, []).append(ident)
        known = self.items_of(row)
        if known is not None:
            unknown = [i for i in where if i not in known]
            if unknown:
                raise ValueError(f"item {unknown[0]!r} is not an item of the task's list "
                                 f"(items: {', '.join(known[:20]) or 'none'})")
            rest = [i for i in known if i not in where]
            if rest and self.default_bucket == self.name:
                raise ValueError(f"a ranking orders every item: {', '.join(map(repr, rest))} "
                                 "missing")
        full = {name: out.get(name, []) for name in names}
        if known is not None:
            # Items named nowhere are where Label Studio shows them: in the list (or default).
            home = self.default_bucket or LIST_KEY
            full[home] = full[home] + [i for i in known if i not in where]
        return full

    def row_default(self, row):
        """What a task shows before any move: every item in the list's order (None when the
        items are unknown or unusable; the List names the problem)."""
        ids = self.items_of(row)
        return None if ids is None else self.initial(ids)

    def empty_answer(self):
        return None  # there is no empty ranking: what is shown is submitted (see README)

    def to_result(self, value):
        return {"ranker": {k: list(v) for k, v in value.items()}}

    def from_result(self, payload):
        ranker = payload["ranker"]
        if not isinstance(ranker, Mapping):
            raise ValueError(f"'ranker' must be an object, got {short(ranker)}")
        return dict(ranker)
