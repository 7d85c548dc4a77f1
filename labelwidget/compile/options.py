"""What the browser is told of a control's options (Choice, Label, Relation ...): one builder
for every widget, so an option's value, shown name, hotkey and colour mean the same everywhere."""

from __future__ import annotations

from ..widgets._specs import OptionSpec


def option_spec(option) -> OptionSpec:
    """An option as the browser gets it: ``value`` (what is stored: the alias when there is
    one), ``label`` (the name shown), ``hotkey`` and ``background`` ("" when none)."""
    return OptionSpec(value=option.stored, label=option.value, hotkey=option.hotkey or "",
                      background=option.attrs.get("background") or "")


def option_specs(tag) -> list[OptionSpec]:
    """The specs of every option of ``tag``, in config order."""
    return [option_spec(o) for o in tag.options()]
