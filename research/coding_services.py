"""Writes for tagging, with the ownership rules (issue 12).

* Researchers (and curators) code units, and edit or remove only their own codings; they may
  propose tags (``proposed``, codable at once, so work is not held up).
* Curators manage the codebook: create, rename, describe, recolour, move, merge and retire
  tags, accept proposals, import codebooks; and settle disagreements. None of this loses a
  coding: a retired tag keeps its codings, a merged tag's codings move to the tag it is merged
  into (two codings of the same unit by the same coder become one, memos joined).
* Anonymous users and readers write nothing.

Every service is keyword-only and one transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.roles import can_annotate, can_curate
from comparisons.models import Comparison
from core.errors import FieldError
from treaties.models import Provision

from .coding_models import Codebook, Coding, SettledCoding, Tag, TagStatus, UnitRef, colour_validator


class CodingError(FieldError):
    """Bad input to a tagging service; ``field`` names the offending field."""


class CodingPermissionError(PermissionError):
    """The user's role does not allow this write."""


def _require_coder(user: Any) -> None:
    if not can_annotate(user):
        raise CodingPermissionError("only researchers and curators may code provisions")


def _require_curator(user: Any) -> None:
    if not can_curate(user):
        raise CodingPermissionError("only curators may manage the codebook and settle disagreements")


def may_edit_coding(user: Any, coding: Coding) -> bool:
    """A coding is its coder's: nobody else edits or removes it (curators settle instead)."""
    return can_annotate(user) and coding.coder_id == user.pk


def _comparison(ref: UnitRef) -> Comparison | None:
    if not ref.comparison:
        return None
    comparison = Comparison.objects.filter(slug=ref.comparison).first()
    if comparison is None:
        raise CodingError("comparison", f"no comparison {ref.comparison!r}")
    if comparison.target.slug != ref.instrument:
        raise CodingError("comparison", f"{ref.instrument!r} is not the target of {ref.comparison!r}")
    return comparison


def _quote(ref: UnitRef) -> str:
    """The provision's text now (the target's, for a link), kept with the coding."""
    provision = Provision.objects.filter(treaty__slug=ref.instrument, eid=ref.eid).only("heading", "text").first()
    if provision is None:
        raise CodingError("eid", f"no provision {ref.instrument}/{ref.eid}")
    if ref.comparison and not Provision.objects.filter(treaty__slug=ref.source_treaty, eid=ref.source_eid).exists():
        raise CodingError("source", f"no provision {ref.source_treaty}/{ref.source_eid}")
    return provision.text or provision.heading


def _usable_tag(tag: Tag) -> None:
    if not tag.codable:
        raise CodingError("tag", f"{tag.path!r} groups other tags and is not used for coding")
    if tag.status == TagStatus.RETIRED:
        target = f"; use {tag.merged_into.path!r}" if tag.merged_into_id and tag.merged_into else ""
        raise CodingError("tag", f"{tag.path!r} is retired{target}")


def _join_memos(first: str, second: str) -> str:
    first, second = first.strip(), second.strip()
    if not second or second in first:
        return first
    if not first or first in second:
        return second
    return f"{first}\n\n{second}"


@transaction.atomic
def add_coding(*, user: Any, tag: Tag, unit: UnitRef, memo: str = "") -> Coding:
    """Code ``unit`` with ``tag`` as ``user``; coding it again adds the memo to the existing coding.

    Safe under concurrency: the insert is ``ON CONFLICT DO NOTHING`` on (coder, tag, unit), then
    the row is locked and the memo joined, so two simultaneous requests never lose a memo and
    never fail on the unique constraint.
    """
    _require_coder(user)
    _usable_tag(tag)
    comparison = _comparison(unit)
    coding = Coding(tag=tag, coder=user, quote=_quote(unit), memo=memo.strip())
    coding.set_unit(unit, comparison)
    Coding.objects.bulk_create([coding], ignore_conflicts=True)
    stored = Coding.objects.select_for_update().get(coder=user, tag=tag, unit=unit.key)
    joined = _join_memos(stored.memo, memo)
    if joined != stored.memo:
        stored.memo = joined
        stored.save(update_fields=["memo", "updated_at"])
    return stored


@transaction.atomic
def edit_coding(*, user: Any, coding: Coding, memo: str) -> Coding:
    coding = Coding.objects.select_for_update().get(pk=coding.pk)
    if not may_edit_coding(user, coding):
        raise CodingPermissionError("researchers edit only their own codings")
    coding.memo = memo.strip()
    coding.save(update_fields=["memo", "updated_at"])
    return coding


@transaction.atomic
def remove_coding(*, user: Any, coding: Coding) -> None:
    coding = Coding.objects.select_for_update().get(pk=coding.pk)
    if not may_edit_coding(user, coding):
        raise CodingPermissionError("researchers remove only their own codings")
    coding.delete()


# --- the codebook ---------------------------------------------------------------------------


def _clean_tag(tag: Tag) -> Tag:
    if not tag.name.strip():
        raise CodingError("name", "a tag needs a name")
    tag.name = tag.name.strip()
    if tag.colour:
        try:
            colour_validator(tag.colour)
        except ValidationError as exc:
            raise CodingError("colour", " ".join(exc.messages)) from None
    clash = Tag.objects.filter(codebook_id=tag.codebook_id, parent_id=tag.parent_id, name=tag.name).exclude(pk=tag.pk)
    if clash.exists():
        where = f"under {tag.parent.path!r}" if tag.parent else "at the top of the codebook"
        raise CodingError("name", f"a tag {tag.name!r} already exists {where}")
    return tag


def _parent(codebook: Codebook, parent: Tag | None) -> Tag | None:
    if parent is not None and parent.codebook_id != codebook.pk:
        raise CodingError("parent", f"{parent.path!r} is in another codebook")
    return parent


@transaction.atomic
def create_codebook(*, user: Any, slug: str, name: str, description: str = "") -> Codebook:
    _require_curator(user)
    if Codebook.objects.filter(slug=slug).exists():
        raise CodingError("slug", f"a codebook {slug!r} already exists")
    return Codebook.objects.create(slug=slug, name=name.strip() or slug, description=description)


@transaction.atomic
def create_tag(
    *,
    user: Any,
    codebook: Codebook,
    name: str,
    parent: Tag | None = None,
    description: str = "",
    colour: str = "",
) -> Tag:
    """Curators add active tags; researchers propose tags (status ``proposed``, codable at once)."""
    _require_coder(user)
    status = TagStatus.ACTIVE if can_curate(user) else TagStatus.PROPOSED
    tag = Tag(
        codebook=codebook,
        parent=_parent(codebook, parent),
        name=name,
        description=description.strip(),
        colour=colour.strip(),
        status=status,
        proposed_by=user,
    )
    _clean_tag(tag).save()
    return tag


@transaction.atomic
def update_tag(
    *,
    user: Any,
    tag: Tag,
    name: str | None = None,
    description: str | None = None,
    colour: str | None = None,
    status: str | None = None,
) -> Tag:
    """Rename, describe, recolour, accept (``active``) or retire a tag; its codings stay with it."""
    _require_curator(user)
    tag = Tag.objects.select_for_update().get(pk=tag.pk)
    if name is not None:
        tag.name = name
    if description is not None:
        tag.description = description.strip()
    if colour is not None:
        tag.colour = colour.strip()
    if status is not None:
        if status not in TagStatus.values:
            raise CodingError("status", f"unknown status {status!r}")
        if tag.merged_into_id and status != TagStatus.RETIRED:
            raise CodingError("status", f"{tag.path!r} was merged; it stays retired")
        tag.status = status
    _clean_tag(tag).save()
    return tag


@transaction.atomic
def move_tag(*, user: Any, tag: Tag, parent: Tag | None) -> Tag:
    """Put ``tag`` (with its children and codings) under ``parent`` (None: the top)."""
    _require_curator(user)
    tag = Tag.objects.select_for_update().get(pk=tag.pk)
    parent = _parent(tag.codebook, parent)
    node = parent
    while node is not None:
        if node.pk == tag.pk:
            raise CodingError("parent", f"{tag.path!r} cannot move under itself or its own descendant")
        node = node.parent
    tag.parent = parent
    _clean_tag(tag).save()
    return tag


@transaction.atomic
def merge_tag(*, user: Any, tag: Tag, into: Tag) -> Tag:
    """Move every coding, settlement and child of ``tag`` to ``into``; ``tag`` is retired, pointing at it."""
    _require_curator(user)
    tag, into = (Tag.objects.select_for_update().get(pk=t.pk) for t in (tag, into))
    if tag.pk == into.pk:
        raise CodingError("into", "a tag cannot be merged into itself")
    if tag.codebook_id != into.codebook_id:
        raise CodingError("into", f"{into.path!r} is in another codebook")
    node: Tag | None = into
    while node is not None:
        if node.pk == tag.pk:
            raise CodingError("into", f"{into.path!r} is inside {tag.path!r}; move it out first")
        node = node.parent
    existing = {(c.coder_id, c.unit): c for c in Coding.objects.select_for_update().filter(tag=into)}
    for coding in Coding.objects.select_for_update().filter(tag=tag):
        twin = existing.get((coding.coder_id, coding.unit))
        if twin is None:
            coding.tag = into
            coding.save(update_fields=["tag", "updated_at"])
        else:  # the coder had coded the unit with both: one coding, both memos, the earlier time
            twin.memo = _join_memos(twin.memo, coding.memo)
            twin.created_at = min(twin.created_at, coding.created_at)
            twin.save(update_fields=["memo", "created_at", "updated_at"])
            coding.delete()
    settled = set(SettledCoding.objects.filter(tag=into).values_list("unit", flat=True))
    for settlement in SettledCoding.objects.filter(tag=tag):
        if settlement.unit not in settled:
            settlement.tag = into
            settlement.save(update_fields=["tag"])
        else:
            settlement.delete()  # the target tag's own decision on the unit stands
    Tag.objects.filter(parent=tag).update(parent=into)
    tag.status = TagStatus.RETIRED
    tag.merged_into = into
    tag.save(update_fields=["status", "merged_into"])
    return tag


# --- agreement ------------------------------------------------------------------------------


@transaction.atomic
def settle(*, user: Any, tag: Tag, unit: UnitRef, applies: bool, note: str = "") -> SettledCoding:
    """Record the consensus on whether ``tag`` applies to ``unit`` (replacing an earlier settlement)."""
    _require_curator(user)
    comparison = _comparison(unit)
    settlement = SettledCoding.objects.select_for_update().filter(tag=tag, unit=unit.key).first()
    if settlement is None:
        settlement = SettledCoding(tag=tag)
        settlement.set_unit(unit, comparison)
    settlement.applies = applies
    settlement.curator = user
    settlement.note = note.strip()
    settlement.save()
    return settlement


# --- REFI-QDA codebook import ---------------------------------------------------------------


@dataclass
class ImportedCode:
    """A code read from a .qdc file (see ``research.qdc``)."""

    guid: str
    name: str
    codable: bool = True
    colour: str = ""
    description: str = ""
    status: str = TagStatus.ACTIVE
    children: list[ImportedCode] = field(default_factory=list)


@dataclass(frozen=True)
class ImportResult:
    codebook: Codebook
    created: int
    updated: int


def _walk(codes: Iterable[ImportedCode], parent: str | None = None) -> Iterable[tuple[ImportedCode, str | None]]:
    """Every code with its parent's GUID, parents first."""
    for code in codes:
        yield code, parent
        yield from _walk(code.children, code.guid)


@transaction.atomic
def import_codebook(
    *, slug: str, name: str, codes: Sequence[ImportedCode], origin: str = "", user: Any = None
) -> ImportResult:
    """Create or update the codebook ``slug`` from parsed codes, matching tags by GUID.

    Tags of the codebook missing from the file are kept (their codings with them): a codebook
    import never removes anything. ``user`` None is the command line, which acts as a curator.
    """
    if user is not None:
        _require_curator(user)
    codebook, _ = Codebook.objects.get_or_create(slug=slug, defaults={"name": name, "origin": origin})
    if origin and codebook.origin != origin:
        codebook.origin = origin
        codebook.save(update_fields=["origin"])
    by_guid = {str(t.guid): t for t in Tag.objects.filter(guid__in=[c.guid for c, _ in _walk(codes)])}
    foreign = [t for t in by_guid.values() if t.codebook_id != codebook.pk]
    if foreign:
        raise CodingError("guid", f"code {foreign[0].guid} belongs to codebook {foreign[0].codebook.slug!r}")
    created = updated = 0
    position: dict[str | None, int] = {}
    for code, parent_guid in _walk(codes):
        tag = by_guid.get(code.guid) or Tag(codebook=codebook, guid=code.guid)
        fresh = tag.pk is None
        position[parent_guid] = position.get(parent_guid, -1) + 1
        values: dict[str, Any] = {
            "name": code.name,
            "parent": by_guid[parent_guid] if parent_guid else None,
            "codable": code.codable,
            "colour": code.colour,
            "description": code.description,
            "status": TagStatus.RETIRED if tag.merged_into_id else code.status,
        }
        if fresh:  # an existing tag keeps its place among its siblings
            values["position"] = position[parent_guid]
        changed = fresh or any(getattr(tag, k) != v for k, v in values.items())
        for key, value in values.items():
            setattr(tag, key, value)
        if changed:
            _clean_tag(tag).save()
            created += fresh
            updated += not fresh
        by_guid[code.guid] = tag
    return ImportResult(codebook, created, updated)
