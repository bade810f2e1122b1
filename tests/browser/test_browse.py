"""A researcher reads a treaty, navigates by keyboard, searches and follows a result to its permalink."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from treaties.services import corpus_files, import_file

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def corpus_server(live_server, corpus_dir):
    for path in corpus_files(corpus_dir):
        import_file(path=path)
    return live_server


def active_element(page) -> dict[str, str]:
    return page.evaluate(
        "() => ({id: document.activeElement.id, tag: document.activeElement.tagName,"
        " text: document.activeElement.textContent.trim()})"
    )


def test_reading_a_treaty_with_the_table_of_contents(page, corpus_server):
    page.goto(f"{corpus_server.url}/treaties/coe-trafficking/")
    expect(page.locator("h1")).to_have_text(re.compile("Council of Europe Convention"))
    stylesheet_loaded = page.evaluate("() => getComputedStyle(document.body).fontFamily")
    assert "serif" in stylesheet_loaded

    page.locator("nav.toc").get_by_role("link", name=re.compile(r"^Article 26 —")).click()

    expect(page).to_have_url(re.compile(r"#provision-art_26$"))
    target = page.locator("#provision-art_26")
    expect(target).to_be_in_viewport()
    expect(target).to_be_focused()
    # Tab from the target goes on into the article, not back to the top of the page.
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.querySelector('#provision-art_26').contains(document.activeElement)")


def test_the_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(page, corpus_server):
    page.goto(f"{corpus_server.url}/treaties/untoc/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#main$"))
    assert active_element(page)["id"] == "main"


def test_searching_filtering_and_following_a_result(page, corpus_server):
    page.goto(f"{corpus_server.url}/search/")
    box = page.get_by_role("searchbox", name="Search all instruments")
    box.fill("extradition")
    box.press("Enter")

    marks = page.locator("#search-results mark")
    expect(marks.first).to_be_visible()
    expect(marks.first).to_have_text(re.compile("extradit", re.IGNORECASE))
    expect(page).to_have_url(re.compile(r"/search/\?q=extradition"))  # pushed by htmx
    expect(page).to_have_title("Search: extradition · normdiff")
    treaties_shown = set(page.locator(".result-treaty").all_text_contents())
    assert len(treaties_shown) > 1

    page.get_by_role("checkbox", name="UNTOC").check()
    expect(page).to_have_url(re.compile(r"treaty=untoc"))
    expect(page.locator(".result-treaty").first).to_have_text(
        "United Nations Convention against Transnational Organized Crime"
    )
    assert set(page.locator(".result-treaty").all_text_contents()) == {
        "United Nations Convention against Transnational Organized Crime"
    }
    expect(page.locator("#search-results mark").first).to_be_visible()

    first = page.locator(".result-title a").first
    citation = first.text_content()
    assert citation and citation.startswith("UNTOC art. ")
    first.click()

    expect(page).to_have_url(re.compile(r"/treaties/untoc/art_\d+"))
    expect(page.locator("cite.citation")).to_have_text(citation)
    expect(page.locator("nav.breadcrumb")).to_contain_text("UNTOC")


def test_search_works_without_javascript(browser, corpus_server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{corpus_server.url}/search/?q=extradition")
        page.get_by_role("checkbox", name="UNTOC").check()
        page.get_by_role("button", name="Search").click()
        expect(page).to_have_url(re.compile(r"treaty=untoc"))
        expect(page.locator("#search-results mark").first).to_be_visible()
    finally:
        context.close()
