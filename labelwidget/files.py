"""Reading a text file the user names (a labeling config, a Label Studio export): one place
that finds its encoding and, when it cannot be read, says which file and why.

The rule, for XML and JSON alike:

- a byte-order mark decides (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE), and is dropped;
- without one, zero bytes in the first characters reveal UTF-16/UTF-32 (both formats start
  with ASCII: ``<``, ``[``, ``{`` or a blank), as the XML and JSON specifications describe;
- otherwise XML follows its declaration (``<?xml ... encoding="ISO-8859-1"?>``) and JSON must
  be UTF-8 (RFC 8259; Label Studio writes UTF-8);
- text that does not decode is refused with the file, line, column and byte, never guessed
  (a wrong guess would turn "Café" into "CafÃ©" silently).

A Python ``str`` is already decoded text: its XML declaration's ``encoding`` is ignored (see
``labelwidget.config.parse``), never applied a second time.
"""

from __future__ import annotations

import codecs
import os
import re
from pathlib import Path

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),  # before UTF-16 LE, whose BOM it starts with
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)
_DECLARED = re.compile(rb"""^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""")


class TextProblem(ValueError):
    """Bytes that are not text in the encoding they claim (or UTF-8); the message says where.
    ``declared`` is the XML declaration's encoding when that is what was followed."""

    def __init__(self, message: str, declared: str | None = None):
        super().__init__(message)
        self.declared = declared


def read_file(path: str | os.PathLike, what: str) -> bytes:
    """The bytes of ``path``; a missing file, a directory or an unreadable file is an OSError
    whose message names ``what`` (e.g. "labeling config file") and the path."""
    path = Path(path)
    try:
        is_dir, exists = path.is_dir(), path.exists()
    except (OSError, ValueError) as exc:  # a NUL character, a name too long
        raise FileNotFoundError(f"{what} not found: {str(path)[:200]!r} is not a usable path "
                                f"({exc})") from None
    if is_dir:
        raise IsADirectoryError(f"{what} {str(path)!r} is a directory; give the path of a file")
    if not exists:
        raise FileNotFoundError(f"{what} not found: {path}")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise type(exc)(f"{what} {str(path)!r} cannot be read: {exc.strerror or exc}") from None


def decode(data: bytes, where: str) -> str:
    """JSON (or other) bytes as text, by the rule above; ``where`` names them in messages
    ("the file x.json"). The byte-order mark is dropped. Raises :class:`TextProblem`."""
    return decode_xml(data, where, declaration=False)[0]


def decode_xml(data: bytes, where: str, *, declaration: bool = True) -> tuple[str, str | None]:
    """(text, the declared encoding when it was the one followed) for XML bytes."""
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            return _decode(data[len(bom):], codec, name, where, offset=len(bom)), None
    zero = _zero_pattern(data[:4])
    if zero is not None:
        codec, name = zero
        return _decode(data, codec, name, where), None
    declared = _declared(data) if declaration else None
    if declared is not None and codecs.lookup(declared).name != "utf-8":
        if not data.isascii() and _is_utf8(data):
            # Bytes that are valid UTF-8 beyond ASCII are almost never Latin-1 text: the
            # declaration is stale (an editor saved UTF-8 and kept it). Either reading would
            # be a guess, and following it would turn "Café" into "CafÃ©".
            raise TextProblem(
                f'{where} declares encoding="{declared}" (line 1) but its bytes are UTF-8 '
                f"(read as {declared}, \"Café\" would become \"CafÃ©\"): correct the "
                'declaration to encoding="UTF-8" or remove it', declared)
        text = _decode(data, codecs.lookup(declared).name, declared, where, declared=declared)
        return text, declared
    return _decode(data, "utf-8", "UTF-8", where), None


def _declared(data: bytes) -> str | None:
    found = _DECLARED.match(data[:400])
    if not found:
        return None
    name = found.group(1).decode("ascii")
    try:
        codecs.lookup(name)
    except LookupError:
        raise TextProblem(f'the XML declaration says encoding="{name}", which is not a known '
                          "encoding (e.g. UTF-8, ISO-8859-1, windows-1252)", name) from None
    return name


def _zero_pattern(head: bytes) -> tuple[str, str] | None:
    if len(head) >= 4 and head[:3] == b"\0\0\0" and head[3]:
        return "utf-32-be", "UTF-32"
    if len(head) >= 4 and head[0] and head[1:4] == b"\0\0\0":
        return "utf-32-le", "UTF-32"
    if len(head) >= 2 and head[0] == 0 and head[1]:
        return "utf-16-be", "UTF-16"
    if len(head) >= 2 and head[0] and head[1] == 0:
        return "utf-16-le", "UTF-16"
    return None


def _decode(data: bytes, codec: str, name: str, where: str, *, offset: int = 0,
            declared: str | None = None) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        position = exc.start + offset
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        byte = data[exc.start:exc.start + 1].hex().upper()
        source = (f'as its XML declaration says (encoding="{declared}")' if declared
                  else "")
        hint = ""
        if name == "UTF-8" and not declared:
            hint = ("; it may be Latin-1 or Windows-1252: save it as UTF-8"
                    + (', or declare its encoding: <?xml version="1.0" encoding="ISO-8859-1"?>'
                       if _looks_xml(data) else ""))
        raise TextProblem(
            f"{where} is not {name} text {source}".rstrip() +
            f": byte 0x{byte} at line {line}, column {column} (offset {position}) "
            f"cannot be decoded{hint}", declared) from None


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _looks_xml(data: bytes) -> bool:
    return data.lstrip()[:1] == b"<"
