"""Writing treaties: the one place where parsed texts become rows."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Unpack

from django.db import connection, transaction

from .article_ranges import format_ranges
from .models import Provision, Treaty, TreatyVersion
from .parsing import limits
from .parsing.errors import TreatyFormatError
from .parsing.limits import check_meta, check_provisions, check_value
from .parsing.readers import guess_format, read_treaty
from .parsing.tree import ParsedTreaty, ReadOptions
from .versions import record_version

DATE_FIELDS = ("adopted", "opened_for_signature", "entry_into_force")
TRACKED = ("kind", "number", "heading", "text")  # a change here is an edit researchers should hear about
IMPORT_LOCK_CLASS = 15_001  # advisory-lock namespace of treaty imports (the key is the id's hash)


@dataclass
class ImportReport:
    slug: str
    created: bool
    unchanged: bool = False
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    edited: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    #: For an excerpt, the articles it holds ("14-15, 18"); "" for a full text.
    excerpt_articles: str = ""

    def summary(self) -> str:
        counts = ", ".join(f"{n} {kind}" for kind, n in self.counts.items() if n)
        if self.excerpt_articles:
            counts += f"; excerpt holding articles {self.excerpt_articles}"
        if self.unchanged:
            return f"{self.slug}: unchanged ({counts})"
        verb = "created" if self.created else "updated"
        changes = f"{len(self.added)} added, {len(self.removed)} removed, {len(self.edited)} edited"
        return f"{self.slug}: {verb}; {changes} ({counts})"


def _date(meta: dict[str, str], key: str, source: str) -> dt.date | None:
    value = meta.get(key, "").strip()
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise TreatyFormatError(source, None, f"front matter '{key}': {value!r} is not a date (YYYY-MM-DD)") from None


def import_file(
    *,
    path: Path,
    fmt: str | None = None,
    slug: str | None = None,
    title: str | None = None,
    progress: Callable[[str], None] | None = None,
    allow_removals: int = 0,
    excerpt: bool = False,
) -> ImportReport:
    """Read, parse and import one file; raise TreatyFormatError on bad input (nothing written).
    ``excerpt``: the file holds only some articles, numbered as in the full text."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise TreatyFormatError(str(path), None, f"cannot read file: {exc.strerror}") from None
    return import_bytes(
        name=str(path),
        data=data,
        fmt=fmt,
        slug=slug,
        title=title,
        progress=progress,
        allow_removals=allow_removals,
        excerpt=excerpt,
    )


def import_bytes(
    *,
    name: str,
    data: bytes,
    fmt: str | None = None,
    dry_run: bool = False,
    progress: Callable[[str], None] | None = None,
    user: Any = None,
    allow_removals: int = 0,
    **options: Unpack[ReadOptions],
) -> ImportReport:
    """Parse and import the bytes of a file called ``name`` (an upload, say).

    With ``dry_run`` the import runs in a transaction that is rolled back: the report
    says exactly what would be created, added, removed or edited, and nothing is kept.
    An import that would remove provisions is refused (RemovalsNotConfirmed) unless
    ``allow_removals`` is exactly their number; a dry run reports them instead.
    """
    path = Path(name)
    parsed = read_treaty(path, data, fmt=fmt, **options)
    arguments: dict[str, Any] = {
        "parsed": parsed,
        "checksum": hashlib.sha256(data).hexdigest(),
        "source_file": name,
        "source_format": fmt or guess_format(path),
        "progress": progress,
        "user": user,
    }
    if not dry_run:
        return import_parsed(**arguments, allow_removals=allow_removals)
    with transaction.atomic():
        report = import_parsed(**arguments, allow_removals=None)
        transaction.set_rollback(True)
    return report


@transaction.atomic
def import_parsed(
    *,
    parsed: ParsedTreaty,
    checksum: str,
    source_file: str,
    source_format: str,
    progress: Callable[[str], None] | None = None,
    user: Any = None,
    allow_removals: int | None = 0,
    restored_from: TreatyVersion | None = None,
) -> ImportReport:
    """Create or update a treaty in place by eId, in one transaction, and keep the new state
    as a version (see :func:`treaties.versions.record_version` for ``allow_removals``)."""
    fields = _treaty_fields(parsed, checksum=checksum, source_file=source_file, source_format=source_format)
    check_provisions(parsed.provisions, source=parsed.source)
    _wait_for_other_imports_of(parsed.slug)
    treaty = Treaty.objects.select_for_update().filter(slug=parsed.slug).first()
    report = ImportReport(
        slug=parsed.slug,
        created=treaty is None,
        counts=parsed.counts(),
        excerpt_articles=format_ranges(parsed.article_numbers()) if parsed.excerpt else "",
    )
    if (
        treaty is not None
        and treaty.checksum == checksum
        and treaty.title == fields["title"]
        and treaty.excerpt == fields["excerpt"]
    ):
        report.unchanged = True
        return report
    treaty = _save_treaty(treaty, parsed, fields)
    _sync_provisions(treaty, parsed, report, progress)
    record_version(
        treaty=treaty,
        parsed=parsed,
        report=report,
        checksum=checksum,
        source_file=source_file,
        source_format=source_format,
        user=user,
        allow_removals=allow_removals,
        restored_from=restored_from,
    )
    return report


def _treaty_fields(parsed: ParsedTreaty, *, checksum: str, source_file: str, source_format: str) -> dict[str, Any]:
    """The treaty row's values, each checked against the model's limits (nothing is written yet)."""
    meta = dict(parsed.meta)
    source = parsed.source
    check_meta(meta, source=source)
    check_value("source file name", source_file, limits.SOURCE_FILE_MAX, source=source, line=None)
    return {
        "title": meta.get("title", "").strip(),
        "short_title": meta.get("short_title", "").strip(),
        "language": meta.get("language", "en").strip() or "en",
        "metadata": meta,
        "source_file": source_file,
        "source_format": source_format,
        "checksum": checksum,
        "excerpt": parsed.excerpt,
        **{key: _date(meta, key, source) for key in DATE_FIELDS},
    }


def _wait_for_other_imports_of(slug: str) -> None:
    """Serialise imports of one id: a second first import waits, then finds the treaty the first made.

    A row lock cannot do it (there is no row yet); a transaction-scoped advisory lock on the id can.
    """
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s, hashtext(%s))", [IMPORT_LOCK_CLASS, slug])


def _save_treaty(treaty: Treaty | None, parsed: ParsedTreaty, fields: dict[str, Any]) -> Treaty:
    if treaty is None:
        return Treaty.objects.create(slug=parsed.slug, **fields)
    if treaty.title != fields["title"]:
        raise TreatyFormatError(
            parsed.source, None, f"id {parsed.slug!r} already belongs to another instrument: {treaty.title!r}"
        )
    for key, value in fields.items():
        setattr(treaty, key, value)
    treaty.save()
    return treaty


def _sync_provisions(
    treaty: Treaty, parsed: ParsedTreaty, report: ImportReport, progress: Callable[[str], None] | None
) -> None:
    """Match the parsed provisions to the rows by eId: create, update, delete; record each change."""
    existing = {p.eid: p for p in treaty.provisions.all()}
    rows, new_by_depth, changed = _plan_rows(treaty, parsed, existing, report, progress)
    parent_of = {item.eid: item.parent_eid for item in parsed.provisions}
    _create_rows(new_by_depth, rows, parent_of)
    _update_rows(changed, rows, parent_of)
    report.removed = [eid for eid in existing if eid not in rows]
    if report.removed:
        treaty.provisions.filter(eid__in=report.removed).delete()


def _plan_rows(
    treaty: Treaty,
    parsed: ParsedTreaty,
    existing: dict[str, Provision],
    report: ImportReport,
    progress: Callable[[str], None] | None,
) -> tuple[dict[str, Provision], dict[int, list[Provision]], list[Provision]]:
    """Every parsed provision's row (new rows by tree depth, existing rows that change)."""
    new_by_depth: dict[int, list[Provision]] = {}
    changed: list[Provision] = []
    rows: dict[str, Provision] = {}
    depth: dict[str, int] = {}
    for position, item in enumerate(parsed.provisions):
        depth[item.eid] = depth[item.parent_eid] + 1 if item.parent_eid else 0
        values = {
            "kind": item.kind,
            "number": item.number,
            "heading": item.heading,
            "text": item.text,
            "position": position,
            "source_line": item.line,
        }
        row = existing.get(item.eid)
        if row is None:
            row = Provision(treaty=treaty, eid=item.eid, **values)
            new_by_depth.setdefault(depth[item.eid], []).append(row)
            if not report.created:
                report.added.append(item.eid)
        else:
            if any(getattr(row, key) != values[key] for key in TRACKED):
                report.edited.append(item.eid)
            parent_changed = (row.parent_id is None) != (item.parent_eid is None) or (
                item.parent_eid is not None and row.parent_id != getattr(rows[item.parent_eid], "pk", None)
            )
            if parent_changed or any(getattr(row, key) != value for key, value in values.items()):
                for key, value in values.items():
                    setattr(row, key, value)
                changed.append(row)
        rows[item.eid] = row
        if progress and (position + 1) % 200 == 0:
            progress(f"{parsed.slug}: {position + 1}/{len(parsed.provisions)} provisions")
    return rows, new_by_depth, changed


def _create_rows(
    new_by_depth: dict[int, list[Provision]], rows: dict[str, Provision], parent_of: dict[str, str | None]
) -> None:
    """Parents precede children in document order, so creating one tree level at a time gives
    every new row its parent's key on insert: no second pass over the rows."""
    for level in sorted(new_by_depth):
        for row in new_by_depth[level]:
            parent_eid = parent_of[row.eid]
            row.parent = rows[parent_eid] if parent_eid else None
        Provision.objects.bulk_create(new_by_depth[level], batch_size=1000)


def _update_rows(changed: list[Provision], rows: dict[str, Provision], parent_of: dict[str, str | None]) -> None:
    for row in changed:
        parent_eid = parent_of[row.eid]
        row.parent = rows[parent_eid] if parent_eid else None
    if changed:
        Provision.objects.bulk_update(
            changed, ["kind", "number", "heading", "text", "position", "source_line", "parent"], batch_size=500
        )


def corpus_files(directory: Path) -> list[Path]:
    """Treaty files in a corpus directory (its README and SOURCES notes are not treaties)."""
    if not directory.is_dir():
        raise TreatyFormatError(str(directory), None, "corpus directory does not exist")
    return sorted(p for p in directory.glob("*.md") if p.name not in {"README.md", "SOURCES.md"})
