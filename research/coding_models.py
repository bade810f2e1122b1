"""Tagging (issue 12): codebooks of hierarchical tags, codings of provisions and alignment links.

A coding names what it codes by identifiers, never by a Provision or MachineLink key, so it
survives re-imports of the corpus and re-runs of the alignment (QualCoder's codes shift when a
text changes, ccbogel/QualCoder#44, #545; we anchor to eIds instead):

* a **provision**: ``(instrument slug, eId)``;
* an **alignment link**: ``(comparison, target eId, source instrument, source eId)``.

``unit`` is one string naming either, so codings of the same unit by different coders are
compared on equal keys (agreement) and a unit is one index lookup. A coding whose provision
disappears is kept and listed as orphaned. Curators settle disagreements in a
:class:`SettledCoding`, a separate record: the coders' own codings stay as they were.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.http import urlencode

from comparisons.models import Comparison
from treaties.citations import cite_eid

__all__ = ["Codebook", "Coding", "SettledCoding", "Tag", "TagStatus", "UnitKind", "UnitRef"]

colour_validator = RegexValidator(r"^#[0-9a-fA-F]{6}$", "a colour as #rrggbb, e.g. #1f77b4")


class UnitKind(models.TextChoices):
    PROVISION = "provision"
    LINK = "link"


@dataclass(frozen=True, slots=True)
class UnitRef:
    """What a coding codes: a provision, or the link between a target and a source provision."""

    instrument: str  # the provision's instrument; for a link, the comparison's target
    eid: str  # the provision's eId; for a link, the target eId
    comparison: str = ""  # comparison slug (links only)
    source_treaty: str = ""
    source_eid: str = ""

    @classmethod
    def provision(cls, instrument: str, eid: str) -> UnitRef:
        return cls(instrument, eid)

    @classmethod
    def link(cls, comparison: str, target_eid: str, source_ref: str) -> UnitRef:
        """The link of ``comparison`` (``<target>--<sources>``) from ``source_ref`` (``slug/eId``) to ``target_eid``."""
        source_treaty, _, source_eid = source_ref.partition("/")
        return cls(comparison.split("--", 1)[0], target_eid, comparison, source_treaty, source_eid)

    @property
    def kind(self) -> str:
        return UnitKind.LINK if self.comparison else UnitKind.PROVISION

    @property
    def key(self) -> str:
        if self.comparison:
            return f"{self.comparison}|{self.eid}|{self.source_treaty}/{self.source_eid}"
        return f"{self.instrument}/{self.eid}"

    @property
    def citation(self) -> str:
        own = f"{self.instrument} {cite_eid(self.eid)}"
        if self.comparison:
            return f"{own} ← {self.source_treaty} {cite_eid(self.source_eid)}"
        return own

    @property
    def provisions(self) -> list[tuple[str, str]]:
        refs = [(self.instrument, self.eid)]
        if self.comparison:
            refs.append((self.source_treaty, self.source_eid))
        return refs

    @property
    def query(self) -> str:
        """The query string that names this unit in the coding URLs."""
        if self.comparison:
            return urlencode(
                {"comparison": self.comparison, "target": self.eid, "source": f"{self.source_treaty}/{self.source_eid}"}
            )
        return urlencode({"instrument": self.instrument, "eid": self.eid})

    @property
    def url(self) -> str:
        """Where the unit is read: the provision page, or the pair page of the link."""
        if self.comparison:
            pair = reverse("comparisons:pair_detail", args=[self.comparison])
            return f"{pair}?{urlencode({'target': self.eid, 'source': f'{self.source_treaty}/{self.source_eid}'})}"
        return reverse("treaties:provision_detail", args=[self.instrument, self.eid])

    @property
    def dom_id(self) -> str:
        return "coding-" + "".join(c if c.isalnum() else "-" for c in self.key)


class Codebook(models.Model):
    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    origin = models.CharField(max_length=200, blank=True, help_text="The tool a .qdc import came from.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class TagStatus(models.TextChoices):
    PROPOSED = "proposed"  # a researcher's suggestion, codable, awaiting a curator
    ACTIVE = "active"
    RETIRED = "retired"  # no new codings; its codings stay


class Tag(models.Model):
    codebook = models.ForeignKey(Codebook, on_delete=models.PROTECT, related_name="tags")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    guid = models.UUIDField(default=uuid.uuid4, unique=True, help_text="The REFI-QDA code GUID.")
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    colour = models.CharField(max_length=7, blank=True, validators=[colour_validator])
    codable = models.BooleanField(default=True, help_text="False for a grouping tag (REFI-QDA isCodable).")
    status = models.CharField(max_length=10, choices=TagStatus.choices, default=TagStatus.ACTIVE)
    merged_into = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="merged_from")
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    position = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["codebook", "position", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["codebook", "parent", "name"], name="tag_name_unique_in_parent", nulls_distinct=False
            ),
            models.CheckConstraint(
                condition=Q(merged_into__isnull=True) | Q(status="retired"), name="tag_merged_is_retired"
            ),
        ]

    def __str__(self) -> str:
        return self.path

    def get_absolute_url(self) -> str:
        return reverse("research:coding:tag_detail", args=[self.pk])

    @property
    def path(self) -> str:
        """``Rights/Victims/Assistance``: the names from the root (one query per level unless prefetched)."""
        names = []
        node: Tag | None = self
        seen = set()
        while node is not None and node.pk not in seen:
            seen.add(node.pk)
            names.append(node.name)
            node = node.parent
        return "/".join(reversed(names))

    @property
    def usable(self) -> bool:
        return self.codable and self.status != TagStatus.RETIRED


class CodedUnit(models.Model):
    """The fields naming a unit (see :class:`UnitRef`), shared by codings and settled codings."""

    kind = models.CharField(max_length=10, choices=UnitKind.choices)
    instrument = models.CharField(max_length=80)
    eid = models.CharField("eId", max_length=200)
    comparison = models.ForeignKey(Comparison, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    source_treaty = models.CharField(max_length=80, blank=True)
    source_eid = models.CharField("source eId", max_length=200, blank=True)
    unit = models.CharField(max_length=600, db_index=True)

    class Meta:
        abstract = True

    @property
    def ref(self) -> UnitRef:
        comparison = self.comparison.slug if self.comparison_id and self.comparison else ""
        return UnitRef(self.instrument, self.eid, comparison, self.source_treaty, self.source_eid)

    def set_unit(self, ref: UnitRef, comparison: Comparison | None) -> None:
        self.kind = ref.kind
        self.instrument, self.eid = ref.instrument, ref.eid
        self.comparison = comparison
        self.source_treaty, self.source_eid = ref.source_treaty, ref.source_eid
        self.unit = ref.key


class CodingQuerySet(models.QuerySet["Coding"]):
    def for_listing(self) -> CodingQuerySet:
        return self.select_related("tag__parent__parent", "tag__codebook", "coder", "comparison").order_by(
            "instrument", "eid", "unit", "tag__name", "coder__username"
        )


class Coding(CodedUnit):
    tag = models.ForeignKey(Tag, on_delete=models.PROTECT, related_name="codings")
    coder = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="codings")
    quote = models.TextField(blank=True, help_text="The provision's text when it was coded.")
    memo = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CodingQuerySet.as_manager()

    class Meta:
        ordering = ["unit", "tag", "coder"]
        constraints = [
            models.UniqueConstraint(fields=["coder", "tag", "unit"], name="coding_once_per_coder_tag_unit"),
            models.CheckConstraint(
                condition=Q(kind="provision", comparison__isnull=True, source_treaty="", source_eid="")
                | Q(kind="link", comparison__isnull=False, source_treaty__gt="", source_eid__gt=""),
                name="coding_unit_fields_match_kind",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.tag} on {self.unit} by {self.coder}"


class SettledCoding(CodedUnit):
    """A curator's decision on a disagreement: the tag applies to the unit, or it does not."""

    tag = models.ForeignKey(Tag, on_delete=models.PROTECT, related_name="settlements")
    applies = models.BooleanField()
    curator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    note = models.TextField(blank=True)
    settled_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["unit", "tag"]
        constraints = [models.UniqueConstraint(fields=["tag", "unit"], name="settled_once_per_tag_unit")]

    def __str__(self) -> str:
        return f"{self.tag} {'applies' if self.applies else 'does not apply'} to {self.unit}"
