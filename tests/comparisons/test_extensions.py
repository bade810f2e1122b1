"""A layer above comparisons adds chips, actions, filters and list links through COMPARISON_PAGE_EXTENSIONS."""

from __future__ import annotations

import re

import pytest
from django import forms
from django.urls import reverse

from comparisons.display.rows import Chip, RowExtras
from comparisons.extensions import PageExtras, SummaryLink
from comparisons.services import get_or_create_comparison, run_alignment

pytestmark = pytest.mark.django_db
EXTENSION = "tests.comparisons.test_extensions.PrunedMarker"


class PrunedMarker:
    """Marks every pruned row with a chip and an action; ``?marked=yes`` keeps only those rows."""

    def filter_fields(self):  # type: ignore[no-untyped-def]
        return {"marked": forms.ChoiceField(label="Marked", required=False, choices=[("", "any"), ("yes", "marked")])}

    def rows(self, *, comparison, rows, filters, user):  # type: ignore[no-untyped-def]
        marked = {row.key: row for row in rows if row.relation == "pruned"}
        extras = {
            key: RowExtras(chips=(Chip("dropped", "/norms/x/"),), actions=(Chip("Explain", "/explain/", inline=True),))
            for key in marked
        }
        return PageExtras(extras, frozenset(marked) if filters.get("marked") == "yes" else None)

    def summaries(self, comparisons, rows):  # type: ignore[no-untyped-def]
        return {
            c.pk: [SummaryLink("marked", "/marked/", sum(r.relation == "pruned" for r in rows.get(c.pk, ())))]
            for c in comparisons
        }


@pytest.fixture
def comparison(corpus, settings):
    settings.COMPARISON_PAGE_EXTENSIONS = [EXTENSION]
    comparison = get_or_create_comparison(target="smuggling-protocol", sources=["tip-protocol"])
    run_alignment(comparison=comparison)
    return comparison


def test_rows_carry_the_extension_chips_and_actions(client, comparison):
    html = client.get(comparison.get_absolute_url()).content.decode()
    pruned = html[html.index('<tbody id="pruned-') :]
    pruned = pruned[: pruned.index("</tbody>")]
    assert '<a class="chip" href="/norms/x/">dropped</a>' in pruned
    assert 'hx-get="/explain/"' in pruned
    linked = html[html.index('<tbody id="pair-') :]
    assert 'class="chip"' not in linked[: linked.index("</tbody>")]


def test_the_extension_filter_is_a_field_of_the_form_and_keeps_its_rows(client, comparison):
    everything = client.get(comparison.get_absolute_url()).content.decode()
    assert 'name="marked"' in everything
    html = client.get(comparison.get_absolute_url() + "?marked=yes").content.decode()
    ids = re.findall(r'<tbody id="((?:pair|pruned)-[^"]+)"', html)
    counts = comparison.latest_run().counts
    assert ids and all(i.startswith("pruned-") for i in ids) and len(ids) == counts["pruned"]


def test_without_extensions_the_page_has_no_extra_field(client, comparison, settings):
    settings.COMPARISON_PAGE_EXTENSIONS = []
    html = client.get(comparison.get_absolute_url() + "?marked=yes").content.decode()
    assert 'name="marked"' not in html and 'class="chip"' not in html


def test_the_comparison_list_shows_the_extension_links(client, comparison):
    html = client.get(reverse("comparisons:comparison_list")).content.decode()
    pruned = comparison.latest_run().counts["pruned"]
    assert f'<a href="/marked/">{pruned} marked</a>' in html
