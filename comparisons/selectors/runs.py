"""Reads of a comparison's alignment: the effective rows, one pair's row and its history."""

from __future__ import annotations

from ..models import AlignmentRun, Comparison, CuratedDecision, MachineLink
from ..overlay import REJECT, PairFields, Row, roll_up_to_articles

LEVELS = ("paragraph", "article")


def effective_rows(comparison: Comparison, level: str = "paragraph") -> list[Row]:
    """The latest run's rows with every curated decision laid over them (none before any run),
    per paragraph or rolled up to articles."""
    if level not in LEVELS:
        raise ValueError(f"level must be one of {', '.join(LEVELS)}")
    run = comparison.latest_run()
    if run is None:
        return []
    rows = run.overlay().rows
    return roll_up_to_articles(rows) if level == "article" else rows


def pair_row(run: AlignmentRun, target_eid: str, source_treaty: str, source_eid: str) -> Row | None:
    """The effective row of one pair (a link, an added or a pruned unit) in ``run``.

    Two units of the run that are not linked give a row without relation, marked "curated"
    when a curator's newest decision on them was a rejection; anything else is None.
    """
    pair = PairFields(target_eid=target_eid, source_treaty=source_treaty, source_eid=source_eid)
    key = (target_eid, source_treaty, source_eid)
    for row in run.overlay().rows:
        if row.key == key:
            return row
    if target_eid not in run.target_units or [source_treaty, source_eid] not in run.source_units:
        return None
    newest = run.comparison.decisions.filter(**pair).order_by("-created_at", "-pk").values_list("action", flat=True)
    return Row(relation="", **pair, origin="curated" if newest.first() == REJECT else "machine")


def current_pair_row(comparison: Comparison, target_eid: str, source_ref: str) -> Row:
    """The pair as it stands after the newest decisions (a bare row before any run or for an unknown pair)."""
    source_treaty, _, source_eid = source_ref.partition("/")
    run = comparison.latest_run()
    row = pair_row(run, target_eid, source_treaty, source_eid) if run is not None else None
    return row or Row(relation="", target_eid=target_eid, source_treaty=source_treaty, source_eid=source_eid)


def pair_history(
    comparison: Comparison, *, target_eid: str = "", source_treaty: str = "", source_eid: str = ""
) -> tuple[list[CuratedDecision], list[MachineLink]]:
    """Curated decisions (newest first) and machine rows of every run (newest run first) for one pair.

    For one side alone (an added target unit, a pruned source unit) the decisions are those on any
    pair that side is part of, and the machine rows those where the unit was added or pruned.
    """
    decisions = comparison.decisions.select_related("user").order_by("-created_at", "-pk")
    if target_eid:
        decisions = decisions.filter(target_eid=target_eid)
    if source_eid:
        decisions = decisions.filter(source_treaty=source_treaty, source_eid=source_eid)
    machine = (
        MachineLink.objects.filter(
            run__comparison=comparison, target_eid=target_eid, source_treaty=source_treaty, source_eid=source_eid
        )
        .select_related("run")
        .order_by("-run__started_at")
    )
    return list(decisions), list(machine)
