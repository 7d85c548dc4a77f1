"""The CSS of a config (``<Style>``, ``style`` on ``<View>``), kept inside its widget.

Label Studio puts a ``<Style>`` into its own page. In a notebook the same CSS would restyle
JupyterLab, so every rule is rewritten to apply only inside one Annotator (its ``scope``
selector), and what could reach outside is left out, each with the reason:

- at-rules other than ``@media``/``@supports``/``@container`` (``@import`` loads files,
  ``@font-face`` fetches fonts, ``@keyframes``/``@layer``/``@property`` are page-wide names);
- declarations that load something: ``url(...)`` (other than a ``data:`` image), ``image-set``,
  ``src()``, and the old script hooks (``expression()``, ``behavior``, ``-moz-binding``);
- ``position: fixed``, which takes an element out of the widget onto the page.

The CSS is parsed with tinycss2 and written back from its tokens, so a brace or a comment in
the text cannot end a rule early. Heights in ``vh`` meant Label Studio's screen; in a notebook
the widget is one output among others, so ``1vh`` becomes ``var(--lw-vh)`` (a share of the
window set in labelwidget.css): a ``height: 100vh`` template fits on screen with its toolbar.
A ``<View>`` is a plain block in Label Studio; here it is an ipywidgets box shown as a block
whose class still says "column" to a flex layout, so a rule that sets ``display: flex``
without a direction gets ``flex-direction: row``, as it would on a block.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import tinycss2

from ..config import ConfigIssue, Tag
from ..values import short

NESTING_AT_RULES = {"media", "supports", "container"}
SCRIPT_PROPERTIES = {"behavior", "-moz-binding"}
LOADING_FUNCTIONS = {"image-set", "-webkit-image-set", "src", "expression", "element"}
CLASS_TOKEN = re.compile(r"^-?[A-Za-z_][A-Za-z0-9_-]*$")
# Class prefixes of JupyterLab, Lumino and ipywidgets: a config's className must not take
# their page-wide styles and behaviour (or ours).
HOST_PREFIXES = ("jp-", "lm-", "p-", "widget-", "jupyter-", "lw-")


@dataclass
class Sheet:
    """CSS collected while compiling one config, scoped to ``scope`` (a selector)."""

    scope: str
    rules: list[str] = field(default_factory=list)
    # What was left out, each naming the tag (and attribute) it came from.
    left_out: list[ConfigIssue] = field(default_factory=list)

    @property
    def css(self) -> str:
        return "\n".join(self.rules)

    def add_stylesheet(self, text: str, where: Tag) -> None:
        """The CSS of ``where`` (a ``<Style>``)."""
        try:
            nodes = tinycss2.parse_stylesheet(text, skip_comments=True, skip_whitespace=True)
        except ValueError as exc:  # e.g. a number of 5,000 digits (Python's int limit)
            self.note(where, f"the whole CSS, which cannot be read ({short(str(exc), 80)})")
            return
        self.rules.extend(self._rules(nodes, where))

    def add_declarations(self, selector: str, text: str, where: Tag, attribute: str) -> None:
        """The ``attribute`` (``style="..."``) of ``where`` as a rule for ``selector``."""
        where = _Place(where, attribute)
        try:
            nodes = tinycss2.parse_blocks_contents(text)
        except ValueError as exc:  # e.g. a number of 5,000 digits (Python's int limit)
            self.note(where, f"the whole style, which cannot be read ({short(str(exc), 80)})")
            return
        body = self._declarations(nodes, where)
        if body:
            self.rules.append(f"{self.scope} {selector} {{ {body} }}")

    def note(self, where, what: str) -> None:
        """Say that ``what`` of ``where`` (a tag, or a tag's attribute) was left out."""
        place = where if isinstance(where, _Place) else _Place(where, None)
        prefix = f"{place.attribute}: " if place.attribute else ""
        tag = place.tag
        self.left_out.append(ConfigIssue(tag.line, tag.tag_name, tag.name,
                                         f"{prefix}left out {what}"))

    # -- rules ---------------------------------------------------------------------------------
    def _rules(self, nodes, where) -> list[str]:
        out: list[str] = []
        for node in nodes:
            if node.type == "error":
                continue  # not CSS: a browser skips it the same way, nothing to say
            if node.type == "at-rule":
                out.extend(self._at_rule(node, where))
            elif node.type == "qualified-rule":
                rule = self._rule(node, where)
                if rule:
                    out.append(rule)
        return out

    def _at_rule(self, node, where) -> list[str]:
        name = node.lower_at_keyword
        if name not in NESTING_AT_RULES or node.content is None:
            self.note(where, f"@{name} (only @media, @supports and @container rules are "
                             "kept: other at-rules load files or act on the whole page)")
            return []
        inner = tinycss2.parse_rule_list(node.content, skip_comments=True, skip_whitespace=True)
        rules = self._rules(inner, where)
        if not rules:
            return []
        prelude = tinycss2.serialize(node.prelude).strip()
        return [f"@{name} {prelude} {{\n" + "\n".join(rules) + "\n}"]

    def _rule(self, node, where) -> str | None:
        selectors = _split_commas(node.prelude)
        scoped = [f"{self.scope} {s}" for s in selectors if s]
        if not scoped:
            return None
        body = self._declarations(tinycss2.parse_blocks_contents(node.content), where)
        if not body:
            return None
        return f"{', '.join(scoped)} {{ {body} }}"

    # -- declarations --------------------------------------------------------------------------
    def _declarations(self, nodes, where) -> str:
        kept: list[tuple[str, str]] = []
        for node in nodes:
            if node.type in ("whitespace", "comment"):
                continue
            if node.type == "error":
                continue  # not CSS: a browser skips it the same way, nothing to say
            if node.type != "declaration":
                self.note(where, "a rule nested inside a rule")
                continue
            name = node.lower_name
            value = _serialize(node.value).strip()
            reason = _unsafe(name, node.value)
            if reason:
                self.note(where, f"{name}: {value} ({reason})")
                continue
            kept.append((name, value + (" !important" if node.important else "")))
        names = {name for name, _ in kept}
        flex = any(n == "display" and v.split()[0].lower() in ("flex", "inline-flex")
                   for n, v in kept if v)
        if flex and not names & {"flex-direction", "flex-flow"}:
            kept.append(("flex-direction", "row"))
        return " ".join(f"{name}: {value};" for name, value in kept)


VIEWPORT_HEIGHTS = {"vh", "dvh", "svh", "lvh"}


def _serialize(tokens) -> str:
    """Declaration value as CSS, with viewport heights made relative to ``--lw-vh``."""
    out = []
    for token in tokens:
        if token.type == "dimension" and token.lower_unit in VIEWPORT_HEIGHTS:
            out.append(f"calc({token.representation} * var(--lw-vh, 1vh))")
        elif token.type == "function":
            out.append(f"{tinycss2.serialize([token])[: len(token.name) + 1]}"
                       f"{_serialize(token.arguments)})")
        else:
            out.append(tinycss2.serialize([token]))
    return "".join(out)


@dataclass(frozen=True)
class _Place:
    tag: Tag
    attribute: str | None


def _split_commas(tokens) -> list[str]:
    parts: list[list] = [[]]
    for token in tokens:
        if token.type == "literal" and token.value == ",":
            parts.append([])
        else:
            parts[-1].append(token)
    return [tinycss2.serialize(p).strip() for p in parts]


def _unsafe(name: str, value_tokens) -> str | None:
    """Why a declaration cannot be kept, or None."""
    if name in SCRIPT_PROPERTIES:
        return "runs code in old browsers"
    if name == "position" and tinycss2.serialize(value_tokens).strip().lower().startswith("fixed"):
        return "a fixed element leaves the widget"
    for token in _walk(value_tokens):
        if token.type == "url" and not _data_image(token.value):
            return "loads a file from elsewhere"
        if token.type == "function":
            fn = token.lower_name
            if fn == "url":
                args = [t for t in token.arguments if t.type == "string"]
                if not (args and _data_image(args[0].value)):
                    return "loads a file from elsewhere"
            elif fn in LOADING_FUNCTIONS:
                return f"{fn}() loads or runs something"
    return None


def _walk(tokens):
    for token in tokens:
        yield token
        if token.type == "function":
            yield from _walk(token.arguments)
        elif token.type in ("() block", "[] block", "{} block"):
            yield from _walk(token.content)


def _data_image(url: str) -> bool:
    return url.strip().lower().startswith("data:image/")


def class_names(value: str | None) -> tuple[list[str], list[str]]:
    """``className="a b"`` -> (classes to add, classes refused); refused: not a plain CSS
    class name, or one of JupyterLab's/ipywidgets'/labelwidget's own."""
    keep, refused = [], []
    for token in (value or "").split():
        if CLASS_TOKEN.match(token) and not token.lower().startswith(HOST_PREFIXES):
            keep.append(token)
        else:
            refused.append(token)
    return keep, refused
