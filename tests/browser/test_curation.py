"""In the browser: a curated link stays curated after a new alignment run; coverage map cells lead to pairs."""

from __future__ import annotations

import os
import re
from io import StringIO
from urllib.parse import urlencode

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from accounts.roles import save_user_with_role
from comparisons.models import Comparison
from treaties.services import corpus_files, import_file

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SLUG = "coe-trafficking--tip-protocol+untoc"
PASSWORD = "a-long-unusual-passphrase-42"
SHOTS = os.environ.get("NORMDIFF_SCREENSHOTS")  # a directory: save screenshots there


def align() -> None:
    call_command("align", target="coe-trafficking", sources=["tip-protocol", "untoc"], stdout=StringIO())


@pytest.fixture
def aligned_server(live_server, corpus_dir):
    for path in corpus_files(corpus_dir):
        import_file(path=path)
    align()
    save_user_with_role(username="cora", role="curator", password=PASSWORD)
    return live_server


def log_in(page, server) -> None:
    page.goto(f"{server.url}/accounts/login/")
    page.get_by_label("Username").fill("cora")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("button", name=re.compile("Log out"))).to_be_visible()


def a_machine_link():
    rows = Comparison.objects.get(slug=SLUG).latest_run().overlay().rows
    return next(r for r in rows if r.relation == "modified" and r.origin == "machine")


def shot(page, name: str) -> None:
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, name), full_page=True)


def test_a_curated_link_stays_curated_after_a_new_alignment_run(page, aligned_server):
    log_in(page, aligned_server)
    link = a_machine_link()
    query = urlencode({"target": link.target_eid, "source": f"{link.source_treaty}/{link.source_eid}"})
    page.goto(f"{aligned_server.url}/comparisons/{SLUG}/pair/?{query}")
    curation = page.locator("section.curation")
    expect(curation.locator(".origin-machine")).to_be_visible()

    curation.get_by_label("adopted").first.check()
    curation.get_by_label(re.compile("^Note")).first.fill("Only the spelling differs.")
    curation.get_by_role("button", name="Save relation").click()

    expect(curation.locator(".curation-message")).to_have_text(re.compile("Link saved"))  # swapped in by htmx
    expect(curation.locator(".origin-curated")).to_be_visible()
    assert page.url.endswith(query)  # no page load: the fragment replaced itself
    meta = page.locator(".pair-meta")
    expect(meta.locator(".curated-mark")).to_have_text("curated")  # the facts above refreshed too
    expect(meta).to_contain_text("adopted")
    expect(page.locator(".panel-head .badge")).to_have_text("adopted")  # and the heading's badge
    shot(page, "pair-curated.png")

    align()
    page.reload()
    curation = page.locator("section.curation")
    expect(curation.locator(".origin-curated")).to_have_text("curated")
    expect(curation).to_contain_text("Only the spelling differs.")
    expect(curation).to_contain_text("adopted")


def test_curating_from_a_panel_in_the_list_offers_to_reload_the_rows(page, aligned_server):
    log_in(page, aligned_server)
    link = a_machine_link()
    page.goto(f"{aligned_server.url}/comparisons/{SLUG}/?relation=modified")
    row = page.locator(f"tbody#pair-{link.target_eid}")
    entry = row.locator(".source-entry").filter(has=page.locator(f"code.eid:text-is('{link.source_eid}')"))
    entry.get_by_role("link", name=re.compile("^Details")).click()
    curation = row.locator(".pair-slot section.curation")
    stale = page.locator("#list-stale")
    expect(stale).to_be_hidden()
    curation.get_by_label("adopted").first.check()
    curation.get_by_role("button", name="Save relation").click()
    expect(curation.locator(".curation-message")).to_have_text(re.compile("Link saved"))
    expect(stale).to_be_visible()
    expect(entry.locator(".curated-mark")).to_have_count(0)  # the row itself is as loaded
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, "list-stale.png"))

    stale.get_by_role("button", name="Reload the list").click()
    expect(stale).to_be_hidden()
    assert "relation=modified" in page.url
    # The decision made the link adopted, so the modified-only list no longer has it.
    expect(page.locator(f"tbody#pair-{link.target_eid} code.eid:text-is('{link.source_eid}')")).to_have_count(0)


def test_a_curator_links_an_added_provision_to_a_source_found_with_the_picker(page, aligned_server):
    log_in(page, aligned_server)
    rows = Comparison.objects.get(slug=SLUG).latest_run().overlay().rows
    added = next(r for r in rows if r.relation == "added" and r.target_eid.startswith("art_"))
    page.goto(f"{aligned_server.url}/comparisons/{SLUG}/pair/?target={added.target_eid}")
    curation = page.locator("section.curation")
    missed = curation.locator("details.curation-missed")
    expect(missed).to_have_attribute("open", "")
    missed.scroll_into_view_if_needed()  # below the engine's possible sources; its suggestions load on sight
    expect(missed.get_by_role("group", name="Most similar source provisions")).to_be_visible()  # loaded by htmx
    expect(missed.get_by_role("group", name=re.compile("^Close in meaning"))).to_be_visible()
    missed.get_by_label(re.compile("^Find the source provision")).fill("untoc art. 10(2)")
    choice = missed.locator("input[name=source][value='untoc/art_10__para_2']")
    expect(choice).to_be_visible()
    expect(missed.locator("input[name=source]")).to_have_count(1)
    shot(page, "pair-picker.png")
    choice.check()
    missed.get_by_role("button", name="Add link").click()
    expect(curation.locator(".curation-message")).to_have_text(re.compile("Link saved"))
    expect(curation.locator(".origin-curated")).to_be_visible()
    rows = Comparison.objects.get(slug=SLUG).latest_run().overlay().rows
    row = next(r for r in rows if r.is_link and r.key == (added.target_eid, "untoc", "art_10__para_2"))
    assert (row.relation, row.origin) == ("modified", "curated")


def test_curating_without_javascript_uses_plain_forms(browser, aligned_server):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        log_in(page, aligned_server)
        link = a_machine_link()
        query = urlencode({"target": link.target_eid, "source": f"{link.source_treaty}/{link.source_eid}"})
        page.set_default_timeout(10_000)
        page.goto(f"{aligned_server.url}/comparisons/{SLUG}/pair/?{query}")
        shot(page, "pair-nojs.png")
        page.locator("section.curation").get_by_role("button", name="Accept link").click()
        expect(page).to_have_url(re.compile(re.escape(query) + "$"))  # redirected back to the pair page
        expect(page.locator("section.curation .origin-curated")).to_be_visible()
    finally:
        context.close()


def test_a_coverage_map_cell_opens_the_filtered_side_by_side_page(page, aligned_server):
    page.goto(f"{aligned_server.url}/comparisons/{SLUG}/coverage/")
    expect(page.get_by_role("heading", name="Coverage map")).to_be_visible()
    shot(page, "coverage-map.png")
    cell = page.locator("td.cov-cell a[href*='source_article=untoc/']").first
    label = cell.get_attribute("aria-label")
    assert label and re.search(r"\d+% of words kept", label)
    href = cell.get_attribute("href")
    assert href
    article = re.search(r"article=(art_\d+)", href).group(1)
    source_article = re.search(r"source_article=([^&]+)", href).group(1)

    with page.expect_navigation() as navigation:
        cell.click()
    assert navigation.value.status == 200
    expect(page).to_have_url(re.compile(rf"/comparisons/{re.escape(SLUG)}/\?article={article}&source_article="))
    assert source_article in page.url
    expect(page.get_by_label("Target article")).to_have_value(article)
    shot(page, "coverage-followed.png")


def test_a_provision_page_loads_how_it_is_aligned(page, aligned_server):
    page.goto(f"{aligned_server.url}/treaties/tip-protocol/art_6__para_3/")
    section = page.locator("section#alignments")
    block = section.locator(".alignment-block")
    expect(block).to_have_count(1)  # swapped in by htmx after the page loaded
    expect(block.get_by_role("heading", level=3)).to_contain_text("read against")
    expect(block.locator(".badge").first).to_have_text("modified")
    block.get_by_role("link", name=re.compile(r"art\. 12\(1\)")).click()
    expect(page).to_have_url(re.compile(r"/pair/\?target=art_12__para_1&source=tip-protocol/art_6__para_3"))
