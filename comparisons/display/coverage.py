"""The coverage map: how much of each source article survives in each target article.

Pure Python on the engine's plain values (instruments, overlay rows): tested without a
database.  A cell (target article x source article) holds the *effective* links between
their paragraphs, machine or curated.  Its share is the number of the source article's
words that lie in ``equal`` runs of those links' stored diffs, divided by all words of
the source article's units; a source paragraph linked to several paragraphs of the
same target article counts once, with its best-preserved link.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from treaties.citations import cite_eid

from ..alignment import ADDED, ADOPTED, MODIFIED, PRUNED, Instrument, ProvisionIn, Unit, build_units
from ..overlay import Row
from .labels import chapter_title

SHADES = 5  # shade 1..5 for shares in (0, 20%], ..., (80%, 100%]; shade 0: linked, no word kept
_WORD_RE = re.compile(r"\w+")


def legend() -> list[tuple[int, str]]:
    """``(shade, label)`` for the colour scale, shade 0 first."""
    step = 100 // SHADES
    return [(0, "0% (linked, no word kept)")] + [
        (shade, f"{(shade - 1) * step + 1}–{shade * step}%") for shade in range(1, SHADES + 1)
    ]


def count_words(text: str) -> int:
    return len(_WORD_RE.findall(text))


def shade_of(share: float) -> int:
    if share <= 0:
        return 0
    return min(SHADES, max(1, math.ceil(round(share * SHADES, 6))))


@dataclass(frozen=True, slots=True)
class Article:
    instrument: str
    eid: str
    heading: str
    chapter: str  # chapter eId, "" when the article is in no chapter
    words: int

    @property
    def citation(self) -> str:
        return cite_eid(self.eid)

    @property
    def number(self) -> str:
        """Short column label: ``5`` for art. 5, ``Pre`` for the preamble."""
        return "Pre" if self.eid == "preamble" else self.eid.removeprefix("art_")


@dataclass(frozen=True, slots=True)
class Cell:
    target_article: str
    source_treaty: str
    source_article: str
    surviving_words: int
    total_words: int
    adopted: int
    modified: int
    curated: int
    label: str = ""  # the cell described in words (aria-label and tooltip)

    @property
    def share(self) -> float:
        return min(1.0, self.surviving_words / self.total_words) if self.total_words else 0.0

    @property
    def percent(self) -> int:
        return round(self.share * 100)

    @property
    def shade(self) -> int:
        return shade_of(self.share)

    @property
    def links(self) -> int:
        return self.adopted + self.modified

    def describe(self, source_label: str, target_label: str) -> str:
        parts = [f"{self.adopted} adopted", f"{self.modified} modified"]
        if self.curated:
            parts.append(f"{self.curated} curated")
        return (
            f"{source_label} {cite_eid(self.source_article)} in {target_label} {cite_eid(self.target_article)}: "
            f"{self.percent}% of words kept ({self.surviving_words} of {self.total_words}); "
            f"{self.links} link{'s' if self.links != 1 else ''} ({', '.join(parts)})"
        )


@dataclass(frozen=True, slots=True)
class Chapter:
    eid: str  # "" for provisions outside chapters (the preamble, or a treaty without chapters)
    heading: str
    span: int  # articles in it (for column headers)

    @property
    def number(self) -> str:
        return self.eid.removeprefix("chp_") if self.eid else ("Pre" if self.heading == "Preamble" else "–")


@dataclass(frozen=True, slots=True)
class ChapterBar:
    """Units of one chapter by relation (target: adopted/modified/added; source: adopted/modified/pruned)."""

    instrument: str
    chapter: str
    heading: str
    counts: tuple[tuple[str, int], ...]

    @property
    def total(self) -> int:
        return sum(n for _, n in self.counts)

    def segments(self) -> list[tuple[str, int, float]]:
        total = self.total or 1
        return [(relation, n, round(100 * n / total, 2)) for relation, n in self.counts if n]


@dataclass
class GridRow:
    article: Article
    cells: list[Cell | None]
    kept_words: int  # best-preserved words of each paragraph over all target articles

    @property
    def kept_share(self) -> float:
        return min(1.0, self.kept_words / self.article.words) if self.article.words else 0.0

    @property
    def kept_percent(self) -> int:
        return round(self.kept_share * 100)

    @property
    def kept_shade(self) -> int:
        return shade_of(self.kept_share) if self.kept_words else -1


@dataclass
class SourceBlock:
    slug: str
    label: str
    rows: list[GridRow]


@dataclass
class Coverage:
    target: str
    target_label: str
    target_articles: list[Article]
    target_chapters: list[Chapter]
    sources: list[SourceBlock]
    target_bars: list[ChapterBar]
    source_bars: list[ChapterBar]
    cells: dict[tuple[str, str, str], Cell] = field(default_factory=dict)
    skipped: int = 0  # effective links naming units the current texts no longer have

    def cell(self, target_article: str, source_ref: str) -> Cell | None:
        slug, _, article = source_ref.partition("/")
        return self.cells.get((target_article, slug, article))


def _chapters(instrument: Instrument) -> dict[str, ProvisionIn]:
    """Article eId -> its chapter provision (articles outside chapters are absent)."""
    by_eid = {p.eid: p for p in instrument.provisions}
    result = {}
    for provision in instrument.provisions:
        if provision.kind == "article" and provision.parent_eid:
            parent = by_eid.get(provision.parent_eid)
            if parent is not None and parent.kind == "chapter":
                result[provision.eid] = parent
    return result


def _articles(instrument: Instrument, units: Sequence[Unit]) -> list[Article]:
    chapters = _chapters(instrument)
    words: dict[str, int] = defaultdict(int)
    headings: dict[str, str] = {}
    for unit in units:
        words[unit.article_eid] += count_words(unit.text)
        headings.setdefault(unit.article_eid, unit.heading)
    return [
        Article(instrument.slug, eid, headings[eid], chapters[eid].eid if eid in chapters else "", words[eid])
        for eid in words  # dicts keep document order
    ]


def _chapter_headings(instrument: Instrument) -> dict[str, str]:
    return {p.eid: chapter_title(p.heading) or cite_eid(p.eid) for p in instrument.provisions if p.kind == "chapter"}


def _group(articles: Iterable[Article]) -> list[tuple[str, list[Article]]]:
    groups: list[tuple[str, list[Article]]] = []
    for article in articles:
        if not groups or groups[-1][0] != article.chapter:
            groups.append((article.chapter, []))
        groups[-1][1].append(article)
    return groups


def _outside_heading(articles: Sequence[Article], label: str) -> str:
    if all(a.eid == "preamble" for a in articles):
        return "Preamble"
    return f"{label} (no chapters)" if all(a.eid != "preamble" for a in articles) else f"{label}: outside chapters"


@dataclass
class _Tally:
    """What the effective links say, cell by cell and unit by unit."""

    best: dict[tuple[str, str, str], dict[str, int]] = field(default_factory=lambda: defaultdict(dict))
    counts: dict[tuple[str, str, str], list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0, 0]))
    kept_anywhere: dict[tuple[str, str], int] = field(default_factory=dict)
    target_relations: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    linked_sources: dict[tuple[str, str], set[str]] = field(default_factory=lambda: defaultdict(set))
    skipped: int = 0

    def source_relation(self, unit: Unit) -> str:
        """A source unit's relation: pruned without links, else adopted or modified as its links are."""
        relations = self.linked_sources.get((unit.instrument, unit.eid))
        return _unit_relation(relations) if relations else PRUNED


def _tally(rows: Sequence[Row], target_units: Sequence[Unit], source_units: Mapping[str, Sequence[Unit]]) -> _Tally:
    """Count each effective link in its cell, keeping each source paragraph's best-preserved words."""
    target_article_of = {u.eid: u.article_eid for u in target_units}
    source_article_of = {(u.instrument, u.eid): u.article_eid for units in source_units.values() for u in units}
    source_words = {(u.instrument, u.eid): count_words(u.text) for units in source_units.values() for u in units}
    tally = _Tally()
    for row in rows:
        if not row.is_link:
            continue
        t_article = target_article_of.get(row.target_eid)
        s_article = source_article_of.get(row.source_key)
        if t_article is None or s_article is None:
            tally.skipped += 1
            continue
        kept = sum(count_words(source) for kind, source, _target in row.diff if kind == "equal")
        kept = min(kept, source_words[row.source_key])
        key = (t_article, row.source_treaty, s_article)
        tally.best[key][row.source_eid] = max(tally.best[key].get(row.source_eid, 0), kept)
        tally.kept_anywhere[row.source_key] = max(tally.kept_anywhere.get(row.source_key, 0), kept)
        counts = tally.counts[key]
        counts[0 if row.relation == ADOPTED else 1] += 1
        counts[2] += row.origin == "curated"
        tally.target_relations[row.target_eid].add(row.relation)
        tally.linked_sources[row.source_key].add(row.relation)
    return tally


def _unit_relation(relations: set[str]) -> str:
    """A unit's relation from its links': added without any, adopted if every one is, else modified."""
    if not relations:
        return ADDED
    return ADOPTED if relations == {ADOPTED} else MODIFIED


def _bars(
    instrument: Instrument,
    articles: Sequence[Article],
    units: Sequence[Unit],
    label: str,
    relation_of: Callable[[Unit], str],
    relations: tuple[str, ...],
) -> list[ChapterBar]:
    """One bar per chapter of ``instrument``: its units counted by ``relation_of``."""
    headings = _chapter_headings(instrument)
    bars = []
    for eid, arts in _group(articles):
        in_chapter = {a.eid for a in arts}
        counts = dict.fromkeys(relations, 0)
        for unit in units:
            if unit.article_eid in in_chapter:
                counts[relation_of(unit)] += 1
        heading = headings.get(eid, "") if eid else _outside_heading(arts, label)
        bars.append(ChapterBar(instrument.slug, eid, heading, tuple(counts.items())))
    return bars


def build_coverage(
    *,
    target: Instrument,
    sources: Sequence[Instrument],
    rows: Sequence[Row],
    labels: Mapping[str, str],
) -> Coverage:
    target_units = build_units(target)
    source_units = {s.slug: build_units(s) for s in sources}
    target_articles = _articles(target, target_units)
    source_articles = {s.slug: _articles(s, source_units[s.slug]) for s in sources}
    tally = _tally(rows, target_units, source_units)
    target_label = labels.get(target.slug, target.slug)

    article_words = {(a.instrument, a.eid): a.words for arts in source_articles.values() for a in arts}
    cells = {}
    for key, (adopted, modified, curated) in tally.counts.items():
        cell = Cell(*key, sum(tally.best[key].values()), article_words[(key[1], key[2])], adopted, modified, curated)
        cells[key] = replace(cell, label=cell.describe(labels.get(key[1], key[1]), target_label))

    source_article_of = {(u.instrument, u.eid): u.article_eid for units in source_units.values() for u in units}
    article_kept: dict[tuple[str, str], int] = defaultdict(int)
    for (slug, eid), kept in tally.kept_anywhere.items():
        article_kept[(slug, source_article_of[(slug, eid)])] += kept
    blocks = [
        SourceBlock(
            source.slug,
            labels.get(source.slug, source.slug),
            [
                GridRow(
                    article,
                    [cells.get((t.eid, source.slug, article.eid)) for t in target_articles],
                    article_kept.get((source.slug, article.eid), 0),
                )
                for article in source_articles[source.slug]
            ],
        )
        for source in sources
    ]

    headings = _chapter_headings(target)
    chapters = [
        Chapter(eid, headings.get(eid, "") if eid else _outside_heading(arts, target_label), len(arts))
        for eid, arts in _group(target_articles)
    ]
    target_bars = _bars(
        target,
        target_articles,
        target_units,
        target_label,
        lambda unit: _unit_relation(tally.target_relations.get(unit.eid, set())),
        (ADOPTED, MODIFIED, ADDED),
    )
    source_bars = [
        bar
        for source in sources
        for bar in _bars(
            source,
            source_articles[source.slug],
            source_units[source.slug],
            labels.get(source.slug, source.slug),
            tally.source_relation,
            (ADOPTED, MODIFIED, PRUNED),
        )
    ]
    return Coverage(
        target=target.slug,
        target_label=target_label,
        target_articles=target_articles,
        target_chapters=chapters,
        sources=blocks,
        target_bars=target_bars,
        source_bars=source_bars,
        cells=cells,
        skipped=tally.skipped,
    )
