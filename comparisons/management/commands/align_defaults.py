from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand

from treaties.models import Treaty

# (target, sources): the comparisons `make run` sets up; ACTIP's only once it has been imported.
DEFAULT_COMPARISONS = (
    ("coe-trafficking", ("tip-protocol", "untoc")),
    ("smuggling-protocol", ("tip-protocol",)),
    ("actip", ("tip-protocol", "untoc")),
)


class Command(BaseCommand):
    help = "Create and (re-)align the default comparisons whose instruments are imported."

    def handle(self, *args: Any, **options: Any) -> None:
        present = set(Treaty.objects.values_list("slug", flat=True))
        for target, sources in DEFAULT_COMPARISONS:
            if not {target, *sources} <= present:
                self.stdout.write(f"skipping {target} ← {' + '.join(sources)}: not all instruments are imported")
                continue
            call_command("align", "--target", target, "--sources", *sources, stdout=self.stdout)
