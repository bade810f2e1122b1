"""Display rows of the side-by-side page, built from overlay rows and unit texts.

Pure Python on plain values (overlay ``Row`` and engine ``Unit``), tested without a database.

Layout rule
-----------
Rows follow the **target's document order**: one display row per target unit, showing the
source units it derives from (linked rows) or none (added rows).

Pruned source units are shown as rows of their own, placed where they sit in *their* source:

1. after the last target row that links to the nearest **preceding** linked unit of the same
   source (so a run of dropped paragraphs follows what the target took from just before them);
2. if no unit of that source before it is linked, before the first target row that links to
   the nearest **following** linked unit of the same source;
3. if nothing in that source is linked at all, at the end, in a group of its own per source.

Pruned rows placed at the same spot are ordered by source instrument, then by document order.
A pruned row belongs to the article group of the target row it is placed next to.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from treaties.citations import cite, cite_eid

from .alignment.link import CLOSE_COPY
from .alignment.types import Unit
from .overlay import Row, article_of

FEATURE_LABELS = {
    "obligation_softened": "obligation softened",
    "obligation_strengthened": "obligation strengthened",
    "domestic_law_qualifier_added": "domestic-law qualifier added",
    "domestic_law_qualifier_removed": "domestic-law qualifier removed",
    "discretion_qualifier_added": "discretion qualifier added",
    "discretion_qualifier_removed": "discretion qualifier removed",
    "text_added": "text added",
    "text_removed": "text removed",
}

#: The evidence kinds of :data:`~comparisons.alignment.link.EVIDENCE_KINDS`, named as on
#: the method page (whose definitions carry the ids ``evidence-<kind>``).
EVIDENCE_LABELS = {
    CLOSE_COPY: "close copy",
    "merge_or_split": "merge or split",
    "copied_clause": "copied clause",
    "mutual_best": "each other’s best",
    "meaning": "meaning",
    "structure": "structure",
    "corresponding_articles": "corresponding articles",
}


def feature_label(feature: str) -> str:
    return FEATURE_LABELS.get(feature, feature.replace("_", " "))


def article_title(article_eid: str, heading: str = "") -> str:
    """``art_5`` + heading -> ``Article 5 — heading``; ``preamble`` -> ``Preamble``."""
    if article_eid.startswith("art_"):
        title = "Article " + article_eid.removeprefix("art_")
    else:
        title = article_eid.replace("_", " ").capitalize()
    return f"{title} — {heading}" if heading and heading.lower() != title.lower() else title


@dataclass(frozen=True, slots=True)
class Instrument:
    slug: str
    label: str
    colour: int = 0  # index into the page's palette of source colours


@dataclass(frozen=True, slots=True)
class UnitView:
    """One unit's text with what a reader needs to cite it."""

    instrument: Instrument
    eid: str
    text: str
    heading: str = ""

    @property
    def citation(self) -> str:
        return cite(self.instrument.label, self.eid)

    @property
    def short_citation(self) -> str:
        return cite_eid(self.eid)

    @property
    def ref(self) -> str:
        return f"{self.instrument.slug}/{self.eid}"


@dataclass(frozen=True, slots=True)
class Entry:
    """One overlay row as shown in the source column: its source unit (none for added rows)."""

    row: Row
    source: UnitView | None

    @property
    def feature_labels(self) -> list[str]:
        return [feature_label(f) for f in self.row.features]

    @property
    def evidence_labels(self) -> list[tuple[str, str]]:
        """(kind, label) of each kind of evidence the engine linked the pair on."""
        return [(kind, EVIDENCE_LABELS.get(kind, kind.replace("_", " "))) for kind in self.row.evidence]

    @property
    def weak_evidence_labels(self) -> list[tuple[str, str]]:
        """:attr:`evidence_labels`, for a link that is not a close copy (the ones worth a second look)."""
        return [] if CLOSE_COPY in self.row.evidence else self.evidence_labels

    @property
    def query(self) -> str:
        """Query string of the pair detail URL."""
        return self.row.pair_query


@dataclass(slots=True)
class DisplayRow:
    dom_id: str
    target: UnitView | None  # None for a pruned row
    entries: list[Entry]

    @property
    def kind(self) -> str:
        """``linked``, ``added`` or ``pruned``."""
        relation = self.entries[0].row.relation
        return relation if relation in ("added", "pruned") else "linked"


@dataclass(slots=True)
class ArticleGroup:
    article_eid: str
    title: str
    rows: list[DisplayRow] = field(default_factory=list)

    @property
    def dom_id(self) -> str:
        return f"article-{self.article_eid}"

    @property
    def short_title(self) -> str:
        """``5`` for article 5, else the title up to its dash (for compact "jump to" links)."""
        if self.article_eid.startswith("art_"):
            return self.article_eid.removeprefix("art_")
        return self.title.split(" — ", 1)[0]


@dataclass(frozen=True, slots=True)
class RowFilter:
    """What the reader asked to see; empty values mean "no restriction"."""

    relations: frozenset[str] = frozenset()
    features: frozenset[str] = frozenset()
    #: Kinds of evidence (any of them): links the engine found on those rules.
    evidence: frozenset[str] = frozenset()
    article: str = ""
    instrument: str = ""
    source_article: str = ""  # "<slug>/<article eId>"
    curated: bool | None = None

    def keeps(self, row: Row) -> bool:
        if self.relations and row.relation not in self.relations:
            return False
        if self.features and not self.features.intersection(row.features):
            return False
        if self.evidence and not self.evidence.intersection(row.evidence):
            return False
        if self.instrument and row.source_treaty != self.instrument:
            return False
        if self.source_article and (
            not row.source_eid or f"{row.source_treaty}/{article_of(row.source_eid)}" != self.source_article
        ):
            return False
        return self.curated is None or (row.origin == "curated") == self.curated


@dataclass(slots=True)
class Table:
    groups: list[ArticleGroup]
    total: int  # display rows before filtering
    shown: int  # display rows after filtering

    @property
    def filtered(self) -> bool:
        return self.shown != self.total


def build_table(
    rows: Sequence[Row],
    *,
    target: Instrument,
    sources: Sequence[Instrument],
    units: Mapping[tuple[str, str], Unit],
    target_order: Sequence[str],
    source_order: Sequence[tuple[str, str]],
    keep: RowFilter | None = None,
) -> Table:
    """Article groups of display rows in target order, pruned rows interleaved (see module doc)."""
    keep = keep or RowFilter()
    instruments = {i.slug: i for i in (target, *sources)}

    def view(slug: str, eid: str) -> UnitView:
        unit = units.get((slug, eid))
        return UnitView(
            instrument=instruments.get(slug) or Instrument(slug, slug),
            eid=eid,
            text=unit.text if unit else "",
            heading=unit.heading if unit else "",
        )

    links: dict[str, list[Row]] = {}
    added: dict[str, Row] = {}
    pruned: list[Row] = []
    for row in rows:
        if row.is_link:
            links.setdefault(row.target_eid, []).append(row)
        elif row.relation == "added":
            added[row.target_eid] = row
        elif row.relation == "pruned":
            pruned.append(row)

    # Target rows in document order.
    target_rows: list[DisplayRow] = []
    for eid in target_order:
        if eid in links:
            entries = [Entry(r, view(r.source_treaty, r.source_eid)) for r in links[eid]]
        elif eid in added:
            entries = [Entry(added[eid], None)]
        else:
            continue
        target_rows.append(DisplayRow(dom_id=f"pair-{eid}", target=view(target.slug, eid), entries=entries))
    index_of_target = {r.target.eid: i for i, r in enumerate(target_rows) if r.target}

    # Where each source unit is linked: first and last target row index.
    linked_at: dict[tuple[str, str], tuple[int, int]] = {}
    for eid, link_rows in links.items():
        i = index_of_target[eid]
        for r in link_rows:
            first, last = linked_at.get(r.source_key, (i, i))
            linked_at[r.source_key] = (min(first, i), max(last, i))

    source_rank = {key: n for n, key in enumerate(source_order)}
    by_source: dict[str, list[tuple[str, str]]] = {}
    for key in source_order:
        by_source.setdefault(key[0], []).append(key)

    before: dict[int, list[Row]] = {}
    after: dict[int, list[Row]] = {}
    unplaced: dict[str, list[Row]] = {}
    pruned_keys = {r.source_key: r for r in pruned}
    for slug, keys in by_source.items():
        previous: int | None = None  # target row index after which the next pruned unit goes
        pending: list[Row] = []  # pruned units before the first linked unit of this source
        for key in keys:
            if key in linked_at:
                first, last = linked_at[key]
                if pending:
                    before.setdefault(first, []).extend(pending)
                    pending = []
                previous = last
            elif key in pruned_keys:
                if previous is None:
                    pending.append(pruned_keys[key])
                else:
                    after.setdefault(previous, []).append(pruned_keys[key])
        if pending:
            unplaced.setdefault(slug, []).extend(pending)
    # Pruned units the run's order does not know (should not happen) are not hidden either.
    for row in pruned:
        if row.source_key not in source_rank:
            unplaced.setdefault(row.source_treaty, []).append(row)

    def pruned_row(row: Row) -> DisplayRow:
        return DisplayRow(
            dom_id=f"pruned-{row.source_treaty}-{row.source_eid}",
            target=None,
            entries=[Entry(row, view(row.source_treaty, row.source_eid))],
        )

    def ordered(found: list[Row]) -> list[Row]:
        return sorted(found, key=lambda r: source_rank.get(r.source_key, len(source_rank)))

    groups: dict[str, ArticleGroup] = {}
    for i, display in enumerate(target_rows):
        assert display.target is not None
        article = article_of(display.target.eid)
        group = groups.get(article)
        if group is None:
            group = groups[article] = ArticleGroup(article, article_title(article, display.target.heading))
        group.rows.extend(pruned_row(r) for r in ordered(before.get(i, [])))
        group.rows.append(display)
        group.rows.extend(pruned_row(r) for r in ordered(after.get(i, [])))
    for slug, found in unplaced.items():
        label = instruments[slug].label if slug in instruments else slug
        group_eid = f"unplaced-{slug}"
        title = f"{label}: provisions with no linked neighbour"
        groups[group_eid] = ArticleGroup(group_eid, title, [pruned_row(r) for r in found])

    total = sum(len(g.rows) for g in groups.values())
    shown_groups: list[ArticleGroup] = []
    for group in groups.values():
        if keep.article and group.article_eid != keep.article:
            continue
        kept_rows = []
        for display in group.rows:
            entries = [e for e in display.entries if keep.keeps(e.row)]
            if entries:
                kept_rows.append(DisplayRow(display.dom_id, display.target, entries))
        if kept_rows:
            shown_groups.append(ArticleGroup(group.article_eid, group.title, kept_rows))
    return Table(groups=shown_groups, total=total, shown=sum(len(g.rows) for g in shown_groups))


def article_choices(
    target: Instrument, target_order: Sequence[str], units: Mapping[tuple[str, str], Unit]
) -> list[tuple[str, str]]:
    """``(article eId, "Article 5 — heading")`` for each target article, in document order."""
    choices: dict[str, str] = {}
    for eid in target_order:
        article = article_of(eid)
        if article not in choices:
            unit = units.get((target.slug, eid))
            title = article_title(article, unit.heading if unit else "")
            choices[article] = title if len(title) <= 70 else title[:68] + "…"
    return list(choices.items())


def source_article_choices(
    sources: Sequence[Instrument], source_order: Sequence[tuple[str, str]]
) -> list[tuple[str, list[tuple[str, str]]]]:
    """Source articles grouped by instrument: ``("UNTOC", [("untoc/art_8", "UNTOC art. 8"), ...])``."""
    grouped: dict[str, dict[str, str]] = {s.slug: {} for s in sources}
    for slug, eid in source_order:
        if slug in grouped:
            article = article_of(eid)
            grouped[slug].setdefault(f"{slug}/{article}", cite(_label(sources, slug), article))
    return [(s.label, list(grouped[s.slug].items())) for s in sources]


def _label(instruments: Sequence[Instrument], slug: str) -> str:
    return next((i.label for i in instruments if i.slug == slug), slug)
