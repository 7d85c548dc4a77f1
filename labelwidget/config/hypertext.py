"""HyperText as the browser sees it: markup sanitized (data, never code) and parsed into text
nodes the way a DOM holds them, so a span's XPaths and offsets can be checked in Python."""

from __future__ import annotations

from collections import Counter
from html.parser import HTMLParser

import nh3


def sanitize_html(markup: str) -> str:
    """HyperText is data, never code: no scripts, no event handlers, no javascript: URLs."""
    return nh3.clean(markup, url_schemes={"http", "https", "mailto"},
                     link_rel="noopener noreferrer nofollow")


_VOID = frozenset(("area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link",
                   "meta", "param", "source", "track", "wbr"))
_DROP_FIRST_NEWLINE = frozenset(("pre", "listing", "textarea"))


class HtmlText:
    """The text nodes of sanitized HTML, in document order, as a browser's DOM holds them.

    ``text`` is the document's text content; ``nodes`` lists ``(xpath, start, end)`` with the
    code-point range of each text node in ``text``. XPaths are relative to the root container,
    Label Studio style: ``/p[1]/b[1]/text()[1]`` (1-based, counted among same-named siblings).
    An XPath may also name an element (``/p[2]``, or ``/`` for the root): its offset then counts
    characters of that element's text content, as the ``xpath-range`` library that Label
    Studio's editor serializes selections with reads it.
    """

    def __init__(self, markup: str):
        parser = _TextNodes()
        parser.feed(markup)
        parser.close()
        parser.flush()
        parser.close_elements(0)
        self.nodes: list[tuple[str, int, int]] = parser.nodes
        self.text = "".join(parser.chunks)
        self._by_xpath = {x: (s, e) for x, s, e in self.nodes}
        self._elements = {"/": (0, len(self.text)), **parser.elements}

    def to_global(self, xpath: str, offset: int) -> int:
        path = _normal_xpath(xpath)
        where = self._by_xpath.get(path)
        what = "the text node"
        if where is None:
            where = self._elements.get(path)
            what = "the element"
        if where is None:
            kind = "text node" if path.rsplit("/", 1)[-1].startswith("text()") else "element"
            raise ValueError(f"the document has no {kind} {xpath!r}")
        start, end = where
        if not 0 <= offset <= end - start:
            raise ValueError(
                f"offset {offset} is outside {what} {xpath!r} ({end - start} characters)"
            )
        return start + offset

    def to_node(self, index: int, *, end: bool) -> tuple[str, int]:
        """(xpath, offset) of a global index: a start prefers the node beginning there, an end
        the node ending there."""
        best = None
        for xpath, start, stop in self.nodes:
            if start <= index <= stop:
                if end and start < index:
                    return xpath, index - start
                if not end and index < stop:
                    return xpath, index - start
                best = best or (xpath, index - start)
        if best is None:
            raise ValueError(f"offset {index} is outside the document's text ({len(self.text)})")
        return best


def _normal_xpath(xpath: str) -> str:
    parts = [p for p in xpath.strip().split("/") if p]
    out = []
    for part in parts:
        out.append(part if part.endswith("]") else f"{part}[1]")
    return "/" + "/".join(p.lower() if not p.startswith("text()") else p for p in out)


class _TextNodes(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        # Stack of (tag, xpath, counts of child names)
        self.stack: list[tuple[str, str, Counter]] = [("", "", Counter())]
        self.nodes: list[tuple[str, int, int]] = []
        # Element xpath -> (start, end) of its text content; open elements -> their start.
        self.elements: dict[str, tuple[int, int]] = {}
        self.opened: dict[str, int] = {}
        self.chunks: list[str] = []
        self.pending: list[str] = []
        self.length = 0
        self.drop_newline = False

    def flush(self):
        if not self.pending:
            return
        data = "".join(self.pending)
        self.pending = []
        if not data:
            return
        _, path, counts = self.stack[-1]
        counts["text()"] += 1
        size = len(data)
        self.nodes.append((f"{path}/text()[{counts['text()']}]", self.length, self.length + size))
        self.chunks.append(data)
        self.length += size

    def handle_starttag(self, tag, attrs):
        self.flush()
        tag = tag.lower()
        _, path, counts = self.stack[-1]
        counts[tag] += 1
        xpath = f"{path}/{tag}[{counts[tag]}]"
        self.drop_newline = tag in _DROP_FIRST_NEWLINE
        if tag in _VOID:
            self.elements[xpath] = (self.length, self.length)
        else:
            self.stack.append((tag, xpath, Counter()))
            self.opened[xpath] = self.length

    def close_elements(self, depth: int) -> None:
        """Close the open elements from ``depth`` up (depth 0, the root, is never closed)."""
        for _, xpath, _ in self.stack[max(depth, 1):]:
            self.elements[xpath] = (self.opened.pop(xpath), self.length)
        del self.stack[max(depth, 1):]

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag.lower() not in _VOID and len(self.stack) > 1:
            self.flush()
            self.close_elements(len(self.stack) - 1)

    def handle_endtag(self, tag):
        self.flush()
        self.drop_newline = False
        tag = tag.lower()
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth][0] == tag:
                self.close_elements(depth)
                return

    def handle_data(self, data):
        if self.drop_newline:
            self.drop_newline = False
            if data.startswith("\r\n"):
                data = data[2:]
            elif data.startswith("\n"):
                data = data[1:]
        if data:
            self.pending.append(data)
