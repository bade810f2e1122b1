"""Reads of annotations for the comparison and provision pages, each in a fixed number of queries."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.db.models import Q

from accounts.roles import can_curate
from comparisons.models import Comparison
from treaties.eids import SEPARATOR

from .models import Annotation, mark_orphans

RowKey = tuple[str, str, str]


def decision_key(annotation: Annotation) -> RowKey:
    """The key of the alignment row an annotation explains (a row's ``(target, source treaty, source)``)."""
    return (annotation.target_eid, annotation.source_treaty, annotation.source_eid)


def published_by_row(comparisons: Sequence[Comparison]) -> dict[int, dict[RowKey, list[Annotation]]]:
    """Each comparison's published annotations by the row they explain, norms prefetched: two queries."""
    found: dict[int, dict[RowKey, list[Annotation]]] = {c.pk: {} for c in comparisons}
    published = (
        Annotation.objects.published()
        .filter(comparison__in=comparisons)
        .prefetch_related("norms")
        .order_by("created_at", "pk")
    )
    for annotation in published:
        found[annotation.comparison_id].setdefault(decision_key(annotation), []).append(annotation)  # type: ignore[index]
    return found


def visible(user: Any) -> Any:
    """The annotations ``user`` may read: published ones and their own drafts (curators: every draft)."""
    if can_curate(user):
        return Annotation.objects.all()
    if getattr(user, "is_authenticated", False):
        return Annotation.objects.filter(Q(status=Annotation.Status.PUBLISHED) | Q(author=user))
    return Annotation.objects.published()


def annotations_on_decision(comparison: Comparison, key: RowKey, user: Any) -> list[Annotation]:
    target_eid, source_treaty, source_eid = key
    found = visible(user).filter(
        comparison=comparison, target_eid=target_eid, source_treaty=source_treaty, source_eid=source_eid
    )
    return mark_orphans(found.for_display())


def _containing(eid: str) -> list[str]:
    """``art_8__para_2`` -> ``["art_8", "art_8__para_2"]``: the provision and those it lies in."""
    parts = eid.split(SEPARATOR)
    return [SEPARATOR.join(parts[: n + 1]) for n in range(len(parts))]


def annotations_on_provision(slug: str, eid: str, user: Any) -> list[Annotation]:
    """Literature claims and annotations that name this provision, one it lies in or one inside it."""
    inside = f"{eid}{SEPARATOR}"
    source = Q(source_treaty=slug) & (Q(source_eid__in=_containing(eid)) | Q(source_eid__startswith=inside))
    target = Q(target_instrument=slug) & (Q(target_eid__in=_containing(eid)) | Q(target_eid__startswith=inside))
    found = visible(user).filter(source | target).for_display().order_by("origin", "finding__number", "pk")
    return mark_orphans(found)


def keys_with_norm(annotations: Iterable[Annotation], norm: str) -> set[RowKey]:
    return {decision_key(a) for a in annotations if any(n.slug == norm for n in a.norms.all())}
