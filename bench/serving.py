"""Start the site the way `make serve` does (and nginx with deploy/nginx/nginx.conf in front), on loopback.

Shared by bench/slow_clients.py and bench/load.py. Uses DATABASE_URL as it is: point it at a
database with the corpus imported and aligned (see bench/load.py).
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NGINX_CONF = ROOT / "deploy" / "nginx" / "nginx.conf"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for_port(port: int, process: subprocess.Popen[bytes], timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"server exited with {process.returncode} before listening on {port}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"nothing listening on 127.0.0.1:{port} after {timeout} s")


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def gunicorn(worker_class: str | None = None) -> Iterator[int]:
    """gunicorn as `make serve` runs it (collectstatic, then config/gunicorn.py), on a free loopback port."""
    port = free_port()
    env = {**os.environ, "GUNICORN_BIND": f"127.0.0.1:{port}", "GUNICORN_ACCESS_LOG": "/dev/null"}
    if worker_class:
        env["GUNICORN_WORKER_CLASS"] = worker_class
    if worker_class == "sync":
        env["GUNICORN_THREADS"] = "1"  # with more threads gunicorn quietly runs gthread instead
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v", "0"], cwd=ROOT, env=env, check=True
    )
    gunicorn_bin = Path(sys.executable).with_name("gunicorn")
    process = subprocess.Popen([str(gunicorn_bin), "-c", "config/gunicorn.py", "config.wsgi"], cwd=ROOT, env=env)
    try:
        wait_for_port(port, process)
        yield port
    finally:
        stop(process)


@contextmanager
def nginx(upstream_port: int) -> Iterator[int]:
    """nginx with the shipped deploy/nginx/nginx.conf, its upstream and listen files pointing at loopback."""
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    if not os.path.exists(binary):
        raise SystemExit("nginx is not installed (apt-get install -y nginx)")
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="normdiff-nginx-") as tmp:
        conf_dir = Path(tmp)
        shutil.copy(NGINX_CONF, conf_dir / "nginx.conf")
        (conf_dir / "upstream.conf").write_text(
            f"upstream app {{\n    server 127.0.0.1:{upstream_port};\n    keepalive 16;\n}}\n"
        )
        (conf_dir / "listen.conf").write_text(f"listen 127.0.0.1:{port};\n")
        globals_ = f"daemon off; pid {conf_dir}/nginx.pid;"
        args = [binary, "-p", str(conf_dir), "-c", str(conf_dir / "nginx.conf"), "-g", globals_]
        checked = subprocess.run([*args, "-t"], capture_output=True, text=True)
        if checked.returncode != 0:
            raise SystemExit(f"nginx -t failed:\n{checked.stderr}")
        process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            wait_for_port(port, process)
            yield port
        finally:
            stop(process)


class SlowClient(threading.Thread):
    """Opens a GET and sends one more header line every ``interval`` seconds, never finishing it.

    When the server drops it, it reconnects at once (``drops`` counts that), so it stays open for the run.
    """

    def __init__(self, port: int, interval: float = 3.0) -> None:
        super().__init__(daemon=True)
        self.port, self.interval = port, interval
        self.stopping = threading.Event()
        self.drops = 0
        self.connected = threading.Event()

    def run(self) -> None:
        while not self.stopping.is_set():
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=5) as sock:
                    sock.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
                    self.connected.set()
                    n = 0
                    while not self.stopping.wait(self.interval):
                        n += 1
                        sock.sendall(f"X-Slow-{n}: still typing\r\n".encode())
                        sock.settimeout(0.01)
                        try:
                            if sock.recv(1024) == b"":  # closed by the server
                                raise ConnectionResetError
                        except TimeoutError:
                            pass
                        sock.settimeout(5)
            except OSError:
                if not self.stopping.is_set():
                    self.drops += 1
                    time.sleep(0.1)

    def stop(self) -> None:
        self.stopping.set()


@contextmanager
def slow_clients(port: int, count: int = 2, interval: float = 3.0) -> Iterator[list[SlowClient]]:
    clients = [SlowClient(port, interval) for _ in range(count)]
    for client in clients:
        client.start()
    for client in clients:
        client.connected.wait(5)
    time.sleep(0.5)  # let the server start reading them
    try:
        yield clients
    finally:
        for client in clients:
            client.stop()
        for client in clients:
            client.join(timeout=interval + 6)
