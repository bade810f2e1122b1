"""What the research layer adds to the comparison and provision pages (see comparisons.extensions
and core.sections): norm chips on explained rows, an "Explain" action, the norm and explained
filters, the worklist count of pruning decisions not yet explained, and the annotations of a
pair or a provision in a section of their pages."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse

from accounts.roles import can_annotate, can_curate
from comparisons.display.rows import Chip, RowExtras
from comparisons.extensions import PageExtras, SummaryLink
from comparisons.models import Comparison
from comparisons.overlay import Row

from .models import Norm
from .selectors import (
    RowKey,
    annotations_on_decision,
    annotations_on_provision,
    keys_with_norm,
    published_by_row,
)
from .services import may_edit

EXPLAINED_CHOICES = [("", "explained or not"), ("yes", "explained"), ("no", "not yet explained")]


def new_annotation_url(comparison: Comparison, row: Row, base: str = "") -> str:
    """Where to explain ``row``'s decision (``base``: the comparison's explain URL, if already reversed)."""
    query = {"target": row.target_eid} if row.target_eid else {}
    if row.source_eid:
        query["source"] = f"{row.source_treaty}/{row.source_eid}"
    return f"{base or reverse('research:annotation_new', args=[comparison.slug])}?{urlencode(query)}"


class NormsOnComparisonPages:
    """The research layer's :class:`comparisons.extensions.PageExtension`."""

    def filter_fields(self) -> dict[str, forms.Field]:
        norms = [("", "any norm"), *Norm.objects.order_by("family__position", "position").values_list("slug", "name")]
        return {
            "norm": forms.ChoiceField(label="Explained by norm", required=False, choices=norms),
            "explained": forms.ChoiceField(label="Explained", required=False, choices=EXPLAINED_CHOICES),
        }

    def rows(self, *, comparison: Comparison, rows: Sequence[Row], filters: Mapping[str, Any], user: Any) -> PageExtras:
        published = published_by_row([comparison])[comparison.pk]
        may_annotate = can_annotate(user)
        base = reverse("research:annotation_new", args=[comparison.slug])  # once, not once a row
        by_row: dict[RowKey, RowExtras] = {}
        for row in rows:
            found = published.get(row.key, [])
            chips = tuple(
                Chip(norm.name, norm.get_absolute_url(), f"explained by {norm.name}") for norm in _distinct_norms(found)
            )
            actions = (Chip("Explain", new_annotation_url(comparison, row, base), "this decision", inline=True),)
            if chips or may_annotate:
                by_row[row.key] = RowExtras(chips, actions if may_annotate else ())
        keep: set[RowKey] | None = None
        if filters.get("norm"):
            keep = keys_with_norm((a for found in published.values() for a in found), filters["norm"])
        if filters.get("explained") in ("yes", "no"):
            explained = {row.key for row in rows if row.key in published}
            chosen = explained if filters["explained"] == "yes" else {row.key for row in rows} - explained
            keep = chosen if keep is None else keep & chosen
        return PageExtras(by_row, frozenset(keep) if keep is not None else None)

    def summaries(
        self, comparisons: Sequence[Comparison], rows: Mapping[int, Sequence[Row]]
    ) -> dict[int, list[SummaryLink]]:
        published = published_by_row(comparisons)
        links = {}
        for comparison in comparisons:
            if comparison.pk not in rows:
                continue
            explained = published[comparison.pk]
            waiting = sum(1 for row in rows[comparison.pk] if row.relation == "pruned" and row.key not in explained)
            url = f"{comparison.get_absolute_url()}?relation=pruned&explained=no"
            links[comparison.pk] = [SummaryLink("pruned, not yet explained", url, waiting)]
        return links


def _distinct_norms(annotations: Sequence[Any]) -> list[Norm]:
    seen: dict[str, Norm] = {}
    for annotation in annotations:
        for norm in annotation.norms.all():
            seen.setdefault(norm.slug, norm)
    return list(seen.values())


def pair_section(request: HttpRequest, *, comparison: Comparison, row: Row) -> str:
    """The annotations that explain this pair's decision, and how to add one."""
    annotations = annotations_on_decision(comparison, row.key, request.user)
    curator = can_curate(request.user)
    for annotation in annotations:
        annotation.editable = may_edit(request.user, annotation)  # type: ignore[attr-defined]
        annotation.publishable = curator  # type: ignore[attr-defined]
    context = {
        "comparison": comparison,
        "annotations": annotations,
        "new_url": new_annotation_url(comparison, row) if can_annotate(request.user) else "",
    }
    return render_to_string("research/annotations/_pair_section.html", context, request=request)


def provision_section(request: HttpRequest, *, treaty: Any, provision: Any) -> str:
    """Literature claims and annotations that name this provision (or one it lies in, or one inside it)."""
    annotations = annotations_on_provision(treaty.slug, provision.eid, request.user)
    if not annotations:
        return ""
    context = {"annotations": annotations, "provision": provision}
    return render_to_string("research/annotations/_provision_section.html", context, request=request)
