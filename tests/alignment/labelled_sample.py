"""A hand-labelled sample of paragraph-level derivations, built by reading the corpus.

Only eIds and relations are stored here (no treaty wording).  For each comparison:

* ``links``: (target eId, source ref) -> relation, for derivations I am confident of;
* ``added``: target eIds with no source in these instruments;
* ``uncertain_targets``: target units whose derivation is debatable (thematic kinship,
  partial borrowing); predictions for them are not scored;
* ``uncertain_pairs``: extra links on otherwise labelled targets that are defensible
  either way (a secondary source); predicting them is neither rewarded nor penalised.

Labelling rules followed:

* "derived" means the drafters started from the source paragraph's text: copied,
  edited, cut down or merged.  A shared drafting formula alone ("shall adopt such
  legislative and other measures as may be necessary to establish as criminal
  offences") is not derivation: CoE arts 19 and 20 are *added*.
* The CoE final clauses (arts 41-47) follow the Council of Europe's model final
  clauses, not the UN ones, however alike the wording ("denunciation",
  "ratification, acceptance or approval"): *added*.  The Smuggling Protocol's final
  clauses are the TIP Protocol's, word for word: *adopted*.
* *adopted* = identical after normalisation (spelling, party wording, self-reference,
  subject term, cross-reference numbers, internal/domestic law); else *modified*.
"""

from __future__ import annotations

from dataclasses import dataclass, field

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

    @property
    def labelled_targets(self) -> set[str]:
        return {t for t, _ in self.links} | set(self.added)


T = "tip-protocol/"
U = "untoc/"

COE = LabelledComparison(
    target="coe-trafficking",
    sources=("tip-protocol", "untoc"),
    links={
        ("art_1__para_1", T + "art_2"): M,
        ("art_2", T + "art_4"): M,
        ("art_4", T + "art_3"): M,
        ("art_5__para_2", T + "art_9__para_2"): M,
        ("art_5__para_6", T + "art_9__para_3"): M,
        ("art_6", T + "art_9__para_5"): M,
        ("art_7__para_1", T + "art_11__para_1"): M,
        ("art_7__para_2", T + "art_11__para_2"): M,
        ("art_7__para_3", T + "art_11__para_3"): A,
        ("art_7__para_4", T + "art_11__para_4"): A,
        ("art_7__para_5", T + "art_11__para_5"): M,
        ("art_7__para_6", T + "art_11__para_6"): M,
        ("art_8", T + "art_12"): M,
        ("art_9", T + "art_13"): A,
        ("art_11__para_1", T + "art_6__para_1"): M,
        ("art_12__para_1", T + "art_6__para_3"): M,
        ("art_12__para_7", T + "art_6__para_4"): M,
        ("art_16__para_1", T + "art_8__para_1"): M,
        ("art_16__para_2", T + "art_8__para_2"): M,
        ("art_16__para_3", T + "art_8__para_3"): M,
        ("art_16__para_4", T + "art_8__para_4"): M,
        ("art_18", T + "art_5__para_1"): M,
        ("art_22__para_3", U + "art_10__para_2"): M,
        ("art_22__para_4", U + "art_10__para_3"): M,
        ("art_23__para_2", U + "art_10__para_4"): M,
        ("art_23__para_3", U + "art_12__para_1"): M,
        ("art_28__para_1", U + "art_24__para_1"): M,
        ("art_28__para_5", U + "art_24__para_3"): M,
        ("art_29__para_3", T + "art_10__para_2"): M,
        ("art_31__para_1", U + "art_15__para_1"): M,
        ("art_31__para_1", U + "art_15__para_2"): M,
        ("art_31__para_3", U + "art_15__para_3"): M,
        ("art_31__para_5", U + "art_15__para_6"): M,
        ("art_40__para_4", T + "art_14__para_1"): A,
    },
    added=(
        "art_1__para_2",
        "art_3",
        "art_5__para_1",
        "art_5__para_3",
        "art_5__para_4",
        "art_10__para_1",
        "art_10__para_2",
        "art_10__para_3",
        "art_10__para_4",
        "art_11__para_2",
        "art_11__para_3",
        "art_12__para_3",
        "art_12__para_4",
        "art_12__para_6",
        "art_13__para_1",
        "art_13__para_2",
        "art_13__para_3",
        "art_14__para_2",
        "art_14__para_3",
        "art_14__para_4",
        "art_14__para_5",
        "art_15__para_2",
        "art_16__para_5",
        "art_16__para_6",
        "art_16__para_7",
        "art_17",
        "art_19",
        "art_20",
        "art_22__para_2",
        "art_23__para_4",
        "art_24",
        "art_26",
        "art_27__para_1",
        "art_27__para_2",
        "art_27__para_3",
        "art_28__para_3",
        "art_28__para_4",
        "art_29__para_1",
        "art_29__para_2",
        "art_29__para_4",
        "art_30",
        "art_31__para_2",
        "art_32",
        "art_33__para_1",
        "art_33__para_2",
        "art_34__para_1",
        "art_34__para_4",
        "art_35",
        "art_36__para_1",
        "art_36__para_2",
        "art_36__para_3",
        "art_36__para_4",
        "art_37__para_1",
        "art_37__para_2",
        "art_37__para_3",
        "art_38__para_1",
        "art_38__para_2",
        "art_38__para_3",
        "art_38__para_4",
        "art_38__para_5",
        "art_38__para_6",
        "art_38__para_7",
        "art_39",
        "art_40__para_1",
        "art_40__para_2",
        "art_40__para_3",
        "art_41__para_1",
        "art_41__para_2",
        "art_41__para_3",
        "art_41__para_4",
        "art_41__para_5",
        "art_42__para_1",
        "art_42__para_2",
        "art_42__para_3",
        "art_42__para_4",
        "art_43__para_1",
        "art_43__para_2",
        "art_44__para_1",
        "art_44__para_2",
        "art_44__para_3",
        "art_45",
        "art_46__para_1",
        "art_46__para_2",
        "art_47",
    ),
    uncertain_targets=(
        "preamble",
        "art_5__para_5",
        "art_12__para_2",
        "art_12__para_5",
        "art_14__para_1",
        "art_15__para_1",
        "art_15__para_3",
        "art_15__para_4",
        "art_21__para_1",
        "art_21__para_2",
        "art_22__para_1",
        "art_23__para_1",
        "art_25",
        "art_28__para_2",
        "art_31__para_4",
        "art_34__para_2",
        "art_34__para_3",
    ),
    uncertain_pairs=(
        ("art_2", U + "art_3__para_1"),
        ("art_5__para_2", T + "art_9__para_1"),
        ("art_12__para_1", T + "art_6__para_2"),
        ("art_12__para_1", U + "art_25__para_3"),
        ("art_31__para_3", U + "art_15__para_4"),
    ),
)

S = "tip-protocol/"

SMUGGLING = LabelledComparison(
    target="smuggling-protocol",
    sources=("tip-protocol",),
    links={
        ("preamble", S + "preamble"): M,
        ("art_1__para_1", S + "art_1__para_1"): A,
        ("art_1__para_2", S + "art_1__para_2"): A,
        ("art_1__para_3", S + "art_1__para_3"): A,
        ("art_2", S + "art_2"): M,
        ("art_4", S + "art_4"): M,
        ("art_6__para_1", S + "art_5__para_1"): M,
        ("art_6__para_2", S + "art_5__para_2"): M,
        ("art_10__para_2", S + "art_10__para_3"): A,
        ("art_11__para_1", S + "art_11__para_1"): A,
        ("art_11__para_2", S + "art_11__para_2"): M,
        ("art_11__para_3", S + "art_11__para_3"): A,
        ("art_11__para_4", S + "art_11__para_4"): A,
        ("art_11__para_5", S + "art_11__para_5"): A,
        ("art_11__para_6", S + "art_11__para_6"): A,
        ("art_12", S + "art_12"): A,
        ("art_13", S + "art_13"): M,
        ("art_14__para_1", S + "art_10__para_2"): M,
        ("art_16__para_4", S + "art_6__para_4"): M,
        ("art_18__para_1", S + "art_8__para_1"): M,
        ("art_18__para_3", S + "art_8__para_3"): M,
        ("art_18__para_4", S + "art_8__para_4"): M,
        ("art_18__para_7", S + "art_8__para_5"): M,
        ("art_18__para_8", S + "art_8__para_6"): M,
        ("art_19__para_1", S + "art_14__para_1"): M,
        ("art_19__para_2", S + "art_14__para_2"): M,
        ("art_20__para_1", S + "art_15__para_1"): A,
        ("art_20__para_2", S + "art_15__para_2"): A,
        ("art_20__para_3", S + "art_15__para_3"): A,
        ("art_20__para_4", S + "art_15__para_4"): A,
        ("art_21__para_1", S + "art_16__para_1"): A,
        ("art_21__para_2", S + "art_16__para_2"): A,
        ("art_21__para_3", S + "art_16__para_3"): A,
        ("art_21__para_4", S + "art_16__para_4"): A,
        ("art_22__para_1", S + "art_17__para_1"): A,
        ("art_22__para_2", S + "art_17__para_2"): A,
        ("art_23__para_1", S + "art_18__para_1"): A,
        ("art_23__para_2", S + "art_18__para_2"): A,
        ("art_23__para_3", S + "art_18__para_3"): A,
        ("art_23__para_4", S + "art_18__para_4"): A,
        ("art_23__para_5", S + "art_18__para_5"): A,
        ("art_24__para_1", S + "art_19__para_1"): A,
        ("art_24__para_2", S + "art_19__para_2"): A,
        ("art_25__para_1", S + "art_20__para_1"): A,
        ("art_25__para_2", S + "art_20__para_2"): A,
    },
    added=(
        "art_5",
        "art_6__para_3",
        "art_6__para_4",
        "art_7",
        "art_8__para_1",
        "art_8__para_2",
        "art_8__para_3",
        "art_8__para_4",
        "art_8__para_5",
        "art_8__para_6",
        "art_8__para_7",
        "art_9__para_1",
        "art_9__para_2",
        "art_9__para_3",
        "art_9__para_4",
        "art_14__para_3",
        "art_15__para_2",
        "art_16__para_1",
        "art_16__para_2",
        "art_16__para_5",
        "art_17",
        "art_18__para_6",
    ),
    uncertain_targets=(
        "art_3",
        "art_10__para_1",
        "art_14__para_2",
        "art_15__para_1",
        "art_15__para_3",
        "art_16__para_3",
        "art_18__para_2",
        "art_18__para_5",
    ),
    uncertain_pairs=(("art_18__para_1", S + "art_8__para_3"),),
)

SAMPLE = (COE, SMUGGLING)
