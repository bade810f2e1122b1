"""The alignment export's data, as the API and ``manage.py export_alignment`` give it."""

from __future__ import annotations

from typing import Any

from ..exports import export_data
from ..models import Comparison
from .candidates import offered_candidates
from .runs import effective_rows


def alignment_export(
    comparison: Comparison, level: str, *, with_evidence: bool = False, with_candidates: bool = False
) -> dict[str, Any]:
    """The current alignment of ``comparison`` (curated decisions included) per ``level``, for
    :func:`comparisons.exports.export_csv` or JSON; ``with_candidates`` adds the engine's candidates."""
    rows = effective_rows(comparison, level)
    return export_data(
        rows,
        target=comparison.target.slug,
        sources=comparison.source_slugs(),
        level=level,
        with_evidence=with_evidence,
        candidates=offered_candidates(comparison, rows) if with_candidates else None,
    )
