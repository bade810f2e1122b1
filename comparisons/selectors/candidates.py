"""The candidates a run offers curators, less those a curator has already decided on."""

from __future__ import annotations

from ..models import AlignmentRun, MachineCandidate
from ..overlay import CandidateRow, open_candidates

UnitKey = tuple[str, str, str]


def candidates_of(run: AlignmentRun, unit: UnitKey | None = None) -> dict[UnitKey, list[CandidateRow]]:
    """The run's open candidates by the row key of the added or pruned unit they are offered for
    (``(target eId, "", "")`` or ``("", source slug, source eId)``), best first: two queries,
    one if the comparison's decisions are prefetched (as :meth:`AlignmentRun.overlay` can share them).

    ``unit`` restricts them to one unit.  Whether the unit is still added or pruned once
    curated decisions are laid over the run is for the caller to check.
    """
    rows = run.candidates.all()
    if unit is not None:
        target_eid, source_treaty, source_eid = unit
        if target_eid:
            rows = rows.filter(side=MachineCandidate.Side.TARGET, target_eid=target_eid)
        else:
            rows = rows.filter(side=MachineCandidate.Side.SOURCE, source_treaty=source_treaty, source_eid=source_eid)
    decided = [d.as_decision().key for d in run.comparison.decisions.all()]
    return open_candidates([c.as_candidate() for c in rows], decided)
