"""Keys: what a hotkey may be, in the form the browser names a key press, and the keys the
widget keeps for itself. No Jupyter imports (the toolbar widget imports DEFAULT_KEYS from here;
``hotkeys.py`` hands out Label Studio's automatic hotkeys among the keys left free).

The browser (``keyName`` in ``js/_task_widget.js``) names a key press ``ctrl+alt+shift+key``:
modifiers in that order (Cmd/Meta count as ctrl), ``key`` is the character typed, lower-cased,
or the key's name (``enter``, ``arrowleft``, ``f2``, ``space``), and shift is only named with a
named key or with ctrl/alt (Shift+1 types "!", so it is "!"; Ctrl+Shift+Z is
"ctrl+shift+z"). A hotkey matches a press when both name the same thing, so each hotkey is
parsed into that canonical form; one that no press can produce ("abc", "ctrl+", "shift+a") is
refused rather than left to never fire.
"""

from __future__ import annotations

# The Annotator's own keys (toolbar actions); Annotator(keys=...) changes them per session.
DEFAULT_KEYS = {
    "submit": ["enter", "ctrl+enter"],
    "skip": ["ctrl+space"],
    "previous": ["arrowleft"],
    "next": ["arrowright"],
    "undo_edit": ["ctrl+z"],
    "redo_edit": ["ctrl+shift+z", "ctrl+y"],
    "undo_submit": ["ctrl+alt+z"],
    "redo_submit": ["ctrl+alt+shift+z"],
}
# Earlier names of actions, still accepted in Annotator(keys=...).
RENAMED = {"undo": "undo_submit"}
# Keys of the suggestion bar (previous/next prediction) and of region editing.
SUGGESTION_KEYS = {"[": "show the previous suggestion", "]": "show the next suggestion"}
REGION_KEYS = {"delete": "remove the selected region", "backspace": "remove the selected region",
               "escape": "clear the selection"}

MODIFIERS = ("ctrl", "alt", "shift")
_MODIFIER_ALIASES = {"ctrl": "ctrl", "control": "ctrl", "cmd": "ctrl", "command": "ctrl",
                     "meta": "ctrl", "alt": "alt", "option": "alt", "opt": "alt",
                     "shift": "shift"}
NAMED = frozenset({
    "enter", "tab", "escape", "backspace", "delete", "insert", "home", "end", "pageup",
    "pagedown", "arrowup", "arrowdown", "arrowleft", "arrowright", "space", "contextmenu",
    *(f"f{i}" for i in range(1, 25)),
})
_NAMED_ALIASES = {"esc": "escape", "del": "delete", "return": "enter", "ins": "insert",
                  "left": "arrowleft", "right": "arrowright", "up": "arrowup",
                  "down": "arrowdown", "spacebar": "space", "pgup": "pageup",
                  "pgdn": "pagedown"}


class KeyError_(ValueError):
    """A hotkey that is not a key the browser can report; the message says why."""


def parse_key(text: str) -> str:
    """``text`` (e.g. "Ctrl+Shift+ArrowUp", "esc", "1") in the browser's canonical form, or
    :class:`KeyError_` saying why it is not a key."""
    raw = text
    text = text.strip().lower()
    if not text:
        raise KeyError_("it is empty")
    if text == "+" or text.endswith("++"):  # the "+" key itself, alone or with modifiers
        head = text[:-2]
        mods, key = (head.split("+") if head else []), "+"
    else:
        *mods, key = text.split("+")
        if not key:
            raise KeyError_(f"nothing follows the last '+' (e.g. {raw.strip()}1)")
    seen: list[str] = []
    for part in mods:
        modifier = _MODIFIER_ALIASES.get(part.strip())
        if modifier is None:
            raise KeyError_(f"{part.strip()!r} is not a modifier (ctrl, alt, shift); a hotkey "
                            "is modifiers and one key joined by '+'")
        if modifier in seen:
            raise KeyError_(f"it names {modifier} twice")
        seen.append(modifier)
    key = key.strip() if key.strip() else key
    if key in _MODIFIER_ALIASES:
        raise KeyError_(f"{key} is only a modifier; add the key it goes with, e.g. {key}+1")
    key = _NAMED_ALIASES.get(key, key)
    if len(key) != 1 and key not in NAMED:
        raise KeyError_("a hotkey is one character (a, 1, /) or a key name (enter, escape, "
                        "f2, arrowup ...), with modifiers before it joined by '+'")
    if key == " ":
        key = "space"
    if "shift" in seen and len(key) == 1 and not {"ctrl", "alt"} & set(seen):
        raise KeyError_(f"shift with a character key cannot be told apart from the character "
                        f"it types: write that character instead (Shift+1 is \"!\"), or use "
                        f"ctrl/alt+{key}")
    if "shift" in seen and len(key) == 1:
        key = key.lower()  # with ctrl/alt the browser names the key, not the shifted character
    return "+".join([*(m for m in MODIFIERS if m in seen), key])


def widget_keys(has_regions: bool) -> dict[str, str]:
    """Canonical key -> what the widget does with it, for the hotkey collision check."""
    keys = {key: action for action, listed in DEFAULT_KEYS.items() for key in listed}
    keys.update(SUGGESTION_KEYS)
    if has_regions:
        keys.update(REGION_KEYS)
    return keys


def session_keys(keys, config, base: dict[str, list[str]] | None = None) -> dict[str, list[str]]:
    """``Annotator(keys=...)`` checked and merged over ``base`` (DEFAULT_KEYS): known actions,
    real keys (a str is one key), none taken by a hotkey of the config. Raises ValueError
    naming them."""
    merged = {action: list(listed) for action, listed in (base or DEFAULT_KEYS).items()}
    taken = {}
    for tag in config.walk():
        key = getattr(tag, "attrs", {}).get("hotkey")
        if key and (tag.kind in ("option", "control")):
            taken[key] = tag
    given: set[str] = set()
    for action, listed in (keys or {}).items():
        action = RENAMED.get(action, action)
        if action not in DEFAULT_KEYS:
            raise ValueError(f"keys={{{action!r}: ...}}: no such action (actions: "
                             f"{', '.join(DEFAULT_KEYS)})")
        if isinstance(listed, str):
            listed = [listed]
        out = []
        for key in listed:
            if not isinstance(key, str):
                raise ValueError(f"keys[{action!r}]: {key!r} is not a key name (text)")
            try:
                canonical = parse_key(key)
            except KeyError_ as exc:
                raise ValueError(f"keys[{action!r}]: {key!r} is not a key: {exc}") from None
            owner = taken.get(canonical)
            if owner is not None:
                raise ValueError(f"keys[{action!r}]: {key!r} is the hotkey of {owner!r} on line "
                                 f"{owner.line} of the config; pick another key")
            out.append(canonical)
        merged[action] = out
        given.add(action)
    # A key given for one action leaves the defaults of the others (keys={"undo_submit":
    # ["ctrl+z"]} takes Ctrl+Z from undo_edit).
    for action in given:
        for other in merged:
            if other not in given:
                merged[other] = [k for k in merged[other] if k not in merged[action]]
    return merged
