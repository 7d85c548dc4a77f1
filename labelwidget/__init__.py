"""labelwidget: label data inside Jupyter with Label Studio's XML configs."""

from .annotator import Annotator
from .config import ConfigError, LabelConfig, parse_config
from .tasks import DataError

__all__ = ["Annotator", "ConfigError", "DataError", "LabelConfig", "parse_config"]
__version__ = "0.1.0"
