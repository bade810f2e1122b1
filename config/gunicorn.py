"""gunicorn settings for every way the site is served: `make serve` / `make run` and the Docker image.

Worker class: gthread. A sync worker is held by one client for as long as that client takes to
send its request, so two slow clients stopped the site (issue 15). A gthread worker waits for
the first bytes in its event loop and then spends one thread of its pool on a request, so a slow
client costs a thread, not a process: with 2 workers x 16 threads, a handful of slow clients leave
the site answering (bench/slow_clients.py shows it). In production nginx (deploy/nginx/) reads and
buffers whole requests before gunicorn sees them, so slow clients never reach a thread at all.
Threads keep one PostgreSQL connection each (CONN_MAX_AGE), bounded by workers x threads.

Every value can be overridden from the environment for one run.
"""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "gthread")
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "16"))
# A curator's "Align" request may load the embedding model (about 8 s the first time in a
# worker) and encode texts never read before (about 7 s for all four instruments).
timeout = 120
graceful_timeout = 30
keepalive = 5
# Request line and headers: gunicorn's defaults, stated. Bodies are limited by Django
# (config.security.BodySizeLimitMiddleware) and, in production, by nginx.
limit_request_line = 4094
limit_request_fields = 100
limit_request_field_size = 8190
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
