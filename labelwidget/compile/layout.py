"""View, Header and Style: layout in stock ipywidgets."""

from __future__ import annotations

import html

import ipywidgets as ipw

from ..config.attributes import COLUMN_IN_TEXT_RE
from ..config.conditions import condition_of
from ..config.objects import Header, Style, View
from ..widgets import ConditionWidget, TextWidget
from .base import Part, apply_rules, build, builders
from .cells import text_of
from .styles import class_names


@builders.register(View)
def build_view(tag: View, ctx):
    children = [w for w in (build(child, ctx) for child in tag.children) if w is not None]
    if condition_of(tag):
        # visibleWhen: a widget that hides this View's box in the browser, with no round trip.
        condition = ConditionWidget()
        apply_rules(tag, condition, ctx.config)
        ctx.parts.append(Part(condition))
        condition.group = ctx.group
        children.insert(0, condition)
    if tag.direction == "row":
        box = ipw.HBox(children, layout=ipw.Layout(flex_flow="row wrap"))
        box.add_class("lw-row")  # the gap between columns is in labelwidget.css
    else:
        box = ipw.VBox(children)
        box.add_class("lw-view")  # laid out as a block, like Label Studio's <div> (css)
    classes, refused = class_names(tag.attrs.get("className"))
    for name in classes:
        box.add_class(name)
    if refused:
        ctx.sheet.note(tag, f"className {' '.join(refused)} (not a plain class name, or one "
                            "of JupyterLab's or labelwidget's own)")
    style = tag.attrs.get("style")
    if style and style.strip():
        ctx.views += 1
        box.add_class(f"lw-view-{ctx.views}")
        ctx.sheet.add_declarations(f".lw-view-{ctx.views}", style, tag, tag.spelling("style"))
    return box


@builders.register(Style)
def build_style(tag: Style, ctx):
    # Label Studio puts it in its page; here it applies inside this Annotator only.
    ctx.sheet.add_stylesheet(tag.text, tag)
    return None


@builders.register(Header)
def build_header(tag: Header, ctx):
    if not tag.columns:
        return ipw.HTML(f"<h4 class='lw-header'>{html.escape(tag.content)}</h4>")
    content = tag.content

    def data(row):
        return {"text": COLUMN_IN_TEXT_RE.sub(lambda m: text_of(row.get(m.group(1))), content)}

    return Part(TextWidget(name=tag.name or "", kind="header"), data=data)
