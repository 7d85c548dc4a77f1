"""What the front end sends a widget, delivered exactly as the comm would: the headless tests'
stand-in for a browser (the real one is driven in tests/browser)."""

from __future__ import annotations


def browser_says(widget, content) -> None:
    """A custom message (``model.send`` in js/), e.g. the toolbar's ``navigate``."""
    widget._handle_msg({"content": {"data": {"method": "custom", "content": content}},
                        "buffers": []})


def browser_sets(widget, state) -> None:
    """A state update (``model.set`` + ``save_changes`` in js/), e.g. a control's value."""
    widget._handle_msg({"content": {"data": {"method": "update", "state": state,
                                             "buffer_paths": []}}, "buffers": []})
