"""The page of one background job (an import or an alignment run): queued, running, then its result.

While the job is unfinished the page polls its own ``#job-status`` fragment with htmx every
two seconds; without JavaScript a ``<noscript>`` meta refresh and a plain link do the same.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.vary import vary_on_headers
from django_tasks import TaskResult, TaskResultStatus, default_task_backend
from django_tasks.exceptions import TaskResultDoesNotExist

from core.htmx import wants_fragment

#: Curators hold it; the same people who may start an import or an alignment may watch it.
JOB_PERMISSION = "treaties.add_treaty"
#: Only jobs of these modules are shown: a job id is not a way to read any task's return value.
JOB_MODULES = ("treaties.tasks.", "comparisons.tasks.")
POLL_SECONDS = 2


@dataclass(frozen=True)
class JobView:
    """What the page shows of one task result."""

    id: str
    label: str
    status: str
    finished: bool
    enqueued_at: Any
    started_at: Any
    finished_at: Any
    outcome: dict[str, Any]
    error: str

    @property
    def waited_seconds(self) -> int:
        """Seconds since the job was queued (while it waits) or started (while it runs)."""
        since = self.started_at if self.status == TaskResultStatus.RUNNING else self.enqueued_at
        return max(0, round((timezone.now() - since).total_seconds())) if since else 0

    @classmethod
    def of(cls, result: TaskResult[Any]) -> JobView:
        outcome: dict[str, Any] = {}
        error = ""
        if result.status == TaskResultStatus.SUCCESSFUL:
            outcome = result.return_value or {}
            error = outcome.get("error", "")
        elif result.status == TaskResultStatus.FAILED:
            error = _failure(result)
        return cls(
            id=str(result.id),
            label=result.kwargs.get("label") or result.task.name,
            status=result.status,
            finished=result.is_finished,
            enqueued_at=result.enqueued_at,
            started_at=result.started_at,
            finished_at=result.finished_at,
            outcome=outcome,
            error=error,
        )


def _failure(result: TaskResult[Any]) -> str:
    """The exception's last traceback line ("ValueError: …"): what went wrong, without the stack."""
    if not result.errors:
        return "the job failed without an error message"
    lines = [line for line in result.errors[-1].traceback.strip().splitlines() if line.strip()]
    return lines[-1].strip() if lines else result.errors[-1].exception_class_path


def get_job(result_id: str) -> TaskResult[Any]:
    try:
        result = default_task_backend.get_result(result_id)
    except TaskResultDoesNotExist:
        raise Http404("no such job") from None
    except (ImportError, SuspiciousOperation):  # a job queued by code that has since moved or gone
        raise Http404("this job's task no longer exists") from None
    if not result.task.module_path.startswith(JOB_MODULES):
        raise Http404("no such job")
    return result


@login_required
@vary_on_headers("HX-Request")
def job_status(request: HttpRequest, result_id: str) -> HttpResponse:
    if not request.user.has_perm(JOB_PERMISSION):
        raise PermissionDenied("Only curators can follow imports and alignment runs.")
    job = JobView.of(get_job(str(result_id)))
    template = "treaties/job_status.html"
    if wants_fragment(request):
        template += "#job-status"
    return render(request, template, {"job": job, "poll_seconds": POLL_SECONDS})
