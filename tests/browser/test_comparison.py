"""A researcher reads the CoE convention beside the TIP Protocol and UNTOC: filters, diffs and expands
rows in place, by mouse and by keyboard alone."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from comparisons.services import get_or_create_comparison, run_alignment
from treaties.services import corpus_files, import_file

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def comparison_url(live_server, corpus_dir) -> str:
    for path in corpus_files(corpus_dir):
        import_file(path=path)
    comparison = get_or_create_comparison(target="coe-trafficking", sources=["tip-protocol", "untoc"])
    run_alignment(comparison=comparison)
    return live_server.url + comparison.get_absolute_url()


def row_ids(page) -> list[str]:
    return page.locator("#pair-list tbody.pair").evaluate_all("els => els.map(e => e.id)")


def mark_document(page) -> None:
    """A flag that survives htmx swaps but not a full page load."""
    page.evaluate("() => { window.__notReloaded = true; }")


def not_reloaded(page) -> bool:
    return page.evaluate("() => window.__notReloaded === true")


def focused(page) -> dict[str, str]:
    return page.evaluate(
        "() => ({tag: document.activeElement.tagName, name: document.activeElement.getAttribute('name') || '',"
        " value: document.activeElement.getAttribute('value') || '', text: document.activeElement.textContent.trim(),"
        " cls: document.activeElement.className})"
    )


def tab_until(page, predicate, limit: int = 80) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if predicate(focused(page)):
            return
    raise AssertionError(f"never reached the wanted element by Tab; last was {focused(page)}")


def test_filtering_to_pruned_updates_the_list_in_place_and_the_address(page, comparison_url):
    page.goto(comparison_url)
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("Council of Europe Convention"))
    assert any(i.startswith("pair-") for i in row_ids(page))
    mark_document(page)

    page.get_by_role("checkbox", name="pruned", exact=True).check()

    expect(page).to_have_url(re.compile(r"\?.*relation=pruned"))
    expect(page.locator("#result-count")).to_have_text(re.compile(r"Showing \d+ of \d+ rows"))
    expect(page.locator("#pair-list tbody.pair[id^='pair-']")).to_have_count(0)  # the swap has landed
    ids = row_ids(page)
    assert ids and all(i.startswith("pruned-") for i in ids)
    assert not_reloaded(page)  # swapped by htmx, not a full page load
    expect(page.locator("#pair-list .badge-pruned").first).to_be_visible()

    page.reload()  # the filtered address shows the same view
    expect(page.get_by_role("checkbox", name="pruned", exact=True)).to_be_checked()
    assert row_ids(page) == ids
    assert not not_reloaded(page)


def test_toggling_the_diff_shows_insertions_and_deletions(page, comparison_url):
    page.goto(comparison_url)
    expect(page.locator("#pair-list > section ins").first).to_be_hidden()  # only inside closed <details>
    mark_document(page)

    page.get_by_role("checkbox", name=re.compile("Show word changes")).check()

    expect(page).to_have_url(re.compile(r"diff=on"))
    expect(page.locator("#pair-list .redline ins").first).to_be_visible()
    expect(page.locator("#pair-list .redline del").first).to_be_visible()
    expect(page.locator("#result-count")).to_have_text(re.compile("with word changes"))
    assert not_reloaded(page)
    deco = page.locator("#pair-list .redline del").first.evaluate("e => getComputedStyle(e).textDecorationLine")
    assert "line-through" in deco  # not colour alone


def test_a_row_diff_opens_on_its_own_without_javascript_state(page, comparison_url):
    page.goto(comparison_url)
    toggle = page.locator("details.row-diff").first
    expect(toggle.locator("ins, del").first).to_be_hidden()
    toggle.locator("summary").click()
    expect(toggle.locator("ins, del").first).to_be_visible()


def test_expanding_a_pair_in_place_and_closing_it(page, comparison_url):
    page.goto(comparison_url + "?relation=modified")
    row = page.locator("#pair-list tbody.pair").first
    url_before = page.url

    row.get_by_role("link", name=re.compile("^Details")).first.click()

    panel = row.locator(".pair-slot .pair-panel")
    expect(panel).to_be_visible()
    expect(panel.get_by_role("heading", level=2)).to_be_focused()
    expect(panel.locator("text=Machine alignment, by run")).to_be_visible()
    expect(panel.get_by_role("link", name="Open on its own page")).to_have_attribute("href", re.compile("/pair/\\?"))
    assert page.url == url_before

    panel.get_by_role("button", name=re.compile("Close")).click()
    expect(row.locator(".pair-slot .pair-panel")).to_have_count(0)
    expect(row.locator(".slot-row")).to_be_hidden()


def test_filters_and_toggles_work_from_the_keyboard_alone(page, comparison_url):
    page.goto(comparison_url)
    mark_document(page)

    tab_until(page, lambda f: f["name"] == "relation" and f["value"] == "pruned")
    page.keyboard.press("Space")
    expect(page).to_have_url(re.compile(r"relation=pruned"))
    expect(page.locator("#result-count")).to_have_text(re.compile("Showing"))

    tab_until(page, lambda f: f["name"] == "diff")
    page.keyboard.press("Space")
    expect(page).to_have_url(re.compile(r"relation=pruned.*diff=on|diff=on.*relation=pruned"))

    tab_until(page, lambda f: f["tag"] == "SUMMARY" and "Hide" in f["text"])
    group = page.locator("#pair-list details.article-rows").first
    page.keyboard.press("Enter")
    expect(group).not_to_have_attribute("open", "")
    page.keyboard.press("Enter")
    expect(group).to_have_attribute("open", "")

    tab_until(page, lambda f: f["tag"] == "A" and f["text"].startswith("Details"))
    page.keyboard.press("Enter")
    expect(page.locator("#pair-list .pair-panel").first).to_be_visible()
    expect(page.locator("#pair-list .pair-panel h2").first).to_be_focused()
    assert not_reloaded(page)


def test_the_select_filters_apply_on_change_and_the_focus_ring_is_visible(page, comparison_url):
    page.goto(comparison_url)
    select = page.get_by_label("Source instrument")
    select.focus()
    outline = select.evaluate("e => getComputedStyle(e).outlineStyle")
    assert outline != "none"

    select.select_option("untoc")

    expect(page).to_have_url(re.compile(r"\?instrument=untoc$"))  # empty filters stay out of the address
    expect(page.locator("#pair-list .source-entry .src-chip").first).to_have_text("UNTOC")
    assert not page.locator("#pair-list .source-entry.src-0").count()


def test_a_collapsed_article_group_still_prints(page, comparison_url):
    page.goto(comparison_url)
    group = page.locator("details.article-rows").first
    # The group's own toggle, not a row's "Word changes" inside it.
    toggle = group.locator(":scope > summary")
    toggle.click()
    expect(group).not_to_have_attribute("open", "")
    first_row = group.locator("tbody.pair").first
    expect(first_row).to_be_hidden()
    page.emulate_media(media="print")
    expect(first_row).to_be_visible()
    expect(toggle).to_be_hidden()
