from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from treaties.parsing.errors import TreatyFormatError
from treaties.parsing.readers import FORMATS
from treaties.services import import_file
from treaties.versions import RemovalsNotConfirmed


class Command(BaseCommand):
    help = "Import one treaty: corpus markdown, or plain text / PDF of an official publication."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument("--format", choices=FORMATS, help="default: from the file name (.md, .txt, .pdf)")
        parser.add_argument("--id", dest="slug", help="instrument id (slug) when the file has no front matter")
        parser.add_argument("--title", help="instrument title when the file has no front matter")
        parser.add_argument(
            "--excerpt",
            action="store_true",
            help="the file holds only some articles, numbered as in the full text: gaps in the article "
            "numbers are allowed, repeated or descending numbers are not (same as 'excerpt: true' in front matter)",
        )
        parser.add_argument(
            "--allow-removals",
            type=int,
            default=0,
            metavar="N",
            help="confirm that this import removes exactly N provisions (it is refused otherwise)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = import_file(
                path=options["path"],
                fmt=options["format"],
                slug=options["slug"],
                title=options["title"],
                progress=self.stdout.write,
                allow_removals=options["allow_removals"],
                excerpt=options["excerpt"],
            )
        except RemovalsNotConfirmed as exc:
            raise CommandError(f"{exc} — nothing was imported; pass --allow-removals {exc.count} to confirm") from None
        except TreatyFormatError as exc:
            raise CommandError(f"{exc} — nothing was imported") from None
        self.stdout.write(self.style.SUCCESS(report.summary()))
        for label, eids in (("added", report.added), ("removed", report.removed), ("edited", report.edited)):
            if eids:
                self.stdout.write(f"  {label}: {', '.join(eids)}")
