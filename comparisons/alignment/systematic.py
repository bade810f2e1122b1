"""Systematic changes: read a linked pair's differences as a lawyer does, by their kind.

A target provision *adopts* its source when it carries the same norm in the same words up
to **systematic changes** that alter nothing of substance (``../shared/docs/relations.md``):
party and instrument wording, the instrument's subject terms, the target's own terms and
defined terms, spelling, articles, singular and plural, renumbered cross-references,
trivial synonyms, word order.  One change of any other kind (an added qualifier, "shall"
become "may", a dropped element) makes the link *modified*, however small it is; a diff
of systematic changes only stays adopted, however many words it touches.

Two sources of evidence, both data-driven:

* what the normalisation already absorbed (:mod:`.equivalences`: "State Party" and
  "Party" are both ``§party``): the diff's *renderings*, equal atoms whose words differ,
  named by the placeholder or rule that made them equal;
* what is left in the diff: both texts are rewritten by the systematic-change rules
  (:data:`~.equivalences.DEFAULT_SYSTEMATIC_CHANGES`, extendable per comparison), each
  tagged with its kind, and compared again; a change that remains is systematic only when
  it is the same words in another order.

A kind is reported when its rules matched differently in the two texts (the texts differ
in it), so a link lists what it was adopted *through*.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache
from itertools import filterfalse

from .diff import DiffResult, blocks_of, fold
from .equivalences import SystematicRule
from .normalise import EquivalenceTable, NormalisedText, normalise_with
from .types import Unit

PARTY_WORDING = "party_wording"
INSTRUMENT_WORDING = "instrument_wording"
SUBJECT_TERM = "subject_term"
OWN_TERMINOLOGY = "own_terminology"
DEFINED_TERM = "defined_term"
SPELLING = "spelling"
PRONOUN = "pronoun"
ARTICLE = "article"
PLURAL = "plural"
CROSS_REFERENCE = "cross_reference"
SYNONYM = "synonym"
WORD_ORDER = "word_order"
#: Equivalences a comparison added that fit none of the kinds above.
EQUIVALENCE = "equivalence"

#: Every kind, in the order pages list them.
SYSTEMATIC_KINDS = (
    PARTY_WORDING,
    INSTRUMENT_WORDING,
    SUBJECT_TERM,
    DEFINED_TERM,
    OWN_TERMINOLOGY,
    SPELLING,
    PRONOUN,
    ARTICLE,
    PLURAL,
    CROSS_REFERENCE,
    SYNONYM,
    WORD_ORDER,
    EQUIVALENCE,
)

#: Placeholder in a rule's pattern for the terms the target instrument defines.
DEFINED = "§defined"

_DEFINITION_RE = re.compile(r"[“\"‘']([^“”\"‘’']{1,60})[”\"’']\s+(?:shall\s+mean|means)\b", re.IGNORECASE)

#: Normalised keys the default phrase rules produce, and the kind they stand for.
_KEY_KINDS: tuple[tuple[str, str], ...] = (
    ("§party", PARTY_WORDING),
    ("§self", INSTRUMENT_WORDING),
    ("§title", INSTRUMENT_WORDING),
    ("§subject", SUBJECT_TERM),
    ("§ref", CROSS_REFERENCE),
    ("domestic law", OWN_TERMINOLOGY),
)
_PRONOUNS = frozenset({"he", "his", "him"})


def defined_terms(units: Iterable[Unit], table: EquivalenceTable) -> frozenset[str]:
    """The normalised terms an instrument defines (“Victim” shall mean ...), from its units."""
    terms = set()
    for unit in units:
        for match in _DEFINITION_RE.finditer(unit.text):
            key = normalise_with(match.group(1), table).joined
            if key:
                terms.add(key)
    return frozenset(terms)


@lru_cache(maxsize=32)
def compile_rules(
    rules: tuple[SystematicRule, ...], terms: frozenset[str]
) -> tuple[tuple[str, re.Pattern[str], str], ...]:
    """Rules as (kind, compiled pattern on whole tokens, replacement); ``§defined`` becomes
    the defined terms (a rule that needs them is left out when there are none)."""
    defined = "|".join(re.escape(term) for term in sorted(terms, key=len, reverse=True))
    compiled = []
    for kind, pattern, replacement in rules:
        if DEFINED in pattern:
            if not defined:
                continue
            pattern = pattern.replace(DEFINED, "(?:" + defined + ")")
        compiled.append((kind, re.compile(_WORD_START + pattern + _WORD_END), replacement))
    return tuple(compiled)


_GENERIC = re.compile(r"\\[wWsSdD]|(?<!\\)\.|\[")
_LITERAL_WORD = re.compile(r"[^\W\d_]+|§\w+")
#: A letter made optional or repeated ("colou?r"): its words are not all written out (a
#: plural "s?" is: the stem of "persons" is "person").
_OPTIONAL_LETTER = re.compile(r"(?<!\\)[^\W\d_s][?*+{]")
_WORD_START, _WORD_END = r"(?<![^ ])(?:", r")(?![^ ])"


@lru_cache(maxsize=32)
def touchable(
    rules: tuple[tuple[str, re.Pattern[str], str], ...],
) -> tuple[frozenset[str], tuple[tuple[re.Pattern[str], str], ...]] | None:
    """What the rules can rewrite: the words their patterns and replacements name (a safe
    over-approximation), and the one-word rules that match any word (plural endings), or
    None when a rule matches any words across a phrase (no quick check is safe then)."""
    words: set[str] = set()
    single: list[tuple[re.Pattern[str], str]] = []
    for _kind, pattern, replacement in rules:
        inner = pattern.pattern.removeprefix(_WORD_START).removesuffix(_WORD_END)
        if _OPTIONAL_LETTER.search(inner):
            return None
        if _GENERIC.search(inner):
            if " " in inner or "§" in inner:
                return None
            single.append((re.compile(inner), replacement))
        words.update(_LITERAL_WORD.findall(inner))
        words.update(_LITERAL_WORD.findall(replacement))
    rewrites = tuple(single)
    stems = {_stem(word, rewrites) for word in words}
    return frozenset(words | stems), rewrites


@lru_cache(maxsize=65536)
def _stem(word: str, single: tuple[tuple[re.Pattern[str], str], ...]) -> str:
    """``word`` rewritten by the one-word rules (memoised: a comparison repeats its words)."""
    for pattern, replacement in single:
        match = pattern.fullmatch(word)
        if match:
            word = match.expand(replacement)
    return word


def clear_stems() -> None:
    """Forget the memoised stems (benchmarks measure cold runs)."""
    _stem.cache_clear()


def _cannot_match(
    source: tuple[str, ...], target: tuple[str, ...], rules: Sequence[tuple[str, re.Pattern[str], str]]
) -> bool:
    """True when a word no rule can touch occurs a different number of times in the two texts:
    then no rewriting makes them read the same (a quick exit for most modified links)."""
    reach = touchable(tuple(rules))
    if reach is None:
        return False
    words, single = reach
    # Count the untouchable tokens in C, then stem each distinct one once.
    difference = Counter(filterfalse(words.__contains__, source))
    difference.subtract(filterfalse(words.__contains__, target))
    counts: Counter[str] = Counter()
    for token, count in difference.items():
        if count and (stem := _stem(token, single)) not in words:
            counts[stem] += count
    return any(counts.values())


def rendering_kind(key: str, source: str, target: str) -> str:
    """The kind of systematic change an equal atom of the diff stands for."""
    for marker, kind in _KEY_KINDS:
        if marker in key:
            return kind
    if key in _PRONOUNS:
        return PRONOUN
    if " " not in key and " " not in source.strip() and " " not in target.strip():
        return SPELLING
    return EQUIVALENCE


def _canonical(
    source: str, target: str, rules: Sequence[tuple[str, re.Pattern[str], str]]
) -> tuple[list[str], list[str], set[str]]:
    """Both texts rewritten by every rule, and the kinds whose rules matched them differently."""
    kinds: set[str] = set()
    for kind, pattern, replacement in rules:
        source, source_hits = _rewrite(pattern, replacement, source)
        target, target_hits = _rewrite(pattern, replacement, target)
        if sorted(source_hits) != sorted(target_hits):
            kinds.add(kind)
    return source.split(), target.split(), kinds


def _rewrite(pattern: re.Pattern[str], replacement: str, text: str) -> tuple[str, list[str]]:
    """``text`` with every match of ``pattern`` replaced, and the matched wordings."""
    hits = [match.group(0) for match in pattern.finditer(text)]
    if not hits:
        return text, hits
    return " ".join(pattern.sub(replacement, text).split()), hits


def _only_reordered(source: list[str], target: list[str], merge_equal_max: int) -> bool | None:
    """True if the two token lists differ only in word order inside changes, False if not
    at all (identical), None if some change is more than a reordering."""
    if source == target:
        return False
    for is_equal, s0, s1, t0, t1 in fold(blocks_of(source, target), merge_equal_max):
        if not is_equal and Counter(source[s0:s1]) != Counter(target[t0:t1]):
            return None
    return True


def systematic_changes(
    source: NormalisedText,
    target: NormalisedText,
    diff: DiffResult,
    rules: Sequence[tuple[str, re.Pattern[str], str]],
    merge_equal_max: int = 2,
) -> tuple[str, ...] | None:
    """The kinds of systematic change between ``source`` and ``target`` (in
    :data:`SYSTEMATIC_KINDS` order), or None when some change is a real one."""
    kinds = {rendering_kind(*rendering) for rendering in diff.renderings}
    if source.tokens != target.tokens:
        if _cannot_match(source.tokens, target.tokens, rules):
            return None
        canonical_source, canonical_target, rule_kinds = _canonical(source.joined, target.joined, rules)
        reordered = _only_reordered(canonical_source, canonical_target, merge_equal_max)
        if reordered is None:
            return None
        kinds |= rule_kinds
        if reordered:
            kinds.add(WORD_ORDER)
    return tuple(kind for kind in SYSTEMATIC_KINDS if kind in kinds) + tuple(
        sorted(kind for kind in kinds if kind not in SYSTEMATIC_KINDS)
    )
