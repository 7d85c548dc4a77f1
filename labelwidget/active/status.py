"""The active learner's status line under the annotator: the model version, its accuracy (and a
sparkline of it as labels accumulate), how often its suggestions were kept, the queue strategy,
and when it refits."""

from __future__ import annotations

import html


class StatusLine:
    """The status line of :class:`~labelwidget.active.ActiveLearner` (a mixin: it reads the
    learner's options and history; ``widget`` is None when the line is not shown)."""

    def _status(self, text: str, error: bool = False) -> None:
        if self.widget is None:
            return
        kind = "lw-learner-error" if error else "lw-learner-info"
        self.widget.value = (f'<div class="lw-learner-line {kind}"><b>active learning</b> · '
                             f"{html.escape(text)}</div>")

    def _status_busy(self, n: int) -> None:
        if self.widget is None:
            return
        if self._fits:
            self._status_fitted(busy=n)
        else:
            self._status(f"fitting on {n} labels…")

    def _status_fitted(self, busy: int | None = None) -> None:
        if self.widget is None or not self._rows:
            return
        last = self._rows[-1]
        parts = [f"{html.escape(str(last['model_version']))}"]
        if last["accuracy"] is not None:
            how = (f"{min(self.folds, last['n_labels'])}-fold CV" if self.evaluation == "cv"
                   else "held out")
            parts.append(f"accuracy <b>{last['accuracy']:.0%}</b> ({how}, "
                         f"{last['evaluated_on']} labels)")
        else:
            parts.append("accuracy: too few labels")
        if last["agreement"] is not None:
            parts.append(f"suggestions kept {last['agreement']:.0%}")
        strategy = self.strategy if isinstance(self.strategy, str) else "custom score"
        parts.append(f"queue: {html.escape(strategy)}"
                     + (f" + {self.random_share:.0%} random" if self.random_share else ""))
        if busy is not None:
            parts.append(f"refitting on {busy} labels…")
        else:
            parts.append(f"refit in {max(self.every - self._since, 0)} labels")
        self.widget.value = (f'<div class="lw-learner-line lw-learner-info"><b>active learning'
                             f"</b> · {' · '.join(parts)} {self._sparkline()}</div>")

    def _sparkline(self, width: int = 90, height: int = 18) -> str:
        points = [(r["n_labels"], r["accuracy"]) for r in self._rows if r["accuracy"] is not None]
        if len(points) < 2:
            return ""
        xs = [p[0] for p in points]
        lo, hi = min(xs), max(xs)
        span = (hi - lo) or 1
        coords = " ".join(f"{(x - lo) / span * (width - 2) + 1:.1f},"
                          f"{(1 - a) * (height - 2) + 1:.1f}" for x, a in points)
        return (f'<svg class="lw-learner-curve" width="{width}" height="{height}" '
                f'viewBox="0 0 {width} {height}" style="vertical-align: middle">'
                f'<title>accuracy by number of labels</title>'
                f'<polyline points="{coords}" fill="none" stroke="currentColor" '
                f'stroke-width="1.5"/></svg>')
