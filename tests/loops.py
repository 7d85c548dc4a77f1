"""Run a coroutine in an event loop of its own thread.

This test process may already have a running loop in its main thread (Playwright's sync API
keeps one once the browser tests have run), where ``asyncio.run`` refuses to start another.
"""

from __future__ import annotations

import asyncio
import threading


def run_in_own_loop(make_coroutine, timeout: float = 60):
    """``asyncio.run(make_coroutine())`` in a new thread; its result, or its exception."""
    result, errors = [], []

    def run():
        try:
            result.append(asyncio.run(make_coroutine()))
        except BaseException as exc:  # re-raised in the caller's thread
            errors.append(exc)

    runner = threading.Thread(target=run, name="test-event-loop")
    runner.start()
    runner.join(timeout)
    if errors:
        raise errors[0]
    assert not runner.is_alive(), f"the event loop did not finish within {timeout} s"
    return result[0]
