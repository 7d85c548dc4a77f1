"""CoNLL 2003: one ``token -X- _ tag`` line per token, BIO tags from the spans of a Labels
control on a Text, a blank line after each task; written task by task.

A token is tagged when it overlaps a span; spans are taken in start order and a span that
starts inside an earlier one only tags the tokens after the earlier one ends (what Label
Studio's converter does). Tokens come from ``tokenizer`` (text -> (start, end) pairs); the
default splits words and punctuation, see README.md for how it differs from Label Studio's.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path

from ..config import parse_config
from ._images import FormatError
from ._output import atomic_file
from ._records import iter_records, raise_issues

# A word (letters/digits/underscore, joined by inner hyphens, apostrophes or dots, so that
# "state-of-the-art", "don't", "3.88" and "U.S" stay whole), or any other single character
# that is not a space.
_TOKEN = re.compile(r"\w+(?:[-'’.,]\w+)*|[^\w\s]")

Tokenizer = Callable[[str], Iterable[tuple[int, int]]]


def default_tokenizer(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _TOKEN.finditer(text)]


def bio_tags(tokens: list[tuple[int, int]], spans: list[dict]) -> list[str]:
    """BIO tag per token (``start``/``end`` end-exclusive character offsets)."""
    ordered = sorted(spans or [], key=lambda s: s["start"])
    tags = []
    current = None
    upcoming = iter(ordered)
    prefix = "B-"
    for start, end in tokens:
        # Move on while the current span ends before this token (keep the last one).
        while current is None or start >= current["end"]:
            following = next(upcoming, None)
            if following is None:
                break
            current, prefix = following, "B-"
        if current is not None and start < current["end"] and end > current["start"] \
                and current.get("labels"):
            tags.append(prefix + current["labels"][0])
            prefix = "I-"
        else:
            tags.append("O")
    return tags


def span_control(config, control: str | None = None):
    """The Labels control(s) on a Text the export reads: ``control`` or every one, in order."""
    candidates = []
    for tag in config.controls.values():
        if tag.scope != "region" or not tag.to_name:
            continue
        target = config.objects.get(tag.to_name[0])
        if target is not None and target.tag_name == "Text":
            candidates.append(tag)
    if control is not None:
        chosen = [c for c in candidates if c.name == control]
        if not chosen:
            raise FormatError(f"control {control!r} is not a Labels control on a <Text> "
                              f"(those are: {', '.join(c.name for c in candidates) or 'none'})")
        return chosen
    if not candidates:
        raise FormatError("CoNLL export needs <Labels> on a <Text>; this config has controls: "
                          + (", ".join(config.controls) or "none"))
    return candidates


def write_conll(df, config, path, *, meta=None, predictions=None, columns=None,
                tokenizer: Tokenizer | None = None, control: str | None = None) -> Path:
    """Write CoNLL 2003 to ``path``. ``control`` picks the Labels control when there are
    several (default: per task, the first one in the config that has spans)."""
    config = parse_config(config)
    controls = span_control(config, control)
    tokenize = tokenizer or default_tokenizer
    path = Path(path)
    issues: list = []
    with atomic_file(path) as out:
        out.write("-DOCSTART- -X- O\n")
        for record in iter_records(df, config, meta=meta, columns=columns, issues=issues):
            if record.cancelled:
                continue
            chosen = next((c for c in controls if record.cells.get(c.name)), controls[0])
            spans = record.cells.get(chosen.name) or []
            column = config.objects[chosen.to_name[0]].column
            text = record.data.get(column) or ""
            tokens = [(int(s), int(e)) for s, e in tokenize(text)]
            tags = bio_tags(tokens, spans)
            out.writelines(f"{text[s:e]} -X- _ {tag}\n"
                           for (s, e), tag in zip(tokens, tags, strict=True))
            out.write("\n")
        raise_issues(issues)
    return path
