"""Slow clients, big bodies and login floods against the served configuration, for real, on loopback.

Starts gunicorn as `make serve` does (config/gunicorn.py) and nginx with deploy/nginx/nginx.conf in
front of it, then shows that:
  1. with 2 slow clients (one header line every 3 s, never finishing) open, GET / still answers
     quickly, from gunicorn directly (`make run`) and through nginx (production) -- and through nginx
     with 200 of them;
  2. a 200 MB body declared to /accounts/login/ is refused at once (413) by nginx and by Django;
  3. nginx rate-limits POSTs to the login form (429 after the burst).
Exits 1 if any check fails.

    DATABASE_URL=postgres://... python bench/slow_clients.py [--worker-class sync]

`--worker-class sync` shows the failure the issue reported (GET / waits for the slow clients).
"""

from __future__ import annotations

import argparse
import http.client
import socket
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from serving import gunicorn, nginx, slow_clients

GET_TIMEOUT = 10.0
FAST = 1.0  # seconds: what "answers quickly" means here


def get_home(port: int) -> float:
    """Seconds for one GET / on a fresh connection (GET_TIMEOUT if it does not answer)."""
    start = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=GET_TIMEOUT)
    try:
        connection.request("GET", "/")
        response = connection.getresponse()
        response.read()
        if response.status != 200:
            return GET_TIMEOUT
    except OSError:
        return GET_TIMEOUT
    finally:
        connection.close()
    return time.perf_counter() - start


def home_while_slow(port: int, count: int, label: str, requests: int = 10) -> bool:
    with slow_clients(port, count=count) as clients:
        times = [get_home(port) for _ in range(requests)]
        drops = sum(c.drops for c in clients)
    worst = max(times)
    ok = worst < FAST
    print(
        f"{label:<44} GET / x{requests}: median {statistics.median(times) * 1000:7.1f} ms, "
        f"max {worst * 1000:7.1f} ms, slow clients dropped by the server {drops}  {'OK' if ok else 'FAIL'}"
    )
    return ok


def declared_body(port: int, path: str, size: int) -> tuple[int, float]:
    """Send only the headers of a POST declaring ``size`` bytes; the status and how fast it came."""
    start = time.perf_counter()
    with socket.create_connection(("127.0.0.1", port), timeout=GET_TIMEOUT) as sock:
        sock.sendall(
            f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
            f"Content-Length: {size}\r\n\r\n".encode()
            + b"x" * 65536
        )
        try:
            head = sock.recv(4096).decode("latin-1")
        except OSError:
            return 0, time.perf_counter() - start
    status = int(head.split()[1]) if head.startswith("HTTP/") else 0
    return status, time.perf_counter() - start


def big_body(port: int, label: str) -> bool:
    status, seconds = declared_body(port, "/accounts/login/", 200 * 1024 * 1024)
    ok = status == 413 and seconds < FAST
    print(f"{label:<44} 200 MB POST /accounts/login/: {status} in {seconds * 1000:.0f} ms  {'OK' if ok else 'FAIL'}")
    return ok


def login_flood(port: int, attempts: int = 15) -> bool:
    statuses = []
    for n in range(attempts):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=GET_TIMEOUT)
        body = f"username=flood-{n}&password=guess"
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        connection.request("POST", "/accounts/login/", body=body, headers=headers)
        statuses.append(connection.getresponse().status)
        connection.close()
    limited = statuses.count(429)
    ok = limited > 0 and statuses[0] != 429
    print(f"{'nginx':<44} {attempts} login POSTs at once: statuses {statuses}  {'OK' if ok else 'FAIL'}")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--worker-class", help="override config/gunicorn.py's worker class (e.g. sync, gevent)")
    args = parser.parse_args()
    results = []
    with gunicorn(args.worker_class) as app_port:
        label = f"gunicorn ({args.worker_class or 'config/gunicorn.py'})"
        get_home(app_port)  # warm both workers' first request
        get_home(app_port)
        results.append(home_while_slow(app_port, 2, f"{label}, 2 slow clients"))
        results.append(big_body(app_port, label))
        with nginx(app_port) as proxy_port:
            results.append(home_while_slow(proxy_port, 2, "nginx -> gunicorn, 2 slow clients"))
            results.append(home_while_slow(proxy_port, 200, "nginx -> gunicorn, 200 slow clients"))
            results.append(big_body(proxy_port, "nginx"))
            results.append(login_flood(proxy_port))
    print("all checks passed" if all(results) else "SOME CHECKS FAILED")
    return 0 if all(results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
