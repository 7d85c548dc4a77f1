"""Widgets: take plain arguments, know nothing of the config; each mirrors ``js/<name>.js``."""

from ._base import TaskWidget
from .audio import AudioWidget
from .chat import ChatWidget
from .choices import ChoicesWidget
from .condition import ConditionWidget
from .date_time import DateTimeWidget
from .image import ImageWidget
from .image_regions import ImageRegionsWidget
from .number import NumberWidget
from .pairwise import PairwiseWidget
from .ranker import RankerWidget
from .rating import RatingWidget
from .relations import RelationsWidget
from .repeater import RepeaterWidget
from .style import StyleWidget
from .table import TableWidget
from .taxonomy import TaxonomyWidget
from .text import TextWidget
from .text_area import TextAreaWidget
from .text_spans import TextSpansWidget
from .toolbar import ToolbarWidget

__all__ = [
    "AudioWidget",
    "ChatWidget",
    "ChoicesWidget",
    "ConditionWidget",
    "DateTimeWidget",
    "ImageRegionsWidget",
    "ImageWidget",
    "NumberWidget",
    "PairwiseWidget",
    "RankerWidget",
    "RatingWidget",
    "RelationsWidget",
    "RepeaterWidget",
    "StyleWidget",
    "TableWidget",
    "TaskWidget",
    "TaxonomyWidget",
    "TextAreaWidget",
    "TextSpansWidget",
    "TextWidget",
    "ToolbarWidget",
]
