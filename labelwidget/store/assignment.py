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

    def update(self) -> np.ndarray:
        """Renew and top up this annotator's claims; the positions they may see (a mask)."""
        self.store.claim(self.window, self.overlap, self.lease)
        mask = np.zeros(len(self._pos), dtype=bool)
        for task in self.store.claims():
            pos = self._pos.get(encode_task(task))
            if pos is not None:
                mask[pos] = True
        self.mask = mask
        return mask

    def progress_text(self) -> str:
        p = self.store.progress(self.overlap, self.lease)
        needed = "everyone" if self.overlap == EVERYONE else f"{p.needed}"
        others = ", ".join(p.working) if p.working else "nobody else right now"
        return (f"team: {p.done}/{needed} done, mine {p.mine} · working: {others}")
