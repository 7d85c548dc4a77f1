"""Option control tags: Choices (flat, or nested with allowNested) and Taxonomy, with the
Choice tags they hold and how a given option is stored (its alias when it has one)."""

from __future__ import annotations

from ..values import short
from . import nested_choices
from .attributes import COLUMN_RE, Attr
from .column_options import column_options
from .controls import PerRegion, is_text_list, result_field
from .registry import registry
from .tags import ControlTag, OptionTag, Tag


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
            if not is_text_list(value):
                raise ValueError(f"expected a list of options, got {short(value)}")
            value = [_stored_option(self.options(), allowed, v) for v in value]
            if len(set(value)) != len(value):
                raise ValueError(f"{value!r} lists an option twice")
            chosen = value
        else:
            if is_text_list(value) and len(value) == 1:
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
        choices = result_field(payload, "choices")
        if not is_text_list(choices) or (not self.multiple and len(choices) != 1):
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
        if not isinstance(value, (list, tuple)) or not all(is_text_list(p) for p in value):
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
        paths = result_field(payload, "taxonomy")
        if not isinstance(paths, list) or not all(is_text_list(p) for p in paths):
            raise ValueError(f"expected a list of paths in {short(payload)}")
        return [list(p) for p in paths]
