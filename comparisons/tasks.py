"""Background jobs of the comparisons app: "Align" and "Align again" from the browser run in the
worker (``manage.py db_worker``), never inside the request; ``manage.py align`` stays synchronous.

The outcome is the JSON the job page (:mod:`treaties.jobs`) shows.
"""

from __future__ import annotations

from typing import Any

from django_tasks import TaskResult, task

from . import services
from .overlay import relation_counts


def enqueue_alignment(*, target: str, sources: list[str]) -> TaskResult[dict[str, Any]]:
    return align_comparison.enqueue(target=target, sources=sources, label=f"Align {target} with {', '.join(sources)}")


@task()
def align_comparison(*, target: str, sources: list[str], label: str = "") -> dict[str, Any]:
    """Create the comparison if needed and store a new run (curated decisions are kept)."""
    try:
        comparison = services.get_or_create_comparison(target=target, sources=sources)
        run = services.run_alignment(comparison=comparison)
    except services.ComparisonError as error:
        return {"ok": False, "error": str(error)}
    counts = relation_counts(run.overlay().rows)
    summary = ", ".join(f"{n} {relation}" for relation, n in counts.items())
    return {
        "ok": True,
        "summary": f"Aligned {comparison.target.label} (engine {run.engine_version}): {summary}.",
        "url": comparison.get_absolute_url(),
        "link_text": f"Open the comparison {comparison}",
    }
