"""The labeling config: XML -> typed tag tree. No Jupyter imports here."""

from .errors import ConfigError, ConfigIssue, ConfigWarning
from .parse import LabelConfig, parse_config
from .registry import registry
from .tags import ControlTag, ObjectTag, OptionTag, Tag

__all__ = [
    "ConfigError",
    "ConfigIssue",
    "ConfigWarning",
    "ControlTag",
    "LabelConfig",
    "ObjectTag",
    "OptionTag",
    "Tag",
    "parse_config",
    "registry",
]
