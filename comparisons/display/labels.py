"""How pages name the engine's values: change features, kinds of evidence and of systematic
change, articles and chapters."""

from __future__ import annotations

import re

from ..alignment import CLOSE_COPY

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

#: The evidence kinds of :data:`comparisons.alignment.EVIDENCE_KINDS`, named as on the method page
#: (whose definitions carry the ids ``evidence-<kind>``).
EVIDENCE_LABELS = {
    CLOSE_COPY: "close copy",
    "merge_or_split": "merge or split",
    "copied_clause": "copied clause",
    "restated_sentence": "restated sentence",
    "mutual_best": "each other’s best",
    "meaning": "meaning",
    "twin_source": "twin source",
    "structure": "structure",
    "corresponding_articles": "corresponding articles",
}


#: The kinds of :data:`comparisons.alignment.SYSTEMATIC_KINDS`, named as on the method page
#: (whose definitions carry the ids ``systematic-<kind>``).
SYSTEMATIC_LABELS = {
    "party_wording": "party wording",
    "instrument_wording": "instrument wording",
    "subject_term": "subject term",
    "defined_term": "defined term",
    "own_terminology": "the target’s own terms",
    "spelling": "spelling",
    "pronoun": "pronoun",
    "article": "articles",
    "plural": "singular or plural",
    "cross_reference": "cross-reference",
    "synonym": "trivial synonym",
    "word_order": "word order",
    "equivalence": "the comparison’s own equivalences",
}


def systematic_label(kind: str) -> str:
    return SYSTEMATIC_LABELS.get(kind, kind.replace("_", " "))


def feature_label(feature: str) -> str:
    return FEATURE_LABELS.get(feature, feature.replace("_", " "))


def evidence_label(kind: str) -> str:
    return EVIDENCE_LABELS.get(kind, kind.replace("_", " "))


def article_title(article_eid: str, heading: str = "") -> str:
    """``art_5`` + heading -> ``Article 5 — heading``; ``preamble`` -> ``Preamble``."""
    if article_eid.startswith("art_"):
        title = "Article " + article_eid.removeprefix("art_")
    else:
        title = article_eid.replace("_", " ").capitalize()
    return f"{title} — {heading}" if heading and heading.lower() != title.lower() else title


_CHAPTER_PREFIX_RE = re.compile(r"^chapter\s+[\w.]+\s*[—–:.-]?\s*", re.IGNORECASE)


def chapter_title(heading: str) -> str:
    """``Chapter IV — SUBSTANTIVE CRIMINAL LAW`` -> ``Substantive criminal law`` (the number is shown apart)."""
    title = _CHAPTER_PREFIX_RE.sub("", heading).strip() or heading
    return title.capitalize() if title.isupper() else title
