"""Shows or hides a ``<View>`` by its visibleWhen, in the browser. Mirrors ``js/condition.js``.

It draws nothing: placed first in the View's box, it hides that box while the condition does
not hold (the condition itself is the ``visible_when`` trait every task widget has).
"""

from __future__ import annotations

import traitlets as t

from ._base import TaskWidget, bundle


class ConditionWidget(TaskWidget):
    _esm = bundle("condition")
    name = t.Unicode("").tag(sync=True)
