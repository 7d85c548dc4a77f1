"""Taxonomy: pick paths in a tree of nested choices. Mirrors ``js/taxonomy.js``.

``tree`` holds the options, nested (``value`` is what is stored: the alias when there is
one); ``max_usages`` None is no limit. The cell is a ``list[list[str]]`` of chosen paths.
"""

from __future__ import annotations

import traitlets as t

from ._base import TaskWidget, bundle
from ._contract import specs
from ._specs import TaxonomyNode


class TaxonomyWidget(TaskWidget):
    _esm = bundle("taxonomy")
    name = t.Unicode().tag(sync=True)
    tree = specs(TaxonomyNode)
    leafs_only = t.Bool(False).tag(sync=True)
    max_usages = t.Int(None, allow_none=True).tag(sync=True)
    show_full_path = t.Bool(False).tag(sync=True)
    path_separator = t.Unicode(" / ").tag(sync=True)
    placeholder = t.Unicode("").tag(sync=True)
    required = t.Bool(False).tag(sync=True)
    required_message = t.Unicode("").tag(sync=True)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.controls = (self.name,)
