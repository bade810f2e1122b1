"""Which provisions, across every imported instrument, read most like a given text?

The corpus index holds every instrument's comparison units, normalised with the engine's
default equivalences and encoded one character per content token, as the engine scores
them.  Pure Python on engine values (no database): :func:`comparisons.selectors.corpus_index`
builds it once per process and keeps it while the treaties' checksums stay the same, so a
page never re-normalises the corpus.  A lookup is one rapidfuzz ``process.extract`` call
over all units; only the best few get a word diff (:func:`comparisons.alignment.compare_units`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from treaties.citations import cite, cite_eid
from treaties.eids import overlaps

from .alignment import (
    DEFAULT_PARAMS,
    Instrument,
    Link,
    ProvisionIn,
    Unit,
    Vocabulary,
    build_units,
    children_of,
    compare_units,
    content_tokens,
    descendants_text,
    normalise_with,
    table_for,
)

MAX_RESULTS = 10
QUERY_INSTRUMENT = "query"
_UNKNOWN = "\x01"  # stands for any query word the corpus never uses: it matches nothing


@dataclass(frozen=True, slots=True)
class TreatyKey:
    slug: str
    label: str
    version: str  # checksum plus row identity and update time: any re-import changes it


@dataclass(frozen=True, slots=True)
class Match:
    unit: Unit
    citation: str
    label: str
    score: float  # rapidfuzz WRatio on content tokens, 0-100
    link: Link | None = None  # the word diff (query text as target, corpus unit as source)


# How a reader cites a provision in the lookup box ("art. 8(2)", "UNTOC 8(2)").
_ARTICLE_PREFIX_RE = re.compile(r"^(?:article|art\.?)\s*")
_NUMBER_RE = re.compile(r"\d+[a-z]?(?:\([0-9a-z]+\))*")
_WORDS_RE = re.compile(r"\w+")


@dataclass
class CorpusIndex:
    keys: tuple[TreatyKey, ...]
    instruments: dict[str, Instrument]
    units: tuple[Unit, ...]
    encoded: tuple[str, ...]
    vocabulary: Vocabulary
    _by_ref: dict[str, Unit] = field(default_factory=dict)
    _labels: dict[str, str] = field(default_factory=dict)
    _children: dict[str, dict[str | None, list[ProvisionIn]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._by_ref = {u.ref: u for u in self.units}
        self._labels = {k.slug: k.label for k in self.keys}
        self._children = {slug: children_of(instrument) for slug, instrument in self.instruments.items()}

    @property
    def labels(self) -> dict[str, str]:
        return self._labels

    def citation(self, unit: Unit) -> str:
        return cite(self.labels.get(unit.instrument, unit.instrument), unit.eid)

    def unit(self, ref: str) -> Unit | None:
        return self._by_ref.get(ref)

    def units_of(self, slugs: Iterable[str]) -> list[Unit]:
        wanted = set(slugs)
        return [u for u in self.units if u.instrument in wanted]

    def provision(self, slug: str, eid: str) -> ProvisionIn | None:
        instrument = self.instruments.get(slug)
        if instrument is None:
            return None
        return next((p for p in instrument.provisions if p.eid == eid), None)

    def overlapping_units(self, slug: str, eid: str) -> list[str]:
        """Refs of the units that contain provision ``eid`` or lie inside it."""
        return [u.ref for u in self.units if u.instrument == slug and overlaps(u.eid, eid)]

    def provision_text(self, slug: str, eid: str) -> str | None:
        """The text of provision ``eid`` with all its descendants, or None if there is no such provision."""
        root = self.provision(slug, eid)
        if root is None:
            return None
        return "\n".join(descendants_text(root, self._children[slug]))

    def lookup(self, query: str, *, instruments: Sequence[str], limit: int = 20) -> list[Unit]:
        """Units of ``instruments`` matching ``query`` by eId or citation or, failing that, containing all its words.

        ``art_8__para_2``, ``art. 8(2)``, ``article 8(2)``, ``UNTOC art. 8(2)`` and ``8(2)`` all find
        UNTOC article 8(2); ``8`` or ``art. 8`` finds every paragraph of article 8.
        """
        q = " ".join(query.lower().split())
        if not q:
            return []
        candidates = self.units_of(instruments)
        labels = self.labels
        for slug in {u.instrument for u in candidates}:
            for prefix in (labels.get(slug, slug).lower() + " ", slug + " "):
                if q.startswith(prefix):
                    candidates = [u for u in candidates if u.instrument == slug]
                    q = q.removeprefix(prefix).strip()
                    break
        number = _ARTICLE_PREFIX_RE.sub("", q).replace(" ", "")
        by_ref = [u for u in candidates if u.eid == q or u.eid.startswith(q + "__")]
        if not by_ref and _NUMBER_RE.fullmatch(number):
            for unit in candidates:
                cited = cite_eid(unit.eid).removeprefix("art. ")
                if cited == number or cited.startswith(number + "("):
                    by_ref.append(unit)
        if by_ref:
            return by_ref[:limit]
        words = _WORDS_RE.findall(q)
        return [u for u in candidates if words and all(w in u.text.lower() for w in words)][:limit]

    def encode_query(self, text: str) -> str:
        tokens = content_tokens(normalise_with(text, table_for(DEFAULT_PARAMS)))
        return self.vocabulary.encode_known(tokens, _UNKNOWN)

    def search(
        self,
        text: str,
        *,
        limit: int = MAX_RESULTS,
        instruments: Sequence[str] = (),
        exclude: Iterable[str] = (),
        with_diffs: bool = True,
    ) -> list[Match]:
        """The ``limit`` units most like ``text``, best first (ties in document order).

        ``instruments`` restricts the candidates (empty: all); ``exclude`` drops unit refs.
        """
        limit = max(1, min(limit, MAX_RESULTS))
        query = self.encode_query(text)
        if not query.strip(_UNKNOWN):
            return []
        excluded = set(exclude)
        wanted = set(instruments)
        choices = {
            index: encoded
            for index, (unit, encoded) in enumerate(zip(self.units, self.encoded, strict=True))
            if (not wanted or unit.instrument in wanted) and unit.ref not in excluded and encoded
        }
        found = process.extract(query, choices, scorer=fuzz.WRatio, limit=None, score_cutoff=1)
        found.sort(key=lambda hit: (-hit[1], hit[2]))
        probe = Unit(QUERY_INSTRUMENT + "/text", QUERY_INSTRUMENT, "text", "text", "paragraph", "", text, 0)
        matches = []
        for _encoded, score, index in found[:limit]:
            unit = self.units[index]
            link = compare_units(probe, unit) if with_diffs else None
            matches.append(Match(unit, self.citation(unit), self.labels[unit.instrument], round(score, 1), link))
        return matches


def build_index(keys: Sequence[TreatyKey], instruments: Sequence[Instrument]) -> CorpusIndex:
    """Cut, normalise and encode every unit of ``instruments`` (pure: no database)."""
    table = table_for(DEFAULT_PARAMS)
    units = tuple(unit for instrument in instruments for unit in build_units(instrument))
    vocabulary = Vocabulary()
    encoded = tuple(vocabulary.encode(content_tokens(normalise_with(u.text, table))) for u in units)
    return CorpusIndex(tuple(keys), {i.slug: i for i in instruments}, units, encoded, vocabulary)
