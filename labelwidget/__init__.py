"""labelwidget: label data inside Jupyter with Label Studio's XML configs."""

from .config import ConfigError, LabelConfig, parse_config

__all__ = ["ConfigError", "LabelConfig", "parse_config"]
__version__ = "0.1.0"
