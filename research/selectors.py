"""Reads for the research pages, each in a fixed number of queries however many annotations there are."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from django.db.models import Prefetch, Q
from django.urls import reverse

from accounts.roles import can_curate
from comparisons.models import AlignmentRun, Comparison
from treaties.eids import SEPARATOR

from .agreement import NOT_COMPARED, Assessment, RowLike, UnitEvidence, assess, overall
from .models import Annotation, Citation, Finding, LocalisationStage, Norm, NormFamily, mark_orphans
from .summary import Mention, NormRef, Summary, summarise

RowKey = tuple[str, str, str]


def norm_families() -> list[NormFamily]:
    """Families in order, each with its norms (and their citations) prefetched."""
    return list(NormFamily.objects.prefetch_related(Prefetch("norms", Norm.objects.for_listing())))


def stages() -> list[LocalisationStage]:
    return list(LocalisationStage.objects.prefetch_related("citations__reference"))


def annotations_for_norm(norm: Norm, user: Any) -> list[Annotation]:
    """Every annotation and literature claim linked to ``norm`` that ``user`` may see, orphans marked."""
    annotations = (
        visible(user)
        .filter(norms=norm)
        .for_display()
        .order_by("origin", "finding__number", "comparison__slug", "target_eid", "source_treaty", "source_eid")
    )
    return mark_orphans(annotations)


def orphaned_annotations(user: Any) -> list[Annotation]:
    """Annotations naming a provision that no longer exists: kept, listed here."""
    return [a for a in mark_orphans(visible(user).for_display()) if a.orphaned]  # type: ignore[attr-defined]


@dataclass
class EvidenceLink:
    label: str
    url: str


@dataclass
class ClaimEvidence:
    claim: Annotation
    assessment: Assessment
    links: list[EvidenceLink] = field(default_factory=list)


@dataclass
class ComparisonEvidence:
    """One finding read against one aligned comparison."""

    comparison: Comparison
    run: AlignmentRun
    claims: list[ClaimEvidence]

    @property
    def verdict(self) -> str:
        return overall(c.assessment.verdict for c in self.claims)

    @property
    def url(self) -> str:
        return self.comparison.get_absolute_url()


@dataclass
class FindingView:
    finding: Finding
    claims: list[Annotation]
    comparisons: list[ComparisonEvidence]

    @property
    def first(self) -> Annotation:
        return self.claims[0]

    @property
    def norms(self) -> list[Norm]:
        return list({norm.pk: norm for claim in self.claims for norm in claim.norms.all()}.values())

    @property
    def citations(self) -> list[Citation]:
        return list({citation.pk: citation for claim in self.claims for citation in claim.citations.all()}.values())


def _links(comparison: Comparison, unit: UnitEvidence) -> list[EvidenceLink]:
    pair = reverse("comparisons:pair_detail", args=[comparison.slug])
    source = quote(f"{unit.source_treaty}/{unit.source_eid}", safe="/")
    if unit.pruned:
        return [EvidenceLink(f"{unit.source_eid} pruned", f"{pair}?source={source}")]
    return [
        EvidenceLink(f"{unit.source_eid} {relation} in {target}", f"{pair}?target={quote(target)}&source={source}")
        for relation, target in zip(unit.relations, unit.target_eids, strict=True)
    ]


def read_claims(
    comparison: Comparison, run: AlignmentRun, claims: Sequence[Annotation], rows: Sequence[RowLike] | None = None
) -> list[ClaimEvidence]:
    """Each claim against the run's overlay (curated decisions included); ``rows``: that overlay, if computed."""
    effective: Sequence[RowLike] = run.overlay().rows if rows is None else rows
    units = [(slug, eid) for slug, eid in run.source_units]
    sources = {slug for slug, _ in units}
    result = []
    for claim in claims:
        if claim.source_treaty not in sources:
            result.append(ClaimEvidence(claim, Assessment(NOT_COMPARED)))
            continue
        assessment = assess(
            claimed_relation=claim.claimed_relation,
            source_treaty=claim.source_treaty,
            source_eid=claim.source_eid,
            rows=effective,
            source_units=units,
        )
        links = [link for unit in assessment.units for link in _links(comparison, unit)]
        result.append(ClaimEvidence(claim, assessment, links))
    return result


def findings_with_evidence() -> list[FindingView]:
    """The literature's findings with their claims and, for each aligned comparison of the
    instrument they concern, the computed evidence and whether it agrees."""
    claims = Annotation.objects.literature().published().prefetch_related("norms", "citations__reference")
    findings = list(Finding.objects.prefetch_related(Prefetch("claims", claims.order_by("pk"))))
    targets = {f.target_instrument for f in findings}
    comparisons = list(  # a scoped comparison reads only some articles: no evidence about the whole treaty
        Comparison.objects.filter(target__slug__in=targets, scope={})
        .select_related("target")
        .prefetch_related("sources", "decisions")
        .order_by("slug")
    )
    runs = AlignmentRun.objects.latest_of(comparisons)
    rows = {pk: run.overlay().rows for pk, run in runs.items()}  # once per comparison, not per finding
    views = []
    for finding in findings:
        finding_claims = list(finding.claims.all())
        evidence = []
        for comparison in comparisons:
            run = runs.get(comparison.pk)
            if comparison.target.slug != finding.target_instrument or run is None:
                continue
            claim_evidence = read_claims(comparison, run, finding_claims, rows[comparison.pk])
            evidence.append(ComparisonEvidence(comparison, run, claim_evidence))
        views.append(FindingView(finding, finding_claims, evidence))
    return views


# ---- the comparison and provision pages' explanations ------------------------------------------


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
    return Annotation.objects.visible_to(user, sees_drafts=can_curate(user))


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


# ---- the norms × relations summary ----------------------------------------------------------------


def norm_summary(comparison: Comparison | None = None) -> Summary:
    """Every norm against every relation, counted over published explanations and literature claims
    (``comparison``: its explanations, and the claims about its instruments). At most six queries."""
    norms = [
        NormRef(n.slug, n.name, n.family.name, n.get_absolute_url())
        for n in Norm.objects.select_related("family").order_by("family__position", "family__name", "position", "name")
    ]
    mentioned = Annotation.norms.through.objects.filter(annotation__status=Annotation.Status.PUBLISHED)
    if comparison is not None:
        about_it = Q(
            annotation__origin=Annotation.Origin.LITERATURE,
            annotation__target_instrument=comparison.target.slug,
            annotation__source_treaty__in=comparison.source_slugs(),
        )
        mentioned = mentioned.filter(Q(annotation__comparison=comparison) | about_it)
    fields = ("origin", "kind", "claimed_relation", "comparison_id", "target_eid", "source_treaty", "source_eid")
    mentions = [
        Mention(norm, origin, kind, claimed, comparison_id, (target_eid, source_treaty, source_eid))
        for norm, origin, kind, claimed, comparison_id, target_eid, source_treaty, source_eid in mentioned.values_list(
            "norm__slug", *(f"annotation__{f}" for f in fields)
        )
    ]
    linked = {m.comparison_id for m in mentions if m.kind == Annotation.Kind.LINK and m.comparison_id is not None}
    link_relations: dict[tuple[int, RowKey], str] = {}
    if linked:
        runs = AlignmentRun.objects.latest_of(
            list(Comparison.objects.filter(pk__in=linked).prefetch_related("decisions"))
        )
        for pk, run in runs.items():
            link_relations.update({(pk, row.key): row.relation for row in run.overlay().rows if row.is_link})
    return summarise(norms, mentions, link_relations)
