"""Whether the process holding a store session is still alive (on this host), so a session
left by a dead kernel is taken over while a live one is refused."""

from __future__ import annotations

import os
import sys

# --------------------------------------------------------------------------------------------
# process liveness (stale session detection)


def _proc_start(pid: int) -> str | None:
    """Start time of ``pid`` in clock ticks since boot (Linux), or None where unknown."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as f:
            stat = f.read()
    except OSError:
        return None
    fields = stat[stat.rfind(")") + 2 :].split()
    return fields[19] if len(fields) > 19 else None  # field 22 of the file


def _pid_alive(pid: int, proc_start: str | None) -> bool:
    """Whether the process that registered a session on this host still runs (when unsure: yes)."""
    if pid <= 0:
        return False
    if os.path.isdir("/proc/self"):
        try:
            with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as f:
                stat = f.read()
        except FileNotFoundError:
            return False
        except OSError:
            return True
        fields = stat[stat.rfind(")") + 2 :].split()
        if fields and fields[0] in ("Z", "X", "x"):  # killed, waiting to be reaped
            return False
        # a different start time: the pid now belongs to another, newer process
        return proc_start is None or len(fields) <= 19 or fields[19] == proc_start
    if sys.platform == "win32":
        return True  # os.kill(pid, 0) would terminate the process on Windows: assume alive
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by someone else
    return True
