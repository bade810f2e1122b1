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
from typing import Any

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


@contextmanager
def gunicorn(port: int, *, workers: int = 2, env: dict[str, str] | None = None) -> Iterator[str]:
    """Serve this checkout with gunicorn on 127.0.0.1:``port`` against the current database
    (a throwaway one, inside :func:`throwaway_database`); yields the base URL once it answers."""
    import subprocess
    import urllib.request

    db = settings.DATABASES["default"]
    user = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    database_url = f"postgres://{user}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    base = f"http://127.0.0.1:{port}"
    command = [
        str(Path(sys.executable).with_name("gunicorn")),
        "config.wsgi",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--timeout",
        "120",
        "--log-level",
        "warning",
    ]
    environment = {**os.environ, "DATABASE_URL": database_url, **(env or {})}
    connection.close()  # the server's workers open their own
    server = subprocess.Popen(command, cwd=Path(__file__).resolve().parents[1], env=environment)
    try:
        for _ in range(300):
            try:
                with urllib.request.urlopen(base + "/api/v1/", timeout=5):
                    break
            except OSError:
                if server.poll() is not None:
                    raise RuntimeError(f"gunicorn exited with {server.returncode}") from None
                time.sleep(0.2)
        else:
            raise RuntimeError(f"gunicorn did not answer on {base}")
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


def aligned_coe() -> tuple[Any, Any]:
    """Import the corpus into the current (throwaway) database and align CoE <- TIP Protocol + UNTOC:
    ``(comparison, run)``, the data the page and API benches measure."""
    from comparisons.services import get_or_create_comparison, run_alignment
    from treaties.services import corpus_files, import_file

    for path in corpus_files(Path(settings.TREATY_CORPUS_DIR)):
        import_file(path=path)
    comparison = get_or_create_comparison(target="coe-trafficking", sources=["tip-protocol", "untoc"])
    return comparison, run_alignment(comparison=comparison)
