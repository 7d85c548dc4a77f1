"""TextArea: free text, one text or several entries. Mirrors ``js/text_area.js``.

The cell is a ``str``, or with ``max_submissions > 1`` a ``list[str]`` of entries. As in Label
Studio, Enter (Shift+Enter in a multi-line field) keeps the text as an entry, listed and removable;
the field goes once ``max_submissions`` entries are kept. Typing sends each change without
re-rendering the field, so the caret stays where the user types.
"""

from __future__ import annotations

import traitlets as t

from ._base import TaskWidget, bundle


class TextAreaWidget(TaskWidget):
    _esm = bundle("text_area")
    name = t.Unicode().tag(sync=True)
    rows = t.Int(1).tag(sync=True)
    placeholder = t.Unicode("").tag(sync=True)
    max_submissions = t.Int(1).tag(sync=True)  # > 1: the cell is a list of entries
    editable = t.Bool(True).tag(sync=True)  # kept entries can be edited in place
    skip_duplicates = t.Bool(False).tag(sync=True)
    submit_button = t.Bool(False).tag(sync=True)  # an "Add" button beside the field
    required = t.Bool(False).tag(sync=True)
    required_message = t.Unicode("").tag(sync=True)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.controls = (self.name,)
