"""The current alignment (machine + curated) as JSON-ready data or CSV.

Pure formatting of effective rows (read them with :func:`comparisons.selectors.effective_rows`).
The default shape is the one documented for ``export_alignment``; ``with_evidence`` adds
each link's ``evidence`` (the kinds of evidence the engine linked it on; empty for a link
a curator made) as a JSON key and a CSV column.  ``candidates`` (the open candidates the
engine offers added and pruned units) adds them apart from the links: a JSON ``candidates``
list whose entries say ``"candidate": true``, and CSV rows with no relation marked in a last
``candidate`` column (``possible_source`` of an added target unit, ``possible_target`` of a
pruned source unit; empty on every other row).  Never as links.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

from .alignment import ADDED, PRUNED
from .overlay import CandidateRow, Row

CSV_COLUMNS = ("target", "source", "relation", "score", "features", "origin")
#: The ``candidate`` column's value: what the candidate is to the unit it is offered for.
CANDIDATE_MARKS = {"target": "possible_source", "source": "possible_target"}


def export_data(
    rows: Sequence[Row],
    *,
    target: str,
    sources: Sequence[str],
    level: str,
    with_evidence: bool = False,
    candidates: Sequence[CandidateRow] | None = None,
) -> dict[str, Any]:
    data = {
        "target": target,
        "sources": list(sources),
        "unit_level": level,
        "links": [
            {
                "target": f"{target}/{row.target_eid}",
                "source": f"{row.source_treaty}/{row.source_eid}",
                "relation": row.relation,
                "score": row.score,
                "features": list(row.features),
                "origin": row.origin,
                **({"evidence": list(row.evidence)} if with_evidence else {}),
            }
            for row in rows
            if row.is_link
        ],
        "added": [f"{target}/{row.target_eid}" for row in rows if row.relation == ADDED],
        "pruned": [f"{row.source_treaty}/{row.source_eid}" for row in rows if row.relation == PRUNED],
    }
    if candidates is not None:
        data["candidates"] = [
            {
                "candidate": True,
                "offered_for": c.side,
                "target": f"{target}/{c.target_eid}",
                "source": c.source_ref,
                "rank": c.rank,
                "score": c.score,
                "evidence": list(c.evidence),
                "meaning": c.meaning,
                "shared_words": list(c.shared_words),
            }
            for c in candidates
        ]
    return data


def export_csv(data: dict[str, Any], *, with_evidence: bool = False) -> str:
    """The CSV of :func:`export_data`'s result (made with the same ``with_evidence``; a result with
    ``candidates`` gets the ``candidate`` column and their rows)."""
    with_candidates = "candidates" in data
    extra = ("evidence",) * with_evidence + ("candidate",) * with_candidates
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS + extra)
    for link in data["links"]:
        writer.writerow(
            [
                link["target"],
                link["source"],
                link["relation"],
                link["score"],
                ";".join(link["features"]),
                link["origin"],
                *([";".join(link["evidence"])] if with_evidence else []),
                *([""] if with_candidates else []),
            ]
        )
    blank = [""] * len(extra)
    for ref in data["added"]:
        writer.writerow([ref, "", ADDED, "", "", "machine", *blank])
    for ref in data["pruned"]:
        writer.writerow(["", ref, PRUNED, "", "", "machine", *blank])
    for candidate in data.get("candidates", ()):
        evidence = [";".join(candidate["evidence"])] if with_evidence else []
        mark = CANDIDATE_MARKS[candidate["offered_for"]]
        writer.writerow(
            [candidate["target"], candidate["source"], "", candidate["score"], "", "machine", *evidence, mark]
        )
    return out.getvalue()
