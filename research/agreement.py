"""Does the computed alignment agree with what the literature claims about a source provision?

Pure Python on plain values (rows with ``relation``, ``target_eid``, ``source_treaty`` and
``source_eid``, as ``AlignmentRun.overlay()`` returns them), so the rule is tested without
a database.

A claim names a provision (``untoc/art_9``); the alignment works on comparison units
(paragraphs, unnumbered articles, the preamble). The claim covers every unit inside the
provision, or the one unit that contains it. Then:

- **pruned** agrees when every covered unit is pruned;
- **adopted** agrees when every covered unit is carried by some target unit (the literature's
  "adopted" means the norm is taken over; the evidence shows whether the engine found the
  wording adopted or modified);
- **modified** agrees when some covered unit is carried and the provision is not carried
  whole and unchanged (a link is modified, or a unit is pruned);
- **added** is a claim about target units and cannot be judged from source units;
- no claimed relation: the evidence is shown without a verdict.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from comparisons.overlay import NamesAPair

AGREES = "agrees"
DISAGREES = "disagrees"
NOT_JUDGED = "not judged"  # no relation claimed, or one that source units cannot show
NOT_COMPARED = "not in this comparison"  # the provision's instrument is not a source, or it has no units


class RowLike(NamesAPair, Protocol):
    """A row of an alignment (the overlay's :class:`~comparisons.overlay.Row` is one)."""

    @property
    def relation(self) -> str: ...


@dataclass(frozen=True, slots=True)
class UnitEvidence:
    """What the alignment says about one source unit: pruned, or carried by these target units."""

    source_treaty: str
    source_eid: str
    relations: tuple[str, ...]  # "pruned", or the relations of its links in target order
    target_eids: tuple[str, ...]

    @property
    def pruned(self) -> bool:
        return not self.target_eids


@dataclass(frozen=True, slots=True)
class Assessment:
    verdict: str
    units: tuple[UnitEvidence, ...] = ()

    @property
    def agrees(self) -> bool:
        return self.verdict == AGREES

    @property
    def judged(self) -> bool:
        return self.verdict in (AGREES, DISAGREES)


def covered_units(eid: str, unit_eids: Iterable[str]) -> list[str]:
    """The units a provision covers: those inside it, else the one unit that contains it."""
    units = list(unit_eids)
    inside = [u for u in units if u == eid or u.startswith(eid + "__")]
    if inside:
        return inside
    return [u for u in units if eid.startswith(u + "__")][:1]


def evidence(
    source_treaty: str, source_eid: str, rows: Iterable[RowLike], source_units: Sequence[tuple[str, str]]
) -> list[UnitEvidence]:
    """Per covered unit of ``source_treaty/source_eid``: its links in ``rows``, or that it is pruned."""
    eids = covered_units(source_eid, [eid for slug, eid in source_units if slug == source_treaty])
    wanted = set(eids)
    links: dict[str, list[RowLike]] = {eid: [] for eid in eids}
    for row in rows:
        if row.source_treaty == source_treaty and row.source_eid in wanted and row.target_eid:
            links[row.source_eid].append(row)
    return [
        UnitEvidence(
            source_treaty=source_treaty,
            source_eid=eid,
            relations=tuple(r.relation for r in links[eid]) or ("pruned",),
            target_eids=tuple(r.target_eid for r in links[eid]),
        )
        for eid in eids
    ]


def judge(claimed_relation: str, units: Sequence[UnitEvidence]) -> str:
    if not units:
        return NOT_COMPARED
    if claimed_relation == "pruned":
        return AGREES if all(u.pruned for u in units) else DISAGREES
    if claimed_relation == "adopted":
        return AGREES if not any(u.pruned for u in units) else DISAGREES
    if claimed_relation == "modified":
        carried = [u for u in units if not u.pruned]
        changed = any(u.pruned for u in units) or any("modified" in u.relations for u in carried)
        return AGREES if carried and changed else DISAGREES
    return NOT_JUDGED


def assess(
    *,
    claimed_relation: str,
    source_treaty: str,
    source_eid: str,
    rows: Iterable[RowLike],
    source_units: Sequence[tuple[str, str]],
) -> Assessment:
    """The evidence for one claim in one alignment, and whether it agrees."""
    units = evidence(source_treaty, source_eid, rows, source_units)
    return Assessment(verdict=judge(claimed_relation, units), units=tuple(units))


def overall(verdicts: Iterable[str]) -> str:
    """A finding's verdict from its claims': disagrees if any does, agrees if all judged ones do."""
    judged = [v for v in verdicts if v in (AGREES, DISAGREES)]
    if not judged:
        return NOT_JUDGED
    return DISAGREES if DISAGREES in judged else AGREES
