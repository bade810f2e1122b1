"""The current alignment (machine + curated) as JSON-ready data or CSV.

Pure formatting of effective rows (read them with :func:`comparisons.selectors.effective_rows`).
The default shape is the one documented for ``export_alignment``; ``with_evidence`` adds
each link's ``evidence`` (the kinds of evidence the engine linked it on; empty for a link
a curator made) as a JSON key and a last CSV column.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

from .alignment import ADDED, PRUNED
from .overlay import Row

CSV_COLUMNS = ("target", "source", "relation", "score", "features", "origin")


def export_data(
    rows: Sequence[Row], *, target: str, sources: Sequence[str], level: str, with_evidence: bool = False
) -> dict[str, Any]:
    return {
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


def export_csv(data: dict[str, Any], *, with_evidence: bool = False) -> str:
    """The CSV of :func:`export_data`'s result (made with the same ``with_evidence``)."""
    extra = ("evidence",) if with_evidence else ()
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
            ]
        )
    blank = [""] * len(extra)
    for ref in data["added"]:
        writer.writerow([ref, "", ADDED, "", "", "machine", *blank])
    for ref in data["pruned"]:
        writer.writerow(["", ref, PRUNED, "", "", "machine", *blank])
    return out.getvalue()
