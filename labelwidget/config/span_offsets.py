"""Where a span is in its document: Python string indices (code points) against the UTF-16
units JavaScript counts, a span's shown ``text`` against the text at its offsets, and the
offsets of a Text span or the XPaths and global offsets of a HyperText span checked and
completed (the value model of config/spans.py calls these)."""

from __future__ import annotations

from collections.abc import Mapping

from ..values import whole_number
from .hypertext import HtmlText


def index_to_utf16(text: str, index: int) -> int:
    """The UTF-16 offset (what JavaScript counts) of the Python string index ``index``."""
    return index + sum(1 for ch in text[:index] if ord(ch) > 0xFFFF)


def utf16_to_index(text: str, offset: int) -> int:
    """The Python string index of UTF-16 offset ``offset``; raises ValueError when the offset
    falls inside a surrogate pair or beyond the text."""
    units = 0
    for i, ch in enumerate(text):
        if units == offset:
            return i
        units += 2 if ord(ch) > 0xFFFF else 1
        if units > offset:
            raise ValueError(f"UTF-16 offset {offset} splits the character {ch!r} at index {i}")
    if units == offset:
        return len(text)
    raise ValueError(f"UTF-16 offset {offset} is beyond the text ({units} UTF-16 units)")


def same_text(shown: str, actual: str, *, html: bool = False) -> bool:
    """Whether a span's ``text`` is the text at its offsets, whitespace aside.

    Label Studio's editor writes ``text`` from the browser's selection, which collapses runs of
    whitespace (``"4   cm"`` becomes ``"4 cm"``, ``"\r\n"`` a ``"\n"``), keeps or drops
    whitespace at the ends and, in HyperText, adds line breaks between blocks that the
    document's text does not have; the offsets point at the data, and its SDK does not compare
    the two. So a Text span's ``text`` may differ from the text at its offsets in the length of
    each run of whitespace and in whitespace at either end (the same words, split alike); a
    HyperText span's also in whitespace between any two characters (the same characters once
    all whitespace is removed). The offsets win: the cell's ``text`` becomes what they cover.
    """
    if shown == actual:
        return True
    if html:
        return "".join(shown.split()) == "".join(actual.split())
    return shown.split() == actual.split()


def check_text_offsets(i: int, span: dict, text: str | None) -> None:
    """Check (and complete) a Text span's ``start``/``end`` against ``text`` (None: no row)."""
    for key in ("start", "end"):
        if key not in span:
            raise ValueError(f"span {i}: missing {key!r} ({span_keys(span)})")
        span[key] = whole_number(span[key], f"span {i}: {key}")
    start, end = span["start"], span["end"]
    if start < 0 or start >= end:
        raise ValueError(f"{describe_span(i, span)}: start must be at least 0 and less than end")
    shown = span.get("text")
    if shown is not None and not isinstance(shown, str):
        raise ValueError(f"{describe_span(i, span)}: text must be a string, got {shown!r}")
    if text is None:
        return
    if end > len(text):
        raise ValueError(f"{describe_span(i, span)}: end {end} is beyond the text "
                         f"({len(text)} characters){_utf16_hint(text, span)}")
    actual = text[start:end]
    if shown is None or same_text(shown, actual):
        span["text"] = actual
    else:
        raise ValueError(f"{describe_span(i, span)}: the task's text at {start}:{end} is "
                         f"{actual!r}, not {shown!r}{_utf16_hint(text, span)}")


def check_html_offsets(i: int, span: dict, doc: HtmlText | None) -> None:
    """Check a HyperText span's XPaths and offsets or ``globalOffsets`` against ``doc`` and
    fill in the other (None: no row)."""
    has_paths = all(k in span for k in ("start", "end", "startOffset", "endOffset"))
    glob = span.get("globalOffsets")
    if not has_paths and glob is None:
        raise ValueError(f"span {i}: needs start/end XPaths with startOffset/endOffset, or "
                         f"globalOffsets ({span_keys(span)})")
    if has_paths:
        for key in ("start", "end"):
            if not isinstance(span[key], str):
                raise ValueError(f"span {i}: {key} must be an XPath like "
                                 f"'/p[1]/text()[1]', got {span[key]!r}")
        for key in ("startOffset", "endOffset"):
            span[key] = whole_number(span[key], f"span {i}: {key}")
            if span[key] < 0:
                raise ValueError(f"span {i}: {key} must be at least 0")
    if glob is not None:
        if not isinstance(glob, Mapping) or "start" not in glob or "end" not in glob:
            raise ValueError(f"span {i}: globalOffsets must be {{'start': int, 'end': int}}, "
                             f"got {glob!r}")
        glob = {"start": whole_number(glob["start"], f"span {i}: globalOffsets.start"),
                "end": whole_number(glob["end"], f"span {i}: globalOffsets.end")}
        if glob["start"] < 0 or glob["start"] >= glob["end"]:
            raise ValueError(f"span {i}: globalOffsets start must be at least 0 and less "
                             "than end")
        span["globalOffsets"] = glob
    shown = span.get("text")
    if shown is not None and not isinstance(shown, str):
        raise ValueError(f"span {i}: text must be a string, got {shown!r}")
    if doc is None:
        return
    where = f"span {i}" + (f" {shown!r}" if shown is not None else "")
    try:
        if has_paths:
            start = doc.to_global(span["start"], span["startOffset"])
            end = doc.to_global(span["end"], span["endOffset"])
            if glob is not None and (glob["start"], glob["end"]) != (start, end):
                raise ValueError(
                    f"globalOffsets {glob['start']}:{glob['end']} disagree with the XPaths, "
                    f"which give {start}:{end}"
                )
        else:
            start, end = glob["start"], glob["end"]
            if end > len(doc.text):
                raise ValueError(f"globalOffsets end {end} is beyond the document's text "
                                 f"({len(doc.text)} characters)")
            span["start"], span["startOffset"] = doc.to_node(start, end=False)
            span["end"], span["endOffset"] = doc.to_node(end, end=True)
    except ValueError as exc:
        raise ValueError(f"{where}: {exc}") from None
    if start >= end:
        raise ValueError(f"{where}: the span is empty or ends before it starts")
    span["globalOffsets"] = {"start": start, "end": end}
    actual = doc.text[start:end]
    if shown is None or same_text(shown, actual, html=True):
        span["text"] = actual
    else:
        raise ValueError(f"{where}: the document's text there is {actual!r}, not {shown!r}")

def span_keys(span: Mapping) -> str:
    return "keys: " + ", ".join(map(str, span)) if span else "an empty dict"


def describe_span(i: int, span: Mapping) -> str:
    ident = f" (id {span['id']!r})" if span.get("id") else ""
    where = f" [{span.get('start')}:{span.get('end')}]"
    shown = f" {span['text']!r}" if isinstance(span.get("text"), str) else ""
    return f"span {i}{ident}{where}{shown}"


def _utf16_hint(text: str, span: Mapping) -> str:
    """Explain offsets that only fit when read as JavaScript's UTF-16 units."""
    try:
        start = utf16_to_index(text, span["start"])
        end = utf16_to_index(text, span["end"])
    except (ValueError, TypeError):
        return ""
    shown = span.get("text")
    if start == span["start"] and end == span["end"]:
        return ""
    if shown is None or text[start:end] == shown:
        return (f" (these look like UTF-16 offsets as JavaScript counts them; labelwidget uses "
                f"Python string indices: {start}:{end})")
    return ""
