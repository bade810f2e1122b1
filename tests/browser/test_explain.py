"""In the browser: a researcher explains a pruned row from the side-by-side page and a link from its
pair page; a curator publishes; the norm chip appears and the worklist of unexplained pruning drops."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from accounts.roles import save_user_with_role
from comparisons.models import Comparison
from research.loading import load_research
from tests.browser.login import log_in
from treaties.services import corpus_files, import_file

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SLUG = "smuggling-protocol--tip-protocol"
PASSWORD = "a-long-unusual-passphrase-42"
NORM = "Non-intervention in domestic affairs"


@pytest.fixture
def server(live_server, corpus_dir):
    for path in corpus_files(corpus_dir):
        import_file(path=path)
    load_research()
    call_command("align", target="smuggling-protocol", sources=["tip-protocol"], stdout=StringIO())
    save_user_with_role(username="rita", role="researcher", password=PASSWORD)
    save_user_with_role(username="cora", role="curator", password=PASSWORD)
    return live_server


def signed_in(browser, server, username: str):
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.set_default_timeout(15_000)
    log_in(page, server, username, PASSWORD)
    return page


def unexplained(page, server) -> int:
    page.goto(f"{server.url}/comparisons/{SLUG}/?relation=pruned&explained=no")
    text = page.locator("#result-count").inner_text()
    return int(re.search(r"Showing (\d+) of", text)[1])


def test_explaining_publishing_and_the_worklist(browser, server):
    rita = signed_in(browser, server, "rita")
    waiting = unexplained(rita, server)
    assert waiting > 0
    first = rita.locator("#pair-list tbody.pair").first
    row_id = first.get_attribute("id")
    first.get_by_role("link", name=re.compile("^Explain")).click()  # htmx loads the form into the row
    editor = rita.locator(f"#slot-{row_id} section.annotation-editor")
    editor.get_by_label(NORM).check()
    editor.get_by_label("Rationale").fill("Left to national law: the Parties keep this to themselves.")
    editor.get_by_role("button", name="Save as a draft").click()
    expect(rita.locator(f"#slot-{row_id}")).to_contain_text("Explanation saved as a draft")

    link = next(r for r in Comparison.objects.get(slug=SLUG).latest_run().overlay().rows if r.is_link)
    rita.goto(
        f"{server.url}/comparisons/{SLUG}/pair/?target={link.target_eid}&source={link.source_treaty}/{link.source_eid}"
    )
    rita.get_by_role("link", name="Explain this decision").click()  # a page of its own
    rita.get_by_label("Consensus").check()
    rita.get_by_role("button", name="Save as a draft").click()
    expect(rita.locator("#explanations")).to_contain_text("Consensus")
    expect(rita.locator("#explanations")).to_contain_text("draft")

    cora = signed_in(browser, server, "cora")
    source = "tip-protocol/" + row_id.removeprefix("pruned-tip-protocol-")
    cora.goto(f"{server.url}/comparisons/{SLUG}/pair/?source={source}")
    cora.locator("#explanations").get_by_role("button", name="Publish").click()
    expect(cora.get_by_text("Explanation published.")).to_be_visible()

    cora.goto(f"{server.url}/comparisons/{SLUG}/?relation=pruned")
    expect(cora.locator(f"#{row_id} a.chip")).to_have_text(NORM)
    assert unexplained(cora, server) == waiting - 1
    cora.goto(f"{server.url}/comparisons/")
    expect(cora.get_by_role("link", name=f"{waiting - 1} pruned, not yet explained")).to_be_visible()
