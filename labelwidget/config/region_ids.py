"""Region ids, as Label Studio writes them: 10 characters of ``[A-Za-z0-9_-]`` (the URL-safe
base64 alphabet). The one home of ids in Python: a new region gets a random one; a region or
result that arrives without an id gets one derived from its content, so exporting the same cell
twice gives the same ids. ``js/_ids.js`` makes the browser's ids with the same alphabet.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import string
from collections.abc import Mapping
from typing import Any

ID_ALPHABET = string.ascii_uppercase + string.ascii_lowercase + string.digits + "_-"  # base64url
ID_LENGTH = 10
# json.dumps(..., sort_keys=True, default=str), its encoder made once (an export derives an id
# per classification result).
_CONTENT = json.JSONEncoder(sort_keys=True, default=str).encode
_ASCII = json.encoder.encode_basestring_ascii  # a text as _CONTENT writes it


def new_region_id() -> str:
    """A new random region id in Label Studio's style."""
    return "".join(secrets.choice(ID_ALPHABET) for _ in range(ID_LENGTH))


def derived_region_id(*parts: Any) -> str:
    """A stable region id derived from ``parts`` (a control name, a task, an index, the region's
    value ...). A mapping's own ``"id"`` is left out: an id derived from content never depends
    on the id it replaces."""
    if all(type(p) is str or type(p) is int for p in parts):  # a result's id: task, name ...
        content = f"[{', '.join(_ASCII(p) if type(p) is str else repr(p) for p in parts)}]"
    else:
        content = _CONTENT([{k: v for k, v in p.items() if k != "id"}
                            if isinstance(p, Mapping) else p for p in parts])
    digest = hashlib.sha256(content.encode("utf-8", "surrogatepass")).digest()
    return base64.urlsafe_b64encode(digest).decode("ascii")[:ID_LENGTH]
