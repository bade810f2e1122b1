"""Cut an instrument into units of comparison.

Treaties are compared paragraph by paragraph because that is where drafters copy:
a numbered paragraph (with its subparagraphs and points) is one unit; an article
without numbered paragraphs is one unit; the preamble is one unit.  Chapters are
containers and the testimonium is signature formality, so neither is a unit.

When an article has numbered paragraphs, any text of the article itself (rare: a
chapeau above paragraph 1) is prepended to its first paragraph so no words are lost.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping

from .types import Instrument, ProvisionIn, Unit


def ref(slug: str, eid: str) -> str:
    """The citation of a provision: ``"<slug>/<eId>"``."""
    return f"{slug}/{eid}"


def children_of(instrument: Instrument) -> dict[str | None, list[ProvisionIn]]:
    """Each provision's children in document order, keyed by the parent's eId (None: top level)."""
    children: dict[str | None, list[ProvisionIn]] = defaultdict(list)
    for provision in instrument.provisions:
        children[provision.parent_eid].append(provision)
    return children


def descendants_text(root: ProvisionIn, children: Mapping[str | None, list[ProvisionIn]]) -> list[str]:
    """The non-blank texts of ``root`` and all its descendants, in document order."""
    parts: list[str] = []
    stack = [root]
    while stack:
        node = stack.pop()
        if node.text.strip():
            parts.append(node.text.strip())
        stack.extend(reversed(children.get(node.eid, [])))
    return parts


def build_units(instrument: Instrument) -> tuple[Unit, ...]:
    """Units of ``instrument`` in document order."""
    children = children_of(instrument)
    units: list[Unit] = []

    def add(root: ProvisionIn, article: ProvisionIn | None, prefix: str = "") -> None:
        parts = descendants_text(root, children)
        if prefix:
            parts.insert(0, prefix)
        units.append(
            Unit(
                ref=ref(instrument.slug, root.eid),
                instrument=instrument.slug,
                eid=root.eid,
                article_eid=(article or root).eid,
                kind=root.kind,
                heading=(article or root).heading,
                text="\n".join(parts),
                order=len(units),
            )
        )

    for provision in instrument.provisions:
        if provision.kind == "preamble":
            add(provision, None)
        elif provision.kind == "article":
            paragraphs = [c for c in children.get(provision.eid, []) if c.kind == "paragraph"]
            if not paragraphs:
                add(provision, None)
                continue
            # Unnumbered text directly in the article (and non-paragraph children) goes with paragraph 1.
            prefix_parts = [provision.text.strip()] if provision.text.strip() else []
            for child in children.get(provision.eid, []):
                if child.kind != "paragraph":
                    prefix_parts.extend(descendants_text(child, children))
            for index, paragraph in enumerate(paragraphs):
                add(paragraph, provision, "\n".join(prefix_parts) if index == 0 else "")
    return tuple(units)
