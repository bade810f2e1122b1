from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from treaties.parsing.errors import TreatyFormatError
from treaties.services import corpus_files, import_file


class Command(BaseCommand):
    help = "Import every *.md instrument in the corpus directory (one transaction per instrument)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dir", type=Path, default=None, help="default: settings.TREATY_CORPUS_DIR")

    def handle(self, *args: Any, **options: Any) -> None:
        directory = options["dir"] or settings.TREATY_CORPUS_DIR
        failures = []
        try:
            files = corpus_files(directory)
        except TreatyFormatError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"Importing {len(files)} instruments from {directory}")
        for index, path in enumerate(files, start=1):
            try:
                report = import_file(path=path, progress=self.stdout.write)
            except TreatyFormatError as exc:
                failures.append(str(exc))
                self.stderr.write(f"[{index}/{len(files)}] {exc} — not imported")
                continue
            self.stdout.write(f"[{index}/{len(files)}] {report.summary()}")
        if failures:
            raise CommandError(f"{len(failures)} of {len(files)} instruments could not be imported")
