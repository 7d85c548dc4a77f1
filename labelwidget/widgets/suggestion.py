"""The banner that marks a task's values as a model's suggestion. Mirrors ``js/suggestion.js``.

Task data: ``{"predictions": [{"values", "score", "model_version"}], "labeled": bool}``. Picking
another prediction happens in the browser (the ``apply`` bus message), so it is instant.
"""

from __future__ import annotations

import traitlets as t

from ._base import TaskWidget, bundle


class SuggestionWidget(TaskWidget):
    _esm = bundle("suggestion")
    previous_key = t.Unicode("[").tag(sync=True)
    next_key = t.Unicode("]").tag(sync=True)
