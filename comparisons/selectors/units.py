"""Provision rows as the engine's plain values: the one bridge from the ORM to engine input."""

from __future__ import annotations

from collections.abc import Iterable

from treaties.models import Provision, Treaty

from ..alignment import Instrument, ProvisionIn, Unit, build_units
from ..models import Comparison
from ..scope import keeps


def engine_instruments(treaties: Iterable[Treaty] | None = None) -> dict[str, Instrument]:
    """The treaties' provisions (every treaty's when None) as engine values, in one query, keyed by slug."""
    rows = Provision.objects.order_by("treaty__slug", "position")
    provisions: dict[str, list[ProvisionIn]] = {}
    if treaties is not None:
        chosen = list(treaties)
        rows = rows.filter(treaty__in=chosen)
        provisions = {t.slug: [] for t in chosen}
    for slug, *values in rows.values_list("treaty__slug", "eid", "kind", "parent__eid", "number", "heading", "text"):
        provisions.setdefault(slug, []).append(ProvisionIn(*values))
    return {slug: Instrument(slug, tuple(items)) for slug, items in provisions.items()}


def comparison_instruments(comparison: Comparison, slugs: Iterable[str] | None = None) -> dict[str, Instrument]:
    """The target's and sources' provisions as the comparison reads them (only the articles in its
    scope, for a scoped comparison), keyed by slug: one query, ``slugs`` to restrict them."""
    wanted = None if slugs is None else set(slugs)
    treaties = [t for t in comparison.instruments() if wanted is None or t.slug in wanted]
    instruments = engine_instruments(treaties)
    for slug, instrument in instruments.items():
        articles = comparison.article_scope(slug)
        if articles is not None:
            kept = [p for p in instrument.provisions if keeps(p.eid, articles)]
            chapters = {p.parent_eid for p in kept if p.kind == "article"}  # containers the pages group by
            instruments[slug] = Instrument(
                slug, tuple(p for p in instrument.provisions if p.eid in chapters or keeps(p.eid, articles))
            )
    return instruments


def comparison_units(comparison: Comparison, slugs: Iterable[str] | None = None) -> dict[tuple[str, str], Unit]:
    """Comparison units (a unit's text includes its descendants) of the target and sources in the
    comparison's scope, keyed by ``(treaty slug, eId)``: one query, ``slugs`` to restrict them."""
    return {
        (unit.instrument, unit.eid): unit
        for instrument in comparison_instruments(comparison, slugs).values()
        for unit in build_units(instrument)
    }
