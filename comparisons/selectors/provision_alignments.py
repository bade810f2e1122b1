"""How one provision is aligned in every comparison that reads its instrument.

A provision page shows, for each comparison in which its treaty is the target or a
source, the effective rows (machine output with curated decisions laid over it) of the
comparison units that overlap the provision: the paragraph it belongs to, or the
paragraphs it contains.  A fixed number of queries whatever the number of comparisons.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from treaties.citations import cite, cite_eid
from treaties.eids import overlapping
from treaties.models import Treaty

from ..models import AlignmentRun, Comparison, CuratedDecision, MachineLink
from ..overlay import Row


@dataclass(frozen=True)
class ProvisionEntry:
    """One effective row seen from the provision's side."""

    row: Row
    unit_eid: str  # the unit of the provision's own treaty this row is about
    other: str  # the citation of the provision on the other side, "" for added/pruned

    @property
    def own(self) -> str:
        """The unit's citation inside its treaty (``art. 12(1)``)."""
        return cite_eid(self.unit_eid)


@dataclass(frozen=True)
class ProvisionAlignment:
    comparison: Comparison
    role: str  # "target" or "source"
    run: AlignmentRun
    entries: list[ProvisionEntry]

    @property
    def several_units(self) -> bool:
        """Whether the provision spans several units (an article with paragraphs)."""
        return len({e.unit_eid for e in self.entries}) > 1


def alignments_of(treaty: Treaty, eid: str) -> list[ProvisionAlignment]:
    """Every comparison's effective rows for the units overlapping ``treaty``'s provision ``eid``."""
    comparisons = list(
        Comparison.objects.with_instruments().filter(Q(target=treaty) | Q(sources=treaty)).distinct().order_by("slug")
    )
    latest = AlignmentRun.objects.latest_of(comparisons, with_items=False)
    units: dict[int, tuple[str, list[str]]] = {}
    for comparison in comparisons:
        run = latest.get(comparison.pk)
        if run is None:
            continue
        if comparison.target_id == treaty.pk:
            units[comparison.pk] = ("target", overlapping(run.target_units, eid))
        else:
            units[comparison.pk] = ("source", overlapping([e for s, e in run.source_units if s == treaty.slug], eid))
    eids = sorted({u for _role, found in units.values() for u in found})
    if not eids:
        return []
    touching = Q(target_eid__in=eids) | Q(source_treaty=treaty.slug, source_eid__in=eids)
    machine: dict[int, list[MachineLink]] = {}
    for link in MachineLink.objects.filter(touching, run__in=latest.values()):
        machine.setdefault(link.run_id, []).append(link)
    decisions: dict[int, list[CuratedDecision]] = {}
    for decision in CuratedDecision.objects.filter(touching, comparison__in=list(units)):  # oldest first
        decisions.setdefault(decision.comparison_id, []).append(decision)

    result = []
    for comparison in comparisons:
        if comparison.pk not in units:
            continue
        role, own = units[comparison.pk]
        run = latest[comparison.pk]
        overlay = run.overlay(machine.get(run.pk, []), decisions.get(comparison.pk, []))
        labels = {t.slug: t.label for t in [comparison.target, *comparison.sources.all()]}
        entries = []
        for unit in own:
            for row in overlay.rows:
                if role == "target" and row.target_eid == unit:
                    other = cite(labels[row.source_treaty], row.source_eid) if row.source_eid else ""
                elif role == "source" and row.source_key == (treaty.slug, unit):
                    other = cite(labels[comparison.target.slug], row.target_eid) if row.target_eid else ""
                else:
                    continue
                entries.append(ProvisionEntry(row, unit, other))
        result.append(ProvisionAlignment(comparison, role, run, entries))
    return result
