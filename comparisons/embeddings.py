"""Stored unit embeddings: encode each unit text once, reuse the vector on every run."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from treaties.models import Treaty

from . import alignment
from .models import UnitEmbedding

log = logging.getLogger(__name__)


def unit_embeddings(units: Sequence[tuple[Treaty, alignment.Unit]]) -> tuple[dict[str, list[float]] | None, str]:
    """Vectors for ``units`` keyed by unit ref, encoding only new or edited texts.

    Returns ``(None, reason)`` when the optional embedding packages are not installed:
    the engine then aligns on wording alone.
    """
    from . import semantic

    treaties = {treaty.pk: treaty for treaty, _ in units}
    stored = {
        (row.treaty_id, row.eid): row
        for row in UnitEmbedding.objects.filter(treaty_id__in=treaties, model_name=semantic.MODEL_NAME)
    }
    stale = [
        (treaty, unit)
        for treaty, unit in units
        if (row := stored.get((treaty.pk, unit.eid))) is None or row.text_hash != semantic.text_hash(unit.text)
    ]
    if stale:
        try:
            vectors = semantic.encode_units([unit.text for _, unit in stale])
        except semantic.SemanticUnavailable as error:
            log.warning("aligning without embeddings: %s", error)
            return None, str(error)
        fresh = [
            UnitEmbedding(
                treaty=treaty,
                eid=unit.eid,
                model_name=semantic.MODEL_NAME,
                text_hash=semantic.text_hash(unit.text),
                vector=vector,
            )
            for (treaty, unit), vector in zip(stale, vectors, strict=True)
        ]
        UnitEmbedding.objects.bulk_create(
            fresh,
            update_conflicts=True,
            unique_fields=["treaty", "eid", "model_name"],
            update_fields=["text_hash", "vector", "updated_at"],
        )
        for row in fresh:
            stored[(row.treaty.pk, row.eid)] = row
    return {unit.ref: stored[(treaty.pk, unit.eid)].vector for treaty, unit in units}, semantic.MODEL_NAME
