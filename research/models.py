"""The research layer: a norm vocabulary, a bibliography and annotations on alignment decisions.

An annotation names the provisions it concerns by ``(treaty slug, eId)`` — never by a
Provision or MachineLink key — so it survives re-imports of the corpus and re-runs of the
alignment; when a provision disappears the annotation is kept and listed as orphaned.
Literature claims are annotations asserted by a publication about a *source* provision
of a target instrument (e.g. "UNTOC art. 8(2) was pruned from ACTIP"), grouped in findings.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.safestring import SafeString
from simple_history.models import HistoricalRecords

from treaties.citations import cite_eid
from treaties.models import Provision, Treaty

from .markdown import render_markdown


class Stage(models.TextChoices):
    """Acharya's (2004) three moves of norm localisation."""

    FRAMING = "framing"
    GRAFTING = "grafting"
    PRUNING = "pruning"


class ClaimedRelation(models.TextChoices):
    """What a publication says happened to a source provision in the target instrument."""

    ADOPTED = "adopted"
    MODIFIED = "modified"
    PRUNED = "pruned"
    ADDED = "added"


class Reference(models.Model):
    """One bibliography entry, addressed by its slug (``acharya-2004``)."""

    slug = models.SlugField(max_length=80, unique=True)
    authors = models.CharField(max_length=300)
    year = models.PositiveSmallIntegerField()
    title = models.TextField()
    venue = models.CharField(max_length=300, blank=True, help_text="Journal, publisher or series.")
    volume = models.CharField(max_length=40, blank=True, help_text="Volume(issue), e.g. '58(2)'.")
    pages = models.CharField(max_length=40, blank=True)
    doi = models.CharField("DOI", max_length=200, blank=True)
    url = models.URLField("URL", max_length=500, blank=True)

    class Meta:
        ordering = ["authors", "year", "slug"]

    def __str__(self) -> str:
        return f"{self.authors} ({self.year})"

    @property
    def short(self) -> str:
        """Author-date label: 'Acharya 2004', 'Finnemore & Sikkink 1998', 'Pradityo et al. 2021'."""
        surnames = [name.split()[-1] for name in re.split(r"\s*(?:,|&)\s*", self.authors) if name.strip()]
        if len(surnames) > 2:
            return f"{surnames[0]} et al. {self.year}"
        return f"{' & '.join(surnames) or self.slug} {self.year}"

    @property
    def link(self) -> str:
        return f"https://doi.org/{self.doi}" if self.doi else self.url


class Citation(models.Model):
    """A reference with a page or section: what norms and annotations cite."""

    reference = models.ForeignKey(Reference, on_delete=models.PROTECT, related_name="citations")
    locator = models.CharField(max_length=120, blank=True, help_text="'p. 165', 'pp. 239–275', 'section 2'.")

    class Meta:
        ordering = ["reference", "locator"]
        constraints = [models.UniqueConstraint(fields=["reference", "locator"], name="citation_unique")]

    def __str__(self) -> str:
        return f"{self.reference.short}, {self.locator}" if self.locator else self.reference.short


class NormFamily(models.Model):
    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    asean_way = models.BooleanField(
        "part of the ASEAN Way", default=False, help_text="Its norms count as ASEAN Way norms (core, procedural …)."
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name_plural = "norm families"

    def __str__(self) -> str:
        return self.name


class NormQuerySet(models.QuerySet["Norm"]):
    def asean_way(self) -> NormQuerySet:
        return self.filter(family__asean_way=True)

    def for_listing(self) -> NormQuerySet:
        return (
            self.select_related("family")
            .prefetch_related("citations__reference")
            .order_by("family__position", "family__name", "position", "name")
        )


class Norm(models.Model):
    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=200)
    family = models.ForeignKey(NormFamily, on_delete=models.PROTECT, related_name="norms")
    definition = models.TextField(help_text="Our own words.")
    citations = models.ManyToManyField(Citation, blank=True, related_name="norms")
    position = models.PositiveSmallIntegerField(default=0)

    objects = NormQuerySet.as_manager()

    class Meta:
        ordering = ["family", "position", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("research:norm_detail", args=[self.slug])


class LocalisationStage(models.Model):
    """The definition and sources of one stage, shown beside the vocabulary."""

    slug = models.CharField(max_length=16, choices=Stage.choices, unique=True)
    name = models.CharField(max_length=60)
    definition = models.TextField()
    citations = models.ManyToManyField(Citation, blank=True, related_name="stages")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return self.name


class Finding(models.Model):
    """One finding of the literature (the research brief's table), made of claims on source provisions."""

    slug = models.SlugField(max_length=120, unique=True)
    number = models.PositiveSmallIntegerField(unique=True)
    title = models.CharField(max_length=300)
    target_instrument = models.SlugField(max_length=64, help_text="The regional instrument it concerns, e.g. 'actip'.")

    class Meta:
        ordering = ["number"]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class AnnotationQuerySet(models.QuerySet["Annotation"]):
    def published(self) -> AnnotationQuerySet:
        return self.filter(status=Annotation.Status.PUBLISHED)

    def literature(self) -> AnnotationQuerySet:
        return self.filter(origin=Annotation.Origin.LITERATURE)

    def visible_to(self, user: object, *, sees_drafts: bool = False) -> AnnotationQuerySet:
        """Published annotations and the viewer's own drafts (``sees_drafts``: every draft, for curators)."""
        if sees_drafts:
            return self.all()
        if getattr(user, "is_authenticated", False):
            return self.filter(Q(status=Annotation.Status.PUBLISHED) | Q(author=user))
        return self.published()

    def for_display(self) -> AnnotationQuerySet:
        """Everything a listing shows, in a fixed number of queries however many rows there are."""
        return self.select_related("comparison", "author", "finding").prefetch_related("norms", "citations__reference")


class Annotation(models.Model):
    """Why a decision of an alignment was taken: norms, localisation stage, rationale and citations."""

    class Kind(models.TextChoices):
        LINK = "link", "link (target and source provision)"
        PRUNED = "pruned", "pruned source provision"
        ADDED = "added", "added target provision"
        CLAIM = "claim", "literature claim on a source provision"

    class Origin(models.TextChoices):
        RESEARCHER = "researcher"
        LITERATURE = "literature"

    class Status(models.TextChoices):
        DRAFT = "draft"
        PUBLISHED = "published"

    comparison = models.ForeignKey(
        "comparisons.Comparison",
        null=True,
        blank=True,
        on_delete=models.PROTECT,  # research is never lost with a comparison: move or retire annotations first
        related_name="annotations",
        help_text="Empty for literature claims, which concern instruments rather than one comparison.",
    )
    kind = models.CharField(max_length=8, choices=Kind.choices)
    target_instrument = models.SlugField(max_length=64, help_text="Slug of the (regional) target instrument.")
    target_eid = models.CharField("target eId", max_length=200, blank=True)
    source_treaty = models.SlugField(max_length=64, blank=True, help_text="Slug of the source instrument.")
    source_eid = models.CharField("source eId", max_length=200, blank=True)
    claimed_relation = models.CharField(
        max_length=10, choices=ClaimedRelation.choices, blank=True, help_text="For literature claims."
    )
    finding = models.ForeignKey(Finding, null=True, blank=True, on_delete=models.CASCADE, related_name="claims")
    norms = models.ManyToManyField(Norm, blank=True, related_name="annotations")
    stage = models.CharField(max_length=16, choices=Stage.choices, blank=True)
    rationale = models.TextField(blank=True, help_text="Markdown.")
    citations = models.ManyToManyField(Citation, blank=True, related_name="annotations")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="annotations"
    )
    origin = models.CharField(max_length=12, choices=Origin.choices, default=Origin.RESEARCHER)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(m2m_fields=[norms, citations])
    objects = AnnotationQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["comparison", "target_eid"], name="annotation_comparison_target"),
            models.Index(fields=["source_treaty", "source_eid"], name="annotation_source"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(kind="link", target_eid__gt="", source_treaty__gt="", source_eid__gt="")
                    | Q(kind="pruned", target_eid="", source_treaty__gt="", source_eid__gt="")
                    | Q(kind="added", target_eid__gt="", source_treaty="", source_eid="")
                    | Q(kind="claim", target_eid="", source_treaty__gt="", source_eid__gt="")
                ),
                name="annotation_sides_match_kind",
            ),
            models.CheckConstraint(
                condition=Q(origin="literature", comparison__isnull=True, kind="claim")
                | (Q(origin="researcher", comparison__isnull=False, finding__isnull=True) & ~Q(kind="claim")),
                name="annotation_origin_matches_comparison",
            ),
            models.UniqueConstraint(
                fields=["finding", "source_treaty", "source_eid"],
                condition=Q(finding__isnull=False),
                name="annotation_claim_unique_in_finding",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.target_ref or '—'} ← {self.source_ref or '—'}"

    @property
    def target_ref(self) -> str:
        return f"{self.target_instrument}/{self.target_eid}" if self.target_eid else ""

    @property
    def source_ref(self) -> str:
        return f"{self.source_treaty}/{self.source_eid}" if self.source_eid else ""

    def provisions(self) -> list[tuple[str, str]]:
        """The ``(treaty slug, eId)`` provisions the annotation names, target first."""
        refs = []
        if self.target_eid:
            refs.append((self.target_instrument, self.target_eid))
        if self.source_eid:
            refs.append((self.source_treaty, self.source_eid))
        return refs

    def provision_links(self) -> list[ProvisionLink]:
        return [ProvisionLink(slug, eid) for slug, eid in self.provisions()]

    @property
    def rationale_html(self) -> SafeString:
        return render_markdown(self.rationale)

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED


class ProvisionLink:
    """A provision named by ``(treaty slug, eId)``, with its permalink and a human citation."""

    __slots__ = ("eid", "slug")

    def __init__(self, slug: str, eid: str) -> None:
        self.slug = slug
        self.eid = eid

    @property
    def url(self) -> str:
        return reverse("treaties:provision_detail", args=[self.slug, self.eid])

    @property
    def label(self) -> str:
        return f"{self.slug} {cite_eid(self.eid)}"


def existing_provisions(refs: Iterable[tuple[str, str]]) -> set[tuple[str, str]]:
    """Which of the ``(treaty slug, eId)`` pairs exist as provisions: one query."""
    refs = set(refs)
    if not refs:
        return set()
    rows = Provision.objects.filter(
        treaty__slug__in={slug for slug, _ in refs}, eid__in={eid for _, eid in refs}
    ).values_list("treaty__slug", "eid")
    return {row for row in rows if row in refs}


def mark_orphans(annotations: Iterable[Annotation]) -> list[Annotation]:
    """Set ``orphaned`` on each annotation: a provision it names is gone from its (imported) treaty.

    A provision of an instrument not imported at all (a literature claim on a treaty nobody
    loaded yet) is not an orphan. Two queries, however many annotations.
    """
    annotations = list(annotations)
    refs = {ref for a in annotations for ref in a.provisions()}
    present = existing_provisions(refs)
    imported = set(Treaty.objects.filter(slug__in={slug for slug, _ in refs}).values_list("slug", flat=True))
    for annotation in annotations:
        annotation.orphaned = any(  # type: ignore[attr-defined]
            slug in imported and (slug, eid) not in present for slug, eid in annotation.provisions()
        )
    return annotations


from .coding_models import Codebook, Coding, SettledCoding, Tag  # noqa: E402,F401  (tagging, issue 12)
