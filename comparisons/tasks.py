"""Background jobs of the comparisons app: "Align" and "Align again" from the browser run in the
worker (``manage.py db_worker``), never inside the request; ``manage.py align`` stays synchronous.

The outcome is the JSON the job page (:mod:`treaties.jobs`) shows.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django_tasks import TaskResult, task

from . import services
from .models import Comparison
from .overlay import relation_counts
from .scope import to_specs


def enqueue_alignment(
    *, target: str, sources: list[str], articles: Mapping[str, Sequence[int]] | None = None
) -> TaskResult[dict[str, Any]]:
    """Queue a run; ``articles`` scopes it (``{instrument id: article numbers}``)."""
    scope = {slug: list(numbers) for slug, numbers in (articles or {}).items()}
    label = f"Align {target} with {', '.join(sources)}"
    if scope:
        label += " (" + " ".join(to_specs(scope, Comparison.scope_order(target, sources))) + ")"
    return align_comparison.enqueue(target=target, sources=sources, articles=scope, label=label)


@task()
def align_comparison(
    *, target: str, sources: list[str], articles: dict[str, list[int]] | None = None, label: str = ""
) -> dict[str, Any]:
    """Create the comparison if needed and store a new run (curated decisions are kept)."""
    try:
        comparison = services.get_or_create_comparison(target=target, sources=sources, articles=articles)
        run = services.run_alignment(comparison=comparison)
    except services.ComparisonError as error:
        return {"ok": False, "error": str(error)}
    counts = relation_counts(run.overlay().rows)
    summary = ", ".join(f"{n} {relation}" for relation, n in counts.items())
    if comparison.scope:
        summary += f". {comparison.scope_label}"
    return {
        "ok": True,
        "summary": f"Aligned {comparison.target.label} (engine {run.engine_version}): {summary}.",
        "url": comparison.get_absolute_url(),
        "link_text": f"Open the comparison {comparison}",
    }
