"""Requests/s and p99 latency of the main pages under load, with 2 slow clients held open throughout.

Starts gunicorn as `make serve` does (config/gunicorn.py; add --via-nginx to put nginx with
deploy/nginx/nginx.conf in front), on loopback ports, and drives it with wrk (Debian: apt-get
install -y wrk) at concurrency 8 and 32, DURATION seconds per page and concurrency.

Needs a database with the corpus imported and aligned, e.g.:

    export DATABASE_URL=postgres://postgres@127.0.0.1:54329/normdiff_bench
    python manage.py migrate && python manage.py load_corpus --dir ../shared/corpus && python manage.py align_defaults
    python bench/load.py [--via-nginx] [--duration 8] [--worker-class gevent]

Target (issue 15): 0 errors, GET / p99 under 1 s with the slow clients open.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from serving import gunicorn, nginx, slow_clients

PAGES = {
    "home": "/",
    "treaty": "/treaties/untoc/",
    "side-by-side": "/comparisons/coe-trafficking--tip-protocol+untoc/",
    "search": "/search/?q=victims",
}
CONCURRENCY = (8, 32)


@dataclass(frozen=True)
class Result:
    requests_per_s: float
    p50_ms: float
    p99_ms: float
    requests: int
    errors: int


def _ms(value: str, unit: str) -> float:
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}[unit]


def parse_wrk(output: str) -> Result:
    percentiles = {int(p): _ms(v, u) for p, v, u in re.findall(r"^\s+(\d+)%\s+([\d.]+)(us|ms|s|m)\s*$", output, re.M)}
    requests = int(re.search(r"(\d+) requests in", output).group(1))  # type: ignore[union-attr]
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))  # type: ignore[union-attr]
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", output))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors += int(non_2xx.group(1)) if non_2xx else 0
    return Result(rate, percentiles[50], percentiles[99], requests, errors)


def wrk(port: int, path: str, connections: int, duration: int) -> Result:
    threads = min(2, connections)
    command = [
        "wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--timeout", "10s", "--latency",
        "-H", "Accept-Encoding: gzip", f"http://127.0.0.1:{port}{path}",
    ]  # fmt: skip
    return parse_wrk(subprocess.run(command, capture_output=True, text=True, check=True).stdout)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--via-nginx", action="store_true", help="measure through nginx (deploy/nginx/nginx.conf)")
    parser.add_argument("--duration", type=int, default=8, help="seconds per page and concurrency (default 8)")
    parser.add_argument("--worker-class", help="override config/gunicorn.py's worker class")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed (apt-get install -y wrk)")

    failed = False
    with gunicorn(args.worker_class) as app_port:
        for path in PAGES.values():  # warm every worker's caches (corpus index, templates)
            wrk(app_port, path, 4, 1)
        target = nginx(app_port) if args.via_nginx else None
        port = target.__enter__() if target else app_port
        try:
            served = "nginx -> gunicorn" if args.via_nginx else "gunicorn"
            print(
                f"{served} ({args.worker_class or 'config/gunicorn.py'}), 2 slow clients open, {args.duration} s each"
            )
            print(f"{'page':<14}{'conc':>5}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'requests':>10}{'errors':>8}")
            with slow_clients(port, count=2) as clients:
                for name, path in PAGES.items():
                    for connections in CONCURRENCY:
                        r = wrk(port, path, connections, args.duration)
                        print(
                            f"{name:<14}{connections:>5}{r.requests_per_s:>9.1f}{r.p50_ms:>9.0f}{r.p99_ms:>9.0f}"
                            f"{r.requests:>10}{r.errors:>8}"
                        )
                        failed |= r.errors > 0 or (name == "home" and r.p99_ms >= 1000)
                drops = sum(c.drops for c in clients)
            print(f"slow clients dropped by the server during the run: {drops}")
        finally:
            if target:
                target.__exit__(None, None, None)
    print("target met: 0 errors, GET / p99 < 1 s" if not failed else "TARGET MISSED")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
