"""Import and page-render timings: median time to import the whole corpus and to render
the longest treaty page, each next to a baseline measured the same way in this process.

    .venv/bin/python bench/import.py [--repeat 7]

Runs against DATABASE_URL in a throwaway database (``bench_normdiff``) created here and
dropped at the end, so it never touches the data `make run` serves.
"""

from __future__ import annotations

import argparse
import tracemalloc
from pathlib import Path

from django.conf import settings
from django.db.models import Count
from harness import median_ms, throwaway_database  # sets up Django


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()

    with throwaway_database("bench_normdiff"):
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

        import_median, import_min, import_max = median_ms(import_all, args.repeat)
        noop_median, _, _ = median_ms(reimport_unchanged, args.repeat)
        provisions = Provision.objects.count()

        longest = Treaty.objects.annotate(size=Count("provisions")).order_by("-size").first()
        assert longest is not None
        client = Client()
        url = longest.get_absolute_url()
        assert client.get(url).status_code == 200
        page_median, _, _ = median_ms(lambda: client.get(url), args.repeat * 3)
        list_median, _, _ = median_ms(lambda: client.get("/treaties/"), args.repeat * 3)
        tracemalloc.start()
        body = client.get(url).content
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()

        print(f"corpus: {len(files)} instruments, {provisions} provisions ({settings.TREATY_CORPUS_DIR})")
        print(
            f"import whole corpus (fresh):     median {import_median:8.1f} ms  over {args.repeat} runs "
            f"(min {import_min:.1f}, max {import_max:.1f})"
        )
        print(
            f"re-import unchanged (baseline):  median {noop_median:8.1f} ms  ratio {import_median / noop_median:.1f}x"
        )
        print(
            f"render {url} ({len(body) // 1024} KiB): median {page_median:8.1f} ms over {args.repeat * 3} runs, "
            f"peak Python memory {peak / 2**20:.1f} MiB"
        )
        print(f"render /treaties/ (baseline):    median {list_median:8.1f} ms  ratio {page_median / list_median:.1f}x")


if __name__ == "__main__":
    main()
