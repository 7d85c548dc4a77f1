"""Fixtures shared by the headless tests: a throwaway PostgreSQL server for the team store."""

from __future__ import annotations

import uuid

import pytest
from hypothesis import HealthCheck, settings

from . import postgres_server

# Property tests assert behaviour, never speed: no per-example deadline and no "too slow" health
# check, both of which fail on a loaded machine (speed is measured under benchmarks/).
settings.register_profile("labelwidget", deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("labelwidget")


def pytest_addoption(parser):
    # Here, not in tests/browser/conftest.py: pytest reads options only from the conftests it
    # meets first, and a plain `pytest` (testpaths) does not meet that one before parsing.
    parser.addoption(
        "--pictures", metavar="DIR", default=None,
        help="write the README's pictures (tests/browser/test_pictures.py) into DIR, "
             "e.g. docs/img; by default they go to pytest's temporary directory")


@pytest.fixture(scope="session")
def server():
    """One PostgreSQL cluster for the session (Debian's binaries, 127.0.0.1 only)."""
    problem = postgres_server.problem()
    if problem:
        pytest.fail(problem, pytrace=False)  # never skipped: the test command installs it
    srv = postgres_server.start()
    try:
        yield srv
    finally:
        srv.remove()


@pytest.fixture
def url(server):
    """A fresh database on that server, as a store URL."""
    return server.create_database(f"t_{uuid.uuid4().hex[:10]}")


@pytest.fixture(params=["postgresql", "sqlite"])
def shared(request, tmp_path):
    """A store several annotators share: a PostgreSQL database or one SQLite file."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'team.sqlite'}"
    return request.getfixturevalue("url")
