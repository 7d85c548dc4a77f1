"""How many tasks ahead of the shown one the browser holds (the prefetch window's depth).

At a person's pace the Annotator's ``prefetch=`` tasks are plenty: Python has answered each
move long before the next key. When keys come faster than the kernel answers (a burst, a busy
kernel), the browser would reach the end of what it holds and wait for Python. Each move the
browser makes says how many tasks it still holds ahead; when that falls to half the depth, the
depth doubles (up to ``most``), and once the browser again holds about the whole window (the
kernel has caught up), it shrinks back one task a move to ``prefetch``. A deeper window costs
only the payloads of the tasks it adds (payloads.py keeps the others).
"""

from __future__ import annotations

from typing import Any


class PrefetchDepth:
    def __init__(self, base: int, most: int | None = None) -> None:
        self.base = max(1, int(base))
        self.most = max(self.base, most if most is not None else 4 * self.base, 20)
        self.depth = self.base

    def browser_holds(self, ahead: Any) -> None:
        """The browser moved and holds ``ahead`` tasks past the one it now shows."""
        if isinstance(ahead, bool) or not isinstance(ahead, int) or ahead < 0:
            return  # an older front end, or nonsense: the depth stays
        if ahead <= self.depth // 2:
            self.depth = min(self.most, self.depth * 2)
        elif ahead >= self.depth - 1 and self.depth > self.base:
            self.depth -= 1
