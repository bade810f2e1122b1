import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from comparisons.exports import export_csv
from comparisons.management.scope_options import command_error, scope_from, scope_option
from comparisons.selectors import LEVELS, alignment_export
from comparisons.services import ComparisonError, find_comparison
from core.commands import write_output


class Command(BaseCommand):
    help = "Write the current alignment (machine output with curated decisions applied) as JSON or CSV."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--target", required=True)
        parser.add_argument("--sources", required=True, nargs="+")
        scope_option(parser)
        parser.add_argument("--level", choices=LEVELS, default="paragraph")
        parser.add_argument("--format", choices=["json", "csv"], default="json")
        parser.add_argument("--output", type=Path, help="file to write (default: standard output)")
        parser.add_argument(
            "--with-evidence",
            action="store_true",
            help="add each link's evidence (the rules the engine linked it on) as a JSON key / CSV column",
        )
        parser.add_argument(
            "--with-candidates",
            action="store_true",
            help="add the engine's candidates for added and pruned units, apart from the links: a JSON "
            "'candidates' list / CSV rows marked in a last 'candidate' column (paragraph level only)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        articles = scope_from(options)
        try:
            comparison = find_comparison(target=options["target"], sources=options["sources"], articles=articles)
        except ComparisonError as exc:
            raise command_error(exc) from None
        level, with_evidence = options["level"], options["with_evidence"]
        if options["with_candidates"] and level != "paragraph":
            raise CommandError("--with-candidates: candidates are offered for paragraphs, use --level paragraph")
        data = alignment_export(
            comparison, level, with_evidence=with_evidence, with_candidates=options["with_candidates"]
        )
        if options["format"] == "csv":
            text = export_csv(data, with_evidence=with_evidence)
        else:
            text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
        write_output(self, text, options["output"])
