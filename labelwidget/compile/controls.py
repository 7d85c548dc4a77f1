"""Classification control tags -> their widgets."""

from __future__ import annotations

from datetime import datetime

from ..config.choices import Choice, Choices, Taxonomy
from ..config.controls import Number, Pairwise, Rating, TextArea
from ..config.date_time import DateTime
from ..widgets import (
    ChoicesWidget,
    DateTimeWidget,
    NumberWidget,
    PairwiseWidget,
    RatingWidget,
    TaxonomyWidget,
    TextAreaWidget,
)
from ..widgets._specs import TaxonomyNode
from .base import Part, builders
from .options import option_specs


@builders.register(Choices)
def build_choices(tag: Choices, ctx):
    layout = tag.attrs.get("layout") or ("inline" if tag.inline else "vertical")
    widget = ChoicesWidget(
        name=tag.name,
        options=option_specs(tag),
        choice=tag.attrs["choice"],
        show_as=layout,
        required=tag.attrs["required"],
        required_message=tag.attrs.get("requiredMessage") or "",
        allow_nested=tag.nested,
    )
    if tag.nested and tag.dynamic_column:
        data = lambda row: {"tree": tag.option_tree(row)}  # noqa: E731
    elif tag.dynamic_column:
        data = lambda row: {"options": tag.dynamic_options(row)}  # noqa: E731
    else:
        data = _no_data
    return Part(widget, controls=(tag,), data=data)


def _no_data(row) -> dict:
    return {}


def _required(tag) -> dict:
    return {
        "required": bool(tag.attrs["required"]),
        "required_message": tag.attrs.get("requiredMessage") or "",
    }


@builders.register(TextArea)
def build_text_area(tag: TextArea, ctx):
    widget = TextAreaWidget(
        name=tag.name,
        rows=tag.attrs["rows"] or 1,
        placeholder=tag.attrs.get("placeholder") or "",
        max_submissions=tag.attrs.get("maxSubmissions") or 1,
        editable=tag.attrs["editable"],
        skip_duplicates=tag.attrs["skipDuplicates"],
        # Label Studio shows "Add" beside a multi-line field unless showSubmitButton says.
        submit_button=(tag.attrs["showSubmitButton"] if "showsubmitbutton" in tag.raw_attrs
                       else (tag.attrs["rows"] or 1) > 1),
        **_required(tag),
    )
    return Part(widget, controls=(tag,), data=_no_data)


@builders.register(Rating)
def build_rating(tag: Rating, ctx):
    widget = RatingWidget(
        name=tag.name,
        max_rating=tag.attrs["maxRating"],
        hotkey=tag.hotkey or "",
        **_required(tag),
    )
    return Part(widget, controls=(tag,), data=_no_data)


@builders.register(Number)
def build_number(tag: Number, ctx):
    widget = NumberWidget(
        name=tag.name,
        min=tag.attrs.get("min"),
        max=tag.attrs.get("max"),
        step=tag.attrs["step"],
        slider=tag.attrs["slider"],
        **_required(tag),
    )
    return Part(widget, controls=(tag,), data=_no_data)


ISO = "%Y-%m-%dT%H:%M:%S"


def _bound_iso(tag: DateTime, key: str) -> str:
    """``min``/``max`` as an ISO datetime for the browser ("" when unset)."""
    raw = tag.attrs.get(key)
    if not raw:
        return ""
    bound = getattr(tag, "_bound", None)  # accepts ISO bounds too, where the tag knows them
    moment = bound(raw) if bound else datetime.strptime(raw, tag.fmt)
    return moment.strftime(ISO)


@builders.register(DateTime)
def build_date_time(tag: DateTime, ctx):
    widget = DateTimeWidget(
        name=tag.name,
        only=tag.mode,
        format=tag.fmt,
        min=_bound_iso(tag, "min"),
        max=_bound_iso(tag, "max"),
        **_required(tag),
    )
    return Part(widget, controls=(tag,), data=_no_data)


def taxonomy_tree(node) -> list[TaxonomyNode]:
    """The nested ``<Choice>`` options under ``node``."""
    return [
        TaxonomyNode(value=c.stored, label=c.value, children=taxonomy_tree(c))
        for c in node.children
        if isinstance(c, Choice)
    ]


@builders.register(Taxonomy)
def build_taxonomy(tag: Taxonomy, ctx):
    widget = TaxonomyWidget(
        name=tag.name,
        tree=taxonomy_tree(tag),
        leafs_only=tag.attrs["leafsOnly"],
        max_usages=tag.attrs.get("maxUsages") or None,
        show_full_path=tag.attrs["showFullPath"],
        path_separator=tag.attrs.get("pathSeparator") or " / ",
        placeholder=tag.attrs.get("placeholder") or "",
        **_required(tag),
    )
    return Part(widget, controls=(tag,), data=_no_data)


@builders.register(Pairwise)
def build_pairwise(tag: Pairwise, ctx):
    left, right = tag.to_name
    card = ctx.card_class(tag)
    selection = tag.attrs.get("selectionStyle")
    if selection:  # Label Studio's look of the chosen object
        ctx.sheet.add_declarations(f".{card}.lw-on", selection, tag,
                                   tag.spelling("selectionstyle"))
    widget = PairwiseWidget(name=tag.name, left=left, right=right, card=card,
                            left_key=tag.side_keys.get("left", ""),
                            right_key=tag.side_keys.get("right", ""), **_required(tag))
    return Part(widget, controls=(tag,), data=_no_data)
