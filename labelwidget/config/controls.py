"""Classification control tags and their value models (DESIGN.md section 2)."""

from __future__ import annotations

import math
import re
from datetime import datetime, time
from typing import Any, ClassVar

from ..values import number_or_none, short
from . import nested_choices
from .attributes import COLUMN_RE, UNUSED, Attr
from .column_options import column_options
from .conditions import PER_REGION_ATTRS
from .item_lists import check_per_item
from .registry import registry
from .tags import ControlTag, OptionTag, Tag


def _is_text_list(value: Any) -> bool:
    return isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value)


def _field(payload: Any, key: str) -> Any:
    """``payload[key]`` of a Label Studio result ``value``, or a ValueError naming the payload."""
    if not isinstance(payload, dict) or key not in payload:
        raise ValueError(f'expected a Label Studio value with a "{key}" key, got {short(payload)}')
    return payload[key]


def _check_options(options: list[OptionTag], issues) -> None:
    """Each option has a value, and no two store the same one."""
    seen: dict[str, OptionTag] = {}
    for option in options:
        if not option.value:
            issues.add(option, 'needs value="..." (the option\'s text)')
        elif option.stored in seen:
            issues.add(option, f'value="{option.stored}" is already an option on line '
                               f"{seen[option.stored].line}")
        else:
            seen[option.stored] = option


def _stored_option(options: list[OptionTag], allowed: list[str], given: str) -> str:
    """What is stored for ``given``: itself when it is a stored option, else the alias of the
    option whose value it is (Label Studio accepts an option's value or its alias and stores
    the alias)."""
    if given in allowed:
        return given
    for option in options:
        if option.value == given:
            return option.stored
    return given


class PerRegion:
    """Mixin: the control may hold one value per region (``perRegion="true"``), or one per
    image of a list (``perItem="true"``, config/item_lists.py)."""

    attributes = (*PER_REGION_ATTRS, Attr("perItem", "bool", False))

    def check(self, config, issues):
        super().check(config, issues)
        check_per_item(self, config, issues)


@registry.register("Choice")
class Choice(OptionTag):
    allowed_children = ("Choice",)  # nested options only make sense in a Taxonomy


@registry.register("Choices")
class Choices(PerRegion, ControlTag):
    attributes = (
        Attr("choice", "enum", "single", choices=("single", "single-radio", "multiple")),
        Attr("showInline", "bool", False, aliases=("showInLine",)),
        Attr("layout", "enum", None, choices=("select", "inline", "vertical")),
        Attr("value"),
        Attr("allowNested", "bool", False),
    )
    allowed_children = ("Choice", "View", "Header")
    result_type = "choices"

    @property
    def multiple(self) -> bool:
        return self.attrs["choice"] == "multiple"

    @property
    def dynamic_column(self) -> str | None:
        """Column holding per-task options, from ``value="$column"``."""
        value = self.attrs.get("value")
        return value[1:] if value and COLUMN_RE.match(value) else None

    @property
    def inline(self) -> bool:
        return bool(self.attrs["showInline"]) or self.attrs["layout"] == "inline"

    def check(self, config, issues):
        super().check(config, issues)
        value = self.attrs.get("value")
        if value is not None and not self.dynamic_column:
            issues.add(self, f'value="{value}" is not a valid $column reference '
                             "(a $ then letters, digits or _)" if value.startswith("$") else
                             f'value="{value}" must name a data column as $column')
        if self.nested and self.dynamic_column:
            # The task's options marked "selected": true show chosen (Label Studio's
            # preselection), read per task: see Annotator._base_values.
            self.row_default = self._preselected
        for child in self.walk():
            if isinstance(child, Choice) and child is not self and child.children:
                issues.add(child, "nested <Choice> is only allowed inside <Taxonomy>")
        options = self.options()
        if not options and value is None and not self.dropped_children:
            issues.add(self, 'has no <Choice> options '
                             '(add <Choice value="..."/> or value="$column")')
        _check_options(options, issues)
        selected = [o for o in options if o.attrs.get("selected")]
        if len(selected) > 1 and not self.multiple:
            issues.add(self, f'has {len(selected)} options with selected="true" but '
                             f'choice="{self.attrs["choice"]}" allows one')

    def allowed(self, dynamic: list[str] | None = None) -> list[str]:
        return [*self.stored_options(), *(dynamic or ())]

    @property
    def nested(self) -> bool:
        """Options nested in the task's data, each choice stored as its path
        (config/nested_choices.py)."""
        return bool(self.attrs["allowNested"])

    def option_tree(self, row) -> list[dict] | None:
        """The task's options as a tree (allowNested), None when the task is not known."""
        column = self.dynamic_column
        if not column or row is None:
            return None
        return nested_choices.option_tree(row.get(column))

    def _preselected(self, row):
        paths = nested_choices.preselected(row.get(self.dynamic_column))
        if not paths:
            return None
        return paths if self.multiple else paths[0]

    def default_value(self):
        # Label Studio shows the options with selected="true" already chosen.
        chosen = [o.stored for o in self.options() if o.attrs.get("selected")]
        if not chosen:
            return None
        return chosen if self.multiple else chosen[0]

    def dynamic_options(self, row) -> list[str] | None:
        """Per-task options from the ``$column`` cell of ``row`` (None when not known)."""
        return column_options(row, self.dynamic_column)

    def empty_answer(self):
        return [] if self.multiple else ""

    def check_value(self, value, row=None):
        if self.nested:
            static = [o.stored for o in self.options()]
            tree = self.option_tree(row) if self.dynamic_column else []
            return nested_choices.check_paths(value, self.multiple, static, tree)
        dynamic = self.dynamic_options(row)
        allowed = self.allowed(dynamic)
        if self.multiple:
            if isinstance(value, str):
                value = [value]
            if not _is_text_list(value):
                raise ValueError(f"expected a list of options, got {short(value)}")
            value = [_stored_option(self.options(), allowed, v) for v in value]
            if len(set(value)) != len(value):
                raise ValueError(f"{value!r} lists an option twice")
            chosen = value
        else:
            if _is_text_list(value) and len(value) == 1:
                value = value[0]
            if not isinstance(value, str):
                raise ValueError(f"expected one option as text, got {short(value)}")
            value = _stored_option(self.options(), allowed, value)
            chosen = [value]
        if not self.dynamic_column or dynamic is not None:
            unknown = [v for v in chosen if v not in allowed]
            if unknown:
                raise ValueError(
                    f"{unknown[0]!r} is not an option (options: {', '.join(allowed)})"
                )
        return value

    def to_result(self, value):
        if self.nested:
            return nested_choices.to_result(value, self.multiple)
        return {"choices": list(value) if self.multiple else [value]}

    def from_result(self, payload):
        if self.nested:
            return nested_choices.from_result(payload, self.multiple)
        choices = _field(payload, "choices")
        if not _is_text_list(choices) or (not self.multiple and len(choices) != 1):
            want = "a list of options" if self.multiple else "a list of one option"
            raise ValueError(f"expected {want} in {short(payload)}")
        return list(choices) if self.multiple else choices[0]


@registry.register("Taxonomy")
class Taxonomy(PerRegion, ControlTag):
    attributes = (
        Attr("leafsOnly", "bool", False),
        Attr("showFullPath", "bool", False),
        Attr("pathSeparator", "str", " / "),
        Attr("placeholder"),
        Attr("maxUsages", "int"),
        Attr("value"),
    )
    allowed_children = ("Choice",)
    result_type = "taxonomy"

    def check(self, config, issues):
        super().check(config, issues)
        if self.attrs.get("value") is not None:
            # Label Studio then reads the tree from the task's data.
            issues.add(self, f"not supported yet: attribute {self.quote('value')}")
            return
        if not self.options() and not self.dropped_children:
            issues.add(self, 'has no <Choice> options (add <Choice value="..."/>)')
        for node in (self, *self.options()):
            _check_options([c for c in node.children if isinstance(c, Choice)], issues)

    def paths(self) -> list[tuple[list[str], bool]]:
        """Every (path, is_leaf) of the tree, depth first."""
        out: list[tuple[list[str], bool]] = []

        def visit(node: Tag, prefix: list[str]):
            for child in node.children:
                if isinstance(child, Choice):
                    path = [*prefix, child.stored]
                    out.append((path, not child.children))
                    visit(child, path)

        visit(self, [])
        return out

    def empty_answer(self):
        return []

    def _stored_path(self, path) -> list[str]:
        """``path`` with each option given by its value replaced by its alias, level by level."""
        node: Tag = self
        out = []
        for given in path:
            children = [c for c in node.children if isinstance(c, Choice)]
            stored = _stored_option(children, [c.stored for c in children], given)
            out.append(stored)
            node = next((c for c in children if c.stored == stored), None)
            if node is None:
                return [*out, *path[len(out):]]
        return out

    def check_value(self, value, row=None):
        if not isinstance(value, (list, tuple)) or not all(_is_text_list(p) for p in value):
            raise ValueError(f"expected a list of paths (lists of text), got {short(value)}")
        value = [self._stored_path(list(p)) for p in value]
        known = {tuple(p): leaf for p, leaf in self.paths()}
        for path in value:
            leaf = known.get(tuple(path))
            if leaf is None:
                raise ValueError(f"{list(path)!r} is not a path of the taxonomy")
            if self.attrs["leafsOnly"] and not leaf:
                raise ValueError(f"{list(path)!r} is not a leaf (leafsOnly is set)")
        max_usages = self.attrs.get("maxUsages")
        if max_usages and len(value) > max_usages:
            raise ValueError(f"{len(value)} paths chosen, at most {max_usages} allowed")
        return [list(p) for p in value]

    def to_result(self, value):
        return {"taxonomy": [list(p) for p in value]}

    def from_result(self, payload):
        paths = _field(payload, "taxonomy")
        if not isinstance(paths, list) or not all(_is_text_list(p) for p in paths):
            raise ValueError(f"expected a list of paths in {short(payload)}")
        return [list(p) for p in paths]


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
            if not _is_text_list(value):
                raise ValueError(f"expected a list of texts, got {short(value)}")
            limit = self.attrs["maxSubmissions"]
            if len(value) > limit:
                raise ValueError(f"{len(value)} entries, at most {limit} allowed (maxSubmissions)")
            return list(value)
        if _is_text_list(value) and len(value) == 1:
            value = value[0]
        if not isinstance(value, str):
            raise ValueError(f"expected text, got {short(value)}")
        return value

    def to_result(self, value):
        return {"text": list(value) if self.several else [value]}

    def from_result(self, payload):
        text = _field(payload, "text")
        if isinstance(text, str):
            text = [text]
        if not _is_text_list(text):
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
        return self.check_one(_field(payload, "rating"))


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
        number = _number(_field(payload, "number"))
        if number is None:
            raise ValueError(f"expected a number in {short(payload)}")
        return number


def _bounds(low, high) -> str:
    left = "-inf" if low is None else f"{low:g}"
    right = "inf" if high is None else f"{high:g}"
    return f"{left}..{right}"


# Label Studio's stored formats per ``only`` (strftime); ``format`` overrides them.
DATETIME_FORMATS = {
    "datetime": "%Y-%m-%dT%H:%M",
    "date": "%Y-%m-%d",
    "time": "%H:%M",
    "month": "%Y-%m",
    "year": "%Y",
}


@registry.register("DateTime")
class DateTime(PerRegion, ControlTag):
    attributes = (
        # Label Studio takes a comma-separated list of parts: "date", "time", "date,time",
        # "month", "month,year", "year" ("date" wins over month/year).
        Attr("only"),
        Attr("format"),
        Attr("min"),
        Attr("max"),
        # Label Studio's DateTime model declares these and never uses them: ignored, with a
        # note (hotkey under another name, so it joins no hotkey check).
        Attr("step"),
        Attr("defaultValue"),
        Attr("unusedHotkey", aliases=("hotkey",)),
    )
    may_omit_to_name = True
    result_type = "datetime"
    PARTS = ("date", "time", "month", "year")

    @property
    def parts(self) -> set[str]:
        return {p.strip().lower() for p in (self.attrs.get("only") or "").split(",") if p.strip()}

    @property
    def mode(self) -> str:
        """datetime | date | time | month | year: what the widget asks for."""
        parts = self.parts
        if not parts or {"date", "time"} <= parts:
            return "datetime"
        for mode in ("date", "month", "year", "time"):
            if mode in parts:
                return mode
        return "datetime"

    @property
    def fmt(self) -> str:
        return self.attrs.get("format") or DATETIME_FORMATS[self.mode]

    def _parse(self, text: str) -> datetime:
        return datetime.strptime(text, self.fmt)

    BROWSER_DIRECTIVES = frozenset("YymdHIMSfjpbBaA")

    def _bound(self, raw: str) -> datetime:
        """``min``/``max`` in the tag's format or, as Label Studio documents them, ISO."""
        try:
            return self._parse(raw)
        except ValueError:
            pass
        text = raw.strip()
        if self.mode == "year" and text.isdigit():
            return datetime(int(text), 1, 1)
        if self.mode == "time":
            return datetime.combine(datetime(1900, 1, 1), time.fromisoformat(text))
        return datetime.fromisoformat(text)

    def check(self, config, issues):
        super().check(config, issues)
        for key in ("step", "defaultvalue", "hotkey"):
            if key in self.raw_attrs:
                issues.note(self, UNUSED, self.spelling(key))
        unknown = self.parts - set(self.PARTS)
        if unknown:
            issues.add(self, f'only="{self.attrs["only"]}" must list parts among '
                             + ", ".join(self.PARTS))
        fmt = self.attrs.get("format")
        if fmt is not None:
            try:
                datetime.strptime(datetime(2001, 2, 3, 4, 5, 6).strftime(fmt), fmt)
            except ValueError as exc:
                issues.add(self, f'format="{fmt}" is not a strftime format ({exc})')
                return
            # The browser widget (js/_strftime.js) writes these directives; others it cannot.
            bad = sorted({d for d in re.findall(r"%(.)", fmt.replace("%%", ""))
                          if d not in self.BROWSER_DIRECTIVES})
            if bad:
                issues.add(self, f'format="{fmt}": not supported yet: '
                                 + ", ".join("%" + d for d in bad))
                return
        bounds = {}
        for key in ("min", "max"):
            raw = self.attrs.get(key)
            if raw is None:
                continue
            try:
                bounds[key] = self._bound(raw)
            except ValueError:
                issues.add(self, f'{key}="{raw}" does not match the format {self.fmt} (or ISO)')
        if len(bounds) == 2 and bounds["min"] > bounds["max"]:
            issues.add(self, f'min="{self.attrs["min"]}" is after max="{self.attrs["max"]}"')

    def empty_answer(self):
        return ""

    def check_value(self, value, row=None):
        """A date/time as text in the tag's format; returned zero-padded as the format writes it."""
        if not isinstance(value, str):
            raise ValueError(
                f"expected a date/time as text in the format {self.fmt}, got {short(value)}"
            )
        try:
            moment = self._parse(value)
        except ValueError:
            raise ValueError(f"{value!r} does not match the format {self.fmt}") from None
        low, high = self.attrs.get("min"), self.attrs.get("max")
        if low and moment < self._bound(low):
            raise ValueError(f"{value!r} is before min {low!r}")
        if high and moment > self._bound(high):
            raise ValueError(f"{value!r} is after max {high!r}")
        canonical = moment.strftime(self.fmt)
        try:
            same = self._parse(canonical) == moment
        except ValueError:
            same = False
        return canonical if same else value

    def to_result(self, value):
        return {"datetime": value}

    def from_result(self, payload):
        value = _field(payload, "datetime")
        if not isinstance(value, str):
            raise ValueError(f"expected a date/time as text in {short(payload)}")
        return value


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
        return self.check_value(_field(payload, "selected"))
