"""In the browser: two researchers tag paragraphs from the side-by-side page and a treaty page, the
agreement page shows κ, α and the disagreements, and a curator settles one."""

from __future__ import annotations

import os
import re

import pytest
from playwright.sync_api import expect

from accounts.roles import save_user_with_role
from comparisons.services import get_or_create_comparison, run_alignment
from research.coding_models import Codebook
from research.coding_services import create_tag
from tests.browser.login import log_in
from treaties.models import Provision
from treaties.services import corpus_files, import_file

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "a-long-unusual-passphrase-42"
SHOTS = os.environ.get("NORMDIFF_SCREENSHOTS")


@pytest.fixture
def server(live_server, corpus_dir):
    for path in corpus_files(corpus_dir):
        import_file(path=path)
    comparison = get_or_create_comparison(target="coe-trafficking", sources=["tip-protocol", "untoc"])
    run_alignment(comparison=comparison)
    users = {}
    for name, role in (("rita", "researcher"), ("omar", "researcher"), ("cora", "curator")):
        users[name], _ = save_user_with_role(username=name, role=role, password=PASSWORD)
    book = Codebook.objects.create(slug="themes", name="Themes")
    for name in ("Victims", "Sovereignty"):
        create_tag(user=users["cora"], codebook=book, name=name)
    live_server.comparison_url = live_server.url + comparison.get_absolute_url()
    return live_server


@pytest.fixture
def contexts(browser):  # type: ignore[no-untyped-def]
    """One browser context per person, closed at the end."""
    opened: list = []
    yield lambda: opened.append(browser.new_context(viewport={"width": 1280, "height": 900})) or opened[-1]
    for context in opened:
        context.close()


def logged_in(new_context, server, username: str):  # type: ignore[no-untyped-def]
    context = new_context()
    page = context.new_page()
    page.set_default_timeout(10_000)
    log_in(page, server, username, PASSWORD)
    return page


def tag_in_panel(panel, tag: str, memo: str = "") -> None:  # type: ignore[no-untyped-def]
    panel.locator("select[name=tag]").select_option(label=tag)
    if memo:
        panel.locator("textarea[name=memo]").last.fill(memo)
    panel.get_by_role("button", name=re.compile("^Add tag")).click()


def shot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, name), full_page=True)


def test_two_researchers_tag_the_same_paragraphs_and_a_curator_settles_a_disagreement(contexts, server):
    # rita tags a target paragraph from the side-by-side page, in place
    rita = logged_in(contexts, server, "rita")
    rita.goto(server.comparison_url)
    row = rita.locator("tbody.pair-linked").filter(has=rita.locator(".cell-target code.eid", has_text="__para_")).first
    target_eid = row.locator(".cell-target code.eid").inner_text()
    rita.evaluate("() => { window.__notReloaded = true; }")
    row.locator("a.row-action", has_text="Tag").first.click()
    slot = row.locator(".pair-slot")
    expect(slot.locator(".coding-unit")).to_have_count(3)  # the link, the target and the source paragraph
    target_panel = slot.locator(".coding-unit").nth(1)
    expect(target_panel.locator(".coding-unit-title")).to_contain_text("coe-trafficking")
    tag_in_panel(target_panel, "Victims", "Protects victims first.")
    target_panel = slot.locator(".coding-unit").nth(1)
    expect(target_panel.locator(".coding-message")).to_have_text("Tagged Victims.")
    expect(target_panel).to_contain_text("Protects victims first.")
    assert rita.evaluate("() => window.__notReloaded === true")  # htmx swapped the panel, no page load
    shot(rita, "tagging-side-by-side.png")

    # and another paragraph from its treaty page
    other_eid = (
        Provision.objects.filter(treaty__slug="coe-trafficking", kind="paragraph")
        .exclude(eid=target_eid)
        .values_list("eid", flat=True)
        .first()
    )
    provision_url = f"{server.url}/treaties/coe-trafficking/{other_eid}/"
    rita.goto(provision_url)
    section = rita.locator("section.coding-section")
    tag_in_panel(section.locator(".coding-unit"), "Sovereignty", "About the purposes.")
    expect(section.locator(".coding-message")).to_have_text("Tagged Sovereignty.")

    rita.goto(f"{server.url}/coding/mine/")
    table = rita.locator("table.codings-table")
    expect(table.locator("tbody tr")).to_have_count(2)
    expect(table).to_contain_text("Protects victims first.")
    expect(table).to_contain_text("About the purposes.")

    # omar codes the same two paragraphs from their treaty pages: agrees on one, not on the other
    omar = logged_in(contexts, server, "omar")
    omar.goto(f"{server.url}/treaties/coe-trafficking/{target_eid}/")
    expect(omar.locator("section.coding-section")).to_contain_text("Protects victims first.")  # rita's, visible
    tag_in_panel(omar.locator("section.coding-section .coding-unit"), "Sovereignty")
    expect(omar.locator("section.coding-section .coding-message")).to_have_text("Tagged Sovereignty.")
    omar.goto(provision_url)
    tag_in_panel(omar.locator("section.coding-section .coding-unit"), "Sovereignty")
    expect(omar.locator("section.coding-section .coding-message")).to_have_text("Tagged Sovereignty.")

    # the agreement page: κ and α, and the two disagreements on the first paragraph
    cora = logged_in(contexts, server, "cora")
    cora.goto(f"{server.url}/coding/agreement/")
    cora.get_by_role("button", name="Compute").click()
    expect(cora.locator("dd.kappa")).to_have_text(re.compile(r"^-?\d\.\d{3}$"))
    expect(cora.locator("dd.alpha")).to_have_text(re.compile(r"^-?\d\.\d{3}$"))
    rows = cora.locator("table.disagreements tr.disagreement")
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text("Sovereignty")  # by tag, then unit
    expect(rows.first).to_contain_text("coe-trafficking")
    shot(cora, "tagging-agreement.png")

    # the curator settles one; the page says so, and the coders' codings stay
    rows.first.get_by_label("Note").fill("Sovereignty fits too.")
    rows.first.get_by_role("button", name=re.compile("^Settle: applies")).click()
    expect(cora.locator("table.disagreements tr.disagreement").first.locator(".settled")).to_contain_text(
        "Settled: applies (cora): Sovereignty fits too."
    )
    rita.goto(f"{server.url}/coding/mine/")
    expect(rita.locator("table.codings-table tbody tr")).to_have_count(2)
