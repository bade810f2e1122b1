"""Run queued background jobs inside a test, as ``manage.py db_worker`` does.

The worker command itself closes the database connection between jobs, which would end the
transaction a ``django_db`` test runs in; this uses the worker's own ``run_task`` on each
job it claims, so the job runs exactly as it does in production, in the test's transaction.
(``test_jobs.py`` also runs the real command, in a transactional test.)
"""

from __future__ import annotations

from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

WORKER_ID = "test-worker"


def run_queued_jobs() -> int:
    """Run every ready job once, oldest first; return how many ran."""
    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=WORKER_ID,
        excluded_queue_names=[],
    )
    ran = 0
    while (job := DBTaskResult.objects.ready().get_locked()) is not None:
        job.claim(WORKER_ID)
        worker.run_task(job)
        ran += 1
    return ran
