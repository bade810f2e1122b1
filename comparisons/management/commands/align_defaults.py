from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from comparisons.defaults import DefaultsError, read_default_comparisons
from treaties.models import Treaty


class Command(BaseCommand):
    help = "Create and (re-)align the default comparisons (fixtures/comparisons.json) whose instruments are imported."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--file", type=Path, help="a comparisons file (default: fixtures/comparisons.json)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            defaults = read_default_comparisons(options["file"])
        except DefaultsError as error:
            raise CommandError(str(error)) from None
        present = set(Treaty.objects.values_list("slug", flat=True))
        for default in defaults:
            target, sources = default.target, default.sources
            if not {target, *sources} <= present:
                self.stdout.write(f"skipping {target} ← {' + '.join(sources)}: not all instruments are imported")
                continue
            call_command("align", "--target", target, "--sources", *sources, stdout=self.stdout)
