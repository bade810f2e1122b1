"""The current alignment (machine + curated) as JSON-ready data or CSV.

The default shape is the one documented for ``export_alignment``; ``with_evidence`` adds
each link's ``evidence`` (the kinds of evidence the engine linked it on; empty for a link
a curator made) as a JSON key and a last CSV column.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from .models import Comparison
from .overlay import Row, roll_up_to_articles

LEVELS = ("paragraph", "article")
CSV_COLUMNS = ("target", "source", "relation", "score", "features", "origin")


def alignment_rows(comparison: Comparison, level: str = "paragraph") -> list[Row]:
    if level not in LEVELS:
        raise ValueError(f"level must be one of {', '.join(LEVELS)}")
    run = comparison.latest_run()
    if run is None:
        return []
    rows = run.overlay().rows
    return roll_up_to_articles(rows) if level == "article" else rows


def export_data(comparison: Comparison, level: str = "paragraph", *, with_evidence: bool = False) -> dict[str, Any]:
    target = comparison.target.slug
    rows = alignment_rows(comparison, level)
    return {
        "target": target,
        "sources": comparison.source_slugs(),
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
        "added": [f"{target}/{row.target_eid}" for row in rows if row.relation == "added"],
        "pruned": [f"{row.source_treaty}/{row.source_eid}" for row in rows if row.relation == "pruned"],
    }


def export_csv(comparison: Comparison, level: str = "paragraph", *, with_evidence: bool = False) -> str:
    data = export_data(comparison, level, with_evidence=with_evidence)
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
        writer.writerow([ref, "", "added", "", "", "machine", *blank])
    for ref in data["pruned"]:
        writer.writerow(["", ref, "pruned", "", "", "machine", *blank])
    return out.getvalue()
