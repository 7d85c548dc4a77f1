"""Errors raised for a labeling config, written for the person who wrote the XML."""

from __future__ import annotations

import sys
import warnings
from dataclasses import dataclass
from pathlib import Path

_PACKAGE = str(Path(__file__).resolve().parent.parent)


@dataclass(frozen=True)
class ConfigIssue:
    """One problem found in a labeling config (or, in a ConfigWarning, one attribute ignored:
    ``attribute`` is then its name as written and ``message`` the reason)."""

    line: int | None
    tag: str | None
    name: str | None
    message: str
    attribute: str | None = None

    @property
    def where(self) -> str:
        """``line 4 <Choices name="mood">``."""
        line = f"line {self.line} " if self.line is not None else ""
        label = f'<{self.tag} name="{self.name}">' if self.name else f"<{self.tag}>"
        return line + label

    def __str__(self) -> str:
        where = f"line {self.line}: " if self.line is not None else ""
        if self.tag is None:
            return f"{where}{self.message}"
        label = f'<{self.tag} name="{self.name}">' if self.name else f"<{self.tag}>"
        return f"{where}{label} {self.message}"


class ConfigError(ValueError):
    """Every problem of a labeling config, collected and raised at once.

    ``issues`` holds them as data (line, tag, name, message); ``str(error)`` lists them one per
    line, so a person can fix the whole config in one pass instead of one error at a time.
    """

    def __init__(self, issues: list[ConfigIssue]):
        self.issues = list(issues)
        count = len(self.issues)
        head = "the labeling config has 1 problem" if count == 1 else (
            f"the labeling config has {count} problems"
        )
        super().__init__(head + ":\n" + "\n".join(f"  {issue}" for issue in self.issues))


class ConfigWarning(UserWarning):
    """What labelwidget does differently from Label Studio with a labeling config, in one
    warning: the attributes it accepts and ignores, or (``head`` given) other notes such as a
    control's values going to a column not named after it.

    ``issues`` holds each one as data; ``str(warning)`` lists unknown attributes one per line
    (with a did-you-mean) and groups the Label Studio attributes ignored for one reason, so a
    template full of ``style=`` stays readable. Silence it with
    ``warnings.filterwarnings("ignore", category=lw.ConfigWarning)``.
    """

    def __init__(self, issues: list[ConfigIssue], head: str | None = None):
        self.issues = list(issues)
        count = len(self.issues)
        if head is None:
            head = ("labelwidget ignores 1 attribute of the labeling config" if count == 1 else
                    f"labelwidget ignores {count} attributes of the labeling config")
        lines = [f"  {issue}" for issue in self.issues if issue.attribute is None]
        # reason -> attribute -> the places that set it
        groups: dict[str, dict[str, list[ConfigIssue]]] = {}
        for issue in self.issues:
            if issue.attribute is not None:
                by_name = groups.setdefault(issue.message, {})
                by_name.setdefault(issue.attribute.lower(), []).append(issue)
        for reason, by_name in groups.items():
            lines.append(f"  {reason}:")
            for places in by_name.values():
                shown = ", ".join(place.where for place in places[:SHOWN])
                more = f" and {len(places) - SHOWN} more" if len(places) > SHOWN else ""
                lines.append(f"    {places[0].attribute} ({shown}{more})")
        super().__init__(head + ":\n" + "\n".join(lines))


# Places listed per ignored attribute in a ConfigWarning.
SHOWN = 3


class IssueCollector:
    """Gathers issues while a config is parsed and checked; raises them together."""

    def __init__(self) -> None:
        self.issues: list[ConfigIssue] = []
        # What is accepted but ignored (a ConfigWarning), apart from what is refused.
        self.notes: list[ConfigIssue] = []

    def note(self, node, message: str, attribute: str | None = None) -> None:
        """An attribute accepted and ignored: ``attribute`` (as spelled) with the reason as
        ``message``, or without ``attribute`` a message of its own (unknown attributes)."""
        self.notes.append(ConfigIssue(getattr(node, "line", None), getattr(node, "tag", None),
                                      getattr(node, "name", None), message, attribute))

    def add(self, node, message: str) -> None:
        line = getattr(node, "line", None)
        tag = getattr(node, "tag", None)
        name = getattr(node, "name", None)
        self.issues.append(ConfigIssue(line, tag, name, message))

    def add_at(self, line: int | None, tag: str | None, name: str | None, message: str) -> None:
        self.issues.append(ConfigIssue(line, tag, name, message))

    def warn_if_any(self) -> None:
        if self.notes:
            warnings.warn(ConfigWarning(self.notes), stacklevel=caller_level())

    def raise_if_any(self) -> None:
        if self.issues:
            raise ConfigError(self.issues)


def caller_level() -> int:
    """The stacklevel of the first frame outside labelwidget, so a warning points at the
    user's line (Annotator(...), lw.parse_config(...)) rather than at our own code."""
    level, frame = 1, sys._getframe(1)
    while frame is not None and frame.f_code.co_filename.startswith(_PACKAGE):
        frame = frame.f_back
        level += 1
    return level
