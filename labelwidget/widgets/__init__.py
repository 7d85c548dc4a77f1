"""Widgets: take plain arguments, know nothing of the config; each mirrors ``js/<name>.js``."""

from ._base import TaskWidget
from .choices import ChoicesWidget
from .image import ImageWidget
from .text import TextWidget
from .toolbar import ToolbarWidget

__all__ = ["ChoicesWidget", "ImageWidget", "TaskWidget", "TextWidget", "ToolbarWidget"]
