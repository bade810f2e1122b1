"""The current alignment (machine + curated) as JSON-ready data or CSV."""

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


def export_data(comparison: Comparison, level: str = "paragraph") -> dict[str, Any]:
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
            }
            for row in rows
            if row.is_link
        ],
        "added": [f"{target}/{row.target_eid}" for row in rows if row.relation == "added"],
        "pruned": [f"{row.source_treaty}/{row.source_eid}" for row in rows if row.relation == "pruned"],
    }


def export_csv(comparison: Comparison, level: str = "paragraph") -> str:
    data = export_data(comparison, level)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for link in data["links"]:
        writer.writerow(
            [
                link["target"],
                link["source"],
                link["relation"],
                link["score"],
                ";".join(link["features"]),
                link["origin"],
            ]
        )
    for ref in data["added"]:
        writer.writerow([ref, "", "added", "", "", "machine"])
    for ref in data["pruned"]:
        writer.writerow(["", ref, "pruned", "", "", "machine"])
    return out.getvalue()
