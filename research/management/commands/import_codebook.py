"""``manage.py import_codebook FILE.qdc``: read a REFI-QDA codebook into a codebook (matching tags by GUID)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.text import slugify

from research.coding_services import CodingError, import_codebook
from research.qdc import QdcError, parse


class Command(BaseCommand):
    help = "Import a REFI-QDA codebook (.qdc); tags are matched by GUID, nothing is removed."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--codebook", default="", help="Slug of the codebook (default: from the file name).")
        parser.add_argument("--name", default="", help="Name of a new codebook (default: from the file name).")

    def handle(self, *args: Any, file: Path, codebook: str, name: str, **options: Any) -> None:
        try:
            data = file.read_bytes()
        except OSError as exc:
            raise CommandError(f"{file}: cannot read: {exc.strerror}") from None
        try:
            codes, origin = parse(data, str(file))
            slug = codebook or slugify(file.stem) or "codebook"
            result = import_codebook(slug=slug, name=name or file.stem, codes=codes, origin=origin)
        except QdcError as exc:
            raise CommandError(str(exc)) from None
        except CodingError as exc:
            raise CommandError(f"{file}: {exc.field}: {exc.message}") from None
        self.stdout.write(f"codebook {result.codebook.slug!r}: {result.created} tags created, {result.updated} updated")
