"""XML text -> LabelConfig: a typed tag tree, a name index, and every problem at once."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from . import controls as _controls  # noqa: F401  (registers the tags)
from . import image_regions as _image_regions  # noqa: F401  (registers the tags)
from . import objects as _objects  # noqa: F401  (registers the tags)
from . import spans as _spans  # noqa: F401  (registers the tags)
from .errors import ConfigError, ConfigIssue, IssueCollector
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
    example_task: dict | None = None
    # Names carried by tags we do not support, so toName checks do not repeat their error.
    unsupported_names: set[str] = field(default_factory=set)

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
        return [tag.column]
    dynamic = getattr(tag, "dynamic_column", None)
    if dynamic:
        return [dynamic]
    return list(getattr(tag, "columns", []) or [])


def parse_config(config: str | Path | LabelConfig) -> LabelConfig:
    """Parse a Label Studio labeling config (XML text or a path to an .xml file).

    Raises :class:`ConfigError` listing every problem with its line, tag and name.
    """
    if isinstance(config, LabelConfig):
        return config
    xml = _read(config)
    issues = IssueCollector()
    try:
        element = etree.fromstring(xml.encode("utf-8"), _parser())
    except etree.XMLSyntaxError as exc:
        line, column = exc.position if exc.position else (None, None)
        message = exc.msg.split(", line ")[0] if exc.msg else str(exc)
        raise ConfigError(
            [ConfigIssue(line, None, None, f"malformed XML at column {column}: {message}")]
        ) from None
    if element.getroottree().docinfo.doctype:
        raise ConfigError([ConfigIssue(1, None, None, "a <!DOCTYPE> is not allowed in a config")])

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
    issues.raise_if_any()
    return config


def _read(config) -> str:
    if isinstance(config, Path) or (
        isinstance(config, str) and config.strip().lower().endswith(".xml")
        and "<" not in config
    ):
        path = Path(config)
        if not path.exists():
            raise FileNotFoundError(f"labeling config file not found: {path}")
        return path.read_text(encoding="utf-8")
    if not isinstance(config, str):
        raise TypeError(f"a labeling config is XML text or a path, got {type(config).__name__}")
    return config


def _build(element, issues: IssueCollector, parent_cls, unsupported: set[str]) -> Tag | None:
    if isinstance(element, etree._Entity):
        issues.add_at(element.sourceline, None, None, "XML entities are not allowed in a config")
        return None
    if not isinstance(element.tag, str):  # comments, processing instructions
        return None
    name = etree.QName(element).localname
    cls = registry.get(name)
    raw = {k.lower(): v for k, v in element.attrib.items()}
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
    tag = cls(line=element.sourceline, raw_attrs=raw, text=text)
    tag.parse_attributes(issues)
    if not cls.keeps_text:
        for child in element:
            built = _build(child, issues, parent_cls=cls, unsupported=unsupported)
            if built is not None:
                built.parent = tag
                tag.children.append(built)
    return tag


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
        if isinstance(tag, ObjectTag):
            config.objects[tag.name] = tag
        else:
            config.controls[tag.name] = tag


def _check_hotkeys(config: LabelConfig, issues: IssueCollector) -> None:
    owners: dict[str, Tag] = {}
    for tag in config.root.walk():
        key = tag.attrs.get("hotkey") if isinstance(tag, (OptionTag, ControlTag)) else None
        if not key:
            continue
        key = key.lower()
        if key in owners:
            first = owners[key]
            issues.add(tag, f'hotkey="{key}" is already used on line {first.line}')
        else:
            owners[key] = tag


def _example_task(element) -> dict | None:
    """The ``<!-- {"data": ...} -->`` comment Label Studio templates carry after the config."""
    node = element.getnext()
    while node is not None:
        if isinstance(node, etree._Comment):
            text = (node.text or "").strip()
            if text.startswith("{"):
                try:
                    task = json.loads(text)
                except json.JSONDecodeError:
                    return None
                return task if isinstance(task, dict) else None
        node = node.getnext()
    return None
