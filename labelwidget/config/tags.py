"""Base classes of the typed tag tree: view, object, control and option tags."""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, ClassVar

from ..values import check_text
from .attributes import (
    NOT_YET,
    Attr,
    AttributeError_,
    cut,
    did_you_mean,
    ignored_because,
)
from .conditions import CONDITION_ATTRS, check_conditions, check_per_region, check_region_values
from .errors import IssueCollector

# True while the value being checked is known to hold valid Unicode only: set by the first
# check_value of a call chain (subclasses' super() calls do not scan the value again) and by
# exports that scanned a whole column at once (see texts_checked).
_TEXT_CHECKED: ContextVar[bool] = ContextVar("labelwidget_text_checked", default=False)


@contextmanager
def texts_checked():
    """Within this block, check_value does not scan values for lone surrogates: the caller
    has checked them (e.g. a column of cells as one JSON text)."""
    token = _TEXT_CHECKED.set(True)
    try:
        yield
    finally:
        _TEXT_CHECKED.reset(token)


class Tag:
    """A tag of the labeling config, with its attributes parsed to Python values."""

    tag_name: ClassVar[str] = "Tag"
    kind: ClassVar[str] = "visual"  # view | object | control | option | visual
    attributes: ClassVar[tuple[Attr, ...]] = ()
    # Which child tags this tag may hold; None = any tag (the View layout).
    allowed_children: ClassVar[tuple[str, ...] | None] = ()
    keeps_text: ClassVar[bool] = False
    # The key Label Studio would give this tag when the config names none (config/hotkeys.py).
    auto_hotkey: str | None = None

    def __init__(self, *, line: int | None, raw_attrs: dict[str, str], text: str = "",
                 spelled: dict[str, str] | None = None):
        self.line = line
        # Attribute names lower-cased (as Label Studio matches them) -> raw text.
        self.raw_attrs = raw_attrs
        # Lower-cased name -> the spelling in the XML, to quote the user's own words.
        self.spelled = spelled or {}
        self.text = text
        self.children: list[Tag] = []
        # True when a child element was refused (unknown, unsupported or misplaced).
        self.dropped_children = False
        self.parent: Tag | None = None
        self.attrs: dict[str, Any] = {}
        self.name: str | None = raw_attrs.get("name")

    @property
    def tag(self) -> str:
        return self.tag_name

    def __repr__(self) -> str:
        name = f' name="{self.name}"' if self.name else ""
        return f"<{self.tag_name}{name}>"

    # -- attribute parsing -------------------------------------------------------------------
    @classmethod
    def attribute_index(cls) -> dict[str, Attr]:
        index: dict[str, Attr] = {}
        for klass in reversed(cls.__mro__):
            for attr in klass.__dict__.get("attributes", ()):
                for key in attr.spellings():
                    index[key] = attr
        return index

    def parse_attributes(self, issues: IssueCollector) -> None:
        index = self.attribute_index()
        for attr in index.values():
            self.attrs.setdefault(attr.name, attr.default)
        for key, raw in self.raw_attrs.items():
            attr = index.get(key)
            if attr is not None:
                try:
                    self.attrs[attr.name] = attr.parse(raw)
                except AttributeError_ as exc:
                    issues.add(self, str(exc))
            elif key in NOT_YET:
                issues.add(self, f"not supported yet: attribute {self.quote(key)}")
            elif ignored_because(key):
                issues.note(self, ignored_because(key), self.spelling(key))
            else:
                issues.note(self, f'unknown attribute {self.spelling(key)}="{cut(raw)}"'
                                  f"{did_you_mean(key, index)}; Label Studio ignores it too")

    def spelling(self, key: str) -> str:
        """The attribute name as the XML spells it."""
        return self.spelled.get(key, key)

    def quote(self, key: str) -> str:
        """``name="value"`` as written in the XML, for messages."""
        raw = self.raw_attrs.get(key, self.raw_attrs.get(key.lower(), ""))
        return f'{self.spelling(key)}="{raw}"'

    def check(self, config, issues: IssueCollector) -> None:
        """Checks that need the whole config (names, toName); run after every tag is parsed."""

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


class ViewTag(Tag):
    """A tag that only arranges others."""

    kind = "view"
    allowed_children = None


class ObjectTag(Tag):
    """A tag that shows task data (Text, Image, ...): its ``value`` names a DataFrame column."""

    kind = "object"
    attributes = (Attr("name"), Attr("value", "source"))

    @property
    def column(self) -> str | None:
        """The data column shown, or None when the tag shows literal text."""
        source = self.attrs.get("value")
        return source[1] if source and source[0] == "column" else None

    @property
    def literal(self) -> str | None:
        source = self.attrs.get("value")
        return source[1] if source and source[0] == "literal" else None

    def check(self, config, issues):
        if not self.name:
            issues.add(self, 'needs a name="..." attribute')
        if "value" not in self.raw_attrs and "valuelist" not in self.raw_attrs:
            # (valueList has its own "not supported yet" issue)
            issues.add(self, 'needs value="$column" naming the data column it shows')


class OptionTag(Tag):
    """Choice or Label: one option of a control tag."""

    kind = "option"
    attributes = (
        Attr("value"),
        Attr("alias"),
        Attr("hotkey"),
        Attr("selected", "bool", False),
        Attr("background"),
        Attr("html"),
    )

    @property
    def value(self) -> str:
        return self.attrs.get("value") or ""

    @property
    def stored(self) -> str:
        """What is written to the DataFrame: Label Studio stores the alias when there is one."""
        return self.attrs.get("alias") or self.value

    @property
    def hotkey(self) -> str | None:
        """The config's ``hotkey``, else the one assigned as Label Studio does."""
        return self.attrs.get("hotkey") or self.auto_hotkey

    def __repr__(self) -> str:
        return f'<{self.tag_name} value="{self.value}">'

    @property
    def control(self) -> ControlTag | None:
        """The control tag this option belongs to (options may sit inside a View in it)."""
        node = self.parent
        while node is not None and not isinstance(node, ControlTag):
            node = node.parent
        return node

    def check(self, config, issues):
        # (its control checks the values: empty, repeated)
        if self.control is None:
            issues.add(self, "is an option and must be inside a control tag "
                             "(e.g. <Choices> or <Taxonomy>)")
        if self.attrs.get("html"):
            issues.note(self, "labelwidget shows the option's value as text (the value is what "
                              "is stored either way)", self.spelling("html"))


class ControlTag(Tag):
    """A tag that produces a value for a task (Choices, TextArea, Rating ...).

    Each control class pairs with a value model: ``check_value`` parses a cell into the
    column's type or raises ``ValueError`` explaining why; ``empty`` is the unlabeled cell.
    ``result_type`` and ``to_result``/``from_result`` map cells to Label Studio ``value`` payloads.
    """

    kind = "control"
    attributes = (
        Attr("name"),
        Attr("toName", "names"),
        Attr("required", "bool", False),
        Attr("requiredMessage"),
        *CONDITION_ATTRS,
    )
    # Object tags this control may label; checked against toName.
    labels_objects: ClassVar[tuple[str, ...]] = ()
    # Object tags Label Studio lets it label that labelwidget does not build yet: these get
    # "not supported yet" rather than "cannot label".
    planned_objects: ClassVar[tuple[str, ...]] = ()
    # Number of toName targets (Pairwise needs two); None = one or more.
    target_count: ClassVar[int | None] = None
    may_omit_to_name: ClassVar[bool] = False
    result_type: ClassVar[str] = ""
    # "task": one value per task (classification); "region": a list of regions on an object.
    scope: ClassVar[str] = "task"

    @property
    def to_name(self) -> list[str]:
        return self.attrs.get("toName") or []

    @property
    def per_region(self) -> bool:
        return bool(self.attrs.get("perRegion"))

    def parse_attributes(self, issues: IssueCollector) -> None:
        super().parse_attributes(issues)
        if self.per_region:
            # A perRegion cell is {region id: value}; every caller checks cells through
            # check_value, so the instance's check_value checks the map, value by value.
            self.check_value = lambda value, row=None: check_region_values(self, value, row)

    def check_one(self, value: Any, row=None) -> Any:
        """Check one value in this control's usual cell format (one region's, if perRegion)."""
        return type(self).check_value(self, value, row)

    def check(self, config, issues):
        check_conditions(self, config, issues)
        check_per_region(self, config, issues)
        if not self.name:
            issues.add(self, 'needs a name="..." attribute (it names the DataFrame column)')
        targets = self.to_name
        if not targets:
            if self.may_omit_to_name and config.objects:
                # Label Studio accepts a classification without toName; it applies to the task.
                self.attrs["toName"] = [next(iter(config.objects))]
                return
            if not self.may_omit_to_name:
                issues.add(self, 'needs toName="..." naming the object tag it labels')
            return
        if self.target_count is not None and len(targets) != self.target_count:
            issues.add(
                self,
                f'toName="{",".join(targets)}" must name {self.target_count} object tag(s)',
            )
        objects = ", ".join(config.objects) or "none"
        for target in targets:
            obj = config.objects.get(target)
            if obj is None and target in config.unsupported_names:
                continue  # its own "not supported yet" issue already says it all
            if obj is None and target in config.controls:
                other = config.controls[target]
                issues.add(self, f'toName="{target}" names a control tag ({other!r} on line '
                                 f"{other.line}); toName must name an object tag "
                                 f"(objects: {objects})")
            elif obj is None:
                issues.add(self, f'toName="{target}" matches no object tag (objects: {objects})')
            elif obj.tag_name in self.planned_objects:
                issues.add(self, f"not supported yet: <{self.tag_name}> on <{obj.tag_name}>")
            elif self.labels_objects and obj.tag_name not in self.labels_objects:
                issues.add(
                    self,
                    f'cannot label <{obj.tag_name} name="{target}">: <{self.tag_name}> labels '
                    + ", ".join(f"<{t}>" for t in self.labels_objects),
                )

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        own = cls.__dict__.get("check_value")
        if own is not None and not getattr(own, "checks_text", False):
            # Every way a value comes in (set, the browser, a DataFrame, Label Studio JSON,
            # predictions, the store) goes through check_value: refusing invalid Unicode here
            # is the one place that keeps it out of the DataFrame, the store and the exports.
            def check_value(self, value, row=None, _own=own):
                if _TEXT_CHECKED.get():  # by a caller: a super() call, or a whole column
                    return _own(self, value, row)
                check_text(value)
                token = _TEXT_CHECKED.set(True)
                try:
                    return _own(self, value, row)
                finally:
                    _TEXT_CHECKED.reset(token)

            check_value.checks_text = True
            check_value.__doc__ = own.__doc__
            cls.check_value = check_value

    # -- value model ---------------------------------------------------------------------------
    def empty(self) -> Any:
        return None

    def empty_answer(self) -> Any:
        """The cell of a task submitted with this control left empty ("looked, nothing to
        mark"), so it is told apart from ``None`` (never labeled). ``None`` when the cell's
        type has no empty value (Rating's int, Number's float)."""
        return None

    def default_value(self) -> Any:
        """The value an unlabeled task shows (and is submitted with, unless changed), from the
        tag's ``defaultValue``; None when it has none."""
        return None

    def is_empty_answer(self, cell: Any) -> bool:
        return (isinstance(cell, (str, list, tuple)) and not cell
                and self.empty_answer() is not None)

    def check_cell(self, value: Any, row=None) -> Any:
        """``check_value`` that also accepts the empty answer (normalised: ``""`` or ``[]``)."""
        if isinstance(value, (str, list, tuple)) and not value:
            empty = self.empty_answer()
            if empty is not None:
                return empty
        return self.check_value(value, row)

    def check_value(self, value: Any, row=None) -> Any:
        """Parse ``value`` as this control's cell; ``row`` (a mapping of the task's data
        columns) is given when the check depends on the task (dynamic options, span offsets)."""
        raise NotImplementedError

    def to_result(self, value: Any) -> dict:
        raise NotImplementedError

    def from_result(self, payload: dict) -> Any:
        raise NotImplementedError

    def options(self) -> list[OptionTag]:
        return list(self._option_tags())

    def _option_tags(self) -> tuple[OptionTag, ...]:
        # Value checks ask for the options once per cell (100k times in an export): they are
        # kept. Children are appended only while the config is parsed, each with its subtree
        # complete, so the number of children tells a stale tuple.
        cached = self.__dict__.get("_options")
        if cached is None or cached[0] != len(self.children):
            cached = (len(self.children),
                      tuple(t for t in self.walk() if isinstance(t, OptionTag)))
            self._options = cached
        return cached[1]

    def stored_options(self) -> tuple[str, ...]:
        """Each option's stored value (its alias, else its value), in config order."""
        options = self._option_tags()
        cached = self.__dict__.get("_stored")
        if cached is None or cached[0] is not options:
            cached = (options, tuple(o.stored for o in options))
            self._stored = cached
        return cached[1]

    def hotkeys(self) -> dict[str, str]:
        """Hotkey -> stored option value."""
        return {o.hotkey: o.stored for o in self.options() if o.hotkey}
