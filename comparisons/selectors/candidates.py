"""The candidates a run offers curators, less those a curator has already decided on."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from treaties.eids import article_of

from ..alignment import ADDED, PRUNED
from ..models import AlignmentRun, Comparison, MachineCandidate
from ..overlay import CandidateRow, Row, open_candidates
from .runs import effective_rows

UnitKey = tuple[str, str, str]
PairKey = tuple[str, str, str]


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


def offered_candidates(comparison: Comparison, rows: Sequence[Row]) -> list[CandidateRow]:
    """The open candidates of the latest run for the units that ``rows`` (the comparison's effective
    paragraph rows) still show as added or pruned, in the run's order: what exports list."""
    run = comparison.latest_run()
    if run is None:
        return []
    unlinked = {row.key for row in rows if row.relation in (ADDED, PRUNED)}
    return [c for key, found in candidates_of(run).items() if key in unlinked for c in found]


@dataclass(frozen=True, slots=True)
class CandidateFilter:
    """Which open candidates a review lists; empty values mean "no restriction"."""

    #: "target": offered for an added target unit; "source": for a pruned source unit.
    side: str = ""
    #: The target unit's article (eId).
    article: str = ""
    #: The source unit's instrument (slug).
    instrument: str = ""
    #: The source unit's article: ``"<slug>/<article eId>"``.
    source_article: str = ""

    def keeps(self, candidate: CandidateRow) -> bool:
        return (
            (not self.side or candidate.side == self.side)
            and (not self.article or article_of(candidate.target_eid) == self.article)
            and (not self.instrument or candidate.source_treaty == self.instrument)
            and (
                not self.source_article
                or f"{candidate.source_treaty}/{article_of(candidate.source_eid)}" == self.source_article
            )
        )

    @property
    def restricts(self) -> bool:
        return any((self.side, self.article, self.instrument, self.source_article))


@dataclass(frozen=True, slots=True)
class CandidateReview:
    """The open candidates of a comparison as its review page lists them."""

    #: Each open pair the filter keeps once (on the side asked for), best first: see :func:`best_first`.
    pairs: list[CandidateRow]
    #: Which sides offer each open pair ("target": its target unit is added; "source": its source unit is pruned).
    sides: dict[PairKey, set[str]]
    #: How many added or pruned units have open candidates.
    unlinked_units: int


def candidate_review(comparison: Comparison, keep: CandidateFilter = CandidateFilter()) -> CandidateReview:
    """The open candidates of the comparison's effective rows, those ``keep`` keeps listed (the
    counts are of every open candidate)."""
    offered = offered_candidates(comparison, effective_rows(comparison))
    sides: dict[PairKey, set[str]] = defaultdict(set)
    for candidate in offered:
        sides[candidate.key].add(candidate.side)
    return CandidateReview(
        pairs=best_first([c for c in offered if keep.keeps(c)]),
        sides=dict(sides),
        unlinked_units=len({c.unit_key for c in offered}),
    )


def best_first(candidates: Sequence[CandidateRow]) -> list[CandidateRow]:
    """Each pair once, highest combined score first, then closest in meaning; ties keep the given
    order (the run's: document order).  A pair offered both for its added target unit and for its
    pruned source unit is one pair to decide on."""
    first: dict[PairKey, CandidateRow] = {}
    for candidate in sorted(candidates, key=lambda c: (-c.score, -(c.meaning or 0.0))):
        first.setdefault(candidate.key, candidate)
    return list(first.values())
