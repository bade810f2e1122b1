"""The norms × relations summary: how often each norm explains each kind of alignment decision.

Pure Python on plain values, so the counting rule is tested without a database. A
*mention* is one (norm, annotation) pair of a published annotation. Its relation is:

- for a researcher's explanation, the decision it explains: ``pruned`` and ``added`` as they
  are; a ``link`` takes the relation the latest run of its comparison (curated decisions laid
  over it) gives that pair, ``adopted`` or ``modified``, or ``linked`` when the pair is no
  longer a link there (the run changed, a curator rejected it, the comparison has no run);
- for a literature claim, the relation it claims, or ``unstated`` if it claims none.

Each cell counts explanations and claims apart and carries a heat level (0–5) relative to
the busiest cell, which the page draws as the cell's shade; a stacked bar per norm draws
its total by relation.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

ADOPTED, MODIFIED, PRUNED, ADDED = "adopted", "modified", "pruned", "added"
LINKED = "linked"  # a researcher's link whose pair the latest run no longer links
UNSTATED = "unstated"  # a literature claim without a claimed relation
RELATIONS = (ADOPTED, MODIFIED, PRUNED, ADDED)
EXTRA = (LINKED, UNSTATED)  # columns shown only when something falls in them
LABELS = {LINKED: "linked (relation unknown)", UNSTATED: "no relation stated"}
LEVELS = 5
BAR_WIDTH = 100  # the stacked bars' viewBox width: segments are percentages of the longest bar

RESEARCHER, LITERATURE = "researcher", "literature"
RowKey = tuple[str, str, str]  # (target eId, source treaty, source eId), as an alignment row's ``key``


@dataclass(frozen=True)
class Mention:
    """One norm named by one published annotation, with what the relation depends on."""

    norm: str  # the norm's slug
    origin: str  # RESEARCHER or LITERATURE
    kind: str  # the annotation's kind: link, pruned, added or claim
    claimed_relation: str = ""
    comparison_id: int | None = None
    key: RowKey = ("", "", "")


@dataclass(frozen=True)
class NormRef:
    slug: str
    name: str
    family: str
    url: str


@dataclass(frozen=True)
class Cell:
    relation: str
    explanations: int = 0
    claims: int = 0
    level: int = 0

    @property
    def total(self) -> int:
        return self.explanations + self.claims


@dataclass(frozen=True)
class Segment:
    """One relation's part of a norm's stacked bar, in viewBox units."""

    relation: str
    x: float
    width: float


@dataclass
class SummaryRow:
    norm: NormRef
    cells: list[Cell]
    segments: list[Segment] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(cell.total for cell in self.cells)


@dataclass
class Summary:
    relations: list[str]
    rows: list[SummaryRow]

    @property
    def headers(self) -> list[tuple[str, str]]:
        """``(relation, label)`` of each column."""
        return [(r, LABELS.get(r, r)) for r in self.relations]

    @property
    def total(self) -> int:
        return sum(row.total for row in self.rows)

    @property
    def column_totals(self) -> list[Cell]:
        return [
            Cell(
                relation,
                sum(row.cells[i].explanations for row in self.rows),
                sum(row.cells[i].claims for row in self.rows),
            )
            for i, relation in enumerate(self.relations)
        ]


def relation_of(mention: Mention, link_relations: Mapping[tuple[int, RowKey], str]) -> str:
    """The relation a mention counts under (see the module docstring)."""
    if mention.origin == LITERATURE:
        return mention.claimed_relation if mention.claimed_relation in RELATIONS else UNSTATED
    if mention.kind in (PRUNED, ADDED):
        return mention.kind
    if mention.comparison_id is None:
        return LINKED
    return link_relations.get((mention.comparison_id, mention.key), LINKED)


def level(count: int, busiest: int) -> int:
    """0 for nothing, else 1–LEVELS in proportion to the busiest cell (1 for any non-empty cell)."""
    if count <= 0 or busiest <= 0:
        return 0
    return max(1, round(LEVELS * count / busiest))


def summarise(
    norms: Sequence[NormRef],
    mentions: Iterable[Mention],
    link_relations: Mapping[tuple[int, RowKey], str] | None = None,
) -> Summary:
    """One row per norm (in the order given, unmentioned ones included), one column per relation."""
    links = link_relations or {}
    counts: dict[tuple[str, str, str], int] = {}
    for mention in mentions:
        key = (mention.norm, relation_of(mention, links), mention.origin)
        counts[key] = counts.get(key, 0) + 1
    used = {relation for _, relation, _ in counts}
    relations = [*RELATIONS, *(r for r in EXTRA if r in used)]
    busiest = max(
        (counts.get((n.slug, r, RESEARCHER), 0) + counts.get((n.slug, r, LITERATURE), 0) for n in norms for r in used),
        default=0,
    )
    rows = []
    for norm in norms:
        cells = []
        for relation in relations:
            explanations = counts.get((norm.slug, relation, RESEARCHER), 0)
            claims = counts.get((norm.slug, relation, LITERATURE), 0)
            cells.append(Cell(relation, explanations, claims, level(explanations + claims, busiest)))
        rows.append(SummaryRow(norm, cells))
    longest = max((row.total for row in rows), default=0)
    for row in rows:
        row.segments = _segments(row.cells, longest)
    return Summary(relations, rows)


def _segments(cells: Sequence[Cell], longest: int) -> list[Segment]:
    segments, x = [], 0.0
    for cell in cells:
        if cell.total and longest:
            width = round(BAR_WIDTH * cell.total / longest, 2)
            segments.append(Segment(cell.relation, round(x, 2), width))
            x += width
    return segments
