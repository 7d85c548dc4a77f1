"""Whether this process is a Jupyter kernel: the Annotator's helpers (predictions, the active
learner, chat replies) then work off the kernel's thread and hand results back on its loop.
Read from ``sys.modules`` so that asking never imports IPython."""

from __future__ import annotations

import sys


def in_kernel() -> bool:
    """True inside a Jupyter kernel (IPython's kernel app is running)."""
    shell = sys.modules.get("IPython")
    ip = shell.get_ipython() if shell is not None else None
    return ip is not None and getattr(ip, "kernel", None) is not None
