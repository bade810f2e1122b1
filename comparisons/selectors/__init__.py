"""Every read of comparisons that other code shares (pages, commands, exports, the research app).

Writes are in :mod:`comparisons.services`; pure view-models in :mod:`comparisons.display`.
"""

from .candidates import CandidateFilter, CandidateReview, candidate_review, candidates_of, offered_candidates
from .corpus import corpus_index
from .counts import RunCounts, latest_counts
from .export import alignment_export
from .provision_alignments import ProvisionAlignment, ProvisionEntry, alignments_of
from .runs import LEVELS, current_pair_row, effective_rows, pair_history, pair_row
from .units import comparison_instruments, comparison_units, engine_instruments

__all__ = [
    "LEVELS",
    "CandidateFilter",
    "CandidateReview",
    "ProvisionAlignment",
    "ProvisionEntry",
    "RunCounts",
    "alignment_export",
    "alignments_of",
    "candidate_review",
    "candidates_of",
    "comparison_instruments",
    "comparison_units",
    "corpus_index",
    "current_pair_row",
    "effective_rows",
    "engine_instruments",
    "latest_counts",
    "offered_candidates",
    "pair_history",
    "pair_row",
]
