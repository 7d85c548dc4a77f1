"""Review: walk the tasks several annotators labeled, compare their answers side by side, and
record the ground truth (origin ``review``).

``Review(df, config, store=url, reviewer="rita")`` is an Annotator for the reviewer on the
team's store. It shows only tasks with at least two annotations (``tasks="disagreements"``: only
those whose annotators disagree). Above the widgets, a panel lists every annotator's answer;
"Use" (or the keys 1-9 with Alt) puts that answer into the widgets, where the reviewer can
edit it; submitting records the ground truth, which lands in the DataFrame columns, in
``lw.load(store)`` and in the Label Studio export (``ground_truth: true``).
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

import ipywidgets as ipw
import numpy as np

from ..annotator import Annotator
from ..store.by_annotator import by_annotator
from ..store.load import history_frame
from ..store.sqlite import encode_task
from ..tasks import plain

WHICH = ("disagreements", "all")
ANNOTATOR_ORIGINS = ("manual", "prediction", "prediction-changed")


class Review(Annotator):
    _distributes = False

    def __init__(self, df, config, *, store, reviewer: str, tasks: str = "disagreements",
                 **options: Any):
        if tasks not in WHICH:
            raise ValueError(f'tasks= takes "disagreements" or "all", not {tasks!r}')
        if not (isinstance(reviewer, str) and reviewer.strip()):
            raise ValueError("a review needs the reviewer's name: reviewer='rita'")
        super().__init__(df, config, store=store, annotator=reviewer, **options)
        self.which = tasks
        self._answers: dict[str, dict[str, dict]] = {}
        self.panel = ipw.VBox([], _dom_classes=["lw-review"])
        self.widget.children = (self.widget.children[0], self.panel,
                                *self.widget.children[1:])
        self.reload()

    # -- what the reviewer sees -------------------------------------------------------------

    def reload(self) -> None:
        """Read the annotators' answers from the store again (others may still be labeling)."""
        history = history_frame(self._store.history())
        long = by_annotator(history, origins=ANNOTATOR_ORIGINS)
        controls = list(self._controls)
        answers: dict[str, dict[str, dict]] = {}
        for row in long.to_dict("records"):
            values = {c: row.get(c) for c in controls}
            answers.setdefault(encode_task(row["task"]), {})[row["annotator"]] = values
        self._answers = answers
        allowed = np.zeros(len(self.df), dtype=bool)
        for pos in range(len(self.df)):
            mine = answers.get(encode_task(self._placement.write_id(self.df, pos)), {})
            if len(mine) >= 2 and (self.which == "all" or _disagree(mine.values())):
                allowed[pos] = True
        self._queue.allowed = allowed
        self._pos = self._queue.first_unlabeled()
        self._refresh(jump=True)

    def answers(self, task: Any = None) -> dict[str, dict]:
        """``{annotator: {control: value}}`` for a task (the one shown by default)."""
        if task is None:
            pos = self._require_task()
        else:
            try:
                pos = self.df.index.get_loc(task)
            except (KeyError, TypeError):
                raise KeyError(f"no task {task!r} in the DataFrame") from None
        key = encode_task(self._placement.write_id(self.df, pos))
        return {who: dict(values) for who, values in self._answers.get(key, {}).items()}

    def use(self, annotator: str) -> None:
        """Put ``annotator``'s answer into the widgets (the reviewer may edit it, then submit)."""
        answers = self.answers()
        if annotator not in answers:
            raise ValueError(f"{annotator!r} did not annotate task {self.current!r} "
                             f"(annotators: {', '.join(map(str, answers)) or 'none'})")
        for name, value in answers[annotator].items():
            self.set(name, value)

    def _origin(self, pos: int, checked: Mapping[str, Any]) -> tuple[str, dict]:
        return "review", {}

    def _restorable(self, history: list, team: bool) -> list:
        # The reviewer's DataFrame holds the ground truth only; the answers are in the panel.
        return [event for event in history if event.origin == "review"]

    def _refresh_now(self, jump: bool) -> None:
        super()._refresh_now(jump)
        if hasattr(self, "panel"):
            self._draw_panel()

    def _draw_panel(self) -> None:
        if self._pos is None:
            self.panel.children = (ipw.HTML("Nothing to review: no task has two annotations "
                                            "that disagree." if self.which == "disagreements"
                                            else "Nothing to review yet."),)
            return
        rows = []
        for who, values in sorted(self.answers().items(), key=lambda kv: str(kv[0])):
            shown = "; ".join(f"{html.escape(str(c))}: {html.escape(_short(v))}"
                              for c, v in values.items() if v is not None)
            button = ipw.Button(description=f"Use {who}'s", tooltip=f"put {who}'s answer "
                                "into the widgets", _dom_classes=["lw-review-use"])
            button.on_click(lambda _b, who=who: self.use(who))
            rows.append(ipw.HBox([button, ipw.HTML(f"<b>{html.escape(str(who))}</b>: {shown}")]))
        self.panel.children = tuple(rows)


def _disagree(answers) -> bool:
    seen = [tuple(sorted((k, repr(plain(v))) for k, v in a.items())) for a in answers]
    return len(set(seen)) > 1


def _short(value: Any, limit: int = 80) -> str:
    text = value if isinstance(value, str) else repr(plain(value))
    return text if len(text) <= limit else text[: limit - 1] + "…"
