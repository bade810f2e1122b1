"""Every imported state of a treaty is kept: recorded on import, compared, restored.

The import service calls :func:`record_version` once, at the end of its transaction: it
refuses an import that would remove provisions unless the caller confirmed that exact
number (the transaction then rolls back and nothing is written), and otherwise stores the
new state as the treaty's next :class:`~treaties.models.TreatyVersion`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Max
from rapidfuzz.distance import Indel

from .models import Treaty, TreatyVersion
from .parsing.errors import TreatyFormatError
from .parsing.tree import ParsedProvision, ParsedTreaty

if TYPE_CHECKING:
    from .services import ImportReport

#: The fields of a provision a version keeps, in the order of ``ParsedProvision``.
ROW_FIELDS = ("eid", "kind", "number", "heading", "text", "parent_eid", "line")
#: The fields whose change makes a provision "edited" between two versions.
COMPARED = ("kind", "number", "heading", "text")
WORD_RE = re.compile(r"\S+\s*|\s+")


class RemovalsNotConfirmed(TreatyFormatError):
    """An import would remove provisions and the caller did not confirm exactly that many."""

    def __init__(self, source: str, slug: str, removed: Sequence[str]) -> None:
        self.count = len(removed)
        self.slug = slug
        shown = ", ".join(removed[:5]) + (", …" if len(removed) > 5 else "")
        noun = "provision" if self.count == 1 else "provisions"
        super().__init__(
            source,
            None,
            f"importing this file would remove {self.count} {noun} of {slug} ({shown}); "
            f"confirm the removal of exactly {self.count} to import it",
        )


def provision_rows(parsed: ParsedTreaty) -> list[dict[str, Any]]:
    return [{name: getattr(item, name) for name in ROW_FIELDS} for item in parsed.provisions]


def record_version(
    *,
    treaty: Treaty,
    parsed: ParsedTreaty,
    report: ImportReport,
    checksum: str,
    source_file: str,
    source_format: str,
    user: Any = None,
    allow_removals: int | None = 0,
    restored_from: TreatyVersion | None = None,
) -> TreatyVersion:
    """Refuse unconfirmed removals, then keep what was just written as the next version.

    ``allow_removals`` is the number of removed provisions the caller confirmed; None skips
    the check (a dry run that only reports, or a restore, which is its own confirmation).
    Call it inside the import's transaction, with the treaty row locked.
    """
    if allow_removals is not None and report.removed and len(report.removed) != allow_removals:
        raise RemovalsNotConfirmed(parsed.source, parsed.slug, report.removed)
    latest = treaty.versions.aggregate(latest=Max("number"))["latest"] or 0
    return TreatyVersion.objects.create(
        treaty=treaty,
        number=latest + 1,
        created_by=user if getattr(user, "is_authenticated", False) else None,
        source_file=source_file,
        source_format=source_format,
        checksum=checksum,
        metadata=dict(parsed.meta),
        provisions=provision_rows(parsed),
        restored_from=restored_from,
    )


def parsed_from_version(version: TreatyVersion) -> ParsedTreaty:
    provisions = tuple(ParsedProvision(**{name: row[name] for name in ROW_FIELDS}) for row in version.provisions)
    return ParsedTreaty(
        slug=version.treaty.slug,
        meta=dict(version.metadata),
        provisions=provisions,
        source=f"version {version.number} of {version.treaty.slug} ({version.source_file})",
    )


@transaction.atomic
def restore_version(*, version: TreatyVersion, user: Any) -> ImportReport:
    """Make ``version`` the current text again; the restore is recorded as a new version."""
    from .services import import_parsed  # services calls record_version: import it when used

    return import_parsed(
        parsed=parsed_from_version(version),
        checksum=version.checksum,
        source_file=version.source_file,
        source_format=version.source_format,
        user=user,
        allow_removals=None,
        restored_from=version,
    )


@dataclass(frozen=True)
class EditedProvision:
    eid: str
    old: dict[str, Any]
    new: dict[str, Any]
    #: (kind, old words, new words) with kind "equal", "delete" or "insert", as ``_redline.html`` reads them.
    text_diff: list[tuple[str, str, str]]

    @property
    def changed_fields(self) -> list[str]:
        return [name for name in COMPARED if self.old[name] != self.new[name]]


@dataclass(frozen=True)
class VersionDiff:
    old: TreatyVersion
    new: TreatyVersion
    added: list[dict[str, Any]] = field(default_factory=list)
    removed: list[dict[str, Any]] = field(default_factory=list)
    edited: list[EditedProvision] = field(default_factory=list)


def word_ops(old: str, new: str) -> list[tuple[str, str, str]]:
    """An exact word-level diff (every character counts between two versions of one text)."""
    old_words, new_words = WORD_RE.findall(old), WORD_RE.findall(new)
    ops: list[tuple[str, str, str]] = []
    deleted, inserted = "", ""  # the change since the last equal run: shown deletion first

    def flush() -> None:
        if deleted:
            ops.append(("delete", deleted, ""))
        if inserted:
            ops.append(("insert", "", inserted))

    for op in Indel.opcodes(old_words, new_words):
        before = "".join(old_words[op.src_start : op.src_end])
        after = "".join(new_words[op.dest_start : op.dest_end])
        if op.tag == "equal":
            flush()
            deleted, inserted = "", ""
            ops.append(("equal", before, after))
        else:
            deleted, inserted = deleted + before, inserted + after
    flush()
    return ops


def compare_versions(old: TreatyVersion, new: TreatyVersion) -> VersionDiff:
    """Provisions added, removed and edited (by eId) from ``old`` to ``new``, in document order."""
    before = {row["eid"]: row for row in old.provisions}
    after = {row["eid"]: row for row in new.provisions}
    diff = VersionDiff(old=old, new=new)
    diff.removed.extend(row for eid, row in before.items() if eid not in after)
    for eid, row in after.items():
        previous = before.get(eid)
        if previous is None:
            diff.added.append(row)
        elif any(previous[name] != row[name] for name in COMPARED):
            diff.edited.append(EditedProvision(eid, previous, row, word_ops(previous["text"], row["text"])))
    return diff
