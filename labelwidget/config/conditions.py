"""perRegion and visibleWhen: which region a control's value belongs to, and when it shows.

Label Studio's rules, as its editor applies them (checked against its source and docs):

- ``perRegion="true"`` on a classification control (Choices, TextArea, Rating, Number,
  Taxonomy, DateTime) gives each region of the object named by ``toName`` its own value; the
  control shows while such a region is selected. ``whenLabelValue`` narrows it to regions that
  carry one of those labels, ``whenTagName`` (with ``visibleWhen="region-selected"``) to regions
  drawn by that control.
- ``visibleWhen`` (on a control or a ``<View>``): ``region-selected`` (optionally
  ``whenTagName``: the control that labeled the region, ``whenLabelValue``: one of its labels),
  ``no-region-selected``, ``choice-selected`` / ``choice-unselected`` (optionally
  ``whenTagName``: a Choices or Taxonomy control, ``whenChoiceValue``: comma-separated options).
  ``whenChoiceValue`` without ``visibleWhen`` means ``choice-selected``.
- A hidden control's value: Label Studio keeps it on screen state (it comes back when the
  control shows again) but does not submit it when the control is hidden by a choice condition
  (labelwidget: its own or a View's around it, at any depth, as the browser hides it),
  nor a per-region value on a region without the ``whenLabelValue`` label. A hidden ``required``
  control does not block submit.

This module has no Jupyter imports: the same rules run at submit, import and export.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .attributes import Attr

VISIBLE_WHEN = ("region-selected", "no-region-selected", "choice-selected", "choice-unselected")

CONDITION_ATTRS = (
    Attr("visibleWhen", "enum", None, choices=VISIBLE_WHEN),
    Attr("whenTagName"),
    Attr("whenLabelValue"),
    Attr("whenChoiceValue"),
    Attr("whenRole"),
)
PER_REGION_ATTRS = (Attr("perRegion", "bool", False),)

CHOICE_TAGS = ("Choices", "Taxonomy")


def _values(raw: str | None) -> list[str]:
    return [part.strip() for part in (raw or "").split(",") if part.strip()]


def condition_of(tag) -> dict | None:
    """The tag's visibility rule as plain data (also what the browser evaluates), or None."""
    attrs = tag.attrs
    when = attrs.get("visibleWhen")
    if when is None and attrs.get("whenChoiceValue"):
        when = "choice-selected"  # Label Studio's reading of a bare whenChoiceValue
    if when is None:
        return None
    return {
        "when": when,
        "tag": attrs.get("whenTagName") or "",
        "labels": _values(attrs.get("whenLabelValue")) if when == "region-selected" else [],
        # whenRole: the roles of the selected <Chat> message (Label Studio's per-message views)
        "roles": _values(attrs.get("whenRole")) if when == "region-selected" else [],
        "choices": _values(attrs.get("whenChoiceValue")) if when.startswith("choice") else [],
    }


def region_filter_of(tag) -> dict:
    """Which regions a perRegion control applies to: ``{"tag", "labels"}`` (empty: all).
    ``whenTagName`` names the region control that drew the region, ``whenLabelValue`` labels
    it must carry (Label Studio reads both on perRegion controls, with or without visibleWhen).
    """
    attrs = tag.attrs
    condition = condition_of(tag)
    by_region = condition is None or condition["when"] == "region-selected"
    return {"tag": (attrs.get("whenTagName") or "") if by_region else "",
            "labels": _values(attrs.get("whenLabelValue")),
            "roles": roles_around(tag)}


def roles_around(tag) -> list[str]:
    """The chat roles a perRegion control rates: its own ``whenRole``, else that of the nearest
    View around it shown only for some roles (what it is never shown for, it does not need)."""
    node = tag
    while node is not None:
        roles = _values(node.attrs.get("whenRole"))
        if roles:
            return roles
        node = node.parent
    return []


def _option_values(control) -> list[str] | None:
    """The stored values of a control's options; None when they come from the task."""
    if getattr(control, "dynamic_column", None):
        return None
    return [o.stored for o in control.options()]


def region_controls_on(config, objects) -> list:
    return [c for c in config.controls.values()
            if c.scope == "region" and any(o in c.to_name for o in objects)]


def check_per_region(tag, config, issues) -> None:
    """A perRegion control needs regions on the object it names."""
    if not tag.attrs.get("perRegion"):
        return
    targets = [n for n in tag.to_name if n in config.objects]
    if targets and not region_controls_on(config, targets):
        objects = ", ".join(f'<{config.objects[n].tag_name} name="{n}">' for n in targets)
        issues.add(tag, f'{tag.quote("perregion")} needs regions to attach values to, but no '
                        f"region control (Labels, RectangleLabels, Polygon ...) labels {objects}")


def check_conditions(tag, config, issues) -> None:
    """visibleWhen and its qualifiers name tags, labels and options that exist."""
    attrs = tag.attrs
    condition = condition_of(tag)
    if attrs.get("whenRole"):
        if not any(o.tag_name == "Chat" for o in config.objects.values()):
            issues.add(tag, f"{tag.quote('whenrole')} names roles of <Chat> messages, and the "
                            "config has no <Chat>")
        elif not attrs.get("perRegion") and (condition is None
                                             or condition["when"] != "region-selected"):
            issues.note(tag, 'has no effect without visibleWhen="region-selected" (it narrows '
                             "which selected message shows it); Label Studio ignores it too",
                        tag.spelling("whenrole"))
    if attrs.get("perRegion") and (condition is None or condition["when"] == "region-selected"):
        named = _named(tag, config, issues)
        if named is False:
            return
        if named is not None and named.scope != "region":
            issues.add(tag, f'{tag.quote("whentagname")} names <{named.tag_name}>, which draws '
                            "no regions; on a perRegion control it must name a region control")
            return
        _check_labels(tag, config, issues, named, _values(attrs.get("whenLabelValue")))
        return
    if condition is None:
        for key in ("whentagname", "whenlabelvalue"):
            if key in tag.raw_attrs:  # Label Studio ignores it too: said, not refused
                issues.note(tag, "has no effect without visibleWhen (e.g. "
                                 'visibleWhen="region-selected"); Label Studio ignores it too',
                            tag.spelling(key))
        return
    when = condition["when"]
    named = _named(tag, config, issues)
    if named is False:
        return
    if when == "region-selected":
        if named is not None and named.scope != "region":
            issues.add(tag, f'{tag.quote("whentagname")} names <{named.tag_name}>, which draws '
                            'no regions; with visibleWhen="region-selected" it must name a '
                            "region control (Labels, RectangleLabels ...)")
            return
        if not any(c.scope == "region" for c in config.controls.values()) \
                and not config.unsupported_names:
            issues.note(tag, "can never be true: the config has no region control (Labels, "
                             "RectangleLabels ...), so it never shows",
                        tag.spelling("visiblewhen"))
            return
        _check_labels(tag, config, issues, named, condition["labels"])
    elif when.startswith("choice"):
        if named is not None and named.tag_name not in CHOICE_TAGS:
            issues.add(tag, f'{tag.quote("whentagname")} names <{named.tag_name}>; with '
                            f'visibleWhen="{when}" it must name a <Choices> or <Taxonomy>')
            return
        if named is None and not any(c.tag_name in CHOICE_TAGS and c is not tag
                                     for c in config.controls.values()):
            issues.add(tag, f'{tag.quote("visiblewhen")} needs a <Choices> or <Taxonomy> to '
                            "watch, and the config has none")
            return
        _check_choices(tag, config, issues, named, condition["choices"])


def _named(tag, config, issues):
    """The control ``whenTagName`` names; None when unset; False after reporting a problem."""
    name = tag.attrs.get("whenTagName")
    if not name:
        return None
    named = config.controls.get(name)
    if named is None:
        if name not in config.unsupported_names:  # else its own "not supported yet" says it all
            known = ", ".join(config.controls) or "none"
            issues.add(tag, f'{tag.quote("whentagname")} matches no control tag '
                            f"(controls: {known})")
        return False
    return named


def _check_labels(tag, config, issues, named, labels: list[str]) -> None:
    pool = [named] if named is not None else [
        c for c in config.controls.values() if c.scope == "region"]
    known: list[str] = []
    for control in pool:
        options = _option_values(control)
        if options is None:
            return  # labels come from the task: any value may exist
        known += options
    for label in labels:
        if label not in known:
            issues.add(tag, f'{tag.quote("whenlabelvalue")}: "{label}" is not a label of '
                            + (f'<{named.tag_name} name="{named.name}">' if named else
                               "any region control")
                            + f" (labels: {', '.join(known) or 'none'})")


def _check_choices(tag, config, issues, named, choices: list[str]) -> None:
    pool = [named] if named is not None else [
        c for c in config.controls.values() if c.tag_name in CHOICE_TAGS and c is not tag]
    known: list[str] = []
    for control in pool:
        options = _option_values(control)
        if options is None:
            return
        known += options
    for choice in choices:
        if choice not in known:
            issues.add(tag, f'{tag.quote("whenchoicevalue")}: "{choice}" is not an option of '
                            + (f'<{named.tag_name} name="{named.name}">' if named else
                               "any <Choices>") + f" (options: {', '.join(known) or 'none'})")


# -- values ----------------------------------------------------------------------------------


def check_region_values(tag, value: Any, row=None) -> dict:
    """A perRegion cell: ``{region id: value}``, each value in the control's usual format;
    regions without a value (None, "", []) are left out."""
    if not isinstance(value, Mapping):
        raise ValueError(f"perRegion: expected {{region id: value}}, got {value!r}")
    out = {}
    for rid, one in value.items():
        if not isinstance(rid, str) or not rid:
            raise ValueError(f"perRegion: region ids are non-empty text, got {rid!r}")
        if one is None or one == "" or one == []:
            continue
        try:
            out[rid] = tag.check_one(one, row)
        except ValueError as exc:
            raise ValueError(f'region "{rid}": {exc}') from None
    return out


def _chosen(cell: Any) -> list[str]:
    """The options a Choices or Taxonomy cell holds (a taxonomy path counts by its leaf)."""
    if cell is None:
        return []
    items = [cell] if isinstance(cell, str) else list(cell) if isinstance(cell, list) else []
    picked = [item[-1] if isinstance(item, list) and item else item for item in items]
    return [item for item in picked if isinstance(item, str) and item]  # "" is no answer


def choice_selected(condition: Mapping, config, cells: Mapping[str, Any]) -> bool:
    """Label Studio's choice-selected test over the task's cells (per-region choices count
    when any region holds one)."""
    wanted = condition.get("choices") or []
    if condition.get("tag"):
        names = [condition["tag"]]
    else:
        names = [n for n, c in config.controls.items() if c.tag_name in CHOICE_TAGS]
    for name in names:
        control = config.controls.get(name)
        cell = cells.get(name)
        picked = []
        if control is not None and control.attrs.get("perRegion") and isinstance(cell, Mapping):
            for value in cell.values():
                picked += _chosen(value)
        else:
            picked = _chosen(cell)
        if picked and (not wanted or any(v in picked for v in wanted)):
            return True
    return False


def _hidden_by_own_choice(tag, config, cells: Mapping[str, Any]) -> bool:
    condition = condition_of(tag)
    if condition is None or not condition["when"].startswith("choice"):
        return False
    selected = choice_selected(condition, config, cells)
    return not selected if condition["when"] == "choice-selected" else selected


def hidden_by_choice(tag, config, cells: Mapping[str, Any]) -> bool:
    """True when a choice condition on ``tag`` or on any View around it hides it for these
    cells: what the browser hides (js/_visible_when.js HIDDEN) is not submitted. Label Studio's
    own submit drops only a control hidden by its own condition; a View's is the README's
    promise (a hidden control is not submitted), kept the same for every View level."""
    node = tag
    while node is not None:
        if _hidden_by_own_choice(node, config, cells):
            return True
        node = node.parent
    return False


def not_submitted(tag, config, cells: Mapping[str, Any]) -> bool:
    """Whether a control's cell is left out of what is submitted and exported: hidden by a
    choice condition. A perRegion control's own condition is judged per region (Label
    Studio: on the same region's choices), so only the Views around it count here."""
    return hidden_by_choice(tag.parent if tag.attrs.get("perRegion") else tag, config, cells)


def hidden_at_submit(tag, config, cells: Mapping[str, Any]) -> bool:
    """Whether ``tag`` or a View around it is hidden when a task is submitted with no region
    selected: then its ``required`` does not block (Label Studio's rule)."""
    node = tag
    while node is not None:
        condition = condition_of(node)
        if condition is not None and condition["when"] == "region-selected" \
                and not node.attrs.get("perRegion"):
            return True
        node = node.parent
    return hidden_by_choice(tag, config, cells)


def regions_of(config, objects, cells: Mapping[str, Any], row=None) -> dict[str, dict]:
    """Region id -> ``{"controls": [names], "labels": [labels]}`` of the regions drawn on
    ``objects`` in these cells (split formats share one id across controls). ``row`` (the
    task's data) adds the regions the data holds: the messages of a ``<Chat>``."""
    out: dict[str, dict] = {}
    for control in region_controls_on(config, objects):
        cell = cells.get(control.name)
        entries = getattr(control, "region_entries", None)
        if entries is not None:
            out.update(entries(cell if isinstance(cell, list) else [], row))
            continue
        if not isinstance(cell, list):
            continue
        key = getattr(control, "label_key", None) or "labels"
        for region in cell:
            if not isinstance(region, Mapping) or region.get("id") is None:
                continue
            entry = out.setdefault(str(region["id"]), {"controls": [], "labels": [],
                                                      "region": region})
            entry["controls"].append(control.name)
            entry["labels"] += [str(v) for v in region.get(key) or []]
            if "text" in region and "text" not in entry["region"]:
                entry["region"] = region
    return out


def applies_to(tag, entry: Mapping) -> bool:
    """Whether a perRegion control applies to a region (whenTagName / whenLabelValue)."""
    rule = region_filter_of(tag)
    if rule["tag"] and rule["tag"] not in entry["controls"]:
        return False
    if rule["roles"] and entry.get("role") not in rule["roles"]:
        return False
    return not rule["labels"] or any(v in entry["labels"] for v in rule["labels"])


def describe_region(region_id: str, entry: Mapping) -> str:
    region = entry.get("region") or {}
    labels = "+".join(entry.get("labels") or []) or "no label"
    text = region.get("text")
    where = f' "{text[:30]}"' if isinstance(text, str) else ""
    return f'region "{region_id}" ({labels}{where})'


def settle(config, cells: Mapping[str, Any], row=None) -> tuple[dict[str, Any], list[str]]:
    """The cells Label Studio would submit, and what is missing.

    Per-region values of regions that no longer exist (or that the control does not apply to)
    are dropped, values of controls hidden by a choice condition (theirs or a View's around
    them, :func:`not_submitted`) are dropped, and each required control that shows needs a
    value (per region, for perRegion controls: the message names the region).
    """
    out = dict(cells)
    missing: list[str] = []
    for name, tag in config.controls.items():
        if tag.scope == "region":
            continue
        cell = out.get(name)
        if tag.attrs.get("perRegion"):
            if not_submitted(tag, config, out):
                out[name] = None
                continue
            regions = regions_of(config, tag.to_name, out, row)
            kept = {rid: value for rid, value in (cell or {}).items()
                    if rid in regions and applies_to(tag, regions[rid])} \
                if isinstance(cell, Mapping) else {}
            out[name] = kept or None
            if tag.attrs.get("required") and not hidden_by_choice(tag, config, out):
                for rid, entry in regions.items():
                    if applies_to(tag, entry) and rid not in kept:
                        region = describe_region(rid, entry)
                        own = tag.attrs.get("requiredMessage")
                        missing.append(f"{own} ({region})" if own
                                       else f"{name}: {region} needs a value")
            continue
        if not_submitted(tag, config, out):
            out[name] = None
    for tag in config.controls.values():
        too_few = getattr(tag, "submit_problem", None)
        if too_few is not None and row is not None:
            problem = too_few(out.get(tag.name), row)
            if problem:
                missing.append(problem)
    return out, missing


def required_blocks(tag, config, cells: Mapping[str, Any]) -> bool:
    """Whether an empty ``required`` task-level control blocks submit (it shows)."""
    return not tag.attrs.get("perRegion") and not hidden_at_submit(tag, config, cells)
