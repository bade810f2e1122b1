"""Writes for annotations: create, edit, publish — with the ownership rules.

Researchers write annotations and edit their own drafts and published ones; curators
(and superusers) edit anyone's and publish. Anonymous users and readers write nothing.
Each write is one transaction and leaves one entry in the annotation's history, with the
user who made it. Roles come from ``accounts.roles`` (they moved to an
``accounts`` app).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypedDict, Unpack

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.text import slugify

from accounts.roles import can_annotate, can_curate
from comparisons.models import Comparison
from core.errors import FieldError
from treaties.models import Provision

from .models import Annotation, Citation, Norm, NormFamily, Reference, Stage


class AnnotationError(FieldError):
    """Bad input to an annotation service; ``field`` names the offending field."""


class AnnotationPermissionError(PermissionError):
    """The user's role does not allow this write."""


def may_edit(user: Any, annotation: Annotation) -> bool:
    if annotation.origin == Annotation.Origin.LITERATURE:
        return can_curate(user)
    if can_curate(user):
        return True
    return can_annotate(user) and annotation.author_id is not None and annotation.author_id == user.pk


def _norms(slugs: Sequence[str]) -> list[Norm]:
    if not slugs:
        raise AnnotationError("norms", "choose at least one norm")
    found = {n.slug: n for n in Norm.objects.filter(slug__in=slugs)}
    missing = [s for s in slugs if s not in found]
    if missing:
        raise AnnotationError("norms", f"unknown norm {', '.join(map(repr, missing))}")
    return [found[s] for s in dict.fromkeys(slugs)]


def _citations(pairs: Sequence[tuple[str, str]]) -> list[Citation]:
    slugs = {slug for slug, _ in pairs}
    references = {r.slug: r for r in Reference.objects.filter(slug__in=slugs)}
    missing = sorted(slugs - set(references))
    if missing:
        raise AnnotationError("citations", f"unknown reference {', '.join(map(repr, missing))}")
    return [
        Citation.objects.get_or_create(reference=references[slug], locator=locator.strip()[:120])[0]
        for slug, locator in pairs
    ]


def _stage(stage: str) -> str:
    if stage and stage not in Stage.values:
        raise AnnotationError("stage", f"must be one of {', '.join(Stage.values)}")
    return stage


def _check_provisions(comparison: Comparison, kind: str, target_eid: str, source_treaty: str, source_eid: str) -> None:
    """The eIds must name provisions of the comparison's instruments (checked when written, not later)."""
    wanted = {
        Annotation.Kind.LINK: (True, True),
        Annotation.Kind.PRUNED: (False, True),
        Annotation.Kind.ADDED: (True, False),
    }.get(kind)  # type: ignore[call-overload]
    if wanted is None:
        raise AnnotationError("kind", "must be link, pruned or added")
    needs_target, needs_source = wanted
    if needs_target != bool(target_eid):
        raise AnnotationError("target_eid", f"a {kind} annotation {'needs' if needs_target else 'has no'} target eId")
    if needs_source != bool(source_eid) or needs_source != bool(source_treaty):
        raise AnnotationError("source_eid", f"a {kind} annotation {'needs' if needs_source else 'has no'} source")
    if target_eid and not Provision.objects.filter(treaty=comparison.target, eid=target_eid).exists():
        raise AnnotationError("target_eid", f"{comparison.target.slug} has no provision {target_eid!r}")
    if source_eid:
        if source_treaty not in comparison.source_slugs():
            raise AnnotationError("source_treaty", f"{source_treaty!r} is not a source of {comparison.slug}")
        if not Provision.objects.filter(treaty__slug=source_treaty, eid=source_eid).exists():
            raise AnnotationError("source_eid", f"{source_treaty} has no provision {source_eid!r}")


@transaction.atomic
def create_annotation(
    *,
    user: Any,
    comparison: Comparison,
    kind: str,
    target_eid: str = "",
    source_treaty: str = "",
    source_eid: str = "",
    norms: Sequence[str],
    stage: str = "",
    rationale: str = "",
    citations: Sequence[tuple[str, str]] = (),
) -> Annotation:
    """A researcher's draft annotation on one decision of ``comparison``."""
    if not can_annotate(user):
        raise AnnotationPermissionError("only researchers and curators may annotate")
    _check_provisions(comparison, kind, target_eid, source_treaty, source_eid)
    annotation = Annotation(
        comparison=comparison,
        kind=kind,
        target_instrument=comparison.target.slug,
        target_eid=target_eid,
        source_treaty=source_treaty,
        source_eid=source_eid,
        stage=_stage(stage),
        rationale=rationale,
        author=user,
        origin=Annotation.Origin.RESEARCHER,
        status=Annotation.Status.DRAFT,
    )
    norm_objects = _norms(norms)
    citation_objects = _citations(citations)
    annotation._history_user = user  # type: ignore[attr-defined]
    annotation.save()
    annotation.norms.set(norm_objects)
    annotation.citations.set(citation_objects)
    return annotation


_UNSET: Any = object()


@transaction.atomic
def update_annotation(
    *,
    user: Any,
    annotation: Annotation,
    norms: Sequence[str] = _UNSET,
    stage: str = _UNSET,
    rationale: str = _UNSET,
    citations: Sequence[tuple[str, str]] = _UNSET,
) -> Annotation:
    """Change what an annotation says (never which decision it is on); only given fields change."""
    if not may_edit(user, annotation):
        raise AnnotationPermissionError("you may edit only your own annotations (curators may edit any)")
    if stage is not _UNSET:
        annotation.stage = _stage(stage)
    if rationale is not _UNSET:
        annotation.rationale = rationale
    norm_objects = _norms(norms) if norms is not _UNSET else None
    citation_objects = _citations(citations) if citations is not _UNSET else None
    annotation._history_user = user  # type: ignore[attr-defined]
    annotation.save()
    if norm_objects is not None:
        annotation.norms.set(norm_objects)
    if citation_objects is not None:
        annotation.citations.set(citation_objects)
    return annotation


@transaction.atomic
def set_status(*, user: Any, annotation: Annotation, status: str) -> Annotation:
    """Publish (or withdraw to draft) an annotation: curators only."""
    if not can_curate(user):
        raise AnnotationPermissionError("only curators may publish annotations")
    if status not in Annotation.Status.values:
        raise AnnotationError("status", f"must be one of {', '.join(Annotation.Status.values)}")
    if status == Annotation.Status.PUBLISHED and not annotation.norms.exists():
        raise AnnotationError("norms", "an annotation needs at least one norm before it is published")
    annotation.status = status
    annotation._history_user = user  # type: ignore[attr-defined]
    annotation.save(update_fields=["status", "updated_at"])
    return annotation


def publish_annotation(*, user: Any, annotation: Annotation) -> Annotation:
    return set_status(user=user, annotation=annotation, status=Annotation.Status.PUBLISHED)


# ---- the vocabulary: curators add norm families and norms ---------------------------------------

#: Paths under /norms/ that a norm's slug must not shadow.
RESERVED_NORM_SLUGS = frozenset({"new", "summary", "families"})
SLUG_MAX = 80
NAME_MAX = 200


def _at_most(field: str, value: str, limit: int) -> str:
    if len(value) > limit:
        raise AnnotationError(field, f"at most {limit} characters")
    return value


def _slug(slug: str, name: str) -> str:
    """The slug given, or one derived from the name ("Victim-centred approach" -> victim-centred-approach)."""
    slug = slug.strip()
    if slug and slug != slugify(slug):
        raise AnnotationError("slug", f"{slug!r} is not a slug: use lowercase letters, digits and hyphens")
    found = slug or slugify(name)[:SLUG_MAX].strip("-")
    if not found:
        raise AnnotationError("slug", "give a slug: none can be derived from the name")
    return _at_most("slug", found, SLUG_MAX)


def _name(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise AnnotationError("name", "give a name")
    return _at_most("name", name, NAME_MAX)


def _must_curate(user: Any) -> None:
    if not can_curate(user):
        raise AnnotationPermissionError("only curators may add to the vocabulary")


@transaction.atomic
def create_norm_family(
    *, user: Any, name: str, slug: str = "", description: str = "", asean_way: bool = False
) -> NormFamily:
    """A new family of norms, listed after the existing ones."""
    _must_curate(user)
    name, slug = _name(name), _slug(slug, name)
    position = (NormFamily.objects.aggregate(last=Max("position"))["last"] or 0) + 1
    try:
        with transaction.atomic():  # a savepoint: a taken slug is reported, the outer transaction goes on
            return NormFamily.objects.create(
                slug=slug, name=name, description=description.strip(), asean_way=asean_way, position=position
            )
    except IntegrityError:
        raise AnnotationError("slug", f"a family {slug!r} already exists") from None


@transaction.atomic
def create_norm(
    *,
    user: Any,
    name: str,
    family: str,
    definition: str,
    slug: str = "",
    citations: Sequence[tuple[str, str]] = (),
) -> Norm:
    """A new norm in an existing family (``family``: its slug), listed after the family's others."""
    _must_curate(user)
    name, slug = _name(name), _slug(slug, name)
    if slug in RESERVED_NORM_SLUGS:
        raise AnnotationError("slug", f"{slug!r} is reserved for a page under /norms/: choose another")
    family_object = NormFamily.objects.filter(slug=family).first()
    if family_object is None:
        raise AnnotationError("family", f"no family {family!r}")
    definition = definition.strip()
    if not definition:
        raise AnnotationError("definition", "give a definition, in our own words")
    position = (family_object.norms.aggregate(last=Max("position"))["last"] or 0) + 1
    try:
        with transaction.atomic():  # a taken slug (unique) is reported on the slug field
            norm = Norm.objects.create(
                slug=slug, name=name, family=family_object, definition=definition, position=position
            )
    except IntegrityError:
        raise AnnotationError("slug", f"a norm {slug!r} already exists") from None
    norm.citations.set(_citations(citations))
    return norm


# ---- the bibliography: curators add references ------------------------------------------------

REFERENCE_LIMITS = {"authors": 300, "venue": 300, "volume": 40, "pages": 40, "doi": 200, "url": 500}


class ReferenceDetails(TypedDict, total=False):
    """What a reference may say besides its authors, year and title (each blank if not given)."""

    venue: str
    volume: str
    pages: str
    doi: str
    url: str


@transaction.atomic
def create_reference(
    *, user: Any, slug: str, authors: str, year: int, title: str, **details: Unpack[ReferenceDetails]
) -> Reference:
    """A new bibliography entry that norms, annotations and claims can cite (curators only)."""
    if unknown := details.keys() - ReferenceDetails.__optional_keys__:
        raise TypeError(f"create_reference() got unexpected keyword arguments: {', '.join(sorted(unknown))}")
    _must_curate(user)
    slug = slug.strip()
    if not slug or slug != slugify(slug):
        raise AnnotationError("slug", f"{slug!r} is not a slug: use lowercase letters, digits and hyphens")
    _at_most("slug", slug, SLUG_MAX)
    values = {"authors": " ".join(authors.split())}
    values |= {name: str(details.get(name, "")).strip() for name in ReferenceDetails.__optional_keys__}
    for field, limit in REFERENCE_LIMITS.items():
        _at_most(field, values[field], limit)
    if not values["authors"]:
        raise AnnotationError("authors", "give the authors")
    if not title.strip():
        raise AnnotationError("title", "give the title")
    if not 1000 <= year <= 9999:
        raise AnnotationError("year", "give a four-digit year")
    if values["url"] and not values["url"].startswith(("https://", "http://")):
        raise AnnotationError("url", "give an http(s) address")
    try:
        with transaction.atomic():  # a taken slug is reported on the slug field
            return Reference.objects.create(slug=slug, year=year, title=title.strip(), **values)
    except IntegrityError:
        raise AnnotationError("slug", f"a reference {slug!r} already exists") from None
