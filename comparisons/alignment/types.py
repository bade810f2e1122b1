"""Frozen value types that go into and come out of the engine.

The engine never sees ORM rows: the Django side converts provisions to
:class:`ProvisionIn` and stores what :func:`~comparisons.alignment.engine.align`
returns.  Everything is immutable so a result can be cached and shared safely.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

# Relations a link or a unit can carry.
ADOPTED: Final = "adopted"
MODIFIED: Final = "modified"
ADDED: Final = "added"
PRUNED: Final = "pruned"
#: The relations of a link (both sides present), and all four in the order pages list them.
LINK_RELATIONS: Final = (ADOPTED, MODIFIED)
RELATIONS: Final = (ADOPTED, MODIFIED, ADDED, PRUNED)

Relation = Literal["adopted", "modified"]
DiffKind = Literal["equal", "insert", "delete"]

PROVISION_KINDS = ("preamble", "chapter", "article", "paragraph", "subparagraph", "point", "testimonium")


@dataclass(frozen=True, slots=True)
class ProvisionIn:
    """One provision as the importer stored it (flat, in document order)."""

    eid: str
    kind: str
    parent_eid: str | None
    number: str
    heading: str
    text: str


@dataclass(frozen=True, slots=True)
class Instrument:
    """A treaty: its slug (the document part of refs) and its provisions."""

    slug: str
    provisions: tuple[ProvisionIn, ...]


@dataclass(frozen=True, slots=True)
class Unit:
    """The grain of comparison: a numbered paragraph, an unnumbered article or the preamble.

    ``text`` is the unit's own text followed by all its descendants' text (joined with
    newlines), exactly the string the word-level diff reproduces.
    """

    ref: str
    instrument: str
    eid: str
    article_eid: str
    kind: str
    heading: str
    text: str
    order: int


@dataclass(frozen=True, slots=True)
class DiffOp:
    """One run of a word-level diff.

    ``source`` is the run's original source text and ``target`` the original target
    text, spacing and punctuation included.  An ``equal`` run has both (they match up
    to the normalisations, so they may differ in spelling or spacing), a ``delete``
    run only ``source`` and an ``insert`` run only ``target``.  Joining every op's
    ``source`` gives the source unit's text back; joining every ``target`` gives the
    target's.
    """

    kind: DiffKind
    source: str
    target: str

    @property
    def text(self) -> str:
        """The words to display: the target's wording wherever the target has any."""
        return self.target if self.kind != "delete" else self.source


@dataclass(frozen=True, slots=True)
class Link:
    """A target unit that derives (wholly or partly) from a source unit.

    ``score`` (0-100) is the mean of the word-sequence similarity (LCS) and the
    IDF-weighted vocabulary similarity of the two units' content words.
    ``added_share`` is the share of the target's words the source lacks,
    ``removed_share`` the share of the source's words the target dropped.
    ``diff`` is the word-level redline from source to target.
    ``evidence`` says why the pair is linked: the kinds of evidence of
    :data:`~comparisons.alignment.evidence.EVIDENCE_KINDS` that hold for it.
    ``adopted_through`` names, for an adopted link, the kinds of systematic change
    (:data:`~comparisons.alignment.systematic.SYSTEMATIC_KINDS`) its wording differs by
    (empty when the wording is the same, and for a modified link).
    """

    target_ref: str
    source_ref: str
    relation: Relation
    score: float
    features: tuple[str, ...]
    added_share: float
    removed_share: float
    diff: tuple[DiffOp, ...]
    evidence: tuple[str, ...] = ()
    adopted_through: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class CandidateLink:
    """A pair the engine did not link but offers a curator: a possible source of an added
    target unit, or a possible target of a pruned source unit.

    ``side`` names the unit it is offered for (``"target"``: ``target_ref`` is added;
    ``"source"``: ``source_ref`` is pruned); ``rank`` is its place among that unit's
    candidates (1 = best).  ``score`` is the engine's combined score of the pair (the
    measure links are ranked by), ``evidence`` the kinds of evidence that held for it
    before the linker's thinning and overrules dropped it (often none), ``meaning`` the
    cosine x 100 of the units' embeddings (None without embeddings), ``shared_words`` the
    content words both units use, rarest first.
    """

    target_ref: str
    source_ref: str
    side: Literal["target", "source"]
    rank: int
    score: float
    evidence: tuple[str, ...] = ()
    meaning: float | None = None
    shared_words: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class AlignmentResult:
    """Everything one comparison produces; refs are ``"<slug>/<eId>"``."""

    engine_version: str
    target: str
    sources: tuple[str, ...]
    links: tuple[Link, ...]
    added: tuple[str, ...]
    pruned: tuple[str, ...]
    units: tuple[Unit, ...]
    #: The best unlinked pairs of every added target unit and every pruned source unit
    #: (see :mod:`.candidates`): offered to curators, never links.
    candidates: tuple[CandidateLink, ...] = ()

    def units_of(self, slug: str) -> tuple[Unit, ...]:
        """The units of one instrument, in document order."""
        return tuple(u for u in self.units if u.instrument == slug)
