from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from research.loading import FixtureError, fixtures_dir, load_research


class Command(BaseCommand):
    help = (
        "Load the norm vocabulary, the bibliography and the literature claims from fixtures/ "
        "(idempotent, keyed by slugs; all or nothing)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dir", type=Path, default=None, help=f"fixtures directory (default {fixtures_dir()})")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = load_research(directory=options["dir"])
        except FixtureError as exc:
            raise CommandError(f"{exc} (nothing loaded)") from None
        self.stdout.write(self.style.SUCCESS(f"research data loaded: {report.summary()}"))
