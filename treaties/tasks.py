"""Background jobs of the treaties app: an upload from the import page is imported by the worker
(``manage.py db_worker``), never inside the request; ``manage.py import_treaty`` stays synchronous.

A job returns a small JSON outcome that the job page (:mod:`treaties.jobs`) shows:
``ok``, ``summary``, ``error``, ``url`` and ``link_text``, plus ``report`` for an import.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django_tasks import TaskResult, task

from .models import ImportUpload, Treaty
from .parsing.errors import TreatyFormatError
from .services import import_bytes
from .versions import RemovalsNotConfirmed


@transaction.atomic
def enqueue_import(
    *, name: str, data: bytes, user: Any, check_only: bool, **options: Any
) -> TaskResult[dict[str, Any]]:
    """Keep the upload in the database and queue its import; the worker deletes it once read.

    ``options`` are :func:`treaties.services.import_bytes`'s (``fmt``, ``slug``, ``title``,
    ``allow_removals``, ``excerpt``), passed through the queue as they are."""
    upload = ImportUpload.objects.create(name=name, data=data, created_by=user)
    verb = "Check" if check_only else "Import"
    return import_upload.enqueue(upload_id=upload.pk, check_only=check_only, options=options, label=f"{verb} {name}")


@task()
def import_upload(*, upload_id: int, check_only: bool, options: dict[str, Any], label: str = "") -> dict[str, Any]:
    """Check or import one queued upload (``label`` is what the job page calls the job)."""
    upload = ImportUpload.objects.get(pk=upload_id)
    name, data = upload.name, bytes(upload.data)
    user = get_user_model().objects.filter(pk=upload.created_by_id).first() if upload.created_by_id else None
    upload.delete()
    try:
        report = import_bytes(name=name, data=data, dry_run=check_only, user=user, **options)
    except RemovalsNotConfirmed as error:
        return {"ok": False, "error": f"{error} — nothing was imported.", "removals": error.count, "slug": error.slug}
    except TreatyFormatError as error:
        return {"ok": False, "error": f"{error} — nothing was imported."}
    outcome: dict[str, Any] = {"ok": True, "checked": check_only, "report": dataclasses.asdict(report)}
    outcome["summary"] = ("Check: " if check_only else "") + report.summary()
    if check_only and report.removed:
        outcome["removals"] = len(report.removed)
    treaty = Treaty.objects.filter(slug=report.slug).first()
    if treaty is not None and not check_only:
        outcome.update(url=treaty.get_absolute_url(), link_text=f"Read {treaty.label}", slug=treaty.slug)
    return outcome
