"""A curator adds the Council of Europe family and a norm from /norms/, then reads the norms × relations chart."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from accounts.roles import save_user_with_role
from research.loading import load_research

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-unusual-passphrase-42"


@pytest.fixture
def server(live_server):
    load_research()
    save_user_with_role(username="cora", role="curator", password=PASSWORD)
    return live_server


def test_a_curator_adds_a_family_and_a_norm_then_reads_the_chart(page, server, tmp_path):
    page.goto(f"{server.url}/accounts/login/?next=/norms/")
    page.get_by_label("Username").fill("cora")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("h1")).to_have_text("Norms")

    page.get_by_role("link", name="Add a family").click()
    page.get_by_label("Name").fill("Council of Europe")
    page.get_by_role("button", name="Add the family").click()
    expect(page.get_by_role("status")).to_contain_text("Family “Council of Europe” added")
    expect(page.get_by_label("Family")).to_have_value("council-of-europe")

    page.get_by_label("Name").fill("Victim-centred approach")
    page.get_by_role("button", name="Add the norm").click()  # no definition yet: refused, nothing lost
    expect(page.get_by_role("alert")).to_contain_text("Definition")
    expect(page.get_by_label("Name")).to_have_value("Victim-centred approach")
    page.get_by_label("Definition").fill("Protection and assistance do not depend on helping prosecutors.")
    page.get_by_label("Cites (1)").select_option(label="Acharya 2004")
    page.get_by_label("Page or section (1)").fill("p. 245")
    page.get_by_role("button", name="Add the norm").click()

    expect(page).to_have_url(re.compile(r"/norms/#norm-victim-centred-approach$"))
    family = page.get_by_role("region", name="Council of Europe")
    expect(family.get_by_role("link", name="Victim-centred approach")).to_be_visible()
    expect(family).to_contain_text("Acharya 2004")

    page.get_by_role("link", name="each norm against the relations it explains").click()
    table = page.get_by_role("table")
    expect(table.locator("caption")).to_contain_text("per norm and relation")
    row = table.get_by_role("row", name=re.compile("^Non-intervention in domestic affairs"))
    expect(row.get_by_role("cell").nth(2).get_by_role("link")).to_have_attribute("href", "/norms/non-intervention/")
    expect(table.get_by_role("rowheader", name="Victim-centred approach")).to_be_visible()
    page.screenshot(path=str(tmp_path / "norm-summary.png"), full_page=True)
