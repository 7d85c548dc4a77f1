"""One annotator's share of a team store: the tasks claimed for them and the ones they did.

The Annotator asks for ``window`` open tasks at a time (enough to keep the browser's prefetch
full) and shows only this annotator's share; each submit or skip tops the window up. Claims,
leases and overlap live in the store (:mod:`labelwidget.store.claims`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from .claims import EVERYONE, overlap_count
from .sqlite import encode_task


class Assignment:
    def __init__(self, store, ids: Sequence[Any], *, overlap: Any, lease: float, window: int):
        self.store = store
        self.overlap = overlap_count(overlap)
        if not isinstance(lease, (int, float)) or isinstance(lease, bool) or lease <= 0:
            raise ValueError(f"lease must be a number of seconds above 0, not {lease!r}")
        self.lease = float(lease)
        self.window = max(1, int(window))
        self._pos = {encode_task(task): pos for pos, task in enumerate(ids)}
        store.register_tasks(ids)
        self.mask = np.zeros(len(ids), dtype=bool)
        self._window: set[int] = set()  # my open claims as of the last update
        self._kept: set[int] = set()  # submitted or skipped here: never hidden again
        self._first = True

    def update(self, settled: int | None = None) -> np.ndarray:
        """Renew and top up this annotator's claims; the positions they may see (a mask).

        The mask changes in place by what changed: the window the store answers, and
        ``settled``, the position this annotator just submitted or skipped (theirs for good). A
        task that left the window otherwise lost its lease (another may hold it now): hidden.
        Only the first update reads every claim (what earlier sessions submitted or skipped).
        """
        window = self._positions(self.store.claim(self.window, self.overlap, self.lease))
        if self._first:
            self.mask[list(self._positions(self.store.claims()))] = True
            self._first = False
        if settled is not None:
            self._kept.add(settled)
            self.mask[settled] = True
        self.mask[list(self._window - window - self._kept)] = False
        self.mask[list(window)] = True
        self._window = window
        return self.mask

    def _positions(self, tasks) -> set[int]:
        found = (self._pos.get(encode_task(task)) for task in tasks)
        return {pos for pos in found if pos is not None}

    def progress_text(self) -> str:
        p = self.store.progress(self.overlap, self.lease)
        needed = "everyone" if self.overlap == EVERYONE else f"{p.needed}"
        others = ", ".join(p.working) if p.working else "nobody else right now"
        return (f"team: {p.done}/{needed} done, mine {p.mine} · working: {others}")
