"""In the browser: a curator accepts one of the possible sources the engine offers an added provision,
from the side-by-side page, in one click; the row turns into a curated link in place."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from comparisons.models import Comparison, CuratedDecision

from .login import log_in
from .test_curation import SLUG, aligned_server  # noqa: F401  (the corpus aligned, a curator "cora")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.usefixtures("aligned_server")
def test_a_curator_accepts_a_possible_source_from_the_side_by_side_page(page, live_server):
    run = Comparison.objects.get(slug=SLUG).latest_run()
    candidate = run.candidates.filter(side="target", rank=1).order_by("position").first()
    log_in(page, live_server, "cora")
    page.goto(f"{live_server.url}/comparisons/{SLUG}/#pair-{candidate.target_eid}")

    row = page.locator(f"tbody#pair-{candidate.target_eid}")
    expect(row.locator(".badge-added")).to_be_visible()
    row.locator("details.candidates > summary").click()  # "3 possible sources": htmx loads them
    expect(row.locator(".candidate-list .candidate").first).to_be_visible()
    accept = row.get_by_role("button", name=re.compile(r"^Accept .* as a source of"))
    expect(accept.first).to_be_visible()
    url_before = page.url
    accept.first.focus()
    page.keyboard.press("Enter")  # keyboard use: one key press accepts

    row = page.locator(f"tbody#pair-{candidate.target_eid}")
    expect(row.locator(".curation-message")).to_have_text(re.compile("Link accepted"))
    expect(row.locator(".curated-mark")).to_have_text("curated")
    expect(row.locator(".badge-added")).to_have_count(0)
    expect(row.locator("details.candidates")).to_have_count(0)
    assert page.url == url_before  # swapped in place by htmx, no page load
    decision = CuratedDecision.objects.get()
    assert (decision.action, decision.target_eid, decision.source_ref) == (
        "accept",
        candidate.target_eid,
        candidate.source_ref,
    )

    page.reload()
    expect(page.locator(f"tbody#pair-{candidate.target_eid} .curated-mark")).to_have_text("curated")
