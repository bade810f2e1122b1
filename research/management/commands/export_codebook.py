"""``manage.py export_codebook [--output FILE]``: write a codebook as a REFI-QDA codebook (.qdc)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from research.coding_models import Codebook
from research.coding_selectors import codebook_codes
from research.qdc import build


class Command(BaseCommand):
    help = "Export a codebook as REFI-QDA .qdc XML (to standard output, or --output FILE)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--codebook", default="", help="Slug of the codebook (default: the only one).")
        parser.add_argument("--output", type=Path, default=None)

    def handle(self, *args: Any, codebook: str, output: Path | None, **options: Any) -> None:
        books = Codebook.objects.filter(slug=codebook) if codebook else Codebook.objects.all()
        found = list(books[:2])
        if not found:
            raise CommandError(f"no codebook {codebook!r}" if codebook else "there is no codebook yet")
        if len(found) > 1:
            slugs = ", ".join(Codebook.objects.values_list("slug", flat=True))
            raise CommandError(f"several codebooks ({slugs}): name one with --codebook")
        codes = codebook_codes(found[0])
        if not codes:
            raise CommandError(f"codebook {found[0].slug!r} has no tags (a .qdc needs at least one code)")
        data = build(codes, origin="normdiff")
        if output is None:
            self.stdout.write(data.decode("utf-8"), ending="")
        else:
            output.write_bytes(data)
            self.stderr.write(f"wrote {output}")
