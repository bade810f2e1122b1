"""Server time of the side-by-side comparison page: the full CoE Convention <- TIP Protocol + UNTOC
page with the diff off and on, its htmx fragment, and the home page as a baseline measured the same way
(Django test Client, same process, median of several repetitions; the size is given as sent to a
browser that accepts gzip, too). Prints figures, asserts nothing.

    .venv/bin/python bench/pages.py [--repeat 15]

Runs against DATABASE_URL in a throwaway database (``bench_normdiff_pages``) created here and
dropped at the end, so it never touches the data `make run` serves or the test suite's database.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from django.db import connection
from harness import aligned_coe, median_ms, throwaway_database  # sets up Django


def count_queries(fn: Callable[[], object]) -> int:
    """SQL statements run by ``fn`` (a wrapper, since each request resets ``connection.queries``)."""
    statements: list[str] = []

    def record(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        statements.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        fn()
    return len(statements)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()

    with throwaway_database("bench_normdiff_pages"):
        from django.test import Client

        from treaties.models import Provision

        comparison, run = aligned_coe()
        provisions = Provision.objects.filter(treaty__slug__in=["coe-trafficking", "tip-protocol", "untoc"]).count()

        client = Client()
        url = comparison.get_absolute_url()
        cases = [
            ("home page / (baseline)", "/", {}),
            ("side by side, diff off", url, {}),
            ("side by side, diff off, sent gzipped", url, {"Accept-Encoding": "gzip"}),
            ("side by side, diff on", url + "?diff=on", {}),
            ("side by side, pruned only (htmx fragment)", url + "?relation=pruned", {"HX-Request": "true"}),
            ("comparison list", "/comparisons/", {}),
        ]
        print(
            f"{comparison.slug}: {provisions} provisions, {len(run.target_units)} target units, "
            f"{len(run.source_units)} source units, run counts {run.counts}"
        )
        baseline = None
        for label, case_url, headers in cases:
            response = client.get(case_url, headers=headers)
            assert response.status_code == 200, (case_url, response.status_code)
            wire = client.get(case_url, headers={**headers, "Accept-Encoding": "gzip"})
            gzipped = len(wire.content) if wire.get("Content-Encoding") == "gzip" else len(response.content)
            queries = count_queries(lambda u=case_url, h=headers: client.get(u, headers=h))
            median, fastest, slowest = median_ms(lambda u=case_url, h=headers: client.get(u, headers=h), args.repeat)
            baseline = baseline or median
            print(
                f"{label:44} median {median:7.1f} ms (min {fastest:.1f}, max {slowest:.1f}) "
                f"{len(response.content) // 1024:5d} KiB ({gzipped // 1024:4d} KiB gzipped) {queries:3d} queries  "
                f"ratio {median / baseline:5.1f}x"
            )


if __name__ == "__main__":
    main()
