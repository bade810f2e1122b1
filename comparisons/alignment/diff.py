"""Word-level diff of two units that reads like a lawyer's redline.

The diff runs on atoms (see :mod:`.normalise`): each atom's normalised key becomes
an integer and rapidfuzz computes Indel opcodes on the two integer sequences, so
"organised"/"organized" or "State Party"/"Party" are equal and punctuation never
drives the alignment.  The ops carry the *original* words with their spacing, so
joining the source side of every op gives the source text back exactly, and the
same for the target.  Short unchanged runs (``merge_equal_max`` words or fewer)
caught between two changes are folded into the change, so a rewritten sentence
shows as one deletion and one insertion instead of confetti.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz.distance import Indel

from .normalise import NormalisedText
from .types import DiffOp

_WORD_RE = re.compile(r"[^\W_]+")
_HYPHEN_RE = re.compile(r"(?<=\w)[-\u2010\u2011](?=\w)|['\u2019\u2018\u02bc]")


@dataclass(frozen=True, slots=True)
class DiffResult:
    """The ops plus word counts of the raw (unmerged) diff, for added/removed shares."""

    ops: tuple[DiffOp, ...]
    equal_words: int
    inserted_words: int
    deleted_words: int
    #: Normalised (source, target) wording of each change, widened by one word on each
    #: side so "shall consider" -> "shall" is seen whole; used to explain the change.
    changes: tuple[tuple[str, str], ...] = ()
    #: Atoms the diff counts as equal whose original words differ: (normalised key, source
    #: words, target words), e.g. ``("§party", "States Parties", "Parties")``; what the
    #: normalisation absorbed, named as systematic changes by :mod:`.systematic`.
    renderings: tuple[tuple[str, str, str], ...] = ()


def _text(texts: tuple[str, ...], start: int, end: int) -> str:
    return "".join(texts[start:end])


def _without_atoms(source: NormalisedText, target: NormalisedText) -> DiffResult:
    """One side has no words at all (empty or punctuation only)."""
    if source.text == target.text:
        ops = (DiffOp("equal", source.text, target.text),) if source.text else ()
        return DiffResult(ops, len(source.atom_keys), 0, 0)
    ops_list = []
    if source.text:
        ops_list.append(DiffOp("delete", source.text, ""))
    if target.text:
        ops_list.append(DiffOp("insert", "", target.text))
    return DiffResult(tuple(ops_list), 0, len(target.atom_keys), len(source.atom_keys))


Block = tuple[bool, int, int, int, int]


def blocks_of(source: Sequence[str], target: Sequence[str]) -> list[Block]:
    """The Indel opcodes of two token sequences as blocks ``(is_equal, s0, s1, t0, t1)``."""
    ids: dict[str, int] = {}
    src_ids = [ids.setdefault(key, len(ids)) for key in source]
    tgt_ids = [ids.setdefault(key, len(ids)) for key in target]
    return [
        (op.tag == "equal", op.src_start, op.src_end, op.dest_start, op.dest_end)
        for op in Indel.opcodes(src_ids, tgt_ids)
    ]


def fold(blocks: Sequence[Block], merge_equal_max: int) -> list[Block]:
    """Fold tiny equal runs sandwiched between changes into the change, and merge adjacent changes."""
    folded: list[Block] = []
    for index, block in enumerate(blocks):
        is_equal, s0, s1, t0, t1 = block
        inner = 0 < index < len(blocks) - 1
        if is_equal and inner and (s1 - s0) <= merge_equal_max:
            block = (False, s0, s1, t0, t1)
        if folded and not block[0] and not folded[-1][0]:
            previous = folded.pop()
            block = (False, previous[1], block[2], previous[3], block[4])
        folded.append(block)
    return folded


def word_diff(source: NormalisedText, target: NormalisedText, merge_equal_max: int = 2) -> DiffResult:
    """Diff ``source`` into ``target`` at word level."""
    if not source.atom_keys or not target.atom_keys:
        return _without_atoms(source, target)
    blocks = blocks_of(source.atom_keys, target.atom_keys)
    equal = inserted = deleted = 0
    renderings: list[tuple[str, str, str]] = []
    for is_equal, s0, s1, t0, t1 in blocks:
        if is_equal:
            equal += s1 - s0
            renderings.extend(_renderings(source, target, s0, t0, s1 - s0))
        else:
            deleted += s1 - s0
            inserted += t1 - t0
    ops: list[DiffOp] = []
    changes: list[tuple[str, str]] = []
    for is_equal, s0, s1, t0, t1 in fold(blocks, merge_equal_max):
        src_text = _text(source.atom_texts, s0, s1)
        tgt_text = _text(target.atom_texts, t0, t1)
        if is_equal:
            ops.append(DiffOp("equal", src_text, tgt_text))
            continue
        if src_text:
            ops.append(DiffOp("delete", src_text, ""))
        if tgt_text:
            ops.append(DiffOp("insert", "", tgt_text))
        changes.append((_keys(source.atom_keys, s0 - 1, s1 + 1), _keys(target.atom_keys, t0 - 1, t1 + 1)))
    return DiffResult(tuple(ops), equal, inserted, deleted, tuple(changes), tuple(renderings))


def _words(text: str) -> list[str]:
    return _WORD_RE.findall(_HYPHEN_RE.sub("", text.lower()))


def _renderings(
    source: NormalisedText, target: NormalisedText, src_start: int, tgt_start: int, length: int
) -> list[tuple[str, str, str]]:
    """The equal atoms of one run whose words differ (not just case, spacing or punctuation)."""
    found = []
    for offset in range(length):
        src_text = source.atom_texts[src_start + offset]
        tgt_text = target.atom_texts[tgt_start + offset]
        if src_text != tgt_text and _words(src_text) != _words(tgt_text):
            found.append((source.atom_keys[src_start + offset], src_text.strip(), tgt_text.strip()))
    return found


def _keys(keys: tuple[str, ...], start: int, end: int) -> str:
    return " ".join(keys[max(start, 0) : end])
