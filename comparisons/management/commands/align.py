from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from comparisons.management.scope_options import command_error, scope_from, scope_option
from comparisons.overlay import relation_counts
from comparisons.services import ComparisonError, get_or_create_comparison, run_alignment


class Command(BaseCommand):
    help = "Align a target instrument with its sources (creating the comparison if needed); curated decisions are kept."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--target", required=True, help="id of the regional instrument, e.g. coe-trafficking")
        parser.add_argument("--sources", required=True, nargs="+", help="ids of the source instruments")
        scope_option(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        articles = scope_from(options)
        try:
            comparison = get_or_create_comparison(
                target=options["target"], sources=options["sources"], articles=articles
            )
            run = run_alignment(comparison=comparison)
        except ComparisonError as exc:
            raise command_error(exc) from None
        rows = run.overlay().rows
        effective = relation_counts(rows)
        curated = sum(1 for r in rows if r.origin == "curated")
        self.stdout.write(
            self.style.SUCCESS(f"{comparison.slug}: engine {run.engine_version}, {run.timings['engine']:.3f} s")
        )
        if comparison.scope:
            self.stdout.write(f"  {comparison.scope_label}: added and pruned are counted within it")
        for relation, count in effective.items():
            self.stdout.write(f"  {relation:9s} {count:4d}  (machine {run.counts.get(relation, 0)})")
        self.stdout.write(f"  curated links: {curated}")
        model = run.params.get("embeddings")
        if model:
            self.stdout.write(f"  embeddings: {model} ({run.timings['embeddings']:.1f} s to load or encode)")
        else:
            self.stdout.write("  embeddings: off (optional packages not installed): aligned on wording alone")
