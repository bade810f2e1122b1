"""What the Django benches share: set-up, a throwaway database, and median timing."""

from __future__ import annotations

import os
import statistics
import sys
import time
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402


@contextmanager
def throwaway_database(name: str) -> Iterator[None]:
    """Create database ``name`` on DATABASE_URL's server, migrate it, drop it afterwards.

    Never the database `make run` serves or the one the test suite uses.
    """
    warnings.filterwarnings("ignore", "No directory at")  # collectstatic need not have run
    setup_test_environment()
    old_name = settings.DATABASES["default"]["NAME"]
    settings.DATABASES["default"]["TEST"]["NAME"] = name
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        yield
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def timings_ms(fn: Callable[[], object], repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return times


def median_ms(fn: Callable[[], object], repeat: int) -> tuple[float, float, float]:
    """(median, min, max) of ``repeat`` timed calls, in milliseconds."""
    times = timings_ms(fn, repeat)
    return statistics.median(times), min(times), max(times)
