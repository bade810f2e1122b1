"""Import and page-render timings: median time to import the whole corpus and to render
the longest treaty page, each next to a baseline measured the same way in this process.

    .venv/bin/python bench/import.py [--repeat 7]

Runs against DATABASE_URL in a throwaway database (``bench_normdiff``) created here and
dropped at the end, so it never touches the data `make run` serves.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
import tracemalloc
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402


def median_time(fn, repeat: int) -> tuple[float, list[float]]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()

    warnings.filterwarnings("ignore", "No directory at")  # collectstatic need not have run
    setup_test_environment()
    old_name = settings.DATABASES["default"]["NAME"]
    settings.DATABASES["default"]["TEST"]["NAME"] = "bench_normdiff"  # never the test suite's database
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        from django.test import Client

        from treaties.models import Provision, Treaty
        from treaties.services import corpus_files, import_file

        files = corpus_files(Path(settings.TREATY_CORPUS_DIR))

        def import_all() -> None:
            Treaty.objects.all().delete()
            for path in files:
                import_file(path=path)

        def reimport_unchanged() -> None:
            for path in files:
                import_file(path=path)

        import_median, import_runs = median_time(import_all, args.repeat)
        noop_median, _ = median_time(reimport_unchanged, args.repeat)
        provisions = Provision.objects.count()

        longest = Treaty.objects.annotate(size=Count("provisions")).order_by("-size").first()
        assert longest is not None
        client = Client()
        url = longest.get_absolute_url()
        assert client.get(url).status_code == 200
        page_median, _ = median_time(lambda: client.get(url), args.repeat * 3)
        home_median, _ = median_time(lambda: client.get("/treaties/"), args.repeat * 3)
        tracemalloc.start()
        body = client.get(url).content
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()

        print(f"corpus: {len(files)} instruments, {provisions} provisions ({settings.TREATY_CORPUS_DIR})")
        print(
            f"import whole corpus (fresh):     median {import_median * 1000:8.1f} ms  over {args.repeat} runs "
            f"(min {min(import_runs) * 1000:.1f}, max {max(import_runs) * 1000:.1f})"
        )
        print(
            f"re-import unchanged (baseline):  median {noop_median * 1000:8.1f} ms  "
            f"ratio {import_median / noop_median:.1f}x"
        )
        print(
            f"render {url} ({len(body) // 1024} KiB): median {page_median * 1000:8.1f} ms over {args.repeat * 3} runs, "
            f"peak Python memory {peak / 2**20:.1f} MiB"
        )
        print(
            f"render /treaties/ (baseline):    median {home_median * 1000:8.1f} ms  "
            f"ratio {page_median / home_median:.1f}x"
        )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
