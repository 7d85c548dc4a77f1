"""The DateTime control tag: a date, time, month or year stored as text in the tag's format."""

from __future__ import annotations

import re
from datetime import datetime, time

from ..values import short
from .attributes import UNUSED, Attr
from .controls import PerRegion, result_field
from .registry import registry
from .tags import ControlTag

# Label Studio's stored formats per ``only`` (strftime); ``format`` overrides them.
DATETIME_FORMATS = {
    "datetime": "%Y-%m-%dT%H:%M",
    "date": "%Y-%m-%d",
    "time": "%H:%M",
    "month": "%Y-%m",
    "year": "%Y",
}


@registry.register("DateTime")
class DateTime(PerRegion, ControlTag):
    attributes = (
        # Label Studio takes a comma-separated list of parts: "date", "time", "date,time",
        # "month", "month,year", "year" ("date" wins over month/year).
        Attr("only"),
        Attr("format"),
        Attr("min"),
        Attr("max"),
        # Label Studio's DateTime model declares these and never uses them: ignored, with a
        # note (hotkey under another name, so it joins no hotkey check).
        Attr("step"),
        Attr("defaultValue"),
        Attr("unusedHotkey", aliases=("hotkey",)),
    )
    may_omit_to_name = True
    result_type = "datetime"
    PARTS = ("date", "time", "month", "year")

    @property
    def parts(self) -> set[str]:
        return {p.strip().lower() for p in (self.attrs.get("only") or "").split(",") if p.strip()}

    @property
    def mode(self) -> str:
        """datetime | date | time | month | year: what the widget asks for."""
        parts = self.parts
        if not parts or {"date", "time"} <= parts:
            return "datetime"
        for mode in ("date", "month", "year", "time"):
            if mode in parts:
                return mode
        return "datetime"

    @property
    def fmt(self) -> str:
        return self.attrs.get("format") or DATETIME_FORMATS[self.mode]

    def _parse(self, text: str) -> datetime:
        return datetime.strptime(text, self.fmt)

    BROWSER_DIRECTIVES = frozenset("YymdHIMSfjpbBaA")

    def _bound(self, raw: str) -> datetime:
        """``min``/``max`` in the tag's format or, as Label Studio documents them, ISO."""
        try:
            return self._parse(raw)
        except ValueError:
            pass
        text = raw.strip()
        if self.mode == "year" and text.isdigit():
            return datetime(int(text), 1, 1)
        if self.mode == "time":
            return datetime.combine(datetime(1900, 1, 1), time.fromisoformat(text))
        return datetime.fromisoformat(text)

    def check(self, config, issues):
        super().check(config, issues)
        for key in ("step", "defaultvalue", "hotkey"):
            if key in self.raw_attrs:
                issues.note(self, UNUSED, self.spelling(key))
        unknown = self.parts - set(self.PARTS)
        if unknown:
            issues.add(self, f'only="{self.attrs["only"]}" must list parts among '
                             + ", ".join(self.PARTS))
        fmt = self.attrs.get("format")
        if fmt is not None:
            try:
                datetime.strptime(datetime(2001, 2, 3, 4, 5, 6).strftime(fmt), fmt)
            except ValueError as exc:
                issues.add(self, f'format="{fmt}" is not a strftime format ({exc})')
                return
            # The browser widget (js/_strftime.js) writes these directives; others it cannot.
            bad = sorted({d for d in re.findall(r"%(.)", fmt.replace("%%", ""))
                          if d not in self.BROWSER_DIRECTIVES})
            if bad:
                issues.add(self, f'format="{fmt}": not supported yet: '
                                 + ", ".join("%" + d for d in bad))
                return
        bounds = {}
        for key in ("min", "max"):
            raw = self.attrs.get(key)
            if raw is None:
                continue
            try:
                bounds[key] = self._bound(raw)
            except ValueError:
                issues.add(self, f'{key}="{raw}" does not match the format {self.fmt} (or ISO)')
        if len(bounds) == 2 and bounds["min"] > bounds["max"]:
            issues.add(self, f'min="{self.attrs["min"]}" is after max="{self.attrs["max"]}"')

    def empty_answer(self):
        return ""

    def check_value(self, value, row=None):
        """A date/time as text in the tag's format; returned zero-padded as the format writes it."""
        if not isinstance(value, str):
            raise ValueError(
                f"expected a date/time as text in the format {self.fmt}, got {short(value)}"
            )
        try:
            moment = self._parse(value)
        except ValueError:
            raise ValueError(f"{value!r} does not match the format {self.fmt}") from None
        low, high = self.attrs.get("min"), self.attrs.get("max")
        if low and moment < self._bound(low):
            raise ValueError(f"{value!r} is before min {low!r}")
        if high and moment > self._bound(high):
            raise ValueError(f"{value!r} is after max {high!r}")
        canonical = moment.strftime(self.fmt)
        try:
            same = self._parse(canonical) == moment
        except ValueError:
            same = False
        return canonical if same else value

    def to_result(self, value):
        return {"datetime": value}

    def from_result(self, payload):
        value = result_field(payload, "datetime")
        if not isinstance(value, str):
            raise ValueError(f"expected a date/time as text in {short(payload)}")
        return value
