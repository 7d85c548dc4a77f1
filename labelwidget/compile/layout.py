"""View, Header and Style: layout in stock ipywidgets."""

from __future__ import annotations

import html

import ipywidgets as ipw

from ..config.attributes import COLUMN_IN_TEXT_RE
from ..config.objects import Header, Style, View
from ..widgets import TextWidget
from .base import Part, build, builders
from .cells import text_of


@builders.register(View)
def build_view(tag: View, ctx):
    children = [w for w in (build(child, ctx) for child in tag.children) if w is not None]
    if tag.direction == "row":
        box = ipw.HBox(children, layout=ipw.Layout(flex_flow="row wrap"))
        box.add_class("lw-row")  # the gap between columns is in labelwidget.css
        return box
    return ipw.VBox(children)


@builders.register(Style)
def build_style(tag: Style, ctx):
    return None  # Label Studio's page CSS would restyle JupyterLab itself


@builders.register(Header)
def build_header(tag: Header, ctx):
    if not tag.columns:
        return ipw.HTML(f"<h4 class='lw-header'>{html.escape(tag.content)}</h4>")
    content = tag.content

    def data(row):
        return {"text": COLUMN_IN_TEXT_RE.sub(lambda m: text_of(row.get(m.group(1))), content)}

    return Part(TextWidget(name=tag.name or "", kind="header"), data=data)
