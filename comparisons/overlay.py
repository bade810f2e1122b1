"""Curated decisions laid over a run's machine output: the alignment researchers see.

Pure Python on plain values, so the rule "a person's decision beats the machine, and the
newest decision on a pair beats older ones" is tested without a database.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Protocol, TypedDict

from treaties.eids import article_of

from .alignment import ADDED, ADOPTED, EVIDENCE_KINDS, LINK_RELATIONS, MODIFIED, PRUNED, RELATIONS, SYSTEMATIC_KINDS


@dataclass(frozen=True, slots=True)
class Row:
    """One line of an alignment: a link, an added target unit or a pruned source unit."""

    relation: str
    target_eid: str = ""
    source_treaty: str = ""
    source_eid: str = ""
    score: float | None = None
    features: tuple[str, ...] = ()
    #: Why the engine linked the pair (empty for rows a person made).
    evidence: tuple[str, ...] = ()
    #: For an adopted machine link, the kinds of systematic change its wording differs by.
    adopted_through: tuple[str, ...] = ()
    added_share: float | None = None
    removed_share: float | None = None
    diff: tuple[tuple[str, str, str], ...] = ()
    origin: str = "machine"
    decision_id: int | None = None
    note: str = ""

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.target_eid, self.source_treaty, self.source_eid)

    @property
    def source_key(self) -> tuple[str, str]:
        return (self.source_treaty, self.source_eid)

    @property
    def is_link(self) -> bool:
        return self.relation in LINK_RELATIONS

    @property
    def pair_query(self) -> str:
        """The query string of this row's pair page: ``target=<eId>&source=<slug>/<eId>``."""
        parts = []
        if self.target_eid:
            parts.append(f"target={self.target_eid}")
        if self.source_eid:
            parts.append(f"source={self.source_treaty}/{self.source_eid}")
        return "&".join(parts)


class PairFields(TypedDict):
    """What names a pair (a link, or an added or pruned unit with the other side empty)."""

    target_eid: str
    source_treaty: str
    source_eid: str


class NamesAPair(Protocol):
    @property
    def target_eid(self) -> str: ...
    @property
    def source_treaty(self) -> str: ...
    @property
    def source_eid(self) -> str: ...


def pair_fields(item: NamesAPair) -> PairFields:
    """The target eId, source instrument and source eId of anything that names a pair, as keywords."""
    return PairFields(target_eid=item.target_eid, source_treaty=item.source_treaty, source_eid=item.source_eid)


#: What a curator can decide about a pair (the values of ``CuratedDecision.Action``).
ACCEPT, REJECT, RELATE = "accept", "reject", "relate"
ACTIONS = (ACCEPT, REJECT, RELATE)


@dataclass(frozen=True, slots=True)
class Decision:
    id: int
    target_eid: str
    source_treaty: str
    source_eid: str
    action: str  # accept | reject | relate
    relation: str = ""
    score: float | None = None
    diff: tuple[tuple[str, str, str], ...] = ()
    note: str = ""

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.target_eid, self.source_treaty, self.source_eid)


@dataclass
class Overlay:
    rows: list[Row]
    orphans: list[Decision] = field(default_factory=list)  # decisions naming units that no longer exist


def apply_decisions(
    machine: Sequence[Row],
    decisions: Iterable[Decision],
    *,
    target_order: Sequence[str],
    source_order: Sequence[tuple[str, str]],
) -> Overlay:
    """Return the effective rows: links in target order, then added units, then pruned units.

    ``target_order`` / ``source_order`` list every unit of the current run in document order;
    decisions on pairs outside them are returned as orphans, never silently dropped.
    """
    links = {row.key: row for row in machine if row.is_link}
    latest: dict[tuple[str, str, str], Decision] = {}
    for decision in decisions:  # oldest first: the newest on a pair wins
        latest[decision.key] = decision
    targets = set(target_order)
    sources = set(source_order)
    orphans = []
    for key, decision in latest.items():
        if decision.target_eid not in targets or (decision.source_treaty, decision.source_eid) not in sources:
            orphans.append(decision)
            continue
        machine_row = links.get(key)
        if decision.action == REJECT:
            links.pop(key, None)
            continue
        base = machine_row or Row(
            relation=decision.relation, score=decision.score, diff=decision.diff, **pair_fields(decision)
        )
        relation = decision.relation if decision.action == RELATE or machine_row is None else machine_row.relation
        through = base.adopted_through if relation == ADOPTED else ()
        links[key] = replace(
            base,
            relation=relation,
            adopted_through=through,
            origin="curated",
            decision_id=decision.id,
            note=decision.note,
        )

    target_rank = {eid: i for i, eid in enumerate(target_order)}
    source_rank = {key: i for i, key in enumerate(source_order)}
    ordered = sorted(links.values(), key=lambda r: (target_rank[r.target_eid], source_rank[r.source_key]))
    linked_targets = {row.target_eid for row in ordered}
    linked_sources = {row.source_key for row in ordered}
    rows = ordered
    rows += [Row(relation=ADDED, target_eid=eid) for eid in target_order if eid not in linked_targets]
    rows += [
        Row(relation=PRUNED, source_treaty=treaty, source_eid=eid)
        for treaty, eid in source_order
        if (treaty, eid) not in linked_sources
    ]
    return Overlay(rows=rows, orphans=orphans)


@dataclass(frozen=True, slots=True)
class CandidateRow:
    """A pair a run offers curators for an added target unit (``side`` target) or a pruned source unit."""

    side: str
    target_eid: str
    source_treaty: str
    source_eid: str
    rank: int
    score: float
    evidence: tuple[str, ...] = ()
    meaning: float | None = None
    shared_words: tuple[str, ...] = ()

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.target_eid, self.source_treaty, self.source_eid)

    @property
    def source_ref(self) -> str:
        return f"{self.source_treaty}/{self.source_eid}"

    @property
    def unit_key(self) -> tuple[str, str, str]:
        """The row key of the added or pruned unit the candidate is offered for."""
        return (self.target_eid, "", "") if self.side == "target" else ("", self.source_treaty, self.source_eid)

    @property
    def pair_query(self) -> str:
        return f"target={self.target_eid}&source={self.source_ref}"


def open_candidates(
    candidates: Iterable[CandidateRow], decided: Iterable[tuple[str, str, str]]
) -> dict[tuple[str, str, str], list[CandidateRow]]:
    """The candidates no curator has decided on yet, by the row key of the unit they are offered for
    (in the order given: rank order).  A pair a curator accepted, rejected or linked is never offered again."""
    done = set(decided)
    result: dict[tuple[str, str, str], list[CandidateRow]] = {}
    for candidate in candidates:
        if candidate.key not in done:
            result.setdefault(candidate.unit_key, []).append(candidate)
    return result


def relation_counts(rows: Iterable[Any]) -> dict[str, int]:
    """How many rows (anything with a ``relation``) carry each relation, in RELATIONS order."""
    counts = dict.fromkeys(RELATIONS, 0)
    for row in rows:
        counts[row.relation] += 1
    return counts


def roll_up_to_articles(rows: Sequence[Row]) -> list[Row]:
    """Article-level view of paragraph rows: one link per (target article, source article)."""
    grouped: dict[tuple[str, str, str], list[Row]] = {}
    for row in rows:
        if row.is_link:
            grouped.setdefault((article_of(row.target_eid), row.source_treaty, article_of(row.source_eid)), []).append(
                row
            )
    links = [
        Row(
            relation=ADOPTED if all(r.relation == ADOPTED for r in group) else MODIFIED,
            target_eid=key[0],
            source_treaty=key[1],
            source_eid=key[2],
            score=max((r.score or 0.0) for r in group),
            features=tuple(sorted({f for r in group for f in r.features})),
            evidence=tuple(kind for kind in EVIDENCE_KINDS if any(kind in r.evidence for r in group)),
            adopted_through=tuple(kind for kind in SYSTEMATIC_KINDS if any(kind in r.adopted_through for r in group))
            if all(r.relation == ADOPTED for r in group)
            else (),
            origin="curated" if any(r.origin == "curated" for r in group) else "machine",
        )
        for key, group in grouped.items()
    ]
    linked_targets = {row.target_eid for row in links}
    linked_sources = {row.source_key for row in links}
    added: dict[str, None] = {}
    pruned: dict[tuple[str, str], None] = {}
    for row in rows:
        if row.relation == ADDED and article_of(row.target_eid) not in linked_targets:
            added[article_of(row.target_eid)] = None
        if row.relation == PRUNED and (row.source_treaty, article_of(row.source_eid)) not in linked_sources:
            pruned[(row.source_treaty, article_of(row.source_eid))] = None
    return (
        links
        + [Row(relation=ADDED, target_eid=eid) for eid in added]
        + [Row(relation=PRUNED, source_treaty=t, source_eid=eid) for t, eid in pruned]
    )
