"""Curated decisions: anyone reads them, curators write them with a token or a session, through the service."""

from __future__ import annotations

import pytest
import requests

from comparisons.models import CuratedDecision
from comparisons.selectors import effective_rows

from .conftest import PASSWORD, assert_error

pytestmark = pytest.mark.django_db(transaction=True)
URL = "/comparisons/smuggling-protocol--tip-protocol/decisions/"


def _first_link(comparison):
    return next(r for r in effective_rows(comparison) if r.is_link)


def test_a_curator_rejects_a_link_with_a_token_and_everyone_sees_it(aligned, curator, anonymous):
    link = _first_link(aligned)
    posted = {"target": link.target_eid, "source": f"tip-protocol/{link.source_eid}", "action": "reject", "note": "no"}
    response = curator.post(URL, json=posted)
    assert response.status_code == 201, response.text
    decision = response.json()
    assert decision["action"] == "reject" and decision["user"] == "carla" and decision["note"] == "no"
    assert CuratedDecision.objects.get().user.username == "carla"
    listed = anonymous.get(URL).json()
    assert listed["count"] == 1 and listed["results"][0] == decision
    assert anonymous.get(f"{URL}{decision['id']}/").json() == decision
    links = anonymous.get(
        "/comparisons/smuggling-protocol--tip-protocol/links/",
        params={"relation": ["adopted", "modified"], "limit": 1000},
    ).json()["results"]
    assert (link.target_eid, link.source_eid) not in {(r["target"]["eid"], r["source"]["eid"]) for r in links}


def test_a_related_link_is_curated_in_the_links_and_counts(aligned, curator, anonymous):
    added = next(r for r in effective_rows(aligned) if r.relation == "added")
    pruned = next(r for r in effective_rows(aligned) if r.relation == "pruned")
    posted = {"target": added.target_eid, "source": f"tip-protocol/{pruned.source_eid}", "action": "relate"}
    response = curator.post(URL, json={**posted, "relation": "modified"})
    assert response.status_code == 201, response.text
    assert response.json()["diff"]
    curated = anonymous.get("/comparisons/smuggling-protocol--tip-protocol/links/", params={"curated": "true"}).json()
    (row,) = curated["results"]
    assert row["origin"] == "curated" and row["relation"] == "modified"
    assert row["decision_id"] == response.json()["id"]


def test_decisions_filter_by_target_source_and_action(aligned, curator, anonymous):
    link = _first_link(aligned)
    source = f"tip-protocol/{link.source_eid}"
    for action in ("accept", "reject"):
        assert curator.post(URL, json={"target": link.target_eid, "source": source, "action": action}).ok
    assert anonymous.get(URL, params={"action": "accept"}).json()["count"] == 1
    assert anonymous.get(URL, params={"target": link.target_eid, "source": source}).json()["count"] == 2
    newest_first = [d["action"] for d in anonymous.get(URL).json()["results"]]
    assert newest_first == ["reject", "accept"]
    assert_error(anonymous.get(URL, params={"action": "veto"}), 400, "action")


def test_anonymous_writes_are_401_and_other_roles_403(aligned, anonymous, researcher):
    link = _first_link(aligned)
    posted = {"target": link.target_eid, "source": f"tip-protocol/{link.source_eid}", "action": "reject"}
    response = anonymous.post(URL, json=posted)
    assert_error(response, 401)
    assert response.headers["WWW-Authenticate"] == "Token"
    assert_error(researcher.post(URL, json=posted), 403)
    assert_error(anonymous.post(URL, json=posted, headers={"Authorization": "Token not-a-token"}), 401)
    assert not CuratedDecision.objects.exists()


def test_invalid_decisions_are_400_with_field_messages_and_nothing_is_written(aligned, curator):
    assert_error(curator.post(URL, json={}), 400, "target", "source", "action")
    assert_error(
        curator.post(URL, json={"target": "art 1", "source": "untoc", "action": "veto"}),
        400,
        *["target", "source", "action"],
    )
    # the service's own checks, reported on the field they name
    bad_source = {"target": "art_3", "source": "untoc/art_1", "action": "reject"}
    assert "not a source" in assert_error(curator.post(URL, json=bad_source), 400, "source")["errors"]["source"][0]
    no_unit = {"target": "art_999", "source": "tip-protocol/art_1", "action": "reject"}
    assert_error(curator.post(URL, json=no_unit), 400, "target")
    link = _first_link(aligned)
    no_relation = {"target": link.target_eid, "source": f"tip-protocol/{link.source_eid}", "action": "relate"}
    assert_error(curator.post(URL, json=no_relation), 400, "relation")
    assert_error(curator.post(URL, data="not json", headers={"Content-Type": "application/json"}), 400)
    assert_error(curator.post(URL, json=["a list"]), 400, "non_field_errors")
    assert not CuratedDecision.objects.exists()


def test_a_signed_in_curator_writes_through_the_session_with_the_csrf_token(aligned, live_server):
    from accounts.roles import save_user_with_role

    save_user_with_role(username="cora", role="curator", password=PASSWORD)
    browser = requests.Session()
    login = live_server.url + "/accounts/login/"
    browser.get(login)
    browser.post(
        login, data={"username": "cora", "password": PASSWORD, "csrfmiddlewaretoken": browser.cookies["csrftoken"]}
    )
    link = _first_link(aligned)
    posted = {"target": link.target_eid, "source": f"tip-protocol/{link.source_eid}", "action": "accept"}
    url = live_server.url + "/api/v1" + URL
    assert_error(browser.post(url, json=posted), 403)  # no CSRF token
    response = browser.post(url, json=posted, headers={"X-CSRFToken": browser.cookies["csrftoken"], "Referer": url})
    assert response.status_code == 201, response.text
    assert response.json()["user"] == "cora"
