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
from treaties.eids import article_of

from ..alignment import ADDED, CLOSE_COPY, PRUNED, Unit
from ..overlay import CandidateRow, Row
from .labels import article_title, evidence_label, feature_label, systematic_label


@dataclass(frozen=True, slots=True)
class InstrumentView:
    slug: str
    label: str
    colour: int = 0  # index into the page's palette of source colours


@dataclass(frozen=True, slots=True)
class UnitView:
    """One unit's text with what a reader needs to cite it."""

    instrument: InstrumentView
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
class Chip:
    """A short labelled link a row carries (a norm it was explained by, an action on it)."""

    label: str
    url: str
    title: str = ""
    #: An action whose page htmx loads into the row's slot (a plain link without JavaScript).
    inline: bool = False


@dataclass(frozen=True, slots=True)
class RowExtras:
    """What a layer above comparisons adds to a row (see :mod:`comparisons.extensions`)."""

    chips: tuple[Chip, ...] = ()
    actions: tuple[Chip, ...] = ()

    def merged(self, other: RowExtras) -> RowExtras:
        return RowExtras(self.chips + other.chips, self.actions + other.actions)


NO_EXTRAS = RowExtras()


@dataclass(frozen=True, slots=True)
class SourceEntry:
    """One overlay row as shown in the source column: its source unit (none for added rows)."""

    row: Row
    source: UnitView | None
    extras: RowExtras = NO_EXTRAS

    @property
    def feature_labels(self) -> list[str]:
        return [feature_label(f) for f in self.row.features]

    @property
    def evidence_labels(self) -> list[tuple[str, str]]:
        """(kind, label) of each kind of evidence the engine linked the pair on."""
        return [(kind, evidence_label(kind)) for kind in self.row.evidence]

    @property
    def adopted_through_labels(self) -> list[tuple[str, str]]:
        """(kind, label) of each kind of systematic change an adopted link was adopted through."""
        return [(kind, systematic_label(kind)) for kind in self.row.adopted_through]

    @property
    def weak_evidence_labels(self) -> list[tuple[str, str]]:
        """:attr:`evidence_labels`, for a link that is not a close copy (the ones worth a second look)."""
        return [] if CLOSE_COPY in self.row.evidence else self.evidence_labels

    @property
    def query(self) -> str:
        """Query string of the pair detail URL."""
        return self.row.pair_query


@dataclass(frozen=True, slots=True)
class CandidateView:
    """A pair the engine offers for an added or pruned unit: the unit on the other side and the evidence."""

    candidate: CandidateRow
    other: UnitView  # the possible source of an added target unit, or the possible target of a pruned one

    @property
    def evidence_labels(self) -> list[tuple[str, str]]:
        return [(kind, evidence_label(kind)) for kind in self.candidate.evidence]

    @property
    def query(self) -> str:
        return self.candidate.pair_query


@dataclass(frozen=True, slots=True)
class ReviewView:
    """A pair on the review page: the candidate (as offered for one of its units), both units,
    and whether it is offered for the target unit (added), the source unit (pruned) or both."""

    view: CandidateView
    target: UnitView
    source: UnitView
    for_target: bool
    for_source: bool

    @property
    def target_mark(self) -> str:
        return ADDED if self.for_target else ""

    @property
    def source_mark(self) -> str:
        return PRUNED if self.for_source else ""


@dataclass(slots=True)
class DisplayRow:
    dom_id: str
    target: UnitView | None  # None for a pruned row
    entries: list[SourceEntry]
    #: What the engine offers an added or pruned row (open candidates, best first).
    candidates: list[CandidateView] = field(default_factory=list)

    @property
    def kind(self) -> str:
        """``linked``, ``added`` or ``pruned``."""
        relation = self.entries[0].row.relation
        return relation if relation in (ADDED, PRUNED) else "linked"

    @property
    def candidates_title(self) -> str:
        """``3 possible sources`` (of an added row) or ``1 possible target`` (of a pruned row)."""
        n = len(self.candidates)
        return f"{n} possible {'source' if self.kind == ADDED else 'target'}{'' if n == 1 else 's'}"

    @property
    def best_candidate(self) -> str:
        """``UNTOC art. 1, score 30.9``: the first of :attr:`candidates`."""
        best = self.candidates[0]
        return f"{best.other.citation}, score {best.candidate.score:.1f}"


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
    #: Row keys to keep, from the filters of page extensions (None: no such filter).
    keys: frozenset[tuple[str, str, str]] | None = None

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
        if self.keys is not None and row.key not in self.keys:
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


SourceKey = tuple[str, str]


@dataclass(frozen=True, slots=True)
class _Views:
    """Makes the :class:`UnitView` of any unit of the comparison (an unknown one shows empty)."""

    instruments: Mapping[str, InstrumentView]
    units: Mapping[tuple[str, str], Unit]
    extras: Mapping[tuple[str, str, str], RowExtras]
    candidates: Mapping[tuple[str, str, str], Sequence[CandidateRow]] = field(default_factory=dict)

    def __call__(self, slug: str, eid: str) -> UnitView:
        unit = self.units.get((slug, eid))
        return UnitView(
            instrument=self.instruments.get(slug) or InstrumentView(slug, slug),
            eid=eid,
            text=unit.text if unit else "",
            heading=unit.heading if unit else "",
        )

    def entry(self, row: Row) -> SourceEntry:
        source = self(row.source_treaty, row.source_eid) if row.source_eid else None
        return SourceEntry(row, source, self.extras.get(row.key, NO_EXTRAS))

    def pruned_row(self, row: Row) -> DisplayRow:
        return DisplayRow(
            dom_id=f"pruned-{row.source_treaty}-{row.source_eid}",
            target=None,
            entries=[self.entry(row)],
            candidates=self.offered(row),
        )

    def offered(self, row: Row) -> list[CandidateView]:
        """The open candidates of an added or pruned row, each with the unit it proposes."""
        return [self.candidate(c) for c in self.candidates.get(row.key, ())]

    def candidate(self, candidate: CandidateRow) -> CandidateView:
        if candidate.side == "target":  # offered for an added target unit: it proposes a source
            return CandidateView(candidate, self(candidate.source_treaty, candidate.source_eid))
        target = next(iter(self.instruments))  # the target instrument comes first
        return CandidateView(candidate, self(target, candidate.target_eid))


def candidate_views(
    candidates: Sequence[CandidateRow],
    *,
    target: InstrumentView,
    sources: Sequence[InstrumentView],
    units: Mapping[tuple[str, str], Unit],
) -> list[CandidateView]:
    """Candidates (of one unit, say) each with the unit it proposes, as the side-by-side rows show them."""
    views = _Views({i.slug: i for i in (target, *sources)}, units, {})
    return [views.candidate(c) for c in candidates]


def review_views(
    candidates: Sequence[CandidateRow],
    *,
    target: InstrumentView,
    sources: Sequence[InstrumentView],
    units: Mapping[tuple[str, str], Unit],
    sides: Mapping[tuple[str, str, str], set[str]],
) -> list[ReviewView]:
    """Candidates of any units, each with both its units; ``sides`` says, per pair, which sides offer it."""
    views = _Views({i.slug: i for i in (target, *sources)}, units, {})
    return [
        ReviewView(
            views.candidate(c),
            views(target.slug, c.target_eid),
            views(c.source_treaty, c.source_eid),
            for_target="target" in sides[c.key],
            for_source="source" in sides[c.key],
        )
        for c in candidates
    ]


@dataclass(slots=True)
class _Placement:
    """Where pruned rows go: before or after a target row (by index), or unplaced (by source)."""

    before: dict[int, list[Row]] = field(default_factory=dict)
    after: dict[int, list[Row]] = field(default_factory=dict)
    unplaced: dict[str, list[Row]] = field(default_factory=dict)


def build_table(
    rows: Sequence[Row],
    *,
    target: InstrumentView,
    sources: Sequence[InstrumentView],
    units: Mapping[tuple[str, str], Unit],
    target_order: Sequence[str],
    source_order: Sequence[SourceKey],
    keep: RowFilter | None = None,
    extras: Mapping[tuple[str, str, str], RowExtras] | None = None,
    candidates: Mapping[tuple[str, str, str], Sequence[CandidateRow]] | None = None,
) -> Table:
    """Article groups of display rows in target order, pruned rows interleaved (see module doc);
    ``extras`` are what page extensions add to rows, by row key; ``candidates`` what the engine
    offers added and pruned rows, by row key."""
    views = _Views({i.slug: i for i in (target, *sources)}, units, extras or {}, candidates or {})
    links, added, pruned = _split(rows)
    target_rows = _target_rows(target.slug, target_order, links, added, views)
    placement = _place_pruned(pruned, _linked_at(links, target_rows), source_order)
    groups = _article_groups(target_rows, placement, views, source_order)
    return _filtered(groups, keep or RowFilter())


def _split(rows: Sequence[Row]) -> tuple[dict[str, list[Row]], dict[str, Row], list[Row]]:
    """Links by target eId, added rows by target eId, and pruned rows."""
    links: dict[str, list[Row]] = {}
    added: dict[str, Row] = {}
    pruned: list[Row] = []
    for row in rows:
        if row.is_link:
            links.setdefault(row.target_eid, []).append(row)
        elif row.relation == ADDED:
            added[row.target_eid] = row
        elif row.relation == PRUNED:
            pruned.append(row)
    return links, added, pruned


def _target_rows(
    target: str, target_order: Sequence[str], links: Mapping[str, list[Row]], added: Mapping[str, Row], views: _Views
) -> list[DisplayRow]:
    """One display row per target unit with a row, in document order."""
    target_rows: list[DisplayRow] = []
    for eid in target_order:
        offered: list[CandidateView] = []
        if eid in links:
            entries = [views.entry(r) for r in links[eid]]
        elif eid in added:
            entries = [views.entry(added[eid])]
            offered = views.offered(added[eid])
        else:
            continue
        target_rows.append(DisplayRow(f"pair-{eid}", views(target, eid), entries, offered))
    return target_rows


def _linked_at(links: Mapping[str, list[Row]], target_rows: Sequence[DisplayRow]) -> dict[SourceKey, tuple[int, int]]:
    """Where each linked source unit is linked: its first and last target row index."""
    index_of_target = {r.target.eid: i for i, r in enumerate(target_rows) if r.target}
    linked_at: dict[SourceKey, tuple[int, int]] = {}
    for eid, link_rows in links.items():
        i = index_of_target[eid]
        for r in link_rows:
            first, last = linked_at.get(r.source_key, (i, i))
            linked_at[r.source_key] = (min(first, i), max(last, i))
    return linked_at


def _place_pruned(
    pruned: Sequence[Row], linked_at: Mapping[SourceKey, tuple[int, int]], source_order: Sequence[SourceKey]
) -> _Placement:
    """Rules 1-3 of the module doc, one source at a time, walking it in document order."""
    placement = _Placement()
    by_source: dict[str, list[SourceKey]] = {}
    for key in source_order:
        by_source.setdefault(key[0], []).append(key)
    pruned_keys = {r.source_key: r for r in pruned}
    for slug, keys in by_source.items():
        previous: int | None = None  # target row index after which the next pruned unit goes
        pending: list[Row] = []  # pruned units before the first linked unit of this source
        for key in keys:
            if key in linked_at:
                first, last = linked_at[key]
                if pending:
                    placement.before.setdefault(first, []).extend(pending)
                    pending = []
                previous = last
            elif key in pruned_keys:
                if previous is None:
                    pending.append(pruned_keys[key])
                else:
                    placement.after.setdefault(previous, []).append(pruned_keys[key])
        if pending:
            placement.unplaced.setdefault(slug, []).extend(pending)
    # Pruned units the run's order does not know (should not happen) are not hidden either.
    known = set(source_order)
    for row in pruned:
        if row.source_key not in known:
            placement.unplaced.setdefault(row.source_treaty, []).append(row)
    return placement


def _article_groups(
    target_rows: Sequence[DisplayRow], placement: _Placement, views: _Views, source_order: Sequence[SourceKey]
) -> list[ArticleGroup]:
    """Target rows grouped by article with their pruned neighbours, then a group per unplaced source."""
    source_rank = {key: n for n, key in enumerate(source_order)}

    def ordered(found: list[Row]) -> list[Row]:
        return sorted(found, key=lambda r: source_rank.get(r.source_key, len(source_rank)))

    groups: dict[str, ArticleGroup] = {}
    for i, display in enumerate(target_rows):
        assert display.target is not None
        article = article_of(display.target.eid)
        group = groups.get(article)
        if group is None:
            group = groups[article] = ArticleGroup(article, article_title(article, display.target.heading))
        group.rows.extend(views.pruned_row(r) for r in ordered(placement.before.get(i, [])))
        group.rows.append(display)
        group.rows.extend(views.pruned_row(r) for r in ordered(placement.after.get(i, [])))
    for slug, found in placement.unplaced.items():
        instrument = views.instruments.get(slug)
        label = instrument.label if instrument else slug
        group_eid = f"unplaced-{slug}"
        title = f"{label}: provisions with no linked neighbour"
        groups[group_eid] = ArticleGroup(group_eid, title, [views.pruned_row(r) for r in found])
    return list(groups.values())


def _filtered(groups: Sequence[ArticleGroup], keep: RowFilter) -> Table:
    """The groups with only the entries ``keep`` keeps (rows and groups left empty are dropped)."""
    total = sum(len(g.rows) for g in groups)
    shown_groups: list[ArticleGroup] = []
    for group in groups:
        if keep.article and group.article_eid != keep.article:
            continue
        kept_rows = []
        for display in group.rows:
            entries = [e for e in display.entries if keep.keeps(e.row)]
            if entries:
                kept_rows.append(DisplayRow(display.dom_id, display.target, entries, display.candidates))
        if kept_rows:
            shown_groups.append(ArticleGroup(group.article_eid, group.title, kept_rows))
    return Table(groups=shown_groups, total=total, shown=sum(len(g.rows) for g in shown_groups))


def article_choices(
    target: InstrumentView, target_order: Sequence[str], units: Mapping[tuple[str, str], Unit]
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
    sources: Sequence[InstrumentView], source_order: Sequence[tuple[str, str]]
) -> list[tuple[str, list[tuple[str, str]]]]:
    """Source articles grouped by instrument: ``("UNTOC", [("untoc/art_8", "UNTOC art. 8"), ...])``."""
    grouped: dict[str, dict[str, str]] = {s.slug: {} for s in sources}
    for slug, eid in source_order:
        if slug in grouped:
            article = article_of(eid)
            grouped[slug].setdefault(f"{slug}/{article}", cite(_label(sources, slug), article))
    return [(s.label, list(grouped[s.slug].items())) for s in sources]


def _label(instruments: Sequence[InstrumentView], slug: str) -> str:
    return next((i.label for i in instruments if i.slug == slug), slug)
