"""Reads for tagging: tag trees, codings by unit, coder, tag and instrument, orphans, agreement data.

Each function runs a fixed number of queries, whatever the number of codings (tag paths come
from one read of the tags, not one query per ancestor).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from django.contrib.auth import get_user_model
from django.db.models import Count, Q

from treaties.models import Treaty

from .coding_agreement import Reliability, reliability
from .coding_models import Codebook, Coding, SettledCoding, Tag, TagStatus, UnitRef
from .coding_services import ImportedCode
from .models import existing_provisions


def tag_paths(tags: Iterable[Tag] | None = None) -> dict[int, str]:
    """``{tag id: "Parent/Child"}`` for every tag (one query), or for the given, complete set."""
    by_id = {t.pk: t for t in (tags if tags is not None else Tag.objects.only("pk", "name", "parent_id"))}
    paths: dict[int, str] = {}

    def path(pk: int, seen: frozenset[int] = frozenset()) -> str:
        if pk not in paths:
            tag = by_id[pk]
            parent = tag.parent_id
            prefix = path(parent, seen | {pk}) + "/" if parent in by_id and parent not in seen else ""
            paths[pk] = prefix + tag.name
        return paths[pk]

    for pk in by_id:
        path(pk)
    return paths


@dataclass
class TagNode:
    tag: Tag
    depth: int
    path: str
    codings: int = 0
    children: list[TagNode] = field(default_factory=list)


def tag_tree(codebook: Codebook, *, include_merged: bool = False) -> list[TagNode]:
    """The codebook's tags in tree order (depth-first), each with its number of codings: one query."""
    tags = list(
        Tag.objects.filter(codebook=codebook)
        .select_related("merged_into", "proposed_by")
        .annotate(n=Count("codings"))
        .order_by("position", "name")
    )
    paths = tag_paths(tags)
    children: dict[int | None, list[Tag]] = defaultdict(list)
    for tag in tags:
        if include_merged or not tag.merged_into_id:
            children[tag.parent_id].append(tag)
    flat: list[TagNode] = []

    def walk(parent: int | None, depth: int) -> None:
        for tag in children.get(parent, []):
            flat.append(TagNode(tag, depth, paths[tag.pk], tag.n))  # type: ignore[attr-defined]
            walk(tag.pk, depth + 1)

    walk(None, 0)
    return flat


def usable_tags(codebook: Codebook | None = None) -> list[tuple[Tag, str]]:
    """Tags one may code with now, with their paths, in tree order (for the coding form)."""
    books = [codebook] if codebook else list(Codebook.objects.all())
    found = []
    for book in books:
        found += [(n.tag, n.path) for n in tag_tree(book) if n.tag.usable]
    return found


def _with_paths(codings: Iterable[Coding]) -> list[Coding]:
    codings = list(codings)
    paths = tag_paths() if codings else {}
    for coding in codings:
        coding.tag_path = paths.get(coding.tag_id, coding.tag.name)  # type: ignore[attr-defined]
    return codings


def codings(
    *,
    coder: Any = None,
    tag: Tag | None = None,
    instrument: str = "",
    codebook: Codebook | None = None,
    eid: str = "",
) -> list[Coding]:
    """Codings, filtered (``eid``: of that provision, or of a link it is the target or source of);
    each with ``tag_path`` and ``orphaned`` set."""
    found = Coding.objects.for_listing()
    if coder is not None:
        found = found.filter(coder=coder)
    if tag is not None:
        found = found.filter(tag=tag)
    if instrument:
        found = found.filter(Q(instrument=instrument) | Q(source_treaty=instrument))
    if codebook is not None:
        found = found.filter(tag__codebook=codebook)
    if eid:
        found = found.filter(Q(eid=eid) | Q(source_eid=eid))
    return mark_orphans(_with_paths(found))


def coding(pk: int) -> Coding | None:
    """One coding with ``tag_path`` and ``orphaned`` set (or None)."""
    found = mark_orphans(_with_paths(Coding.objects.for_listing().filter(pk=pk)))
    return found[0] if found else None


def codings_by_unit(units: Sequence[UnitRef]) -> dict[str, list[Coding]]:
    """``{unit key: codings}`` for the given units: two queries."""
    keys = {u.key for u in units}
    by_unit: dict[str, list[Coding]] = {k: [] for k in keys}
    for coding in _with_paths(Coding.objects.for_listing().filter(unit__in=keys)):
        by_unit[coding.unit].append(coding)
    return by_unit


def codings_of_provision(instrument: str, eid: str) -> list[Coding]:
    """Codings of the provision, and of the alignment links it is the target or the source of."""
    found = Coding.objects.for_listing().filter(
        Q(instrument=instrument, eid=eid) | Q(source_treaty=instrument, source_eid=eid)
    )
    return _with_paths(found)


def mark_orphans(codings: list[Coding]) -> list[Coding]:
    """Set ``orphaned`` on each coding: a provision it names is gone from its (imported) instrument."""
    refs = {ref for c in codings for ref in c.ref.provisions}
    present = existing_provisions(refs)
    imported = set(Treaty.objects.filter(slug__in={slug for slug, _ in refs}).values_list("slug", flat=True))
    for coding in codings:
        coding.orphaned = any(  # type: ignore[attr-defined]
            slug in imported and (slug, eid) not in present for slug, eid in coding.ref.provisions
        )
    return codings


def orphaned_codings() -> list[Coding]:
    return [c for c in codings() if c.orphaned]  # type: ignore[attr-defined]


@dataclass(frozen=True)
class TagUse:
    """Where one tag (and its sub-tags) is used: the units, and how many per instrument."""

    tag: Tag
    path: str
    units: list[tuple[UnitRef, list[Coding]]]
    per_instrument: list[tuple[str, int]]


def tag_use(tag: Tag) -> TagUse:
    """Every unit carrying ``tag`` or one of its sub-tags, across all instruments, with counts per instrument."""
    paths = tag_paths(Tag.objects.filter(codebook=tag.codebook_id).only("pk", "name", "parent_id"))
    family = {tag.pk}
    parents = dict(Tag.objects.filter(codebook=tag.codebook_id).values_list("pk", "parent_id"))
    changed = True
    while changed:
        more = {pk for pk, parent in parents.items() if parent in family} - family
        family |= more
        changed = bool(more)
    found = mark_orphans(list(Coding.objects.for_listing().filter(tag_id__in=family)))
    by_unit: dict[str, list[Coding]] = defaultdict(list)
    refs: dict[str, UnitRef] = {}
    for coding in found:
        coding.tag_path = paths.get(coding.tag_id, coding.tag.name)  # type: ignore[attr-defined]
        by_unit[coding.unit].append(coding)
        refs[coding.unit] = coding.ref
    counts = Counter(ref.instrument for ref in refs.values())
    return TagUse(
        tag=tag,
        path=paths[tag.pk],
        units=[(refs[key], by_unit[key]) for key in by_unit],
        per_instrument=sorted(counts.items()),
    )


def coders() -> list[Any]:
    """Everyone who has coded something, by username."""
    user_model = get_user_model()
    return list(user_model._default_manager.filter(codings__isnull=False).distinct().order_by("username"))


def coder_named(username: str | None, among: Sequence[Any] | None = None) -> Any:
    """The user called ``username`` if they have coded something (``among``: :func:`coders`, if read), else None."""
    if not username:
        return None
    return next((c for c in (coders() if among is None else among) if c.get_username() == username), None)


# --- agreement ------------------------------------------------------------------------------


def chosen_coders(requested: Sequence[str], everyone: Sequence[str] | None = None) -> list[str]:
    """The coders an agreement is computed for: those requested who have coded, or else everyone who has."""
    everyone = list(everyone) if everyone is not None else [c.get_username() for c in coders()]
    return [c for c in dict.fromkeys(requested) if c in everyone] or everyone


@dataclass(frozen=True)
class DisagreementRow:
    unit: UnitRef
    tag: Tag
    tag_path: str
    applied_by: list[str]
    not_applied_by: list[str]
    settled: SettledCoding | None


@dataclass(frozen=True)
class Agreement:
    codebook: Codebook
    tag: Tag | None
    coders: list[str]
    result: Reliability
    disagreements: list[DisagreementRow]
    units: int


def agreement(*, codebook: Codebook, coders: Sequence[str], tag: Tag | None = None) -> Agreement:
    """κ, α, observed agreement and the disagreements of ``coders`` (usernames) on a codebook or one tag.

    Items are ``(unit, tag)`` pairs. A coder who coded a unit with any tag of the codebook gives
    each tag in scope 1 (applied) or 0 (not applied) there; units they never coded are missing.
    Retired and grouping tags are in scope only where somebody used them.
    """
    found = list(
        Coding.objects.filter(tag__codebook=codebook, coder__username__in=coders)
        .select_related("coder", "comparison")
        .only("unit", "tag_id", "coder__username", "instrument", "eid", "source_treaty", "source_eid", "comparison")
    )
    tags = {t.pk: t for t in Tag.objects.filter(codebook=codebook)}
    paths = tag_paths(tags.values())
    if tag is not None:
        scope = {tag.pk}
    else:
        scope = {pk for pk, t in tags.items() if t.codable and t.status != TagStatus.RETIRED}
        scope |= {c.tag_id for c in found}
    coded_units: dict[str, set[str]] = defaultdict(set)
    applied: dict[str, set[tuple[str, int]]] = defaultdict(set)
    refs: dict[str, UnitRef] = {}
    for coding in found:
        name = coding.coder.username
        coded_units[name].add(coding.unit)
        applied[name].add((coding.unit, coding.tag_id))
        refs[coding.unit] = coding.ref
    values: dict[str, dict[tuple[str, int], int]] = {}
    for name in coders:
        values[name] = {(unit, pk): int((unit, pk) in applied[name]) for unit in coded_units[name] for pk in scope}
    result = reliability(values, list(coders))
    settled = {
        (s.unit, s.tag_id): s
        for s in SettledCoding.objects.filter(
            tag_id__in=scope, unit__in={cast(tuple[str, int], d.item)[0] for d in result.disagreements}
        ).select_related("curator")
    }
    rows = []
    for d in result.disagreements:
        unit, pk = cast(tuple[str, int], d.item)
        rows.append(
            DisagreementRow(
                unit=refs[unit],
                tag=tags[pk],
                tag_path=paths[pk],
                applied_by=sorted(c for c, v in d.values.items() if v == 1),
                not_applied_by=sorted(c for c, v in d.values.items() if v == 0),
                settled=settled.get((unit, pk)),
            )
        )
    rows.sort(key=lambda r: (r.tag_path, r.unit.key))
    units = len({u for name in coders for u in coded_units[name]})
    return Agreement(codebook, tag, list(coders), result, rows, units)


# --- exchange -------------------------------------------------------------------------------


def codebook_codes(codebook: Codebook) -> list[ImportedCode]:
    """The codebook as a tree of :class:`ImportedCode` (merged tags left out: their codings moved)."""
    nodes = {n.tag.pk: n for n in tag_tree(codebook)}
    codes: dict[int, ImportedCode] = {}
    roots: list[ImportedCode] = []
    for pk, node in nodes.items():  # tree order: parents come first
        tag = node.tag
        codes[pk] = ImportedCode(
            guid=str(tag.guid),
            name=tag.name,
            codable=tag.codable,
            colour=tag.colour,
            description=tag.description,
            status=tag.status,
        )
        (codes[tag.parent_id].children if tag.parent_id in codes else roots).append(codes[pk])
    return roots


CODING_COLUMNS = [
    "coder",
    "tag_path",
    "codebook",
    "instrument",
    "eid",
    "citation",
    "comparison",
    "source_instrument",
    "source_eid",
    "memo",
    "created",
    "updated",
    "orphaned",
]


def coding_records(found: Sequence[Coding]) -> list[dict[str, Any]]:
    """One flat record per coding, with the columns of :data:`CODING_COLUMNS` (CSV and JSON)."""
    return [
        {
            "coder": c.coder.get_username(),
            "tag_path": c.tag_path,  # type: ignore[attr-defined]
            "codebook": c.tag.codebook.slug,
            "instrument": c.instrument,
            "eid": c.eid,
            "citation": c.ref.citation,
            "comparison": c.comparison.slug if c.comparison else "",
            "source_instrument": c.source_treaty,
            "source_eid": c.source_eid,
            "memo": c.memo,
            "created": c.created_at.isoformat(),
            "updated": c.updated_at.isoformat(),
            "orphaned": bool(getattr(c, "orphaned", False)),
        }
        for c in found
    ]
