"""A source named twice is one source: one comparison, one slug, one set of source units."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from comparisons.forms import AlignForm
from comparisons.models import Comparison
from tests.jobs import run_queued_jobs

from .test_align_view import post_with_token
from .test_curation import login

pytestmark = pytest.mark.django_db
SLUG = "smuggling-protocol--tip-protocol"


def assert_one_comparison_with_one_source() -> None:
    comparison = Comparison.objects.get()
    assert comparison.slug == SLUG
    assert comparison.source_slugs() == ["tip-protocol"]
    run = comparison.latest_run()
    assert run is not None
    units = [tuple(unit) for unit in run.source_units]
    assert units and len(units) == len(set(units))


def test_the_align_command_aligns_a_repeated_source_once(corpus):
    call_command("align", "--target", "smuggling-protocol", "--sources", "tip-protocol", stdout=io.StringIO())
    out = io.StringIO()
    call_command("align", "--target", "smuggling-protocol", "--sources", "tip-protocol", "tip-protocol", stdout=out)
    assert out.getvalue().startswith(f"{SLUG}: ")
    assert_one_comparison_with_one_source()
    assert Comparison.objects.get().runs.count() == 2


def test_the_align_form_aligns_a_repeated_source_once(corpus):
    data = {"target": "smuggling-protocol", "sources": ["tip-protocol", "tip-protocol"]}
    response = post_with_token(login("curator"), "/comparisons/align/", data)
    assert response.status_code == 302 and response["Location"].startswith("/jobs/")  # queued, then run
    assert run_queued_jobs() == 1
    assert_one_comparison_with_one_source()


def test_the_align_form_cleans_repeated_sources_away():
    instruments = [("smuggling-protocol", "Smuggling"), ("tip-protocol", "TIP"), ("untoc", "UNTOC")]
    form = AlignForm(
        {"target": "smuggling-protocol", "sources": ["untoc", "tip-protocol", "untoc"]}, instruments=instruments
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["sources"] == ["untoc", "tip-protocol"]
