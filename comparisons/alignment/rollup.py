"""Article-level view of paragraph links.

Researchers read treaties by article, so for every (target article, source article)
pair with at least one paragraph link we report how many links are adopted or
modified and the share of the source article's words that survive unchanged in the
target article (for each source paragraph, its best-preserved link counts once; a
link keeps the words its raw word diff does not delete).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from .types import ADOPTED, ArticleRollup, Link, Unit


def _words(text: str) -> int:
    return len(text.split())


def article_rollup(
    links: Sequence[Link], target_units: Sequence[Unit], source_units: Sequence[Unit]
) -> tuple[ArticleRollup, ...]:
    by_ref = {u.ref: u for u in target_units}
    by_source_ref = {u.ref: u for u in source_units}
    article_words: dict[str, int] = defaultdict(int)
    for unit in source_units:
        article_words[f"{unit.instrument}/{unit.article_eid}"] += _words(unit.text)
    # (target article, source article) -> {source unit ref: best surviving words}
    surviving: dict[tuple[str, str], dict[str, int]] = defaultdict(dict)
    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    order: dict[tuple[str, str], tuple[int, int]] = {}
    for link in links:
        target, source = by_ref[link.target_ref], by_source_ref[link.source_ref]
        key = (f"{target.instrument}/{target.article_eid}", f"{source.instrument}/{source.article_eid}")
        kept = round(_words(source.text) * (1.0 - link.removed_share))
        best = surviving[key]
        best[source.ref] = max(best.get(source.ref, 0), kept)
        counts[key][0 if link.relation == ADOPTED else 1] += 1
        order.setdefault(key, (target.order, source.order))
    result = []
    for key in sorted(order, key=lambda k: order[k]):
        total = article_words[key[1]]
        share = sum(surviving[key].values()) / total if total else 0.0
        adopted, modified = counts[key]
        result.append(ArticleRollup(key[0], key[1], round(share, 3), adopted, modified))
    return tuple(result)
