"""Typed attribute declarations for tags, matched the way Label Studio reads them.

Label Studio lower-cases attribute names, so ``toName``, ``toname`` and ``TONAME`` are the same
attribute and ``showInLine`` is ``showInline``. Each tag class declares the attributes it
implements. Any other attribute Label Studio reads is either ignored with a ``ConfigWarning``
saying why (it changes nothing a person labels: looks, ML backend settings) or refused as
"not supported yet" (it would change labeling); an attribute nobody knows gets a
``ConfigWarning`` with a did-you-mean.
"""

from __future__ import annotations

import difflib
import math
import re
from dataclasses import dataclass, field
from typing import Any

COLUMN_RE = re.compile(r"^\$[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)*$")
COLUMN_IN_TEXT_RE = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
# An object tag's source may also step into a list cell: $pages[0], $pdf[{{idx}}].page
# (inside a <Repeater>, the index is its indexFlag); labelwidget/data_paths.py reads it.
SOURCE_RE = re.compile(r"^\$[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z0-9_]+|\[[^\[\]]+\])*$")

INT_RE = re.compile(r"^[+-]?\d+$")
WHOLE_FLOAT_RE = re.compile(r"^[+-]?\d+\.0*$")
# Whole-number attributes (maxRating, rows ...) are small; a longer one is a typo or an attack
# (int() of 5,000 digits is refused by Python itself, with a message about its own limit).
MAX_DIGITS = 18

TRUE = {"true", "1", "yes", "on"}
FALSE = {"false", "0", "no", "off", ""}

# Label Studio attributes that labelwidget accepts and ignores, because ignoring them changes
# nothing a person labels. Each is named in one ConfigWarning, with the reason below, so a
# config copied from Label Studio builds and its author knows what did not carry over.
LOOK = "how Label Studio looks; labelwidget draws its own way"
ML_BACKEND = "read by Label Studio's ML backends, not by the labeling interface"
UNUSED = "declared by Label Studio's interface but never used by it"
KEYPOINT_EXPORT = "read by Label Studio's COCO keypoint export, which labelwidget does not write"

_LOOK_NAMES = (
    "style", "className", "class", "hint", "size", "icon", "showFullText", "width", "maxWidth",
    "maxHeight", "height", "fontSize", "color", "strokeColor", "strokeWidth", "opacity",
    "fillColor", "fillOpacity", "pointSize", "pointStyle", "zoom", "zoomControl", "zoomBy",
    "brightnessControl", "contrastControl", "rotateControl", "negativeZoom", "crosshair",
    "horizontalAlignment", "verticalAlignment", "defaultZoom", "smart", "smartOnly",
    "crossOrigin", "inline", "target", "rel", "href", "selectionStyle", "decoration",
    "clickableLinks", "selectionEnabled", "selection", "displayMode", "highlightColor",
    "showLabels", "showInline", "layout", "sticky", "cascade",
    # (from Label Studio's tag models)
    "label", "minWidth", "dropdownWidth", "legacy", "allowSubmit", "smoothing", "grid",
    "gridSize", "gridColor", "selectionControl", "lazyOff", "resize", "display",
    "gammaControl", "underline", "showAlias", "aliasStyle", "selectedColor", "transcription",
)
COSMETIC = frozenset(name.lower() for name in _LOOK_NAMES)

IGNORED = {
    **{name: LOOK for name in COSMETIC},
    "leftclass": UNUSED, "rightclass": UNUSED,
    "model_index": KEYPOINT_EXPORT,
    "smart": ML_BACKEND, "smartonly": ML_BACKEND,  # the tools of interactive pre-annotation
    # The YOLO and other ML backends read these from the config they are sent.
    "score_threshold": ML_BACKEND, "predicted_values": ML_BACKEND, "tracker": ML_BACKEND,
    "conf": ML_BACKEND, "iou": ML_BACKEND,
}
ML_BACKEND_PREFIXES = ("model_", "botsort_", "bytetrack_")


def ignored_because(key: str) -> str | None:
    """Why labelwidget may ignore the (lower-cased) attribute ``key``; None when it may not."""
    if key in IGNORED:
        return IGNORED[key]
    if key.startswith(ML_BACKEND_PREFIXES):
        return ML_BACKEND
    return None


# Label Studio attributes whose behaviour labelwidget has not built: refused by name.
_NOT_YET_NAMES = (
    "perRegion", "visibleWhen", "whenTagName", "whenLabelValue", "whenChoiceValue",
    "whenRole", "apiUrl", "encoding", "inputFormat", "dynamicLabels",
    "groupDepth", "readonly", "groupCanContain", "labeling", "granularity",
)
NOT_YET = frozenset(name.lower() for name in _NOT_YET_NAMES)
# Label Studio's spelling of each, for messages.
_CAMEL = {n.lower(): n for n in (*_LOOK_NAMES, *_NOT_YET_NAMES, "leftClass", "rightClass")}


def did_you_mean(key: str, index: dict[str, Attr]) -> str:
    """`` (did you mean toName?)`` for a misspelled attribute, or ``""``: the tag's own
    attributes first, then every attribute Label Studio reads."""
    for names in (index, [*IGNORED, *NOT_YET]):
        close = difflib.get_close_matches(key, list(names), n=1, cutoff=0.75)
        if close:
            attr = index.get(close[0])
            return f" (did you mean {attr.name if attr else _spelled(close[0])}?)"
    return ""


def _spelled(key: str) -> str:
    return _CAMEL.get(key, key)


def cut(raw: str, limit: int = 40) -> str:
    return raw if len(raw) <= limit else raw[: limit - 3] + "..."


class AttributeError_(ValueError):
    """A bad attribute value; the message is shown to the user with the tag and line."""


@dataclass(frozen=True)
class Attr:
    name: str
    kind: str = "str"  # str | bool | int | float | enum | column | names
    default: Any = None
    choices: tuple[str, ...] = ()
    aliases: tuple[str, ...] = field(default=())

    def spellings(self) -> tuple[str, ...]:
        """The lower-cased attribute names that mean this attribute."""
        return (self.name.lower(), *(a.lower() for a in self.aliases))

    def parse(self, raw: str) -> Any:
        text = raw.strip()
        if self.kind == "str":
            return raw
        if self.kind == "bool":
            low = text.lower()
            if low in TRUE:
                return True
            if low in FALSE:
                return False
            raise AttributeError_(f'{self.name}="{raw}" must be true or false')
        if self.kind == "int":
            if WHOLE_FLOAT_RE.match(text):  # "5.0" is a whole number too (parseInt reads 5)
                text = text.split(".")[0]
            if not INT_RE.match(text):
                raise AttributeError_(f'{self.name}="{cut(raw)}" must be a whole number')
            if len(text.lstrip("+-0")) > MAX_DIGITS:
                raise AttributeError_(f'{self.name}="{cut(raw)}" is too large '
                                      f"(more than {MAX_DIGITS} digits)")
            return int(text)
        if self.kind == "float":
            try:
                number = float(text)
            except ValueError:
                raise AttributeError_(f'{self.name}="{cut(raw)}" must be a number') from None
            if not math.isfinite(number):
                # NaN compares false with everything: a NaN min would let any value through.
                raise AttributeError_(f'{self.name}="{cut(raw)}" must be a finite number '
                                      "(not NaN, not infinite, at most about 1.8e308)")
            return number
        if self.kind == "enum":
            if text.lower() in self.choices:
                return text.lower()
            allowed = ", ".join(f'"{c}"' for c in self.choices)
            raise AttributeError_(f'{self.name}="{raw}" must be one of {allowed}')
        if self.kind == "column":
            if not COLUMN_RE.match(text):
                raise AttributeError_(
                    f'{self.name}="{raw}" must name a data column as $column '
                    "(a $ then letters, digits or _)"
                )
            return text[1:]
        if self.kind == "source":
            # An object tag shows a data column ($column) or, as Label Studio allows, literal text.
            if not text.startswith("$"):
                return ("literal", raw)
            if not SOURCE_RE.match(text):
                raise AttributeError_(
                    f'{self.name}="{raw}" is not a valid $column reference '
                    "(a $ then letters, digits or _)"
                )
            return ("column", text[1:])
        if self.kind == "names":
            names = [part.strip() for part in text.split(",")]
            if not all(names):
                raise AttributeError_(
                    f'{self.name}="{raw}" must be a comma-separated list of names'
                )
            return names
        raise AssertionError(f"unknown attribute kind {self.kind}")
