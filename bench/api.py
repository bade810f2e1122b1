"""Latency and throughput of the REST API under a bounded loopback load against gunicorn: the CoE
Convention <- TIP Protocol + UNTOC links list (one page of 100, and all rows), a provision detail,
and the API root (no database) as the baseline measured the same way. Prints figures, asserts nothing.

    .venv/bin/python bench/api.py [--clients 4] [--requests 50] [--port 8766]

Each case: ``--clients`` threads, each with its own keep-alive connection, send ``--requests``
GETs one after another (after a warm-up round); it prints the median and 90th-percentile latency
and the requests per second over the whole case, and the ratio of the median to the baseline's.
The client runs on the same two cores as the server's two workers: compare ratios, not absolutes.
Runs against DATABASE_URL in a throwaway database (``bench_normdiff_api``) dropped at the end.
"""

from __future__ import annotations

import argparse
import http.client
import statistics
import threading
import time
from urllib.parse import urlsplit

from harness import aligned_coe, gunicorn, throwaway_database  # sets up Django

COMPARISON = "coe-trafficking--tip-protocol+untoc"


def load(base: str, path: str, *, clients: int, requests: int) -> tuple[list[float], float, int]:
    """Latencies (ms) of every request, the wall time (s) of the case and the response size (bytes)."""
    host = urlsplit(base)
    latencies: list[float] = []
    sizes: list[int] = []
    lock = threading.Lock()
    start_line = threading.Barrier(clients + 1)

    def client() -> None:
        connection = http.client.HTTPConnection(host.hostname, host.port, timeout=120)
        mine = []
        connection.request("GET", path)  # warm-up, not counted
        sizes.append(len(connection.getresponse().read()))
        start_line.wait()
        for _ in range(requests):
            began = time.perf_counter()
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
            assert response.status == 200, (path, response.status)
            mine.append((time.perf_counter() - began) * 1000)
        connection.close()
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    start_line.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    return latencies, time.perf_counter() - began, sizes[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--requests", type=int, default=50, help="per client")
    parser.add_argument("--port", type=int, default=8766)
    args = parser.parse_args()

    with throwaway_database("bench_normdiff_api"):
        _comparison, run = aligned_coe()
        cases = [
            ("API root /api/v1/ (baseline, no database)", "/api/v1/"),
            ("provision detail untoc/art_5__para_1", "/api/v1/instruments/untoc/provisions/art_5__para_1/"),
            ("CoE links list, first page (100 rows)", f"/api/v1/comparisons/{COMPARISON}/links/"),
            ("CoE links list, every row (limit=1000)", f"/api/v1/comparisons/{COMPARISON}/links/?limit=1000"),
        ]
        print(
            f"{COMPARISON}: {len(run.target_units)} target units, {len(run.source_units)} source units; "
            f"{args.clients} clients x {args.requests} requests per case, gunicorn with 2 workers on loopback"
        )
        with gunicorn(args.port, env={"API_ANON_RATE": "100000000/minute"}) as base:
            baseline = None
            for label, path in cases:
                latencies, elapsed, size = load(base, path, clients=args.clients, requests=args.requests)
                median = statistics.median(latencies)
                p90 = statistics.quantiles(latencies, n=10)[-1]
                baseline = baseline or median
                print(
                    f"{label:44} median {median:7.1f} ms  p90 {p90:7.1f} ms  {len(latencies) / elapsed:7.1f} req/s  "
                    f"{size // 1024:5d} KiB  ratio {median / baseline:6.1f}x"
                )


if __name__ == "__main__":
    main()
