"""Which DataFrame column holds each control tag's values.

A control's column is named after the control, except when the control is named like a data
column the config reads (Label Studio's dynamic-label templates do it: ``<Choices
name="images" value="$images">``). Label Studio keeps task data and annotations apart; here
both are columns of one DataFrame, so such a control's values go to another column:
``columns={"images": "images_label"}`` names it, and without it the default
``<name>_label`` is used with a ConfigWarning naming both. Label Studio JSON, the store and
every export keep the control's own name; only the DataFrame column differs.
"""

from __future__ import annotations

import dataclasses
import warnings
from collections.abc import Mapping

from .errors import ConfigIssue, ConfigWarning, caller_level
from .repeater import item_column

DEFAULT_SUFFIX = "_label"


def default_columns(config) -> dict[str, str]:
    """control name -> column, for the controls named like a data column the config reads."""
    data = set(config.columns)
    taken = data | set(config.controls)
    out = {}
    for name, control in config.controls.items():
        repeater = getattr(control, "repeater", None)
        if repeater is not None:
            # One column for every item's control (config/repeater.py): action_{{idx}} -> action
            column = item_column(name, repeater.flag)
            if column not in taken:
                taken.add(column)
                out[name] = column
                continue
        if name in data:
            column, n = name + DEFAULT_SUFFIX, 2
            while column in taken:
                column, n = f"{name}{DEFAULT_SUFFIX}{n}", n + 1
            taken.add(column)
            out[name] = column
    return out


def resolve_columns(config, columns: Mapping[str, str] | None = None) -> dict[str, str]:
    """control name -> DataFrame column for every control of ``config``.

    ``columns`` maps some controls to the columns of your choice. A control named like a data
    column the config reads and missing from ``columns`` gets ``<name>_label``, with a
    ConfigWarning naming both. Raises ValueError when ``columns`` names no control, or gives a
    column that is a data column or another control's column.
    """
    columns = dict(columns or {})
    unknown = [name for name in columns if name not in config.controls]
    if unknown:
        raise ValueError(f"columns= names {unknown[0]!r}, which is not a control of the config "
                         f"(controls: {', '.join(config.controls) or 'none'})")
    data = set(config.columns)
    defaults = default_columns(config)
    out = {name: columns.get(name) or defaults.get(name, name) for name in config.controls}
    owners: dict[str, str] = {}
    for name, column in out.items():
        if not isinstance(column, str) or not column:
            raise ValueError(f"columns={{{name!r}: {column!r}}}: a column name is non-empty text")
        if column in data:
            tag = config.controls[name].tag_name
            raise ValueError(f"columns={{{name!r}: {column!r}}}: {column!r} is a data column the "
                             f"config reads; <{tag} name={name!r}> needs a column of its own")
        if column in owners:
            raise ValueError(f"controls {owners[column]!r} and {name!r} would both write the "
                             f"column {column!r}; give one of them another in columns=")
        owners[column] = name
    # (a control inside a <Repeater> is named after its column by rule: no warning)
    renamed = [name for name in defaults if name not in columns
               and getattr(config.controls[name], "repeater", None) is None]
    if renamed:
        issues = [
            ConfigIssue(config.controls[name].line, config.controls[name].tag_name, name,
                        f"is named like the data column ${name} the config reads: its values "
                        f"go to the column {out[name]!r} (columns={{{name!r}: ...}} chooses "
                        "another)")
            for name in renamed
        ]
        head = "a control's values go to a column not named after it"
        warnings.warn(ConfigWarning(issues, head=head), stacklevel=caller_level())
    return out


def bind_columns(config, columns: Mapping[str, str] | None = None):
    """``config`` with its controls' DataFrame columns resolved (see resolve_columns); a config
    already bound is returned as is when ``columns`` is None, so ``ann.config`` passed on to
    an export keeps the Annotator's columns without warning twice."""
    if columns is None and config.columns_bound:
        return config
    resolved = resolve_columns(config, columns)
    renamed = {name: column for name, column in resolved.items() if column != name}
    return dataclasses.replace(config, column_map=renamed, columns_bound=True)
