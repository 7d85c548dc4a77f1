"""Control tags whose value is one answer per task (or per region): TextArea, Rating, Number,
Pairwise, and the pieces every classification control shares (DESIGN.md section 2). Choices and
Taxonomy are in config/choices.py, DateTime in config/date_time.py."""

from __future__ import annotations

import math
from typing import Any, ClassVar

from ..values import number_or_none, short
from .attributes import Attr
from .conditions import PER_REGION_ATTRS
from .item_lists import check_per_item
from .registry import registry
from .tags import ControlTag


def is_text_list(value: Any) -> bool:
    return isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value)


def result_field(payload: Any, key: str) -> Any:
    """``payload[key]`` of a Label Studio result ``value``, or a ValueError naming the payload."""
    if not isinstance(payload, dict) or key not in payload:
        raise ValueError(f'expected a Label Studio value with a "{key}" key, got {short(payload)}')
    return payload[key]


class PerRegion:
    """Mixin: the control may hold one value per region (``perRegion="true"``), or one per
    image of a list (``perItem="true"``, config/item_lists.py)."""

    attributes = (*PER_REGION_ATTRS, Attr("perItem", "bool", False))

    def check(self, config, issues):
        super().check(config, issues)
        check_per_item(self, config, issues)


@registry.register("TextArea")
class TextArea(PerRegion, ControlTag):
    attributes = (
        Attr("rows", "int", 1),
        Attr("placeholder"),
        Attr("maxSubmissions", "int"),
        Attr("editable", "bool", True),
        Attr("showSubmitButton", "bool", False),
        Attr("value"),
        Attr("skipDuplicates", "bool", False),
    )
    may_omit_to_name = True
    result_type = "textarea"

    @property
    def several(self) -> bool:
        """Several entries are kept as a list when maxSubmissions allows more than one."""
        return (self.attrs.get("maxSubmissions") or 1) > 1

    def check(self, config, issues):
        super().check(config, issues)
        for key in ("rows", "maxSubmissions"):
            value = self.attrs.get(key)
            if value is not None and value < 1:
                issues.add(self, f'{key}="{value}" must be at least 1')

    def empty_answer(self):
        return [] if self.several else ""

    def check_value(self, value, row=None):
        if self.several:
            if isinstance(value, str):
                value = [value]
            if not is_text_list(value):
                raise ValueError(f"expected a list of texts, got {short(value)}")
            limit = self.attrs["maxSubmissions"]
            if len(value) > limit:
                raise ValueError(f"{len(value)} entries, at most {limit} allowed (maxSubmissions)")
            return list(value)
        if is_text_list(value) and len(value) == 1:
            value = value[0]
        if not isinstance(value, str):
            raise ValueError(f"expected text, got {short(value)}")
        return value

    def to_result(self, value):
        return {"text": list(value) if self.several else [value]}

    def from_result(self, payload):
        text = result_field(payload, "text")
        if isinstance(text, str):
            text = [text]
        if not is_text_list(text):
            raise ValueError(f"expected text in {short(payload)}")
        return list(text) if self.several else "\n".join(text)


def _number(value: Any) -> float | None:
    """A float, None when ``value`` is no number; ValueError for an int too large for one."""
    return number_or_none(value)


@registry.register("Rating")
class Rating(PerRegion, ControlTag):
    attributes = (
        Attr("maxRating", "int", 5),
        Attr("hotkey"),
        Attr("defaultValue", "int", 0),
    )
    may_omit_to_name = True
    result_type = "rating"

    @property
    def hotkey(self) -> str | None:
        """The config's ``hotkey`` (one star more), else the one assigned as Label Studio does."""
        return self.attrs.get("hotkey") or self.auto_hotkey

    def hotkeys(self) -> dict[str, str]:
        return {self.hotkey: "one star more"} if self.hotkey else {}

    def check(self, config, issues):
        super().check(config, issues)
        max_rating = self.attrs.get("maxRating")
        if isinstance(max_rating, int) and max_rating < 1:
            issues.add(self, f'maxRating="{max_rating}" must be at least 1')
        default = self.attrs.get("defaultValue")
        if isinstance(default, int) and isinstance(max_rating, int) and \
                not 0 <= default <= max_rating:
            issues.add(self, f'defaultValue="{default}" is outside 0..{max_rating} (maxRating; '
                             "0 means no stars)")

    def default_value(self):
        # Label Studio's default "0" means no stars.
        default = self.attrs.get("defaultValue")
        return default if isinstance(default, int) and default > 0 else None

    def check_value(self, value, row=None):
        number = _number(value)
        if number is None or not number.is_integer():
            raise ValueError(f"expected a whole number of stars, got {short(value)}")
        top = self.attrs["maxRating"]
        if not 1 <= number <= top:
            raise ValueError(f"{int(number)} is outside 1..{top} (maxRating)")
        return int(number)

    def to_result(self, value):
        return {"rating": value}

    def from_result(self, payload):
        return self.check_one(result_field(payload, "rating"))


@registry.register("Number")
class Number(PerRegion, ControlTag):
    attributes = (
        Attr("min", "float"),
        Attr("max", "float"),
        Attr("step", "float", 1.0),
        Attr("slider", "bool", False),
        Attr("defaultValue", "float"),
        Attr("hotkey"),
    )
    may_omit_to_name = True
    result_type = "number"

    def check(self, config, issues):
        super().check(config, issues)
        if self.attrs.get("hotkey"):
            # In Label Studio the key adds one step to the number.
            issues.add(self, f"not supported yet: attribute {self.quote('hotkey')}")
        low, high, step = self.attrs.get("min"), self.attrs.get("max"), self.attrs.get("step")
        if isinstance(low, float) and isinstance(high, float) and low > high:
            issues.add(self, f'min="{self.raw_attrs.get("min")}" is greater than '
                             f'max="{self.raw_attrs.get("max")}"')
        if isinstance(step, float) and step <= 0:
            issues.add(self, f'step="{self.raw_attrs.get("step")}" must be positive')
        if self.attrs.get("slider") and (low is None or high is None):
            issues.add(self, 'slider="true" needs both min and max')
        default = self.attrs.get("defaultValue")
        if isinstance(default, float) and ((isinstance(low, float) and default < low) or
                                           (isinstance(high, float) and default > high)):
            issues.add(self, f"{self.quote('defaultValue')} is outside {_bounds(low, high)}")

    def default_value(self):
        default = self.attrs.get("defaultValue")
        return default if isinstance(default, float) and math.isfinite(default) else None

    def check_value(self, value, row=None):
        number = _number(value)
        if number is None or math.isnan(number) or math.isinf(number):
            raise ValueError(f"expected a number, got {short(value)}")
        low, high = self.attrs.get("min"), self.attrs.get("max")
        if (low is not None and number < low) or (high is not None and number > high):
            raise ValueError(f"{number:g} is outside {_bounds(low, high)}")
        return number

    def to_result(self, value):
        return {"number": value}

    def from_result(self, payload):
        number = _number(result_field(payload, "number"))
        if number is None:
            raise ValueError(f"expected a number in {short(payload)}")
        return number


def _bounds(low, high) -> str:
    left = "-inf" if low is None else f"{low:g}"
    right = "inf" if high is None else f"{high:g}"
    return f"{left}..{right}"


@registry.register("Pairwise")
class Pairwise(ControlTag):
    attributes = (Attr("selectionStyle"),)
    target_count = 2
    result_type = "pairwise"
    SIDES = ("left", "right")
    SIDE_KEYS: ClassVar[dict[str, str]] = {"left": "arrowleft", "right": "arrowright"}
    # side -> key, as given by config/hotkeys.py (a side has none when the widget binds it).
    side_keys: dict[str, str] = SIDE_KEYS

    def hotkeys(self) -> dict[str, str]:
        names = dict(zip(self.SIDES, self.to_name, strict=False))
        return {key: f"{side} ({names.get(side, side)})" for side, key in self.side_keys.items()}

    def empty_answer(self):
        return ""

    def check_value(self, value, row=None):
        if value not in self.SIDES:
            raise ValueError(f'expected "left" or "right", got {short(value)}')
        return value

    def to_result(self, value):
        return {"selected": value}

    def from_result(self, payload):
        return self.check_value(result_field(payload, "selected"))
