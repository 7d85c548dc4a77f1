"""The order tasks are shown in, and which are done or skipped. No Jupyter imports.

Positions are row positions of the DataFrame. The order starts as the DataFrame's and can be
replaced (active learning puts the most uncertain tasks first); "only unlabeled" walks the
same order, skipping done and skipped tasks.
"""

from __future__ import annotations

import numpy as np

UNLABELED, DONE, SKIPPED = 0, 1, 2
_CHUNK = 256


class TaskQueue:
    def __init__(self, labeled: np.ndarray):
        n = len(labeled)
        self.state = np.where(labeled, DONE, UNLABELED).astype(np.int8)
        self.counts = {DONE: int(labeled.sum()), SKIPPED: 0}
        self.order = np.arange(n)
        self.rank = np.arange(n)
        self.only_unlabeled = False
        # Positions this annotator may see (a team store's share); None: every task.
        self.allowed: np.ndarray | None = None

    def __len__(self) -> int:
        return len(self.state)

    def set_state(self, pos: int, state: int) -> None:
        old = int(self.state[pos])
        if old in self.counts:
            self.counts[old] -= 1
        if state in self.counts:
            self.counts[state] += 1
        self.state[pos] = state

    def reorder(self, first: list[int] | np.ndarray) -> None:
        """Put ``first`` (positions) at the front, in that order; the rest keep their order."""
        first = np.asarray(first, dtype=np.int64)
        rest = np.ones(len(self.state), dtype=bool)
        rest[first] = False
        self.order = np.concatenate([first, np.flatnonzero(rest)])
        self.rank = np.empty_like(self.order)
        self.rank[self.order] = np.arange(len(self.order))

    def first_unlabeled(self) -> int | None:
        if not len(self.state):
            return None
        seen = self.order if self.allowed is None else self.order[self.allowed[self.order]]
        if not len(seen):
            return None  # a team member with no share right now
        todo = seen[self.state[seen] == UNLABELED]
        if len(todo):
            return int(todo[0])
        return int(seen[0]) if len(seen) else int(self.order[0])

    def remaining(self) -> int:
        unlabeled = self.state == UNLABELED
        if self.allowed is not None:
            unlabeled &= self.allowed
        return int(unlabeled.sum())

    def scan(self, pos: int, step: int, count: int) -> list[int]:
        """The next ``count`` positions in queue order after ``pos`` (step -1: before it)."""
        out: list[int] = []
        n = len(self.state)
        i = int(self.rank[pos]) + step
        while 0 <= i < n and len(out) < count:
            if step > 0:
                window = self.order[i:min(n, i + _CHUNK)]
            else:
                window = self.order[max(0, i - _CHUNK + 1):i + 1][::-1]
            if self.allowed is not None:
                window = window[self.allowed[window]]
            if self.only_unlabeled:
                window = window[self.state[window] == UNLABELED]
            out.extend(int(x) for x in window[: count - len(out)])
            i += step * _CHUNK
        return out
