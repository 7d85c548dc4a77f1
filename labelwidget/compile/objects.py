"""Object tags: Text, HyperText, Image, Table (display; regions plug in through region builders)."""

from __future__ import annotations

from ..config.hypertext import sanitize_html
from ..config.objects import HyperText, Image, Text
from ..config.table import Table, table_rows
from ..images import image_problem, image_source
from ..widgets import ImageWidget, TableWidget, TextWidget
from ..widgets._task_payloads import TextData
from .base import Part, builders
from .cells import cell_name, empty_mark, empty_problem, text_of

# Region builders: (object tag class) -> builder used when region controls target the object.
region_builders: dict[type, object] = {}


def _source(tag, row):
    return tag.literal if tag.column is None else row.get(tag.column)


def _regions(tag, ctx):
    controls = ctx.region_controls(tag)
    if not controls:
        return None
    builder = region_builders.get(type(tag))
    if builder is None:
        ctx.refuse(tag, f"not supported yet: regions on <{tag.tag_name}>")
        return None
    return builder(tag, controls, ctx)


@builders.register(Text)
def build_text(tag: Text, ctx):
    regions = _regions(tag, ctx)
    if regions is not None:
        return regions
    return Part(TextWidget(name=tag.name, kind="text"), data=lambda row: text_data(tag, row),
                problem=lambda row: empty_problem(tag, row))


def text_data(tag, row) -> TextData:
    """A Text cell for the browser; a list of texts (a document as paragraphs, as some Label
    Studio templates store it) is shown one paragraph per item, not as a Python list."""
    value = _source(tag, row)
    if isinstance(value, (list, tuple)):
        paragraphs = [text_of(item) for item in value]
        return {"paragraphs": paragraphs, **empty_mark("".join(paragraphs), tag.column)}
    text = text_of(value)
    return {"text": text, **empty_mark(text, tag.column)}


@builders.register(HyperText)
def build_hypertext(tag: HyperText, ctx):
    regions = _regions(tag, ctx)
    if regions is not None:
        return regions
    def data(row):
        text = text_of(_source(tag, row))
        return {"html": sanitize_html(text), **empty_mark(text, tag.column)}

    return Part(TextWidget(name=tag.name, kind="html"), data=data,
                problem=lambda row: empty_problem(tag, row))


@builders.register(Image)
def build_image(tag: Image, ctx):
    regions = _regions(tag, ctx)
    part = regions if regions is not None else Part(
        ImageWidget(name=tag.name), data=lambda row: image_source(_source(tag, row)),
        problem=lambda row: image_problem(_source(tag, row)))
    if tag.item_list is not None and isinstance(part, Part):
        from .repeater import build_image_list  # (it builds on this module's builders)

        return build_image_list(tag, part, ctx)
    return part


@builders.register(Table)
def build_table(tag: Table, ctx):
    def rows(row):
        return table_rows(_source(tag, row), cell_name(tag.column, row, tag))

    def data(row):
        shown, error = rows(row)
        return {"rows": shown, **({"error": error} if error else {})}

    return Part(TableWidget(name=tag.name), data=data, problem=lambda row: rows(row)[1])
