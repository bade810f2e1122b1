"""Curators align a comparison from the browser: create it, re-run it, with curated work kept."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from comparisons.models import AlignmentRun, Comparison
from comparisons.selectors import pair_row
from tests.factories import decide_on
from tests.jobs import run_queued_jobs
from tests.page_text import page_text

from .test_curation import login

pytestmark = pytest.mark.django_db

ALIGN = reverse("comparisons:align")
SMUGGLING = "smuggling-protocol--tip-protocol"


def post_with_token(client: Client, page: str, data: dict[str, object]):  # type: ignore[no-untyped-def]
    """Read the CSRF token off ``page`` as a browser would, then post ``data`` to the align view."""
    html = client.get(page).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert token, f"no CSRF token on {page}"
    return client.post(ALIGN, {"csrfmiddlewaretoken": token.group(1), **data})


def test_only_curators_may_align(client, corpus):
    assert client.get(ALIGN).status_code == 302  # anonymous: to the login page
    assert login("researcher").get(ALIGN).status_code == 403
    assert login("reader").post(ALIGN, {"target": "smuggling-protocol", "sources": ["tip-protocol"]}).status_code == 403
    assert not Comparison.objects.exists()


def test_a_curator_creates_and_aligns_a_comparison_and_lands_on_it(corpus):
    curator = login("curator")
    form = curator.get(ALIGN, {"target": "smuggling-protocol", "sources": "tip-protocol"}).content.decode()
    assert re.search(r'<option value="smuggling-protocol"[^>]*selected', form)
    assert re.search(r'value="tip-protocol"[^>]*checked', form) and 'role="alert"' not in form
    half_filled = curator.get(ALIGN, {"target": "smuggling-protocol"}).content.decode()
    assert 'role="alert"' not in half_filled  # a link that names no source is not an error yet

    response = post_with_token(curator, ALIGN, {"target": "smuggling-protocol", "sources": ["tip-protocol"]})

    # The run is queued, not done in the request: the job's page says so until the worker runs it.
    assert response.status_code == 302 and response["Location"].startswith("/jobs/")
    assert "Queued" in page_text(curator.get(response["Location"]))
    assert not AlignmentRun.objects.exists()
    assert run_queued_jobs() == 1

    comparison = Comparison.objects.get(slug=SMUGGLING)
    run = comparison.latest_run()
    assert run is not None and run.counts["adopted"] > 0
    done = curator.get(response["Location"])
    page = page_text(done)
    assert f"Aligned {comparison.target.label} (engine {run.engine_version}): " in page
    assert f"{run.counts['pruned']} pruned" in page
    assert f'href="{comparison.get_absolute_url()}"' in done.content.decode()


def test_aligning_again_from_the_comparison_page_adds_a_run_and_keeps_decisions(corpus):
    curator = login("curator")
    post_with_token(curator, ALIGN, {"target": "smuggling-protocol", "sources": ["tip-protocol"]})
    run_queued_jobs()
    comparison = Comparison.objects.get(slug=SMUGGLING)
    link = next(item for item in comparison.latest_run().items.all() if item.relation == "modified")
    decide_on(
        comparison,
        link,
        action="relate",
        relation="adopted",
    )
    page = curator.get(comparison.get_absolute_url()).content.decode()
    assert 'class="realign"' in page and "Align again" in page

    again = {"target": "smuggling-protocol", "sources": ["tip-protocol"]}
    post_with_token(curator, comparison.get_absolute_url(), again)
    run_queued_jobs()

    assert AlignmentRun.objects.filter(comparison=comparison).count() == 2
    row = pair_row(comparison.latest_run(), link.target_eid, link.source_treaty, link.source_eid)
    assert row is not None and row.relation == "adopted" and row.origin == "curated"


def test_readers_do_not_see_the_align_controls(client, corpus):
    curator = login("curator")
    post_with_token(curator, ALIGN, {"target": "smuggling-protocol", "sources": ["tip-protocol"]})
    run_queued_jobs()
    comparison = Comparison.objects.get(slug=SMUGGLING)

    assert 'class="realign"' not in client.get(comparison.get_absolute_url()).content.decode()
    assert ALIGN not in client.get(reverse("comparisons:comparison_list")).content.decode()
    assert ALIGN in curator.get(reverse("comparisons:comparison_list")).content.decode()


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"target": "tip-protocol", "sources": ["tip-protocol"]}, "sources", "cannot be its own source"),
        ({"target": "actip", "sources": ["tip-protocol"]}, "target", "Select a valid choice"),
        ({"target": "smuggling-protocol"}, "sources", "This field is required"),
    ],
)
def test_bad_choices_are_refused_with_the_field_named_and_nothing_run(corpus, data, field, message):
    curator = login("curator")

    response = post_with_token(curator, ALIGN, data)

    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()
    label = {"target": "Regional instrument (target)", "sources": "Global instruments it draws on (sources)"}[field]
    assert re.search(rf"{re.escape(label)}: [^.]*{message}", page_text(response))
    assert not AlignmentRun.objects.exists()
