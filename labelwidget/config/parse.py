"""XML text -> LabelConfig: a typed tag tree, a name index, and every problem at once."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ..files import TextProblem, decode_xml, read_file
from ..values import lone_surrogate, short
from . import audio as _audio  # noqa: F401  (registers the tags)
from . import chat as _chat  # noqa: F401  (registers the tags)
from . import choices as _choices  # noqa: F401  (registers the tags)
from . import controls as _controls  # noqa: F401  (registers the tags)
from . import date_time as _date_time  # noqa: F401  (registers the tags)
from . import image_regions as _image_regions  # noqa: F401  (registers the tags)
from . import objects as _objects  # noqa: F401  (registers the tags)
from . import paragraphs as _paragraphs  # noqa: F401  (registers the tags)
from . import ranker as _ranker  # noqa: F401  (registers the tags)
from . import relations as _relations  # noqa: F401  (registers the tags)
from . import repeater as _repeater  # noqa: F401  (registers the tags)
from . import spans as _spans  # noqa: F401  (registers the tags)
from . import table as _table  # noqa: F401  (registers the tags)
from .columns import bind_columns, default_columns
from .errors import ConfigError, ConfigIssue, IssueCollector
from .keys import KeyError_, parse_key, widget_keys
from .objects import View
from .registry import registry
from .tags import ControlTag, ObjectTag, OptionTag, Tag


def _parser() -> etree.XMLParser:
    # No DTD, no entity expansion, no network: a config is data, and XML's external
    # entities are the classic way to make a parser read files or call hosts.
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_blank_text=False,
    )


@dataclass
class LabelConfig:
    """A parsed labeling config: the tag tree (layout kept) and indexes by name."""

    xml: str
    root: Tag
    objects: dict[str, ObjectTag] = field(default_factory=dict)
    controls: dict[str, ControlTag] = field(default_factory=dict)
    # The task data (column -> value) of the example that Label Studio templates carry in a
    # trailing comment (``<!-- {"data": {...}} -->``): one row of a demo DataFrame.
    example_task: dict | None = None
    # Names carried by tags we do not support, so toName checks do not repeat their error.
    unsupported_names: set[str] = field(default_factory=set)
    # control name -> its DataFrame column where that is not its name (config/columns.py);
    # ``columns_bound`` once a caller's columns= was applied (bind_columns).
    column_map: dict[str, str] = field(default_factory=dict)
    columns_bound: bool = False

    def column(self, control: str) -> str:
        """The DataFrame column holding ``control``'s values."""
        return self.column_map.get(control, control)

    @property
    def control_columns(self) -> list[str]:
        """The DataFrame columns of the controls, in control order."""
        return [self.column(name) for name in self.controls]

    @property
    def columns(self) -> list[str]:
        """Data columns the config reads (``$column`` of object tags, dynamic options, headers)."""
        seen: list[str] = []
        for tag in self.root.walk():
            for column in _columns_of(tag):
                if column not in seen:
                    seen.append(column)
        return seen

    def __getitem__(self, name: str) -> Tag:
        if name in self.controls:
            return self.controls[name]
        if name in self.objects:
            return self.objects[name]
        raise KeyError(f"no tag named {name!r} (names: {', '.join(self.names)})")

    @property
    def names(self) -> list[str]:
        return [*self.objects, *self.controls]

    def walk(self):
        return self.root.walk()


def _columns_of(tag: Tag) -> list[str]:
    if isinstance(tag, ObjectTag) and tag.column:
        # $pages[0] reads the column pages
        return [tag.column.split("[", 1)[0], *getattr(tag, "extra_columns", ())]
    dynamic = getattr(tag, "dynamic_column", None)
    if dynamic:
        return [dynamic]
    return list(getattr(tag, "columns", []) or [])


def parse_config(config: str | bytes | Path | LabelConfig,
                 columns: Mapping[str, str] | None = None) -> LabelConfig:
    """Parse a Label Studio labeling config (XML text, or a path to an .xml file).

    A ``LabelConfig`` is returned as is. Raises :class:`ConfigError` listing every problem
    with its line, tag and name. ``columns`` maps controls to the DataFrame columns holding
    their values, for controls named like a data column (see ``config/columns.py``).

    Encodings: a ``str`` is text already decoded, so the ``encoding`` its XML declaration names
    is ignored (never applied a second time); bytes and files are decoded by their byte-order
    mark, then their declaration, else as UTF-8, and a declaration that does not fit the bytes
    is named in the error (see ``labelwidget/files.py``).
    """
    if isinstance(config, LabelConfig):
        return config if columns is None else bind_columns(config, columns)
    xml, declared = _read(config)
    if not xml.strip():
        raise ConfigError([ConfigIssue(None, None, None, "is empty: a labeling config is XML "
                                                        "that starts with <View>")])
    _refuse_dtd(xml)
    _refuse_invalid_text(xml)
    issues = IssueCollector()
    try:
        element = etree.fromstring(_without_declared_encoding(xml).encode("utf-8"), _parser())
    except etree.XMLSyntaxError as exc:
        line, column = exc.position if exc.position else (None, None)
        message = exc.msg.split(", line ")[0] if exc.msg else str(exc)
        if message.startswith("Excessive depth"):
            message = "tags are nested more than 256 deep (no labeling config needs that)"
        if declared:
            message += (f' (the file was read as {declared}, as its XML declaration says: if '
                        "it is in another encoding, correct the declaration)")
        raise ConfigError(
            [ConfigIssue(line, None, None, f"malformed XML at column {column}: {message}")]
        ) from None
    if element.getroottree().docinfo.doctype:  # _refuse_dtd should have caught it already
        raise ConfigError([ConfigIssue(1, None, None, _DTD_MESSAGE)])

    unsupported: set[str] = set()
    root = _build(element, issues, parent_cls=None, unsupported=unsupported)
    if root is None:
        issues.raise_if_any()
        raise ConfigError([ConfigIssue(element.sourceline, element.tag, None, "is empty")])
    if not isinstance(root, View):
        issues.add(root, "the config must start with <View>")

    config = LabelConfig(xml=xml, root=root, example_task=_example_task(element),
                         unsupported_names=unsupported)
    _index(config, issues)
    for tag in root.walk():
        tag.check(config, issues)
    _check_hotkeys(config, issues)
    # Warned before any error is raised: "unknown attribute toNmae (did you mean toName?)"
    # explains the "needs toName" error that follows.
    issues.warn_if_any()
    issues.raise_if_any()
    config.column_map = default_columns(config)
    return config if columns is None else bind_columns(config, columns)


_DTD_MESSAGE = (
    "a <!DOCTYPE> or <!ENTITY> is not allowed in a config "
    "(DTDs and entities are refused, they can read files or reach the network)"
)
_COMMENT_OR_CDATA = re.compile(r"<!--.*?-->|<!\[CDATA\[.*?\]\]>", re.S)
_DTD = re.compile(r"<!(DOCTYPE|ENTITY)\b", re.I)


def _refuse_dtd(xml: str) -> None:
    """Refuse DTDs before the XML parser sees them: a config never needs one, and entity
    declarations are how XML makes a parser read local files (XXE) or blow up (billion laughs)."""
    blanked = _COMMENT_OR_CDATA.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), xml)
    found = _DTD.search(blanked)
    if found:
        line = blanked.count("\n", 0, found.start()) + 1
        raise ConfigError([ConfigIssue(line, None, None, _DTD_MESSAGE)])


# A str is text already decoded (by Python, a notebook, a file read by the user): the
# encoding its XML declaration names described bytes that no longer exist, so it is ignored
# (applying it again would turn "Café" into "CafÃ©"). Bytes and files follow it (files.py).
_DECLARED_ENCODING = re.compile(r"""^(\ufeff?\s*<\?xml\b[^>]*?)\s+encoding\s*=\s*(["'])[^"']*\2""")


def _without_declared_encoding(xml: str) -> str:
    return _DECLARED_ENCODING.sub(r"\1", xml, count=1)


def _refuse_invalid_text(xml: str) -> None:
    where = lone_surrogate(xml)
    if where is not None:
        offset = int(re.search(r"character (\d+)", where).group(1))
        line = xml.count("\n", 0, offset) + 1
        raise ConfigError([ConfigIssue(line, None, None, f"the config text is not valid "
                                                         f"Unicode at {where}")])


def _read(config) -> tuple[str, str | None]:
    """(the config's XML text, the declared encoding its bytes were decoded with, if any)."""
    if isinstance(config, bytes):
        return _decode(config, "the config")
    if isinstance(config, os.PathLike):
        return _read_file(Path(config))
    if not isinstance(config, str):
        raise TypeError(
            f"a labeling config is XML text, a path to an .xml file or a LabelConfig, "
            f"got {type(config).__name__}"
        )
    text = config.strip()
    if "<" not in config and text:
        if text.lower().endswith(".xml") or _exists(text):
            return _read_file(Path(text))
        raise ConfigError([ConfigIssue(None, None, None, (
            f"{short(text)} is neither XML (it has no '<') nor the path of an existing "
            "file; a labeling config is XML that starts with <View>"))])
    return config, None


def _exists(text: str) -> bool:
    if "\n" in text or len(text) > 4096:
        return False
    try:
        return Path(text).exists()
    except (OSError, ValueError):  # a name too long, a NUL character
        return False


def _read_file(path: Path) -> tuple[str, str | None]:
    data = read_file(path, "labeling config file")
    return _decode(data, f"the labeling config file {path}")


def _decode(data: bytes, where: str) -> tuple[str, str | None]:
    try:
        return decode_xml(data, where)
    except TextProblem as exc:
        raise ConfigError([ConfigIssue(None, None, None, str(exc))]) from None


def _build(element, issues: IssueCollector, parent_cls, unsupported: set[str]) -> Tag | None:
    if isinstance(element, etree._Entity):
        issues.add_at(element.sourceline, None, None, "XML entities are not allowed in a config")
        return None
    if not isinstance(element.tag, str):  # comments, processing instructions
        return None
    name = etree.QName(element).localname
    cls = registry.get(name)
    raw = {k.lower(): v for k, v in element.attrib.items()}
    spelled = {k.lower(): k for k in element.attrib}
    if cls is None:
        if raw.get("name"):
            unsupported.add(raw["name"])
        if registry.is_label_studio_tag(name):
            issues.add_at(element.sourceline, name, raw.get("name"), f"not supported yet: <{name}>")
        else:
            issues.add_at(
                element.sourceline, name, raw.get("name"),
                f"unknown tag <{name}> (known: {', '.join(registry.known())})",
            )
        return None
    if parent_cls is not None and parent_cls.allowed_children is not None:
        allowed = parent_cls.allowed_children
        if cls.tag_name not in allowed and not (
            issubclass(cls, OptionTag) and any(issubclass(registry.get(a), OptionTag)
                                               for a in allowed if registry.get(a))
        ):
            where = ", ".join(f"<{a}>" for a in allowed) or "no child tags"
            issues.add_at(
                element.sourceline, cls.tag_name, raw.get("name"),
                f"cannot be inside <{parent_cls.tag_name}> (allowed: {where})",
            )
            return None
    text = "".join(element.itertext()) if cls.keeps_text else (element.text or "")
    tag = cls(line=element.sourceline, raw_attrs=raw, text=text, spelled=spelled)
    if len(spelled) < len(element.attrib):
        _same_attribute_twice(tag, element, issues)
    tag.parse_attributes(issues)
    if not cls.keeps_text:
        for child in element:
            built = _build(child, issues, parent_cls=cls, unsupported=unsupported)
            if built is not None:
                built.parent = tag
                tag.children.append(built)
            elif isinstance(child.tag, str):
                tag.dropped_children = True  # its own issue says why; checks should not pile on
    return tag


def _same_attribute_twice(tag: Tag, element, issues: IssueCollector) -> None:
    groups: dict[str, list[str]] = {}
    for key in element.attrib:
        groups.setdefault(key.lower(), []).append(key)
    for keys in groups.values():
        if len(keys) > 1:
            issues.add(tag, "sets the same attribute twice: " + ", ".join(keys)
                       + " (attribute names are not case-sensitive)")


def _index(config: LabelConfig, issues: IssueCollector) -> None:
    seen: dict[str, Tag] = {}
    for tag in config.root.walk():
        if not isinstance(tag, (ObjectTag, ControlTag)) or not tag.name:
            continue
        if tag.name in seen:
            first = seen[tag.name]
            issues.add(tag, f'duplicate name="{tag.name}" (also used on line {first.line})')
            continue
        seen[tag.name] = tag
        # (a Chat is both: the object of its own messages and the control that adds them)
        if isinstance(tag, ObjectTag):
            config.objects[tag.name] = tag
        if isinstance(tag, ControlTag):
            config.controls[tag.name] = tag


def _check_hotkeys(config: LabelConfig, issues: IssueCollector) -> None:
    """Each hotkey is a key the browser can report (kept in its canonical form, which is what
    the widgets compare a key press with), used once, and not one of the widget's own keys."""
    has_regions = any(c.scope == "region" for c in config.controls.values())
    reserved = widget_keys(has_regions)
    owners: dict[str, Tag] = {}
    for tag in config.root.walk():
        key = tag.attrs.get("hotkey") if isinstance(tag, (OptionTag, ControlTag)) else None
        if not key:
            continue
        spelled = f'{_who(tag)}{tag.spelling("hotkey")}="{key}"'
        try:
            canonical = parse_key(key)
        except KeyError_ as exc:
            issues.add(tag, f"{spelled} is not a key: {exc}")
            continue
        if canonical in reserved:
            issues.add(tag, f"{spelled} is the widget's own key ({canonical}: "
                            f"{reserved[canonical]}); pick another key (the widget keeps "
                            + ", ".join(sorted(reserved)) + ")")
            continue
        if canonical in owners:
            first = owners[canonical]
            issues.add(tag, f"{spelled} is already used by {_who(first, True)}"
                            f"on line {first.line}")
            continue
        owners[canonical] = tag
        tag.attrs["hotkey"] = canonical


def _who(tag: Tag, full: bool = False) -> str:
    """How a hotkey's owner is named: options by their value (they have no name)."""
    if isinstance(tag, OptionTag):
        text = f'value="{tag.value}" '
        return f"<{tag.tag_name} {text.strip()}> " if full else text
    return f"{tag!r} " if full else ""


def _example_task(element) -> dict | None:
    """The data of the example task Label Studio templates carry in a comment after the config.

    Seen in the templates: ``{"data": {...}, "annotations": [...]}``, a bare data dict, a list
    of data dicts, and JSON with a typo after a valid ``"data": {...}``. Returns the first
    task's data dict (column -> value), or None.
    """
    node = element.getnext()
    while node is not None:
        if isinstance(node, etree._Comment):
            data = _task_data((node.text or "").strip())
            if data is not None:
                return data
        node = node.getnext()
    return None


_DATA_KEY = re.compile(r'"data"\s*:\s*(?=\{)')


def _task_data(text: str) -> dict | None:
    if not text.startswith(("{", "[")):
        return None
    try:
        task = json.loads(text)
    except json.JSONDecodeError:
        # Keep the part that is valid: the object after the first "data": key.
        found = _DATA_KEY.search(text)
        if not found:
            return None
        try:
            task, _ = json.JSONDecoder().raw_decode(text, found.end())
        except json.JSONDecodeError:
            return None
        return task if isinstance(task, dict) else None
    if isinstance(task, list):
        task = next((t for t in task if isinstance(t, dict)), None)
    if not isinstance(task, dict):
        return None
    if isinstance(task.get("data"), dict):
        return task["data"]
    if set(task) <= {"annotations", "predictions", "id", "meta"}:
        return None  # an example of results, not of data
    return task
