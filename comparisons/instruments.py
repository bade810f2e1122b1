"""The one bridge from provision rows to the engine's plain values."""

from __future__ import annotations

from collections.abc import Iterable

from treaties.models import Provision, Treaty

from .alignment import Instrument, ProvisionIn


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
