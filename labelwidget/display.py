"""How labelwidget's widgets are shown: the same bundle everywhere, and plain words where a
front end cannot show it.

A front end that renders Jupyter widgets (JupyterLab 4, Notebook 7, Voila, VS Code's Jupyter
extension, Colab) uses the widget view; anything else (a terminal, a static viewer such as
GitHub's, a saved notebook whose kernel is gone) shows ``text/plain``, which ipywidgets fills
with the container's repr (``VBox(children=(<...ToolbarWidget object at 0x...>``). That text
says nothing useful, so it is replaced by what is missing and where the work is.

The top widget is an ipywidgets box, not an AnyWidget, so it lacks the display metadata
anywidget adds in Colab (which points Colab's custom widget manager at the right version):
it is added here from anywidget's own helper.
"""

from __future__ import annotations

from typing import Any

NOT_LIVE = (
    "This front end shows text, not the widget: either it cannot show Jupyter widgets (they "
    "need ipywidgets 8 with anywidget, as in JupyterLab 4, Notebook 7, Voila, VS Code's Jupyter "
    "extension and Colab), or the kernel that made the widget is gone (run the cell again)."
)


def front_end_metadata() -> dict[str, Any]:
    """Display metadata the front end needs (Colab's custom widget manager), else {}."""
    try:
        from anywidget._util import get_repr_metadata
    except ImportError:  # an anywidget without it: its widgets still enable Colab themselves
        return {}
    return get_repr_metadata()


def widget_bundle(widget, what: str, where: str, **kwargs) -> tuple[dict, dict]:
    """``widget``'s mime bundle with a ``text/plain`` naming ``what`` is shown, what is
    missing, and ``where`` the work is kept; plus the front end's display metadata."""
    data = dict(widget._repr_mimebundle_(**kwargs) or {})
    data["text/plain"] = f"{what}. {NOT_LIVE} {where}"
    return data, front_end_metadata()
