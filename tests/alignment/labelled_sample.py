"""A hand-labelled sample of paragraph-level derivations, built by reading the corpus.

The labels are data: ``data/labelled_sample.json``, read here into :data:`SAMPLE`.  Only
eIds, refs and relations are stored (no treaty wording).  Every entry may carry a ``why``:
the labeller's note on that label (a note on a merge, a split or a run of look-alikes sits
on the first entry of the run).  For each comparison (keyed by its target slug):

* ``links``: (target eId, source ref) -> relation: the gold derivations;
* ``added``: target eIds with no source in these instruments;
* ``negatives``: (target eId, source ref) pairs that look alike (shared drafting formula,
  same topic) but are *not* derivations.  Every pair on a labelled target that is not in
  ``links`` is already a negative; these are listed so the traps are documented and
  the quality report can count how many the engine falls into;
* ``uncertain_targets``: target units left out of scoring (none any more: every unit
  of both comparisons is labelled);
* ``uncertain_pairs``: extra links on otherwise labelled targets that are defensible
  either way (a secondary source the drafters echoed); predicting them is neither
  rewarded nor penalised.

Labelling rules followed (second pass, every CoE and Smuggling Protocol unit re-read):

* "derived" means the target paragraph restates a source paragraph's norm: copied,
  edited, cut down, merged, split, or reworded with the same legal function (the
  research this tool serves counts a reworded restatement as *modified*, not *added*:
  brief findings 1 and 7).  Evidence wanted: shared distinctive phrases, same
  structure, same legal function, same place in the article's sequence.
* A shared drafting formula alone ("shall adopt such legislative and other measures
  as may be necessary to establish as criminal offences", "non-governmental
  organisations, other relevant organisations and other elements of civil society")
  is not derivation: CoE arts 19, 20, 35 are *added*.
* The CoE final clauses (arts 41-47) follow the Council of Europe's model final
  clauses, not the UN ones, however alike the wording: *added*.  The Smuggling
  Protocol's final clauses are the TIP Protocol's, word for word: *adopted*.
* *adopted* / *modified* follow ``../shared/docs/relations.md`` (third pass, 2026-12-03,
  every link re-read against the corpus texts): *adopted* is the same norm in the same
  words up to systematic changes only (party and instrument wording, the instrument's
  subject terms and the target's own or defined terms, spelling, articles, singular and
  plural, renumbered cross-references, trivial synonyms, word order), however many words
  they touch; one change of content (a qualifier, an obligation softened, an element
  added or dropped) makes it *modified*.  The eleven links relabelled *adopted* in that
  pass say why in their ``why`` ("Relabelled adopted").
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import NotRequired, TypedDict

A = "adopted"
M = "modified"


@dataclass(frozen=True)
class LabelledComparison:
    target: str
    sources: tuple[str, ...]
    links: dict[tuple[str, str], str]
    added: tuple[str, ...]
    uncertain_targets: tuple[str, ...] = ()
    uncertain_pairs: tuple[tuple[str, str], ...] = field(default_factory=tuple)
    negatives: tuple[tuple[str, str], ...] = field(default_factory=tuple)

    @property
    def labelled_targets(self) -> set[str]:
        return {t for t, _ in self.links} | set(self.added)


class _Unit(TypedDict):
    target: str
    why: NotRequired[str]


class _Pair(_Unit):
    source: str


class _Link(_Pair):
    relation: str


class _Labels(TypedDict):
    sources: list[str]
    links: list[_Link]
    added: list[_Unit]
    uncertain_targets: list[_Unit]
    uncertain_pairs: list[_Pair]
    negatives: list[_Pair]


def _pairs(entries: list[_Pair]) -> tuple[tuple[str, str], ...]:
    return tuple((entry["target"], entry["source"]) for entry in entries)


def _comparison(target: str, labels: _Labels) -> LabelledComparison:
    return LabelledComparison(
        target=target,
        sources=tuple(labels["sources"]),
        links={(link["target"], link["source"]): link["relation"] for link in labels["links"]},
        added=tuple(unit["target"] for unit in labels["added"]),
        uncertain_targets=tuple(unit["target"] for unit in labels["uncertain_targets"]),
        uncertain_pairs=_pairs(labels["uncertain_pairs"]),
        negatives=_pairs(labels["negatives"]),
    )


_LABELS: dict[str, _Labels] = json.loads(
    (Path(__file__).parent / "data" / "labelled_sample.json").read_text(encoding="utf-8")
)

COE = _comparison("coe-trafficking", _LABELS["coe-trafficking"])
SMUGGLING = _comparison("smuggling-protocol", _LABELS["smuggling-protocol"])

SAMPLE = (COE, SMUGGLING)
