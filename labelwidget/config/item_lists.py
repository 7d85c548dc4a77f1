"""``<Image valueList="$pages">``: several images per task, and ``perItem`` controls.

Label Studio shows one image of the list at a time (a pager). A region drawn on it carries the
image's index as ``item_index`` (a field of its result, beside ``original_width``); a control
with ``perItem="true"`` on such an image holds one value per image, written as one result per
image with its ``item_index`` (Label Studio's PerItem mixin). Here a region dict keeps
``item_index``, and a perItem control's cell is a list with one entry per image, as a control
inside a ``<Repeater>`` (config/repeater.py): ``["Invoice", None, "Receipt"]``.
"""

from __future__ import annotations

from typing import Any

from ..data_paths import as_list

# How an Image's value reads one image of its list (data_paths.ItemRow replaces it).
ITEM_FLAG = "{{item_index}}"


class ItemList:
    """The list an Image with valueList pages through; also what a perItem control and a
    region on that Image are bound to (``control.repeater``)."""

    per_item = True
    flag = ITEM_FLAG

    def __init__(self, image):
        self.image = image
        self.column = image.attrs["valueList"][1]
        self.line = image.line

    @property
    def key(self) -> str:
        return f"list-{self.image.name}"

    def item_name(self, name: str, index: int) -> str:
        return name  # Label Studio keeps the name and writes item_index beside it


def bind_image_list(image, config, issues) -> None:
    """Make ``image`` (with valueList) read one image per item, and bind the controls on it."""
    source = image.attrs.get("valueList")
    if not source:
        return
    if source[0] != "column" or "[" in source[1]:
        issues.add(image, f"{image.quote('valuelist')} must name a data column as $column "
                          "(a list of images)")
        return
    if image.raw_attrs.get("value"):
        # Label Studio shows the list when an Image has both (its multiImage test)
        issues.note(image, "is ignored beside valueList, as Label Studio ignores it (the list "
                           "of images is shown)", image.spelling("value"))
    items = ItemList(image)
    image.item_list = items
    image.attrs["value"] = ("column", f"{items.column}[{ITEM_FLAG}]")
    for control in config.controls.values():
        if image.name not in control.to_name:
            continue
        if control.scope == "region":
            plain = control.check_value
            control.check_value = (lambda value, row=None, c=control, check=plain:
                                   check_item_regions(c, check(value, row), row, items))
        elif control.attrs.get("perItem"):
            if control.per_region:
                issues.add(control, "not supported yet: perItem and perRegion together")
                continue
            from .repeater import check_item_values

            control.repeater = items
            control.check_value = (lambda value, row=None, c=control:
                                   check_item_values(c, value, row))
            control.empty_answer = lambda: []
            control.default_value = lambda: None


def check_per_item(control, config, issues) -> None:
    """perItem acts only on an Image with valueList; elsewhere Label Studio ignores it."""
    if not control.attrs.get("perItem"):
        return
    targets = [config.objects.get(n) for n in control.to_name]
    if not any(t is not None and t.attrs.get("valueList") for t in targets):
        issues.note(control, "has no effect: toName names no <Image valueList=...> (a list of "
                             "images); Label Studio ignores it too", control.spelling("peritem"))


def count(row, items: ItemList) -> int | None:
    if row is None:
        return None
    cell = as_list(row.get(items.column))
    return len(cell) if cell is not None else 0


def check_item_regions(control, regions: Any, row, items: ItemList) -> Any:
    """Each region on a list of images says which image it is on: ``item_index`` (0 when
    absent, as Label Studio reads it), an index of the task's list."""
    if not isinstance(regions, list):
        return regions
    total = count(row, items)
    out = []
    for region in regions:
        index = region.get("item_index", 0) if isinstance(region, dict) else 0
        if isinstance(index, bool) or not isinstance(index, int) or index < 0:
            raise ValueError(f'region "{region.get("id")}": item_index must be a whole number '
                             f"of 0 or more (the image's index in ${items.column}), got "
                             f"{index!r}")
        if total is not None and index >= total:
            raise ValueError(f'region "{region.get("id")}": item_index {index} is out of range: '
                             f"the task's {items.column!r} list has {total} images")
        out.append({**region, "item_index": index})
    return out
