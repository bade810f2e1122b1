"""``manage.py export_codings [--format csv|json] [--output FILE]``: every coding, one record each."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand

from research.coding_exchange import write_codings
from research.coding_selectors import codings


class Command(BaseCommand):
    help = "Export codings as CSV or JSON (coder, tag path, instrument, eId, citation, memo, times)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--format", choices=["csv", "json"], default="csv")
        parser.add_argument("--output", type=Path, default=None)

    def handle(self, *args: Any, format: str, output: Path | None, **options: Any) -> None:
        text = write_codings(codings(), format)
        if output is None:
            self.stdout.write(text, ending="")
        else:
            output.write_text(text, encoding="utf-8")
