"""Errors raised for a labeling config, written for the person who wrote the XML."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ConfigIssue:
    """One problem found in a labeling config."""

    line: int | None
    tag: str | None
    name: str | None
    message: str

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


class IssueCollector:
    """Gathers issues while a config is parsed and checked; raises them together."""

    def __init__(self) -> None:
        self.issues: list[ConfigIssue] = []

    def add(self, node, message: str) -> None:
        line = getattr(node, "line", None)
        tag = getattr(node, "tag", None)
        name = getattr(node, "name", None)
        self.issues.append(ConfigIssue(line, tag, name, message))

    def add_at(self, line: int | None, tag: str | None, name: str | None, message: str) -> None:
        self.issues.append(ConfigIssue(line, tag, name, message))

    def raise_if_any(self) -> None:
        if self.issues:
            raise ConfigError(self.issues)
