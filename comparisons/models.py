"""Comparisons, their machine alignment runs and the curated decisions that override them.

Every row that names a provision names it by ``(treaty slug, eId)``, never by a
Provision key: re-importing a treaty updates provisions in place by eId, and a
provision that disappears leaves an orphan we can list rather than a broken key.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse

from treaties.models import Treaty

from . import alignment, scope
from .alignment import AlignmentParams, params_from
from .overlay import (
    ACCEPT,
    REJECT,
    RELATE,
    CandidateRow,
    Decision,
    NamesAPair,
    Overlay,
    Row,
    apply_decisions,
)

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

D = TypeVar("D", bound="DataclassInstance")


def _frozen(value: Any) -> Any:
    """A stored list (an ArrayField's, a JSON list of lists) as the overlay's tuples."""
    if type(value) is not list:
        return value
    return tuple([_frozen(item) if type(item) is list else item for item in value])


_STORED_FIELDS: dict[tuple[type, type], tuple[str, ...]] = {}


def _stored_fields(model: type, kind: type) -> tuple[str, ...]:
    """The fields of dataclass ``kind`` that ``model`` stores under the same name (worked out once per pair)."""
    names = _STORED_FIELDS.get((model, kind))
    if names is None:
        names = tuple(field.name for field in dataclasses.fields(kind) if hasattr(model, field.name))
        _STORED_FIELDS[(model, kind)] = names
    return names


class PairRowMixin:
    """For a stored row that names a pair (``target_eid``, ``source_treaty``, ``source_eid``) and that the
    overlay reads as one of its plain values (:mod:`comparisons.overlay`)."""

    @property
    def source_ref(self: NamesAPair) -> str:
        """``<source instrument id>/<eId>``, as the API and the pair page name the source."""
        return f"{self.source_treaty}/{self.source_eid}"

    def plain(self, kind: type[D]) -> D:
        """``kind`` (a dataclass of the overlay) with every field this model stores under the same name,
        lists as tuples; the other fields keep their defaults."""
        return kind(**{name: _frozen(getattr(self, name)) for name in _stored_fields(type(self), kind)})


class Relation(models.TextChoices):
    """The engine's four relations (:data:`comparisons.alignment.RELATIONS`) as model choices."""

    ADOPTED = alignment.ADOPTED
    MODIFIED = alignment.MODIFIED
    ADDED = alignment.ADDED
    PRUNED = alignment.PRUNED


class ComparisonQuerySet(models.QuerySet["Comparison"]):
    def with_instruments(self) -> ComparisonQuerySet:
        return self.select_related("target").prefetch_related("sources")


class Comparison(models.Model):
    """A target (regional) instrument read against one or more source (global) instruments."""

    slug = models.CharField(
        max_length=200,
        unique=True,
        validators=[
            RegexValidator(
                r"^[a-z0-9-]+--[a-z0-9+-]+$", "target--source+source, e.g. coe-trafficking--tip-protocol+untoc"
            )
        ],
        help_text="'<target>--<source>+<source>', derived from the instruments.",
    )
    target = models.ForeignKey(Treaty, on_delete=models.CASCADE, related_name="comparisons_as_target")
    sources = models.ManyToManyField(Treaty, related_name="comparisons_as_source")
    params = models.JSONField(default=dict, blank=True, help_text="Overrides of the engine's AlignmentParams.")
    scope = models.JSONField(
        default=dict,
        blank=True,
        help_text="The articles read of each instrument, {instrument id: [article numbers]}; "
        "an instrument not named is read whole. Part of the comparison's identity (and slug).",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ComparisonQuerySet.as_manager()

    class Meta:
        ordering = ["slug"]

    def __str__(self) -> str:
        return self.slug

    def get_absolute_url(self) -> str:
        return reverse("comparisons:comparison_detail", args=[self.slug])

    @staticmethod
    def slug_for(target: str, sources: list[str], articles: Mapping[str, Sequence[int]] | None = None) -> str:
        """``target--a+b``; a scope adds its articles (``--untoc-arts-5-and-8-10``), so two scopes of the
        same instruments are two comparisons and an unscoped comparison keeps the slug it always had."""
        base = f"{target}--{'+'.join(sorted(sources))}"
        return base + scope.slug_suffix(
            scope.normalise(articles), Comparison.scope_order(target, sources), base_length=len(base)
        )

    @staticmethod
    def scope_order(target: str, sources: Iterable[str]) -> list[str]:
        """The order a scope is written in: the sources by id, then the target (read from source to target)."""
        return [*sorted(sources), target]

    def article_scope(self, slug: str) -> frozenset[int] | None:
        """The articles of instrument ``slug`` this comparison reads; None when it reads them all."""
        numbers = self.scope.get(slug)
        return frozenset(numbers) if numbers else None

    def reads(self, slug: str, eid: str) -> bool:
        """Whether provision ``eid`` of instrument ``slug`` is inside this comparison's scope."""
        return scope.keeps(eid, self.article_scope(slug))

    @property
    def scope_label(self) -> str:
        """``Scoped to UNTOC arts. 5, 8-10; CoE arts. 10-17``, or "" (prefetch the sources)."""
        labels = {t.slug: t.label for t in self.instruments()}
        return scope.describe(self.scope, labels, self.scope_order(self.target.slug, self.source_slugs()))

    @property
    def scope_specs(self) -> list[str]:
        """The scope as ``align --articles`` specs (``["untoc:5,8-10", "coe-trafficking:10-17"]``)."""
        return scope.to_specs(self.scope, self.scope_order(self.target.slug, self.source_slugs()))

    def source_slugs(self) -> list[str]:
        return sorted(t.slug for t in self.sources.all())

    @property
    def label(self) -> str:
        """``CoE Convention and TIP Protocol, UNTOC``: the target and its sources (prefetch them)."""
        return f"{self.target.label} and {', '.join(t.label for t in self.instruments()[1:])}"

    def instruments(self) -> list[Treaty]:
        """The target, then the sources in slug order."""
        return [self.target, *sorted(self.sources.all(), key=lambda t: t.slug)]

    def latest_run(self) -> AlignmentRun | None:
        return self.runs.latest_per_comparison().first()


class AlignmentRunQuerySet(models.QuerySet["AlignmentRun"]):
    def latest_per_comparison(self) -> AlignmentRunQuerySet:
        """The newest run of each comparison (the one the pages show)."""
        return self.order_by("comparison_id", "-started_at").distinct("comparison_id")

    def latest_of(self, comparisons: Sequence[Comparison], *, with_items: bool = True) -> dict[int, AlignmentRun]:
        """The newest run of each comparison (with its rows unless ``with_items`` is false), keyed by
        comparison id: two queries in all.

        Each run's ``comparison`` is the object passed in, so decisions prefetched on it serve
        :meth:`AlignmentRun.overlay`.
        """
        by_id = {c.pk: c for c in comparisons}
        runs = self.filter(comparison__in=comparisons).latest_per_comparison()
        if with_items:
            runs = runs.prefetch_related("items")
        latest = {}
        for run in runs:
            run.comparison = by_id[run.comparison_id]
            latest[run.comparison_id] = run
        return latest


class AlignmentRun(models.Model):
    comparison = models.ForeignKey(Comparison, on_delete=models.CASCADE, related_name="runs")
    engine_version = models.CharField(max_length=40)
    params = models.JSONField(default=dict)
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField()
    timings = models.JSONField(default=dict, help_text="Seconds per step.")
    counts = models.JSONField(default=dict, help_text="Units per relation, machine output only.")
    target_units = models.JSONField(default=list, help_text="Target unit eIds in document order.")
    source_units = models.JSONField(default=list, help_text="[source slug, eId] pairs in document order.")

    objects = AlignmentRunQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at"]
        get_latest_by = "started_at"

    def __str__(self) -> str:
        return f"{self.comparison} @ {self.started_at:%Y-%m-%d %H:%M}"

    def alignment_params(self) -> AlignmentParams:
        """The thresholds this run used; any a later engine added take their defaults."""
        return params_from(self.params, strict=False)

    @property
    def embedding_model(self) -> str | None:
        """The sentence-embedding model this run used, or None if it aligned on wording alone."""
        model = self.params.get("embeddings")
        return str(model) if model else None

    def overlay(
        self, items: Iterable[MachineLink] | None = None, decisions: Iterable[CuratedDecision] | None = None
    ) -> Overlay:
        """This run's machine output with every curated decision of the comparison laid over it.

        ``items`` / ``decisions`` restrict it to some rows (all those touching the units of
        interest, oldest decision first): the effective rows of those units come out right.
        """
        machine = [item.as_row() for item in (self.items.all() if items is None else items)]
        chosen = self.comparison.decisions.all() if decisions is None else decisions  # Meta orders them oldest first
        return apply_decisions(
            machine,
            [d.as_decision() for d in chosen],
            target_order=self.target_units,
            source_order=[(slug, eid) for slug, eid in self.source_units],
        )


class MachineLink(PairRowMixin, models.Model):
    """One row of a run's output: a link (both sides), an added target unit or a pruned source unit."""

    run = models.ForeignKey(AlignmentRun, on_delete=models.CASCADE, related_name="items")
    relation = models.CharField(max_length=10, choices=Relation.choices)
    target_eid = models.CharField(max_length=200, blank=True)
    source_treaty = models.SlugField(max_length=64, blank=True)
    source_eid = models.CharField(max_length=200, blank=True)
    score = models.FloatField(null=True, blank=True)
    features = ArrayField(models.CharField(max_length=40), default=list, blank=True)
    evidence = ArrayField(
        models.CharField(max_length=40),
        default=list,
        blank=True,
        help_text="Why the engine linked the pair: the kinds of evidence that hold for it.",
    )
    adopted_through = ArrayField(
        models.CharField(max_length=40),
        default=list,
        blank=True,
        help_text="For an adopted link, the kinds of systematic change its wording differs by.",
    )
    added_share = models.FloatField(null=True, blank=True)
    removed_share = models.FloatField(null=True, blank=True)
    diff = models.JSONField(default=list, blank=True, help_text="[[kind, source text, target text], ...]")
    position = models.PositiveIntegerField(help_text="Order of the run's output.")

    class Meta:
        ordering = ["run", "position"]
        indexes = [models.Index(fields=["run", "relation"], name="machinelink_run_relation")]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(relation__in=alignment.LINK_RELATIONS, source_eid__gt="", target_eid__gt="")
                    | models.Q(relation=alignment.ADDED, source_eid="", target_eid__gt="")
                    | models.Q(relation=alignment.PRUNED, source_eid__gt="", target_eid="")
                ),
                name="machinelink_sides_match_relation",
            )
        ]

    def __str__(self) -> str:
        return f"{self.relation}: {self.target_eid or '—'} ← {self.source_treaty}/{self.source_eid or '—'}"

    def as_row(self) -> Row:
        return self.plain(Row)


class MachineCandidate(PairRowMixin, models.Model):
    """A pair a run did not link but offers curators (engine ``CandidateLink``): a possible source of
    an added target unit (``side`` target) or a possible target of a pruned source unit (``side`` source).

    Recomputed with every run and never a link: accepting one records a curated decision.
    """

    class Side(models.TextChoices):
        TARGET = "target", "possible source of an added target unit"
        SOURCE = "source", "possible target of a pruned source unit"

    run = models.ForeignKey(AlignmentRun, on_delete=models.CASCADE, related_name="candidates")
    side = models.CharField(max_length=6, choices=Side.choices)
    target_eid = models.CharField(max_length=200)
    source_treaty = models.SlugField(max_length=64)
    source_eid = models.CharField(max_length=200)
    rank = models.PositiveSmallIntegerField(help_text="1 = the unit's best candidate.")
    score = models.FloatField(help_text="The engine's combined score of the pair (0-100).")
    evidence = ArrayField(
        models.CharField(max_length=40),
        default=list,
        blank=True,
        help_text="Kinds of evidence that held for the pair before the linker dropped it.",
    )
    meaning = models.FloatField(null=True, blank=True, help_text="Cosine x 100 of the units' embeddings.")
    shared_words = ArrayField(models.CharField(max_length=80), default=list, blank=True)
    position = models.PositiveIntegerField(help_text="Order of the run's output.")

    class Meta:
        ordering = ["run", "position"]
        indexes = [models.Index(fields=["run", "side"], name="machinecandidate_run_side")]

    def __str__(self) -> str:
        return f"candidate {self.target_eid} ← {self.source_treaty}/{self.source_eid} (#{self.rank})"

    def as_candidate(self) -> CandidateRow:
        return self.plain(CandidateRow)


class CuratedDecision(PairRowMixin, models.Model):
    """A person's decision about one (target unit, source unit) pair; the newest one per pair wins.

    ``accept`` keeps the link with the relation it had when accepted (even if a later run no
    longer proposes it), ``reject`` removes it, ``relate`` adds or re-labels it. Decisions
    are never deleted by a run: they overlay every later run's machine output.
    """

    class Action(models.TextChoices):
        ACCEPT = ACCEPT, "accept the link"
        REJECT = REJECT, "reject the link"
        RELATE = RELATE, "link with a chosen relation"

    comparison = models.ForeignKey(Comparison, on_delete=models.CASCADE, related_name="decisions")
    target_eid = models.CharField(max_length=200)
    source_treaty = models.SlugField(max_length=64)
    source_eid = models.CharField(max_length=200)
    action = models.CharField(max_length=10, choices=Action.choices)
    relation = models.CharField(
        max_length=10, choices=[(Relation.ADOPTED, "adopted"), (Relation.MODIFIED, "modified")], blank=True
    )
    score = models.FloatField(null=True, blank=True, help_text="Similarity when the decision was taken.")
    diff = models.JSONField(default=list, blank=True, help_text="Word diff for links the machine did not make.")
    note = models.TextField(blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["comparison", "target_eid"], name="decision_comparison_target")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(action__in=[ACCEPT, RELATE], relation__in=alignment.LINK_RELATIONS)
                | models.Q(action=REJECT, relation=""),
                name="decision_relation_matches_action",
            )
        ]

    def __str__(self) -> str:
        return f"{self.action} {self.target_eid} ← {self.source_treaty}/{self.source_eid}"

    def as_decision(self) -> Decision:
        return self.plain(Decision)


class UnitEmbedding(models.Model):
    """A stored sentence embedding of one comparison unit's text, so no text is encoded twice.

    Keyed by treaty, eId and model; ``text_hash`` says which text the vector was computed
    from, so a re-import that edits the unit makes the vector stale rather than wrong.
    An article's heading is stored the same way, under ``<article eId>#heading``
    (``comparisons.semantic.HEADING_SUFFIX``).
    """

    treaty = models.ForeignKey(Treaty, on_delete=models.CASCADE, related_name="+")
    eid = models.CharField(max_length=200)
    model_name = models.CharField(max_length=80)
    text_hash = models.CharField(max_length=64)
    vector = ArrayField(models.FloatField())
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["treaty", "eid", "model_name"], name="unit_embedding_unique")]

    def __str__(self) -> str:
        return f"{self.treaty_id}/{self.eid} ({self.model_name})"
