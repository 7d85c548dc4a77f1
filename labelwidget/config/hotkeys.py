"""Hotkeys Label Studio gives the options that have none.

Label Studio binds the config's own ``hotkey``s first, then walks the config in document order
and gives each tag that reacts to a key but has none the next free key of a fixed sequence:
digits, then letters (without r, h and u, which its editor uses). Tags that react to a key:
a ``<Choice>`` of ``<Choices>`` (not of ``<Taxonomy>``), every ``<Label>`` (of ``<Labels>``,
``<RectangleLabels>`` ...) and ``<Rating>`` (one star more). Keys the widget itself uses
(submit, skip, navigation, region keys) are never handed out.

A ``<Pairwise>`` picks its left and right object with ← and →, unless the widget binds them.
"""

from __future__ import annotations

from collections.abc import Iterable

from .choices import Choices
from .controls import Pairwise, Rating
from .tags import OptionTag, Tag

SEQUENCE = "1234567890qwetasdfgzxcvbyiopjklnm"


def takes_key(tag: Tag) -> bool:
    """True for the tags Label Studio gives a key when the config names none."""
    if isinstance(tag, Rating):
        return True
    if not isinstance(tag, OptionTag):
        return False
    control = tag.control
    if control is None:
        return False
    if tag.tag_name == "Choice":
        return isinstance(control, Choices)
    return tag.tag_name == "Label"


def assign_hotkeys(config, reserved: Iterable[str] = ()) -> dict[str, str]:
    """Give each key-taking tag without ``hotkey`` its automatic key (``tag.auto_hotkey``).

    ``reserved``: keys the widget binds itself, never handed out. Returns ``{key: what}`` of the
    keys given, for messages and tests. Running it again first clears the previous assignment.
    """
    taken = {k.lower() for k in reserved}
    tags = list(config.root.walk())
    for tag in tags:
        tag.auto_hotkey = None
        own = tag.attrs.get("hotkey") if takes_key(tag) else None
        if own:
            taken.add(own.lower())
    free = (k for k in SEQUENCE if k not in taken)
    given: dict[str, str] = {}
    for tag in tags:
        if isinstance(tag, Pairwise):
            tag.side_keys = {side: key for side, key in Pairwise.SIDE_KEYS.items()
                             if key not in taken}
            taken.update(tag.side_keys.values())
        if not takes_key(tag) or tag.attrs.get("hotkey"):
            continue
        key = next(free, None)
        if key is None:
            break  # Label Studio also stops when the sequence runs out
        tag.auto_hotkey = key
        given[key] = tag.name if isinstance(tag, Rating) else tag.value
    return given
