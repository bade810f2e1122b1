"""The candidates a run offers curators: stored with the run, shown on the side-by-side and pair
pages, accepted in one click by curators only, never offered again once decided, never lost work."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from accounts.roles import save_user_with_role
from comparisons.alignment import LINK_RELATIONS
from comparisons.models import Comparison, CuratedDecision, MachineCandidate
from comparisons.selectors import candidates_of
from comparisons.services import get_or_create_comparison, record_decision, run_alignment

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-unusual-passphrase-42"


@pytest.fixture
def comparison(corpus) -> Comparison:
    comparison = get_or_create_comparison(target="coe-trafficking", sources=["tip-protocol", "untoc"])
    run_alignment(comparison=comparison)
    return comparison


def login(role: str) -> Client:
    save_user_with_role(username=role, role=role, password=PASSWORD)
    client = Client(enforce_csrf_checks=True)
    assert client.login(username=role, password=PASSWORD)
    return client


def best(comparison: Comparison, side: str) -> MachineCandidate:
    """The best candidate of the first added target unit (side "target") or pruned source unit."""
    return comparison.latest_run().candidates.filter(side=side, rank=1).order_by("position").first()


def page(comparison: Comparison) -> str:
    return reverse("comparisons:comparison_detail", args=[comparison.slug])


def accept(client: Client, comparison: Comparison, candidate: MachineCandidate, htmx: bool = False, **extra: str):
    html = client.get(page(comparison)).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    data = {
        "csrfmiddlewaretoken": token.group(1) if token else "",
        "target": candidate.target_eid,
        "source": candidate.source_ref,
        "side": candidate.side,
        **extra,
    }
    headers = {"HX-Request": "true"} if htmx else {}
    return client.post(reverse("comparisons:accept_candidate", args=[comparison.slug]), data, headers=headers)


def row_html(html: str, dom_id: str) -> str:
    match = re.search(rf'<tbody id="{re.escape(dom_id)}".*?</tbody>', html, re.S)
    assert match, f"no row {dom_id}"
    return match.group(0)


def accepted_with_htmx(comparison: Comparison, side: str) -> tuple[Client, MachineCandidate, str]:
    """A curator accepts the best candidate on ``side`` from the page (htmx): the client, the candidate, the HTML."""
    curator = login("curator")
    candidate = best(comparison, side)
    response = accept(curator, comparison, candidate, htmx=True)
    assert response.status_code == 200
    return curator, candidate, response.content.decode()


def assert_the_one_decision_accepts(candidate: MachineCandidate) -> None:
    decision = CuratedDecision.objects.get()
    assert (decision.action, decision.target_eid, decision.source_ref) == (
        "accept",
        candidate.target_eid,
        candidate.source_ref,
    )


def test_a_run_stores_its_candidates_and_a_new_run_keeps_the_curated_decisions(comparison):
    run = comparison.latest_run()
    stored = list(run.candidates.all())
    assert stored
    added = {item.target_eid for item in run.items.filter(relation="added")}
    pruned = {(item.source_treaty, item.source_eid) for item in run.items.filter(relation="pruned")}
    links = {(i.target_eid, i.source_treaty, i.source_eid) for i in run.items.filter(relation__in=LINK_RELATIONS)}
    for candidate in stored:
        assert (candidate.target_eid, candidate.source_treaty, candidate.source_eid) not in links
        if candidate.side == "target":
            assert candidate.target_eid in added
        else:
            assert (candidate.source_treaty, candidate.source_eid) in pruned
        assert 1 <= candidate.rank <= 3

    chosen = best(comparison, "target")
    decision = record_decision(
        comparison=comparison, target_eid=chosen.target_eid, source_ref=chosen.source_ref, action="accept"
    )
    assert decision.relation in LINK_RELATIONS  # as the engine classifies the pair

    again = run_alignment(comparison=comparison)
    assert again.pk != run.pk
    assert again.candidates.exists()
    assert CuratedDecision.objects.filter(pk=decision.pk).exists()
    row = next(r for r in again.overlay().rows if r.key == (chosen.target_eid, chosen.source_treaty, chosen.source_eid))
    assert row.origin == "curated" and row.is_link
    # the accepted pair is not offered again, in the new run either
    offered = candidates_of(again)
    assert all(c.key != row.key for found in offered.values() for c in found)
    assert MachineCandidate.objects.filter(run=run).count() == len(stored)  # each run keeps its own


def test_the_side_by_side_rows_offer_possible_sources_and_targets_to_everyone_but_accept_to_curators(
    client, comparison
):
    target_candidate = best(comparison, "target")
    source_candidate = best(comparison, "source")
    html = client.get(page(comparison)).content.decode()
    added_row = row_html(html, f"pair-{target_candidate.target_eid}")
    assert re.search(r"\d possible sources?", added_row)
    assert "best: " in added_row and f"score {target_candidate.score:.1f}" in added_row
    pruned_row = row_html(html, f"pruned-{source_candidate.source_treaty}-{source_candidate.source_eid}")
    assert re.search(r"\d possible targets?", pruned_row)

    # opening a row loads its list (the pair page's fragment); without JavaScript its link leads there
    pair = reverse("comparisons:pair_detail", args=[comparison.slug])
    fragment_url = f"{pair}?target={target_candidate.target_eid}&amp;part=candidates"
    assert f'hx-get="{fragment_url}"' in added_row
    assert f'href="{pair}?target={target_candidate.target_eid}"' in added_row
    listed = client.get(fragment_url.replace("&amp;", "&"), headers={"HX-Request": "true"}).content.decode()
    assert f"target={target_candidate.target_eid}&amp;source={target_candidate.source_ref}" in listed
    assert "shared words:" in listed
    assert "candidate-accept" not in listed  # anonymous readers see them, cannot accept

    curator = login("curator")
    listed = curator.get(fragment_url.replace("&amp;", "&"), headers={"HX-Request": "true"}).content.decode()
    assert 'class="candidate-accept"' in listed
    assert f'name="next" value="{page(comparison)}#pair-{target_candidate.target_eid}"' in listed


def test_a_curator_accepts_a_possible_source_and_the_row_re_renders_as_a_curated_link(comparison):
    curator, candidate, html = accepted_with_htmx(comparison, "target")

    row = row_html(html, f"pair-{candidate.target_eid}")
    assert "curated-mark" in row
    assert "Link accepted" in row
    assert "possible source" not in row
    assert_the_one_decision_accepts(candidate)
    # the source unit's pruned row, if it was pruned, gives way to a notice
    source_pruned = comparison.latest_run().items.filter(
        relation="pruned", source_treaty=candidate.source_treaty, source_eid=candidate.source_eid
    )
    if source_pruned.exists():
        assert 'hx-swap-oob="outerHTML"' in row_html(html, f"pruned-{candidate.source_treaty}-{candidate.source_eid}")
    # the page now shows the link, and no longer offers the pair
    page_html = curator.get(page(comparison)).content.decode()
    assert "curated-mark" in row_html(page_html, f"pair-{candidate.target_eid}")


def test_a_curator_accepts_a_possible_target_without_javascript(comparison):
    curator = login("curator")
    candidate = best(comparison, "source")
    next_url = page(comparison) + f"#pruned-{candidate.source_treaty}-{candidate.source_eid}"
    response = accept(curator, comparison, candidate, next=next_url)

    assert response.status_code == 302
    assert response["Location"] == next_url
    assert_the_one_decision_accepts(candidate)
    html = curator.get(page(comparison)).content.decode()
    assert f'id="pruned-{candidate.source_treaty}-{candidate.source_eid}"' not in html  # linked now


def test_from_a_pruned_row_htmx_swaps_a_notice_and_updates_the_target_row_out_of_band(comparison):
    _, candidate, html = accepted_with_htmx(comparison, "source")
    notice = row_html(html, f"pruned-{candidate.source_treaty}-{candidate.source_eid}")
    assert "is now linked to" in notice and 'role="status"' in notice
    assert 'hx-swap-oob="outerHTML"' in row_html(html, f"pair-{candidate.target_eid}")


def test_readers_and_researchers_cannot_accept_candidates(comparison):
    candidate = best(comparison, "target")
    url = reverse("comparisons:accept_candidate", args=[comparison.slug])
    data = {"target": candidate.target_eid, "source": candidate.source_ref, "side": "target"}
    anonymous = Client()
    response = anonymous.post(url, data)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert anonymous.post(url, data, headers={"HX-Request": "true"}).status_code == 403
    for role in ("reader", "researcher"):
        client = login(role)
        assert accept(client, comparison, candidate).status_code == 403
        assert accept(client, comparison, candidate, htmx=True).status_code == 403
    assert not CuratedDecision.objects.exists()


def test_a_rejected_candidate_is_not_offered_again(client, comparison):
    candidate = best(comparison, "target")
    record_decision(
        comparison=comparison, target_eid=candidate.target_eid, source_ref=candidate.source_ref, action="reject"
    )
    key = (candidate.target_eid, "", "")
    offered = candidates_of(comparison.latest_run(), key).get(key, [])
    assert candidate.source_ref not in [c.source_ref for c in offered]
    pair = reverse("comparisons:pair_detail", args=[comparison.slug])
    html = client.get(f"{pair}?target={candidate.target_eid}").content.decode()
    assert f"source={candidate.source_ref}" not in html


def test_the_pair_page_of_an_added_unit_offers_its_possible_sources(comparison):
    curator = login("curator")
    candidate = best(comparison, "target")
    url = reverse("comparisons:pair_detail", args=[comparison.slug]) + f"?target={candidate.target_eid}"
    html = curator.get(url).content.decode()
    assert "Possible sources" in html
    assert f'name="source" value="{candidate.source_ref}"' in html
    response = accept(curator, comparison, candidate, htmx=True, page="pair")
    assert response.status_code == 200
    assert response["HX-Redirect"].endswith(
        f"target={candidate.target_eid}&source={candidate.source_ref.replace('/', '%2F')}"
    )


def test_bad_input_is_a_400_naming_the_field_never_a_500(comparison):
    curator = login("curator")
    candidate = best(comparison, "target")
    candidate.target_eid = "art_999"
    response = accept(curator, comparison, candidate, htmx=True)
    assert response.status_code == 400
    assert "art_999" in response.content.decode()
    candidate.target_eid = "not an eid!"
    assert accept(curator, comparison, candidate, htmx=True).status_code == 400
    assert not CuratedDecision.objects.exists()
