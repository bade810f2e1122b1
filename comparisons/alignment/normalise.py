"""Turn a provision's text into comparable tokens without losing the original words.

Comparing drafts of different treaties means ignoring what does not change the
norm: case, punctuation, British/American spelling, "this Protocol" versus "this
Convention", "States Parties" versus "Parties", article numbers in cross-references.
Those equivalences live in :mod:`.equivalences` as data; this module applies them.

The text is cut into *chunks* (a run of non-space characters plus the spaces after
it).  Each chunk yields zero or more word keys; phrase rules then merge, rewrite or
drop keys.  Every resulting token remembers the chunks it came from, and tokens that
share a chunk are grouped into an :class:`Atom`: the smallest piece of the original
text that has a normalised identity.  Joining the atoms' ``text`` gives the input
back exactly, which is what lets the word-level diff show the original words.
"""

from __future__ import annotations

import re
import unicodedata
import weakref
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate, chain

from .equivalences import PhraseRule, WordRule

_CHUNK_RE = re.compile(r"\S+\s*")
_APOSTROPHES_RE = re.compile(r"['\u2019\u2018\u02bc]")
_INNER_HYPHEN_RE = re.compile(r"(?<=\w)[-\u2010\u2011](?=\w)")
_WORD_RE = re.compile(r"[^\W_]+")


@dataclass(frozen=True, slots=True)
class Atom:
    """A piece of original text (whole chunks) and the normalised tokens it stands for."""

    key: str
    text: str


@dataclass(frozen=True, slots=True)
class NormalisedText:
    """A text, its normalised tokens and its atoms (which reproduce the text exactly).

    Atoms are stored as two parallel tuples (keys and original texts) because building
    thousands of small objects per comparison costs more than the normalisation itself.
    """

    text: str
    tokens: tuple[str, ...]
    atom_keys: tuple[str, ...]
    atom_texts: tuple[str, ...]

    @property
    def atoms(self) -> tuple[Atom, ...]:
        return tuple(Atom(k, t) for k, t in zip(self.atom_keys, self.atom_texts, strict=True))

    @property
    def joined(self) -> str:
        return " ".join(self.tokens)

    def line_tokens(self) -> tuple[tuple[str, ...], ...]:
        """The tokens line by line (a line ends after the atom whose text holds the newline).

        Read off the atoms, so a unit normalised once also gives its provisions' tokens; a
        phrase that ran across a line break stays with the line it started on.
        """
        return self._pieces(self._atoms_ending(_LINE_END))

    def sentence_tokens(self) -> tuple[tuple[str, ...], ...]:
        """The tokens sentence by sentence: pieces end at a line break and after a word that
        ends with a full stop, semicolon or colon (read off the atoms, like :meth:`line_tokens`)."""
        return self._pieces(self._atoms_ending(_SENTENCE_END))

    def _atoms_ending(self, pattern: re.Pattern[str]) -> list[int]:
        """The atoms (ascending, once each) after which a piece ends: an atom whose text holds a
        newline, or whose text ends with a match of ``pattern`` (found in the text at once,
        which the atoms' texts reproduce)."""
        matches = list(pattern.finditer(self.text)) if self.atom_texts else []
        if not matches:
            return []
        ends = list(accumulate(map(len, self.atom_texts)))  # where each atom's text ends
        found: list[int] = []
        for match in matches:
            atom = bisect_right(ends, match.start())
            if ("\n" in match.group() or ends[atom] == match.end()) and (not found or found[-1] != atom):
                found.append(atom)
        return found

    def _pieces(self, ends: Sequence[int]) -> tuple[tuple[str, ...], ...]:
        """The tokens cut after each atom whose index is in ``ends`` (ascending)."""
        if not ends:
            return (self.tokens,) if self.tokens else ()
        # An atom's key is its tokens joined by spaces: the tokens up to the end of atom i are
        # the spaces before that end in the joined keys, plus one (counted in C, not per atom).
        joined = " ".join(self.atom_keys)
        key_ends = list(accumulate(map(len, self.atom_keys)))
        pieces: list[tuple[str, ...]] = []
        start = scanned = spaces = 0
        for end in ends:
            offset = key_ends[end] + end
            spaces += joined.count(" ", scanned, offset)
            scanned = offset
            pieces.append(self.tokens[start : spaces + 1])
            start = spaces + 1
        if start < len(self.tokens):
            pieces.append(self.tokens[start:])
        return tuple(pieces)


#: Where a piece may end: a newline; for sentences also a full stop, semicolon or colon
#: and the spaces after it (counted only where they end an atom, as a chunk's spaces do).
_LINE_END = re.compile(r"\n")
_SENTENCE_END = re.compile(r"\n|[.;:]\s+")


@dataclass(frozen=True, slots=True, eq=False, weakref_slot=True)
class EquivalenceTable:
    """Compiled word and phrase rules; build it with :func:`compile_table` (cached).

    ``phrase_rules`` hold ``(pattern, replacement, has_backreference)``.  ``word_keys``
    memoises the word rules: a treaty corpus has a few thousand distinct words.
    """

    word_rules: tuple[tuple[re.Pattern[str], str], ...]
    #: Any word rule, as one pattern: a word it does not match keeps its key unchanged
    #: (no rule can then match a later rule's output either), one test instead of one per rule.
    #: None when the rules cannot share one pattern (see :func:`combinable`): every rule is tried.
    any_word_rule: re.Pattern[str] | None
    phrase_rules: tuple[tuple[re.Pattern[str], str, bool], ...]
    #: All phrase rules as one alternation (first listed wins at a position), used when no
    #: replacement has a backreference: one scan per text instead of one per rule.
    combined: re.Pattern[str] | None = None
    replacements: tuple[str, ...] = ()
    word_keys: dict[str, str] = field(default_factory=dict)
    chunk_keys: dict[str, list[str]] = field(default_factory=dict)


#: A phrase pattern forced onto whole tokens of ``" " + " ".join(tokens) + " "``: a match
#: starts at the space before its first token and is followed by a space.  Anchoring on a
#: literal space lets the regex engine jump from token to token instead of trying every
#: character of the text.
_ON_TOKENS = " (?:{})(?= )"


#: A reference to a group by number, or a named group: either means something else, or does not
#: compile, once the pattern stands in an alternation with others (group numbers shift, names clash).
_GROUP_REFERENCE = re.compile(r"\\[1-9]|\(\?P[<=]")


def combinable(patterns: Iterable[str]) -> bool:
    """Whether ``patterns`` can be tried as one alternation and each still match what it matches alone."""
    return not any(_GROUP_REFERENCE.search(pattern) for pattern in patterns)


def alternation_on_tokens(rules: Sequence[PhraseRule]) -> tuple[re.Pattern[str], tuple[str, ...]]:
    """Rules as one pattern on whole tokens (see :data:`_ON_TOKENS`; the first listed wins at
    a position) and their replacements: a match's is ``replacements[rule_of(match)]``."""
    # Each rule is marked by an empty group *after* it: a rule that starts with a letter then
    # starts its alternative, and the regex engine skips it at a glance where that letter is
    # not (a group in front would hide the letter: the scan took twice as long).
    alternatives = "|".join(f"(?:{pattern})(?P<r{i}>)" for i, (pattern, _r) in enumerate(rules))
    return re.compile(_ON_TOKENS.format(alternatives)), tuple(repl for _p, repl in rules)


def rule_of(match: re.Match[str]) -> int:
    """Which rule of :func:`alternation_on_tokens` made ``match``."""
    return int((match.lastgroup or "r0")[1:])


@lru_cache(maxsize=32)
def compile_table(word_rules: tuple[WordRule, ...], phrase_rules: tuple[PhraseRule, ...]) -> EquivalenceTable:
    """Compile rules once per distinct table; phrase matches are forced onto word boundaries."""
    words = tuple((re.compile(pattern), repl) for pattern, repl in word_rules)
    any_word = None
    if word_rules and combinable(pattern for pattern, _r in word_rules):
        any_word = re.compile("|".join(f"(?:{pattern})" for pattern, _r in word_rules))
    phrases = tuple((re.compile(_ON_TOKENS.format(pattern)), repl, "\\" in repl) for pattern, repl in phrase_rules)
    combined = None
    replacements: tuple[str, ...] = ()
    if (
        phrase_rules
        and not any(expand for _p, _r, expand in phrases)
        and combinable(pattern for pattern, _r in phrase_rules)
    ):
        combined, replacements = alternation_on_tokens(phrase_rules)
    table = EquivalenceTable(words, any_word, phrases, combined, replacements)
    _TABLES.add(table)
    return table


def _word_key(word: str, table: EquivalenceTable) -> str:
    cache = table.word_keys
    key = cache.get(word)
    if key is None:
        key = word
        prefilter = table.any_word_rule
        rules = table.word_rules if prefilter is None or prefilter.fullmatch(word) else ()
        for pattern, repl in rules:
            match = pattern.fullmatch(key)
            if match:
                key = match.expand(repl)
        if len(cache) > MEMO_LIMIT:
            cache.clear()
        cache[word] = key
    return key


#: Memo size at which a memo is emptied: find-source normalises text that users paste,
#: so no memo may grow with what users type for the life of the process.
MEMO_LIMIT = 200_000

_CHUNK_WORDS: dict[str, list[str]] = {}
_TABLES: weakref.WeakSet[EquivalenceTable] = weakref.WeakSet()  # for clear_caches only


def _chunk_words(chunk: str) -> list[str]:
    words = _CHUNK_WORDS.get(chunk)
    if words is None:
        if len(_CHUNK_WORDS) > MEMO_LIMIT:
            _CHUNK_WORDS.clear()
        words = _CHUNK_WORDS[chunk] = _split_words(chunk)
    return words


def _split_words(chunk: str) -> list[str]:
    cleaned = unicodedata.normalize("NFKC", chunk).lower()
    cleaned = _APOSTROPHES_RE.sub("", cleaned)
    cleaned = _INNER_HYPHEN_RE.sub("", cleaned)
    return _WORD_RE.findall(cleaned)


def _splice(
    pattern: re.Pattern[str],
    replacement: Callable[[re.Match[str]], str],
    tokens: list[str],
    spans: list[tuple[int, int]],
) -> tuple[list[str], list[tuple[int, int]]]:
    """Replace each whole-token match of ``pattern`` (see :data:`_ON_TOKENS`) in the joined
    tokens; the new tokens take the span of the chunks the matched tokens came from."""
    matches = list(pattern.finditer(" " + " ".join(tokens) + " "))
    if not matches:
        return tokens, spans
    # where each token's leading space stands (and, last, the closing space)
    spaces = list(accumulate((len(token) + 1 for token in tokens), initial=0))
    new_tokens: list[str] = []
    new_spans: list[tuple[int, int]] = []
    position = 0  # index of the next token not yet copied
    for match in matches:
        if match.end() - match.start() < 2:  # no token matched: nothing to replace
            continue
        first = bisect_left(spaces, match.start())
        last = bisect_left(spaces, match.end()) - 1
        new_tokens.extend(tokens[position:first])
        new_spans.extend(spans[position:first])
        span = (spans[first][0], spans[last][1])
        for token in replacement(match).split():
            new_tokens.append(token)
            new_spans.append(span)
        position = last + 1
    new_tokens.extend(tokens[position:])
    new_spans.extend(spans[position:])
    return new_tokens, new_spans


def _apply_phrase_rule(
    pattern: re.Pattern[str], repl: str, expand: bool, tokens: list[str], spans: list[tuple[int, int]]
) -> tuple[list[str], list[tuple[int, int]]]:
    return _splice(pattern, (lambda m: m.expand(repl)) if expand else (lambda m: repl), tokens, spans)


def _apply_combined(
    pattern: re.Pattern[str], replacements: tuple[str, ...], tokens: list[str], spans: list[tuple[int, int]]
) -> tuple[list[str], list[tuple[int, int]]]:
    """Apply every phrase rule in one left-to-right scan (earlier rules win at a position)."""
    return _splice(pattern, lambda m: replacements[rule_of(m)], tokens, spans)


def _atoms(
    chunks: Sequence[str], tokens: Sequence[str], spans: Sequence[tuple[int, int]]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    firsts: list[int] = []  # first chunk of each atom
    keys: list[str] = []
    last = -1
    for token, (lo, hi) in zip(tokens, spans, strict=True):
        if keys and lo <= last:
            keys[-1] += " " + token
        else:
            firsts.append(lo)
            keys.append(token)
        if hi > last:
            last = hi
    if not firsts:
        return (), ()
    if len(firsts) == len(chunks):
        return tuple(keys), tuple(chunks)
    bounds = [0, *firsts[1:], len(chunks)]
    return tuple(keys), tuple("".join(chunks[bounds[i] : bounds[i + 1]]) for i in range(len(firsts)))


def _chunk_keys(chunk: str, table: EquivalenceTable) -> list[str]:
    """The word keys of a chunk (memoised in the table)."""
    cache = table.chunk_keys
    if len(cache) > MEMO_LIMIT:
        cache.clear()
    keys = cache[chunk] = [_word_key(word, table) for word in _chunk_words(chunk)]
    return keys


def normalise_with(text: str, table: EquivalenceTable) -> NormalisedText:
    """Normalise ``text`` with a compiled table (results are cached per table)."""
    return _normalise_cached(text, table)


@lru_cache(maxsize=8192)
def _normalise_cached(text: str, table: EquivalenceTable) -> NormalisedText:
    chunks = _CHUNK_RE.findall(text)
    if not chunks:
        return NormalisedText(text, (), (), ())
    lead = text[: len(text) - len(text.lstrip())]
    chunks[0] = lead + chunks[0]
    cache = table.chunk_keys
    keyed = [keys if (keys := cache.get(chunk)) is not None else _chunk_keys(chunk, table) for chunk in chunks]
    tokens = list(chain.from_iterable(keyed))
    spans = [(index, index) for index, keys in enumerate(keyed) for _ in keys]
    if table.combined is not None:
        tokens, spans = _apply_combined(table.combined, table.replacements, tokens, spans)
    else:
        for pattern, repl, expand in table.phrase_rules:
            tokens, spans = _apply_phrase_rule(pattern, repl, expand, tokens, spans)
    keys_out, texts_out = _atoms(chunks, tokens, spans)
    if not keys_out:
        return NormalisedText(text, (), (), ())
    return NormalisedText(text, tuple(tokens), keys_out, texts_out)


def normalise(
    text: str,
    word_rules: tuple[WordRule, ...] | None = None,
    phrase_rules: tuple[PhraseRule, ...] | None = None,
) -> NormalisedText:
    """Normalise ``text`` with the default tables (or the given ones)."""
    from .equivalences import DEFAULT_PHRASE_EQUIVALENCES, DEFAULT_WORD_EQUIVALENCES

    table = compile_table(
        DEFAULT_WORD_EQUIVALENCES if word_rules is None else word_rules,
        DEFAULT_PHRASE_EQUIVALENCES if phrase_rules is None else phrase_rules,
    )
    return normalise_with(text, table)


def clear_caches() -> None:
    """Forget every memoised normalisation (for benchmarks and tests)."""
    _normalise_cached.cache_clear()
    _CHUNK_WORDS.clear()
    for table in _compiled_tables():
        table.word_keys.clear()
        table.chunk_keys.clear()


def _compiled_tables() -> list[EquivalenceTable]:
    return list(_TABLES)
