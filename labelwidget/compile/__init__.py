"""Config -> composed widgets. Importing this package registers every builder."""

from . import audio as _audio  # noqa: F401
from . import chat as _chat  # noqa: F401
from . import controls as _controls  # noqa: F401
from . import image_regions as _image_regions  # noqa: F401
from . import layout as _layout  # noqa: F401
from . import objects as _objects  # noqa: F401
from . import paragraphs as _paragraphs  # noqa: F401
from . import ranker as _ranker  # noqa: F401
from . import relations as _relations  # noqa: F401
from . import repeater as _repeater  # noqa: F401
from . import text_spans as _text_spans  # noqa: F401
from .base import Compiled, Part, builders, compile_config

__all__ = ["Compiled", "Part", "builders", "compile_config"]
