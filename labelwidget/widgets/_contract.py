"""What crosses the comm between Python and the browser: every spec, payload and message, typed.

Mirrored one to one by the JSDoc typedefs of ``js/_contract.js`` (same names, same keys;
``tests/test_contract.py`` compares them). Widgets declare a spec trait with :func:`spec` or
:func:`specs`, which refuse a value whose keys are not the contract's, so Python cannot send
what the browser does not read. The types are in widgets/_specs.py (specs, toolbar and
playground state), widgets/_task_payloads.py and widgets/_messages.py; this module lists them
and checks values against them. The words are Label Studio's and the same on both sides:
``options`` for a control's choices/labels, ``None``/``null`` for "no limit".
"""

from __future__ import annotations

import functools
import types
import typing
from typing import Any, Union

import traitlets as t

from . import _messages, _specs, _task_payloads

# Every TypedDict of the three type modules but the private bases of optional keys (_...Keys).
CONTRACT: dict[str, type] = {
    name: cls
    for module in (_specs, _task_payloads, _messages)
    for name, cls in vars(module).items()
    if typing.is_typeddict(cls) and cls.__module__ == module.__name__ and not name.startswith("_")
}


# -- checking -------------------------------------------------------------------------------


def keys_of(td: type) -> tuple[frozenset[str], frozenset[str]]:
    """(required keys, optional keys) of a TypedDict."""
    return td.__required_keys__, td.__optional_keys__


def problems(value: Any, td: type, where: str = "") -> list[str]:
    """How ``value`` breaks the keys of ``td`` (and of the TypedDicts nested in it)."""
    if not isinstance(value, dict):
        return [f"{where or td.__name__}: expected an object ({td.__name__}), got "
                f"{type(value).__name__}"]
    required, optional = keys_of(td)
    out = [f"{where or td.__name__}: {k!r} is missing" for k in sorted(required - value.keys())]
    out += [f"{where or td.__name__}: {k!r} is not in the contract ({td.__name__}: "
            f"{', '.join(sorted(required | optional))})"
            for k in sorted(value.keys() - required - optional)]
    for key, inner in _nested_keys(td):
        if value.get(key) is None:
            continue
        many, sub = inner
        items = value[key] if many and isinstance(value[key], list) else [value[key]]
        for i, item in enumerate(items):
            out += problems(item, sub, f"{where or td.__name__}.{key}" + (f"[{i}]" if many else ""))
    return out


@functools.cache
def _nested_keys(td: type) -> list[tuple[str, tuple[bool, type]]]:
    """The keys of ``td`` that hold a TypedDict or a list of them."""
    found = ((key, _nested(hint)) for key, hint in typing.get_type_hints(td).items())
    return [(key, inner) for key, inner in found if inner is not None]


@functools.cache
def _type_of(td: type) -> str:
    """The ``type`` a message TypedDict carries (its Literal)."""
    return typing.get_args(typing.get_type_hints(td)["type"])[0]


def _nested(hint) -> tuple[bool, type] | None:
    """(is a list, TypedDict) when ``hint`` is a TypedDict, a list of one, or either or None."""
    origin = typing.get_origin(hint)
    if origin in (Union, types.UnionType):
        found = [n for n in (_nested(a) for a in typing.get_args(hint)) if n]
        return found[0] if found else None
    if origin is list:
        inner = _nested(typing.get_args(hint)[0])
        return (True, inner[1]) if inner and not inner[0] else None
    if typing.is_typeddict(hint):
        return False, hint
    return None


class _Spec(t.Dict):
    """A dict trait whose value follows a contract TypedDict (``{}``: not set)."""

    def __init__(self, td: type, **kwargs):
        self.contract = td
        super().__init__(**kwargs)

    def validate(self, obj, value):
        value = super().validate(obj, value)
        if value:
            found = problems(value, self.contract, f"{type(obj).__name__}.{self.name}")
            if found:
                raise t.TraitError("; ".join(found))
        return value


class _Specs(t.List):
    """A list trait whose items follow a contract TypedDict."""

    def __init__(self, td: type, **kwargs):
        self.contract = td
        super().__init__(t.Dict(), **kwargs)

    def validate(self, obj, value):
        value = super().validate(obj, value)
        found = [p for i, item in enumerate(value)
                 for p in problems(item, self.contract, f"{type(obj).__name__}.{self.name}[{i}]")]
        if found:
            raise t.TraitError("; ".join(found))
        return value


def spec(td: type, **kwargs) -> t.Dict:
    """A synced dict trait that follows ``td``."""
    return _Spec(td, **kwargs).tag(sync=True, contract=td.__name__)


def specs(td: type, **kwargs) -> t.List:
    """A synced list trait whose items follow ``td``."""
    return _Specs(td, **kwargs).tag(sync=True, contract=td.__name__)


def message(content: Any, *kinds: type) -> Any:
    """The browser's message ``content`` as the contract message it is among ``kinds``, or None
    when it is none of them (another widget's, or an old front end's). Raises ValueError naming
    what is wrong with a message of a known type that does not follow its contract."""
    if not isinstance(content, dict):
        return None
    for kind in kinds:
        if content.get("type") == _type_of(kind):
            found = problems(content, kind)
            if found:
                raise ValueError("; ".join(found))
            return content
    return None
