"""A reader goes from the site navigation to the findings, follows a norm chip and a provision permalink."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from research.loading import load_research
from treaties.services import import_file

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def research_server(live_server, corpus_dir):
    import_file(path=corpus_dir / "untoc.md")
    load_research()
    return live_server


def test_from_the_findings_to_a_norm_and_a_provision(page, research_server):
    page.goto(f"{research_server.url}/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Findings").click()
    expect(page.locator("h1")).to_have_text("Findings of the literature")
    expect(page.locator("li.finding")).to_have_count(10)

    finding = page.locator("#finding-2")
    expect(finding.get_by_role("heading", level=2)).to_contain_text("bribery of foreign public officials")
    expect(finding.locator("cite").first).to_have_text("Pradityo et al. 2021")
    finding.get_by_role("link", name="Non-intervention in domestic affairs").click()

    expect(page).to_have_url(re.compile(r"/norms/non-intervention/$"))
    expect(page.locator("h1")).to_have_text("Non-intervention in domestic affairs")
    expect(page.get_by_role("navigation", name="Main").get_by_role("link", name="Norms")).to_have_attribute(
        "aria-current", "page"
    )
    page.locator("#main").get_by_role("link", name="untoc art. 8(2)").first.click()
    expect(page).to_have_url(re.compile(r"/treaties/untoc/art_8__para_2/$"))
