"""Stored unit embeddings: encode each unit text once, reuse the vector on every run and page."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from treaties.models import Treaty

from .. import alignment
from ..corpus_index import CorpusIndex
from ..models import UnitEmbedding
from . import model as semantic

log = logging.getLogger(__name__)


#: Article headings are stored beside the units, under the article's eId plus this suffix.
HEADING_SUFFIX = "#heading"


@dataclass(frozen=True)
class AlignmentVectors:
    """What the engine takes: unit ref -> vector, and article heading text -> vector."""

    units: dict[str, list[float]]
    headings: dict[str, list[float]]


def alignment_vectors(units: Sequence[tuple[Treaty, alignment.Unit]]) -> tuple[AlignmentVectors | None, str]:
    """Vectors for ``units`` and their articles' headings, encoding only new or edited texts.

    Returns ``(None, reason)`` when the optional embedding packages are not installed:
    the engine then aligns on wording alone.
    """
    wanted: dict[tuple[int, str], tuple[Treaty, str]] = {}
    for treaty, unit in units:
        wanted[(treaty.pk, unit.eid)] = (treaty, unit.text)
        if heading := alignment.heading_text(unit):
            wanted.setdefault((treaty.pk, unit.article_eid + HEADING_SUFFIX), (treaty, heading))
    stored = {
        (row.treaty_id, row.eid): row
        for row in UnitEmbedding.objects.filter(
            treaty_id__in={treaty.pk for treaty, _ in units}, model_name=semantic.MODEL_NAME
        )
    }
    stale = [
        (key, treaty, text)
        for key, (treaty, text) in wanted.items()
        if (row := stored.get(key)) is None or row.text_hash != semantic.text_hash(text)
    ]
    if stale:
        try:
            vectors = semantic.encode_units([text for _, _, text in stale])
        except semantic.SemanticUnavailable as error:
            log.warning("aligning without embeddings: %s", error)
            return None, str(error)
        fresh = [
            UnitEmbedding(
                treaty=treaty,
                eid=eid,
                model_name=semantic.MODEL_NAME,
                text_hash=semantic.text_hash(text),
                vector=vector,
            )
            for ((_, eid), treaty, text), vector in zip(stale, vectors, strict=True)
        ]
        UnitEmbedding.objects.bulk_create(
            fresh,
            update_conflicts=True,
            unique_fields=["treaty", "eid", "model_name"],
            update_fields=["text_hash", "vector", "updated_at"],
        )
        for row in fresh:
            stored[(row.treaty.pk, row.eid)] = row
    return (
        AlignmentVectors(
            units={unit.ref: stored[(treaty.pk, unit.eid)].vector for treaty, unit in units},
            headings={
                text: stored[key].vector for key, (_treaty, text) in wanted.items() if key[1].endswith(HEADING_SUFFIX)
            },
        ),
        semantic.MODEL_NAME,
    )


def nearest_in_meaning(
    unit: alignment.Unit, candidates: Sequence[alignment.Unit], *, limit: int = 5
) -> list[tuple[alignment.Unit, float]]:
    """The ``candidates`` closest in meaning to ``unit``, best first, with cosine x 100.

    Reads the vectors earlier alignments stored (one query) and never encodes: a page must
    not wait for the model. A candidate whose text changed since its vector was stored is
    left out, and so is everything when ``unit`` has no current vector.
    """
    wanted = {unit.instrument, *(c.instrument for c in candidates)}
    rows = UnitEmbedding.objects.filter(model_name=semantic.MODEL_NAME, treaty__slug__in=wanted).values_list(
        "treaty__slug", "eid", "text_hash", "vector"
    )
    vectors = {(slug, eid): (text_hash, vector) for slug, eid, text_hash, vector in rows}

    def current(u: alignment.Unit) -> list[float] | None:
        stored = vectors.get((u.instrument, u.eid))
        return stored[1] if stored and stored[0] == semantic.text_hash(u.text) else None

    anchor = current(unit)
    if anchor is None:
        return []
    found = [(c, v) for c in candidates if c.ref != unit.ref and (v := current(c)) is not None]
    if not found:
        return []
    cosine = alignment.semantic_similarity([anchor], [v for _, v in found])[0]
    ranked = sorted(range(len(found)), key=lambda i: (-cosine[i], found[i][0].ref))[:limit]
    return [(found[i][0], round(float(cosine[i]), 1)) for i in ranked]


def suggestions_by_meaning(
    index: CorpusIndex, unit: alignment.Unit, instruments: Iterable[str], *, shown: Iterable[str], limit: int
) -> list[dict[str, Any]]:
    """Units of ``instruments`` (other than ``unit``'s own) closest in meaning to ``unit``, for a page.

    ``shown`` names refs already listed (by wording), which are left out. Each suggestion
    is ``{"unit", "citation", "label", "score"}`` with the cosine x 100 as score.
    """
    skip = set(shown)
    candidates = [
        u
        for u in index.units_of(instruments)
        if u.instrument != unit.instrument and u.ref not in skip and u.text.strip()
    ]
    return [
        {"unit": u, "citation": index.citation(u), "label": index.labels.get(u.instrument), "score": cosine}
        for u, cosine in nearest_in_meaning(unit, candidates, limit=limit)
    ]
