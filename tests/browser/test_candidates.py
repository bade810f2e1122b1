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


@pytest.mark.usefixtures("aligned_server")
def test_a_curator_works_through_the_possible_links_from_the_keyboard(page, live_server):
    log_in(page, live_server, "cora")
    page.goto(f"{live_server.url}/comparisons/{SLUG}/")
    page.get_by_role("link", name="Possible links").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Possible links")
    url = page.url

    open_rows = page.locator("tr.review-row:not(.review-decided)")
    open_pairs = int(re.match(r"(\d+) open candidate", page.locator("#review-count").inner_text()).group(1))
    first = open_rows.first
    pair = first.get_by_role("link", name=re.compile(r"^Compare side by side")).get_attribute("href")
    target_eid, source_ref = re.search(r"target=([^&]+)&source=(.+)$", pair).groups()
    first.get_by_role("button", name=re.compile(r"^Not a link \(.+ and .+\)$")).focus()
    page.keyboard.press("Enter")  # htmx: the row turns into what was decided, in place

    decided = page.locator("tr.review-decided .curation-message")
    expect(decided).to_contain_text("Link rejected: now marked curated.")
    expect(decided).to_be_focused()  # the screen reader hears it; the next Tab goes on down the list
    expect(page.locator(f'tr.review-row a[href="{pair}"]')).to_have_count(0)
    assert page.url == url  # no page load
    decision = CuratedDecision.objects.get()
    assert (decision.action, decision.target_eid, decision.source_ref) == ("reject", target_eid, source_ref)
    # the count line follows, without a page load: one pair fewer
    expect(page.locator("#review-count")).to_contain_text(f"{open_pairs - 1} open candidate")

    # second thoughts, from the keyboard: past the pair's link, the opposite decision
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_accessible_name(re.compile(r"^Link after all \(.+ and .+\)$"))
    page.keyboard.press("Enter")
    expect(decided).to_contain_text("Link accepted: now marked curated.")
    expect(decided).to_be_focused()
    assert list(CuratedDecision.objects.order_by("pk").values_list("action", flat=True)) == ["reject", "accept"]

    # the next pair is linked with one key press too
    open_rows.first.get_by_role("button", name=re.compile(r"^Link \(.+ and .+\)$")).focus()
    page.keyboard.press("Enter")
    expect(page.locator("tr.review-decided .curation-message").nth(1)).to_contain_text(
        "Link accepted: now marked curated."
    )
    assert CuratedDecision.objects.filter(action="accept").count() == 2

    page.reload()  # both pairs are off the list for good
    expect(page.locator(f'tr.review-row a[href="{pair}"]')).to_have_count(0)
    expect(page.locator("tr.review-decided")).to_have_count(0)
