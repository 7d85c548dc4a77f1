"""``lw.playground()``: prototype a labeling config live, with an XML editor beside the
Annotator it compiles to, on a few sample rows. (The package is not named ``playground``:
importing it would then hide the ``lw.playground`` function.)

Python holds the state: every edit goes through :meth:`Playground.edit`, which parses the text,
builds a new Annotator when the config is good, and otherwise keeps the last good one and reports
each problem at its line. Values labeled in the playground are carried into the new Annotator
for every control that keeps its name and its tag type (``carry.py``).
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

import ipywidgets as ipw
import pandas as pd

from ..config import ConfigError, ConfigWarning, LabelConfig, parse_config
from ..config.parse import _columns_of  # the columns a tag reads, as check_dataframe asks
from ..display import widget_bundle
from ..tasks import DataError
from .carry import carried, restore
from .samples import ROWS, add_columns
from .templates import DEFAULT, TEMPLATES


class Playground:
    """An XML editor beside the live Annotator. ``config`` is the editor's text;
    ``problems`` what is wrong with it (empty when the widget shows it); ``annotator`` the
    Annotator of the last good config, on the sample rows ``annotator.df``."""

    def __init__(self, config: str | Path | None = None, df: pd.DataFrame | None = None,
                 rows: int = ROWS):
        from ..widgets.playground import EditorWidget

        self._given = df is not None
        self._data = (df.head(rows).copy() if df is not None
                      else pd.DataFrame(index=pd.RangeIndex(rows, name="task")))
        self.annotator = None
        self.problems: list[dict[str, Any]] = []
        self._text = ""
        self.editor = EditorWidget(templates=list(TEMPLATES))
        self.editor.observe(self._on_source, names="source")
        self.editor.on_msg(self._on_msg)
        self.stage = ipw.VBox([], _dom_classes=["lw-playground-stage"])
        self.widget = ipw.HBox([self.editor, self.stage], _dom_classes=["lw-playground"])
        if config is None:
            self.edit(TEMPLATES[DEFAULT])
        else:
            self.open(config)

    def _repr_mimebundle_(self, **kwargs):
        # As the Annotator's (display.py): a front end without widgets gets plain words, and
        # Colab the metadata that points it at the widget manager.
        return widget_bundle(self.widget, "labelwidget Playground", "The config being edited "
                             "is the Playground's .config; the sample rows labeled in it are "
                             ".annotator.df (in memory only).", **kwargs)

    # -- public actions (what the editor and the picker do) ----------------------------------------
    @property
    def config(self) -> str:
        """The XML in the editor now (check ``problems`` to know whether it is valid)."""
        return self._text

    @property
    def templates(self) -> list[str]:
        return list(TEMPLATES)

    def edit(self, xml: str) -> None:
        """Replace the editor's text with ``xml``, as typing does: validate, then rebuild."""
        self._text = xml
        if self.editor.source != xml:
            self.editor.source = xml  # _on_source sees the text is ours already
        self._rebuild()

    def use_template(self, name: str) -> None:
        """Start from the gallery's config for one task family (see ``templates``)."""
        if name not in TEMPLATES:
            raise KeyError(f"no template {name!r} (templates: {', '.join(TEMPLATES)})")
        self.edit(TEMPLATES[name])

    def open(self, config: str | Path | LabelConfig) -> None:
        """Open a config file by path (or take XML text); an unreadable file is reported in
        ``problems`` and the editor keeps its text."""
        if isinstance(config, LabelConfig):
            raise TypeError("the playground edits XML: pass the config's text or file path")
        if isinstance(config, Path) or not str(config).lstrip().startswith("<"):
            path = Path(config).expanduser()
            try:
                text = path.read_text(encoding="utf-8-sig")
            except (OSError, UnicodeDecodeError) as exc:
                self._report([{"line": None, "severity": "error",
                               "message": f"cannot open {path}: {exc}"}])
                return
            self.edit(text)
        else:
            self.edit(str(config))

    # -- browser -> actions ------------------------------------------------------------------------
    def _on_source(self, change) -> None:
        if change["new"] != self._text:
            self.edit(change["new"])

    def _on_msg(self, _widget, content, _buffers) -> None:
        from ..widgets._contract import message
        from ..widgets._messages import OpenMsg, TemplateMsg

        try:
            msg = message(content, TemplateMsg, OpenMsg)
            if msg is None:
                return
            if msg["type"] == "template":
                self.use_template(str(msg["name"]))
            else:
                self.open(str(msg["path"] or ""))
        except (KeyError, TypeError, ValueError) as exc:
            self._report([{"line": None, "severity": "error", "message": str(exc)}])

    # -- state -------------------------------------------------------------------------------------
    def _rebuild(self) -> None:
        from ..annotator import Annotator

        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", ConfigWarning)
            try:
                config = parse_config(self._text)
                if not self._given:
                    add_columns(self._data, config)
                old = self.annotator
                df, drafts = carried(old, config, self._data, self._given)
                annotator = Annotator(df, config)
                restore(annotator, drafts, None if old is None else old.current)
            except ConfigError as exc:
                self._report([_problem(issue) for issue in exc.issues])
                return
            except DataError as exc:
                self._report(_data_problems(exc, config))
                return
            except (ValueError, TypeError, KeyError) as exc:
                # what the compiler refuses beyond the config checks, named as it says
                self._report([{"line": None, "severity": "error", "message": str(exc)}])
                return
            except Exception as exc:
                # an edit must answer in the editor, never as a traceback in the kernel's log
                # that the person typing cannot see
                self._report([{"line": None, "severity": "error",
                               "message": f"{type(exc).__name__}: {exc}"}])
                return
        notes = [_problem(issue, "warning") for w in caught
                 if isinstance(w.message, ConfigWarning) for issue in w.message.issues]
        self.annotator = annotator
        self.stage.children = [annotator.widget]
        self.problems = []
        self.editor.problems = notes
        self.editor.status = {"kind": "ok", "text": f"{len(config.controls)} control(s), "
                                                    f"{len(df)} sample task(s)"}
        if old is not None:
            _close(old.widget)

    def _report(self, problems: list[dict[str, Any]]) -> None:
        """A config that does not build: say why at its lines; the last good widget stays."""
        self.problems = problems
        self.editor.problems = problems
        kept = " (the widget shows the last valid config)" if self.annotator is not None else ""
        self.editor.status = {"kind": "error",
                              "text": f"{len(problems)} problem(s){kept}"}


def _problem(issue, severity: str = "error") -> dict[str, Any]:
    return {"line": issue.line, "severity": severity, "message": str(issue)}


def _data_problems(exc: DataError, config: LabelConfig) -> list[dict[str, Any]]:
    """The rows' problems, each at the line of the first tag that reads its column."""
    lines: dict[str, int] = {}
    for tag in config.walk():
        for column in _columns_of(tag):
            if tag.line is not None:
                lines.setdefault(column, tag.line)
    return [{"line": lines.get(issue.column), "severity": "error", "message": str(issue)}
            for issue in exc.issues]


def _close(widget) -> None:
    """Close a widget tree's comms: a replaced Annotator is never shown again."""
    for child in getattr(widget, "children", ()):
        _close(child)
    widget.close()


def playground(config: str | Path | None = None, df: pd.DataFrame | None = None,
               rows: int = ROWS) -> Playground:
    """An XML editor beside the live Annotator, on ``rows`` rows of ``df`` (default: sample
    rows made up for the config's ``$columns``). ``config``: XML text or a file path (default:
    the classification template)."""
    return Playground(config, df, rows)
