"""The banner that marks a task's values as a model's suggestion. Mirrors ``js/suggestion.js``.

Task data: ``{"predictions": [{"values", "score", "model_version"}], "labeled": bool, "note":
str}``; ``note`` says why the task has no (or fewer) suggestions, shown on that task. Picking
another prediction happens in the browser (the ``apply`` bus message), so it is instant; the
banner compares the values on screen with the predictions to say when they were edited, the
same way Python decides a result's origin (``prediction`` / ``prediction-changed``).
"""

from __future__ import annotations

import traitlets as t

from ._base import TaskWidget, bundle


class SuggestionWidget(TaskWidget):
    _esm = bundle("suggestion")
    previous_key = t.Unicode("[").tag(sync=True)  # show the previous prediction
    next_key = t.Unicode("]").tag(sync=True)  # show the next prediction
    # The toolbar's submit keys, named in the help text; set by the Annotator.
    accept_keys = t.List(t.Unicode()).tag(sync=True)
