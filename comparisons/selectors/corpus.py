"""The corpus index of every imported instrument, cached per process while no treaty changes."""

from __future__ import annotations

import threading

from treaties.models import Treaty

from ..alignment import Instrument
from ..corpus_index import CorpusIndex, TreatyKey, build_index
from .units import engine_instruments

_lock = threading.Lock()
_cached: CorpusIndex | None = None


def corpus_index() -> CorpusIndex:
    """The index of every imported instrument: one query while cached, two when the corpus changed."""
    global _cached
    keys = tuple(
        TreatyKey(slug, short_title or slug, f"{pk}:{checksum}:{updated.isoformat()}")
        for slug, short_title, pk, checksum, updated in Treaty.objects.order_by("slug").values_list(
            "slug", "short_title", "pk", "checksum", "updated_at"
        )
    )
    index = _cached
    if index is not None and index.keys == keys:
        return index
    with _lock:
        if _cached is not None and _cached.keys == keys:
            return _cached
        by_slug = engine_instruments()
        instruments = [by_slug.get(k.slug, Instrument(k.slug, ())) for k in keys]
        _cached = build_index(keys, instruments)
        return _cached
