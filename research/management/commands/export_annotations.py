import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from comparisons.models import Comparison
from core.commands import write_output
from research.exports import FORMATS, csv_text, exported, jsonld


class Command(BaseCommand):
    help = "Write the published explanations and literature claims as W3C Web Annotation JSON-LD or CSV."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", choices=FORMATS, default="jsonld")
        parser.add_argument("--comparison", default="", help="only this comparison's (slug); default: all")
        parser.add_argument("--output", type=Path, help="file to write (default: standard output)")

    def handle(self, *args: Any, **options: Any) -> None:
        slug = options["comparison"]
        if slug and not Comparison.objects.filter(slug=slug).exists():
            raise CommandError(f"--comparison: no comparison {slug!r}")
        annotations = list(exported(slug))
        if options["format"] == "csv":
            text = csv_text(annotations)
        else:
            text = json.dumps(jsonld(annotations, comparison=slug), indent=2, ensure_ascii=False) + "\n"
        write_output(self, text, options["output"], f"wrote {len(annotations)} annotations to {options['output']}")
